"""Read both sides, refuse what cannot be aligned, and align: the library behind ``aligner align``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from aligner import chinese, importers, lazyre, paths, source
from aligner.bitext import english, features, related, search
from aligner.bitext.units import Bead, Sentence
from aligner.errors import AlignmentError, SourceError
from aligner.model import Document, Kind, Segment
from aligner.records import Record

_LATIN = lazyre.compile(r"[A-Za-z]")
# Sides further apart than this are not translations of each other: English runs about three
# characters per Chinese character, so 0.5 or 20 means half a text is missing or another text.
MIN_RATIO, MAX_RATIO = 0.5, 20.0
_MIN_SENTENCES_FOR_COUNT_CHECK = 20
_MAX_COUNT_RATIO = 8.0
_MIN_BEADS_TO_LEARN = 100


@dataclass(frozen=True, repr=False, eq=False)
class Bitext(Record):
    """Both sides cut into sentences; ``document`` and ``segments`` describe the Chinese file."""

    zh: list[Sentence]
    en: list[Sentence]
    document: Document
    segments: list[Segment]
    en_path: str
    zh_path: str = ""  # as given on the command line (document.path is relative to the project)


def read(zh_path: str | Path, en_path: str | Path, *, presplit: bool = False, encoding: str | None = None) -> Bitext:
    """Both files decoded and cut: ZH with the project's segmenter, EN with pysbd (or by lines)."""
    from aligner import segcache
    from aligner import segment as segmenter
    from aligner.config import load_project

    # References name the source as the project does (seeds/doc.txt), like aligner segment.
    shown = paths.shown(Path(zh_path), load_project().root)  # never an absolute path

    def derive() -> tuple[Document, list[Segment]]:
        from aligner import structure

        # Text, HTML, Word or PDF, its blocks' roles filled in exactly as pipeline.load_document does:
        # both keep the cut under one key, so either may find the other's.
        document = structure.infer(importers.read(zh_path, encoding=encoding, display_path=shown))
        return document, [] if presplit else segmenter.segment(document)

    # The cut segment and render keep (the same key), read back instead of cut again.
    options = (shown, encoding, False) if not presplit else (shown, encoding, "lines")
    document, segments = segcache.load(Path(zh_path), options, derive)
    en_text = _read_text(en_path, encoding)
    # Splitting a large English side takes minutes: sides of unequal size are refused before.
    check_sizes(document.text, en_text, zh_path, en_path)
    if presplit:
        zh = english.presplit(document.text)
        segments = _line_segments(document, zh)
    else:
        zh = [Sentence(s.text, s.paragraph, s.sentence == 1, s.line) for s in segments]
    en = english.presplit(en_text) if presplit else english.cached_split(en_text)
    return Bitext(zh, en, document, segments, str(en_path), str(zh_path))


def _read_text(path: str | Path, encoding: str | None) -> str:
    p = Path(path)
    if not p.is_file():
        raise SourceError("no such file" if not p.exists() else "is a folder, not a text", path=p)
    raw = paths.read_bytes(p, what="English text", shown=str(p))
    text, _used = source.decode(raw, encoding=encoding, path=str(p))
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _line_segments(document: Document, sentences: list[Sentence]) -> list[Segment]:
    """Segments for one-sentence-per-line input, so the Chinese side renders like a cut document."""
    starts = [0]
    for k, char in enumerate(document.text):
        if char == "\n":
            starts.append(k + 1)
    segments = []
    counter: dict[int, int] = {}
    for sentence in sentences:
        begin = starts[sentence.line - 1] if sentence.line - 1 < len(starts) else 0
        offset = max(begin, document.text.find(sentence.text, begin))
        counter[sentence.paragraph] = counter.get(sentence.paragraph, 0) + 1
        segments.append(
            Segment(
                text=sentence.text,
                kind=Kind.BODY,
                line=sentence.line,
                end_line=sentence.line,
                start=offset,
                end=offset + len(sentence.text),
                paragraph=sentence.paragraph,
                sentence=counter[sentence.paragraph],
            )
        )
    return segments


