"""Operator scope apart from tenant scope; the screening time limit; bidi text read as displayed."""

from __future__ import annotations

import itertools

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.engine.bidi import displayed_text
from app.main import create_app
from app.services.keys import BootstrapKeys, Principal, create_key
from app.services.time_limit import ScreeningTimeLimitExceeded, within_time_limit
from app.settings import Settings
from tests.conftest import KEY_A, KEY_B, make_settings
from tests.factories import line, manifest
from tests.helpers import assert_problem

CAMPAIGN = {
    "name": "Test campaign",
    "authority": "Test authority",
    "starts_on": "2026-01-01",
    "ends_on": "2026-12-31",
    "channels": [],
    "destinations": ["DE"],
    "categories": ["watches"],
    "weight": 1.2,
    "source": "test fixture",
}


def _db_key(client: TestClient, tenant: str, **role: bool) -> str:
    """A key as `prescreen keys create` makes it, in the app's database."""
    with client.app.state.prescreen.sessions() as session:  # type: ignore[attr-defined]
        _, key = create_key(session, tenant, role.get("admin", False), operator=role.get("operator", False))
        session.commit()
    return key


def test_only_an_operator_key_changes_what_every_tenant_shares(client: TestClient) -> None:
    keys = {
        "user": KEY_B,
        "tenant admin": _db_key(client, "tenant-c", admin=True),
        "operator": _db_key(client, "ops", operator=True),
        "bootstrap admin": KEY_A,  # PRESCREEN_API_KEYS' admin entry: the deployment's own key
    }
    answers = {
        who: (
            client.put("/v1/campaigns/scope-test", json=CAMPAIGN, headers={"X-API-Key": key}).status_code,
            client.post("/v1/brand-lists/reload", headers={"X-API-Key": key}).status_code,
        )
        for who, key in keys.items()
    }

    assert answers == {
        "user": (403, 403),
        "tenant admin": (403, 403),
        "operator": (200, 200),
        "bootstrap admin": (200, 200),
    }
    refused = client.put(
        "/v1/campaigns/scope-test", json=CAMPAIGN, headers={"X-API-Key": keys["tenant admin"]}
    )
    assert "operator" in assert_problem(refused, 403)["detail"]


def test_a_tenant_admin_still_works_in_its_own_tenant(client: TestClient) -> None:
    headers = {"X-API-Key": _db_key(client, "tenant-c", admin=True)}
    assert client.post("/v1/screenings", json=manifest(), headers=headers).status_code == 201
    assert len(client.get("/v1/screenings", headers=headers).json()["items"]) == 1
    assert client.get("/v1/screenings").json()["items"] == []  # tenant A sees none of it


def test_bootstrap_keys_keep_their_format() -> None:
    settings = Settings(api_keys="a:key-a,b:key-b:admin,c:key-c:operator")
    keys = BootstrapKeys(settings.bootstrap_keys)
    assert keys.resolve("key-a") == Principal("a", admin=False, operator=False)
    assert keys.resolve("key-b") == Principal("b", admin=True, operator=True)
    assert keys.resolve("key-c") == Principal("c", admin=True, operator=True)
    with pytest.raises(ValidationError, match="tenant:key:admin"):
        Settings(api_keys="a:key-a:root")


def test_a_screening_past_its_time_limit_answers_413_and_records_nothing(sqlite_url: str) -> None:
    settings = make_settings(sqlite_url, screening_time_limit=1e-9)
    lines = [line(f"Ceramic coffee mugs, lot {i}", line_id=str(i)) for i in range(600)]
    with TestClient(create_app(settings), headers={"X-API-Key": KEY_A}) as client:
        answer = client.post("/v1/screenings", json=manifest(*lines))
        small = client.post("/v1/screenings", json=manifest())  # one chunk: always screened
        listed = client.get("/v1/screenings").json()["items"]

    problem = assert_problem(answer, 413)
    assert "PRESCREEN_SCREENING_TIME_LIMIT" in problem["detail"]
    assert small.status_code == 201
    assert [item["screening_id"] for item in listed] == [small.json()["screening_id"]]


def test_the_time_limit_reads_the_clock_between_chunks() -> None:
    ticks = itertools.count()
    seen: list[int] = []

    def screener(lines: object, env: object, rules: object) -> list[object]:
        seen.append(len(lines))  # type: ignore[arg-type]
        return list(lines)  # type: ignore[call-overload]

    limited = within_time_limit(screener, 2.5, chunk_lines=10, clock=lambda: float(next(ticks)))
    assert len(limited([(i, None) for i in range(25)], None, None)) == 25  # type: ignore[arg-type]
    with pytest.raises(ScreeningTimeLimitExceeded, match="screened 30 of 50 lines"):
        limited([(i, None) for i in range(50)], None, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "displayed"),
    [
        ("\u202eXELOR\u202c", "ROLEX"),
        ("Watch \u202eXELOR\u202c steel", "Watch ROLEX steel"),
        ("\u202eXELOR", "ROLEX"),  # an override runs to the end of its paragraph
        ("\u202eXELOR\nplain", "ROLEX\nplain"),
        ("a\u202e1\u202d23\u202c4\u202cb", "a4231b"),  # a left-to-right override inside
        ("\u200fmark\u200e \u2067RTL\u2069", "mark RTL"),  # marks and isolates only drop
        ("no controls at all", "no controls at all"),
    ],
)
def test_displayed_text_applies_overrides_and_drops_controls(text: str, displayed: str) -> None:
    assert displayed_text(text) == displayed
