"""High-risk goods categories: HS prefixes, English and Chinese keywords, risk weights.

The data file (app/data/categories/categories.yaml, documented in the README beside it) is validated
here: every HS prefix must exist in the HS 2022 nomenclature. `classify` runs on every line of a
manifest: it normalises a description once for the keyword scan (app/reference/keyword_scan.py) and
the vagueness judgement (app/reference/vagueness.py), which it carries on the assessment, and builds
one assessment per distinct reading (keywords read, HS code, vagueness), shared by the lines that
differ only in sizes, colours or lot numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml
from pydantic import ValidationError

from app.data_files import parse_yaml
from app.engine.codes import normalise_code
from app.engine.facts import AccessoryHit, CategoryHit, Vagueness
from app.reference.category_file import CategoryFile, CategorySpec
from app.reference.hs import HsNomenclature
from app.reference.keyword_scan import KeywordScanner, ScanResult, normalise
from app.reference.vagueness import VaguenessJudge

DEFAULT_HS_FILE = Path(__file__).resolve().parent.parent / "data" / "hs" / "hs_codes.csv"
_CACHE_LIMIT = 20_000


class CategoryDataError(ValueError):
    """A categories file that cannot be loaded: names the file, the entry and the reason."""


@dataclass(frozen=True)
class CategoryRecord:
    id: str
    name: str
    weight: float  # 0-1, relative risk (seizure statistics), multiplies HIGH_RISK_CATEGORY points
    high_risk: bool
    hs_prefixes: tuple[str, ...]
    keywords: tuple[str, ...]
    # Where such goods may also be declared correctly (parts, sets, neighbouring headings).
    also_declared_under: tuple[str, ...] = ()
    # HS sections (broad goods families) of hs_prefixes and also_declared_under.
    sections: frozenset[str] = frozenset()
    # Lowest price of genuine branded goods of the category (USD), when the brand has none.
    branded_floor_usd: float | None = None
    branded_floors: Mapping[str, float] = field(default_factory=dict)  # by keyword, more specific
    # Its catch-all subheadings ("n.e.c.", as HS 2022 words them: 6307.90 for masks): a code of
    # goods of every kind, which tells the category only where the text names no goods of its own.
    catch_all: tuple[str, ...] = ()

    def fits_code(self, code: str) -> bool:
        return code.startswith(self.hs_prefixes) or code.startswith(self.also_declared_under)


class CategoryAssessment(NamedTuple):
    """What a line's description and HS code say about its goods (a tuple: built for every line)."""

    text_categories: frozenset[str]
    hs_categories: frozenset[str]
    hits: tuple[CategoryHit, ...]
    primary: str | None
    # Categories named by the head noun of a phrase ("watch" in "quartz watch, steel"), the ones a
    # description confidently points to; "clothes" in "clothes pegs" is not one.
    head_categories: frozenset[str] = frozenset()
    accessories: tuple[AccessoryHit, ...] = ()
    # Why the description is too generic to identify the goods; None when it is specific.
    vagueness: Vagueness | None = None


_NOTHING = CategoryAssessment(frozenset(), frozenset(), (), None)


@dataclass(frozen=True)
class AccessoryGroup:
    id: str
    name: str
    hs_prefixes: tuple[str, ...]