def check_sizes(zh_text: str, en_text: str, zh_path: str | Path, en_path: str | Path) -> None:
    """Refuse sides whose sizes cannot be a text and its translation, on the raw texts."""
    zh_chars = features.lengths.zh_length(zh_text)
    en_chars = features.lengths.en_length(" ".join(en_text.split()))
    if not zh_chars or not en_chars:
        return  # an empty side gets its own message once cut
    ratio = en_chars / zh_chars
    if not MIN_RATIO <= ratio <= MAX_RATIO:
        raise AlignmentError(
            f"the sides differ too much in size ({zh_chars} Chinese characters, {en_chars} English characters)",
            path=en_path,
            hint="check that EN is the translation of the whole of ZH",
        )


def check(bitext: Bitext, zh_path: str | Path, en_path: str | Path) -> None:
    """Refuse inputs that cannot be aligned, with one line that says which side and why."""
    zh_text = "".join(s.text for s in bitext.zh)
    en_text = " ".join(s.text for s in bitext.en)
    if not zh_text.strip():
        raise AlignmentError("the Chinese side has no text", path=zh_path, hint="give the Chinese document as ZH")
    if not en_text.strip():
        raise AlignmentError("the English side has no text", path=en_path, hint="give the English version as EN")
    zh_han, zh_latin = len(chinese.HAN.findall(zh_text)), len(_LATIN.findall(zh_text))
    en_han, en_latin = len(chinese.HAN.findall(en_text)), len(_LATIN.findall(en_text))
    if zh_han < zh_latin:
        hint = "the files may be swapped: ZH comes first" if en_han > en_latin else "give the Chinese text as ZH"
        raise AlignmentError("ZH is not Chinese (more Latin letters than Han characters)", path=zh_path, hint=hint)
    if en_han > en_latin / 4:
        raise AlignmentError(
            "EN is not English (too many Han characters)", path=en_path, hint="give the English version as EN"
        )
    zh_chars = sum(features.lengths.zh_length(s.text) for s in bitext.zh)
    en_chars = sum(features.lengths.en_length(s.text) for s in bitext.en)
    ratio = en_chars / max(zh_chars, 1)
    n, m = len(bitext.zh), len(bitext.en)
    few, many = min(n, m), max(n, m)
    if not MIN_RATIO <= ratio <= MAX_RATIO or (
        many >= _MIN_SENTENCES_FOR_COUNT_CHECK and many > _MAX_COUNT_RATIO * few
    ):
        raise AlignmentError(
            f"the sides differ too much in size ({zh_chars} Chinese characters in {n} segments, "
            f"{en_chars} English characters in {m} sentences)",
            path=en_path,
            hint="check that EN is the translation of the whole of ZH",
        )


def check_related(bitext: Bitext, beads: list[Bead], en_path: str | Path) -> None:
    """Refuse an alignment that pairs too little of either side: EN translates another text."""
    verdict = related.judge(beads, len(bitext.zh), len(bitext.en))
    if verdict.unrelated:
        raise AlignmentError(
            f"EN does not read as a translation of ZH ({verdict.describe()})",
            path=en_path,
            hint="check that the files belong together, or give --force to align them anyway",
        )


def align(bitext: Bitext, params: search.Params | None = None) -> list[Bead]:
    """Beads over both sides, in order, each with a confidence."""
    return align_sentences(bitext.zh, bitext.en, params)


def align_sentences(zh: list[Sentence], en: list[Sentence], params: search.Params | None = None) -> list[Bead]:
    """Align two lists of sentences: a first pass on the dictionary, then, with ``second_pass``,
    a second one that adds the word pairs the first pass keeps finding together."""
    params = params or search.Params()
    tok = features.tokens(zh, en)
    zh_side, en_side = features.vectors(tok)
    zh_emb = en_emb = None
    if params.embed:
        from aligner.bitext import embed

        zh_emb = embed.encode([s.text for s in zh])
        en_emb = embed.encode([s.text for s in en])
        zh_side = replace(zh_side, embeddings=zh_emb)
        en_side = replace(en_side, embeddings=en_emb)
    limits = search.band(zh_side, en_side, params)
    beads = search.align(zh_side, en_side, params, limits)
    if not params.second_pass:
        return beads
    sure = [(b.zh, b.en) for b in beads if b.zh and b.en and b.confidence >= params.threshold]
    if len(sure) < _MIN_BEADS_TO_LEARN:
        return beads  # too few pairs to tell a real word pair from a chance meeting
    learned = features.learn(tok, sure)
    if not learned:
        return beads
    zh_side, en_side = features.vectors(tok, learned)
    zh_side = replace(zh_side, embeddings=zh_emb)
    en_side = replace(en_side, embeddings=en_emb)
    return search.align(zh_side, en_side, params, limits)
