"""Every data file the service reads, registered once: a name, its path from the settings, a loader
and a content-hash version.

`load_knowledge` (app/reference/knowledge.py) loads the sources in the order below, each seeing the
ones before it (categories check their HS prefixes against the configured HS file, campaigns their
destinations and categories against the configured geography and categories), and every version
goes into each response's `versions`. Adding a data source is adding one `Source` here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from app.matching.vocabulary import Vocabulary, vocabulary
from app.parties.loaders import load_party_lists
from app.parties.matcher import PartyIndex, build_index
from app.parties.names import WORDS_FILE, CompanyWords, load_words
from app.reference.brands import BrandCatalog, load_catalog
from app.reference.campaigns import CampaignSpec, campaign_version, load_campaign_files
from app.reference.categories import CategoryTable
from app.reference.geography import Geography
from app.reference.hs import HsNomenclature
from app.reference.marks_vocabulary import MarksVocabulary, load_vocabulary
from app.reference.paths import DataPaths
from app.reference.rates import ExchangeRates

T = TypeVar("T")
Loaded = Mapping[str, Any]  # name -> data of the sources loaded so far


@dataclass(frozen=True)
class Source(Generic[T]):
    name: str  # its key in `versions`
    path: Callable[[DataPaths], Path | tuple[Path, ...]]  # where the settings point it
    load: Callable[[DataPaths, Loaded], T]  # validates; raises naming the file on bad data
    version: Callable[[T], str]  # a hash of the content: equal versions, equal data

    def of(self, loaded: Loaded) -> T:
        return cast(T, loaded[self.name])


def _campaigns(paths: DataPaths, loaded: Loaded) -> dict[str, CampaignSpec]:
    context = {"geography": GEOGRAPHY.of(loaded), "categories": CATEGORIES.of(loaded).ids()}
    return load_campaign_files(paths.campaigns, context)


BRAND_LISTS: Source[BrandCatalog] = Source(
    "brand_list", lambda p: p.brand_lists, lambda p, _: load_catalog(p.brand_lists), lambda c: c.version
)
HS: Source[HsNomenclature] = Source(
    "hs", lambda p: p.hs_codes, lambda p, _: HsNomenclature.load(p.hs_codes), lambda h: h.version
)
CATEGORIES: Source[CategoryTable] = Source(
    "categories",
    lambda p: p.categories,
    lambda p, loaded: CategoryTable.load(p.categories, HS.of(loaded)),
    lambda c: c.version,
)
RATES: Source[ExchangeRates] = Source(
    "rates", lambda p: p.rates, lambda p, _: ExchangeRates.load(p.rates), lambda r: r.version
)
GEOGRAPHY: Source[Geography] = Source(
    "geography", lambda p: p.geography_dir, lambda p, _: Geography.load(p.geography_dir), lambda g: g.version
)
CAMPAIGNS: Source[dict[str, CampaignSpec]] = Source(
    "campaigns", lambda p: p.campaigns, _campaigns, campaign_version
)
# The matcher's word lists ship inside app/matching/data (not configurable); their version is the
# hash of the files read.
MATCHER_WORDS: Source[Vocabulary] = Source(
    "matcher_words", lambda p: (), lambda p, _: vocabulary(), lambda v: v.version
)

# The words of the shipment-pattern rules (carriers, mark words, assembly destinations).
MARKS_VOCABULARY: Source[MarksVocabulary] = Source(
    "marks_vocabulary",
    lambda p: p.marks_vocabulary,
    lambda p, _: load_vocabulary(p.marks_vocabulary),
    lambda v: v.content_version,
)

# Party lists (party_lists/ and PRESCREEN_EXTRA_PARTY_LISTS), indexed for the PARTY_LISTED rule.
PARTY_LISTS: Source[PartyIndex] = Source(
    "party_lists",
    lambda p: p.party_lists,
    lambda p, _: build_index(load_party_lists(p.party_lists)),
    lambda index: index.version,
)
# The party matcher's word file (legal forms, trade words, places) ships inside app/parties/data.
PARTY_WORDS: Source[tuple[CompanyWords, str]] = Source(
    "party_words", lambda p: WORDS_FILE, lambda p, _: load_words(), lambda words: words[1]
)

SOURCES: tuple[Source[Any], ...] = (
    BRAND_LISTS,
    HS,
    CATEGORIES,
    RATES,
    GEOGRAPHY,
    CAMPAIGNS,
    MATCHER_WORDS,
    MARKS_VOCABULARY,
    PARTY_WORDS,
    PARTY_LISTS,
)


def load_sources(paths: DataPaths) -> tuple[dict[str, Any], dict[str, str]]:
    """Every source loaded in order: (name -> data, name -> version)."""
    loaded: dict[str, Any] = {}
    for source in SOURCES:
        loaded[source.name] = source.load(paths, loaded)
    return loaded, {source.name: source.version(loaded[source.name]) for source in SOURCES}
