"""aligner compare with the old version's catalog: the new catalog gets the old English unit by unit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import catalog
from aligner.catalog import Fill
from aligner.cli import app
from conftest import DATA

# The old version's English, written for the tests (close to the official translation of the law).
ENGLISH = {
    "中华人民共和国促进科技成果转化法（节选）": "Law of the People's Republic of China on Promoting the Transformation "
    "of Scientific and Technological Achievements (excerpt)",
    "第一章 总则": "Chapter I General Provisions",
    "第一条 为了促进科技成果转化为现实生产力，规范科技成果转化活动，加速科学技术进步，推动经济建设和社会发展，制定本法。": (
        "Article 1 This Law is enacted to promote the transformation of scientific and technological achievements "
        "into real productive forces, regulate such activities, accelerate scientific and technological progress, "
        "and promote economic and social development."
    ),
    "第二条 本法所称科技成果，是指通过科学研究与技术开发所产生的具有实用价值的成果。": (
        "Article 2 For the purposes of this Law, scientific and technological achievements means achievements of "
        "practical value produced by scientific research and technological development."
    ),
    "第三条 科技成果转化活动应当有利于加快实施创新驱动发展战略，促进科技与经济的结合，有利于提高经济效益、社会效益和保护环境、合理利用资源，有利于促进经济建设、社会发展和维护国家安全。": (
        "Article 3 The transformation of scientific and technological achievements shall serve the innovation-driven "
        "development strategy, economic and social benefits, the environment and national security."
    ),
    "第四条 国家对科技成果转化合理安排财政资金投入，引导社会资金投入，推动科技成果转化资金投入的多元化。": (
        "Article 4 The State shall arrange fiscal funds for the transformation of scientific and technological "
        "achievements, guide investment of social funds, and diversify such investment."
    ),
    "第二章 组织实施": "Chapter II Organization and Implementation",
    "第五条 国务院和地方各级人民政府应当将科技成果的转化纳入国民经济和社会发展计划，并组织协调实施有关科技成果的转化。": (
        "Article 5 The State Council and local people's governments at all levels shall include the transformation "
        "of scientific and technological achievements in their plans for national economic and social development."
    ),
    "第六条 国家建立、完善科技报告制度和科技成果信息系统，向社会公布科技项目实施情况以及科技成果和相关知识产权信息，提供科技成果信息查询、筛选等公益服务。": (
        "Article 6 The State shall establish and improve the science and technology reporting system and the "
        "information system of scientific and technological achievements, and publish information on projects."
    ),
    "第七条 对下列科技成果转化项目，国家通过政府采购、研究开发资助、发布产业技术指导目录、示范推广等方式予以支持：": (
        "Article 7 The State shall support the following transformation projects through government procurement, "
        "research and development funding, industrial technology guidance catalogues and demonstration:"
    ),
    "（一）能够显著提高产业技术水平、经济效益的；": "(1) projects that can markedly raise industrial technology and economic returns;",
    "（二）能够显著提高国家安全能力和公共安全水平的；": "(2) projects that can markedly raise national and public security;",
    "（三）能够改善民生和提高公共健康水平的。": "(3) projects that can improve people's lives and public health.",
    "第八条 国家通过制定政策措施，提倡和鼓励采用先进技术、工艺和装备，不断改进、限制使用或者淘汰落后技术、工艺和装备。": (
        "Article 8 The State shall encourage the use of advanced technologies, processes and equipment, and "
        "improve, restrict or eliminate outdated ones."
    ),
    "第九条 国家加强标准制定工作，对新技术、新工艺、新材料、新产品依法及时制定国家标准、行业标准，积极参与国际标准的制定。": (
        "Article 9 The State shall strengthen standard-setting and formulate national and industry standards for "
        "new technologies, processes, materials and products in a timely manner."
    ),
    "第十条 对本法第七条规定的科技成果转化项目，有关部门应当在资金、人才等方面给予优先支持。": (
        "Article 10 The departments concerned shall give priority support in funds and talent to the projects "
        "specified in Article 7 of this Law."
    ),
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "laws"\n', encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    shutil.copy(DATA / "compare_law_old.txt", tmp_path / "seeds" / "law_2015.txt")
    shutil.copy(DATA / "compare_law_new.txt", tmp_path / "seeds" / "law_2024.txt")
    result = CliRunner().invoke(app, ["segment", "seeds/law_2015.txt"])
    assert result.exit_code == 0, result.output
    po = tmp_path / "translations" / "en" / "law_2015.po"
    text, filled, _ = catalog.fill_catalog(po, {zh: Fill(en) for zh, en in ENGLISH.items()})
    assert filled == len(ENGLISH)  # every segment of the old version
    catalog.save(po, text)
    return tmp_path


def _compare(*args: str) -> str:
    result = CliRunner().invoke(app, ["compare", "seeds/law_2015.txt", "seeds/law_2024.txt", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _entries(project: Path) -> dict[str, object]:
    return {e.msgid: e for e in catalog.load(project / "translations" / "en" / "law_2024.po").live}


def _new(project: Path, label: str):  # type: ignore[no-untyped-def]
    return next(e for msgid, e in _entries(project).items() if msgid.startswith(label + " "))


def test_unchanged_units_take_the_old_english_byte_for_byte(project: Path) -> None:
    _compare("-f", "json")
    for label in ("第一条", "第二条", "第五条"):
        entry = _new(project, label)
        assert entry.msgstr == ENGLISH[entry.msgid] and not entry.fuzzy
    entries = _entries(project)
    assert entries["第一章 总则"].msgstr == "Chapter I General Provisions"


@pytest.mark.parametrize(
    ("label", "english_start", "contains"),
    [
        ("第三条", "Article 3 The State shall arrange fiscal funds", "Article 3 "),  # renumbered from 第四条
        ("第七条", "Article 7 The State shall encourage", "Article 7 "),  # renumbered from 第八条
        ("第九条", "Article 9 The State shall support the following", "Article 9 "),  # moved from 第七条
        ("第十条", "Article 10 The departments concerned", "in Article 9 of this Law"),  # its reference follows
    ],
)
def test_renumbered_units_carry_the_new_number_in_the_english(
    project: Path, label: str, english_start: str, contains: str
) -> None:
    _compare("-f", "json")
    entry = _new(project, label)
    assert entry.msgstr.startswith(english_start) and contains in entry.msgstr
    assert not entry.fuzzy


def test_a_moved_article_keeps_its_own_items(project: Path) -> None:
    _compare("-f", "json")
    entries = _entries(project)
    assert (
        entries["（一）能够显著提高产业技术水平、经济效益的；"].msgstr
        == ENGLISH["（一）能够显著提高产业技术水平、经济效益的；"]
    )


def test_a_modified_unit_is_fuzzy_with_the_old_chinese_and_a_note(project: Path) -> None:
    _compare("-f", "json")
    entry = _new(project, "第六条")
    old = next(zh for zh in ENGLISH if zh.startswith("第六条"))
    assert entry.fuzzy and entry.previous_msgid == old and entry.msgstr == ENGLISH[old]
    assert entry.comment == "compare: was 第六条 of law_2015"
    # the sentence the new version added has no old English to offer
    assert _entries(project)["公布有关信息不得泄露国家秘密和商业秘密。"].msgstr == ""


def test_an_added_unit_is_left_for_the_translator(project: Path) -> None:
    _compare("-f", "json")
    entry = _new(project, "第四条")
    assert entry.msgstr == "" and not entry.fuzzy


def test_the_new_catalog_passes_msgfmt_and_a_second_run_changes_no_byte(project: Path, msgfmt: str) -> None:
    _compare("-f", "json")
    po = project / "translations" / "en" / "law_2024.po"
    done = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    first = po.read_bytes()
    _compare("-f", "json")
    assert po.read_bytes() == first


def test_a_translation_already_in_the_new_catalog_is_never_overwritten(project: Path) -> None:
    CliRunner().invoke(app, ["segment", "seeds/law_2024.txt"])
    po = project / "translations" / "en" / "law_2024.po"
    first = next(zh for zh in ENGLISH if zh.startswith("第一条"))
    text, _, _ = catalog.fill_catalog(po, {first: Fill("Article 1 A translator's own English.")})
    catalog.save(po, text)
    result = CliRunner().invoke(app, ["compare", "seeds/law_2015.txt", "seeds/law_2024.txt", "-f", "json"])
    assert "already translated kept" in result.stderr
    assert _entries(project)[first].msgstr == "Article 1 A translator's own English."


def test_no_carry_writes_no_catalog(project: Path) -> None:
    _compare("-f", "json", "--no-carry")
    assert not (project / "translations" / "en" / "law_2024.po").exists()


def test_versions_that_would_share_a_catalog_are_refused(project: Path) -> None:
    (project / "other").mkdir()
    shutil.copy(DATA / "compare_law_new.txt", project / "other" / "law_2015.txt")
    result = CliRunner().invoke(app, ["compare", "seeds/law_2015.txt", "other/law_2015.txt"])
    assert result.exit_code == 2 and "would share the catalog" in result.stderr


def test_a_segment_translated_with_the_previous_one_keeps_its_mark_in_an_unchanged_unit(project: Path) -> None:
    po = project / "translations" / "en" / "law_2015.po"
    second = "（二）能够显著提高国家安全能力和公共安全水平的；"
    text, _, _ = catalog.fill_catalog(po, {second: Fill("↑")}, overwrite=True)
    catalog.save(po, text)
    _compare("-f", "json")
    entry = _entries(project)[second]
    assert entry.msgstr == "↑" and not entry.fuzzy  # its article only moved: its English still stands before it
