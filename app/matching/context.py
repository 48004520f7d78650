"""When an alias found in a line counts as the mark, and what stands next to it.

Every alias has a level (levels.py `Level`), decided from data alone when the index is built:

* DISTINCTIVE: the alias names the mark and nothing else ("Rolex", "Submariner", "劳力士").
* WORD: the brand's name is also an ordinary word: the record says `common_word`, or the name is
  in the dictionary (data/english_words.txt: "Omega", "New Balance"), or a Chinese name is an
  everyday word (data/zh_common_words.txt).
* SHORT: an abbreviation or any key of three characters or fewer ("LV", "3M", "YSL", "N°5"); a
  name or model of three letters or fewer that the record writes as a word, not in capitals, and
  that is a dictionary word ("On", "Go", "Air") is COMPANION: everyday wording of its own goods
  ("slip-on shoes", "on the go") says nothing of the mark.
* GOODS: a model, alias or Chinese name the record lists under `context_*` ("Bumblebee", 苹果).
* COMPANION: a model or alias the record lists as distinctive that is an ordinary word or a
  bare number, and any model or alias (context ones included) made only of goods-describing words
  (data/descriptive_words.txt: materials, sizes, sales adjectives, shapes, colours) and numbers
  ("Suede", "Mini", "Classic Short", "327"): the word lists overrule the record. "Bumblebee" and
  "Denali" describe no goods and keep the record's level. A distinctive-listed model of two or
  more ordinary words or letters none of which describes goods ("Royal Oak", "Mickey Mouse",
  "G-Shock"), or of such a word and a number of two digits or more ("Chuck 70", "Air Max 90"),
  names that model and little else: it is GOODS; "Air Max", "Ultra Power" or "Charge 5" stay
  COMPANION, and so does any model, context ones included, that names goods of the brand's own
  kind last after ordinary words naming nothing more ("Trucker Jacket", "Love bracelet",
  "Lightning cable"): that is how every maker describes its goods.
* HEAD: the first word of a many-word name, read alone where it is distinctive ("Audemars" of
  Audemars Piguet, "Jaeger" of Jaeger-LeCoultre); never a dictionary word, a place or given name
  (data/proper_nouns.txt: "Stone" Island, "Canada" Goose) or the head of two names (index.py).

The dictionaries only add caution to records that list goods categories: a record with none
cannot be checked against a line's goods, so there only its own flags count.

What a line can say for a mark, all read from data:

* category: the line's goods categories (the classifier's, plus the category cue words of
  data/context_cues.yaml) meet the brand's `categories`, or the Nice classes of the goods its
  words name (data/nice_goods.yaml: "toner" class 2, "software" class 9, "towel" class 24) meet
  the brand's (its `nice_classes` and those of its categories' goods) where the alias is a name
  of the brand: a model names one line of goods, which the categories tell;
* declared: the shipper declared this brand on the line;
* companion: a distinctive alias of the same brand (its name, a model) is also in the line;
* cue: a mark-cue word ("logo", "brand", "original", "genuine", "monogram"...) stands within
  `cue_window` tokens, not after a negation ("no logo", "without brand", "custom logo") and not
  qualifying the goods word after it ("genuine leather", "brand new");
* casing: the alias is written as a mark is (all capitals in a line that is not, or the
  recorded inner capitals, as in "iPhone");
* kin: for the first word of a name read alone (HEAD), any other name or model of the same
  brand in the line, ordinary-word models included ("Audemars royal oak", "Patek nautilus");
* maker: for a model, a name of its brand written right before it, whatever that name's level
  ("On Cloud", "Puma Palermo"): a maker's name and its model;
* name goods: beside a brand's full many-word name written as recorded ("hot wheels"), the
  looser goods words of data/context_cues.yaml `name_goods_cues` ("cars", "track") also tell the
  line's category: two ordinary words that form the whole recorded name next to goods of the
  brand's kind are the mark;
* code: a maker's model or part code follows the alias ("Canon EW-83J", "Apple MD199HN/A",
  "HP 15-ac116TX") or ends the line the alias leads: letters and digits mixed, not a size or unit
  ("50ml") nor a leetspeak word.

DISTINCTIVE needs nothing. WORD needs any one of category, declared, companion, cue, casing or
code. SHORT needs category, declared, companion or code; GOODS category, declared or companion;
SHORT also matches whole tokens only ("3m x 4m" tarpaulin is no 3M), and a SHORT alias that is a
dictionary word right after a number is a unit ("100 cc" is no Chanel). COMPANION needs
declared, companion, or category and cue together. HEAD needs category, declared or kin. Any
model counts right after its brand's name (maker).

An ordinary-word model or alias (GOODS, COMPANION) directly followed, numbers aside, by a goods
word that names none of the brand's categories, or by an accessory noun (`accessory_nouns`:
"cable", "case", "strap"), describes those goods: "Charge cable" is a charging cable, "Wave ring"
a ring. There the line's category says nothing for it; declared and companion still do. A brand's
own name keeps its readings before any goods: a mark is put on goods of every kind.

A line that says its goods carry no mark ("unbranded", "no brand", "generic", "own brand") gives
no category or cue evidence. Whatever the level, an alias inside one of its brand's
`non_mark_phrases` ("omega-3", "coach bus", "dove-shaped", "ferrari red") is not the mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet

from app.matching.levels import Level
from app.matching.normalize import is_product_code
from app.matching.vocabulary import Vocabulary
from app.text import singular


class LineContext:
    """What a line says around its candidates; the costlier parts are read on first use."""

    def __init__(
        self,
        words: Sequence[str],
        original: str,
        given: frozenset[str],
        declared: int | None,
        vocab: Vocabulary,
    ) -> None:
        self.words = tuple(words)  # folded tokens of the line
        self.declared_brand = declared  # brand id the declared brand field names
        self._original = original
        self._given = given
        self._vocab = vocab
        self._categories: frozenset[str] | None = None
        self._upper: bool | None = None
        self._present: frozenset[str] | None = None
        self._unbranded: bool | None = None
        self._classes: dict[int, str] | None = None

    @property
    def present(self) -> frozenset[str]:
        """The line's distinct words (a line of distinctive marks never asks)."""
        if self._present is None:
            self._present = frozenset(self.words)
        return self._present

    @property
    def categories(self) -> frozenset[str]:
        """The classifier's categories and those the line's words point to."""
        if self._categories is None:
            found = set(self._given)
            cues = self._vocab.category_cues
            for word in self.present:
                found |= cues.get(word) or cues.get(singular(word), frozenset())
            self._categories = frozenset(found)
        return self._categories

    @property
    def goods_classes(self) -> dict[int, str]:
        """The Nice classes of the goods the line names (data/nice_goods.yaml), each with the
        first word or two-word phrase naming them: "pen drives" is class 9, "bath towel" 24."""
        if self._classes is None:
            table = self._vocab.goods_classes
            found: dict[int, str] = {}
            words = self.words
            for i, word in enumerate(words):
                pair = f"{word} {singular(words[i + 1])}" if i + 1 < len(words) else ""
                for goods in (pair, word, singular(word)):
                    for n in table.get(goods, ()):
                        found.setdefault(n, goods)
            self._classes = found
        return self._classes

    @property
    def name_goods(self) -> frozenset[str]:
        """The categories the looser goods words point to (read beside a full many-word name)."""
        cues = self._vocab.name_goods_cues
        return frozenset(c for word in self.present for c in cues.get(word, ()))

    @property
    def unbranded(self) -> bool:
        """The line says its goods carry no mark ("unbranded", "no brand", "generic")."""
        if self._unbranded is None:
            words, present = self.words, self.present
            self._unbranded = any(
                tuple(words[i : i + len(p)]) == p
                for p in self._vocab.unbranded
                if p[0] in present
                for i in range(len(words) - len(p) + 1)
            )
        return self._unbranded

    @property
    def has_cue(self) -> bool:
        """A mark cue stands somewhere in the line (cue_near asks where)."""
        return not self._vocab.mark_cues.isdisjoint(self.words)

    @property
    def upper_line(self) -> bool:
        """Written mostly in capitals: capitals then say nothing."""
        if self._upper is None:
            letters = [c for c in self._original if c.isalpha()]
            self._upper = sum(c.isupper() for c in letters) > 0.6 * len(letters) if letters else False
        return self._upper


