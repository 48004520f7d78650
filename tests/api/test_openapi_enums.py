"""The OpenAPI document names the closed vocabularies as enums, so generated clients get enum types."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.engine.types import FlagCode, Severity
from app.matching.hits import MatchType


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in node:  # an optional field: the enum beside null
        [node] = [resolve(schema, n) for n in node["anyOf"] if n.get("type") != "null"]
    return node


def enum_of(schema: dict[str, Any], model: str, field: str) -> set[str]:
    node = resolve(schema, schema["components"]["schemas"][model]["properties"][field])
    return set(node["enum"])


def test_results_declare_their_enums(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    levels = {"low", "medium", "high", "critical"}
    assert enum_of(schema, "ScreeningOut", "risk_level") == levels
    assert enum_of(schema, "LineOut", "risk_level") == levels
    assert enum_of(schema, "ScreeningSummary", "risk_level") == levels
    assert enum_of(schema, "ScreeningOut", "decision") == {"clear", "review", "hold"}
    assert enum_of(schema, "ScreeningSummary", "decision") == {"clear", "review", "hold"}
    assert enum_of(schema, "FlagOut", "code") == {code.value for code in FlagCode}
    assert enum_of(schema, "FlagOut", "severity") == {s.value for s in Severity}


def test_match_types_are_an_enum_in_evidence_and_brand_search(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    evidence = resolve(schema, schema["components"]["schemas"]["FlagOut"]["properties"]["evidence"])
    assert set(resolve(schema, evidence["properties"]["match_type"])["enum"]) == {m.value for m in MatchType}
    assert evidence["additionalProperties"] is True
    assert enum_of(schema, "BrandMatchOut", "match_type") == {m.value for m in MatchType}


def test_the_decision_filter_and_the_view_are_enums(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    params = {p["name"]: p for p in schema["paths"]["/v1/screenings"]["get"]["parameters"]}
    assert set(resolve(schema, params["decision"]["schema"])["enum"]) == {"clear", "review", "hold"}
    for path in ("/v1/screenings", "/v1/screenings/{screening_id}"):
        method = "post" if path == "/v1/screenings" else "get"
        params = {p["name"]: p for p in schema["paths"][path][method]["parameters"]}
        assert set(resolve(schema, params["view"]["schema"])["enum"]) == {"full", "summary"}


def test_every_flag_the_service_raises_is_in_the_enum(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    codes = enum_of(schema, "FlagOut", "code")
    example = schema["components"]["schemas"]["ScreeningRequest"]["examples"][0]

    body = client.post("/v1/screenings", json=example).json()

    assert body["flags"]
    assert {flag["code"] for flag in body["flags"]} <= codes
    assert {flag["severity"] for flag in body["flags"]} <= enum_of(schema, "FlagOut", "severity")
    match_types = {f["evidence"]["match_type"] for f in body["flags"] if "match_type" in f["evidence"]}
    assert match_types
    assert match_types <= {m.value for m in MatchType}
