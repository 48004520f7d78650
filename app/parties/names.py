"""Company names as the party matcher compares them: legal forms, addresses and scripts set aside.

A name becomes a `CompanyName`: its tokens in Latin letters, split into the distinctive ones
(which company) and the generic ones (its trade and its place, app/parties/data/company_words.yaml).
Latin legal forms in many languages (GmbH, S.A., OOO, Co., Ltd. ...) are found by rigour's
organisation-type table (ISO 20275 and more) and removed; Chinese ones (有限公司, 股份有限公司 ...) by the
word file, because rigour's table needs word boundaries that Chinese text has not. Chinese words
of the trade read as their English words (贸易 as "trading"), places as their pinyin (深圳 as
"shenzhen"), and every other run of Chinese characters as one pinyin word (某某 as "moumou"),
so 深圳市某某贸易有限公司 and "Shenzhen Moumou Trading Co., Ltd." become the same tokens.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pypinyin import lazy_pinyin
from rigour.names import remove_org_types
from rigour.text.translit import ascii_text

from app.data_files import parse_yaml
from app.text import CJK_RUN, has_cjk

WORDS_FILE = Path(__file__).resolve().parent / "data" / "company_words.yaml"

_TOKEN_CACHE_SIZE = 500_000  # bounded: parties' names bring new words for as long as the service runs
_BRACKETS = re.compile(r"[()（）\[\]【】]")
_NON_WORD = re.compile(r"[^\w]+|_")
# A comma-separated part of a name that reads as an address, not as more of the name.
_ADDRESS_PART = re.compile(
    r"\d|\b(?:room|rm|floor|flr|f/|bldg|building|block|blk|tower|unit|suite|road|rd|street|st|"
    r"avenue|ave|lane|district|province|industrial park|zone|p\.?o\.? box|no\.)\b",
    re.IGNORECASE,
)


class CompanyWords(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(min_length=1)
    chinese_legal_forms: list[str]
    chinese_business_words: dict[str, str]
    chinese_places: dict[str, str]
    chinese_admin_suffixes: list[str]
    latin_generic_words: list[str]
    latin_synonyms: dict[str, str]


@dataclass(frozen=True, slots=True)
class CompanyName:
    """One name, read for comparison."""

    text: str  # as written
    distinctive: tuple[str, ...]  # the words that say which company
    trade: tuple[str, ...]  # the words of its trade and form, sorted ('technology', 'trading')
    places: tuple[str, ...]  # the places it names, sorted ('shenzhen')
    legal_forms: tuple[str, ...]  # the legal-form words found ('有限公司', 'co', 'ltd', 'gmbh')
    hanzi: str = ""  # the distinctive Chinese characters, when written in Chinese ('某某')
    key: str = ""  # the distinctive words run together: 'mou mou' and 'moumou' share it
    spaced: str = ""  # the distinctive words, space-separated


class NameReader:
    """Reads company names with one word file; built once per loaded data."""

    def __init__(self, words: CompanyWords) -> None:
        self.version = words.version
        self._legal_forms = sorted(words.chinese_legal_forms, key=len, reverse=True)
        self._zh_words: dict[str, tuple[str, ...]] = {}
        for zh, english in words.chinese_business_words.items():
            self._zh_words[zh] = tuple(english.split())
        places: set[str] = set()
        for zh, place in words.chinese_places.items():
            self._zh_words[zh] = tuple(place.split())
            places.update(place.split())
        self._places = frozenset(places)
        self._zh_longest = max((len(w) for w in self._zh_words), default=1)
        self._admin = frozenset(words.chinese_admin_suffixes)
        synonyms = {k: tuple(v.split()) for k, v in words.latin_synonyms.items()}
        # The pinyin of a Chinese trade word spelt whole ('maoyi', 'jinchukou') reads as its English.
        for zh, english in words.chinese_business_words.items():
            synonyms.setdefault("".join(lazy_pinyin(zh)), tuple(english.split()))
        self._synonyms = synonyms
        generic = set(words.latin_generic_words)
        for tokens in self._zh_words.values():
            generic.update(tokens)
        for tokens in synonyms.values():
            generic.update(tokens)
        self._generic = frozenset(generic)
        self._tokens: dict[str, tuple[str, ...]] = {}  # words read before: most names share many

    def read(self, text: str, *, legal_forms: bool = True) -> CompanyName:
        """The name read for comparison; `legal_forms=False` leaves out which legal-form words
        were found (only the evidence of a match shows them, and naming them costs a fifth of
        indexing a list)."""
        folded = unicodedata.normalize("NFKC", text).casefold()
        folded = _drop_address(folded)
        forms: list[str] = []
        tokens: list[str] = []
        hanzi: list[str] = []
        if has_cjk(folded):
            for zh_form in self._legal_forms:
                if zh_form in folded:
                    forms.append(zh_form)
                    folded = folded.replace(zh_form, " ")
            folded = CJK_RUN.sub(lambda m: " " + " ".join(self._read_chinese(m.group(), hanzi)) + " ", folded)
        latin = remove_org_types(folded, replacement=" ")
        if legal_forms and latin != folded:
            # The words the legal forms took ('co', 'ltd'); rigour's extract_org_types would name
            # them too, at up to a hundred times the cost of the removal on some names.
            kept = set(_NON_WORD.split(latin))
            forms.extend(w for w in _NON_WORD.split(folded) if w and w not in kept and not has_cjk(w))
        cache = self._tokens
        for raw in _NON_WORD.split(_strip_accents(_BRACKETS.sub(" ", latin))):
            if raw:
                read = cache.get(raw)
                if read is None:
                    read = self._latin_token(raw)
                    if len(cache) < _TOKEN_CACHE_SIZE:
                        cache[raw] = read
                tokens.extend(read)
        distinctive = tuple(t for t in tokens if t not in self._generic)
        generic = [t for t in tokens if t in self._generic and len(t) > 1]
        trade = tuple(sorted(t for t in generic if t not in self._places))
        places = tuple(sorted({t for t in generic if t in self._places}))
        return CompanyName(
            text,
            distinctive,
            trade,
            places,
            tuple(forms),
            "".join(hanzi),
            "".join(distinctive),
            " ".join(distinctive),
        )

    def _latin_token(self, raw: str) -> tuple[str, ...]:
        token = self._synonyms.get(raw)
        if token is not None:
            return token
        # Plurals fold only onto the known words ('technologies'); a name keeps its own letters.
        single = _singular(raw)
        if single in self._generic:
            return (single,)
        return self._synonyms.get(single, (raw,))

    def _read_chinese(self, run: str, hanzi: list[str]) -> list[str]:
        """Known words by longest match; the characters between them one pinyin word each."""
        out: list[str] = []
        pending: list[str] = []
        i = 0
        while i < len(run):
            size, word = 0, None
            for length in range(min(self._zh_longest, len(run) - i), 0, -1):
                word = self._zh_words.get(run[i : i + length])
                if word is not None:
                    size = length
                    break
            if word is not None:
                _flush(pending, out, hanzi)
                out.extend(word)
                i += size
                if i < len(run) and run[i] in self._admin:
                    i += 1  # 深圳市: the place, then its administrative level
                continue
            if run[i] in self._admin and not pending and out:
                i += 1
                continue
            pending.append(run[i])
            i += 1
        _flush(pending, out, hanzi)
        return out


def _flush(pending: list[str], out: list[str], hanzi: list[str]) -> None:
    if pending:
        chars = "".join(pending)
        hanzi.append(chars)
        out.append("".join(_char_pinyin(ch) for ch in chars))
        pending.clear()


@cache
def _char_pinyin(char: str) -> str:
    """One character's usual reading, toneless. Character by character: a 100,000-entry list
    reads in a second where phrase conversion takes several; the place and trade words, where
    readings of phrases matter most (重庆 chongqing), come from the word file."""
    return "".join(lazy_pinyin(char))


def _drop_address(text: str) -> str:
    """Keep the leading comma-separated parts of a name up to the first that reads as an address."""
    if "," not in text:
        return text
    parts = text.split(",")
    kept = [parts[0]]
    for part in parts[1:]:
        if _ADDRESS_PART.search(part):
            break
        kept.append(part)
    return ",".join(kept)


def _strip_accents(text: str) -> str:
    """Accents dropped and other scripts (Cyrillic, Greek, Arabic ...) transliterated to Latin."""
    return text if text.isascii() else ascii_text(text).casefold()


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def load_words(path: Path = WORDS_FILE) -> tuple[CompanyWords, str]:
    raw = path.read_bytes()
    words = CompanyWords.model_validate(parse_yaml(raw.decode("utf-8")))
    return words, hashlib.sha256(raw).hexdigest()[:12]


@cache
def default_reader() -> NameReader:
    return NameReader(load_words()[0])
