"""Writes listing_lines.csv, the labelled listing lines of the brand-reading scorecard.

    .venv/bin/python tests/matching/data/make_listing_lines.py      # rewrites listing_lines.csv beside it

Lines are written the way marketplace titles and manifest lines are (maker first, a model, the
goods, a size or a part number, a colour), each labelled by what its names are, never by what the
matcher answers:

- `named`: a recorded mark's name with goods of its recorded categories; `model`: one of its
  recorded models (the list's `models`, never its context models) with such goods and no name;
- `compatibility`: goods made to fit a recorded mark's goods, the mark named as what they fit
  ("Case for <mark> <model>", "<seller> car mat <mark> <model>"): a reading, if any, must say so;
- `negative`: the same goods sold under names no shipped list records: real makers' brands (their
  own, as generally known), given and place names (SCOWL's capitalised entries,
  app/matching/data/proper_nouns.txt), everyday words (wordfreq, everyday_words.txt), with colours
  and sizes after them ("Off-White" among the colours).

Names come from the shipped list (brand_lists/core.yaml, whose entries cite their sources) and the
sources above; the goods wording is this script's. Any negative name the shipped list records as
a name, alias, model or abbreviation is left out. Deterministic: a fixed seed, sorted inputs.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).with_name("listing_lines.csv")
BRAND_LIST = ROOT / "brand_lists" / "core.yaml"
WORD_LISTS = ROOT / "app" / "matching" / "data"
SEED = 20261204

# Retail wording of goods by contract category: what a listing says after the maker's name.
GOODS: dict[str, list[str]] = {
    "watches": [
        "automatic wristwatch 41mm",
        "chronograph watch steel bracelet",
        "quartz watch leather strap",
        "dive watch 200m",
        "men's analog watch",
    ],
    "jewellery": [
        "sterling silver necklace",
        "charm bracelet",
        "stud earrings gold plated",
        "pendant with chain",
    ],
    "bags_luggage": [
        "leather handbag",
        "crossbody bag",
        "travel backpack 30L",
        "card holder wallet",
        "trolley suitcase 24 inch",
    ],
    "clothing": ["cotton t-shirt", "hooded sweatshirt", "slim fit jeans", "down jacket", "women's kurta"],
    "footwear": ["running shoes", "leather sneakers", "slides sandals", "hiking boots"],
    "headwear": ["baseball cap", "knit beanie", "bucket hat"],
    "toys": ["building set 500 pieces", "plush toy 30cm", "action figure 6 inch", "board game for kids"],
    "consumer_electronics": [
        "wireless earbuds",
        "bluetooth speaker",
        "power bank 10000mAh",
        "laptop 15.6 inch",
        "usb flash drive 64GB",
        "gaming mouse",
    ],
    "mobile_phones": ["smartphone 128GB", "mobile phone dual sim", "5G phone 8GB RAM"],
    "integrated_circuits": ["microcontroller chip", "memory chip DDR4", "processor tray"],
    "small_appliances": ["hair dryer 1800W", "electric shaver", "blender 1.5L"],
    "masks_ppe": ["KN95 face masks box of 50", "safety goggles", "disposable gloves"],
    "medical_devices": ["blood pressure monitor", "digital thermometer", "pulse oximeter"],
    "medicine": ["tablets 500mg 20 count", "capsules 30 pack", "pain relief tablets"],
    "cosmetics": ["matte lipstick", "face cream 50ml", "waterproof mascara"],
    "perfume": ["eau de parfum 100ml", "eau de toilette spray 50ml"],
    "personal_care": ["shampoo 400ml", "toothpaste 120g", "deodorant spray"],
    "food": ["milk powder 800g", "chocolate bar 100g", "instant coffee 200g"],
    "tobacco": ["cigarettes carton", "heated tobacco sticks", "rolling tobacco 50g"],
    "auto_parts": ["brake pads front", "oil filter", "spark plugs set of 4"],
    "sporting_goods": ["football size 5", "badminton racket", "golf balls 12 pack"],
    "eyewear": ["polarized sunglasses", "optical frames acetate"],
}
# Goods made to fit other goods, by the category of the goods they fit.
FITTING: dict[str, list[str]] = {
    "mobile_phones": ["silicone case", "tempered glass screen protector", "fast charger", "flip cover"],
    "consumer_electronics": ["replacement battery", "charging cable", "protective sleeve", "charger adapter"],
    "watches": ["silicone strap", "replacement band", "watch case protector"],
    "auto_parts": ["car mat", "seat cover", "wiper blades"],
    "eyewear": ["hard case", "replacement lenses"],
}
FITTING_SHAPES = [
    "{goods} for {name} {model}",
    "{goods} compatible with {name} {model}",
    "{seller} {goods} {name} {model}",
    "{goods} for {model}",
]
NAMED_SHAPES = [
    "{name} {goods}",
    "{name} {model} {goods}",
    "{upper} {goods} - {code}",
    "{name} men's {goods}",
    "{goods}, {name}, {colour}",
]
MODEL_SHAPES = ["{model} {goods}", "{goods} {model} {colour}"]
NEGATIVE_SHAPES = [
    "{seller} {goods}",
    "{seller} {goods}, {colour}",
    "{seller} women's {goods} {size}",
    "{goods} by {seller}",
]
COLOURS = ["black", "navy blue", "Off-White", "beige", "olive green", "red", "white", "grey"]
SIZES = ["XL", "size 8", "pack of 2", "free size"]
# Makers' own brands that no shipped list records (general knowledge of those makers).
SELLERS = [
    "Baseus", "Ugreen", "Aukey", "boAt", "Noise", "Mivi", "TP-Link", "Tenda", "D-Link", "Netgear",
    "Belkin", "Corsair", "Razer", "Redragon", "Zebronics", "Portronics", "Ambrane", "Syska", "Havells",
    "Bajaj", "Prestige", "Pigeon", "Milton", "Cello", "Borosil", "Tupperware", "Wildcraft", "Skybags",
    "Safari", "VIP", "Fastrack", "Titan", "Timex", "Fossil", "Bata", "Liberty", "Relaxo", "Sparx",
    "Woodland", "Peter England", "Van Heusen", "Allen Solly", "Raymond", "Manyavar", "Biba", "Fabindia",
    "Decathlon", "Kipsta", "Quechua", "Domyos", "Btwin", "Uniqlo", "Muji", "Miniso", "Faber-Castell",
    "Camlin", "Classmate", "Parker", "Reynolds", "Himalaya", "Patanjali", "Dabur", "Lakme", "Biotique",
    "Mamaearth", "Plum", "Sugar", "Nykaa", "Haldiram", "Britannia", "Parle", "Amul", "Bru", "Kurkure",
    "Hamilton Beach", "Morphy Richards", "Eureka Forbes", "Crompton", "Usha", "Orient", "Voltas",
    "Godrej", "Nilkamal", "Sleepwell", "Kurlon", "Duroflex", "Hindware", "Cera", "Jaquar",
    "Asian Paints", "Berger", "Fevicol", "Pidilite", "Luxor", "Natraj", "Apsara", "Doms", "Hauser",
    "Flair", "Lexi", "Wipro", "Philco", "Intex", "Lava", "Karbonn", "Micromax", "Spice", "Celkon",
    "Zen", "Jivi",
]  # fmt: skip
SELLER_SOURCE = "real maker's own brand (general public knowledge); not in the shipped list"


def _listed(name: str) -> list[str]:
    lines = (WORD_LISTS / name).read_text(encoding="utf-8").splitlines()
    return sorted(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _recorded(brands: list[dict[str, Any]]) -> set[str]:
    """Every name, alias, model and abbreviation of the shipped list, case-folded."""
    fields = ("aliases", "models", "context_models", "abbreviations")
    return {n.casefold() for b in brands for n in [b["name"], *(x for f in fields for x in b.get(f) or [])]}


def _source(brand: dict[str, Any]) -> str:
    """The entry's first source, on one line."""
    first = " ".join(str(brand["source"]).split()).split(";")[0].split(" | ")[0]
    return f"brand_lists/core.yaml: {first}"


