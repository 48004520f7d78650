"""Everything the engine knows from data files, loaded together and swapped as one on reload."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.matching.matcher import BrandMatcher
from app.reference.brands import BrandCatalog, load_catalog
from app.reference.campaigns import CampaignSpec, load_campaign_files
from app.reference.categories import CategoryTable
from app.reference.geography import Geography
from app.reference.hs import HsNomenclature
from app.reference.rates import ExchangeRates


@dataclass(frozen=True)
class DataPaths:
    brand_lists: tuple[Path, ...]
    categories: Path
    hs_codes: Path
    rates: Path
    geography_dir: Path
    campaigns: tuple[Path, ...]


@dataclass(frozen=True)
class Knowledge:
    catalog: BrandCatalog
    matcher: BrandMatcher
    categories: CategoryTable
    hs: HsNomenclature
    rates: ExchangeRates
    geography: Geography
    shipped_campaigns: dict[str, CampaignSpec] = field(default_factory=dict)

    @property
    def brand_list_version(self) -> str:
        return self.catalog.version

    @property
    def fingerprint(self) -> str:
        """The versions of every data file the per-line stage reads: equal fingerprints, equal answers."""
        parts = (self.catalog.version, self.categories.version, self.hs.version, self.rates.version)
        return "|".join(parts)


def load_knowledge(paths: DataPaths) -> Knowledge:
    """Load and validate every data file; raises (naming the file) on the first bad one."""
    catalog = load_catalog(paths.brand_lists)
    return Knowledge(
        catalog=catalog,
        matcher=BrandMatcher.build(catalog.brands),
        categories=CategoryTable.load(paths.categories),
        hs=HsNomenclature.load(paths.hs_codes),
        rates=ExchangeRates.load(paths.rates),
        geography=Geography.load(paths.geography_dir),
        shipped_campaigns=load_campaign_files(paths.campaigns),
    )
