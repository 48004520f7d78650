"""Stage 4: which candidates name their mark, in the line's context, and one reading per brand.

A distinctive alias names its mark alone; any other reading (a common word, a short key, a
model name, a misspelt model name, a weak spacing) needs the context to say so (context.py
`evidence`): the goods fit, a companion name of the brand, a cue. A mark inside a longer mark of
another brand gives way.
Each accepted candidate comes with why it was read as the mark ("" when it needed no reason).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import partial
from operator import attrgetter

from app.matching.candidates import Candidate
from app.matching.context import LineContext, evidence, inside_phrase
from app.matching.hits import PLAIN, MatchType
from app.matching.index import KIND_ORDER, NAME_KINDS, MarkIndex
from app.matching.levels import Level
from app.matching.normalize import Line
from app.matching.other_names import colour_name, inside_another_name
from app.matching.vocabulary import Vocabulary

Accepted = tuple[Candidate, str]  # a candidate and why it names the mark

_cstart = attrgetter("cstart")
_cend = attrgetter("cend")
_AS_RECORDED = frozenset({MatchType.EXACT, MatchType.CASE})
_MISSPELT = frozenset({MatchType.TYPO, MatchType.DOUBLED})


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
    candidates = [c for c in _not_inside_longer_names(candidates) if not inside_another_name(line, c, vocab)]
    if all(_alone(c) for c in candidates):
        return resolve([(c, "") for c in candidates])  # the common case: each alias alone names its mark
    # where each brand's distinctive names stand, read as written
    sure: dict[int, set[int]] = {}
    kin: dict[int, set[int]] = {}  # where any name or model of each brand stands
    name_ends: dict[int, set[int]] = {}  # the tokens each brand's names, read as written, end before
    for c in candidates:
        if _alone(c):
            sure.setdefault(c.entry.brand, set()).add(c.cstart)
        if not c.weak and c.entry.level != Level.HEAD:
            kin.setdefault(c.entry.brand, set()).add(c.cstart)
            if c.entry.kind in NAME_KINDS and c.match_type in PLAIN:
                name_ends.setdefault(c.entry.brand, set()).add(c.last)
    kept: list[Accepted] = []
    for cand in candidates:
        entry = cand.entry
        if _alone(cand):
            kept.append((cand, ""))  # the alias alone names the mark
            continue
        if cand.weak and entry.level != Level.DISTINCTIVE:
            continue  # two ordinary words that meet are no disguised ordinary-word mark
        starts = sure.get(entry.brand, ())
        head, tail = line.tokens[cand.first].start, line.tokens[cand.last - 1].end
        why = evidence(
            _level(cand),
            brand=entry.brand,
            brand_categories=index.brand_categories[entry.brand],
            brand_classes=index.brand_classes[entry.brand],
            span=(cand.first, cand.last),
            surface=partial(line.surface, head, tail),
            recorded=entry.text,
            has_companion=any(start != cand.cstart for start in starts),
            ctx=ctx,
            vocab=vocab,
            has_kin=any(start != cand.cstart for start in kin.get(entry.brand, ())),
            full_name=entry.kind == "name" and len(entry.words) > 1 and cand.match_type in _AS_RECORDED,
            name=entry.kind in NAME_KINDS,
            after_name=entry.kind == "model" and cand.first in name_ends.get(entry.brand, ()),
            colour=entry.kind in NAME_KINDS and colour_name(entry.plain_words, vocab),
        )
        if why is not None:
            kept.append((cand, why))
    return resolve(kept)


def _misspelt_model(cand: Candidate) -> bool:
    """A model name one or two letters off: "Sutra" is a word of its own before it is a
    misspelt "Sutro", so it needs the brand beside it, not the goods alone."""
    return cand.entry.kind == "model" and cand.match_type in _MISSPELT


def _alone(cand: Candidate) -> bool:
    """The reading names its mark with nothing more said."""
    return cand.entry.level == Level.DISTINCTIVE and not cand.weak and not _misspelt_model(cand)


def _level(cand: Candidate) -> Level:
    """What the line must say for the reading (context.py `evidence`)."""
    if cand.weak:
        return Level.WORD
    if _misspelt_model(cand) and cand.entry.level in (Level.DISTINCTIVE, Level.WORD, Level.GOODS):
        return Level.COMPANION
    return Level(cand.entry.level)


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


def _co_branded(inner: Candidate, outer: Candidate) -> bool:
    """A brand's own name, as recorded, inside another brand's model: a line of both ("LEGO Star
    Wars" is LEGO's and Star Wars'), where "Royal" of "Royal Oak" is no Tudor Royal."""
    return inner.entry.kind == "name" and outer.entry.kind == "model" and inner.match_type in PLAIN


def _inside(inner: Candidate, outer: Candidate) -> bool:
    """Whether `inner` gives way to `outer`, a longer alias of another brand around it."""
    return (
        outer.entry.brand != inner.entry.brand
        and outer.cstart <= inner.cstart
        and inner.cend <= outer.cend
        and outer.cend - outer.cstart > inner.cend - inner.cstart
        and not _co_branded(inner, outer)
    )


def _inside_any(candidates: list[Candidate], outers: list[Candidate]) -> list[bool]:
    """For each candidate, whether it gives way to one of `outers`. Only outers that start within
    the longest outer's length before a candidate's end can hold it: a line of a hundred marks
    compares each with its neighbours, not with all."""
    ordered = sorted(outers, key=_cstart)
    starts = [o.cstart for o in ordered]
    longest = max((o.cend - o.cstart for o in ordered), default=0)
    return [
        any(
            _inside(c, o)
            for o in ordered[bisect_left(starts, c.cend - longest) : bisect_right(starts, c.cstart)]
        )
        for c in candidates
    ]


def _not_inside_longer_names(candidates: list[Candidate]) -> list[Candidate]:
    """A name inside a longer recorded name of another brand, written as recorded, is that name's
    word, whether or not the longer name is then accepted: "Royal" of "Royal Oak" is no Tudor Royal."""
    if len({c.entry.brand for c in candidates}) < 2:
        return candidates  # one brand: no other brand's name to stand inside
    outers = [c for c in candidates if c.match_type in PLAIN and not c.weak]
    return [
        c for c, gives_way in zip(candidates, _inside_any(candidates, outers), strict=True) if not gives_way
    ]


def resolve(kept: list[Accepted]) -> list[Accepted]:
    """One hit per brand; a mark inside a longer mark of another brand gives way ("TAG" in "TAG
    Heuer"), but for a brand's name inside another's co-branded model ("LEGO Star Wars")."""
    if len(kept) < 2:
        return kept
    if len({cand.entry.brand for cand, _ in kept}) < 2:
        survivors = kept  # one brand: nothing to give way to
    else:
        cands = [cand for cand, _ in kept]
        survivors = [kept[i] for i, gives_way in enumerate(_inside_any(cands, cands)) if not gives_way]
    best: dict[int, Accepted] = {}
    for cand, why in survivors:
        old = best.get(cand.entry.brand)
        if old is None or _preference(cand) < _preference(old[0]):
            best[cand.entry.brand] = (cand, why)
    return sorted(best.values(), key=lambda cw: (cw[0].cstart, cw[0].entry.brand))  # same order every run
