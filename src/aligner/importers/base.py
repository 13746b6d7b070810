"""What every importer shares: the lines it extracts, how they become a Document, the language guard.

An importer turns a file into ``Line`` objects: the text a reader sees, one block (paragraph,
heading, table row, metadata field) per line. Lines that ``flow`` are paragraphs of running text;
the plain-text reader (``source.parse``) joins them where a break fell inside a sentence or a title,
exactly as it would in a ``.txt`` file, so an imported document cuts into the same segments as its
text version. Lines that do not flow (table rows, metadata fields) always stand alone.
"""

from __future__ import annotations

import bisect
import dataclasses
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aligner import chinese, lazyre, source
from aligner.errors import SourceError
from aligner.model import Cell, Document, Paragraph, Piece, Role
from aligner.records import Record


@dataclass(frozen=True, repr=False, eq=False)
class Line(Record):
    """One line of extracted text. ``text`` keeps a leading full-width indent; it holds no newline."""

    text: str
    flow: bool = True  # running text: may be joined with its neighbours as in a text file
    gap: bool = False  # a blank line goes before it in the extracted text (a new section)
    # What the format showed (an <h2>, a <td>, a Word heading style); None leaves it to the text rules.
    # A line with a role is a block of its own: it never joins its neighbours.
    role: Role | None = None
    level: int = 0  # a heading's level (1 the top)
    cell: Cell | None = None
    # Starts a paragraph of its own though it flows (a Word paragraph): the text rules may join the
    # lines that follow it, never it to the lines before.
    new: bool = False


_WHITE = lazyre.compile(r"[ \t\r\f\v\u00a0\u2002-\u200b\u202f\u205f\ufeff]+")


# Control characters no document shows (C0 but tab and line ends, DEL, C1): a page's &#27; or
# &#x9b;, a Word run's stray byte. Kept, they would reach catalogs and terminals raw.
_CONTROLS = lazyre.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


_LINE_BREAKS = str.maketrans("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", "          ")


_CELL_BREAK_MARKS = "，。；：！？、,.;:!?）)》」』”’】〕"


def cell_text(paragraphs: Sequence[Sequence[str]]) -> str:
    """The paragraphs of one table cell, each given as its lines (``<br>``), as the one unit it is.

    The lines of a paragraph run together (a break inside a name, 上海 / 证券交易所, is a wrap);
    Latin words keep a space between them. Paragraphs are never wrapped lines: one that closes on
    punctuation runs on into the next, but two that meet without punctuation (two organs,
    省发展改革委 / 省生态环境厅, one paragraph each) keep a full-width space, as a Chinese page sets
    names side by side, so they are not read as one name."""
    text = ""
    for lines in paragraphs:
        for number, raw in enumerate(lines):
            part = raw.strip(chinese.SPACE_CHARS)
            if not part:
                continue
            last, first = text[-1:], part[:1]
            if last.isascii() and last.isalnum() and first.isascii() and first.isalnum():
                text += " "
            elif number == 0 and last not in _CELL_BREAK_MARKS and chinese.is_han(last) and chinese.is_han(first):
                text += "\u3000"
            text += part
    return text


def strip_controls(text: str) -> str:
    """``text`` without control characters (white space controls stay for ``clean`` to fold)."""
    return _CONTROLS.sub("", text)


def clean(text: str) -> str:
    """One line's text: runs of white space as one space, none at the ends but a full-width indent."""
    text = _WHITE.sub(" ", strip_controls(text).replace("\n", " "))
    lead = len(text) - len(text.lstrip(" \u3000"))
    indent = text[:lead].replace(" ", "")
    return indent + text.strip(" \u3000") if text.strip(" \u3000") else ""


