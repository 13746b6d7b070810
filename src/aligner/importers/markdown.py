"""Markdown (.md, .markdown) read as CommonMark reads it, with markdown-it-py (MIT).

- ATX (``## 第一章 总则``) and setext headings become headings with their level; the first heading
  is the document's title (``Document.metadata["title"]``) and its first block;
- paragraphs are blocks of their own; their lines (soft or hard breaks) are read as a text file's:
  a line broken inside a sentence joins, a date set on its own line stays apart;
- list items (``-``, ``*``, ``1.``, ``1)``) are items, their number written out as the reader sees it;
- pipe tables (GFM) are tables: one cell per block, the head row marked as the header;
- a YAML front matter block (``---`` … ``---`` at the top), HTML comments (``<!-- INFO END -->``,
  as LawRefBook ends its header with), HTML tags and scripts and styles are dropped, the text of a
  raw HTML block kept;
  code blocks and block quotes are read as paragraphs; images leave their alt text, links their text;
- a file the parser cannot read whole (nesting past its limit, a comment that never closes and so
  runs to the end) is refused with one line, never cut short unsaid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aligner import chinese, source
from aligner.errors import SourceError
from aligner.importers.base import Line, assemble, clean, empty
from aligner.model import Cell, Document, Role

# A YAML front matter block: "---" on the first line, closed by "---" or "..." on a line of its own.
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$\r?\n?", re.S | re.M)


_MAX_NESTING = 200  # lists and quotes inside each other (two levels each): deeper is refused, never dropped unsaid
# The parser's tokens take some 180 bytes of memory per character: a file past this is refused before
# it is parsed (the longest law in Markdown is under 1 MB).
MAX_CHARS = 8_000_000
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_UNCLOSED = re.compile(r"<!--.*\Z", re.S)
_TAG = re.compile(r"<[^>]*>")
# A script or a style is code for a browser, not the document's text (the HTML importer drops them too).
_CODE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_CODE_OPEN = re.compile(r"<(?:script|style)\b", re.I)
_CODE_CLOSE = re.compile(r"</(?:script|style)\s*>", re.I)


def _parser() -> object:
    from markdown_it import MarkdownIt

    # CommonMark as specified, plus GFM pipe tables; raw HTML is recognised so that comments and
    # tags can be dropped and the text between them kept.
    return MarkdownIt("commonmark", {"html": True, "maxNesting": _MAX_NESTING}).enable("table")


def _html_text(markup: str) -> list[str]:
    """The text lines of a raw HTML block (``<div align="center">第一章</div>``), without comments or tags."""
    # A comment never closed runs to the end: reported below.
    bare = _UNCLOSED.sub("", _COMMENT.sub("", _CODE.sub("\n", markup)))
    return [clean(part) for part in _TAG.sub("\n", bare).split("\n") if clean(part)]


def _check_whole(text: str, lines: list[Line], path: str) -> None:
    """Refuse a file the parser did not read whole (nesting past ``_MAX_NESTING``, an HTML comment
    that never closes and so runs to the end of the file): text lost without a word is worse."""
    expected = len(chinese.HAN.findall(_TAG.sub("", _COMMENT.sub("", _CODE.sub("", text)))))
    found = sum(len(chinese.HAN.findall(line.text)) for line in lines)
    # Only link destinations and reference definitions hold text that is not shown.
    if expected >= 20 and found < 0.98 * expected:
        opened = text.find("<!--", text.rfind("-->") + 1)
        why = (
            f"an HTML comment opened on line {text.count(chr(10), 0, opened) + 1} never closes"
            if opened != -1
            else f"lists or quotes nested more than {_MAX_NESTING // 2} deep"
        )
        raise SourceError(
            f"the Markdown file could be read only in part ({found} of {expected} Chinese characters): {why}",
            path=path,
            hint="close the comment or flatten the nesting, or give the text as .txt",
        )


def _inline_lines(token: object) -> list[str]:
    """The shown text of an inline token, line by line as the source breaks it (soft or hard)."""
    lines = [""]
    in_code = False  # between an inline <script> or <style> and its end tag
    for child in token.children or []:  # type: ignore[attr-defined]
        kind = child.type
        if kind == "html_inline":
            in_code = bool(_CODE_OPEN.match(child.content)) or (in_code and not _CODE_CLOSE.match(child.content))
        elif in_code:
            continue
        elif kind in ("text", "code_inline"):
            lines[-1] += child.content
        elif kind in ("softbreak", "hardbreak"):
            lines.append("")
        elif kind == "image":
            lines[-1] += "".join(grand.content for grand in child.children or [])
        # html_inline (a comment, a tag) and the markers of emphasis and links add nothing
    return lines


def _joined(parts: list[str]) -> str:
    """Lines of one block (a heading, an item, a cell) as one: nothing between Chinese characters,
    a space between Latin words."""
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " " + part
        else:
            out += part
    return out


def lines_of(tokens: Sequence[object]) -> tuple[list[Line], str]:
    """The lines of a token stream, and the text of its first heading (the title), else ""."""
    lines: list[Line] = []
    title = ""
    heading_level = 0
    label: str | None = None  # the label of the open list item until its first paragraph is read
    in_item = 0
    table = row = col = 0
    in_table = in_head = False
    gap = False
    for token in tokens:
        kind = token.type  # type: ignore[attr-defined]
        if kind == "heading_open":
            heading_level = int(token.tag[1])  # type: ignore[attr-defined]
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "list_item_open":
            in_item += 1
            # markdown-it keeps an ordered item's number as written (info) and its delimiter (markup)
            number = token.info  # type: ignore[attr-defined]
            label = f"{number}{token.markup}" if number else ""  # type: ignore[attr-defined]
        elif kind == "list_item_close":
            in_item -= 1
        elif kind == "table_open":
            table += 1
            row = 0
            in_table = True
        elif kind == "table_close":
            in_table = False
            col = 0
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row += 1
            col = 0
        elif kind in ("th_open", "td_open"):
            col += 1
        elif kind == "hr":
            gap = True
        elif kind == "inline":
            parts = [clean(part) for part in _inline_lines(token)]
            parts = [part for part in parts if part]
            if not parts:
                continue
            if in_table and col:
                place = Cell(table, row, col, header=in_head)
                lines.append(Line(_joined(parts), flow=False, role=Role.CELL, cell=place, gap=gap))
            elif heading_level:
                text = _joined(parts)
                if not title:
                    title = text
                    lines.append(Line(text, flow=False, role=Role.TITLE, gap=gap))
                else:
                    lines.append(Line(text, flow=False, role=Role.HEADING, level=heading_level, gap=gap))
            elif in_item and label is not None:
                lines.append(Line(label + _joined(parts), flow=False, role=Role.ITEM, gap=gap))
                label = None
            else:
                # A paragraph is a block of its own; its lines are read as a text file's, so a line
                # broken inside a sentence joins and a date set on its own line stays apart.
                for number, part in enumerate(parts):
                    lines.append(Line(part, new=number == 0, gap=gap and number == 0))
            gap = False
        elif kind in ("td_close", "th_close"):
            pass
        elif kind == "html_block":
            for number, part in enumerate(_html_text(token.content)):  # type: ignore[attr-defined]
                lines.append(Line(part, new=number == 0, gap=gap and number == 0))
        elif kind in ("code_block", "fence"):
            for number, part in enumerate(token.content.split("\n")):  # type: ignore[attr-defined]
                if clean(part):
                    lines.append(Line(clean(part), new=number == 0))
    return lines, title


def load(raw: bytes, *, doc_id: str, path: str, encoding: str | None = None) -> Document:
    """The Document of a Markdown file (see the module docstring)."""
    text, used = source.decode(raw, encoding=encoding, path=path)
    if len(text) > MAX_CHARS:
        raise SourceError(
            f"a Markdown file of {len(text):,} characters is more than aligner reads as Markdown ({MAX_CHARS:,})",
            path=path,
            hint="split the document into several files",
        )
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n"), count=1)
    tokens = _parser().parse(text)  # type: ignore[attr-defined]
    lines, title = lines_of(tokens)
    _check_whole(text, lines, path)
    if not lines:
        raise empty(path, "the Markdown file has no text outside its markup")
    metadata = {"title": title} if title else {}
    return assemble(lines, doc_id=doc_id, path=path, encoding=used, metadata=metadata)
