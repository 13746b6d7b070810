"""TMX 1.4: the translated pairs as a translation memory for CAT tools.

One translation unit per translated entry, in document order, each pair once. Entries joined
with ``JOINED_MARK`` make one unit: the Chinese of all of them against their one English.
Untranslated and fuzzy entries are left out (a memory holds finished work only). No date unless
``SOURCE_DATE_EPOCH`` is set, so the file is the same on every run.
"""

from __future__ import annotations

from aligner import tmxfile
from aligner.model import Alignment, Status
from aligner.render.layout import build, quiet_gc

SOURCE_LANGUAGE = tmxfile.SOURCE_LANGUAGE


def tmx_language(language: str) -> str:
    """A gettext code (``en``, ``en_GB``, ``zh_CN``) as a TMX ``xml:lang`` (``en``, ``en-GB``, ``zh-CN``)."""
    code = (language or "en").split(".")[0].split("@")[0].replace("_", "-")
    return code or "en"


_text = tmxfile.text


def render(alignment: Alignment) -> str:
    with quiet_gc():
        return _render(alignment)


def _render(alignment: Alignment) -> str:
    from xml.sax.saxutils import quoteattr

    page = build(alignment)
    target = tmx_language(page.language)
    attributes = tmxfile.header_attributes(o_tmf="PO")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f"  <header {attributes}>",
        f'    <prop type="x-document">{_text(page.doc_id)}</prop>',
        "  </header>",
        "  <body>",
    ]
    seen: set[tuple[str, str]] = set()
    for block in page.blocks:
        for unit in block.units:
            if unit.status is not Status.TRANSLATED or unit.joined_across or not unit.target.strip():
                continue
            pair = (unit.source, unit.target)
            if pair in seen:
                continue
            seen.add(pair)
            lines.append(f"    <tu tuid={quoteattr(unit.cells[0].alias)}>")
            lines.append(f'      <prop type="x-position">{unit.label}</prop>')
            for note in unit.notes:
                lines.append(f"      <note>{_text(note.text)}</note>")
            lines.append(f'      <tuv xml:lang="{SOURCE_LANGUAGE}"><seg>{_text(unit.source)}</seg></tuv>')
            lines.append(f"      <tuv xml:lang={quoteattr(target)}><seg>{_text(unit.target)}</seg></tuv>")
            lines.append("    </tu>")
    lines += ["  </body>", "</tmx>"]
    return "\n".join(lines) + "\n"
