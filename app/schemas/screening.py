"""Request and response bodies of /v1/screenings (CONTRACT.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

from app.engine.types import Channel, FlagCode, Severity
from app.parties.records import IDENTIFIER_SCHEMES, normalise_identifier
from app.schemas.fields import (
    Amount,
    Count,
    CountryCode,
    CurrencyCode,
    Description,
    HsCode,
    IsoDate,
    PartyName,
    ShortText,
)
from app.schemas.levels import Decision, RiskLevel


class IdentifierIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scheme: Literal[tuple(IDENTIFIER_SCHEMES)] = Field(  # type: ignore[valid-type]
        description="; ".join(f"{k}: {v}" for k, v in IDENTIFIER_SCHEMES.items()), examples=["uscc"]
    )
    value: ShortText = Field(examples=["91440300MA5F00001A"])

    @model_validator(mode="after")
    def _normalised(self) -> IdentifierIn:
        object.__setattr__(self, "value", normalise_identifier(self.scheme, self.value))
        return self


class PartyIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: ShortText | None = Field(None, description="Your stable id of the party; history rules key on it.")
    name: PartyName | None = None
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 (a country name is accepted).")
    identifiers: list[IdentifierIn] | None = Field(
        None,
        max_length=20,
        description="Registry numbers of the party (USCC, EORI, LEI ...), matched exactly against the lists.",
    )


class LineIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    line_id: ShortText | None = Field(None, description="Defaults to the line's 1-based position.")
    description: Description = Field(description="What the goods are, as declared (1-1,000 characters).")
    hs_code: HsCode | None = Field(
        None, description="4-10 digits; dots and spaces allowed.", examples=["9102.11"]
    )
    quantity: Count | None = Field(None, ge=1, le=10**9)
    unit_value: Amount | None = Field(None, ge=0, le=10**9, allow_inf_nan=False)
    currency: CurrencyCode = Field("USD", description="ISO 4217.")
    brand: ShortText | None = Field(None, description="The brand the shipper declares, if any.")
    packages: Count | None = Field(None, ge=1, le=10**7, description="Parcels this line ships in.")


EXAMPLE_REQUEST: dict[str, Any] = {
    "reference": "BL-2026-000123",
    "shipper": {"id": "SHP-42", "name": "Shenzhen Example Trading Co.", "country": "CN"},
    "consignee": {"id": "CNE-7", "name": "Example Imports LLC", "country": "US"},
    "destination_country": "US",
    "channel": "sea_freight",
    "departure_date": "2026-11-30",
    "lines": [
        {
            "line_id": "1",
            "description": "Men's quartz wrist watch, stainless steel",
            "hs_code": "9102.11",
            "quantity": 200,
            "unit_value": 3.5,
            "currency": "USD",
            "packages": 4,
        },
        {
            "line_id": "2",
            "description": "R0LEX Submariner automatic watch, AAA quality",
            "hs_code": "9102.21",
            "quantity": 50,
            "unit_value": 18.0,
            "currency": "USD",
            "packages": 1,
        },
        {
            "line_id": "3",
            "description": "Ceramic coffee mugs 350ml, white",
            "hs_code": "6912.00",
            "quantity": 1200,
            "unit_value": 0.8,
            "currency": "USD",
            "packages": 24,
        },
        {
            "line_id": "4",
            "description": "Woven logo labels for watch straps",
            "hs_code": "5807.10",
            "quantity": 250,
            "unit_value": 0.02,
            "currency": "USD",
            "packages": 1,
        },
        {
            "line_id": "5",
            "description": "Wireless earbuds, Bluetooth 5.3, unbranded",
            "hs_code": "8518.30",
            "quantity": 500,
            "unit_value": 4.2,
            "currency": "USD",
            "brand": None,
            "packages": 10,
        },
    ],
}


class ScreeningRequest(BaseModel):
    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [EXAMPLE_REQUEST]})

    reference: ShortText | None = Field(None, description="Your reference (bill of lading, order...).")
    shipper: PartyIn
    consignee: PartyIn
    destination_country: CountryCode = Field(description="ISO 3166-1 alpha-2 (a country name is accepted).")
    channel: Channel
    departure_date: IsoDate | None = Field(
        None,
        description="Defaults to today; picks the campaigns in force and places the shipment in history.",
    )
    lines: list[LineIn] = Field(
        min_length=1, description="At least one line; at most the server's line limit."
    )


# What a flag's evidence holds depends on its code; the keys below are the ones integrators read.
# The body is rendered from the engine's evidence as it stands; this only describes it.
EVIDENCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Why the flag was raised; keys depend on the code.",
    "properties": {
        "brand": {"type": "string", "description": "BRAND_*, PRICE_ANOMALY: the canonical brand name."},
        "matched_text": {"type": "string", "description": "The text of the line that reads as the mark."},
        "match_type": {"$ref": "#/components/schemas/MatchType"},
        "similarity": {"type": "integer", "minimum": 0, "maximum": 100},
        "rights_holder": {"type": ["string", "null"]},
        "category": {"type": "string", "description": "HIGH_RISK_CATEGORY: a category id."},
        "campaign": {"type": "string", "description": "CAMPAIGN_*: the campaign id."},
        "country": {"type": "string", "description": "CAMPAIGN_DESTINATION: ISO 3166-1 alpha-2."},
        "matched_by": {
            "type": "string",
            "enum": ["name", "identifier"],
            "description": "PARTY_LISTED, PARTY_CLEARED: how the party met the list entry.",
        },
    },
    "additionalProperties": True,
}


class FlagOut(BaseModel):
    code: FlagCode = Field(examples=["BRAND_MATCH"])
    severity: Severity
    line_id: str | None
    reason: str
    recommendation: str
    evidence: Annotated[dict[str, Any], WithJsonSchema(EVIDENCE_SCHEMA)]
    points: int


class LineOut(BaseModel):
    line_id: str
    risk_score: int
    risk_level: RiskLevel
    flags: list[FlagOut]


class Versions(BaseModel):
    """The version of everything the result depends on: the contract's three, then each data source."""

    model_config = ConfigDict(extra="allow")

    engine: str
    brand_list: str
    campaigns: str


