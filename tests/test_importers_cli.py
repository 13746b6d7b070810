"""Imported sources end to end: `aligner segment`, `render` and `align` on pages, Word and PDF files,
the extracted text kept for people, references relative to the project, the language guard."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import catalog, importers
from aligner.cli import app
from tests.conftest import DATA, DOCS, ROOT
from tests.importer_fixtures import make_docx, make_pdf

runner = CliRunner()
BLOCK = DATA / "govcn" / "11_content_5355822.html"


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Word file outside any project: a letter of the corpus as an office would type it."""
    return make_docx(DOCS / "04_gov_letter_liaoning_2004.txt", tmp_path_factory.mktemp("word"))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pdf(DOCS / "10_gov_notice_vocational_plan_2019.txt", tmp_path_factory.mktemp("pdf"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project (pyproject.toml, seeds/) with one web page in it."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copy(BLOCK, tmp_path / "seeds" / "award.html")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_segment_a_page_keeps_its_text_and_references_lead_to_every_line(project: Path) -> None:
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.output
    assert "translations/award.zh.txt: extracted text of seeds/award.html" in result.stderr
    extracted = (project / "translations" / "award.zh.txt").read_text(encoding="utf-8").split("\n")
    pot = catalog.load(project / "translations" / "award.pot")
    assert len(pot.entries) > 10
    for entry in pot.entries:
        for ref, line in entry.references:
            assert ref == "seeds/award.html"
            # The line a reference names holds the start of its segment.
            assert line is not None and extracted[line - 1].strip("\u3000")[:6] in entry.msgid[:6] + entry.msgid
    kinds = {e.msgid.split("：")[0]: e.extracted for e in pot.entries if "：" in e.msgid}
    assert kinds["发文机关"].startswith("metadata") and kinds["索引号"].startswith("metadata")


def test_importing_twice_changes_no_byte(project: Path) -> None:
    assert runner.invoke(app, ["segment"]).exit_code == 0
    files = sorted(p for p in (project / "translations").rglob("*") if p.is_file())
    before = {p: p.read_bytes() for p in files}
    second = runner.invoke(app, ["segment"])
    assert second.exit_code == 0 and "unchanged" in second.stderr
    # Every line says unchanged, the extracted text's too: nothing was written.
    assert "translations/award.zh.txt: extracted text of seeds/award.html, unchanged" in second.stderr
    assert {p: p.read_bytes() for p in files} == before


def test_render_reads_the_page_again(project: Path) -> None:
    assert runner.invoke(app, ["segment"]).exit_code == 0
    result = runner.invoke(app, ["render", "translations/en/award.po", "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "国务院关于2018年度国家科学技术奖励的决定" in result.stdout
    assert "扫一扫" not in result.stdout


def test_a_source_outside_the_project_is_looked_at_but_not_segmented(project: Path, word: Path) -> None:
    # --jsonl writes nothing: any file the user names may be looked at.
    result = runner.invoke(app, ["segment", "--jsonl", str(word)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["doc_id"] == word.stem
    # A catalog's references must lead to its source inside the project, where render finds it again.
    refused = runner.invoke(app, ["segment", str(word.resolve())])
    assert refused.exit_code == 2
    assert "outside the project" in refused.stderr and f"cp {word.resolve()} seeds/" in refused.stderr
    assert not (project / "translations" / f"{word.stem}.pot").exists()


def test_a_folder_gives_its_pages_word_and_pdf_files(project: Path, word: Path, pdf: Path) -> None:
    shutil.copy(word, project / "seeds" / "memo.docx")
    shutil.copy(pdf, project / "seeds" / "report.pdf")
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.output
    for name in ("award", "memo", "report"):
        assert (project / "translations" / f"{name}.pot").is_file()
        assert (project / "translations" / f"{name}.zh.txt").is_file()


def test_content_decides_over_the_suffix(project: Path) -> None:
    # Government sites serve web pages named .doc; a page saved as .txt is still a page.
    shutil.copy(BLOCK, project / "seeds" / "notice.doc")
    page = "<!DOCTYPE html><html><body>" + BLOCK.read_text(encoding="utf-8") + "</body></html>"
    (project / "saved.txt").write_text(page, encoding="utf-8")
    for name in ("seeds/notice.doc", "saved.txt"):
        result = runner.invoke(app, ["segment", "--jsonl", name])
        assert result.exit_code == 0, result.output
        texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
        assert "发文机关：国务院" in texts and not any("<" in t for t in texts)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("This is an English letter.\nIt has two lines of text, and no Chinese at all.\n", "mostly Latin letters"),
        ("これは日本語の文書です。ひらがなとカタカナが多い。\n", "Japanese kana"),
        ("Это русский текст без китайских иероглифов.\n", "Cyrillic letters"),
    ],
)
def test_a_source_that_is_not_chinese_is_refused_unless_forced(project: Path, text: str, found: str) -> None:
    (project / "seeds" / "other.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["segment", "seeds/other.txt"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "seeds/other.txt: not a Chinese document" in lines[0] and found in lines[0]
    assert "--force" in lines[0]
    assert not (project / "translations" / "other.pot").exists()
    forced = runner.invoke(app, ["segment", "--force", "seeds/other.txt"])
    assert forced.exit_code == 0, forced.output


def test_an_empty_page_says_so(project: Path) -> None:
    (project / "seeds" / "blank.html").write_text("<html><body><nav><a href='/'>首页</a></nav></body></html>")
    result = runner.invoke(app, ["segment", "seeds/blank.html"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "aligner: error: seeds/blank.html: nothing to translate: no text found in the page; "
        "check that the file holds the document's text"
    ]


def test_align_reads_a_word_file(project: Path) -> None:
    zh = project / "zh.docx"
    import docx

    document = docx.Document()
    for line in ("关于加强合作的通知", "各有关单位：", "现就加强合作通知如下。", "请认真贯彻执行。"):
        document.add_paragraph(line)
    document.save(str(zh))
    (project / "en.txt").write_text(
        "Notice on strengthening cooperation\nTo all units concerned:\n"
        "We hereby give notice on strengthening cooperation.\nPlease implement it conscientiously.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["align", "zh.docx", "en.txt", "--format", "tsv"])
    assert result.exit_code == 0, result.output
    assert "现就加强合作通知如下。\tWe hereby give notice on strengthening cooperation." in result.stdout


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"PK\x03\x04\x14\x00", "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "doc"),
        (b"{\\rtf1\\ansi", "doc"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        (b"\n<!-- saved from url=(0040)http://www.gov.cn/ -->\n<html>", "html"),
        (b' <div class="wrap" style="font-family:\xcb\xce\xcc\xe5;">', "html"),
        ("国务院关于印发某某方案的通知\n各省、自治区、直辖市人民政府：".encode(), None),
        (b"<<< not markup", None),
    ],
)
def test_sniffing(head: bytes, fmt: str | None) -> None:
    assert importers.sniff(head) == fmt


def test_plain_text_sources_need_no_extracted_copy(project: Path) -> None:
    (project / "seeds" / "award.html").unlink()
    shutil.copy(BLOCK.with_suffix(".txt"), project / "seeds" / "award.txt")
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.output
    assert (project / "translations" / "award.pot").is_file()
    assert not (project / "translations" / "award.zh.txt").exists()
    refs = {ref for e in catalog.load(project / "translations" / "award.pot").entries for ref, _ in e.references}
    assert refs == {"seeds/award.txt"}
