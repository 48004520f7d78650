"""Assertions that pin the shape of API responses (CONTRACT.md), shared by the API tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import pytest

from app.reference.knowledge import DataPaths, Knowledge, load_knowledge
from app.services import knowledge_store

PROBLEM_JSON = "application/problem+json"
LEVELS = ("low", "medium", "high", "critical")
DECISION_OF_LEVEL = {"low": "clear", "medium": "review", "high": "review", "critical": "hold"}
SEVERITIES = {"info", "low", "medium", "high", "critical"}
MANIFEST_CODES = {
    "CAMPAIGN_DESTINATION",
    "CAMPAIGN_CHANNEL",
    "SEPARATED_MARKS",
    "SPLIT_SHIPMENT",
    "ANT_MOVING",
}
LINE_CODES = {
    "BRAND_MATCH",
    "BRAND_AUTHORIZED",
    "PRICE_ANOMALY",
    "HIGH_RISK_CATEGORY",
    "VAGUE_DESCRIPTION",
    "HS_MISMATCH",
}
_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")
SCREENING_KEYS = {
    "screening_id",
    "reference",
    "created_at",
    "risk_score",
    "risk_level",
    "decision",
    "campaigns",
    "versions",
    "flags",
    "lines",
}
FLAG_KEYS = {"code", "severity", "line_id", "reason", "recommendation", "evidence", "points"}


class HttpResponse(Protocol):
    """What the tests read of a test client's response (httpx or httpx2)."""

    status_code: int

    @property
    def headers(self) -> Mapping[str, str]: ...

    def json(self) -> Any: ...


def level_of(score: int, thresholds: tuple[int, int, int] = (25, 50, 75)) -> str:
    medium_at, high_at, critical_at = thresholds
    if score >= critical_at:
        return "critical"
    if score >= high_at:
        return "high"
    if score >= medium_at:
        return "medium"
    return "low"


