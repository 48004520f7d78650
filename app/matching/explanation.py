"""Stage 5: the hit a person reads: the mark, the text as the line wrote it, and why.

The reason says what the alias is (the recorded mark, a model name, the Chinese name...), how the
line writes it (`MatchType`) and, when the context decided, why it was read as the mark; a mark
named as what the goods fit (compatibility.py) says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.matching.candidates import Candidate
from app.matching.compatibility import fitting_wording
from app.matching.context import LineContext, replica_phrase
from app.matching.hits import PLAIN, BrandHit, MatchType
from app.matching.index import AliasEntry
from app.matching.levels import Level
from app.matching.normalize import Line
from app.matching.vocabulary import Vocabulary


def hit(
    brand: str,
    line: Line,
    cand: Candidate,
    why: str,
    ctx: LineContext,
    vocab: Vocabulary,
    candidates: Sequence[Candidate] = (),
) -> BrandHit:
    """The hit of an accepted candidate; `candidates`: all the line's, where it may write marks."""
    matched = matched_text(line, cand)
    text = reason(matched, brand, cand)
    if why:
        text += f"; read as the mark because {why}"
    span = (cand.first, cand.last)
    replica = replica_phrase(ctx, span, vocab)
    # a deliberate disguise hides the mark: it describes no fit
    plain = cand.match_type in PLAIN or cand.weak
    if plain and replica is None and ctx.declared_brand != cand.entry.brand:
        fits = fitting_wording(cand, candidates, ctx, vocab)
        if fits is not None:
            text += f"; named as what the goods fit ('{fits}'), not as their own mark"
            return BrandHit(brand, matched, MatchType.COMPATIBILITY, cand.similarity, text)
    return BrandHit(brand, matched, cand.match_type, cand.similarity, text, replica)


def matched_text(line: Line, cand: Candidate) -> str:
    head, tail = line.tokens[cand.first], line.tokens[cand.last - 1]
    if cand.match_type != MatchType.GLUED:
        return line.surface(head.start, tail.end)
    return line.surface(head.start + cand.cstart - head.cstart, tail.start + cand.cend - tail.cstart)


def describe(entry: AliasEntry, brand: str, quoted: bool = True) -> str:
    """What the alias is; `quoted` names it, which the reason skips when the line wrote it as is."""
    text = f"'{entry.text}', " if quoted else ""
    if entry.level == Level.HEAD:
        return f"{text}the first word of the recorded mark '{brand}'"
    if entry.kind == "name":
        return f"the recorded mark '{brand}'"
    if entry.kind == "translation":
        return f"{text}the Chinese name of '{brand}'"
    if entry.kind == "model":
        return f"{text}a model name of '{brand}'"
    if entry.kind == "abbreviation":
        return f"{text}the abbreviation of '{brand}'"
    return f"{text}a recorded name of '{brand}'"


# How each disguise reads, in a sentence; any other reading is "'<matched>' is <what>".
_REASONS = {
    MatchType.TYPO: "'{matched}' is {letters} from {what}",
    MatchType.DOUBLED: "'{matched}' is {what} with a letter doubled",
    MatchType.LEET: "'{matched}' reads as {what} (leetspeak {detail})",
    MatchType.HOMOGLYPH: "'{matched}' reads as {what} (look-alike letters {detail})",
    MatchType.FULLWIDTH: "'{matched}' reads as {what} (fullwidth letters)",
    MatchType.SPACING: "'{matched}' reads as {what} (separators inside the mark)",
    MatchType.GLUED: "'{matched}' is {what}, glued to the words around it",
    MatchType.CASE: "'{matched}' is {what}, in other letter case",
    MatchType.TRANSLATION: "'{matched}' is the Chinese name of '{brand}'",
}


def reason(matched: str, brand: str, cand: Candidate) -> str:
    as_written = matched.casefold() == cand.entry.text.casefold()
    what = describe(cand.entry, brand, quoted=not as_written)
    template = _REASONS.get(cand.match_type, "'{matched}' is {what}")
    letters = "one letter" if cand.detail == "1" else "two letters"
    return template.format(matched=matched, what=what, detail=cand.detail, brand=brand, letters=letters)
