"""Bilingual term candidates mined from translated pairs: C-value on the Chinese, Dice on the English.

The Chinese side is cut by jieba; a candidate is a run of one to seven words inside a stretch of
Chinese characters that neither begins nor ends with a word that cannot bound a term (的, 关于, 和,
a leading verb such as 加强 or 推进: jieba's part-of-speech tags say which), holds no particle,
conjunction or adverb inside, and is one word only when that word is long (国务院, 自然保护区, not
合作); a run CC-CEDICT knows whole is kept although jieba cuts it (特别行政区). C-value ranks the
candidates by how often they occur as themselves rather than inside a longer candidate; a
character jieba cuts off and that nearly always stands beside a candidate makes it whole (可持续发展).

Each candidate's English is the English n-gram that best co-occurs with it (Dice over the pairs
holding either), helped by CC-CEDICT (an n-gram whose words translate the term's is preferred), and
widened while it keeps most of the co-occurrences (Belt -> Belt and Road). The share is the part of
the term's pairs whose English holds that rendering; the variants are what the rest say instead.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from aligner import chinese, lazyre
from aligner.records import Record

MAX_WORDS = 7  # Chinese words in a candidate
MAX_ENGLISH = 7  # English words in a rendering
_SAMPLE = 400  # pairs of a term read for its rendering: enough to count, bounded for frequent terms
_KEEP = 0.8  # an extension of a rendering must keep this share of its co-occurrences
_KEEP_UNKNOWN = 0.9  # ... and this share when it adds words CC-CEDICT does not give for the term
_WIDEN = 3  # English words a rendering may grow by at once (Belt -> Belt and Road)
_LEXICON_WEIGHT = 0.5  # how much CC-CEDICT support adds to a rendering's Dice

# jieba's part-of-speech tags of words that cannot begin a term (prepositions, conjunctions,
# particles, pronouns, adverbs, numerals, measure words, localizers, interjections, plain verbs:
# 加强生态保护 is an instruction about the term 生态保护) or end one (a term is not 发展的, 国务院关于).
_NOT_FIRST = frozenset((
    "p", "c", "u", "r", "d", "m", "q", "f", "y", "e", "o", "v", "t", "a", "ad", "h", "k", "uj", "ul", "ud", "uz",
    "zg",
))  # fmt: skip
_NOT_LAST = frozenset(("p", "c", "u", "r", "d", "ad", "y", "e", "o", "t", "uj", "ul", "ud", "uz", "ug", "uv", "zg"))
# Particles, conjunctions, adverbs inside a run make a phrase, not a term: 中国的生物多样性, 中国和非洲,
# 人员不得担任国家行政机关 (各级, tagged a pronoun, may: 地方各级人民政府).
_NOT_INSIDE = frozenset(("u", "uj", "ul", "ud", "uz", "ug", "uv", "c", "p", "d"))
# Tags of nouns, named entities, nominal verbs, abbreviations and idioms: what a term ends in.
_NOUNS = ("n", "vn", "j", "l", "i")
_COUNTED = frozenset(("m", "q", "mq"))  # numerals and measure words
# A candidate found this often inside one longer candidate is a piece of it, not a term of its own.
_FRAGMENT = 0.85
_LONGEST_WEIGHT = 3  # words of a candidate that C-value's length weight counts
_SHORTEST_WORD_TERM = 3  # characters of a term that is one jieba word (合作, 国家 are not terms)
_BESIDE = 0.75  # share of a candidate's pairs in which one character beside it makes it whole (可持续)
# A run that begins with a verb of two characters or more is a term when the rest seldom stands
# without that verb (注册消防工程师, 继续教育, 免疫检查点抑制剂: the verb names a kind of the rest), and
# an instruction when the rest mostly does (加强生物多样性保护: 生物多样性保护 stands alone).
_VERB_BOUND = 0.25  # share of the rest's pairs in which the verb stands before it
# Verbs that end a clause, never a term (中华人民共和国公民有 ...).
_NEVER_LAST = frozenset(("有", "是", "为", "在", "要", "可以", "应当", "没有"))

_ENGLISH_WORD = lazyre.compile(r"[A-Za-z][A-Za-z0-9]*(?:[’'\-][A-Za-z0-9]+)*")
# An English rendering holding one of these is a clause (the state shall protect, the Congress is out of
# session): its Chinese is a subject and a verb, not a term.
_CLAUSE = frozenset((
    "shall", "will", "must", "may", "should", "can", "is", "are", "was", "were", "has", "have", "had", "does",
))  # fmt: skip
# English words that cannot begin or end a rendering.
_EDGE_STOP = frozenset((
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "as", "and", "or",
    "but", "not", "no", "that", "this", "these", "those", "it", "its", "be", "is", "are", "was", "were", "been",
    "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may", "must", "we", "our", "us",
    "their", "they", "which", "who", "such", "also", "than", "more", "all", "other", "s", "including",
    "has", "been", "through", "over", "under", "between", "among", "while", "both", "each", "so", "very",
))  # fmt: skip


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Pair(Record):
    """A Chinese segment, its English, and where the pair comes from (``path:line``)."""

    zh: str
    en: str
    origin: str


@dataclass(frozen=True, repr=False, eq=False)
class Variant(Record):
    en: str
    count: int


@dataclass(frozen=True, repr=False, eq=False)
class Candidate(Record):
    """A term candidate: its Chinese, its usual English, how often, how good, how consistent."""

    zh: str
    en: str
    count: int  # pairs whose Chinese holds the term
    score: float
    share: float  # part of those pairs whose English holds ``en``
    variants: tuple[Variant, ...]
    example: Pair
    cut: tuple[str, ...] = ()  # jieba's words of the Chinese


# --------------------------------------------------------------------------- the Chinese side


_DICTIONARY_LINE = lazyre.compile(r"^(\S+) \d+ (\S+)\s*$", re.MULTILINE)


@cache
def _tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word that is not a noun (a word missing here
    is a noun or unknown), read from the dictionary file (not from jieba), kept under ``.aligner/``."""
    import json

    from aligner import cache as caches
    from aligner import wordindex

    path = wordindex.dictionary_path()
    wanted = "not " + " ".join(_NOUNS)

    def derive() -> bytes:
        text = path.read_text(encoding="utf-8")
        found = {word: tag for word, tag in _DICTIONARY_LINE.findall(text) if not tag.startswith(_NOUNS)}
        return json.dumps(found, ensure_ascii=False, sort_keys=True).encode("utf-8")

    def read(data: bytes) -> dict[str, str]:
        found = json.loads(data.decode("utf-8"))
        if not isinstance(found, dict):
            raise ValueError("damaged tags")
        return found

    if not caches.enabled():
        return read(derive())
    key = caches.digest((caches.stamped_digest(path) + wanted).encode("utf-8"))
    return caches.cached("jieba-tags", key, ".json", derive, read)


