"""Manifests and a campaign for the re-screening and webhook tests: plush toys to New Zealand, beside
a line too vague to check, are cleared until a campaign on toys to New Zealand is put in force (the
vague line is the other risk a campaign raises; plain goods alone it lifts only to the plain-goods
ceiling, still cleared: docs/scoring.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.factories import line, manifest

TODAY = dt.datetime.now(dt.UTC).date()


def toys_to_nz(shipper: str, days_from_today: int) -> dict[str, Any]:
    return manifest(
        line("Plush toys, teddy bears", hs_code="9503.00", quantity=50, unit_value=12.0),
        line("Goods", quantity=10, unit_value=3.0),
        reference=f"TOYS-{shipper}",
        shipper={"id": shipper, "name": f"{shipper} Trading Co.", "country": "CN"},
        destination_country="NZ",
        departure_date=(TODAY + dt.timedelta(days=days_from_today)).isoformat(),
    )


def toys_campaign() -> dict[str, Any]:
    return {
        "name": "Test campaign: toys to New Zealand",
        "starts_on": (TODAY - dt.timedelta(days=30)).isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=90)).isoformat(),
        "channels": [],
        "destinations": ["NZ"],
        "categories": ["toys"],
        "weight": 1.0,
    }
