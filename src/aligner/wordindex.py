"""jieba's precise-mode word cut (``HMM=False``) on a compact index of its dictionary.

jieba keeps its 349,046-word dictionary as a Python dict of every word and every prefix; building
or unpickling it costs about a second at every start, while a line join or a glossary word boundary
needs a handful of lookups. This module reads the same ``dict.txt`` once into a marisa-trie (words)
and an array of their frequencies, cached under ``.aligner/`` by the dictionary's content hash, and
cuts exactly as ``jieba.Tokenizer.cut(text, HMM=False)`` does, ``add_word`` included (same DAG,
same route arithmetic, same tie-breaking), so the words are byte-identical to jieba's.
"""

from __future__ import annotations

import array
import importlib.util
import json
import mmap
import re
from collections.abc import Iterator, Sequence
from functools import cache
from math import log
from pathlib import Path

from aligner import lazyre

# jieba 0.42's own patterns (jieba/__init__.py): what a block is, what is skipped, what glues.
_RE_HAN = lazyre.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
_RE_SKIP = lazyre.compile("(\r\n|\\s)", re.U)
_RE_ENG = lazyre.compile("[a-zA-Z0-9]", re.U)
# The version is in the header: an index of an older layout is not read but rebuilt.
_HEADER = b"aligner-wordindex 2\n"
# jieba's part-of-speech tags of function words: localizers, prepositions, conjunctions, particles,
# pronouns, adverbs, numerals, measure words, modal particles, interjections, onomatopoeia.
_FUNCTION_TAGS = ("f", "p", "c", "u", "r", "d", "m", "q", "y", "e", "o")


def dictionary_path() -> Path:
    """jieba's bundled dictionary, found without importing jieba (its import alone costs 0.1 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


def parse(data: bytes) -> tuple[dict[str, int], int, str]:
    """Counts, their total (as jieba sums them) and the one-character function words of a dictionary."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        fields = line.decode("utf-8").split(" ")
        word, value = fields[:2]
        try:
            count = int(value)
        except ValueError as exc:
            raise ValueError(f"invalid dictionary entry at line {number}: {line!r}") from exc
        freq[word] = count
        total += count  # jieba adds every line, a repeated word too
        if len(word) == 1 and len(fields) > 2:
            tags[word] = fields[2]
    function = "".join(sorted(c for c, tag in tags.items() if tag.startswith(_FUNCTION_TAGS)))
    return freq, total, function


def build(data: bytes) -> bytes:
    """The index file of a jieba dictionary's bytes: header, metadata, frequencies, trie.

    The frequencies and the trie start at multiples of 8, so that ``read`` can use them in place
    in a memory-mapped file: a start touches the few pages a cut needs, not the 4 MB of the index.
    """
    import marisa_trie

    freq, total, function = parse(data)
    trie = marisa_trie.Trie(freq)
    counts = array.array("Q", bytes(8 * len(trie)))
    for word, key in trie.iteritems():
        counts[key] = freq[word]
    trie_bytes = trie.tobytes()
    meta = json.dumps(
        {
            "total": total,
            "longest": max(map(len, freq)),
            "words": len(trie),
            "trie": len(trie_bytes),
            "function": function,
        },
        ensure_ascii=False,
    ).encode()
    head = _HEADER + meta + b"\n"
    head += b"\0" * (-len(head) % 8)
    return head + counts.tobytes() + trie_bytes


def read(data: bytes | mmap.mmap | memoryview) -> WordIndex:
    """The index in ``data`` (bytes, or a read-only map of the cache file), used in place, not copied."""
    import marisa_trie

    view = memoryview(data)
    if bytes(view[: len(_HEADER)]) != _HEADER:
        raise ValueError("not a word index")
    end = _newline(view, len(_HEADER))
    meta = json.loads(bytes(view[len(_HEADER) : end]))
    start = end + 1 + (-(end + 1) % 8)
    trie_start = start + 8 * meta["words"]
    if len(view) != trie_start + meta["trie"]:
        raise ValueError("damaged word index")  # cut off or grown: never hand marisa a wrong buffer
    counts = view[start:trie_start].cast("Q")
    trie = marisa_trie.Trie().map(view[trie_start:])
    if len(counts) != len(trie):
        raise ValueError("damaged word index")
    return WordIndex(trie, counts, meta["total"], meta["longest"], frozenset(meta["function"]))


def _newline(view: memoryview, start: int) -> int:
    """The offset of the first newline at or after ``start`` (a map's payload has no ``find``)."""
    step = 1 << 16
    for offset in range(start, len(view), step):
        found = bytes(view[offset : offset + step]).find(b"\n")
        if found >= 0:
            return offset + found
    raise ValueError("damaged word index")


