"""Request bodies for API tests, built from small parts."""

from __future__ import annotations

from typing import Any


def line(description: str = "Ceramic coffee mugs 350ml, white", **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"description": description, "quantity": 100, "unit_value": 1.2, "currency": "USD"}
    body.update(fields)
    return body


def manifest(*lines: dict[str, Any], **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "reference": "BL-TEST-1",
        "shipper": {"id": "SHP-1", "name": "Ningbo Test Trading Co.", "country": "CN"},
        "consignee": {"id": "CNE-1", "name": "Test Imports GmbH", "country": "DE"},
        "destination_country": "DE",
        "channel": "sea_freight",
        "departure_date": "2026-06-10",
        "lines": list(lines) or [line()],
    }
    body.update(fields)
    return body
