"""Everything the engine knows from data files, loaded together and swapped as one on reload."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.matching.matcher import BrandMatcher
from app.parties.matcher import PartyIndex
from app.reference import sources
from app.reference.brands import BrandCatalog
from app.reference.campaigns import CampaignSpec
from app.reference.categories import CategoryTable
from app.reference.geography import Geography
from app.reference.hs import HsNomenclature
from app.reference.marks_vocabulary import MarksVocabulary
from app.reference.paths import DataPaths
from app.reference.rates import ExchangeRates

__all__ = ["DataPaths", "Knowledge", "load_knowledge"]


@dataclass(frozen=True)
class Knowledge:
    catalog: BrandCatalog
    matcher: BrandMatcher
    categories: CategoryTable
    hs: HsNomenclature
    rates: ExchangeRates
    geography: Geography
    marks_vocabulary: MarksVocabulary
    shipped_campaigns: dict[str, CampaignSpec] = field(default_factory=dict)
    # The content version of every data source, by name (app/reference/sources.py).
    versions: dict[str, str] = field(default_factory=dict)
    parties: PartyIndex = field(default_factory=PartyIndex)

    @property
    def brand_list_version(self) -> str:
        return self.catalog.version

    @property
    def fingerprint(self) -> str:
        """The versions of every data file the per-line stage reads: equal fingerprints, equal answers."""
        parts = (self.catalog.version, self.categories.version, self.hs.version, self.rates.version)
        return "|".join(parts)


def load_knowledge(paths: DataPaths) -> Knowledge:
    """Load and validate every registered data source; raises (naming the file) on the first bad one."""
    loaded, versions = sources.load_sources(paths)
    catalog = sources.BRAND_LISTS.of(loaded)
    return Knowledge(
        catalog=catalog,
        matcher=BrandMatcher.build(catalog.brands),
        categories=sources.CATEGORIES.of(loaded),
        hs=sources.HS.of(loaded),
        rates=sources.RATES.of(loaded),
        geography=sources.GEOGRAPHY.of(loaded),
        marks_vocabulary=sources.MARKS_VOCABULARY.of(loaded),
        shipped_campaigns=sources.CAMPAIGNS.of(loaded),
        versions=versions,
        parties=sources.PARTY_LISTS.of(loaded),
    )
