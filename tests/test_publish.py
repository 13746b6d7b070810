"""Publishing: catalogs joined with their sources, rendered and written; a moved source still renders."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from aligner import catalog, publish, segment, source
from aligner.config import load_project
from aligner.errors import ConfigError
from tests.conftest import ROOT, SEED, SEED_PO


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_structure_from_comments_matches_the_source() -> None:
    loaded = catalog.load(SEED_PO)
    _, rebuilt = publish.structure_from_catalog(loaded, SEED_PO)
    real = segment.segment(source.read(SEED))
    assert [(s.text, s.kind, s.paragraph, s.sentence) for s in rebuilt] == [
        (s.text, s.kind, s.paragraph, s.sentence) for s in real
    ]


def test_render_files_writes_page_and_index(project: Path) -> None:
    warnings: list[str] = []
    written = publish.render_files(load_project(project), None, "html", None, warnings.append).paths
    assert [p.relative_to(project).as_posix() for p in written] == [
        "build/index.html",
        f"build/en/{SEED.stem}.html",
    ]
    assert warnings == []
    page = written[1].read_text(encoding="utf-8")
    assert "Dear Member Yi Xiaoguang:" in page and "易小光委员:" in page


def test_a_moved_source_warns_and_still_renders(project: Path) -> None:
    (project / "seeds" / SEED.name).rename(project / "elsewhere.txt")
    warnings: list[str] = []
    result = publish.render_to_stdout(
        load_project(project), [project / "translations" / "en" / SEED_PO.name], "txt", warnings.append
    )
    assert "source document not found" in warnings[0]
    assert "Dear Member Yi Xiaoguang:" in result


def test_unknown_format_and_one_file_for_many(project: Path) -> None:
    with pytest.raises(ConfigError, match="unknown format"):
        publish.render_files(load_project(project), None, "rtf", None, print)
    shutil.copy(project / "translations" / "en" / SEED_PO.name, project / "translations" / "en" / "copy.po")
    with pytest.raises(ConfigError, match="cannot go to one file"):
        publish.render_files(load_project(project), None, "html", project / "one.html", print)


# --------------------------------------------------------------------------- publishing


def fuzzy_seed(project: Path, positions: tuple[int, ...] = (40, 41)) -> str:
    """Mark some of the seed's entries fuzzy in the project's copy; the English of the first one."""
    po = project / "translations" / "en" / SEED_PO.name
    loaded = catalog.load(po)
    entries = list(loaded.entries)
    for index in positions:
        entries[index] = dataclasses.replace(entries[index], flags=("fuzzy",))
    header = dict(loaded.header)
    po.write_text(catalog.write_entries(po, entries, doc_id=SEED.stem, language="en", header=header), "utf-8")
    return entries[positions[0]].msgstr


def test_published_page_hides_fuzzy_english_and_every_path(project: Path) -> None:
    english = fuzzy_seed(project)
    opts = publish.options(load_project(project), publish=True)
    written = publish.render_files(load_project(project), None, "html", None, print, opts).paths
    page = written[1].read_text(encoding="utf-8")
    assert html_text(english) not in page, "no fuzzy English on a published page"
    assert 'class="en st-fuzzy"' not in page and page.count('<span class="fallback" lang="zh-Hans">') == 2
    for path in ("seeds/", "translations/", ".po", ".txt", str(project)):
        assert path not in page
    title = "重庆市科学技术局关于市政协五届四次会议第0426号提案的复函"
    assert page.count(f">{title}<") == 1, "the title once"
    assert "<dt>Catalog" not in page and "Catalog</dt>" not in page
    draft = publish.render_files(load_project(project), None, "html", None, print).paths[1].read_text("utf-8")
    assert html_text(english) in draft and 'class="en st-fuzzy"' in draft and f"seeds/{SEED.name}" in draft


def html_text(text: str) -> str:
    """``text`` as the page escapes it (jinja2's autoescape)."""
    from markupsafe import escape

    return str(escape(" ".join(text.split())))


def test_publishing_settings_from_the_project(project: Path) -> None:
    settings = (
        'publisher = "Example Institute"\ncredit = "Translated by the China team."\n'
        'notice = "Unofficial translation."\nbase_url = "https://example.org/zh/"\ntranslator = "Jane Doe"\n'
        "publish = true\n"
    )
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[tool.aligner]\n", "[tool.aligner]\n" + settings), "utf-8")
    fuzzy_seed(project)
    written = publish.render_files(load_project(project), None, "html", None, print).paths
    index, page = (p.read_text(encoding="utf-8") for p in written)
    for text in ("Example Institute", "Translated by the China team.", "Unofficial translation.", "Jane Doe"):
        assert text in page
    assert "aligner translators" not in page and "以中文原文为准" not in page
    assert f'<link rel="canonical" href="https://example.org/zh/en/{SEED.stem}.html">' in page
    assert '<a class="home" href="../index.html">' in page
    assert 'class="en st-fuzzy"' not in page, "publish = true is the default"
    assert '<link rel="canonical" href="https://example.org/zh/index.html">' in index
    assert "重庆市科学技术局关于市政协五届四次会议第0426号提案的复函" in index and "市科技局" in index
    assert f">{SEED.stem}<" not in index


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('base_url = "javascript:alert(1)"', "base_url must start with https://"),
        ("publish = 1", "publish must be true or false"),
        ("min_coverage = 150", "--min-coverage must be from 0 to 100"),
        ("publisher = 3", "publisher must be a string"),
    ],
)
def test_bad_settings_refused(project: Path, setting: str, message: str) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[tool.aligner]\n", f"[tool.aligner]\n{setting}\n"), "utf-8")
    with pytest.raises(ConfigError, match=message):
        publish.options(load_project(project))


