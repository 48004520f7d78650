"""What the matcher reads of a recorded mark: the names it is written under and its goods.

The data layer's `BrandRecord` (app/reference/brands.py) has these fields and more; the matcher
is typed against this protocol so it imports nothing of the data layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class MarkRecord(Protocol):
    """One recorded mark, as the index (index.py) reads it."""

    @property
    def name(self) -> str: ...  # the canonical name, reported as the hit's brand
    @property
    def categories(self) -> Sequence[str]: ...  # contract category ids of its goods
    @property
    def nice_classes(self) -> Sequence[int]: ...  # Nice classes it is recorded in (may be empty)
    @property
    def common_word(self) -> bool: ...  # the name itself is an ordinary word
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def context_aliases(self) -> Sequence[str]: ...
    @property
    def models(self) -> Sequence[str]: ...
    @property
    def context_models(self) -> Sequence[str]: ...
    @property
    def chinese_names(self) -> Sequence[str]: ...
    @property
    def context_chinese_names(self) -> Sequence[str]: ...
    @property
    def abbreviations(self) -> Sequence[str]: ...
    @property
    def non_mark_phrases(self) -> Sequence[str]: ...  # phrases where the name is no mark
