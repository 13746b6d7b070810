"""Importers: one module per file format, each turning a file into the same ``Document``.

``read(path)`` picks the importer by the file's content first (``%PDF``, a Word zip, an OLE2 file,
an HTML page), then by its suffix (``.md`` and ``.markdown`` are Markdown), so a ``.doc`` that is
really HTML or DOCX (common on government sites) is read for what it is. Plain text is decoded and
cut as ``source.read`` does. Each importer yields ``Line`` objects that ``base.assemble`` turns into
a Document whose text is the extracted text and whose paragraphs are blocks: what the format showed
(a table cell, a heading and its level, a list item, a note) stands as a block with that role, the
rest is cut as a text file's. ``Document.metadata`` holds what the importer read about the document
(see ``model.Document``). Heavy libraries (lxml, python-docx, pypdfium2, markdown-it-py) load only
when a file of their format is read.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from aligner import lazyre, source
from aligner.importers.base import check_language
from aligner.model import Document

# Suffix -> importer module; plain text is not an import.
SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "doc",
    ".rtf": "doc",
    ".pdf": "pdf",
    ".md": "markdown",
    ".markdown": "markdown",
}
TEXT_SUFFIXES = (".txt", ".text")

__all__ = [
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "check_language",
    "format_of",
    "is_imported",
    "keep_text",
    "read",
    "sniff",
]


def sniff(head: bytes) -> str | None:
    """The format the first bytes of a file announce, or None for anything else (text)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"  # a zip: docx (a zip that is not one is refused by the docx importer)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"  # OLE2 compound file: Word 97-2003, WPS
    if head.startswith(b"{\\rtf"):
        return "doc"  # RTF, which LibreOffice reads like a .doc
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml") and b"<html" in head.lower():
        return "html"
    if _MARKUP.match(start) or (start.startswith(b"<!--") and b"<html" in head.lower()):
        return "html"
    return None


# A page, or a page's main block as crawlers store it (<div class="wrap">…), opens with one of these.
_MARKUP = lazyre.compile(
    rb"<(?:!doctype\s+html|html|head|body|div|p|table|meta|span|section|article|title|!--\s*saved from)\b"
)


def format_of(path: Path, head: bytes = b"") -> str | None:
    """The importer for ``path``: by content when it announces a format, else by suffix; None for text."""
    found = sniff(head) if head else None
    if found is not None:
        return found
    return SUFFIXES.get(path.suffix.lower())


def is_imported(path: Path) -> bool:
    """Whether ``path`` is read by an importer (not as plain text): its extracted text is worth keeping."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return path.suffix.lower() in SUFFIXES
    return format_of(path, head) is not None


def read(path: str | Path, *, encoding: str | None = None, display_path: str | None = None) -> Document:
    """The Document of any supported file: text decoded and cut as ``source.read`` does, the rest
    through its importer. The file is read once, through ``paths`` (a regular file, capped)."""
    p = Path(path)
    shown = display_path or str(path)
    raw = source.read_bytes(p, shown, hint="give a source document or a folder of them")
    fmt = format_of(p, raw[:4096])
    if fmt is None:
        text, used = source.decode(raw, encoding=encoding, path=shown)
        return source.parse(text, doc_id=p.stem, path=shown, encoding=used)
    module = importlib.import_module(f"aligner.importers.{fmt}")
    return module.load(raw, doc_id=p.stem, path=shown, encoding=encoding)


def extracted_path(doc_id: str, translations: Path) -> Path:
    """Where ``aligner segment`` keeps the extracted text of an imported document."""
    return translations / f"{doc_id}.zh.txt"


def keep_text(document: Document, path: Path, translations: Path) -> tuple[Path, bool] | None:
    """Write the extracted text of an imported document beside its template: its path, and whether
    it was written; None for plain text.

    The references of its catalog entries (``seeds/notice.html:12``) count lines in this text.
    Written atomically and only when it changed, so importing twice changes no byte."""
    if not is_imported(path):
        return None
    from aligner.atomic import write_text

    target = extracted_path(document.doc_id, translations)
    return target, write_text(target, document.text)