@cache
def _all_tags() -> dict[str, str]:
    """Every dictionary word's tag (only a term base asks: part of speech is one of its fields)."""
    from aligner import wordindex

    return dict(_DICTIONARY_LINE.findall(wordindex.dictionary_path().read_text(encoding="utf-8")))


_PROPER = ("nr", "ns", "nt", "nz")
_SINGLE = {"v": "verb", "vd": "verb", "a": "adjective", "ad": "adjective", "an": "noun", "d": "adverb"}


def part_of_speech(cut: Sequence[str]) -> str:
    """TBX's part of speech of a term cut into jieba's words: a proper noun when its head (last word)
    is a name (全国人民代表大会, 中非合作论坛), a noun for other multi-word terms (生物多样性保护:
    Chinese terms ending in a verb name the activity), the tag's own for one word; "" when unknown."""
    if not cut:
        return ""
    tag = _all_tags().get(cut[-1], "")
    if tag.startswith(_PROPER):
        return "properNoun"
    if len(cut) > 1 or tag.startswith("n") or tag in ("vn", "l", "j"):
        return "noun" if len(cut) > 1 or tag else ""
    return _SINGLE.get(tag, "")


@cache
def _edges(word: str) -> tuple[bool, bool, bool]:
    """Whether ``word`` may begin a term, end one, stand inside one."""
    if len(word) == 1 and chinese.is_function_word(word):
        return False, False, False
    tag = _tags().get(word, "n")
    # A one-character adjective begins terms (新发展理念, 大湾区); a longer one begins a phrase (坚定支持).
    first = tag not in _NOT_FIRST or (tag == "a" and len(word) == 1)
    return first, tag not in _NOT_LAST and word not in _NEVER_LAST, tag not in _NOT_INSIDE