class CategoryTable:
    version: str  # content hash of the data file

    def __init__(
        self,
        records: dict[str, CategoryRecord],
        groups: dict[str, AccessoryGroup],
        scanner: KeywordScanner,
        judge: VaguenessJudge,
        version: str,
    ) -> None:
        self._records = records
        self._groups = groups
        self._scanner = scanner
        self._judge = judge
        self.version = version
        self._hs_index = _prefix_index(records)
        self._cache: dict[tuple[str, str | None], CategoryAssessment] = {}
        self._by_code: dict[str, frozenset[str]] = {}  # declared code -> categories, as written
        # Lines differ in sizes, colours and lot numbers far more than in what the scan reads in them.
        self._readings: dict[tuple[ScanResult, str | None, Vagueness | None], CategoryAssessment] = {}
        # Hits are immutable and few (a keyword or code, a category): built once, shared by lines.
        self._hits: dict[tuple[str, str, str], CategoryHit] = {}
        self._accessory_hits: dict[tuple[str, str, str], AccessoryHit] = {}

    @classmethod
    def load(cls, path: Path, hs: HsNomenclature | None = None) -> CategoryTable:
        """Load and validate a categories file; its HS prefixes are checked against `hs` (HS 2022)."""
        raw = path.read_bytes()
        try:
            spec = CategoryFile.model_validate(parse_yaml(raw))
        except (yaml.YAMLError, ValidationError) as exc:
            raise CategoryDataError(f"{path.name}: {exc}") from exc
        nomenclature = hs or HsNomenclature.load(DEFAULT_HS_FILE)
        records = {cid: _record(cid, c, nomenclature, path.name) for cid, c in spec.categories.items()}
        groups = {}
        for gid, g in spec.accessories.items():
            _check_codes(g.hs, nomenclature, f"{path.name}, accessories.{gid}")
            groups[gid] = AccessoryGroup(gid, g.name, tuple(g.hs))
        try:
            scanner = KeywordScanner.build(spec)
        except ValueError as exc:
            raise CategoryDataError(f"{path.name}: {exc}") from exc
        judge = VaguenessJudge(spec.vague, scanner)
        return cls(records, groups, scanner, judge, hashlib.sha256(raw).hexdigest()[:16])

    def get(self, category_id: str) -> CategoryRecord | None:
        return self._records.get(category_id)

    def ids(self) -> frozenset[str]:
        return frozenset(self._records)

    def accessory_group(self, group_id: str) -> AccessoryGroup | None:
        return self._groups.get(group_id)

    def hs_categories(self, hs_code: str | None) -> frozenset[str]:
        """Categories whose own HS prefixes take in the code (the longest matching prefix wins)."""
        if not hs_code:
            return frozenset()
        known = self._by_code.get(hs_code)
        if known is not None:
            return known
        found: frozenset[str] = frozenset()
        code = normalise_code(hs_code)
        for length in (6, 4, 2):
            if code and (hit := self._hs_index.get(code[:length])):
                found = hit
                break
        if len(self._by_code) < _CACHE_LIMIT:
            self._by_code[hs_code] = found
        return found

    def classify(self, description: str, hs_code: str | None) -> CategoryAssessment:
        key = (description, hs_code)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        assessment = self._classify(description, hs_code)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = assessment
        return assessment

    def vagueness(self, description: str) -> Vagueness | None:
        """Why a description is too generic to identify the goods, or None when it is specific
        (`classify` judges it too, on the assessment the line's facts carry)."""
        return self._judge.judge(description)

    def branded_floor(self, category: str, keywords: Iterable[str]) -> tuple[float, str] | None:
        """The genuine floor price (USD) of branded goods of a category and what it applies to."""
        record = self._records.get(category)
        if record is None:
            return None
        specific = [(record.branded_floors[k], k) for k in keywords if k in record.branded_floors]
        if specific:
            floor, keyword = max(specific)
            return floor, f"category floor for branded {keyword} ({record.id})"
        if record.branded_floor_usd is None:
            return None
        return record.branded_floor_usd, f"category floor for branded {record.name.lower()}"

    def _classify(self, description: str, hs_code: str | None) -> CategoryAssessment:
        norm = normalise(description)  # once, for the keyword scan and the vagueness judge
        scan = self._scanner.scan_normalised(norm)
        vagueness = self._judge.judge_normalised(norm)
        key = (scan, hs_code, vagueness)
        assessment = self._readings.get(key)
        if assessment is None:
            assessment = self._assess(scan, hs_code, vagueness)
            if len(self._readings) >= _CACHE_LIMIT:
                self._readings.clear()
            self._readings[key] = assessment
        return assessment

    def _assess(
        self, scan: ScanResult, hs_code: str | None, vagueness: Vagueness | None
    ) -> CategoryAssessment:
        hs_categories = self.hs_categories(hs_code)
        if hs_categories and hs_code and vagueness is None:
            named = {c for match in scan.goods for c in match.categories}
            code = normalise_code(hs_code) or ""
            # "Dust bags printed with logo" under 6307.90: the text names its goods, not masks
            hs_categories = frozenset(
                c for c in hs_categories if c in named or not code.startswith(self._records[c].catch_all)
            )
        if not scan.goods and not scan.accessories and not hs_categories:
            return _NOTHING if vagueness is None else _NOTHING._replace(vagueness=vagueness)
        hits: list[CategoryHit] = []
        text: set[str] = set()
        heads: set[str] = set()
        for match in scan.goods:
            for c in match.categories:
                hits.append(self._hit(c, "keyword", match.text))
                text.add(c)
                if match.head:
                    heads.add(c)
        if hs_categories and hs_code:
            hits.extend(self._hit(c, "hs", hs_code) for c in sorted(hs_categories))
        text_categories = frozenset(text)
        return CategoryAssessment(
            text_categories=text_categories,
            hs_categories=hs_categories,
            hits=tuple(hits),
            primary=self._primary(scan, text_categories, hs_categories),
            head_categories=frozenset(heads),
            accessories=tuple(self._accessory_hit(found) for found in scan.accessories),
            vagueness=vagueness,
        )

    def _hit(self, category: str, source: str, evidence: str) -> CategoryHit:
        key = (category, source, evidence)
        hit = self._hits.get(key)
        if hit is None:
            hit = CategoryHit(category, source, evidence)
            if len(self._hits) < _CACHE_LIMIT:
                self._hits[key] = hit
        return hit

    def _accessory_hit(self, found: tuple[str, str, str]) -> AccessoryHit:
        hit = self._accessory_hits.get(found)
        if hit is None:
            hit = AccessoryHit(*found)
            if len(self._accessory_hits) < _CACHE_LIMIT:
                self._accessory_hits[found] = hit
        return hit

    def _primary(self, scan: ScanResult, text: frozenset[str], hs_categories: frozenset[str]) -> str | None:
        """Text first: the category the code agrees with, else the head noun's, else the code's."""
        both = text & hs_categories
        if both:
            return self._heaviest(both)
        heads = [hit for hit in scan.goods if hit.head] or list(scan.goods)
        if heads:
            first_clause = heads[0].clause
            return [h for h in heads if h.clause == first_clause][-1].categories[0]
        return self._heaviest(hs_categories) if hs_categories else None

    def _heaviest(self, categories: frozenset[str]) -> str:
        return max(sorted(categories), key=lambda c: self._records[c].weight)


