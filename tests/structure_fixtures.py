"""Documents with structure for the tests a fresh clone runs: the law excerpt and the indicator
table of tests/data, the table handed over as an importer hands over cells (one line per cell)."""

from __future__ import annotations

from aligner import segment, structure
from aligner.align import align
from aligner.importers import base
from aligner.importers.base import Line
from aligner.model import Alignment, Catalog, Cell, Document, Entry, Role
from tests.conftest import DATA

LAW = DATA / "law_chapters_articles.txt"
TABLE = DATA / "indicator_table.tsv"


def table_document() -> Document:
    rows = TABLE.read_text(encoding="utf-8").splitlines()
    lines = [Line("附表　主要指标"), Line("各地区要对照下表抓好落实。")]
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row.split("\t"), start=1):
            lines.append(Line(text, role=Role.CELL, cell=Cell(1, r, c, header=r == 1)))
    lines.append(Line("以上指标由国家统计局负责核算。"))
    return structure.infer(base.assemble(lines, doc_id="table", path="table.html", encoding="utf-8"))


def english_of(text: str) -> str:
    """A stand-in English that names its source, so a test can find each cell's translation."""
    return f"EN[{text}]"


def aligned(document: Document) -> Alignment:
    """``document`` with every segment translated by ``english_of``, as its catalog would hold it
    (a cell of figures or codes has no entry)."""
    from aligner import catalog

    segments = segment.segment(document)
    items = catalog.template_entries(segments, document.path, document)
    entries = tuple(Entry(item.msgid, english_of(item.msgid)) for item in items)
    return align(document, segments, Catalog(f"{document.doc_id}.po", entries, language="en"))
