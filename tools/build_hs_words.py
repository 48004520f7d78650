"""Build app/matching/data/hs_words.txt: the words of the HS 2022 goods descriptions that the
matcher's other word lists do not have ("baler", "areca", "saddlery").

    .venv/bin/python tools/build_hs_words.py          # write the file
    .venv/bin/python tools/build_hs_words.py --check  # exit 1 if it is stale

They join the matcher's dictionary, so a goods word of the nomenclature is never read as a
misspelt or glued mark ("baler twine" is no Bayer). Deterministic: the same files give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HS_CODES = REPO / "app" / "data" / "hs" / "hs_codes.csv"
WORD_LISTS = REPO / "app" / "matching" / "data"
OUTPUT = WORD_LISTS / "hs_words.txt"
OTHER_LISTS = ("english_words.txt", "proper_nouns.txt", "goods_words.txt")
HEADER = """\
# Words of the HS 2022 goods descriptions (app/data/hs/hs_codes.csv) missing from english_words.txt,
# proper_nouns.txt and goods_words.txt: goods vocabulary ("baler", "areca", "saddlery"), so they join
# the dictionary and are never read as a misspelt or glued mark. Built by tools/build_hs_words.py.
"""


def _listed(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {w.strip() for w in lines if w.strip() and not w.startswith("#")}


def hs_words() -> str:
    known = set().union(*(_listed(WORD_LISTS / name) for name in OTHER_LISTS))
    words: set[str] = set()
    with HS_CODES.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            words.update(w for w in re.findall(r"[a-z]+", row["description"].lower()) if len(w) >= 3)
    return HEADER + "".join(f"{word}\n" for word in sorted(words - known))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is not what this makes")
    args = parser.parse_args()
    text = hs_words()
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUTPUT} is stale: run tools/build_hs_words.py")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - HEADER.count(chr(10))} words)")


if __name__ == "__main__":
    main()
