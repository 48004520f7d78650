"""Stage 4, before acceptance: a recorded name written as part of another name, or as a colour.

A mark's own letters may stand in a line as part of something else, which the way it is written
shows:

* another maker's double-barrelled name or code: the name joined by a hyphen to the word before
  it, a capitalised word no dictionary has ("Mathey-Tissot"), or, for a short mark, any word
  ("whr-hp-g300n": letters of another maker's model code);
* a person's name: a one-word name or alias right after a given name that is none of the brand's
  own words ("Steve McQueen", where the record writes "Alexander McQueen");
* a part number: a leetspeak reading dotted to groups of digits ("1EG0.052.00" is no LEGO);
* a colour: a name made only of colour and shade words ("Off-White") says the colour unless it is
  written as a mark is (context.py reads it so: the goods fitting is no evidence for it).
"""

from __future__ import annotations

from app.matching.candidates import Candidate
from app.matching.hits import MatchType
from app.matching.index import NAME_KINDS
from app.matching.levels import Level
from app.matching.normalize import Line
from app.matching.vocabulary import Vocabulary

# Words that make a shade of a colour: "off-white", "light blue", "dark grey".
SHADES = frozenset({"off", "light", "dark", "pale", "deep", "bright", "soft"})


def inside_another_name(line: Line, cand: Candidate, vocab: Vocabulary) -> bool:
    """Whether the candidate, a name of its brand, is written as part of another name or code."""
    entry = cand.entry
    if cand.match_type == MatchType.LEET and _in_a_number(line, cand):
        return True  # "1EG0.052.00": digits of a part number, not a mark in leetspeak
    if entry.kind not in NAME_KINDS or entry.cjk or cand.first == 0:
        return False
    before = line.tokens[cand.first - 1]
    joined = line.folded[before.end : line.tokens[cand.first].start] == "-"
    person = not joined and len(entry.plain_words) == 1 and before.text in vocab.proper_nouns
    if not (joined or person) or before.text in entry.plain_words:
        return False  # the common case: nothing joined to it, no given name before it
    if joined and entry.level == Level.SHORT:
        return True  # "whr-hp-g300n": a short mark inside another maker's code
    capitalised = line.surface(before.start, before.end)[:1].isupper()
    if joined:
        return (
            capitalised and before.text.isalpha() and before.text not in vocab.dictionary
        )  # "Mathey-Tissot"
    return capitalised  # "Steve McQueen": a person


def _in_a_number(line: Line, cand: Candidate) -> bool:
    """The candidate's letters joined by a dot to a group of digits, as part numbers are written
    ("1EG0.052.00"); "R0LEX-2024" and "R0LEX 2024" stay a mark and a number."""
    tokens = line.tokens
    for near, joint in ((cand.first - 1, cand.first), (cand.last, cand.last - 1)):
        if 0 <= near < len(tokens) and tokens[near].text.isdigit():
            a, b = sorted((tokens[near], tokens[joint]), key=lambda t: t.start)
            if line.folded[a.end : b.start] == ".":
                return True
    return False


def colour_name(words: tuple[str, ...], vocab: Vocabulary) -> bool:
    """A name made only of colour and shade words, one colour at least ("Off-White")."""
    descriptive = vocab.descriptive
    return any(w in descriptive for w in words) and all(w in descriptive or w in SHADES for w in words)
