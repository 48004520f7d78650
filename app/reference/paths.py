"""Where the data files are: the settings fill this in (app/settings.py), the sources read it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.reference.marks_vocabulary import VOCABULARY_PATH


@dataclass(frozen=True)
class DataPaths:
    brand_lists: tuple[Path, ...]
    categories: Path
    hs_codes: Path
    rates: Path
    geography_dir: Path
    campaigns: tuple[Path, ...]
    party_lists: tuple[Path, ...] = ()
    marks_vocabulary: Path = VOCABULARY_PATH