_RUN = lazyre.compile(f"[{chinese.HAN_CLASS}]+")


def _grams(text: str) -> set[tuple[str, ...]]:
    """The candidate n-grams of one segment (each once), from each stretch of Chinese characters
    (figures and punctuation end a stretch)."""
    return _parts(text)[0]


def _parts(text: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]], set[str]]:
    """(candidate n-grams, n-grams that begin with a verb, jieba's words) of one segment, each once."""
    found: set[tuple[str, ...]] = set()
    verbal: set[tuple[str, ...]] = set()
    words: set[str] = set()
    for run in _RUN.findall(text):
        if len(run) > 1:
            grams, verb_first, cut = _run_grams(run)
            found.update(grams)
            verbal.update(verb_first)
            words.update(cut)
    return found, verbal, words


@lru_cache(maxsize=1 << 17)
def _run_grams(
    run: str,
) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]], frozenset[str]]:
    """The candidate n-grams of one stretch of Chinese characters cut by jieba, the n-grams that
    would be candidates but for the verb they begin with (decided on the whole set of pairs), and
    the words (kept: official text repeats its stretches, 中华人民共和国 and 国务院 in every other
    sentence)."""
    words = chinese.words(run)
    tags = _tags()
    found: set[tuple[str, ...]] = set()
    verbal: set[tuple[str, ...]] = set()
    flags = [_edges(w) for w in words]
    for i, word in enumerate(words):
        inside = True  # every word strictly between i and j may stand inside a term
        for j in range(i, min(i + MAX_WORDS, len(words))):
            if j - 1 > i:
                inside = inside and flags[j - 1][2]
            if j == i:
                if flags[i][0] and flags[i][1] and len(word) >= _SHORTEST_WORD_TERM:
                    found.add((word,))
                continue
            span = words[i : j + 1]
            if inside and flags[i][0] and flags[j][1] and not all(len(w) == 1 for w in span):
                found.add(tuple(span))  # (all single characters: a name jieba does not know, 范/明/正)
            elif span[-1] not in tags and tags.get(span[0]) not in _COUNTED and _headword("".join(span)):
                # CC-CEDICT knows it whole, it ends in a noun and does not begin with a numeral:
                # 特别行政区, 非盟, 减贫, 濒危物种 (not 据报道, 万人)
                found.add(tuple(span))
            elif inside and flags[j][1] and len(word) > 1 and tags.get(word) == "v" and flags[i + 1][0]:
                verbal.add(tuple(span))
    return frozenset(found), frozenset(verbal), frozenset(words)


@cache
def _headword(text: str) -> bool:
    """Whether ``text``, cut by jieba into two words or more, is a CC-CEDICT headword."""
    from aligner.bitext import lexicon

    return lexicon.known(text)


def candidates(text: str) -> list[str]:
    """The Chinese term candidates of one text (before counting), sorted: what mining may propose."""
    return sorted("".join(gram) for gram in _grams(text))