class WordIndex:
    """One tokenizer: the dictionary's words plus the words taught to it (jieba's ``add_word``)."""

    def __init__(
        self,
        trie: object,
        counts: Sequence[int],
        total: int,
        longest: int,
        function: frozenset[str] = frozenset(),
    ) -> None:
        self.trie = trie
        self.function = function  # one-character function words (的, 上, 以 ...)
        self.counts = counts
        self.total = total
        self.longest = longest
        self.taught: dict[str, int] = {}
        self.taught_prefixes: set[str] = set()
        self.taught_longest = 0

    def copy(self) -> WordIndex:
        other = WordIndex(self.trie, self.counts, self.total, self.longest, self.function)
        other.taught = dict(self.taught)
        other.taught_prefixes = set(self.taught_prefixes)
        other.taught_longest = self.taught_longest
        return other

    def get(self, word: str, default: int | None = None) -> int | None:
        """``jieba.Tokenizer.FREQ.get(word, default)``: a word's count, 0 for a mere prefix of one."""
        found = self.taught.get(word)
        if found is not None:
            return found
        key = self.trie.get(word)  # type: ignore[attr-defined]
        if key is not None:
            return self.counts[key]
        if word in self.taught_prefixes or next(self.trie.iterkeys(word), None) is not None:  # type: ignore[attr-defined]
            return 0
        return default

    def _dag(self, sentence: str) -> list[list[tuple[int, int]]]:
        """For each start, (end index, count) of every word starting there (jieba's DAG with counts)."""
        trie, counts, taught = self.trie, self.counts, self.taught
        longest, taught_longest = self.longest, self.taught_longest
        dag = []
        n = len(sentence)
        for k in range(n):
            ends: dict[int, int] = {}
            for word, key in trie.iter_prefixes_with_ids(sentence[k : k + longest]):  # type: ignore[attr-defined]
                count = counts[key]
                if count:
                    ends[k + len(word) - 1] = count
            if taught:
                for size in range(1, min(taught_longest, n - k) + 1):
                    count = taught.get(sentence[k : k + size])
                    if count:  # a taught word's count replaces the dictionary's (always >= 1)
                        ends[k + size - 1] = count
            dag.append(sorted(ends.items()) if ends else [(k, 0)])
        return dag

    def _cut_block(self, sentence: str) -> Iterator[str]:
        dag = self._dag(sentence)
        n = len(sentence)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        route[n] = (0, 0)  # type: ignore[assignment]
        logtotal = log(self.total)
        for idx in range(n - 1, -1, -1):
            route[idx] = max((log(count or 1) - logtotal + route[x + 1][0], x) for x, count in dag[idx])
        x = 0
        buf = ""
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if len(word) == 1 and _RE_ENG.match(word):
                buf += word
            else:
                if buf:
                    yield buf
                    buf = ""
                yield word
            x = y
        if buf:
            yield buf

    def cut(self, sentence: str) -> Iterator[str]:
        """``jieba.Tokenizer.cut(sentence, HMM=False)``."""
        for block in _RE_HAN.split(sentence):
            if not block:
                continue
            if _RE_HAN.match(block):
                yield from self._cut_block(block)
            else:
                for piece in _RE_SKIP.split(block):
                    if _RE_SKIP.match(piece):
                        yield piece
                    else:
                        yield from piece

    def add_word(self, word: str) -> None:
        """``jieba.Tokenizer.add_word(word, freq=None)``: a count that makes the word cut whole."""
        ftotal = float(self.total)
        freq: float = 1
        for seg in self.cut(word):
            freq *= self.get(seg, 1) / ftotal  # type: ignore[operator]
        count = max(int(freq * self.total) + 1, self.get(word, 1))  # type: ignore[type-var]
        self.taught[word] = count
        self.total += count
        self.taught_longest = max(self.taught_longest, len(word))
        for end in range(1, len(word)):
            self.taught_prefixes.add(word[:end])


@cache
def dictionary_key() -> str:
    """The digest of jieba's dictionary, the key of what is derived from it."""
    from aligner import cache as caches

    return caches.stamped_digest(dictionary_path())


@cache
def function_words() -> frozenset[str]:
    """One-character function words of jieba's dictionary, read from the file itself (no cache)."""
    return frozenset(parse(dictionary_path().read_bytes())[2])


@cache
def default() -> WordIndex:
    """The index of jieba's dictionary, built on first use and then read from the cache."""
    from aligner import cache as caches

    return caches.cached(
        "words", dictionary_key(), ".idx", lambda: build(dictionary_path().read_bytes()), read, mapped=True
    )


@cache
def taught(terms: tuple[str, ...]) -> WordIndex:
    """A tokenizer taught ``terms`` in order, as jieba's ``add_word`` would; cached by the terms' hash."""
    from aligner import cache as caches

    base = default()
    key = caches.digest(dictionary_key().encode() + b"\0" + "\n".join(terms).encode("utf-8"))

    def build_taught() -> bytes:
        index = base.copy()
        for term in terms:
            index.add_word(term)
        return json.dumps({"total": index.total, "taught": index.taught}, ensure_ascii=False).encode("utf-8")

    def read_taught(raw: bytes) -> WordIndex:
        data = json.loads(raw.decode("utf-8"))
        index = base.copy()
        index.total = int(data["total"])
        index.taught = {str(k): int(v) for k, v in data["taught"].items()}
        for word in index.taught:
            index.taught_longest = max(index.taught_longest, len(word))
            for end in range(1, len(word)):
                index.taught_prefixes.add(word[:end])
        return index

    return caches.cached("taught", key, ".json", build_taught, read_taught)