def _record(cid: str, spec: CategorySpec, hs: HsNomenclature, file: str) -> CategoryRecord:
    _check_codes(spec.hs, hs, f"{file}, categories.{cid}.hs")
    _check_codes(spec.also_declared_under, hs, f"{file}, categories.{cid}.also_declared_under")
    codes = (*spec.hs, *spec.also_declared_under)
    return CategoryRecord(
        id=cid,
        name=spec.name,
        weight=spec.weight,
        high_risk=spec.high_risk,
        hs_prefixes=tuple(spec.hs),
        keywords=(*spec.keywords.en, *spec.keywords.zh),
        also_declared_under=tuple(spec.also_declared_under),
        sections=frozenset(s for s in (hs.section(c) for c in codes) if s),
        branded_floor_usd=spec.branded_floor_usd,
        branded_floors=dict(spec.branded_floors),
        catch_all=tuple(c for c in spec.hs if len(c) == 6 and "n.e.c." in (hs.describe(c) or "")),
    )


def _check_codes(codes: Iterable[str], hs: HsNomenclature, where: str) -> None:
    for code in codes:
        if hs.entry(code) is None:
            raise CategoryDataError(f"{where}: {code!r} is not a chapter, heading or subheading of HS 2022")


def _prefix_index(records: Mapping[str, CategoryRecord]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for record in records.values():
        for prefix in record.hs_prefixes:
            index.setdefault(prefix, set()).add(record.id)
    return {prefix: frozenset(ids) for prefix, ids in index.items()}
