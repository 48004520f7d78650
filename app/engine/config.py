"""Points, thresholds and windows of the risk model, with their documented defaults.

These are pydantic models so that `app.settings.Settings` can nest them and read overrides from
the environment (e.g. `PRESCREEN_SCORING__BRAND_MATCH=50`); the engine reads them as plain values.
docs/scoring.md explains how the points combine.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class ScoringConfig(BaseModel):
    """Points each flag adds, and the level thresholds of the contract."""

    # A line names a recorded mark plainly (name, alias, model name, translation).
    brand_match: int = Field(45, ge=0, le=100)
    # A recorded mark written in a disguised spelling (typo, leetspeak, homoglyph, spacing...).
    brand_match_disguised: int = Field(55, ge=0, le=100)
    # A recorded mark named as what the goods fit ("case for iPhone", "compatible with HP").
    brand_compatibility: int = Field(15, ge=0, le=100)
    # Added on top of a brand match when "replica", "AAA", "1:1", "OEM for"... stands next to it.
    replica_phrase: int = Field(25, ge=0, le=100)
    # A brand match covered by an authorization on file: informational.
    brand_authorized: int = Field(0, ge=0, le=100)
    # A branded line far below its genuine floor price.
    price_anomaly: int = Field(30, ge=0, le=100)
    # Goods of a targeted category, multiplied by the category's risk weight (0-1).
    high_risk_category: int = Field(20, ge=0, le=100)
    vague_description: int = Field(15, ge=0, le=100)
    hs_mismatch: int = Field(20, ge=0, le=100)
    # Campaign flags, multiplied by the campaign's weight.
    campaign_destination: int = Field(10, ge=0, le=100)
    campaign_channel: int = Field(5, ge=0, le=100)
    # Each campaign in force multiplies the points of the line flags of the goods it targets by
    # 1 + campaign_multiplier x weight.
    campaign_multiplier: float = Field(0.5, ge=0, le=5)
    # A manifest whose only risk is the category of its goods (no mark, price, pattern, party...)
    # is lifted by campaigns at most to this score: below medium_at, so plain goods still ship.
    plain_goods_ceiling: int = Field(24, ge=0, le=100)
    separated_marks: int = Field(40, ge=0, le=100)
    split_shipment: int = Field(25, ge=0, le=100)
    ant_moving: int = Field(30, ge=0, le=100)
    # The shipper or the consignee reads as an entry of a party list by name...
    party_listed: int = Field(50, ge=0, le=100)
    # ...or carries the same identifier (USCC, EORI, LEI ...) as the entry.
    party_listed_identifier: int = Field(80, ge=0, le=100)
    # A party match a tenant has cleared after review: informational.
    party_cleared: int = Field(0, ge=0, le=100)
    # Level thresholds: low < medium <= ... < high <= ... < critical <= ...
    medium_at: int = Field(25, ge=1, le=100)
    high_at: int = Field(50, ge=1, le=100)
    critical_at: int = Field(75, ge=1, le=100)


class PriceConfig(BaseModel):
    # PRICE_ANOMALY when the unit value in USD is below this share of the brand's genuine floor.
    anomaly_ratio: float = Field(0.3, gt=0, le=1)


class PatternConfig(BaseModel):
    """Windows and thresholds of the shipment-pattern rules."""

    # SPLIT_SHIPMENT in one manifest: at least this many lines of the same goods...
    split_min_lines: int = Field(10, ge=2)
    # ...each of at most this many pieces.
    split_max_line_quantity: int = Field(10, ge=1)
    # SPLIT_SHIPMENT: a line whose pieces travel in this many parcels or more, at few pieces each.
    split_min_packages: int = Field(20, ge=2)
    split_max_pieces_per_package: float = Field(3.0, gt=0)
    # ...of goods of a high-risk category, a recorded mark, or a unit value in USD up to this
    # (a chair or a shelf travels one to a package, a watch does not).
    split_low_unit_value_usd: float = Field(10.0, ge=0)
    # SPLIT_SHIPMENT in one manifest: lines whose descriptions are this similar (0-100) and share a
    # category declare the same goods.
    split_similarity: int = Field(85, ge=50, le=100)
    # SPLIT_SHIPMENT across manifests: same shipper, consignee and goods within this many days...
    split_window_days: int = Field(7, ge=1)
    # ...in at least this many manifests, this one included...
    split_min_manifests: int = Field(3, ge=2)
    # ...each a small part: at most this many pieces of those goods (full container loads of one
    # order, sent on consecutive days, are ordinary trade).
    split_max_part_quantity: int = Field(500, ge=1)
    # ANT_MOVING: the shipper's small shipments of similar high-risk goods within this window...
    ant_window_days: int = Field(30, ge=1)
    # ...at least this many of them, this one included...
    ant_min_shipments: int = Field(5, ge=2)
    # ...each of at most this many pieces.
    ant_max_quantity: int = Field(20, ge=1)
    # SEPARATED_MARKS: quantities of marks and goods "match" within this share of the larger.
    marks_quantity_tolerance: float = Field(0.2, ge=0, le=1)
    # SEPARATED_MARKS without goods: marks bearing a recorded mark, at least this many pieces, to a
    # destination where counterfeits are commonly finished (app/data/patterns/marks_vocabulary.yaml).
    marks_alone_min_quantity: int = Field(1000, ge=1)
    # How far back the history of a shipper is read, in days before the departure date.
    history_days: int = Field(60, ge=1)


class PartyConfig(BaseModel):
    """How closely a party's name must read as a listed entry's (app/parties/matcher.py)."""

    # PARTY_LISTED at this name score (0-100) or above; raise it for fewer false matches.
    threshold: int = Field(88, ge=50, le=100)
    # Taken off the name score when the party and the entry name different countries.
    country_penalty: int = Field(10, ge=0, le=50)


class EngineConfig(BaseModel):
    scoring: ScoringConfig = ScoringConfig()
    price: PriceConfig = PriceConfig()
    patterns: PatternConfig = PatternConfig()
    parties: PartyConfig = PartyConfig()