def test_min_coverage_refuses_the_page(project: Path) -> None:
    from typer.testing import CliRunner

    from aligner.cli import app

    fuzzy_seed(project, tuple(range(40, 60)))
    result = CliRunner().invoke(app, ["render", "--min-coverage", "90"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"aligner: build/en/{SEED.stem}.html: coverage 80.6 % is below --min-coverage 90: page not written; "
        "translate more, or lower the minimum"
    ]
    assert not (project / "build" / "en" / f"{SEED.stem}.html").exists()
    assert CliRunner().invoke(app, ["render", "--min-coverage", "80"]).exit_code == 0
    assert (project / "build" / "en" / f"{SEED.stem}.html").exists()
    bad = CliRunner().invoke(app, ["render", "--min-coverage", "150"])
    assert bad.exit_code == 2 and "from 0 to 100" in bad.stderr


NOTICE = "关于做好节假日安排的通知\n\n各区县人民政府：\n\n经研究，现将有关事项通知如下。\n\n市政府办公厅\n"


def _second_document(project: Path) -> Path:
    """A second, untranslated document beside the seed's translated one."""
    from typer.testing import CliRunner

    from aligner.cli import app

    (project / "seeds" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    result = CliRunner().invoke(app, ["segment", "seeds/notice.txt"])
    assert result.exit_code == 0, result.output
    return project / "translations" / "en" / "notice.po"


def _listed(index: Path) -> list[str]:
    import re

    return re.findall(r'<a href="(en/[^"]+\.html)"', index.read_text(encoding="utf-8"))


def test_a_refused_page_leaves_the_site_and_its_index(project: Path) -> None:
    _second_document(project)
    site = project / "build"
    publish.render_files(load_project(project), None, "html", None, print)
    assert _listed(site / "index.html") == [f"en/{SEED.stem}.html", "en/notice.html"]
    opts = publish.options(load_project(project), publish=True, min_coverage=100)
    written = publish.render_files(load_project(project), None, "html", None, print, opts)
    assert [r.path for r in written.refused] == ["build/en/notice.html"]
    assert "earlier page was removed" in written.refused[0].message
    assert not (site / "en" / "notice.html").exists()
    assert _listed(site / "index.html") == [f"en/{SEED.stem}.html"]


def test_the_index_lists_the_pages_a_partial_render_did_not_touch(project: Path) -> None:
    notice = _second_document(project)
    site = project / "build"
    publish.render_files(load_project(project), None, "html", None, print)
    seed_page = (site / "en" / f"{SEED.stem}.html").read_bytes()
    publish.render_files(load_project(project), [notice], "html", None, print)
    assert _listed(site / "index.html") == [f"en/{SEED.stem}.html", "en/notice.html"]
    assert (site / "en" / f"{SEED.stem}.html").read_bytes() == seed_page


def test_the_header_names_the_issuer_in_english_from_the_glossary(project: Path) -> None:
    written = publish.render_files(load_project(project), None, "html", None, print).paths
    page = written[1].read_text(encoding="utf-8")
    # 市科技局 stands in the glossary as the Chongqing Municipal Science and Technology Bureau.
    assert "<dt>Issued by</dt><dd>Chongqing Municipal Science and Technology Bureau</dd>" in page
    index = written[0].read_text(encoding="utf-8")
    assert 'data-label="Issued by">Chongqing Municipal Science and Technology Bureau<' in index


def test_structure_from_comments_keeps_the_order_of_articles(tmp_path: Path) -> None:
    """Entries placed by article (``item, 第十二条 (第二章)``) follow the entry before them."""
    from aligner import structure
    from aligner.model import Kind
    from tests.conftest import DATA

    document = structure.infer(source.read(DATA / "law_chapters_articles.txt"))
    segments = segment.segment(document)
    pot = tmp_path / "law.pot"
    pot.write_text(
        catalog.build_template("law", catalog.template_entries(segments, "seeds/law.txt", document), None),
        encoding="utf-8",
    )
    _, rebuilt = publish.structure_from_catalog(catalog.load(pot), pot)
    assert [s.text for s in rebuilt] == [s.text for s in segments]
    assert {s.text: s.kind for s in rebuilt}["（二）能够显著提高国家安全能力和公共安全水平的；"] is Kind.ITEM


@pytest.mark.parametrize(
    ("english", "shown"),
    [
        ("September 2, 2024", "<dt>Written</dt><dd>September 2, 2024</dd>"),
        # Untranslated, the date stands in Chinese, marked as such.
        ("", '<dt>Written</dt><dd lang="zh-Hans">2024年9月2日</dd>'),
    ],
)
def test_the_header_gives_the_date_in_english_as_the_catalog_translates_it(
    english: str, shown: str, project: Path
) -> None:
    import polib
    from typer.testing import CliRunner

    from aligner.cli import app

    (project / "seeds" / "notice.txt").write_text(NOTICE + "2024年9月2日\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["segment", "seeds/notice.txt"]).exit_code == 0
    po_path = project / "translations" / "en" / "notice.po"
    po = polib.pofile(str(po_path))
    po.find("2024年9月2日").msgstr = english
    po.save()
    page = publish.render_files(load_project(project), [po_path], "html", None, print).paths[1]
    assert shown in page.read_text(encoding="utf-8")
    index = (project / "build" / "index.html").read_text(encoding="utf-8")
    cell = f'data-label="Date">{english}<' if english else 'data-label="Date" lang="zh-Hans">2024年9月2日<'
    assert cell in index
