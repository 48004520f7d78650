"""Bodies of the brand, campaign and authorization routes."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator

from app.engine.types import Channel
from app.matching.hits import MatchType
from app.schemas.fields import IsoDate, ShortText


class BrandMatchOut(BaseModel):
    brand: str
    rights_holder: str | None
    categories: list[str]
    matched_text: str
    match_type: MatchType
    similarity: int
    why: str


class BrandSearchOut(BaseModel):
    query: str
    brand_list: str
    results: list[BrandMatchOut]


class BrandListOut(BaseModel):
    id: str
    version: str
    path: str
    content_hash: str
    brands: int


class BrandListsOut(BaseModel):
    version: str
    lists: list[BrandListOut]
    warnings: list[str]


class ReloadOut(BaseModel):
    reloaded: bool
    brand_list: str


class CampaignIn(BaseModel):
    name: ShortText
    authority: ShortText = "operator"
    starts_on: IsoDate
    ends_on: IsoDate
    channels: list[Channel] = Field(default_factory=list, description="Empty: every channel.")
    destinations: list[ShortText] = Field(
        default_factory=list, description="ISO alpha-2 codes or region ids (north_america, europe, ...)."
    )
    categories: list[ShortText] = Field(
        default_factory=list, description="Category ids; empty: every kind of goods."
    )
    weight: float = Field(1.0, gt=0, le=5, allow_inf_nan=False)
    source: ShortText = "operator"

    @model_validator(mode="after")
    def _dates_in_order(self) -> CampaignIn:
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class CampaignOut(BaseModel):
    id: str
    name: str
    authority: str
    starts_on: dt.date
    ends_on: dt.date
    channels: list[str]
    destinations: list[str]
    categories: list[str]
    weight: float
    source: str
    assumed: bool
    origin: str = Field(description="'shipped' (a data file of this release) or 'operator' (set by PUT).")


class CampaignList(BaseModel):
    version: str
    items: list[CampaignOut]


class AuthorizationIn(BaseModel):
    brand: ShortText
    shipper_id: ShortText
    reference: ShortText = Field(description="The licence or letter of authorization, kept for audit.")
    valid_from: IsoDate
    valid_to: IsoDate

    @model_validator(mode="after")
    def _dates_in_order(self) -> AuthorizationIn:
        if self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self


class AuthorizationOut(BaseModel):
    authorization_id: str
    brand: str
    shipper_id: str
    reference: str
    valid_from: dt.date
    valid_to: dt.date
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class AuthorizationList(BaseModel):
    items: list[AuthorizationOut]
