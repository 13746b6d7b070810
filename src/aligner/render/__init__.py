"""Render an alignment: bilingual HTML pages, bilingual Markdown, the English text, TMX, PDF and Word.

Every renderer takes model objects (an ``Alignment``) and returns text; reading catalogs and
sources, and writing files, belong to the caller. ``layout.build`` turns an alignment into the
blocks all formats share, so every format follows the source's paragraphs the same way.
"""

from __future__ import annotations

FORMATS = ("html", "md", "txt", "tmx", "pdf", "docx")
SUFFIXES = {"html": ".html", "md": ".md", "txt": ".txt", "tmx": ".tmx", "pdf": ".pdf", "docx": ".docx"}

__all__ = ["FORMATS", "SUFFIXES"]