def _code(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(100, 9999)}{rng.choice(letters)}"


def rows() -> list[list[str]]:
    rng = random.Random(SEED)
    brands = sorted(yaml.safe_load(BRAND_LIST.read_text(encoding="utf-8"))["brands"], key=lambda b: b["name"])
    recorded = _recorded(brands)
    mark_cues = set(
        yaml.safe_load((WORD_LISTS / "context_cues.yaml").read_text(encoding="utf-8"))["mark_cues"]
    )
    out: list[list[str]] = []
    for b in brands:
        categories = [c for c in b.get("categories") or [] if c in GOODS]
        if not categories:
            continue
        models = b.get("models") or []
        for shape in rng.sample(NAMED_SHAPES, 3):
            if "{model}" in shape and not models:
                shape = "{name} {goods}"
            line = shape.format(
                name=b["name"],
                upper=b["name"].upper(),
                model=rng.choice(models) if models else "",
                goods=rng.choice(GOODS[rng.choice(categories)]),
                code=_code(rng),
                colour=rng.choice(COLOURS),
            )
            out.append([line, b["name"], "named", _source(b)])
        for model in rng.sample(models, min(2, len(models))):
            line = rng.choice(MODEL_SHAPES).format(
                model=model, goods=rng.choice(GOODS[rng.choice(categories)]), colour=rng.choice(COLOURS)
            )
            kind = "named" if b["name"].casefold() in model.casefold() else "model"  # "Air Jordan Retro"
            out.append([line, b["name"], kind, _source(b)])
        fits = [c for c in categories if c in FITTING]
        # a model whose name says the goods bear the mark ("DG Logo", "Genuine Parts") fits nothing
        models = [m for m in models if not set(m.casefold().split()) & mark_cues]
        if fits and models:
            for shape in rng.sample(FITTING_SHAPES, 2):
                line = shape.format(
                    goods=rng.choice(FITTING[rng.choice(fits)]),
                    name=b["name"],
                    model=rng.choice(models),
                    seller=rng.choice(SELLERS),
                )
                out.append([line, b["name"], "compatibility", _source(b)])
    sellers = [(s, SELLER_SOURCE) for s in SELLERS]
    names = [w.title() for w in _listed("proper_nouns.txt") if len(w) >= 4]
    sellers += [
        (n, "given or place name: app/matching/data/proper_nouns.txt (SCOWL)") for n in rng.sample(names, 120)
    ]
    everyday = [w.title() for w in _listed("everyday_words.txt") if len(w) >= 4 and w.isalpha()]
    sellers += [
        (w, "everyday word: app/matching/data/everyday_words.txt (wordfreq)")
        for w in rng.sample(everyday, 120)
    ]
    goods = [g for category in sorted(GOODS) for g in GOODS[category]]
    for seller, source in sellers:
        if seller.casefold() in recorded:
            continue
        for shape in rng.sample(NEGATIVE_SHAPES, 3):
            line = shape.format(seller=seller, goods=rng.choice(goods), colour=rng.choice(COLOURS),
                                size=rng.choice(SIZES))  # fmt: skip
            out.append([line, "", "negative", source])
    return out


def main() -> None:
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "brand", "kind", "name_source"])
        writer.writerows(rows())


if __name__ == "__main__":
    main()
