"""Property-based run of the whole OpenAPI document: no input makes a 5xx, every answer fits the schema."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.main import create_app
from tests.conftest import KEY_A, make_settings

# The schema is loaded when the module is collected (schemathesis's lazy fixture loader does not
# run under this pytest), so the app and its database directory are made at import.
_workdir = tempfile.TemporaryDirectory(prefix="prescreen-schemathesis-")
api_app = create_app(make_settings(f"sqlite:///{Path(_workdir.name) / 'prescreen.db'}"))
schema = schemathesis.openapi.from_asgi("/openapi.json", api_app)


@pytest.fixture(scope="module", autouse=True)
def running_app() -> Iterator[None]:
    """Run the lifespan (schemathesis's own client does not start it) for the whole module."""
    with TestClient(api_app):
        yield
    _workdir.cleanup()


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
def test_api_conforms_to_its_schema(case: Any) -> None:
    case.call_and_validate(
        headers={"X-API-Key": KEY_A},
        checks=[
            not_a_server_error,
            response_schema_conformance,
            status_code_conformance,
            content_type_conformance,
        ],
    )
