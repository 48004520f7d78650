"""Stage 5: a mark named as what the line's goods fit, not as the goods' own mark.

"Case for iPhone 15", "compatible with Samsung Galaxy S21", "HP compatible toner", "Car mat
Hyundai Eon", "Lapguard HP Pavilion laptop battery": the goods are made to fit the mark's goods,
which lawful sellers must say to sell them. Such a reading is still reported, as
`MatchType.COMPATIBILITY`: the rules weigh it less and never price the goods as the mark's own.

The wording comes from data/context_cues.yaml `compatibility`: a fitting word or phrase right
before the mark, fillers, goods words and other marks aside ("for the iPhone", "for tablet
iPad", "for iPhone and Samsung"), or
right after it ("HP compatible"); or, in a line selling goods made to fit other goods (a case, a
car mat, a laptop battery: named right before the mark or ending the line), a mark that does not
lead the line, where the seller's own name stands, and that names the model the goods fit
("Hyundai Eon", "HP Pavilion dv5").

The line says the goods are the mark's own, and the reading stays the mark, where the shipper
declared the brand, a mark cue stands beside it ("original Samsung charger", "genuine", "logo"),
replica wording goes with it ("OEM for", "AAA"), or the mark is disguised: a misspelt or spaced
mark describes no fit, it hides the mark.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.matching.candidates import Candidate
from app.matching.context import LineContext, cue_near
from app.matching.hits import PLAIN
from app.matching.vocabulary import Vocabulary
from app.text import singular

Span = tuple[int, int]  # token indexes, the end exclusive
_MAX_BETWEEN = 4  # fillers, numbers and other marks between the fitting wording and the mark


def fitting_wording(
    cand: Candidate, candidates: Sequence[Candidate], ctx: LineContext, vocab: Vocabulary
) -> str | None:
    """The wording that names the mark of `cand`, a plain reading, as what the goods fit, or None.
    `candidates`: the line's, where it may write marks (fitting wording reaches over them: "for
    Michael Kors MK"); another mention of the same brand after fitting wording counts too
    ("Galaxy S21 glass for Samsung Galaxy S21")."""
    words, wording = ctx.words, vocab.fitting
    if wording.words.isdisjoint(words):
        return None  # most lines: no fitting wording anywhere
    others = sorted({(c.first, c.last) for c in candidates})
    span = (cand.first, cand.last)
    found = _fitting_phrase(span, others, words, vocab) or _goods_made_to_fit(
        span, others, words, vocab, cand.entry.kind == "model"
    )
    for other in candidates:
        if found is not None:
            break
        if (
            other.entry.brand == cand.entry.brand
            and other is not cand
            and (other.match_type in PLAIN or other.weak)
        ):
            found = _fitting_phrase((other.first, other.last), others, words, vocab)
    if found is None or cue_near(words, span, vocab):
        return None  # "original Samsung charger": the line says the goods are the mark's
    return found


def _fitting_phrase(
    span: Span, others: Sequence[Span], words: Sequence[str], vocab: Vocabulary
) -> str | None:
    """ "compatible" right after the mark, or a fitting phrase before it, fillers, numbers, the
    goods it fits and other marks between ("for the iPhone", "for 7 inch Oppo", "for tablet
    iPad", "for iPhone and Samsung")."""
    wording = vocab.fitting
    first, end = span
    if end < len(words) and words[end] in wording.after:
        return words[end]
    at = first
    for _ in range(_MAX_BETWEEN + 1):
        for phrase, text in wording.before:
            if at >= len(phrase) and tuple(words[at - len(phrase) : at]) == phrase:
                return text
        if at == 0:
            return None
        other = next((s for s in others if s[0] <= at - 1 < s[1]), None)
        if other is not None:
            at = other[0]  # over the other mark
        elif (
            words[at - 1] in wording.fillers or words[at - 1].isdigit() or _names_goods(words[at - 1], vocab)
        ):
            at -= 1
        else:
            return None
    return None


def _goods_made_to_fit(
    span: Span, others: Sequence[Span], words: Sequence[str], vocab: Vocabulary, model: bool
) -> str | None:
    """Goods made to fit other goods named next to a mark that does not lead the line and names
    the model they fit: right before it ("car mat Hyundai Eon", "wiper blades Brembo"), right
    after its model ("iPhone 3G case") or ending the line ("Lapguard HP Pavilion dv5 laptop
    battery"), part numbers aside; not a part of the goods the line describes ("quartz watch
    leather strap, Breitling")."""
    first, end = span
    if first == 0:
        return None  # the mark leads the line: its maker's own goods ("Apple iPhone charger")
    if not (model or _model_follows(words, end, vocab)):
        return None  # no model it fits: the maker's own goods
    taken = {i for start, stop in (span, *others) for i in range(start, stop)}
    after, last = end, len(words) - 1
    while after < len(words) and _numbering(words[after]):
        after += 1
    while last > first and _numbering(words[last]):
        last -= 1
    goods = vocab.fitting.goods
    for i in (first - 1, first - 2, after, last):
        if 0 <= i < len(words) and i not in taken and (words[i] in goods or singular(words[i]) in goods):
            return words[i]
    return None


def _numbering(word: str) -> bool:
    """A number or code: "3g", "620", "ih70src"."""
    return any(map(str.isdigit, word))


def _names_goods(word: str, vocab: Vocabulary) -> bool:
    return word in vocab.category_cues or word in vocab.goods_classes or singular(word) in vocab.goods_classes


def _model_follows(words: Sequence[str], end: int, vocab: Vocabulary) -> bool:
    """A model of the mark's goods right after it, one describing word aside ("Ford New Fiesta"):
    a number, a code or a word that names no goods ("Hyundai Eon", "HP Pavilion dv5", "Nokia
    Lumia 620", "Volkswagen Polo")."""
    at = end + 1 if end < len(words) and words[end] in vocab.descriptive else end
    if at >= len(words):
        return False
    word = words[at]
    if _numbering(word):
        return True  # a model number or code: "620", "dv5", "HERO11"
    named_goods = word in vocab.goods_classes or word in vocab.fitting.words or word in vocab.fitting.fillers
    return word.isalpha() and word not in vocab.descriptive and not named_goods
