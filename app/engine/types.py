"""Typed inputs and outputs of the screening engine.

Plain frozen dataclasses: the engine runs per line on manifests of up to 10,000 lines, so its
values are cheap to build and carry no validation of their own (the API layer validated them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Channel(StrEnum):
    SEA_FREIGHT = "sea_freight"
    AIR_FREIGHT = "air_freight"
    RAIL_FREIGHT = "rail_freight"
    ROAD_FREIGHT = "road_freight"
    EXPRESS = "express"
    POSTAL = "postal"
    CROSS_BORDER_ECOMMERCE = "cross_border_ecommerce"


# The goods categories of the API contract; the category table may define more.
CONTRACT_CATEGORY_IDS = frozenset(
    {
        "watches",
        "jewellery",
        "bags_luggage",
        "clothing",
        "footwear",
        "headwear",
        "toys",
        "consumer_electronics",
        "mobile_phones",
        "integrated_circuits",
        "small_appliances",
        "masks_ppe",
        "medical_devices",
        "medicine",
        "cosmetics",
        "perfume",
        "personal_care",
        "food",
        "tobacco",
        "auto_parts",
        "sporting_goods",
        "eyewear",
    }
)


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class FlagCode(StrEnum):
    BRAND_MATCH = "BRAND_MATCH"
    BRAND_AUTHORIZED = "BRAND_AUTHORIZED"
    PRICE_ANOMALY = "PRICE_ANOMALY"
    HIGH_RISK_CATEGORY = "HIGH_RISK_CATEGORY"
    CAMPAIGN_DESTINATION = "CAMPAIGN_DESTINATION"
    CAMPAIGN_CHANNEL = "CAMPAIGN_CHANNEL"
    VAGUE_DESCRIPTION = "VAGUE_DESCRIPTION"
    HS_MISMATCH = "HS_MISMATCH"
    SEPARATED_MARKS = "SEPARATED_MARKS"
    SPLIT_SHIPMENT = "SPLIT_SHIPMENT"
    ANT_MOVING = "ANT_MOVING"
    PARTY_LISTED = "PARTY_LISTED"
    PARTY_CLEARED = "PARTY_CLEARED"


@dataclass(frozen=True, slots=True)
class Party:
    id: str | None
    name: str | None
    country: str | None  # ISO 3166-1 alpha-2, upper case
    identifiers: tuple[tuple[str, str], ...] = ()  # (scheme, normalised value): ('uscc', '9144...')


@dataclass(frozen=True, slots=True)
class ManifestLine:
    line_id: str
    description: str
    hs_code: str | None = None  # digits only, 4-10 of them
    quantity: int | None = None
    unit_value: float | None = None
    currency: str = "USD"
    brand: str | None = None  # the brand the shipper declared
    packages: int | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    reference: str | None
    shipper: Party
    consignee: Party
    destination_country: str  # ISO alpha-2, upper case
    channel: Channel
    departure_date: dt.date
    lines: tuple[ManifestLine, ...]


@dataclass(frozen=True, slots=True)
class Flag:
    """One finding: what was seen, why it matters, what to do, and the points it added."""

    code: FlagCode
    severity: Severity
    line_id: str | None
    reason: str
    recommendation: str
    points: int
    evidence: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Campaign:
    """An enforcement campaign, with destinations already expanded to ISO alpha-2 codes."""

    id: str
    name: str
    authority: str
    starts_on: dt.date
    ends_on: dt.date
    channels: frozenset[Channel]  # empty: every channel
    destinations: frozenset[str]  # ISO alpha-2 codes; empty: every destination
    destination_labels: tuple[str, ...]  # as written (region ids or codes), for reasons
    categories: frozenset[str]  # category ids; empty: every kind of goods
    weight: float
    source: str
    assumed: bool = False  # a profile inferred from earlier campaigns, not published

    def in_force(self, on: dt.date) -> bool:
        return self.starts_on <= on <= self.ends_on


@dataclass(frozen=True, slots=True)
class Authorization:
    """A rights holder's authorization for one shipper and one brand, kept for audit."""

    brand: str  # canonical brand name
    shipper_id: str
    reference: str
    valid_from: dt.date
    valid_to: dt.date

    def covers(self, brand: str, on: dt.date) -> bool:
        """Whether it covers this brand on this date (the context holds the shipper's own only)."""
        return self.brand.casefold() == brand.casefold() and self.valid_from <= on <= self.valid_to


@dataclass(frozen=True, slots=True)
class PartyClearance:
    """A tenant's review: this party is not that list entry. Kept for audit (who, when, why)."""

    clearance_id: str
    list_id: str
    entry_id: str
    party_id: str | None  # the party's id as sent in manifests, or
    party_name: str | None  # its name as sent (compared case- and space-insensitively)
    reason: str
    reviewed_by: str
    created_at: dt.datetime

    def covers(self, list_id: str, entry_id: str, party: Party) -> bool:
        if (self.list_id, self.entry_id) != (list_id, entry_id):
            return False
        if self.party_id is not None:
            return party.id == self.party_id
        return (
            party.name is not None
            and self.party_name is not None
            and fold_party_name(party.name) == fold_party_name(self.party_name)
        )


def fold_party_name(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class GoodsSignature:
    """The compact trace one manifest's goods leave in its shipper's history."""

    description_key: str  # normalised description, for "same goods" comparisons
    category: str | None
    brand: str | None
    quantity: int
    value_usd: float
    high_risk: bool
    packages: int = 1


@dataclass(frozen=True, slots=True)
class PastShipment:
    """An earlier screening of the same tenant and shipper."""

    screening_id: str
    departure_date: dt.date
    consignee_id: str | None
    destination_country: str
    channel: Channel
    goods: tuple[GoodsSignature, ...]


@dataclass(frozen=True, slots=True)
class ScreeningContext:
    """Everything outside the manifest that the rules may read: all of it belongs to one tenant."""

    on_date: dt.date
    campaigns: tuple[Campaign, ...] = ()  # the campaigns in force on on_date
    history: tuple[PastShipment, ...] = ()  # the shipper's earlier shipments within the history window
    authorizations: tuple[Authorization, ...] = ()
    party_clearances: tuple[PartyClearance, ...] = ()


@dataclass(frozen=True, slots=True)
class LineResult:
    line_id: str
    risk_score: int
    risk_level: str
    flags: tuple[Flag, ...]


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    risk_score: int
    risk_level: str
    decision: str
    campaigns: tuple[str, ...]  # ids of the campaigns that raised a flag
    flags: tuple[Flag, ...]  # every flag, manifest-level ones with line_id None
    lines: tuple[LineResult, ...]
    goods: tuple[GoodsSignature, ...]  # what this manifest adds to its shipper's history
