"""Glossary hints in the #. comments: the terms of a segment with their rendering, kept up to date."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import catalog
from aligner.checks.glossary import Glossary, Term
from aligner.cli import app
from aligner.hints import term_hints
from tests.conftest import ROOT, SEED, SEED_PO, require_tool


def test_terms_are_found_on_word_boundaries_longest_first() -> None:
    glossary = Glossary(
        "g.tsv",
        (
            Term("成渝地区双城经济圈", ("Chengdu-Chongqing Economic Circle",), "", 1),
            Term("成渝", ("Chengdu-Chongqing",), "", 2),
            Term("科技", ("science and technology", "sci-tech"), "", 3),
        ),
    )
    hints = term_hints(["推动成渝地区双城经济圈建设", "获得科技部批复", "科技和教育", "无关的句子"], glossary)
    assert hints["推动成渝地区双城经济圈建设"] == "Terms: 成渝地区双城经济圈 = Chengdu-Chongqing Economic Circle"
    assert hints["科技和教育"] == "Terms: 科技 = science and technology / sci-tech"
    assert "无关的句子" not in hints
    assert "获得科技部批复" not in hints  # jieba keeps 科技部 one word


def test_segment_writes_and_updates_the_hints(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / "letter.txt")
    (tmp_path / "translations").mkdir()
    glossary = tmp_path / "translations" / "glossary.tsv"
    shutil.copy(ROOT / "translations" / "glossary.tsv", glossary)
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert CliRunner().invoke(app, ["segment"]).exit_code == 0
        po = tmp_path / "translations" / "en" / "letter.po"
        entry = next(
            e for e in catalog.load(po).entries if e.msgid.startswith("推动《成渝地区双城经济圈建设规划纲要》")
        )
        assert "Terms: 成渝地区双城经济圈 = Chengdu-Chongqing Economic Circle" in entry.extracted.replace("\n", " ")
        glossary.write_text("source\ttarget\tnote\n成渝地区双城经济圈\tTwin-City Economic Circle\t\n", encoding="utf-8")
        assert CliRunner().invoke(app, ["segment"]).exit_code == 0
        entry = next(e for e in catalog.load(po).entries if e.msgid == entry.msgid)
        flat = entry.extracted.replace("\n", " ")
        assert "成渝地区双城经济圈 = Twin-City Economic Circle" in flat and "Chengdu-Chongqing" not in flat
    finally:
        os.chdir(old)


def test_a_poedit_or_msgcat_no_wrap_save_is_not_rewritten_by_segment(tmp_path: Path) -> None:
    # Long hints are wrapped by aligner itself, so a catalog saved without wrapping (msgcat
    # --no-wrap, Poedit's "don't wrap") or at 79 columns reads back the same comment: no rewrite.
    msgcat = require_tool("msgcat")
    project = tmp_path / "p"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    (project / "translations" / "en").mkdir(parents=True)
    shutil.copy(ROOT / "translations" / "glossary.tsv", project / "translations")
    shutil.copy(SEED_PO, project / "translations" / "en" / SEED_PO.name)
    (project / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    po = project / "translations" / "en" / SEED_PO.name
    for flags in (["--no-wrap"], ["--width=79"]):
        subprocess.run([msgcat, *flags, str(po), "-o", str(po)], check=True)
        saved = po.read_bytes()
        result = subprocess.run(
            [sys.executable, "-m", "aligner", "segment"], cwd=project, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert po.read_bytes() == saved, flags


def test_a_hint_and_the_glossary_check_judge_a_term_alike() -> None:
    from aligner.checks.base import Unit
    from aligner.checks.glossary import TermChecker
    from aligner.model import Status

    glossary = Glossary(
        "g.tsv", (Term("国务院", ("State Council",), "", 1), Term("中科院", ("Chinese Academy of Sciences",), "", 2))
    )
    texts = ["经国务院批准，现将安排通知如下。", "他是中科院士。", "中科院的院士。"]
    hints = term_hints(texts, glossary)
    checker = TermChecker(glossary)
    for text in texts:
        unit = Unit("x.po", 1, text, text, "Nothing of the terms.", Status.TRANSLATED)
        reported = [f.message.split()[0] for f in checker.check([unit])]
        hinted = [line.split(" = ")[0].removeprefix("Terms: ") for line in hints.get(text, "").splitlines()]
        assert reported == hinted, text
    assert (
        "他是中科院士。" not in hints and hints["经国务院批准，现将安排通知如下。"] == "Terms: 国务院 = State Council"
    )


def test_cached_hints_equal_the_derived_ones_and_follow_the_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aligner import segment, source
    from aligner.hints import cached_term_hints

    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "cache"))
    texts = [s.text for s in segment.segment(source.read(SEED))]
    glossary = Glossary("g.tsv", (Term("成渝地区双城经济圈", ("Chengdu-Chongqing Economic Circle",), "", 1),))
    first = cached_term_hints(texts, glossary)
    assert first == term_hints(texts, glossary) and first
    (entry,) = (tmp_path / "cache" / "hints").iterdir()
    assert cached_term_hints(texts, glossary) == first  # read back
    other = Glossary("g.tsv", (Term("成渝地区双城经济圈", ("Twin-City Economic Circle",), "", 1),))
    assert cached_term_hints(texts, other) == term_hints(texts, other) != first  # a new key, not the old hints
    entry.write_text('{"x": 1}', encoding="utf-8")  # damaged: derived again
    assert cached_term_hints(texts, glossary) == first
    monkeypatch.setenv("ALIGNER_CACHE", "off")
    assert cached_term_hints(texts, glossary) == first
