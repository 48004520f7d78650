"""SPLIT_SHIPMENT: one consignment broken into many small parts to pass as low-value parcels.

Three ways it shows (the Chengdu case: 200 parcels each declared "Watch"):
- in one manifest, many lines of the same goods, each of a few pieces;
- one line of small high-risk or cheap goods spread over many parcels, a few pieces each
  (a chair or a shelf one to a package is normal, 220 handbags in 150 parcels is not; cheap bulk
  goods in the packages they are sold in, "garlic, 10kg mesh bags", are not either);
- across manifests, the same shipper sending the same goods to the same consignee, in small
  parts, several times within a short window.
An order broken down by size and colour (hundreds of pieces a line) is not a split.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from app.engine.facts import LineFacts, ManifestFacts
from app.engine.history import window_start
from app.engine.types import Flag, FlagCode, GoodsSignature, PastShipment, Severity
from app.reference.marks_vocabulary import MarksVocabulary, is_number_like
from app.rules.base import ManifestRuleSpec, Points, RuleEnv
from app.rules.goods_risk import high_risk_line, quoted
from app.text import singular

_MEASURE = re.compile(r"\d+([a-z]+)")  # "10kg": a number and its unit, read as one word
MAX_LISTED = 100  # line ids listed in the evidence, however many lines take part
MAX_REPRESENTATIVES = 20  # distinct descriptions per category compared for near-identity

RECOMMENDATION = (
    "Treat the parts as one consignment: check the total quantity and value, and the goods, before release."
)


@dataclass
class Finding:
    variant: str  # "lines", "parcels" or "manifests"
    sentence: str
    evidence: dict[str, object] = field(default_factory=dict)


def check(facts: ManifestFacts, env: RuleEnv) -> Iterator[Flag]:
    findings = [
        finding
        for finding in (
            _many_small_lines(facts, env),
            _many_parcels(facts, env),
            _across_manifests(facts, env),
        )
        if finding is not None
    ]
    if not findings:
        return
    evidence: dict[str, object] = {"variants": [f.variant for f in findings]}
    for finding in findings:
        evidence.update(finding.evidence)
    yield Flag(
        code=FlagCode.SPLIT_SHIPMENT,
        severity=Severity.MEDIUM,
        line_id=None,
        reason="; ".join(f.sentence for f in findings),
        recommendation=RECOMMENDATION,
        points=env.config.scoring.split_shipment,
        evidence=evidence,
    )


def goods_key(text_key: str, vocabulary: MarksVocabulary) -> str:
    """The description without counts, sizes and colours: "Watch #12, black" and "watches" alike."""
    kept = sorted(
        {
            singular(word)
            for word in text_key.split()
            if not is_number_like(word) and singular(word) not in vocabulary.variant_words
        }
    )
    return " ".join(kept) or text_key


def _many_small_lines(facts: ManifestFacts, env: RuleEnv) -> Finding | None:
    patterns = env.config.patterns
    vocabulary = env.knowledge.marks_vocabulary
    groups: dict[str, list[LineFacts]] = defaultdict(list)
    for line in facts.lines:
        quantity = line.line.quantity
        if quantity is not None and quantity <= patterns.split_max_line_quantity:
            groups[goods_key(line.text_key, vocabulary)].append(line)
    if sum(len(lines) for lines in groups.values()) < patterns.split_min_lines:
        return None
    merged = _merge_near_identical(groups, patterns.split_similarity)
    lines = max(merged, key=len)
    if len(lines) < patterns.split_min_lines:
        return None
    lines.sort(key=lambda line: line.index)
    quantities = [line.line.quantity or 0 for line in lines]
    return Finding(
        variant="lines",
        sentence=(
            f"{len(lines)} lines of the same goods ({quoted(lines[0].line.description)}), "
            f"{_pieces(quantities)} each, {sum(quantities):,} in all: "
            "one consignment declared as many small parcels"
        ),
        evidence={
            "line_ids": [line.line_id for line in lines[:MAX_LISTED]],
            "lines_count": len(lines),
            "total_quantity": sum(quantities),
        },
    )


def _pieces(quantities: list[int]) -> str:
    low, high = min(quantities), max(quantities)
    if low == high:
        return f"{low} piece" if low == 1 else f"{low} pieces"
    return f"{low}-{high} pieces"


def _merge_near_identical(groups: dict[str, list[LineFacts]], similarity: int) -> list[list[LineFacts]]:
    """Join groups whose descriptions are near-identical and share a category (greedy, capped)."""
    representatives: dict[str, list[str]] = defaultdict(list)  # category -> group keys
    target: dict[str, str] = {}  # group key -> the key it joins
    for key in sorted(groups, key=lambda k: -len(groups[k])):
        categories = sorted({line.category for line in groups[key] if line.category})
        target[key] = key
        for category in categories:
            reps = representatives[category]
            match = process.extractOne(key, reps, scorer=fuzz.token_sort_ratio, score_cutoff=similarity)
            if match is not None:
                target[key] = target[match[0]]
                break
        else:
            for category in categories:
                if len(representatives[category]) < MAX_REPRESENTATIVES:
                    representatives[category].append(key)
    merged: dict[str, list[LineFacts]] = defaultdict(list)
    for key, lines in groups.items():
        merged[target[key]].extend(lines)
    return list(merged.values())


def in_trade_units(tokens: Sequence[str], vocabulary: MarksVocabulary) -> bool:
    """The line's words state each package's net weight or volume ("Garlic, fresh, 10kg mesh
    bags", "Onions 25 kg sacks"): bulk goods in the packages they are sold in, one to a package."""
    for i, token in enumerate(tokens):
        if (stated := _MEASURE.fullmatch(token)) is not None:
            unit, after = stated.group(1), i + 1
        elif token.isdigit() and i + 1 < len(tokens):
            unit, after = tokens[i + 1], i + 2
        else:
            continue
        if unit in vocabulary.bulk_measures and not vocabulary.trade_units.isdisjoint(
            tokens[after : after + 2]
        ):
            return True
    return False


def _many_parcels(facts: ManifestFacts, env: RuleEnv) -> Finding | None:
    patterns = env.config.patterns
    vocabulary = env.knowledge.marks_vocabulary
    found: list[LineFacts] = []
    for line in facts.lines:
        quantity, packages = line.line.quantity, line.line.packages
        if not quantity or not packages or packages < patterns.split_min_packages:
            continue
        if quantity / packages > patterns.split_max_pieces_per_package:
            continue
        cheap = line.unit_value_usd is not None and line.unit_value_usd <= patterns.split_low_unit_value_usd
        if high_risk_line(line, env) or (
            cheap and not in_trade_units(line.prepared.singular_words, vocabulary)
        ):
            found.append(line)
    if not found:
        return None
    worst = max(found, key=lambda line: (line.line.packages or 0, -line.index))
    quantity, packages = worst.line.quantity or 0, worst.line.packages or 1
    more = f" (and {len(found) - 1} more such lines)" if len(found) > 1 else ""
    return Finding(
        variant="parcels",
        sentence=(
            f"line {worst.line_id} {quoted(worst.line.description)}: {quantity:,} pieces in "
            f"{packages:,} parcels, {quantity / packages:.1f} a parcel{more}"
        ),
        evidence={"parcel_line_ids": [line.line_id for line in found[:MAX_LISTED]]},
    )


@dataclass(frozen=True, slots=True)
class _Part:
    screening_id: str
    departure_date: dt.date
    goods: str  # description key of the earlier goods that matched


class _EarlierParts:
    """The small parts of earlier manifests, by description key and by (category, mark)."""

    def __init__(self, earlier: Iterable[PastShipment], max_quantity: int) -> None:
        self.by_key: dict[str, dict[str, _Part]] = defaultdict(dict)
        self.by_kind: dict[tuple[str, str | None], dict[str, _Part]] = defaultdict(dict)
        for past in earlier:
            for sig in past.goods:
                if sig.quantity > max_quantity:
                    continue
                part = _Part(past.screening_id, past.departure_date, sig.description_key)
                self.by_key[sig.description_key].setdefault(past.screening_id, part)
                if sig.category:
                    self.by_kind[(sig.category, sig.brand)].setdefault(past.screening_id, part)

    def of(self, sig: GoodsSignature) -> list[_Part]:
        """Earlier parts of the same goods: same description, or same category and mark."""
        parts: dict[str, _Part] = {}
        if sig.category:
            parts.update(self.by_kind.get((sig.category, sig.brand), {}))
        parts.update(self.by_key.get(sig.description_key, {}))  # an exact description wins
        return list(parts.values())


def _across_manifests(facts: ManifestFacts, env: RuleEnv) -> Finding | None:
    patterns = env.config.patterns
    consignee = facts.manifest.consignee.id
    if consignee is None:
        return None
    today = facts.manifest.departure_date
    since = window_start(today, patterns.split_window_days)
    earlier = [
        past
        for past in env.context.history
        if past.consignee_id == consignee and since <= past.departure_date <= today
    ]
    if len(earlier) + 1 < patterns.split_min_manifests:
        return None
    index = _EarlierParts(earlier, patterns.split_max_part_quantity)
    best: tuple[GoodsSignature, list[_Part]] | None = None
    for sig in facts.goods:
        if sig.quantity > patterns.split_max_part_quantity:
            continue
        parts = index.of(sig)
        if best is None or len(parts) > len(best[1]):
            best = (sig, parts)
    if best is None or len(best[1]) + 1 < patterns.split_min_manifests:
        return None
    sig, parts = best
    parts.sort(key=lambda part: (part.departure_date, part.screening_id))
    described = next(
        (quoted(line.line.description) for line in facts.lines if line.text_key == sig.description_key),
        quoted(sig.description_key),
    )
    if sig.category and any(p.goods != sig.description_key for p in parts):
        described += f", {sig.category}" + (f" of '{sig.brand}'" if sig.brand else "")
    return Finding(
        variant="manifests",
        sentence=(
            f"the same goods ({described}) to the same consignee in {len(parts) + 1} manifests from "
            f"{parts[0].departure_date.isoformat()} to {today.isoformat()} (this one included), "
            f"within {patterns.split_window_days} days"
        ),
        evidence={
            "screening_ids": [part.screening_id for part in parts],
            "consignee_id": consignee,
            "manifests": len(parts) + 1,
        },
    )


RULE = ManifestRuleSpec(
    codes=(FlagCode.SPLIT_SHIPMENT,),
    explanation="One consignment broken into many small parts.",
    points=(Points("split_shipment", 25, "`SPLIT_SHIPMENT`"),),
    position=4,
    check=check,
)
