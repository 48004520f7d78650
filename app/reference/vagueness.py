"""VAGUE_DESCRIPTION's judgement: does a description say what the goods are?

A description is vague when, once quantities, packaging, colours and filler are set aside, what is
left is only generic words ("gift items", "samples", "杂货"), nothing at all, or one bare category
word with nothing that says what kind ("Watch", "手表"). The vocabulary is data
(categories.yaml, section `vague`).

The judgement runs on every line, so most descriptions get a quick answer: two words that no listed
phrase or filler can take away (or one that is no bare category word) make a description specific
whatever else it says; only the rest go through the full judgement.
"""

from __future__ import annotations

import re

from app.engine.facts import Vagueness
from app.reference.category_file import VagueSpec
from app.reference.keyword_scan import KeywordScanner, normalise
from app.text import CJK_RUN, is_cjk_char

# Quantities and measures: "50ml", "10pcs", "38x28cm", "6.1", "1:50" (but not "giv3nchy").
_MEASURE = re.compile(r"[\d.,x×*/+-]*\d[\d.,x×*/+-]*[a-z]{0,6}")


class VaguenessJudge:
    def __init__(self, spec: VagueSpec, scanner: KeywordScanner) -> None:
        self._generic_en = {normalise(w) for w in spec.generic.en}
        self._ignore_en = {normalise(w) for w in spec.ignore.en}
        # Longest first, so "日用杂货" goes before "杂货".
        self._generic_zh = sorted({normalise(w) for w in spec.generic.zh}, key=len, reverse=True)
        self._ignore_zh = sorted({normalise(w) for w in spec.ignore.zh}, key=len, reverse=True)
        self._scanner = scanner
        self._phrases = frozenset(self._generic_en | self._ignore_en)
        # Words the quick answer looks past; any other word stays a word of its own (no listed
        # phrase takes it in), so it says something about the goods.
        self._skipped = frozenset({w for p in self._phrases for w in p.split()} | {","})
        # A CJK run with none of these characters keeps all of them when generic words are stripped.
        self._zh_chars = frozenset("".join(self._generic_zh + self._ignore_zh))

    def judge(self, description: str) -> Vagueness | None:
        return self.judge_normalised(normalise(description))

    def judge_normalised(self, norm: str) -> Vagueness | None:
        """`judge` of a text already through `normalise`."""
        tokens, runs = _split(norm)
        if self._surely_specific(tokens, runs):
            return None
        return self._judge_fully(tokens, runs)

    def _judge_fully(self, tokens: list[str], runs: list[str]) -> Vagueness | None:
        generic, specific = self._sort_latin([t for t in tokens if t != ","])
        for run in runs:
            rest, found = self._strip_cjk(run)
            generic.extend(found)
            if rest:
                specific.append(rest)
        if not specific:
            return Vagueness("generic" if generic else "empty", tuple(generic))
        if len(specific) == 1 and self._bare_category(specific[0]):
            return Vagueness("bare_category", (*specific, *generic))
        return None

    def _sort_latin(self, tokens: list[str]) -> tuple[list[str], list[str]]:
        """The generic and the specific words, once listed two-word phrases ("spare parts", "no
        brand") are joined and filler and measures set aside."""
        generic: list[str] = []
        specific: list[str] = []
        i, count = 0, len(tokens)
        while i < count:
            word = tokens[i]
            if i + 1 < count and (pair := f"{word} {tokens[i + 1]}") in self._phrases:
                word, i = pair, i + 2
            else:
                i += 1
            if word in self._ignore_en or _MEASURE.fullmatch(word):
                continue
            (generic if word in self._generic_en else specific).append(word)
        return generic, specific

    def _surely_specific(self, tokens: list[str], runs: list[str]) -> bool:
        """The quick answer for most descriptions: a word (or CJK run) that says what the goods are
        and is no bare category word, or two such, whatever the rest of the description says."""
        first = None
        for word in tokens:
            if word in self._skipped or (not word.isalpha() and _MEASURE.fullmatch(word)):
                continue
            if first is not None:
                return True
            first = word
        for run in runs:
            if not self._zh_chars.isdisjoint(run):
                return False  # generic words or filler may be part of it: the full judgement
            if first is not None:
                return True
            first = run
        return first is not None and not self._bare_category(first)

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
        if is_cjk_char(word[0]):
            return self._scanner.goods_keyword(word)
        return " " not in word and self._scanner.goods_keyword(word)


def _split(norm: str) -> tuple[list[str], list[str]]:
    """The Latin tokens (commas included) and the CJK runs of a normalised text, judged apart."""
    runs: list[str] = [] if norm.isascii() else CJK_RUN.findall(norm)
    return (CJK_RUN.sub(" ", norm) if runs else norm).split(), runs
