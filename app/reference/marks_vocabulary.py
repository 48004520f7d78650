"""The words of the shipment-pattern rules (app/data/patterns/marks_vocabulary.yaml, or the file
`PRESCREEN_MARKS_VOCABULARY_FILE` names): a data source (sources.py), loaded into `Knowledge` and
reloaded with the lists.

Its entries are read as descriptions are (app/text.py `segments`): singular words, so "Printed
perfume boxes, with logo" and "perfume box with logo" compare alike.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.data_files import parse_yaml
from app.text import singular, words

VOCABULARY_PATH = Path(__file__).resolve().parent.parent / "data" / "patterns" / "marks_vocabulary.yaml"
_PLURAL_ENDINGS = ("", "s", "es")

_DIGIT = re.compile(r"\d")


class QualifiedCarrier(BaseModel):
    model_config = ConfigDict(extra="forbid")

    after: list[str] = Field(min_length=1)
    intrinsic: bool = False


class AssemblyDestinations(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assumed: bool
    source: str = Field(min_length=1)
    countries: list[str] = Field(min_length=1)


class VocabularyFile(BaseModel):
    """The file as written; refuses unknown keys and a word listed as two kinds of carrier."""

    model_config = ConfigDict(extra="forbid")

    version: str
    source: str = Field(min_length=1)
    intrinsic_carriers: list[str]
    potential_carriers: list[str]
    qualified_carriers: dict[str, QualifiedCarrier]
    mark_words: list[str]
    negations: list[str]
    connectors: list[str]
    quantity_nouns: list[str]
    bulk_measures: list[str] = Field(default_factory=list)
    trade_units: list[str] = Field(default_factory=list)
    descriptive_words: list[str]
    stop_words: list[str]
    variant_words: list[str]
    cjk_carriers: list[str]
    cjk_mark_words: list[str]
    cjk_negations: list[str]
    assembly_destinations: AssemblyDestinations

    @model_validator(mode="after")
    def _carriers_are_disjoint(self) -> VocabularyFile:
        groups = (set(self.intrinsic_carriers), set(self.potential_carriers), set(self.qualified_carriers))
        for i, first in enumerate(groups):
            for second in groups[i + 1 :]:
                if first & second:
                    raise ValueError(f"carrier listed twice: {sorted(first & second)}")
        return self


# eq=False: hashed by identity, so the rules' caches keep one vocabulary's readings apart from
# the next one's after a reload.
@dataclass(frozen=True, eq=False)
class MarksVocabulary:
    version: str  # the file's own label
    content_version: str  # the hash of the file's bytes: what `versions` reports
    source: str
    intrinsic_carriers: frozenset[str]
    potential_carriers: frozenset[str]
    qualified_carriers: dict[str, QualifiedCarrier]
    mark_words: frozenset[str]
    negations: frozenset[tuple[str, ...]]  # one or two words each
    connectors: frozenset[str]
    quantity_nouns: frozenset[str]
    bulk_measures: frozenset[str]  # units a package's net quantity is stated in: "kg", "l"
    trade_units: frozenset[str]  # the packages bulk goods are sold in: "bag", "sack", "drum"
    descriptive_words: frozenset[str]
    stop_words: frozenset[str]
    variant_words: frozenset[str]
    cjk_carriers: tuple[str, ...]
    cjk_mark_words: tuple[str, ...]
    cjk_negations: tuple[str, ...]
    assembly_destinations: frozenset[str]
    assembly_destinations_assumed: bool

    @cached_property
    def not_goods(self) -> frozenset[str]:
        """Every word that never names goods: carriers, qualifiers, materials, marks, sizes..."""
        qualifiers = {word for spec in self.qualified_carriers.values() for word in spec.after}
        return frozenset(
            self.stop_words
            | self.connectors
            | self.descriptive_words
            | self.variant_words
            | self.mark_words
            | self.quantity_nouns
            | self.intrinsic_carriers
            | self.potential_carriers
            | set(self.qualified_carriers)
            | qualifiers
            | {negation[0] for negation in self.negations if len(negation) == 1}
        )

    @cached_property
    def carrier_forms(self) -> frozenset[str]:
        """Every carrier noun, singular and plural: a line without one bears no marks."""
        return _plural_forms(
            self.intrinsic_carriers | self.potential_carriers | frozenset(self.qualified_carriers)
        )

    @cached_property
    def signal_forms(self) -> frozenset[str]:
        """Words without which a carrier line cannot bear a mark: mark words, negations of them (a
        line that says "no logo" is read, to keep it out of the goods) and marks by nature
        ("nameplate", "name plate")."""
        by_nature = {
            word for spec in self.qualified_carriers.values() if spec.intrinsic for word in spec.after
        }
        return _plural_forms(self.mark_words | self.intrinsic_carriers | by_nature)


def _plural_forms(nouns: frozenset[str] | set[str]) -> frozenset[str]:
    return frozenset(noun + ending for noun in nouns for ending in _PLURAL_ENDINGS)


def is_number_like(word: str) -> bool:
    """ "50ml", "3x5cm", "2000": measures and counts, never the name of goods."""
    return any(char.isdigit() for char in word)


def _words_of(entries: list[str]) -> frozenset[str]:
    return frozenset(singular(entry.casefold()) for entry in entries)


def load_vocabulary(path: Path = VOCABULARY_PATH) -> MarksVocabulary:
    """Validate and index the file; raises ValueError naming the file when it is malformed."""
    raw = path.read_bytes()
    try:
        data = VocabularyFile.model_validate(parse_yaml(raw.decode("utf-8")))
    except (ValueError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: {error}") from error
    return MarksVocabulary(
        version=data.version,
        content_version=hashlib.sha256(raw).hexdigest()[:12],
        source=data.source,
        intrinsic_carriers=_words_of(data.intrinsic_carriers),
        potential_carriers=_words_of(data.potential_carriers),
        qualified_carriers={
            singular(noun.casefold()): QualifiedCarrier(
                after=sorted(_words_of(spec.after)), intrinsic=spec.intrinsic
            )
            for noun, spec in data.qualified_carriers.items()
        },
        mark_words=_words_of(data.mark_words),
        negations=frozenset(tuple(words(entry)) for entry in data.negations),
        connectors=_words_of(data.connectors),
        quantity_nouns=_words_of(data.quantity_nouns),
        bulk_measures=frozenset(m.casefold() for m in data.bulk_measures),
        trade_units=_words_of(data.trade_units),
        descriptive_words=_words_of(data.descriptive_words),
        stop_words=_words_of(data.stop_words),
        variant_words=_words_of(data.variant_words),
        cjk_carriers=tuple(data.cjk_carriers),
        cjk_mark_words=tuple(term.casefold() for term in data.cjk_mark_words),
        cjk_negations=tuple(term.casefold() for term in data.cjk_negations),
        assembly_destinations=frozenset(code.upper() for code in data.assembly_destinations.countries),
        assembly_destinations_assumed=data.assembly_destinations.assumed,
    )
