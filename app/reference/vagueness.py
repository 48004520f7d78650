"""VAGUE_DESCRIPTION's judgement: does a description say what the goods are?

A description is vague when, once quantities, packaging, colours and filler are set aside, what is
left is only generic words ("gift items", "samples", "杂货"), nothing at all, or one bare category
word with nothing that says what kind ("Watch", "手表"). The vocabulary is data
(categories.yaml, section `vague`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.reference.category_file import VagueSpec
from app.reference.keyword_scan import Folded, KeywordScanner, fold_description, is_cjk, normalise

# Quantities and measures: "50ml", "10pcs", "38x28cm", "6.1", "1:50" (but not "giv3nchy").
_MEASURE = re.compile(r"[\d.,x×*/+-]*\d[\d.,x×*/+-]*[a-z]{0,6}")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


@dataclass(frozen=True, slots=True)
class Vagueness:
    kind: str  # "generic": only generic words; "bare_category": a category word alone; "empty"
    words: tuple[str, ...]  # the words that were left


class VaguenessJudge:
    def __init__(self, spec: VagueSpec, scanner: KeywordScanner) -> None:
        self._generic_en = {normalise(w) for w in spec.generic.en}
        self._ignore_en = {normalise(w) for w in spec.ignore.en}
        # Longest first, so "日用杂货" goes before "杂货".
        self._generic_zh = sorted({normalise(w) for w in spec.generic.zh}, key=len, reverse=True)
        self._ignore_zh = sorted({normalise(w) for w in spec.ignore.zh}, key=len, reverse=True)
        self._scanner = scanner
        # A word in none of the listed phrases stays a word of its own whatever surrounds it.
        self._phrase_words = frozenset(w for p in self._generic_en | self._ignore_en for w in p.split())
        self._skipped = self._phrase_words | {","}  # words the quick answer looks past

    def judge(self, description: str) -> Vagueness | None:
        return self.judge_folded(fold_description(description))

    def judge_folded(self, folded: Folded) -> Vagueness | None:
        norm, tokens = folded
        if tokens is None:  # CJK: its runs are judged apart from the Latin words
            tokens = _CJK_RUN.sub(" ", norm).split()
        if self._surely_specific(tokens):
            return None
        latin = [t for t in tokens if t != ","]
        words = _merge_phrases(latin, self._generic_en | self._ignore_en)
        left = [w for w in words if w not in self._ignore_en and not _MEASURE.fullmatch(w)]
        generic = [w for w in left if w in self._generic_en]
        specific = [w for w in left if w not in self._generic_en]
        for run in _CJK_RUN.findall(norm):
            rest, found = self._strip_cjk(run)
            generic.extend(found)
            if rest:
                specific.append(rest)
        if not specific:
            return Vagueness("generic" if generic else "empty", tuple(generic))
        if len(specific) == 1 and self._bare_category(specific[0]):
            return Vagueness("bare_category", (*specific, *generic))
        return None

    def _surely_specific(self, tokens: list[str]) -> bool:
        """The quick answer for most descriptions: a word that says what the goods are and is no bare
        category word, or two such words, whatever the rest of the description says."""
        first = None
        for word in tokens:
            if word in self._skipped or (not word.isalpha() and _MEASURE.fullmatch(word)):
                continue
            if first is not None or not self._bare_category(word):
                return True
            first = word
        return False

    def _strip_cjk(self, run: str) -> tuple[str, list[str]]:
        found = []
        for w in self._generic_zh:
            if w in run:
                found.append(w)
                run = run.replace(w, " ")
        for w in self._ignore_zh:
            run = run.replace(w, " ")
        return "".join(run.split()), found

    def _bare_category(self, word: str) -> bool:
        """One goods keyword of one word ("watch", "sneakers", "手表"): a category, not a description."""
        if is_cjk(word[0]):
            return self._scanner.goods_keyword(word)
        return " " not in word and self._scanner.goods_keyword(word)


def _merge_phrases(tokens: list[str], phrases: set[str]) -> list[str]:
    """Join adjacent tokens that form a listed two-word phrase ("spare parts", "no brand")."""
    merged: list[str] = []
    i = 0
    while i < len(tokens):
        pair = f"{tokens[i]} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
        if pair in phrases:
            merged.append(pair)
            i += 2
        else:
            merged.append(tokens[i])
            i += 1
    return merged