def c_values(
    counts: Counter[tuple[str, ...]], min_count: int, quiet: frozenset[tuple[str, ...]] = frozenset()
) -> dict[tuple[str, ...], float]:
    """C-value (Frantzi, Ananiadou and Mima 2000) of each n-gram counted at least ``min_count`` times.

    ``log2(words + 1) * (count - mean count of the longer candidates that contain it)``: the one
    added to the length lets a single long word (国务院) score too. The ``quiet`` n-grams take
    nothing from the shorter ones inside them (a term beginning with a verb leaves its rest whole).
    """
    kept = {g: n for g, n in counts.items() if n >= min_count}
    # Each longer candidate's count, seen by every shorter one inside it.
    nested: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for gram, n in kept.items():
        if gram in quiet:
            continue
        size = len(gram)
        for length in range(1, size):
            for start in range(size - length + 1):
                inner = gram[start : start + length]
                if inner in kept:
                    nested[inner].append(n)
    values: dict[tuple[str, ...], float] = {}
    for gram, n in kept.items():
        longer = nested.get(gram)
        if longer and max(longer) >= _FRAGMENT * n:
            continue  # 多样性 inside 生物多样性, 合作论坛 inside 中非合作论坛: a piece of a longer term
        # Length counts up to three words: past that a run is more often a repeated phrase than a term.
        weight = math.log2(min(len(gram), _LONGEST_WEIGHT) + 1)
        values[gram] = weight * (n - sum(longer) / len(longer)) if longer else weight * n
    return values


# --------------------------------------------------------------------------- the English side


def _english_words(text: str) -> list[tuple[str, str]]:
    """(key, as written) of each English word: the key is lower case and singular, so ecosystem and
    ecosystems are one rendering."""
    return [(_key(m.group(0)), m.group(0)) for m in _ENGLISH_WORD.finditer(text)]


def english_key(text: str) -> str:
    """``text`` as renderings are compared: words lower case and singular, spaced, padded with a space
    (" ecosystem service "), so that a rendering is in an English when its key is in the English's."""
    return " " + " ".join(_key(m.group(0)) for m in _ENGLISH_WORD.finditer(text)) + " "


_ACRONYM_PLURAL = lazyre.compile(r"[A-Z]{2,}s")  # TVs, ICIs, NGOs: the plural of TV, ICI, NGO


@cache
def _key(word: str) -> str:
    if _ACRONYM_PLURAL.fullmatch(word):
        return word[:-1].lower()
    key = word.lower().replace("’", "'").removesuffix("'s")
    if len(key) > 4 and key.endswith("ies"):
        return key[:-3] + "y"
    if len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is", "'s")):
        return key[:-1]
    return key


class _English:
    """The English of every pair, as words, with a word -> pairs index for counting n-grams lazily."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.words = [_english_words(t) for t in texts]
        self.keys = [" " + " ".join(k for k, _ in ws) + " " for ws in self.words]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, ws in enumerate(self.words):
            for key in {k for k, _ in ws}:
                self.postings[key].append(index)
        self._frequency: dict[tuple[str, ...], int] = {}
        self._grams: dict[int, set[tuple[str, ...]]] = {}

    def grams(self, index: int) -> set[tuple[str, ...]]:
        """The rendering n-grams of one pair's English (made once: a pair holds many terms)."""
        found = self._grams.get(index)
        if found is None:
            found = self._grams[index] = _english_grams(self.words[index])
        return found

    def frequency(self, gram: tuple[str, ...]) -> int:
        """How many pairs' English holds ``gram``."""
        found = self._frequency.get(gram)
        if found is None:
            rarest = min(gram, key=lambda w: len(self.postings.get(w, ())))
            phrase = " " + " ".join(gram) + " "
            keys = self.keys
            found = sum(1 for i in self.postings.get(rarest, ()) if phrase in keys[i])
            self._frequency[gram] = found
        return found

    def holds(self, index: int, gram: tuple[str, ...]) -> bool:
        return " " + " ".join(gram) + " " in self.keys[index]


def _english_grams(words: list[tuple[str, str]]) -> set[tuple[str, ...]]:
    keys = [k for k, _ in words]
    found: set[tuple[str, ...]] = set()
    for i, key in enumerate(keys):
        if key in _EDGE_STOP:
            continue
        for j in range(i, min(i + MAX_ENGLISH, len(keys))):
            if keys[j] not in _EDGE_STOP:
                found.add(tuple(keys[i : j + 1]))
    return found


