"""Stage 4: which candidates name their mark, in the line's context, and one reading per brand.

A distinctive alias names its mark alone; any other reading (a common word, a short key, a
model name, a weak spacing) needs the context to say so (context.py `evidence`): the goods fit,
a companion name of the brand, a cue. A mark inside a longer mark of another brand gives way.
Each accepted candidate comes with why it was read as the mark ("" when it needed no reason).
"""

from __future__ import annotations

from functools import partial
from operator import attrgetter

from app.matching.candidates import Candidate
from app.matching.context import LineContext, evidence, inside_phrase
from app.matching.hits import PLAIN, MatchType
from app.matching.index import KIND_ORDER, Level, MarkIndex
from app.matching.normalize import Line
from app.matching.vocabulary import Vocabulary

Accepted = tuple[Candidate, str]  # a candidate and why it names the mark

_cstart = attrgetter("cstart")
_cend = attrgetter("cend")
_AS_RECORDED = frozenset({MatchType.EXACT, MatchType.CASE})


def accept(
    index: MarkIndex, vocab: Vocabulary, line: Line, candidates: list[Candidate], ctx: LineContext
) -> list[Accepted]:
    non_mark = index.non_mark
    if any(non_mark[c.entry.brand] for c in candidates):
        bounds = {*map(_cstart, line.tokens), *map(_cend, line.tokens)}
        candidates = [
            c
            for c in candidates
            if not inside_phrase(line.compact, (c.cstart, c.cend), non_mark[c.entry.brand], bounds)
        ]
    candidates = _not_inside_longer_names(candidates)
    if all(c.entry.level == Level.DISTINCTIVE and not c.weak for c in candidates):
        return resolve([(c, "") for c in candidates])  # the common case: each alias alone names its mark
    # where each brand's distinctive names stand, read as written
    sure: dict[int, set[int]] = {}
    kin: dict[int, set[int]] = {}  # where any name or model of each brand stands
    for c in candidates:
        if c.entry.level == Level.DISTINCTIVE and not c.weak:
            sure.setdefault(c.entry.brand, set()).add(c.cstart)
        if not c.weak and c.entry.level != Level.HEAD:
            kin.setdefault(c.entry.brand, set()).add(c.cstart)
    kept: list[Accepted] = []
    for cand in candidates:
        entry = cand.entry
        if entry.level == Level.DISTINCTIVE and not cand.weak:
            kept.append((cand, ""))  # the alias alone names the mark
            continue
        if cand.weak and entry.level != Level.DISTINCTIVE:
            continue  # two ordinary words that meet are no disguised ordinary-word mark
        starts = sure.get(entry.brand, ())
        head, tail = line.tokens[cand.first].start, line.tokens[cand.last - 1].end
        why = evidence(
            Level.WORD if cand.weak else Level(entry.level),
            brand=entry.brand,
            brand_categories=index.brand_categories[entry.brand],
            span=(cand.first, cand.last),
            surface=partial(line.surface, head, tail),
            recorded=entry.text,
            has_companion=any(start != cand.cstart for start in starts),
            ctx=ctx,
            vocab=vocab,
            has_kin=any(start != cand.cstart for start in kin.get(entry.brand, ())),
            full_name=entry.kind == "name" and len(entry.words) > 1 and cand.match_type in _AS_RECORDED,
        )
        if why is not None:
            kept.append((cand, why))
    return resolve(kept)


def rank(cand: Candidate) -> tuple[int, int, int]:
    """How surely a candidate reads its alias, best first: as recorded, then by similarity."""
    exactness = 0 if cand.match_type in PLAIN else 1
    return (exactness, -cand.similarity, int(cand.entry.level))


def _preference(cand: Candidate) -> tuple[int, int, int, int]:
    """Which of a brand's hits to report: a disguise first (it weighs more), then the name."""
    return (
        0 if cand.match_type not in PLAIN else 1,
        KIND_ORDER[cand.entry.kind],
        -cand.similarity,
        cand.cstart,
    )


def _not_inside_longer_names(candidates: list[Candidate]) -> list[Candidate]:
    """A name inside a longer recorded name of another brand, written as recorded, is that name's
    word, whether or not the longer name is then accepted: "Royal" of "Royal Oak" is no Tudor Royal."""
    if len({c.entry.brand for c in candidates}) < 2:
        return candidates  # one brand: no other brand's name to stand inside
    spans = [(c.cstart, c.cend, c.entry.brand) for c in candidates if c.match_type in PLAIN and not c.weak]
    return [
        c
        for c in candidates
        if not any(
            brand != c.entry.brand and start <= c.cstart and c.cend <= end and end - start > c.cend - c.cstart
            for start, end, brand in spans
        )
    ]


def resolve(kept: list[Accepted]) -> list[Accepted]:
    """One hit per brand; a mark inside a longer mark of another brand gives way ("TAG" in "TAG Heuer")."""
    if len(kept) < 2:
        return kept
    if len({cand.entry.brand for cand, _ in kept}) < 2:
        survivors = kept  # one brand: nothing to give way to
    else:
        survivors = [
            (cand, why)
            for cand, why in kept
            if not any(
                other.entry.brand != cand.entry.brand
                and other.cstart <= cand.cstart
                and cand.cend <= other.cend
                and other.cend - other.cstart > cand.cend - cand.cstart
                for other, _ in kept
            )
        ]
    best: dict[int, Accepted] = {}
    for cand, why in survivors:
        old = best.get(cand.entry.brand)
        if old is None or _preference(cand) < _preference(old[0]):
            best[cand.entry.brand] = (cand, why)
    return sorted(best.values(), key=lambda cw: (cw[0].cstart, cw[0].entry.brand))  # same order every run
