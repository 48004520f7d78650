"""SEPARATED_MARKS: labels, logos, plates or boxes bearing a mark, shipped apart from the goods they fit.

The Shenzhen case: 29,500 unbranded speakers and as many nameplates on another line, to be
joined after clearance. A marks line fits an unbranded goods line of the same manifest when it
names the same goods ("logo plates for wallets"), names goods of the same category, declares
about the same quantity, or bears a logo and names no goods at all (then it fits any high-risk
goods). Branded marks in quantity with no goods are flagged too when they go to a destination
where counterfeits are commonly finished. Plain trims ("no brand, no logo") never count.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from app.engine.facts import LineFacts, ManifestFacts
from app.engine.types import Flag, FlagCode, Severity
from app.rules.base import ManifestRuleSpec, Points, RuleEnv
from app.rules.goods_risk import category_label, high_risk_category, quoted
from app.rules.marks_reading import MarksReading, read_marks
from app.text import singular

MAX_LISTED = 20  # goods line ids listed per marks line, however many fit
MAX_SCANNED = 50  # candidates read per index entry, so one marks line costs O(1) on 10,000 lines
MAX_FINDINGS = 50  # marks lines examined once this many fit: the flag is one, its evidence bounded

RECOMMENDATION = (
    "Inspect the goods and the marks together: marks shipped apart from unbranded goods are "
    "usually applied after clearance. Ask for the rights holder's authorization or remove the marks."
)


@dataclass(frozen=True, slots=True)
class Fit:
    goods: LineFacts
    why: tuple[str, ...]  # "names wallet", "same category watches", "same quantity", "logo, no goods"


@dataclass(frozen=True, slots=True)
class Finding:
    marks: LineFacts
    reading: MarksReading
    fits: tuple[Fit, ...]  # strongest first; empty for marks shipped alone
    destination: str | None = None  # set for marks shipped alone to an assembly destination


class GoodsIndex:
    """The unbranded goods lines of a manifest, indexed by goods word, category and quantity."""

    def __init__(self, goods: list[LineFacts], wanted_words: frozenset[str], env: RuleEnv) -> None:
        self.env = env
        self.by_word: dict[str, list[LineFacts]] = defaultdict(list)
        self.by_category: dict[str, list[LineFacts]] = defaultdict(list)
        self.high_risk: list[LineFacts] = []
        by_quantity = sorted((line.line.quantity, line.index, line) for line in goods if line.line.quantity)
        self.quantities = [quantity for quantity, _, _ in by_quantity]
        self.quantity_lines = [line for _, _, line in by_quantity]
        # Only the words some marks line names are worth indexing, in their plural forms too.
        wanted = {
            form for word in wanted_words for form in (word, word + "s", word + "es", word[:-1] + "ies")
        }
        risky: dict[str, bool] = {}
        for line in goods:
            if wanted:
                for word in {singular(w) for w in line.text_key.split() if w in wanted}:
                    self.by_word[word].append(line)
            # the goods a line is, and those its accessories are made for: "phone cases" go with
            # phones, whose marks counterfeiters copy onto them
            categories = line.categories | {hit.category for hit in line.accessories}
            for category in categories:
                self.by_category[category].append(line)
                if category not in risky:
                    risky[category] = high_risk_category(category, env)
            if any(risky[category] for category in categories):
                self.high_risk.append(line)
        self.high_risk_ids = {line.index for line in self.high_risk}

    def fits(
        self, marks: LineFacts, reading: MarksReading, implied: frozenset[str], tolerance: float
    ) -> tuple[Fit, ...]:
        env = self.env
        reasons: dict[int, list[str]] = defaultdict(list)
        lines: dict[int, LineFacts] = {}

        def note(candidates: list[LineFacts], why: str) -> None:
            for line in candidates[:MAX_SCANNED]:
                if why not in reasons[line.index]:
                    reasons[line.index].append(why)
                lines[line.index] = line

        for word in sorted(reading.goods_words):
            note(self.by_word.get(word, []), f"both name {word}")
        for category in sorted(implied):
            note(self.by_category.get(category, []), f"made for {category_label(category, env)}")
        quantity = marks.line.quantity
        if quantity and tolerance < 1:
            low = bisect.bisect_left(self.quantities, quantity * (1 - tolerance))
            high = bisect.bisect_right(self.quantities, quantity / (1 - tolerance))
            # An equal count alone ties marks only to goods counterfeiters copy: logo gift boxes
            # for as many plain mugs are promotional packaging, not a separated mark.
            same_count = self.quantity_lines[low:high]
            note(
                [line for line in same_count[: MAX_SCANNED * 4] if line.index in self.high_risk_ids],
                "same quantity",
            )
        if not reading.goods_words and not implied:
            note(self.high_risk, "it names no goods, so it fits any")
        ranked = sorted(lines.values(), key=lambda line: (-len(reasons[line.index]), line.index))
        return tuple(Fit(goods=line, why=tuple(reasons[line.index])) for line in ranked[:MAX_LISTED])


def implied_categories(marks: LineFacts, env: RuleEnv) -> frozenset[str]:
    """The goods a marks line is made for: its own categories and those its accessory words name
    ("watch boxes" go with watches), as the category table reads them."""
    return marks.text_categories | frozenset(hit.category for hit in marks.accessories)


def check(facts: ManifestFacts, env: RuleEnv) -> Iterator[Flag]:
    vocabulary = env.knowledge.marks_vocabulary
    readings = [
        (line, reading) for line in facts.lines if (reading := read_marks(line, vocabulary)) is not None
    ]
    marks = [(line, reading) for line, reading in readings if reading.bears_mark]
    if not marks:
        return
    carriers = {line.index for line, _ in readings}
    goods = [line for line in facts.lines if line.index not in carriers and not line.marks]
    wanted = frozenset(word for _, reading in marks for word in reading.goods_words)
    index = GoodsIndex(goods, wanted, env)
    patterns = env.config.patterns
    destination = facts.manifest.destination_country
    findings: list[Finding] = []
    for line, reading in marks:
        if len(findings) >= MAX_FINDINGS:
            break
        fits = index.fits(line, reading, implied_categories(line, env), patterns.marks_quantity_tolerance)
        if fits:
            findings.append(Finding(marks=line, reading=reading, fits=fits))
        elif (
            reading.brand is not None
            and (line.line.quantity or 0) >= patterns.marks_alone_min_quantity
            and destination in vocabulary.assembly_destinations
        ):
            findings.append(Finding(marks=line, reading=reading, fits=(), destination=destination))
    if findings:
        yield _flag(findings, env)


def _flag(findings: list[Finding], env: RuleEnv) -> Flag:
    first = findings[0]
    reason = _sentence(first)
    if len(findings) > 1:
        reason += f" (and {len(findings) - 1} more marks line{'s' if len(findings) > 2 else ''})"
    goods_ids = list(dict.fromkeys(fit.goods.line_id for f in findings for fit in f.fits))
    quantities = {f.marks.line_id: f.marks.line.quantity for f in findings}
    quantities.update({fit.goods.line_id: fit.goods.line.quantity for f in findings for fit in f.fits})
    brands = sorted({f.reading.brand for f in findings if f.reading.brand})
    evidence: dict[str, object] = {
        "marks_line_ids": [f.marks.line_id for f in findings],
        "goods_line_ids": goods_ids,
        "quantities": quantities,
        "pairs": [
            {
                "marks_line_id": f.marks.line_id,
                "carrier": f.reading.carrier,
                "goods_line_ids": [fit.goods.line_id for fit in f.fits],
                "fit": list(f.fits[0].why) if f.fits else ["marks alone"],
            }
            for f in findings
        ],
    }
    if brands:
        evidence["brand"] = brands[0]
        evidence["brands"] = brands
    alone = [f.destination for f in findings if f.destination]
    if alone:
        evidence["assembly_destination"] = alone[0]
        evidence["assembly_destinations_assumed"] = (
            env.knowledge.marks_vocabulary.assembly_destinations_assumed
        )
    return Flag(
        code=FlagCode.SEPARATED_MARKS,
        severity=Severity.HIGH,
        line_id=None,
        reason=reason,
        recommendation=RECOMMENDATION,
        points=env.config.scoring.separated_marks,
        evidence=evidence,
    )


def _described(line: LineFacts) -> str:
    quantity = f" ({line.line.quantity:,})" if line.line.quantity else ""
    return f"line {line.line_id} {quoted(line.line.description)}{quantity}"


def _sentence(finding: Finding) -> str:
    marks = _described(finding.marks)
    if not finding.fits:
        return (
            f"{marks} bears the mark '{finding.reading.brand}' with no goods to carry it, shipped to "
            f"{finding.destination}, where counterfeit goods are commonly finished after import"
        )
    best = finding.fits[0]
    return (
        f"{marks} fits {_described(best.goods)}: {', '.join(best.why)}; "
        "marks travel apart from the unbranded goods they fit"
    )


RULE = ManifestRuleSpec(
    codes=(FlagCode.SEPARATED_MARKS,),
    explanation="Labels, logos or boxes bearing a mark shipped apart from the goods they fit.",
    points=(Points("separated_marks", 40, "`SEPARATED_MARKS`"),),
    position=3,
    check=check,
)