def _surface(english: _English, indices: Iterable[int], gram: tuple[str, ...]) -> str:
    """``gram`` as the translations write it most often (State Council, not state council)."""
    size = len(gram)
    seen: Counter[str] = Counter()
    for index in indices:
        words = english.words[index]
        for start in range(len(words) - size + 1):
            if tuple(k for k, _ in words[start : start + size]) == gram:
                seen[" ".join(w for _, w in words[start : start + size])] += 1
    if not seen:
        return " ".join(gram)
    return max(seen.items(), key=lambda item: (item[1], item[0]))[0].replace("’", "'")


@cache
def _lexicon_stems(word: str) -> frozenset[str]:
    from aligner.bitext import lexicon

    return frozenset(lexicon.translations(word))


@cache
def _stem(word: str) -> str:
    from aligner.bitext import lexicon

    return lexicon.stem(word)


def support(cut: Sequence[str], english: str) -> float:
    """How well CC-CEDICT explains ``english`` as a translation of the term cut into ``cut`` (0-1)."""
    return _support(tuple(cut), tuple(_key(m.group(0)) for m in _ENGLISH_WORD.finditer(english)))


@lru_cache(maxsize=1 << 18)
def _support(zh_words: tuple[str, ...], gram: tuple[str, ...]) -> float:
    """How well CC-CEDICT explains ``gram`` as the term's English (0-1): the mean of the part of the
    term's words it translates and the part of its content words that translate one of them."""
    stems = [_stem(w) for w in gram if w not in _EDGE_STOP]
    if not stems:
        return 0.0
    known = [_lexicon_stems(w) for w in zh_words]
    every = frozenset().union(*known)
    zh_side = sum(1 for k in known if k.intersection(stems)) / len(known)
    en_side = sum(1 for s in stems if s in every) / len(stems)
    return (zh_side + en_side) / 2


# --------------------------------------------------------------------------- putting them together


def _rendering(
    english: _English, zh_words: tuple[str, ...], pairs: list[int]
) -> tuple[tuple[str, ...], float, list[int]] | None:
    """The English n-gram that goes with a term found in ``pairs``: (words, Dice, pairs holding it)."""
    total = len(pairs)
    counts: Counter[tuple[str, ...]] = Counter()
    for index in pairs:
        counts.update(english.grams(index))
    floor = max(2, math.ceil(0.2 * total))
    eligible = sorted(((g, n) for g, n in counts.items() if n >= floor), key=lambda item: (-item[1], item[0]))
    best: tuple[float, int, tuple[str, ...]] | None = None
    top = 1 + _LEXICON_WEIGHT
    for gram, together in eligible:
        # The most an n-gram seen this often can score (Dice with no other occurrence, full support):
        # the list is in falling counts, so once that is below the best, so is every one after it.
        if best is not None and top * 2 * together / (total + together) < best[0]:
            break
        value = 2 * together / (total + english.frequency(gram))
        key = (value * (1 + _LEXICON_WEIGHT * _support(zh_words, gram)), len(gram), gram)
        if best is None or key[:2] > best[:2] or (key[:2] == best[:2] and key[2] < best[2]):
            best = key
    if best is None:
        return None
    gram = best[2]
    # Widen while the wider n-gram keeps most of the co-occurrences (Belt -> Belt and Road Initiative).
    while True:
        # Words that CC-CEDICT does not give for the term must come with nearly every co-occurrence.
        wider = [
            g
            for g, _n in eligible
            if len(gram) < len(g) <= len(gram) + _WIDEN
            and _contains(g, gram)
            and counts[g] >= _KEEP * counts[gram]
            and (
                counts[g] >= _KEEP_UNKNOWN * counts[gram]
                or all(w in _EDGE_STOP or w in gram or _relevant(w, zh_words, set()) for w in g)
            )
        ]
        if not wider:
            break
        gram = max(wider, key=lambda g: (counts[g], len(g), g))
    holding = [i for i in pairs if english.holds(i, gram)]
    return gram, 2 * counts[gram] / (total + english.frequency(gram)), holding


