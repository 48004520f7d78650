"""BrandRecords for matcher tests: a few built by hand, or every row of the reference CSV."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

from app.reference.brands import BrandRecord

REFERENCE_CSV = Path(__file__).resolve().parents[2] / "brand_lists" / "data" / "brands_reference.csv"

# The reference CSV's product categories -> the contract's category ids (None: no contract id).
CSV_CATEGORIES: dict[str, str | None] = {
    "apparel": "clothing",
    "footwear": "footwear",
    "watches": "watches",
    "toys": "toys",
    "handbags": "bags_luggage",
    "leather_goods": "bags_luggage",
    "luggage": "bags_luggage",
    "auto_parts": "auto_parts",
    "tyres": "auto_parts",
    "lubricants": "auto_parts",
    "bearings": "auto_parts",
    "perfume": "perfume",
    "cosmetics": "cosmetics",
    "skincare": "cosmetics",
    "haircare": "personal_care",
    "headphones": "consumer_electronics",
    "consumer_electronics": "consumer_electronics",
    "cameras": "consumer_electronics",
    "computers": "consumer_electronics",
    "drones": "consumer_electronics",
    "memory_cards": "consumer_electronics",
    "game_consoles": "consumer_electronics",
    "printer_supplies": "consumer_electronics",
    "batteries": "consumer_electronics",
    "network_equipment": "consumer_electronics",
    "phones": "mobile_phones",
    "phone_accessories": "mobile_phones",
    "pharmaceuticals": "medicine",
    "tcm": "medicine",
    "jewellery": "jewellery",
    "eyewear": "eyewear",
    "licensed_merchandise": "toys",
    "trading_cards": "toys",
    "collectibles": "toys",
    "sports_merchandise": "sporting_goods",
    "sporting_goods": "sporting_goods",
    "golf_equipment": "sporting_goods",
    "tobacco": "tobacco",
    "cigars": "tobacco",
    "e_cigarettes": "tobacco",
    "spirits": "food",
    "wine": "food",
    "infant_formula": "food",
    "food": "food",
    "masks_respirators": "masks_ppe",
    "medical_devices": "medical_devices",
    "personal_care_appliances": "small_appliances",
    "household_appliances": "small_appliances",
    "semiconductors": "integrated_circuits",
    "accessories": None,
    "tools": None,
    "pens": None,
}


def brand(name: str, categories: list[str] | None = None, **fields: Any) -> BrandRecord:
    """One record with only what a test needs."""
    return BrandRecord(
        name=name,
        rights_holder=fields.pop("rights_holder", f"{name} Holding SA"),
        home_country=fields.pop("home_country", "CH"),
        categories=categories or [],
        source=fields.pop("source", "test"),
        **fields,
    )


@cache
def reference_brands() -> tuple[BrandRecord, ...]:
    """The 300 brands of the shared reference CSV (names, Chinese names, model names)."""
    out = []
    with REFERENCE_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cats = [c for x in row["product_categories"].split(";") if (c := CSV_CATEGORIES.get(x.strip()))]
            models = [m.strip() for m in row["notable_model_names"].split(";") if m.strip()]
            out.append(
                brand(
                    row["brand"],
                    sorted(set(cats)),
                    rights_holder=row["rights_holder"],
                    home_country=row["home_country"],
                    models=models,
                    chinese_names=[row["chinese_name"]] if row["chinese_name"].strip() else [],
                    source="brands_reference.csv",
                )
            )
    return tuple(out)