_QUANTITY_RE = re.compile(r"\d+[a-z]+")  # a number and its unit: "16kva", "500mah"

# What `evidence` asks of a reading at these levels, for a line read without a declared brand
# and without another name of the brand: the line's goods must fit the brand's (SHORT, GOODS,
# COMPANION), and a mark cue must stand in the line too (COMPANION); a product code after a SHORT
# reading counts as its goods fitting, and so does its brand's name right before a model. find_many
# reads a line on for such a reading only where one of these may hold (batch.py); keep these
# beside the rules they summarise.
GOODS_BOUND = frozenset({Level.SHORT, Level.GOODS, Level.COMPANION})
CUE_BOUND = frozenset({Level.COMPANION})
CODE_BOUND = frozenset({Level.SHORT})  # a product code after it counts instead of the goods


def evidence(
    level: Level,
    *,
    brand: int,
    brand_categories: frozenset[str],
    brand_classes: frozenset[int],
    span: tuple[int, int],
    surface: Callable[[], str],
    recorded: str,
    has_companion: bool,
    ctx: LineContext,
    vocab: Vocabulary,
    has_kin: bool = False,
    full_name: bool = False,
    name: bool = False,
    after_name: bool = False,
    colour: bool = False,
) -> str | None:
    """Why the line reads the alias as the mark ("" when no reason is needed), or None.
    `surface` gives the alias as written in the line; only an ordinary-word name asks for it.
    `has_kin`: another name or model of the brand, of any level, is in the line; `full_name`: the
    alias is the brand's many-word name written word for word; `name`: the alias is a name of the
    brand (not a model), which is put on goods of every class the brand is recorded in;
    `after_name`: the alias is a model written right after a name of the brand ("On Cloud");
    `colour`: the name is a colour ("Off-White"), which goods of the brand's kind say nothing for."""
    if level == Level.DISTINCTIVE:
        return ""
    if ctx.declared_brand == brand:
        return "the shipper declared the brand"
    if has_companion:
        return "the brand's name or another of its names is also in the line"
    if level == Level.HEAD and has_kin:
        return "another of the brand's names or models is also in the line"
    if after_name:
        return "it follows the brand's name, as a maker's model does"
    if ctx.unbranded:
        return None  # "no brand", "generic", "own brand": the line says it carries no mark
    if level in (Level.GOODS, Level.COMPANION) and describes_other_goods(
        ctx.words, span[1], brand_categories, vocab
    ):
        return None  # "Charge cable": the model's word describes goods of another kind
    start = span[0]
    if level == Level.SHORT and start > 0 and ctx.words[start - 1].isdigit():
        if ctx.words[start] in vocab.dictionary:
            return None  # "100 cc", "5 hp": a unit after its number
    goods = (
        None if colour else _goods_fit(brand_categories, brand_classes, ctx, full_name=full_name, name=name)
    )
    if level == Level.COMPANION:
        cue = cue_near(ctx.words, span, vocab)
        return f"{goods} and '{cue}' stands next to it" if goods and cue else None
    if goods:
        return goods
    if level in (Level.WORD, Level.SHORT) and not colour and (code := code_after(ctx.words, *span)):
        return f"a product code ('{code}') follows it"
    if level in (Level.SHORT, Level.GOODS, Level.HEAD):
        return None
    if cue := cue_near(ctx.words, span, vocab):
        return f"'{cue}' stands next to it"
    # a colour in title case is still the colour ("Kurta, Off-White"); in capitals it is a mark
    if mark_casing(surface(), recorded.lower() if colour else recorded, ctx.upper_line):
        return "it is written as a mark"
    return None