def _relevant(word: str, zh_words: tuple[str, ...], main_words: set[str]) -> bool:
    """Whether an English word translates a word of the term (CC-CEDICT) or is in its main rendering."""
    if word in main_words:
        return True
    stem = _stem(word)
    return any(stem in _lexicon_stems(w) for w in zh_words)


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    size = len(inner)
    return any(outer[i : i + size] == inner for i in range(len(outer) - size + 1))


def _variants(
    english: _English, zh_words: tuple[str, ...], pairs: list[int], main: tuple[str, ...]
) -> list[tuple[tuple[str, ...], list[int]]]:
    """Other renderings in the pairs without the main one: each supported by CC-CEDICT or by two pairs."""
    left = [i for i in pairs if not english.holds(i, main)]
    found: list[tuple[tuple[str, ...], list[int]]] = []
    main_words = set(main)
    longest = max(len(main), len(zh_words)) + 2
    # A two-word term's variant translates both words (two sides, not "sides"); a longer one's, half.
    needed = 1.0 if len(zh_words) <= 2 else 0.5
    while left and len(found) < 3:
        counts: Counter[tuple[str, ...]] = Counter()
        for index in left:
            counts.update(english.grams(index))
        best: tuple[float, tuple[str, ...]] | None = None
        for gram, together in counts.items():
            if len(gram) > longest or (set(gram) <= main_words and len(gram) < len(main)):
                continue
            if not (_relevant(gram[0], zh_words, main_words) and _relevant(gram[-1], zh_words, main_words)):
                continue  # trimmed to what translates the term: "countries in Africa", not the sentence around it
            support = _support(zh_words, gram)
            if support < needed:
                continue
            if together < 2 and support < 1:
                continue
            value = 2 * together / (len(left) + english.frequency(gram)) * (1 + support)
            # Ties go to the longer, then the first in order: the same variant on every run.
            if best is None or (value, len(gram), best[1]) > (best[0], len(best[1]), gram):
                best = (value, gram)
        if best is None or best[0] < 0.1:
            break
        gram = best[1]
        holding = [i for i in left if english.holds(i, gram)]
        found.append((gram, holding))
        taken = set(holding)
        left = [i for i in left if i not in taken]
    return found


def _whole(
    gram: tuple[str, ...], found: list[int], pairs: Sequence[Pair], least: int
) -> tuple[tuple[str, ...], list[int]]:
    """``gram`` with the character that nearly always stands beside it, when one does: jieba cuts
    可持续发展 as 可 / 持续发展 and 新冠肺炎 as 新 / 冠肺炎, so the term is the longer string."""
    text = "".join(gram)
    for side in (-1, 1):
        beside: dict[str, list[int]] = defaultdict(list)
        for index in found:
            zh = pairs[index].zh
            at = zh.find(text)
            while at >= 0:
                where = at - 1 if side < 0 else at + len(text)
                outer = zh[where - 1 : where + 1] if side < 0 else zh[where : where + 2]
                # Not a character that makes a word with the one beyond it (维护, 实行: 护, 行 are not 可).
                if 0 <= where < len(zh) and (len(outer) < 2 or not chinese.frequency(outer)):
                    beside[zh[where]].append(index)
                at = zh.find(text, at + 1)
        if not beside:
            continue
        char, indices = max(beside.items(), key=lambda item: (len(set(item[1])), item[0]))
        held = sorted(set(indices))
        if len(held) < least or len(held) < _BESIDE * len(found) or not chinese.is_han(char):
            continue
        if chinese.is_function_word(char):
            continue
        gram = (char + gram[0], *gram[1:]) if side < 0 else (*gram[:-1], gram[-1] + char)
        text, found = "".join(gram), held
    return gram, found


