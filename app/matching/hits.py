"""What the matcher reports: a `BrandHit` per recorded mark a line names, and how it was read.

Plain Python, not compiled with the rest of the package (setup.py): the engine carries hits on a
line's facts across processes, and a plain class pickles as any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MatchType(StrEnum):
    """How the line writes the mark. A str: the JSON and the records keep the plain words."""

    EXACT = "exact"  # the recorded name, as recorded
    CASE = "case"  # the recorded name in other letter case
    ALIAS = "alias"
    MODEL = "model"
    TRANSLATION = "translation"  # the Chinese name
    ABBREVIATION = "abbreviation"
    DECLARED = "declared"  # the line's declared brand field
    TYPO = "typo"
    DOUBLED = "doubled"  # a letter doubled
    LEET = "leet"
    HOMOGLYPH = "homoglyph"
    FULLWIDTH = "fullwidth"
    SPACING = "spacing"  # separators inside the mark
    GLUED = "glued"  # glued to the words around it
    SIMILAR = "similar"  # a search's near miss, never a screening's
    COMPATIBILITY = "compatibility"  # named as what the goods fit: "case for iPhone"

    @property
    def plain(self) -> bool:
        """The mark as recorded (any of its recorded names), not a disguise."""
        return self in PLAIN


# The readings that write a recorded name as it is: a disguise is any other.
PLAIN = frozenset(
    {
        MatchType.EXACT,
        MatchType.CASE,
        MatchType.ALIAS,
        MatchType.MODEL,
        MatchType.TRANSLATION,
        MatchType.ABBREVIATION,
        MatchType.DECLARED,
    }
)


@dataclass(frozen=True, slots=True)
class BrandHit:
    """A recorded mark found in a line."""

    brand: str  # canonical name from the brand list
    matched_text: str  # the text as written in the line
    match_type: MatchType
    similarity: int  # 0-100
    reason: str  # one sentence a person understands
    replica_phrase: str | None = None  # "replica", "AAA", "1:1" ... seen next to the mark

    @property
    def carried(self) -> bool:
        """The goods carry the mark: any reading but a compatibility mention ("case for iPhone")."""
        return self.match_type is not MatchType.COMPATIBILITY
