"""The brand look-up (GET /v1/brands): the marks a free-text query names or resembles.

The query is read through the same stages as a screened line (words, keys, candidates), without
asking the line for context: a seller asks about the words themselves, and a spelling screening
reads as a mark ("Nlke", "R0LEX") is found here as screening finds it. Then near misses of the
words no mark was read in, which the answer says screening does not read.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from app.matching.acceptance import rank
from app.matching.candidates import Candidate
from app.matching.explanation import describe, matched_text, reason
from app.matching.fuzzy import similarity
from app.matching.hits import BrandHit, MatchType
from app.matching.index import KIND_ORDER, MarkIndex
from app.matching.normalize import Line

SEARCH_CUTOFF = 80  # similarity: "submarlner"/"submariner" 90, "marine"/"submariner" 60


def search(index: MarkIndex, line: Line, candidates: list[Candidate], limit: int) -> list[BrandHit]:
    """One result per brand, best first: every mark the query's `candidates` name, however
    disguised ("R0LEX" is Rolex), then near misses of the rest: each word, each pair of adjacent
    words and the whole query against the recorded names, kept when the edit distance over the
    longer length leaves a similarity of SEARCH_CUTOFF or more ("Submarlner" is close to
    Submariner; a query that merely contains "Marine" does not suggest Breguet's Marine)."""
    readings: dict[int, list[Candidate]] = {}
    for cand in candidates:
        readings.setdefault(cand.entry.brand, []).append(cand)
    hits: dict[str, BrandHit] = {}
    covered: set[int] = set()
    for brand_id, cands in readings.items():
        brand = index.brands[brand_id].name
        cands.sort(key=lambda c: (KIND_ORDER[c.entry.kind], *rank(c)))
        reasons: list[str] = []
        for cand in cands:
            if not covered.isdisjoint(range(cand.first, cand.last)) and reasons:
                continue
            covered.update(range(cand.first, cand.last))
            reasons.append(reason(matched_text(line, cand), brand, cand))
        best = cands[0]
        hits[brand] = BrandHit(
            brand, matched_text(line, best), best.match_type, best.similarity, "; ".join(reasons)
        )
    close: dict[str, BrandHit] = {}
    for written, key in _search_terms(line, covered):
        found = process.extract(
            key, index.entry_keys, scorer=fuzz.ratio, limit=limit, score_cutoff=SEARCH_CUTOFF
        )
        for _, _, entry_id in found:
            entry = index.entries[entry_id]
            score = similarity(key, entry.key)
            brand = index.brands[entry.brand].name
            old = close.get(brand)
            if score < SEARCH_CUTOFF or brand in hits or (old is not None and old.similarity >= score):
                continue
            text = (
                f"'{written}' is close to {describe(entry, brand)} (similarity {score}); "
                "a near miss, which screening does not read as the mark"
            )
            close[brand] = BrandHit(brand, written, MatchType.SIMILAR, score, text)
    suggestions = sorted(close.values(), key=lambda h: -h.similarity)
    return [*hits.values(), *suggestions][:limit]


def _search_terms(line: Line, covered: set[int]) -> list[tuple[str, str]]:
    """(as written, compact key) of the query's words, pairs of adjacent words and the whole
    query, 4+ characters, leaving out the words already read as a mark."""
    tokens = line.tokens
    spans = [(i, i + 1) for i in range(len(tokens))] + [(i, i + 2) for i in range(len(tokens) - 1)]
    if len(tokens) > 2:
        spans.append((0, len(tokens)))
    terms: dict[str, str] = {}
    for first, last in spans:
        if not covered.isdisjoint(range(first, last)):
            continue
        key = "".join(t.piece for t in tokens[first:last])
        if len(key) >= 4:
            terms.setdefault(key, line.surface(tokens[first].start, tokens[last - 1].end))
    return [(written, key) for key, written in terms.items()]
