"""Writes risk_manifests.jsonl, the labelled manifests of the risk-rule scorecard (risk_scorecard.py).

    .venv/bin/python tests/engine/data/make_risk_manifests.py      # rewrites risk_manifests.jsonl beside it

One class a group of manifests, each labelled by what its goods are, never by what the engine
answers: a flag it must raise, a flag it must not, or the decision a forwarder expects. Every
class has goods the rules were not written from, and a counter-class of lookalikes.

- `packaging_code`: goods of a targeted category declared under a heading of packing containers
  or labels (HS 2022 3923, 4415, 4819, 4821, 6305, 7310): HS_MISMATCH; `packaging_itself`: the
  packaging declared there: none.
- `bulk_trade_units`: cheap bulk goods one to a package that states its net weight or volume:
  no SPLIT_SHIPMENT; `cheap_in_parcels`: small cheap goods one to a parcel: SPLIT_SHIPMENT.
- `plain_goods`: unbranded goods of a targeted category to a campaign's destination: cleared;
  `branded_goods`: the same goods naming a recorded mark: not cleared.
- `mark_carriers`: marks shipped with the plain goods they fit (dials, tubes, blister cards, logo
  plates, stickers beside phone cases): SEPARATED_MARKS; `plain_trims`: trims without a mark: none.
- `tiny_ratio`: a recorded mark far below its floor: the reason never prints "0%".
- `goods_floor`: a flagship model no list prices, far below any genuine price: PRICE_ANOMALY.
- `catch_all_code`: goods of their own under a catch-all subheading a category also lists
  (6307.90 "other made up articles"): not read as that category.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("risk_manifests.jsonl")
SEED = 12
DESTINATIONS = ["US", "DE", "FR", "BR", "NG", "AE"]  # regions the shipped 2026 campaign names

PACKAGING_CODES = ["4819.10", "4819.20", "3923.10", "3923.30", "4821.10", "6305.33", "4415.10", "7310.29"]
TARGETED_GOODS = [
    ("Cigarettes, 20 sticks per pack", 3.0), ("Quartz wrist watches, steel", 6.0),
    ("Perfume eau de toilette 50ml", 4.0), ("Lipsticks, matte finish", 0.8), ("Running shoes, mesh", 7.0),
    ("Women's PU handbags", 5.0), ("Wireless earbuds, bluetooth 5.3", 4.0), ("Cotton t-shirts, printed", 1.5),
    ("Face cream 50ml", 1.2), ("Baseball caps, cotton", 1.0),
]  # fmt: skip
PACKAGING = [
    ("Cigarette cartons, printed, empty", "4819.10"), ("Perfume boxes, printed", "4819.20"),
    ("Plastic bottles for lotion, empty", "3923.30"), ("Paper labels, printed with barcodes", "4821.10"),
    ("Woven polypropylene sacks for packing", "6305.33"), ("Wooden packing crates", "4415.10"),
    ("Steel cans, empty, 500ml", "7310.29"), ("Corrugated cartons, plain", "4819.10"),
]  # fmt: skip
BULK_GOODS = [
    "Garlic, fresh", "Onions, red", "Potatoes, washed", "Rice, long grain", "Wheat flour", "White sugar",
    "Apples, Fuji", "Oranges, navel", "Portland cement", "Sea salt", "Ginger, dried", "Peanuts, shelled",
]  # fmt: skip
BULK_PACKS = ["{n}kg mesh bags", "{n} kg sacks", "in {n}kg cartons", "{n}kg woven bags", "{n} kg bags"]
SMALL_CHEAP = ["Keychains, zinc alloy", "Phone cases, silicone", "Hair clips, plastic", "Fridge magnets",
               "Lanyards, polyester", "Pin badges, enamel"]  # fmt: skip
# plain goods, and a recorded mark of such goods for the branded lookalike
PLAIN = [
    ("Plain cotton T-shirts, blank, no print", "6109.10", 1.5, "Nike"),
    ("Unbranded quartz watches", "9102.11", 3.0, "Rolex"),
    ("Women's PU handbags, unbranded", "4202.22", 4.2, "Gucci"),
    ("Running shoes, mesh, no logo", "6404.11", 6.0, "Adidas"),
    ("Bluetooth earbuds, generic", "8518.30", 3.5, "Samsung"),
    ("Baseball caps, blank", "6505.00", 0.9, "Supreme"),
    ("Cotton hoodies, plain", "6110.20", 4.0, "Balenciaga"),
    ("Silicone watch straps, unbranded", "9113.90", 0.4, "Omega"),
]
CARRIERS = [
    ("Logo printed watch dials", "Quartz watches, blank dial", "9102.11"),
    ("Printed lipstick tubes with logo", "Lipstick, bulk, unbranded", "3304.10"),
    ("Blister cards with licensed character artwork logo", "Action figures, unpackaged", "9503.00"),
    ("Metal logo plates for bags", "Women's PU handbags, unbranded", "4202.22"),
    ("Metallic logo stickers", "Unbranded phone cases, silicone", "3926.90"),
    ("Printed perfume boxes with logo", "Perfume 50ml in bulk, unbranded", "3303.00"),
    ("Embroidered logo patches", "Plain cotton hoodies", "6110.20"),
    ("Logo zipper pulls, metal", "Plain backpacks, polyester", "4202.92"),
]  # fmt: skip
TRIMS = [
    ("Plain care labels, white", "Plain cotton hoodies", "6110.20"),
    ("Blank hang tags, kraft paper", "Women's PU handbags, unbranded", "4202.22"),
    ("Plain shipping cartons", "Quartz watches, blank dial", "9102.11"),
    ("Unprinted dust bags, cotton", "Women's PU handbags, unbranded", "4202.22"),
]  # fmt: skip
RECORDED = [
    ("Rolex Submariner watch", "9102.21"), ("Gucci leather handbag", "4202.21"),
    ("Chanel No 5 perfume 100ml", "3303.00"), ("Louis Vuitton Neverfull tote", "4202.22"),
]  # fmt: skip
FLAGSHIPS = [
    ("Samsung Galaxy S24 Ultra 512GB", "8517.13", 49.0), ("Canon EOS R6 Mark II body", "8525.89", 45.0),
    ("LEGO Technic 42115", "9503.00", 2.5), ("Apple MacBook Pro 16 inch M3", "8471.30", 60.0),
    ("Sony WH-1000XM5 headphones", "8518.30", 9.0), ("Dyson V15 cordless vacuum", "8508.11", 20.0),
]  # fmt: skip
CATCH_ALL = [
    "Dust bags printed with logo", "Cotton tote bags, plain", "Drawstring bags, polyester",
    "Cleaning cloths, microfibre", "Cushion covers, cotton", "Flags, polyester",
]  # fmt: skip


def _line(description: str, hs: str | None, quantity: int, value: float, **extra: Any) -> dict[str, Any]:
    line: dict[str, Any] = {
        "description": description,
        "quantity": quantity,
        "unit_value": value,
        "currency": "USD",
    }
    if hs:
        line["hs_code"] = hs
    return {**line, **extra}


def _case(cls: str, lines: list[dict[str, Any]], dest: str, **expect: Any) -> dict[str, Any]:
    return {"class": cls, "destination": dest, "channel": "sea_freight", "lines": lines, "expect": expect}


def cases() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    out: list[dict[str, Any]] = []
    for (goods, value), code in itertools.product(TARGETED_GOODS, PACKAGING_CODES):
        if rng.random() < 0.6:
            out.append(_case("packaging_code", [_line(goods, code, 1000, value)], "JP", raises="HS_MISMATCH"))
    for goods, code in PACKAGING:
        for dest in rng.sample(DESTINATIONS, 3):
            out.append(
                _case("packaging_itself", [_line(goods, code, 5000, 0.1)], dest, forbids="HS_MISMATCH")
            )
    for goods, pack in itertools.product(BULK_GOODS, BULK_PACKS):
        text = f"{goods}, {pack.format(n=rng.choice([5, 10, 20, 25, 50]))}"
        n = rng.choice([800, 1500, 3000])
        line = _line(text, None, n, rng.choice([3.0, 6.0, 9.0]), packages=n)
        out.append(_case("bulk_trade_units", [line], "JP", forbids="SPLIT_SHIPMENT"))
    for goods in SMALL_CHEAP:
        for n in (300, 1200, 4000):
            out.append(
                _case(
                    "cheap_in_parcels",
                    [_line(goods, None, n, 0.6, packages=n)],
                    "JP",
                    raises="SPLIT_SHIPMENT",
                )
            )
    for (goods, code, value, _), dest in itertools.product(PLAIN, DESTINATIONS):
        out.append(_case("plain_goods", [_line(goods, code, 2000, value)], dest, decision="clear"))
    for (goods, code, value, brand), dest in itertools.product(PLAIN, rng.sample(DESTINATIONS, 3)):
        branded = f"{brand} {goods.split(',')[0].replace('Plain ', '').replace('Unbranded ', '')}"
        out.append(_case("branded_goods", [_line(branded, code, 2000, value)], dest, not_decision="clear"))
    for (marks, goods, code), n in itertools.product(CARRIERS, (500, 2000, 6000)):
        lines = [_line(goods, code, n, 2.0), _line(marks, None, n, 0.05)]
        out.append(_case("mark_carriers", lines, "JP", raises="SEPARATED_MARKS"))
    for (trims, goods, code), n in itertools.product(TRIMS, (500, 2000, 6000)):
        lines = [_line(goods, code, n, 2.0), _line(trims, None, n, 0.05)]
        out.append(_case("plain_trims", lines, "JP", forbids="SEPARATED_MARKS"))
    for (goods, code), value in itertools.product(RECORDED, (0.5, 1.0, 2.0, 4.0, 8.0)):
        out.append(
            _case(
                "tiny_ratio",
                [_line(goods, code, 100, value)],
                "JP",
                raises="PRICE_ANOMALY",
                no_zero_percent=True,
            )
        )
    for goods, code, value in FLAGSHIPS:
        for dest in rng.sample(DESTINATIONS, 4):
            out.append(_case("goods_floor", [_line(goods, code, 20, value)], dest, raises="PRICE_ANOMALY"))
    for goods in CATCH_ALL:
        for dest in rng.sample(DESTINATIONS, 3):
            out.append(
                _case("catch_all_code", [_line(goods, "6307.90", 3000, 0.3)], dest, not_category="masks_ppe")
            )
    return out


def main() -> None:
    OUT.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases()), encoding="utf-8")


if __name__ == "__main__":
    main()