def _goods_fit(
    brand_categories: frozenset[str],
    brand_classes: frozenset[int],
    ctx: LineContext,
    *,
    full_name: bool,
    name: bool,
) -> str | None:
    """How the line's goods are the brand's, said for the reason, or None: its categories meet the
    brand's (the looser goods words too beside the full name), or, for a name, the Nice classes of
    the goods its words name meet the brand's."""
    fit = brand_categories & ctx.categories
    if full_name and not fit:
        fit = brand_categories & ctx.name_goods
    if fit:
        return f"the line's goods ({', '.join(sorted(fit))}) are the brand's"
    if name and (classes := brand_classes.intersection(ctx.goods_classes)):
        n = min(classes)
        return f"the line's goods ('{ctx.goods_classes[n]}', Nice class {n}) are of a class the brand's are"
    return None


def code_after(words: Sequence[str], start: int, end: int) -> str | None:
    """A maker's model or part code right after the mark, a number or a series prefix of up to
    three letters aside ("Canon EW-83J", "Apple MD199HN/A", "HP 15-ac116TX"), or ending a line
    the mark leads ("Canon PSC-1000 leather case - 2350B001"). That is how branded goods are
    named."""
    for word in words[end : end + 3]:
        if is_product_code(word):
            return word
        if not (word.isdigit() or (len(word) <= 3 and word.isascii() and word.isalpha())):
            break
    if start != 0:
        return None
    tail = len(words)
    while tail > end + 1 and len(words[tail - 1]) <= 2 and words[tail - 1].isalpha():
        tail -= 1  # a region suffix: "MB397G/A", "MC414LL/B"
    last = words[tail - 1] if tail > end + 1 else ""
    if is_product_code(last) and not _QUANTITY_RE.fullmatch(last):
        return last  # a part number, not a quantity in a unit ("16kva")
    return None


