"""Request bodies for API tests, built from small parts."""

from __future__ import annotations

import datetime as dt
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


def small_parcel(day: dt.date) -> dict[str, Any]:
    """One of a series of small express parcels of watches from one shipper to one consignee."""
    return manifest(
        line("Quartz wrist watch, men", hs_code="9102.11", quantity=3, unit_value=8.0, packages=1),
        reference=f"PARCEL-{day.isoformat()}",
        shipper={"id": "SHP-ANT", "name": "Xiamen Example Trading Co.", "country": "CN"},
        consignee={"id": "CNE-ANT", "name": "Example Retail LLC", "country": "US"},
        destination_country="US",
        channel="express",
        departure_date=day.isoformat(),
    )