def _score(value: object) -> bool:
    """An int (not a bool) from 0 to 100."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _flag_key(flag: Mapping[str, Any]) -> tuple[Any, ...]:
    return (flag["code"], flag["line_id"], flag["points"], flag["reason"])


def assert_flag_shape(flag: Any) -> None:
    assert isinstance(flag, dict), flag
    assert set(flag) == FLAG_KEYS, sorted(flag)
    assert _CODE.match(str(flag["code"])), flag["code"]
    assert flag["severity"] in SEVERITIES, flag["severity"]
    assert flag["line_id"] is None or isinstance(flag["line_id"], str), flag["line_id"]
    assert _text(flag["reason"]), flag
    assert _text(flag["recommendation"]), flag
    assert isinstance(flag["evidence"], dict), flag
    # Not bounded by 100: a campaign multiplier may scale a flag past it (the line score is capped).
    assert type(flag["points"]) is int, flag["points"]
    assert flag["points"] >= 0, flag["points"]
    if flag["code"] in MANIFEST_CODES:
        assert flag["line_id"] is None, f"{flag['code']} is a manifest-level flag: {flag}"
    if flag["code"] in LINE_CODES:
        assert flag["line_id"] is not None, f"{flag['code']} is a line-level flag: {flag}"
    if flag["code"] == "BRAND_MATCH":
        for field in ("brand", "matched_text", "match_type", "similarity"):
            assert field in flag["evidence"], f"BRAND_MATCH evidence lacks {field}: {flag}"
    if flag["code"] == "CAMPAIGN_DESTINATION":
        for field in ("campaign", "country"):
            assert field in flag["evidence"], f"CAMPAIGN_DESTINATION evidence lacks {field}: {flag}"


def assert_screening_shape(body: Any, thresholds: tuple[int, int, int] = (25, 50, 75)) -> None:
    """Every field and type of a screening result, and the arithmetic the contract promises."""
    assert isinstance(body, dict), body
    assert set(body) == SCREENING_KEYS, sorted(body)
    assert str(body["screening_id"]).startswith("scr_"), body["screening_id"]
    assert body["reference"] is None or isinstance(body["reference"], str)
    created = dt.datetime.fromisoformat(body["created_at"])
    assert created.utcoffset() is not None, "created_at must carry its time zone"

    assert _score(body["risk_score"]), body["risk_score"]
    assert body["risk_level"] == level_of(body["risk_score"], thresholds), body
    assert body["decision"] == DECISION_OF_LEVEL[body["risk_level"]], body

    assert isinstance(body["campaigns"], list)
    assert all(isinstance(c, str) and c for c in body["campaigns"]), body["campaigns"]
    versions = body["versions"]
    assert list(versions)[:3] == ["engine", "brand_list", "campaigns"], versions
    assert all(_text(v) for v in versions.values()), versions

    assert isinstance(body["flags"], list)
    for flag in body["flags"]:
        assert_flag_shape(flag)
    assert isinstance(body["lines"], list), body["lines"]
    assert body["lines"], "a result has one entry per line"
    line_ids = [line["line_id"] for line in body["lines"]]
    assert len(set(line_ids)) == len(line_ids), f"line ids repeat: {line_ids}"

    line_flags: list[dict[str, Any]] = []
    for line in body["lines"]:
        assert set(line) == {"line_id", "risk_score", "risk_level", "flags"}, sorted(line)
        assert _text(line["line_id"]), line
        assert _score(line["risk_score"]), line
        assert line["risk_level"] == level_of(line["risk_score"], thresholds), line
        assert isinstance(line["flags"], list)
        for flag in line["flags"]:
            assert_flag_shape(flag)
            assert flag["line_id"] == line["line_id"], f"line {line['line_id']} repeats a foreign flag {flag}"
        points = sum(flag["points"] for flag in line["flags"])
        assert line["risk_score"] == min(100, points), (
            f"line {line['line_id']}: score {line['risk_score']} but its flags add up to {points}"
        )
        line_flags.extend(line["flags"])

    top_line = max(line["risk_score"] for line in body["lines"])
    assert body["risk_score"] >= top_line, f"manifest {body['risk_score']} below its top line {top_line}"

    # Top-level flags: every line's flags, plus manifest-level ones (line_id null), nothing else.
    top = Counter(_flag_key(f) for f in body["flags"] if f["line_id"] is not None)
    assert top == Counter(_flag_key(f) for f in line_flags), "top-level flags differ from the lines' flags"
    known = set(line_ids)
    assert all(f["line_id"] in known for f in body["flags"] if f["line_id"] is not None)
    if not body["flags"]:
        assert body["risk_score"] == 0, "a score with no flag to explain it"


def flags_of(body: Mapping[str, Any], code: str, line_id: str | None = None) -> list[dict[str, Any]]:
    """The top-level flags of one code (and line)."""
    return [f for f in body["flags"] if f["code"] == code and (line_id is None or f["line_id"] == line_id)]


def line_of(body: Mapping[str, Any], line_id: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [line for line in body["lines"] if line["line_id"] == line_id]
    assert len(found) == 1, f"no single line {line_id!r} in {[line['line_id'] for line in body['lines']]}"
    return found[0]


def _loc_matches(loc: Sequence[Any], wanted: Sequence[str | int]) -> bool:
    """`wanted` appears in `loc` in order (not necessarily adjacent)."""
    parts = iter(loc)
    return all(any(part == want for part in parts) for want in wanted)


def assert_problem(
    response: HttpResponse, status: int, loc: Sequence[str | int] | None = None
) -> dict[str, Any]:
    """An RFC 9457 problem of this status; for a 422, an `errors` list, one of whose locs has `loc`."""
    assert response.status_code == status, (response.status_code, response.json())
    content_type = response.headers.get("content-type", "")
    assert content_type.split(";")[0].strip() == PROBLEM_JSON, content_type
    body: dict[str, Any] = response.json()
    assert body["status"] == status, body
    assert _text(body["type"]), body
    assert _text(body["title"]), body
    assert _text(body["detail"]), body
    if status == 422:
        errors = body.get("errors")
        assert isinstance(errors, list), body
        assert errors, f"a 422 names its fields in `errors`: {body}"
        for error in errors:
            assert isinstance(error["loc"], list), error
            assert _text(error["msg"]), error
        if loc is not None:
            assert any(_loc_matches(e["loc"], loc) for e in errors), (
                f"no error at {list(loc)}: {[e['loc'] for e in errors]}"
            )
    return body


def _data_digest(paths: DataPaths) -> str:
    """A hash of every data file the paths name: equal digests, equal loaded knowledge."""
    files: list[Path] = [*paths.brand_lists, *paths.party_lists, paths.categories, paths.hs_codes]
    files.append(paths.rates)
    for folder in (paths.geography_dir, *paths.campaigns):
        files.extend(sorted(p for p in Path(folder).rglob("*") if p.is_file()))
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


@contextmanager
def knowledge_cache() -> Iterator[None]:
    """Load each distinct set of data files once per test session.

    Every test builds its own app, and loading the data files is the slow part of a start; the
    loaded Knowledge is immutable and depends only on the files' bytes, so apps over identical
    files may share it. Changed files (the reload tests) are loaded afresh; failures are not kept.
    """
    cache: dict[str, Knowledge] = {}

    def load(paths: DataPaths) -> Knowledge:
        key = _data_digest(paths)
        if key not in cache:
            cache[key] = load_knowledge(paths)
        return cache[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(knowledge_store, "load_knowledge", load)
        yield


WARNING_CODES = {"header_row", "column_read", "column_ignored", "rows_skipped", "sheet_ignored"}


def assert_upload_shape(body: Any) -> list[dict[str, Any]]:
    """A screening of an uploaded packing list: the screening's shape plus its `warnings`."""
    assert isinstance(body, dict), body
    warnings = body.get("warnings")
    assert isinstance(warnings, list), warnings
    assert warnings, "an upload answers what it read"
    for warning in warnings:
        assert warning["code"] in WARNING_CODES, warning
        assert _text(warning["message"]), warning
    assert_screening_shape({k: v for k, v in body.items() if k != "warnings"})
    return warnings