def assemble(
    lines: Sequence[Line], *, doc_id: str, path: str, encoding: str, metadata: Mapping[str, str] | None = None
) -> Document:
    """The Document of ``lines``: its text is the lines joined, one per line; its paragraphs as a text file's."""
    texts: list[str] = []
    runs: list[tuple[int, int, bool]] = []  # (first index in texts, end index, flow)
    shown: list[Line] = []  # the lines that stand in texts (blank lines left out), by index
    for line in lines:
        if not strip_controls(line.text).strip(chinese.SPACE_CHARS):
            continue
        if line.gap and texts:
            texts.append("")
        if runs and runs[-1][2] and line.flow and line.role is None and not line.new:
            # A blank line stays inside the run: the text reader decides, as in a .txt file,
            # whether the paragraph goes on across it (a line that ends in 根据 does).
            runs[-1] = (runs[-1][0], len(texts) + 1, True)
        else:
            runs.append((len(texts), len(texts) + 1, line.flow and line.role is None))
        texts.append(strip_controls(line.text).translate(_LINE_BREAKS))
        while len(shown) < len(texts):
            shown.append(line)
    text = "\n".join(texts) + ("\n" if texts else "")
    offsets = [0]
    for t in texts:
        offsets.append(offsets[-1] + len(t) + 1)
    paragraphs: list[Paragraph] = []
    for first, end, flow in runs:
        if flow:
            paragraphs.extend(_flow(texts, first, end, offsets, doc_id=doc_id, path=path))
        else:
            for index in range(first, end):
                raw = texts[index]
                stripped = raw.strip(chinese.SPACE_CHARS)
                lead = len(raw) - len(raw.lstrip(chinese.SPACE_CHARS))
                start = offsets[index] + lead
                piece = Piece(text=stripped, line=index + 1, start=start, end=start + len(stripped), indent=lead)
                seen = shown[index]
                paragraphs.append(
                    Paragraph(
                        number=0,
                        pieces=(piece,),
                        text=stripped,
                        starts=((0, start),),
                        role=seen.role,
                        level=seen.level,
                        cell=seen.cell,
                    )
                )
    numbered = tuple(dataclasses.replace(p, number=n) for n, p in enumerate(paragraphs, start=1))
    return Document(
        doc_id=doc_id, path=path, text=text, encoding=encoding, paragraphs=numbered, metadata=dict(metadata or {})
    )


def _flow(texts: list[str], first: int, end: int, offsets: list[int], *, doc_id: str, path: str) -> list[Paragraph]:
    """The paragraphs of a run of running text, joined by the text reader's rules.

    The reader sees the lines without their leading indent (a page's "　　" before each paragraph
    says nothing a text copy of it would say), and its offsets are moved back onto the lines as
    they stand in the extracted text, indent included."""
    leads = [len(t) - len(t.lstrip(chinese.SPACE_CHARS)) for t in texts[first:end]]
    bare = [t[lead:] for t, lead in zip(texts[first:end], leads, strict=True)]
    part = source.parse("\n".join(bare), doc_id=doc_id, path=path)
    bare_starts = [0]
    for t in bare:
        bare_starts.append(bare_starts[-1] + len(t) + 1)

    def moved(offset: int) -> int:
        row = bisect.bisect_right(bare_starts, offset) - 1
        return offsets[first + row] + leads[row] + offset - bare_starts[row]

    result = []
    for paragraph in part.paragraphs:
        pieces = []
        for piece in paragraph.pieces:
            row = piece.line - 1
            start = moved(piece.start)
            pieces.append(
                dataclasses.replace(
                    piece, line=piece.line + first, start=start, end=start + len(piece.text), indent=leads[row]
                )
            )
        starts = tuple((index, moved(offset)) for index, offset in paragraph.starts)
        result.append(dataclasses.replace(paragraph, pieces=tuple(pieces), starts=starts))
    return result


# --------------------------------------------------------------------------- language


_LATIN_WORD = lazyre.compile(r"[A-Za-z\u00c0-\u024f]+")


def script_counts(text: str) -> tuple[int, int, int]:
    """(Han characters, Latin words, letters of other scripts: kana, Hangul, Cyrillic, Arabic...)."""
    han = len(chinese.HAN.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    other = 0
    for char in text:
        if ord(char) > 0x24F and char.isalpha() and not chinese.is_han(char):
            other += 1
    return han, latin, other


def check_language(document: Document) -> None:
    """Refuse a document that is not Chinese (``--force`` skips this), with one line."""
    han, latin, other = script_counts(document.text)
    if han >= latin and han >= 2 * other:
        return  # Chinese, or nothing to judge (empty, figures only): the empty case is reported elsewhere
    if latin > other:
        found = f"mostly Latin letters ({latin} words against {han} Chinese characters)"
    else:
        script = _main_script(document.text)
        found = f"mostly {script} ({other} letters against {han} Chinese characters)"
    raise SourceError(
        f"not a Chinese document: {found}",
        path=document.path,
        hint="aligner translates from Chinese; give --force to cut it anyway",
    )


def _main_script(text: str) -> str:
    counts: dict[str, int] = {}
    for char in text:
        if ord(char) > 0x24F and char.isalpha() and not chinese.is_han(char):
            name = unicodedata.name(char, "OTHER").split()[0]
            counts[name] = counts.get(name, 0) + 1
    name = max(sorted(counts), key=lambda key: counts[key]) if counts else "OTHER"
    return {"HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana", "HANGUL": "Korean Hangul"}.get(
        name, name.title() + " letters"
    )


def empty(path: str, why: str) -> SourceError:
    """The error of an extraction that found no text."""
    return SourceError(f"nothing to translate: {why}", path=path, hint="check that the file holds the document's text")