def describes_other_goods(
    words: Sequence[str], end: int, brand_categories: frozenset[str], vocab: Vocabulary
) -> bool:
    """Whether the word after the alias (numbers skipped) is an accessory noun or a goods word of
    none of the brand's categories: the alias then describes those goods ("Charge cable")."""
    at = end
    while at < len(words) and words[at].isdigit():
        at += 1
    if at >= len(words):
        return False
    word = words[at]
    if word in vocab.accessory_nouns:
        return True
    pointed = vocab.category_cues.get(word)
    return pointed is not None and bool(brand_categories) and pointed.isdisjoint(brand_categories)


def cue_near(words: Sequence[str], span: tuple[int, int], vocab: Vocabulary) -> str | None:
    start, end = span
    lo, hi = max(0, start - vocab.cue_window), min(len(words), end + vocab.cue_window)
    for i in [*range(lo, start), *range(end, hi)]:
        word: str = words[i]
        if word not in vocab.mark_cues or (i > 0 and words[i - 1] in vocab.negations):
            continue
        if i + 1 < len(words) and words[i + 1] in vocab.descriptive:
            continue  # "genuine leather", "brand new": the cue qualifies the goods, not a mark
        return word
    return None


def mark_casing(surface: str, recorded: str, upper_line: bool) -> bool:
    letters = [c for c in surface if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and not upper_line:
        return True
    inner = any(c.isupper() for c in recorded[1:]) and not recorded.isupper()
    return inner and surface == recorded


def inside_phrase(
    compact: str, span: tuple[int, int], phrases: Sequence[str], bounds: AbstractSet[int]
) -> bool:
    """Whether the compact span lies inside one of the phrases as written in the line, the phrase
    standing on token bounds ("doves" is no phrase of "dove soap"). A phrase no longer than the span
    says nothing about it ("bumble bee" is no reading of "Bumblebee")."""
    start, end = span
    for phrase in phrases:
        if len(phrase) <= end - start:
            continue
        at = compact.find(phrase, max(0, end - len(phrase)))
        while 0 <= at <= start:
            if at + len(phrase) >= end and at in bounds and at + len(phrase) in bounds:
                return True
            at = compact.find(phrase, at + 1)
    return False


def replica_phrase(ctx: LineContext, span: tuple[int, int], vocab: Vocabulary) -> str | None:
    """The replica wording ("replica", "AAA", "1:1", "-look"...) that goes with the mark at span."""
    if vocab.replica_starts.isdisjoint(ctx.words):
        return None  # most lines: no replica phrase starts anywhere
    start, end = span
    words = ctx.words
    for phrase in vocab.replica_phrases:
        if phrase.words[0] not in ctx.present:
            continue
        n = len(phrase.words)
        if phrase.scope == "after":
            positions: Sequence[int] = (end,)
        elif phrase.scope == "near":
            lo = max(0, start - vocab.cue_window - n + 1)
            positions = [*range(lo, start - n + 1), *range(end, end + vocab.cue_window)]
        else:
            positions = range(len(words) - n + 1)
        for i in positions:
            if tuple(words[i : i + n]) == phrase.words and not (i < end and i + n > start):
                return phrase.text
    return None
