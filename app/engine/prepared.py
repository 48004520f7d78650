"""Each line's text, prepared once for every reader of it (watchman's `PreparedFields` is the model).

The analysis builds one `PreparedLine` per manifest line and carries it on the line's facts; the
rules read its fields instead of normalising the description again. The fields a few rules want
are computed on first use, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from app.engine.codes import normalise_code
from app.engine.text import description_key
from app.engine.types import ManifestLine
from app.matching.normalize import fold
from app.text import segments

_WORD = re.compile(r"[^\W_]+")  # folded letters and digits: "wh-1000xm5" is "wh 1000xm5"


@dataclass(frozen=True)
class PreparedLine:
    """One reading of a line's description and HS code. Equal when the descriptions are: every
    field but `hs_code` comes from the description alone."""

    description: str
    hs_code: str | None = field(compare=False)  # digits only (app.engine.codes.normalise_code)
    description_key: str = field(compare=False)  # for "same goods" comparisons (app.engine.text)

    @cached_property
    def folded(self) -> str:
        """Folded as the brand matcher folds: look-alike letters to Latin, case-folded."""
        return fold(self.description)

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The letters-and-digits words of the folded text ("wh-1000xm5" is "wh", "1000xm5")."""
        return tuple(_WORD.findall(self.folded))

    @cached_property
    def segments(self) -> tuple[tuple[str, ...], ...]:
        """The phrases of the description, each of singular lower-case words (app/text.py)."""
        return tuple(map(tuple, segments(self.description)))

    @cached_property
    def singular_words(self) -> tuple[str, ...]:
        """The singular words of every phrase, in order."""
        return tuple(word for phrase in self.segments for word in phrase)


def prepare(line: ManifestLine) -> PreparedLine:
    code = normalise_code(line.hs_code) if line.hs_code else None
    return PreparedLine(line.description, code, description_key(line.description))