def mine(pairs: Sequence[Pair], *, min_count: int = 2, top: int | None = 100) -> list[Candidate]:
    """Term candidates of ``pairs``, best first (``top``: how many; None for all)."""
    first: dict[tuple[str, str], Pair] = {}
    for pair in pairs:
        first.setdefault((pair.zh, pair.en), pair)  # a pair met twice (a catalog and its TMX) counts once
    unique = list(first.values())
    parts = [_parts(p.zh) for p in unique]
    counts: Counter[tuple[str, ...]] = Counter()
    verbal: Counter[tuple[str, ...]] = Counter()
    words: Counter[str] = Counter()
    for grams, verb_first, cut in parts:
        counts.update(grams)
        verbal.update(verb_first)
        words.update(cut)
    kept = _verb_terms(verbal, counts, words, max(min_count, 1))
    grams_of: list[set[tuple[str, ...]]] = [grams | (verb_first & kept) for grams, verb_first, _ in parts]
    for gram in kept:
        counts[gram] = verbal[gram]
    values = c_values(counts, max(min_count, 1), frozenset(kept))
    if not values:
        return []
    # Only the best by C-value are given an English: reading renderings is the costly part.
    wanted = len(values) if top is None else min(len(values), max(3 * top, 200))
    chosen = sorted(values, key=lambda g: (-values[g], g))[:wanted]
    where: dict[tuple[str, ...], list[int]] = {g: [] for g in chosen}
    for index, grams in enumerate(grams_of):
        for gram in grams:
            found = where.get(gram)
            if found is not None:
                found.append(index)
    english = _English([p.en for p in unique])
    candidates: list[Candidate] = []
    for cut in chosen:
        gram, pairs_of = _whole(cut, where[cut], unique, max(min_count, 2))
        sample = pairs_of if len(pairs_of) <= _SAMPLE else pairs_of[:: math.ceil(len(pairs_of) / _SAMPLE)]
        rendering = _rendering(english, gram, sample)
        if rendering is None:
            continue
        words, dice, holding = rendering
        if _CLAUSE.intersection(words):
            continue
        share = len(holding) / len(sample)
        variants = [
            Variant(_surface(english, found, g), round(len(found) * len(pairs_of) / len(sample)))
            for g, found in _variants(english, gram, sample, words)
        ]
        # A pair or two is thin evidence: a phrase repeated from a headline in its lead looks like a term.
        evidence = 1 - 1 / (len(pairs_of) + 1)
        score = values[cut] * dice * evidence * (1 + _LEXICON_WEIGHT * _support(gram, words))
        example = unique[holding[0]] if holding else unique[sample[0]]
        candidates.append(
            Candidate(
                "".join(gram),
                _surface(english, holding, words),
                len(pairs_of),
                round(score, 3),
                round(share, 3),
                tuple(variants),
                example,
                gram,
            )
        )
    candidates = _instructions_dropped(_distinct(candidates), kept)
    candidates.sort(key=lambda c: (-c.score, c.zh))
    return candidates if top is None else candidates[:top]


def _verb_terms(
    verbal: Counter[tuple[str, ...]], counts: Counter[tuple[str, ...]], words: Counter[str], least: int
) -> set[tuple[str, ...]]:
    """The n-grams beginning with a verb whose rest seldom stands without it: 注册消防工程师 (消防工程师
    nearly always registered), not 加强生物多样性保护 (生物多样性保护 mostly alone)."""
    kept: set[tuple[str, ...]] = set()
    for gram, n in verbal.items():
        if n < least:
            continue
        rest = gram[1:]
        alone = words[rest[0]] if len(rest) == 1 else counts.get(rest, 0)
        if alone and n >= _VERB_BOUND * alone:
            kept.add(gram)
    return kept


def _instructions_dropped(candidates: list[Candidate], verb_first: set[tuple[str, ...]]) -> list[Candidate]:
    """Without the n-grams beginning with a verb that the English leaves out: 实行区域自治 rendered
    "regional autonomy", as 区域自治 is, is an instruction about a term, not one."""
    english = {c.cut: english_key(c.en) for c in candidates}
    return [c for c in candidates if c.cut not in verb_first or english.get(c.cut[1:]) != english[c.cut]]


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per Chinese (two word cuts can spell the same characters): the better kept."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        kept = best.get(candidate.zh)
        if kept is None or candidate.score > kept.score:
            best[candidate.zh] = candidate
    return list(best.values())
