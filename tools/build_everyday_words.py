"""Build the matcher's two word-frequency lists from the wordfreq package (pinned in pyproject.toml).

    .venv/bin/python tools/build_everyday_words.py          # write both files
    .venv/bin/python tools/build_everyday_words.py --check  # exit 1 if either is stale

* app/matching/data/frequent_words.txt: words of four letters or more written often in everyday
  text of one of LANGUAGES (Zipf frequency of FREQUENT or more, FREQUENT_SHORT for words of up
  to SHORT letters) that the matcher's other lists lack. A line word among them is a word of its
  own, never read as a misspelt or glued mark ("Moda" is no Omoda, "Vaio" no Valeo, "ebook" no HP).
* app/matching/data/everyday_words.txt: the words a model or line name may be that are
  everyday words: a dictionary word (english_words.txt) written very often in English
  (EVERYDAY_ENGLISH or more: "office", "campus", "marine"), or a word written often in another of
  LANGUAGES and far less in English ("classique", "moda", "palermo"). Such a model names its mark
  only beside the brand, the declared brand or goods of the brand's kind with a mark cue
  (app/matching/levels.py).

Frequency alone cannot tell a word from a famous name: "sony" and "iphone" are written as often as
"office". So the English side of the everyday list keeps only lower-case dictionary words (the
capitalised entries of the same dictionary, proper_nouns.txt, hold brands such as "Samsung" beside
places and given names), and a name as frequent in every language (a brand's) never reads as a
foreign everyday word.
Deterministic: the same wordfreq release and word lists give the same bytes.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from importlib.metadata import version
from pathlib import Path

from wordfreq import get_frequency_dict

REPO = Path(__file__).resolve().parents[1]
WORD_LISTS = REPO / "app" / "matching" / "data"
FREQUENT_OUTPUT = WORD_LISTS / "frequent_words.txt"
EVERYDAY_OUTPUT = WORD_LISTS / "everyday_words.txt"
OTHER_LISTS = ("english_words.txt", "proper_nouns.txt", "goods_words.txt", "hs_words.txt")
# The languages of the catalogues and manifests the matcher reads most.
LANGUAGES = ("en", "fr", "es", "it", "de", "pt", "nl")
FREQUENT = 3.0  # Zipf: about once in a million words
# Short words are where a misspelt mark and a real word meet ("vaio" / Valeo, "alena" / Alena):
# they count as written often from a third as often.
FREQUENT_SHORT = 2.5
SHORT = 6  # letters
EVERYDAY_ENGLISH = 3.5  # about once in three hundred thousand words
FOREIGN = 4.0  # about once in a hundred thousand words, in another language
FOREIGN_MARGIN = 1.0  # ten times as frequent as in English
_WORD = re.compile(r"[a-z]{3,}")


def _listed(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {w.strip() for w in lines if w.strip() and not w.startswith("#")}


def _zipf_by_language() -> dict[str, dict[str, float]]:
    """Each language's Zipf frequency (log10 of occurrences per billion words) of its plain words."""
    return {
        language: {
            word: math.log10(frequency) + 9
            for word, frequency in get_frequency_dict(language, wordlist="best").items()
            if _WORD.fullmatch(word)
        }
        for language in LANGUAGES
    }


def _header(what: str) -> str:
    return (
        f"# {what}\n# Built by tools/build_everyday_words.py from wordfreq {version('wordfreq')} "
        f"({', '.join(LANGUAGES)}; Robyn Speer, Apache-2.0 code, CC BY-SA 4.0 data).\n"
    )


def word_lists() -> tuple[str, str]:
    """The text of frequent_words.txt and of everyday_words.txt."""
    zipf = _zipf_by_language()
    english = zipf["en"]
    best: dict[str, float] = {}
    foreign: dict[str, float] = {}
    for language, words in zipf.items():
        for word, value in words.items():
            best[word] = max(best.get(word, 0.0), value)
            if language != "en":
                foreign[word] = max(foreign.get(word, 0.0), value)
    known = set().union(*(_listed(WORD_LISTS / name) for name in OTHER_LISTS))
    dictionary = _listed(WORD_LISTS / "english_words.txt")
    frequent = sorted(
        w
        for w, value in best.items()
        if len(w) >= 4 and w not in known and value >= (FREQUENT_SHORT if len(w) <= SHORT else FREQUENT)
    )
    everyday = sorted(
        {w for w in dictionary if english.get(w, 0.0) >= EVERYDAY_ENGLISH}
        | {
            w
            for w, value in foreign.items()
            if value >= FOREIGN and value - english.get(w, 0.0) >= FOREIGN_MARGIN
        }
    )
    frequent_text = _header(
        f"Words of 4+ letters at Zipf {FREQUENT} or more in one language ({FREQUENT_SHORT} up to {SHORT} "
        "letters), missing from the other lists: never a misspelt or glued mark."
    ) + "".join(f"{w}\n" for w in frequent)
    everyday_text = _header(
        f"Everyday words: lower-case dictionary words at Zipf {EVERYDAY_ENGLISH}+ in English, and words "
        f"at Zipf {FOREIGN}+ in another language and {FOREIGN_MARGIN}+ above English: a model so named "
        "needs more."
    ) + "".join(f"{w}\n" for w in everyday)
    return frequent_text, everyday_text


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is not what this makes")
    args = parser.parse_args()
    outputs = dict(zip((FREQUENT_OUTPUT, EVERYDAY_OUTPUT), word_lists(), strict=True))
    for path, text in outputs.items():
        if args.check:
            if path.read_text(encoding="utf-8") != text:
                sys.exit(f"{path} is stale: run tools/build_everyday_words.py")
            continue
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({text.count(chr(10)) - 2} words)")


if __name__ == "__main__":
    main()
