"""Read a source document: bytes to text (UTF-8, BOM, GB18030), lines to paragraphs.

A paragraph is a line that stands on its own, or several lines joined where a break fell inside
a sentence or a title: a title set on two lines, a hard-wrapped sentence, a paragraph broken by a
stray blank line in the middle of a word (``…加快促进成渝地`` / blank / ``区科技创新…``).
"""

from __future__ import annotations

import codecs
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from aligner import chinese, lazyre, paths, structure
from aligner.errors import SourceError
from aligner.model import Document, Paragraph, Piece
from aligner.records import Record

_CLOSING_END = chinese.TERMINATORS + chinese.ELLIPSIS + "：:；;"
_CONTINUES = "，、,（(“‘《〈【—-/"
_NEVER_OPENS = "，、；：。！？》〉）」』"  # a line that starts with one was broken off the line before it
_TITLE_MAX = 40
_CLAUSE_MARKS = "，,；;"  # a title or signature line is short; body lines are not
_DATED_NOTE = lazyre.compile(r"^[（(](?:\d{4}|[〇○零一二三四五六七八九]{4})年")
_COLUMNS = lazyre.compile(r"\S[ \u3000]{2,}\S")


def read(path: str | Path, *, encoding: str | None = None, display_path: str | None = None) -> Document:
    """Decode ``path`` and build its paragraphs. Errors name the file (and byte offset)."""
    shown = display_path or str(path)
    raw = read_bytes(Path(path), shown)
    text, used = decode(raw, encoding=encoding, path=shown)
    return parse(text, doc_id=Path(path).stem, path=shown, encoding=used)


def read_bytes(path: Path, shown: str, *, hint: str = "give a text file or a folder of them") -> bytes:
    """The bytes of a source document, read once through ``paths`` (a regular file, capped); a
    missing file or a folder is one line naming ``shown``."""
    if not path.exists():
        raise SourceError("no such file", path=shown, hint=hint)
    if path.is_dir():
        raise SourceError("is a folder, not a document", path=shown)
    return paths.read_bytes(path, what="source", shown=shown)


def decode(raw: bytes, *, encoding: str | None = None, path: str = "<bytes>") -> tuple[str, str]:
    """Text and the encoding used. UTF-8 (with or without BOM) first, then GB18030 when UTF-8 fails.

    UTF-16 is read with its byte-order mark, or without one when the NUL bytes fall in every other
    place as UTF-16 puts them; ``encoding`` must name a text encoding (not rot13, base64, zlib...)."""
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        return _decode(raw, "utf-16", path), "utf-16"
    if encoding:
        codec = text_codec(encoding, path)
        if _looks_binary(raw) and not codec.startswith(("utf-16", "utf-32")):
            raise SourceError("binary file, not a text document", path=path, hint="give plain text (UTF-8 or GB18030)")
        return _decode(raw, codec, path), encoding
    bare = utf16_without_bom(raw)
    if bare is not None:
        return _decode(raw, bare, path), bare
    if _looks_binary(raw):
        raise SourceError("binary file, not a text document", path=path, hint="give plain text (UTF-8 or GB18030)")
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(raw, "utf-8-sig", path), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if mostly_utf8(raw):
            # A few stray bytes in UTF-8 text: read as GB18030 it would be mojibake that looks Chinese.
            raise _undecodable(raw, utf8_error, "utf-8", path) from None
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise _undecodable(raw, utf8_error, "utf-8", path) from None
        # GB18030 decodes many byte strings; accept it only when the result reads as Chinese.
        non_ascii = [c for c in text if ord(c) > 127]
        if (
            non_ascii
            and sum(1 for c in non_ascii if chinese.is_han(c) or c in "，。、；：？！“”‘’（）《》【】—…　")
            / len(non_ascii)
            >= 0.8
        ):
            return text, "gb18030"
        raise _undecodable(raw, utf8_error, "utf-8", path) from None


# Codecs that decode bytes to str but are not how a document's characters are stored.
_NOT_DOCUMENT_CODECS = {"idna", "punycode", "unicode_escape", "raw_unicode_escape", "undefined"}


