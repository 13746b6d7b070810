"""`aligner segment` end to end, through the command line (CliRunner) in a copy of the project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import catalog
from aligner.cli import app
from aligner.model import Kind, Status
from tests.conftest import DATA, ROOT, SEED, ZH_DOCS

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh project: pyproject.toml and the seed, nothing translated yet."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_jsonl_prints_segments_in_order_and_writes_nothing(project: Path) -> None:
    result = runner.invoke(app, ["segment", "--jsonl", f"seeds/{SEED.name}"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 104
    assert rows[0] == {
        "doc_id": SEED.stem,
        "text": "您当前的位置: 首页>>政务公开>>政府信息公开目录>>政协提案办理情况公开",
        "kind": "boilerplate",
        "line": 1,
        "end_line": 1,
        "paragraph": 1,
        "sentence": 1,
        "start": 0,
        "end": 38,
        "role": "boilerplate",
        "level": None,
        "article": None,
        "cell": None,
    }
    assert [r["line"] for r in rows] == sorted(r["line"] for r in rows)
    assert {r["kind"] for r in rows} == {k.value for k in Kind} - {"item", "cell"}  # a letter: no list, no table
    assert not (project / "translations").exists()


def test_segment_writes_template_and_catalog_then_changes_nothing(project: Path) -> None:
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.output
    pot = project / "translations" / f"{SEED.stem}.pot"
    po = project / "translations" / "en" / f"{SEED.stem}.po"
    assert pot.is_file() and po.is_file()
    assert "103 new" in result.stderr
    loaded = catalog.load(po)
    assert loaded.language == "en"
    assert len(loaded.entries) == 103
    assert all(e.references[0][0] == f"seeds/{SEED.name}" for e in loaded.entries)
    first = (pot.read_bytes(), po.read_bytes(), pot.stat().st_mtime_ns, po.stat().st_mtime_ns)
    again = runner.invoke(app, ["segment"])
    assert again.exit_code == 0
    assert "unchanged" in again.stderr
    assert (pot.read_bytes(), po.read_bytes(), pot.stat().st_mtime_ns, po.stat().st_mtime_ns) == first


def test_several_languages_and_folders(project: Path) -> None:
    docs = project / "docs"
    docs.mkdir()
    for name in ("05_gov_notice_holidays_2019.txt", "11_cpc_sc_opinion_rural_revitalization_2018.txt"):
        shutil.copy(ZH_DOCS / name, docs / name)
    result = runner.invoke(app, ["segment", "docs", "--lang", "en", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    for lang in ("en", "fr"):
        for stem in ("05_gov_notice_holidays_2019", "11_cpc_sc_opinion_rural_revitalization_2018"):
            assert catalog.load(project / "translations" / lang / f"{stem}.po").language == lang


def test_resegmenting_an_edited_seed_keeps_translations(project: Path) -> None:
    runner.invoke(app, ["segment"])
    po = project / "translations" / "en" / f"{SEED.stem}.po"
    text, _, _ = catalog.fill_catalog(
        po,
        {
            "此复函已经局主要领导审签。": catalog.Fill(
                "This reply has been reviewed and signed by the Bureau's leadership."
            ),
            "易小光委员:": catalog.Fill("Dear Member Yi Xiaoguang,"),
        },
    )
    catalog.save(po, text)
    seed = project / "seeds" / SEED.name
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("此复函已经局主要领导审签。", "此复函已经局主要负责同志审签。"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0
    assert "1 fuzzy" in result.stderr and "1 obsolete" in result.stderr
    by_id = {e.msgid: e for e in catalog.load(po).entries}
    assert by_id["易小光委员:"].status is Status.TRANSLATED
    fuzzy = by_id["此复函已经局主要负责同志审签。"]
    assert fuzzy.status is Status.FUZZY and fuzzy.previous_msgid == "此复函已经局主要领导审签。"
    assert by_id["此复函已经局主要领导审签。"].status is Status.OBSOLETE


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: _write(p / "bin.txt", b"\x00\x01\x02binary\x00"), "binary file"),
        (lambda p: _write(p / "bad.txt", "第一句。".encode() + b"\xff\xfe\xfd\xfc\x80"), "byte offset 12"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(project: Path, setup, expected: str) -> None:
    path = setup(project)
    result = runner.invoke(app, ["segment", str(path), f"seeds/{SEED.name}"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and path.name in lines[0]
    assert "Traceback" not in result.output
    assert not (project / "translations").exists()


def test_empty_document_warns_and_writes_no_catalog(project: Path) -> None:
    empty = _write(project / "empty.txt", "\n \u3000\n".encode())
    result = runner.invoke(app, ["segment", str(empty)])
    assert result.exit_code == 0
    assert "empty document" in result.stderr
    assert not (project / "translations" / "en" / "empty.po").exists()


def test_help_explains_itself_with_examples() -> None:
    result = runner.invoke(app, ["segment", "--help"])
    assert result.exit_code == 0
    assert "aligner segment --jsonl" in result.stdout
    top = runner.invoke(app, ["--help"])
    assert "aligner segment && aligner check && aligner render" in top.stdout
    version = runner.invoke(app, ["--version"])
    assert version.stdout.startswith("aligner ")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_project_catalogs_are_in_step_with_the_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-segmenting the committed project changes no byte of its committed catalogs."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "translations").rglob("*.po*")}
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.output
    after = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "translations").rglob("*.po*")}
    assert after == before


def test_every_project_catalog_passes_msgfmt_check(msgfmt: str) -> None:
    import subprocess

    paths = sorted((ROOT / "translations").rglob("*.po*"))
    assert paths
    for path in paths:
        result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (path, result.stderr)


def test_a_bad_language_code_is_refused(project: Path) -> None:
    result = runner.invoke(app, ["segment", "--lang", "../../etc"])
    assert result.exit_code == 2
    assert "not a language code" in result.stderr
    assert not (project / "translations").exists()


@pytest.mark.parametrize("command", [["segment", "--jsonl", str(SEED)], ["check"]])
def test_stderr_carries_only_our_messages(command: list[str]) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "aligner", *command], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "dict" not in result.stderr and "Loading model" not in result.stderr


# --------------------------------------------------------------------------- safety of the writes


def _po_of(project: Path) -> Path:
    return project / "translations" / "en" / f"{SEED.stem}.po"


def test_a_translators_save_during_segment_is_not_lost(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert runner.invoke(app, ["segment"]).exit_code == 0
    po = _po_of(project)
    saved = po.read_text(encoding="utf-8").replace('msgstr ""', 'msgstr "Saved by the translator"', 1)
    real_sync = catalog.sync_catalog

    def sync_while_an_editor_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_sync(*args, **kwargs)
        swap = po.with_name(".letter.po.swp")
        swap.write_text(saved, encoding="utf-8")
        swap.replace(po)  # the editor's temp file + rename, after aligner read the catalog
        return result

    monkeypatch.setattr(catalog, "sync_catalog", sync_while_an_editor_saves)
    source = project / "seeds" / SEED.name
    source.write_text(source.read_text(encoding="utf-8") + "\n新增一句。\n", encoding="utf-8")
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 2
    assert "changed since aligner read it" in result.stderr and "Traceback" not in result.stderr
    assert po.read_text(encoding="utf-8") == saved


def _with_header(body: str) -> str:
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n' + body


@pytest.mark.parametrize(
    "body",
    [
        'msgid "一。"\nmsgstr "One."\n\nmsgid "一。"\nmsgstr "The first."\n',
        'msgid "一。"\nmsgstr "One."\n\n#~ msgid "一。"\n#~ msgstr "Once."\n',
    ],
    ids=["two live entries", "live and obsolete"],
)
def test_duplicate_msgids_are_refused_never_collapsed(project: Path, body: str) -> None:
    po = _po_of(project)
    po.parent.mkdir(parents=True)
    po.write_text(_with_header(body), encoding="utf-8")
    before = po.read_bytes()
    for command in (["segment"], ["check", str(po)], ["render", str(po), "-f", "txt", "-o", "-"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, command
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "duplicate message definition" in lines[0] and f"{po.name}:" in lines[0]
    assert po.read_bytes() == before


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0c"])
def test_line_separators_inside_text_round_trip(project: Path, char: str) -> None:
    source = project / "seeds" / SEED.name
    source.write_text(f"标题\n\n第一句话{char}仍在句中。第二句。\n", encoding="utf-8")
    assert runner.invoke(app, ["segment"]).exit_code == 0
    po = _po_of(project)
    entries = catalog.load(po).live
    target = next(e for e in entries if char in e.msgid)
    assert target.msgid == f"第一句话{char}仍在句中。"
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    blocks = [b.replace('msgstr ""', f'msgstr "First{char}still."') if "仍在句中" in b else b for b in blocks]
    po.write_text("\n\n".join(blocks), encoding="utf-8")
    before = po.read_bytes()
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.stderr
    assert po.read_bytes() == before
    assert next(e for e in catalog.load(po).live if char in e.msgid).msgstr == f"First{char}still."


def test_two_sources_with_one_stem_are_refused(project: Path) -> None:
    (project / "seeds" / "letter.txt").write_text("一。\n", encoding="utf-8")
    (project / "seeds" / "letter.md").write_text("二。\n", encoding="utf-8")
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 2
    assert "would share the catalogs" in result.stderr and "rename" in result.stderr
    assert not (project / "translations" / "letter.pot").exists()
    assert runner.invoke(app, ["segment", "seeds/letter.txt"]).exit_code == 0
    result = runner.invoke(app, ["segment", "seeds/letter.md"])
    assert result.exit_code == 2 and "holds the segments of seeds/letter.txt" in result.stderr


def test_a_bogus_language_is_refused(project: Path) -> None:
    result = runner.invoke(app, ["segment", "--lang", "xx_YY_bogus"])
    assert result.exit_code == 2 and "not a language code" in result.stderr
    assert not (project / "translations").exists()


def test_a_source_name_with_a_space_is_found_back(project: Path) -> None:
    shutil.move(project / "seeds" / SEED.name, project / "seeds" / "my letter.txt")
    assert runner.invoke(app, ["segment"]).exit_code == 0
    pot = project / "translations" / "my letter.pot"
    assert "#: \u2068seeds/my letter.txt\u2069:" in pot.read_text(encoding="utf-8")
    entry = catalog.load(project / "translations" / "en" / "my letter.po").live[0]
    assert entry.references[0][0] == "seeds/my letter.txt"
    result = runner.invoke(app, ["render", "translations/en/my letter.po", "-f", "txt", "-o", "-"])
    assert result.exit_code == 0 and "not found" not in result.stderr
    assert runner.invoke(app, ["segment"]).stderr.count("unchanged") == 2


def test_a_symlink_out_of_the_project_in_seeds_is_refused(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("机密内容。\n", encoding="utf-8")
    (project / "seeds" / "secret.txt").symlink_to(outside)
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 2 and "resolves outside the project" in result.stderr
    assert not (project / "translations").exists()


def test_two_segment_runs_at_once_take_turns(project: Path) -> None:
    import subprocess
    import sys

    assert runner.invoke(app, ["segment"]).exit_code == 0
    po = _po_of(project)
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('msgstr ""', 'msgstr "Kept."', 2).replace('msgstr "Kept."', 'msgstr ""', 1), encoding="utf-8"
    )
    source = project / "seeds" / SEED.name
    source.write_text(source.read_text(encoding="utf-8") + "\n新增一句。\n", encoding="utf-8")
    runs = [
        subprocess.Popen([sys.executable, "-m", "aligner", "segment"], cwd=project, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(run.wait(120), run.stderr.read() if run.stderr else "") for run in runs]
    assert all(code == 0 for code, _ in results), results
    loaded = catalog.load(po)
    assert sum(1 for e in loaded.live if e.msgstr == "Kept.") == 1
    assert any(e.msgid == "新增一句。" for e in loaded.live)
    assert not [p for p in po.parent.iterdir() if p.name.endswith(".aligner-tmp")]


def test_jsonl_says_where_each_segment_stands(project: Path) -> None:
    shutil.copy(DATA / "law_chapters_articles.txt", project / "seeds" / "law.txt")
    result = runner.invoke(app, ["segment", "--jsonl", "seeds/law.txt"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]

    class Rows:
        def __getitem__(self, start: str) -> dict:
            return next(row for row in found if row["text"].startswith(start))

    rows = Rows()
    assert (rows["第一章 总则"]["kind"], rows["第一章 总则"]["level"], rows["第一章 总则"]["article"]) == (
        "heading",
        1,
        None,
    )
    assert (rows["第十二条 对下列"]["kind"], rows["第十二条 对下列"]["article"]) == ("body", "第十二条")
    item = rows["（二）能够显著"]
    assert (item["kind"], item["role"], item["level"], item["article"], item["cell"]) == (
        "item",
        "item",
        None,
        "第十二条",
        None,
    )
    assert rows["本法所称科技成果"]["article"] == "第二条"  # the article's second paragraph


def test_catalog_comments_name_the_article_and_stay_when_a_paragraph_is_added(project: Path) -> None:
    law = (DATA / "law_chapters_articles.txt").read_text(encoding="utf-8")
    (project / "seeds" / "law.txt").write_text(law, encoding="utf-8")
    assert runner.invoke(app, ["segment", "seeds/law.txt"]).exit_code == 0
    pot = project / "translations" / "law.pot"
    before = {e.msgid: e.extracted for e in catalog.load(pot).entries}
    assert before["（二）能够显著提高国家安全能力和公共安全水平的；"] == "item, 第十二条 (第二章)"
    assert before["第一章 总则"].startswith("heading, paragraph ")  # no article: the comment of before
    edited = law.replace("第一章 总则", "第一章 总则\n\n本章新增的一段说明。", 1)
    (project / "seeds" / "law.txt").write_text(edited, encoding="utf-8")
    assert runner.invoke(app, ["segment", "seeds/law.txt"]).exit_code == 0
    after = {e.msgid: e.extracted for e in catalog.load(pot).entries}
    moved = [m for m in before if before[m] != after[m]]
    assert moved and all(", paragraph " in before[m] for m in moved)  # only numbered places moved
    assert after[
        "第十二条 对下列科技成果转化项目，国家通过政府采购、研究开发资助、发布产业技术指导目录、示范推广等方式予以支持："
    ] == ("body, 第十二条 (第二章)")
