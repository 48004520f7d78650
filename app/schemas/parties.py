"""Bodies of the party search, party list and party clearance routes."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from app.schemas.fields import PartyName, ShortText


class PartyIdentifierOut(BaseModel):
    scheme: str
    value: str


class PartyEntryOut(BaseModel):
    list: str
    entry_id: str
    name: str
    aliases: builtins.list[str]
    chinese_name: builtins.list[str]
    country: str | None
    identifiers: builtins.list[PartyIdentifierOut]
    reason: str | None
    source: str
    listed_on: dt.date | None
    delisted_on: dt.date | None


class PartyMatchOut(BaseModel):
    entry: PartyEntryOut
    matched_name: str
    matched_by: Literal["identifier", "name"] = Field(
        description="'identifier' (an identifier both carry) or 'name', as in PARTY_LISTED evidence."
    )
    score: int
    parts: dict[str, Any] = Field(description="Which parts of the names matched, and how well.")


class PartySearchOut(BaseModel):
    query: str
    party_lists: str
    results: list[PartyMatchOut]


class PartyListOut(BaseModel):
    id: str
    version: str
    format: str
    path: str
    content_hash: str
    entries: int
    skipped: int = Field(description="FtM entities of other schemas (people, vessels ...) not read.")


class PartyListsOut(BaseModel):
    version: str
    lists: list[PartyListOut]


class PartyReloadOut(BaseModel):
    reloaded: bool
    party_lists: str
    brand_list: str


class PartyClearanceIn(BaseModel):
    list: ShortText = Field(description="The list id of the entry, as in PARTY_LISTED evidence.list.")
    entry_id: ShortText = Field(description="As in PARTY_LISTED evidence.entry_id.")
    party_id: ShortText | None = Field(None, description="The party's id as your manifests send it; or")
    party_name: PartyName | None = Field(None, description="its name as sent (case and spacing aside).")
    reason: str = Field(min_length=3, max_length=2000, description="Why it is another company, for audit.")
    reviewed_by: ShortText = Field(description="Who reviewed the match.")

    @model_validator(mode="after")
    def _names_the_party(self) -> PartyClearanceIn:
        if not self.party_id and not self.party_name:
            raise ValueError("give party_id or party_name: the party this clearance is for")
        return self


class PartyClearanceOut(BaseModel):
    clearance_id: str
    list: str
    entry_id: str
    party_id: str | None
    party_name: str | None
    reason: str
    reviewed_by: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class PartyClearanceList(BaseModel):
    items: list[PartyClearanceOut]
