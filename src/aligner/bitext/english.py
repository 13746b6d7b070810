"""English sentences: pysbd's rules for formal prose (abbreviations, decimals, "No. 5", quotes)."""

from __future__ import annotations

from functools import cache

from aligner import lazyre
from aligner.bitext.units import Sentence

# A line ending like this ends its paragraph. One that does not was hard-wrapped and continues on
# the next line when that starts in lowercase or the line is long (a short one is a heading).
_LINE_END = lazyre.compile(r"[.!?:;\"”’)\]]\s*$")
_WRAP_MIN = 60
# pysbd cuts "II. Increasing the Efficiency" after "II."; a bare list marker belongs to what follows.
_MARKER = lazyre.compile(r"^(?:[IVXLC]+|\d{1,3}|[A-Za-z]|No|Art|Ch)\.$")


# pysbd keeps a quotation of several sentences whole; the Chinese segmenter cuts inside quotes
# (他说：“……。” / “……。”), so quotes are masked for pysbd and the spans read from the text.
_QUOTES = str.maketrans({c: " " for c in '“”"‘’'})
_CONTINUES = lazyre.compile(r"^[a-z]")
_SPOKEN_END = lazyre.compile(r"(?:[?!…—-]|[.,?!…—-][”\"’])$")
_APOSTROPHE = lazyre.compile(r"(?<=\w)’(?=\w)")


@cache
def _segmenter() -> object:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences_of(paragraph: str) -> list[str]:
    """The sentences of one paragraph, also split inside quotations."""
    masked = _APOSTROPHE.sub("'", paragraph).translate(_QUOTES)
    spans = _segmenter().segment(masked)  # type: ignore[attr-defined]
    # Cut at the sentence starts only, so every character lands in some sentence; an opening
    # quote that was masked right before a start belongs to the sentence it opens.
    starts = [0]
    for span in spans[1:]:
        begin = max(span.start, starts[-1])
        while begin > starts[-1] and _opens_quote(paragraph, begin - 1):
            begin -= 1
        starts.append(begin)
    bounds = [*starts[1:], len(paragraph)]
    pieces = [paragraph[a:b].strip() for a, b in zip(starts, bounds, strict=True)]
    return _join_speech([p for p in pieces if p])


def _join_speech(pieces: list[str]) -> list[str]:
    """“Come here.” he said. is one sentence: a piece that starts in lowercase after a quotation
    or an exclamation (the speech verb, "and ran") continues it, as the Chinese 他说 does."""
    joined: list[str] = []
    for piece in pieces:
        if joined and _CONTINUES.match(piece) and _SPOKEN_END.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


def _opens_quote(text: str, k: int) -> bool:
    if text[k] in "“‘":
        return True
    return text[k] == '"' and (k == 0 or text[k - 1].isspace())


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(1-based line, text) of each paragraph: one per line (ended by \\n only, as every reader counts
    lines), hard-wrapped lines joined back."""
    result: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = " ".join(raw.split())
        if not line:
            if current:
                result.append((start, " ".join(current)))
                current = []
            continue
        wrapped = (
            not _LINE_END.search(current[-1]) and (line[0].islower() or len(current[-1]) >= _WRAP_MIN)
            if current
            else False
        )
        if current and not wrapped:
            result.append((start, " ".join(current)))
            current = []
        if not current:
            start = number
        current.append(line)
    if current:
        result.append((start, " ".join(current)))
    return result


def split(text: str) -> list[Sentence]:
    """Sentences of an English text, paragraph by paragraph."""
    sentences: list[Sentence] = []
    for number, (line, paragraph) in enumerate(paragraphs(text), start=1):
        pieces = _join_markers(sentences_of(paragraph))
        for k, piece in enumerate(pieces):
            sentences.append(Sentence(piece, number, k == 0, line))
    return sentences


def cached_split(text: str) -> list[Sentence]:
    """``split(text)``, kept under ``.aligner/english/`` by the hash of the text and of the code:
    pySBD compiles some 500 patterns per process, most of an aligned pair's start."""
    import json

    from aligner import cache as caches

    if not caches.enabled():
        return split(text)
    key = caches.digest(text.encode("utf-8") + b"\0" + caches.code_digest().encode("ascii"))

    def derive() -> bytes:
        rows = [[s.text, s.paragraph, s.first, s.line, s.heading] for s in split(text)]
        return json.dumps(rows, ensure_ascii=False).encode("utf-8")

    def read(data: bytes) -> list[Sentence]:
        return [Sentence(str(t), int(p), bool(f), int(n), str(h)) for t, p, f, n, h in json.loads(data.decode("utf-8"))]

    return caches.cached("english", key, ".json", derive, read)


def presplit(text: str) -> list[Sentence]:
    """One sentence per non-empty line; a blank line starts a new paragraph."""
    sentences: list[Sentence] = []
    paragraph, first = 1, True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            if not first:
                paragraph += 1
                first = True
            continue
        sentences.append(Sentence(line, paragraph, first, number))
        first = False
    return sentences


def _join_markers(pieces: list[str]) -> list[str]:
    joined: list[str] = []
    for piece in pieces:
        if joined and _MARKER.match(joined[-1]):
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined
