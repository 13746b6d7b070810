"""Sentences to numbers the search can compare: lexical vectors, lengths, structure.

Both sides meet in one space of English stems. An English sentence is its stems (and number
tokens) weighted by inverse sentence frequency; a Chinese sentence is the CC-CEDICT translations of
its jieba words, kept only when the English text uses that stem at all (the dictionary offers
"spirit, mind, energy, look" for 神; the text decides which are live), plus its numbers and
Latin-script names. Vectors are hashed into a fixed number of dimensions so blocks of sentences
can be summed and compared with a matrix product.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy as np

from aligner import chinese, lazyre
from aligner.bitext import anchors, lengths, lexicon
from aligner.bitext.units import Sentence
from aligner.records import Record

DIMENSIONS = 1024
NUMBER_WEIGHT = 1.0  # a number counts like one content word of the same rarity, no more
LATIN_WEIGHT = 1.5  # a name spelled the same on both sides is strong evidence
_HAN_WORD = lazyre.compile(f"^[{chinese.HAN_CLASS}]+$")


@dataclass(frozen=True, repr=False, eq=False)
class Side(Record):
    """One side of the bitext, as arrays indexed by sentence."""

    vectors: np.ndarray  # (n, DIMENSIONS) float32, not normalised: blocks are sums of rows
    lengths: np.ndarray  # (n,) float64, in characters of that side
    first: np.ndarray  # (n,) bool: the sentence opens a paragraph
    labels: tuple[str, ...]  # heading label or ""
    embeddings: np.ndarray | None = None  # (n, 512) unit rows from the optional encoder
    tails: np.ndarray | None = None  # (n,) bool: a speech tag that belongs with the sentence before

    @property
    def size(self) -> int:
        return len(self.labels)


def _slot(token: str) -> tuple[int, float]:
    code = zlib.crc32(token.encode("utf-8"))
    return code % DIMENSIONS, (1.0 if (code >> 16) & 1 else -1.0)


def _idf(bags: list[list[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    n = len(bags)
    return {token: math.log(1.0 + n / count) for token, count in df.items()}


def _vectors(bags: list[list[tuple[str, float]]]) -> np.ndarray:
    matrix = np.zeros((len(bags), DIMENSIONS), dtype=np.float32)
    slots: dict[str, tuple[int, float]] = {}
    for row, bag in enumerate(bags):
        for token, weight in bag:
            slot = slots.get(token)
            if slot is None:
                slot = slots[token] = _slot(token)
            matrix[row, slot[0]] += slot[1] * weight
    return matrix


@dataclass(frozen=True, repr=False, eq=False)
class Tokens(Record):
    """The words of both sides, kept so a second pass can rebuild the vectors with learned pairs."""

    zh: list[Sentence]
    en: list[Sentence]
    zh_words: list[list[str]]
    zh_numbers: list[list[str]]
    en_bags: list[list[str]]


def tokens(zh: list[Sentence], en: list[Sentence]) -> Tokens:
    return Tokens(
        zh,
        en,
        [_with_compounds([w for w in chinese.words(s.text) if w.strip()]) for s in zh],
        [anchors.zh_numbers(s.text) + anchors.zh_marks(s.text) for s in zh],
        [lexicon.english_stems(s.text) + anchors.en_numbers(s.text) + anchors.en_marks(s.text) for s in en],
    )


def _with_compounds(words: list[str]) -> list[str]:
    """The words plus the dictionary terms that jieba cut apart (生物/多样性 -> also 生物多样性,
    "biodiversity"): the term matches one English word the parts cannot."""
    extra: list[str] = []
    for k in range(len(words)):
        for span in (4, 3, 2):
            parts = words[k : k + span]
            if len(parts) < span or not all(_HAN_WORD.match(w) for w in parts):
                continue
            joined = "".join(parts)
            if len(joined) >= 3 and lexicon.known(joined):
                extra.append(joined)
                break
    return words + extra


def build(zh: list[Sentence], en: list[Sentence]) -> tuple[Side, Side]:
    """Vectors, lengths and structure of both sides."""
    return vectors(tokens(zh, en))


def vectors(tok: Tokens, learned: dict[str, tuple[str, ...]] | None = None) -> tuple[Side, Side]:
    """Both sides as arrays; ``learned`` adds translations found in the texts themselves."""
    learned = learned or {}
    en_idf = _idf(tok.en_bags)
    vocabulary = set(en_idf)
    zh_idf = _idf(tok.zh_words)
    number_idf = _idf(tok.zh_numbers)

    zh_bags: list[list[tuple[str, float]]] = []
    live_cache: dict[str, tuple[str, ...]] = {}
    for words, numbers in zip(tok.zh_words, tok.zh_numbers, strict=True):
        bag: list[tuple[str, float]] = []
        for word in words:
            if _HAN_WORD.match(word):
                live = live_cache.get(word)
                if live is None:
                    known = tuple(t for t in lexicon.translations(word) if t in vocabulary)
                    live = live_cache[word] = known + tuple(t for t in learned.get(word, ()) if t not in known)
                if live:
                    share = zh_idf[word] / math.sqrt(len(live))
                    bag.extend((t, share) for t in live)
            else:
                for latin in anchors.latin_words(word):
                    for token in lexicon.english_stems(latin):
                        bag.append((token, LATIN_WEIGHT * zh_idf.get(word, 1.0)))
        bag.extend((number, NUMBER_WEIGHT * number_idf[number]) for number in numbers)
        zh_bags.append(bag)
    en_weighted = [[(t, en_idf[t] * (NUMBER_WEIGHT if t.startswith("#") else 1.0)) for t in bag] for bag in tok.en_bags]
    zh, en = tok.zh, tok.en
    zh_side = Side(
        vectors=_vectors(zh_bags),
        lengths=np.array([lengths.zh_length(s.text) for s in zh], dtype=np.float64),
        first=np.array([s.first for s in zh], dtype=bool),
        labels=tuple(anchors.heading_labels([s.text for s in zh], [s.first for s in zh], zh=True)),
        tails=np.array(anchors.speech_tails([s.text for s in zh], zh=True), dtype=bool),
    )
    en_side = Side(
        vectors=_vectors(en_weighted),
        lengths=np.array([lengths.en_length(s.text) for s in en], dtype=np.float64),
        first=np.array([s.first for s in en], dtype=bool),
        labels=tuple(anchors.heading_labels([s.text for s in en], [s.first for s in en], zh=False)),
        tails=np.array(anchors.speech_tails([s.text for s in en], zh=False), dtype=bool),
    )
    return zh_side, en_side


def learn(
    tok: Tokens, pairs: list[tuple[tuple[int, ...], tuple[int, ...]]], min_count: int = 2, min_dice: float = 0.3
) -> dict[str, tuple[str, ...]]:
    """Word pairs that keep turning up together in the beads of a first pass (Dice coefficient).

    CC-CEDICT has no entry for most transliterated names (米户雅利 / Mehujael) and misses a
    text's own terms; hunalign's second pass learns them the same way from its first alignment.
    """
    together: Counter[tuple[str, str]] = Counter()
    zh_count: Counter[str] = Counter()
    en_count: Counter[str] = Counter()
    for zh_ids, en_ids in pairs:
        words = {w for i in zh_ids for w in tok.zh_words[i] if _HAN_WORD.match(w)}
        stems = {t for j in en_ids for t in tok.en_bags[j] if not t.startswith("#")}
        zh_count.update(words)
        en_count.update(stems)
        together.update((w, t) for w in words for t in stems)
    found: dict[str, list[tuple[float, str]]] = {}
    for (w, t), count in together.items():
        if count < min_count:
            continue
        dice = 2.0 * count / (zh_count[w] + en_count[t])
        if dice >= min_dice:
            found.setdefault(w, []).append((dice, t))
    return {w: tuple(t for _d, t in sorted(c, reverse=True)[:3]) for w, c in found.items()}