def text_codec(name: str, path: str = "<bytes>") -> str:
    """The codec of an encoding name a user or a page gives: a text encoding, else one line.

    ``codecs.lookup`` also knows bytes-to-bytes and str-to-str codecs (base64, zlib, hex, rot13),
    which cannot decode a document; decoding an empty string tells them apart."""
    hint = "give a text encoding such as utf-8 or gb18030"
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        raise SourceError(f"unknown encoding {name!r}", path=path, hint=hint) from None
    try:
        b"ab".decode(info.name)  # (an empty string would pass any codec)
    except UnicodeError:
        pass  # a text encoding that cannot read these two bytes (utf-32)
    except LookupError:
        raise SourceError(f"{name!r} is not a text encoding", path=path, hint=hint) from None
    if info.name in _NOT_DOCUMENT_CODECS:
        raise SourceError(f"{name!r} is not a text encoding", path=path, hint=hint)
    return info.name


def utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``raw`` is UTF-16 without a byte-order mark, else None.

    Its ASCII characters put a NUL byte on one side of each pair (odd places for little-endian);
    the text read in that order must be Chinese, ASCII and white space, nothing else."""
    head = raw[:4096]
    if len(head) < 8 or len(raw) % 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    name = "utf-16-le" if odd > 3 * even else "utf-16-be" if even > 3 * odd else None
    if name is None:
        return None
    try:
        text = raw.decode(name)
    except UnicodeDecodeError:
        return None
    sample = text[:4096]
    plausible = sum(
        1
        for c in sample
        if chinese.is_han(c)
        or " " <= c <= "~"
        or c in "\t\n\r\u3000"
        or "\u3000" <= c <= "\u303f"
        or "\uff00" <= c <= "\uffef"
    )
    return name if plausible >= 0.9 * len(sample) else None


def mostly_utf8(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-8 text with a few stray bytes: many well-formed multi-byte characters,
    few bytes that fit none. GB18030 bytes read as UTF-8 fail almost everywhere."""
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    good = sum(1 for c in text if ord(c) > 127) - text.count("\ufffd")
    return good >= 8 and bad <= max(2, good // 50)


def _decode(raw: bytes, encoding: str, path: str) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _undecodable(raw, exc, encoding, path) from None
    except (UnicodeError, LookupError) as exc:
        hint = "give --encoding utf-8 or gb18030"
        raise SourceError(f"cannot decode as {encoding}: {exc}", path=path, hint=hint) from None
    return text.lstrip("\ufeff")


def _undecodable(raw: bytes, error: UnicodeDecodeError, encoding: str, path: str) -> SourceError:
    line = raw.count(b"\n", 0, error.start) + 1
    return SourceError(
        f"undecodable bytes at byte offset {error.start} (not valid {encoding})",
        path=path,
        line=line,
        hint="give --encoding (e.g. gb18030) or convert the file to UTF-8",
    )


def _looks_binary(raw: bytes) -> bool:
    if b"\x00" in raw:  # anywhere: text never holds NUL, and a PDF or archive may show it late
        return True
    head = raw[:8192]
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


# --------------------------------------------------------------------------- paragraphs


@dataclass(frozen=True, repr=False, eq=False)
class _Line(Record):
    number: int
    start: int  # offset of the trimmed text in the document
    text: str  # trimmed
    indent: int


def parse(text: str, *, doc_id: str, path: str, encoding: str = "utf-8") -> Document:
    """A ``Document`` from decoded text: line ends normalised, paragraphs joined."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = _lines(text)
    wrap = _wrap_width(lines)
    groups: list[list[_Line]] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and groups:
            gap = line.number - previous.number - 1
            if should_join(groups[-1], line, gap, wrap):
                groups[-1].append(line)
                previous = line
                continue
        groups.append([line])
        previous = line
    paragraphs = tuple(_paragraph(i, group) for i, group in enumerate(groups, start=1))
    return Document(doc_id=doc_id, path=path, text=text, encoding=encoding, paragraphs=paragraphs)


def _lines(text: str) -> list[_Line]:
    result = []
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip(chinese.SPACE_CHARS)
        if stripped:
            lead = len(raw) - len(raw.lstrip(chinese.SPACE_CHARS))
            result.append(_Line(number, offset + lead, stripped, lead))
        offset += len(raw) + 1
    return result


def _wrap_width(lines: list[_Line]) -> int | None:
    """The width of a hard-wrapped text: many unpunctuated lines of one length. None when not wrapped."""
    lengths = Counter(len(line.text) for line in lines if len(line.text) >= 20 and line.text[-1] not in _CLOSING_END)
    if not lengths:
        return None
    width, count = max(lengths.items(), key=lambda item: (item[1], item[0]))
    around = count + lengths.get(width - 1, 0) + lengths.get(width + 1, 0)
    return width if around >= 3 else None


def _stands_alone(text: str) -> bool:
    """Lines that are complete by their form: headings, dates, numbers, metadata, labels, notes."""
    return bool(
        chinese.HEADING_MARK.match(text)
        or chinese.ARTICLE_MARK.match(text)
        or chinese.DATE_LINE.match(text)
        or chinese.DOC_NUMBER.match(text)
        or chinese.METADATA_LINE.match(text)
        or chinese.NOTE_LINE.match(text)
        or chinese.ATTACHMENT_LABEL.match(text)
        or chinese.BOILERPLATE.match(text)
        or structure.stands_alone(text)
    )


def _ends_complete(text: str) -> bool:
    stripped = text.rstrip(chinese.CLOSERS + "\"'")
    return bool(stripped) and stripped[-1] in _CLOSING_END


def _strong_continuation(a: str, b: str) -> bool:
    """Evidence that the break after ``a`` fell inside a sentence or a word."""
    if a[-1] in _CONTINUES:
        return True
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return True  # a Latin phrase broken over lines: "Shanghai Stock" / "Exchange"
    if a.endswith(chinese.DANGLING_WORDS) and not a.endswith(("通过", "的")):
        # "通过" also ends "…会议通过" (adopted at …); "的" alone is too weak at a line end.
        return True
    if a.endswith(("的", "之")) and chinese.is_han(b[0]):
        return True
    return chinese.spans_boundary(a, b)


def _closed_note(group: list[_Line]) -> bool:
    """A bracketed block run over lines (（1982年……通过 / 根据……修正）) that its last line closes: the
    block is whole, and what follows (序　言) is not part of it."""
    text = "".join(line.text for line in group)
    if text[0] not in "（(" or text[-1] not in "）)":
        return False
    return text.count("（") + text.count("(") == text.count("）") + text.count(")")


def should_join(group: list[_Line], line: _Line, gap: int, wrap: int | None) -> bool:
    """Whether ``line`` continues the paragraph ``group`` (``gap`` blank lines lie between them)."""
    a, b = group[-1].text, line.text
    if b[0] in _NEVER_OPENS or a.count("《") > a.count("》"):
        return True  # a line broken inside a book title or before its punctuation: 三、关于《 / ……》的说明
    if _ends_complete(a) or _stands_alone(a) or _stands_alone(b):
        return False
    if chinese.LIST_MARK.match(b):
        return False
    if chinese.LIST_MARK.match(group[0].text) and a[-1] not in _CONTINUES:
        return False
    if _closed_note(group):
        return False
    strong = _strong_continuation(a, b)
    if gap > 0:
        return strong
    if strong:
        return True
    # A dated note under a title (（二○○四年六月十六日……通过）) opens a block of its own.
    if _DATED_NOTE.match(b) and a.count("（") + a.count("(") <= a.count("）") + a.count(")"):
        return False
    # Titles and names set on two or three lines: short, unpunctuated, nothing closes them; not
    # the lines of a list set in columns (丁向阳　　国务院副秘书长).
    if len(a) <= _TITLE_MAX and len(b) <= _TITLE_MAX and not _ends_complete(b) and len(group) < 3:
        if _COLUMNS.search(a) or _COLUMNS.search(b):
            return False
        return line.indent == group[-1].indent or abs(line.indent - group[-1].indent) <= 2
    # A line that has begun a sentence (a clause already closed by a comma) or runs longer than any
    # title, yet ends without punctuation, was broken mid-sentence: hard-wrapped body text.
    if len(a) > _TITLE_MAX or any(mark in a for mark in _CLAUSE_MARKS):
        return True
    # A hard-wrapped text: the line was cut at the wrap width.
    return wrap is not None and len(a) >= wrap - 1


def _paragraph(number: int, group: list[_Line]) -> Paragraph:
    pieces = tuple(
        Piece(text=g.text, line=g.number, start=g.start, end=g.start + len(g.text), indent=g.indent) for g in group
    )
    if len(pieces) == 1:
        return Paragraph(number=number, pieces=pieces, text=pieces[0].text, starts=((0, pieces[0].start),))
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    length = 0
    for index, piece in enumerate(pieces):
        if index and _needs_space(parts[-1][-1], piece.text[0]):
            # Latin words broken over lines keep one space; Chinese is joined with nothing.
            starts.append((length, piece.start - 1))
            parts.append(" ")
            length += 1
        starts.append((length, piece.start))
        parts.append(piece.text)
        length += len(piece.text)
    return Paragraph(number=number, pieces=pieces, text="".join(parts), starts=tuple(starts))


def _needs_space(left: str, right: str) -> bool:
    return ((left.isascii() and left.isalnum()) or left in ",;:.!?)") and right.isascii() and right.isalnum()