class UploadWarning(BaseModel):
    code: str = Field(
        description="header_row, column_read, column_ignored, rows_skipped or sheet_ignored.",
        examples=["column_ignored"],
    )
    message: str = Field(examples=["column F '备注' ignored: not a line field"])
    column: str | None = Field(None, description="The header as written in the file.")
    field: str | None = Field(None, description="The line field the column was read as (or would have been).")
    row: int | None = Field(None, description="The header's row in the file (header_row).")


class HistoryEntry(BaseModel):
    screened_at: dt.datetime
    versions: Versions
    risk_score: int
    risk_level: str
    decision: str


class ScreeningOut(BaseModel):
    screening_id: str
    reference: str | None
    created_at: dt.datetime
    risk_score: int = Field(ge=0, le=100)
    risk_level: RiskLevel
    decision: Decision
    campaigns: list[str]
    versions: Versions
    flags: list[FlagOut]
    lines: list[LineOut]
    # Absent, not null, where there is nothing to say (the JSON route): its body stays as it was.
    warnings: list[UploadWarning] | None = Field(
        None,
        description="Uploads only: the columns read and ignored, the rows skipped (docs/packing-lists.md).",
        exclude_if=lambda value: value is None,
    )


class ScreeningLatestOut(ScreeningOut):
    """GET /v1/screenings/{id}: once re-screened, the latest result with the earlier ones."""

    screened_at: dt.datetime | None = Field(
        None, description="Once re-screened: when the latest result was made."
    )
    history: list[HistoryEntry] | None = Field(
        None, description="Once re-screened: the earlier results, oldest first."
    )


class ScreeningSummary(BaseModel):
    screening_id: str
    reference: str | None
    created_at: dt.datetime
    departure_date: dt.date
    destination_country: str
    channel: str
    risk_score: int
    risk_level: RiskLevel
    decision: Decision
    line_count: int


class ScreeningPage(BaseModel):
    items: list[ScreeningSummary]
    next_cursor: str | None
