"""Bilingual Markdown that reads well in a forge's preview: a header, then one three-column table
(position, Chinese, English) per source paragraph, and the notes as footnotes."""

from __future__ import annotations

import html
import re

from aligner import __version__
from aligner.model import Alignment, Kind, Status
from aligner.render.layout import Block, Page, Publication, Table, Unit, build, quiet_gc, sections

_STRONG = {Kind.TITLE, Kind.HEADING}


def escape(text: str) -> str:
    """Text safe inside a table cell: markup characters, pipes and HTML are literal, lines break."""
    text = html.escape(text, quote=False)  # & < > become entities: no raw HTML, no stray entity
    text = re.sub(r"([\\`*_\[\]|~])", r"\\\1", text)
    return re.sub(r"\r\n|\r|\n", "<br>", text)


def render(alignment: Alignment, *, title: str | None = None, publication: Publication | None = None) -> str:
    with quiet_gc():
        return render_page(build(alignment, title=title, publication=publication))


def render_page(page: Page) -> str:
    from aligner.render.html import facts

    cov = page.coverage
    pub = page.publication
    lines = [f"# {escape(page.title)}", ""]
    # The title paragraph stands here, not in the tables: its notes are referenced here too.
    refs = "".join(f"[^{n.number}]" for u in (page.head.units if page.head else ()) for n in u.notes)
    if page.title_en or refs:
        lines += [f"**{escape(page.title_en)}**{refs}" if page.title_en else refs, ""]
    if pub.publisher:
        lines += [f"Published by {escape(pub.publisher)}", ""]
    lines += [f"- {label}: {escape(value)}" for label, value, _ in facts(page)]
    lines.append(
        f"- Coverage: {cov.translated} of {cov.total} segments translated ({cov.percent:.1f} %)"
        + (f", {cov.fuzzy} fuzzy" if cov.fuzzy else "")
        + (f", {cov.untranslated} untranslated" if cov.untranslated else "")
    )
    if pub.draft:
        lines.append(f"- Draft from: `{page.source}` (Chinese), `{page.catalog}` (English)")
    lines.append("")
    if pub.credit:
        lines += [escape(pub.credit), ""]
    if pub.notice:
        lines += [f"> {escape(pub.notice)}", ""]
    else:
        lines += [
            "> 本译文仅供参考，以中文原文为准。  ",
            "> The Chinese text is authoritative; the English translation is for reference only.",
            "",
        ]
    for run in _runs(page.body):
        if run[0].place is not None:
            lines += _table(run)
            continue
        first, last = run[0].number, run[-1].number
        label = f"¶{first}" if first == last else f"¶{first}–{last}"
        lines += [f"| {label} | 中文 | English |", "|---|---|---|"]
        for block in run:
            for unit in block.units:
                strong = unit.kind in _STRONG or block.kind in _STRONG
                zh = escape(unit.source)
                lines.append(f"| {unit.label} | {_strong(zh, strong)} | {_english(unit, strong)} |")
        lines.append("")
    if page.notes:
        for note in page.notes:
            lines.append(f"[^{note.number}]: {note.position}: {escape(note.text)}")
        lines.append("")
    lines.append(f"<!-- rendered by aligner {__version__} -->")
    return "\n".join(lines) + "\n"


def _table(cells: list[Block]) -> list[str]:
    """A table of the source as a pipe table of its own: each cell the Chinese over the English;
    its first row (header rows first) is the pipe table's header."""
    table = sections(cells)[0]
    assert isinstance(table, Table)
    width = max(sum(b.place.colspan if b.place else 1 for b in row) for row in table.rows)
    lines = []
    for index, row in enumerate(table.rows):
        texts = []
        for block in row:
            header = block.place is not None and block.place.header
            zh = _strong(escape("".join(unit.source for unit in block.units)), header)
            texts.append(zh + "<br>" + " ".join(_english(unit, header) for unit in block.units))
            texts += [""] * ((block.place.colspan if block.place else 1) - 1)
        texts += [""] * (width - len(texts))
        lines.append("| " + " | ".join(texts) + " |")
        if index == 0:
            lines.append("|" + "---|" * width)
    return [f"Table {table.number}", "", *lines, ""]


def _runs(blocks: tuple[Block, ...]) -> list[list[Block]]:
    """Paragraphs the source sets on consecutive lines (a list of metadata fields) share one table;
    the cells of one table of the source make one run."""
    runs: list[list[Block]] = []
    for block in blocks:
        if block.place is not None or (runs and runs[-1][-1].place is not None):
            same = runs and runs[-1][-1].place is not None and block.place is not None
            if same and runs[-1][-1].place.table == block.place.table:  # type: ignore[union-attr]
                runs[-1].append(block)
            else:
                runs.append([block])
        elif runs and block.gap == 0 and block.kind is runs[-1][-1].kind:
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


def _strong(text: str, strong: bool) -> str:
    return f"**{text}**" if strong and text else text


def _english(unit: Unit, strong: bool) -> str:
    refs = "".join(f"[^{note.number}]" for note in unit.notes)
    mark = f"`{escape(unit.mark)}` " if unit.mark else ""
    if unit.joined_across:
        return f"{mark}↑ _translated with {unit.joined_across}_{refs}"
    if unit.missing:
        label = "fuzzy" if unit.status is Status.FUZZY else "untranslated"
        return f"{mark}_({label})_ {escape(unit.source)}{refs}"
    fuzzy = "_(fuzzy)_ " if unit.status is Status.FUZZY else ""
    return f"{mark}{fuzzy}{_strong(escape(unit.target), strong)}{refs}"
