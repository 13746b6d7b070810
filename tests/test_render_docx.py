"""The Word document, read back with python-docx: a two-column table with every segment of the
seed in order in both languages, headings bold, marks and notes kept; the same bytes twice."""

from __future__ import annotations

import io

import pytest

from aligner.model import Status
from aligner.render import docx, layout
from test_render_common import letter, seed_alignment, write_seed_catalog


def table_of(data: bytes):  # type: ignore[no-untyped-def]
    import docx as python_docx

    document = python_docx.Document(io.BytesIO(data))
    assert len(document.tables) == 1
    return document, document.tables[0]


def test_every_segment_in_order_in_both_languages(tmp_path_factory: pytest.TempPathFactory) -> None:
    alignment = seed_alignment(write_seed_catalog(tmp_path_factory.mktemp("docx") / "en" / "seed.po"))
    data = docx.render(alignment)
    document, table = table_of(data)
    page = layout.build(alignment)
    units = [u for b in page.body for u in b.units]
    rows = table.rows[1:]
    assert [c.text for c in table.rows[0].cells] == ["中文", "English"]
    assert len(rows) == len(units)
    for row, unit in zip(rows, units, strict=True):
        zh, en = (cell.text for cell in row.cells)
        assert zh == f"{unit.label} {unit.source}"
        if unit.status is Status.TRANSLATED and unit.target:
            assert en.startswith(unit.target)
    assert page.title in [p.text for p in document.paragraphs[:3]], "the title once, above the table"
    assert sum(page.title in cell.text for row in rows for cell in row.cells) == 0
    assert docx.render(alignment) == data, "the same bytes twice"


def test_headings_marks_and_notes() -> None:
    alignment = letter()
    document, table = table_of(docx.render(alignment))
    by_label = {row.cells[0].text.split(" ", 1)[0]: row for row in table.rows[1:]}
    heading = by_label["6.1"].cells[1].paragraphs[0]
    assert heading.text == "I. Progress" and all(run.bold for run in heading.runs)
    assert by_label["7.5"].cells[1].text == "[UNTRANSLATED] 共同争取国家支持。"
    assert by_label["7.6"].cells[1].text.startswith("[FUZZY] The policy system was improved.")
    assert by_label["8.1"].cells[1].text.endswith("1")  # the note's number
    texts = [p.text for p in document.paragraphs]
    assert "Notes" in texts and any(t.startswith("1. (8.1) 审签") for t in texts)
    assert by_label["10.1"].cells[0].paragraphs[0].alignment is not None  # the closing date on the right
    published = docx.render(alignment, publication=layout.Publication(draft=False))
    _, table = table_of(published)
    cells = {row.cells[0].text.split(" ", 1)[0]: row.cells[1].text for row in table.rows[1:]}
    assert cells["7.6"] == "[UNTRANSLATED] 完善政策体系。", "no fuzzy English in a published document"


def test_docx_to_stdout_is_bytes(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from aligner.cli import app
    from test_render_common import temp_project

    folder = temp_project(tmp_path_factory.mktemp("stdout"))
    monkeypatch.chdir(folder)
    runner = CliRunner()
    assert runner.invoke(app, ["segment"]).exit_code == 0
    result = runner.invoke(app, ["render", "-f", "docx", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK\x03\x04")
    _, table = table_of(result.stdout_bytes)
    assert len(table.rows) > 90


def test_controls_a_catalog_may_hold_are_carried_or_shown() -> None:
    """msgfmt accepts a form feed, a vertical tab and other controls in a msgstr; XML refuses
    them. A form feed becomes a page break (as the docs say it round-trips as a form feed), a
    vertical tab a line break, and ESC or \\x01 their visible Control Pictures: nothing is dropped."""
    alignment = letter(r0="Part one\fPart two\vnext line \x01 and \x1b[2J end")
    data = docx.render(alignment)
    _document, table = table_of(data)
    row = table.rows[1]
    xml = row.cells[1]._tc.xml
    assert '<w:br w:type="page"/>' in xml and "<w:br/>" in xml
    text = row.cells[1].text
    assert "Part one" in text and "Part two" in text and "\u2401" in text and "\u241b[2J end" in text
    assert not any(c in text for c in "\x01\x1b\x0b\x0c")


@pytest.mark.parametrize("shape", ["wide", "spanned"])
def test_a_source_table_costs_in_proportion_to_its_cells(shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Table.cell built every cell of the table on each call, and _Cell.merge walked the row at each
    # column it swallowed: a page's table of 10,000 columns, or colspan 1,000, took hours.
    from types import SimpleNamespace

    import docx as python_docx
    import docx.table as docx_table

    built = {"cells": 0}
    original = docx_table.Table._cells

    def counted(self):  # type: ignore[no-untyped-def]
        built["cells"] += 1
        return original.fget(self)

    monkeypatch.setattr(docx_table.Table, "_cells", property(counted))

    def unit(text: str) -> SimpleNamespace:
        return SimpleNamespace(source=f"数据{text}", target=f"datum {text}", missing=False)

    def table(columns: int) -> SimpleNamespace:
        if shape == "wide":
            rows = [[SimpleNamespace(place=None, units=[unit(f"{r}.{c}")]) for c in range(columns)] for r in range(2)]
        else:
            spanned = SimpleNamespace(place=SimpleNamespace(colspan=columns), units=[unit("all")])
            rows = [[spanned], [SimpleNamespace(place=None, units=[unit(str(c))]) for c in range(columns)]]
        return SimpleNamespace(rows=rows, header=1)

    def text_run(paragraph, text, **kwargs) -> None:  # type: ignore[no-untyped-def]
        paragraph.add_run(text)

    counts = {}
    for columns in (50, 200):
        built["cells"] = 0
        document = python_docx.Document()
        docx._source_table(document, table(columns), text_run)
        rows = document.tables[0]._tbl.tr_lst
        assert [len(tr.tc_lst) for tr in rows] == ([columns, columns] if shape == "wide" else [1, columns])
        assert "数据all" in rows[0].tc_lst[0].xml if shape == "spanned" else True
        counts[columns] = built["cells"]
    assert counts[200] <= counts[50] + 2  # not one walk of the table per cell
