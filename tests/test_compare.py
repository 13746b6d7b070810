"""aligner compare: units of two versions matched, their statuses, the JSON, and the law corpus."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import importers, source
from aligner.cli import app
from aligner.compare.match import compare_units
from aligner.compare.run import compare_documents
from aligner.compare.units import Change, fold, units_of
from conftest import DATA
from tests.amend import amend, score

LAW_OLD = DATA / "compare_law_old.txt"
LAW_NEW = DATA / "compare_law_new.txt"


def _units(old: Path | str, new: Path | str) -> list:  # type: ignore[type-arg]
    def read(value: Path | str):  # type: ignore[no-untyped-def]
        if isinstance(value, Path):
            return importers.read(value)
        return source.parse(value, doc_id="doc", path="doc.txt")

    return compare_units(units_of(read(old)), units_of(read(new)))


def _triples(units: list) -> list[tuple[str | None, str | None, str]]:  # type: ignore[type-arg]
    return [(u.old.name if u.old else None, u.new.name if u.new else None, u.status.value) for u in units]


# The fixture law in two versions: one article deleted, one inserted, one modified, one moved
# (three places on), two renumbered by it, and a cross-reference that follows the move.
@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        ("第一条", "第一条", "unchanged"),
        ("第二条", "第二条", "unchanged"),
        ("第三条", None, "deleted"),
        ("第四条", "第三条", "renumbered"),
        (None, "第四条", "added"),
        ("第五条", "第五条", "unchanged"),
        ("第六条", "第六条", "modified"),
        ("第八条", "第七条", "renumbered"),
        ("第九条", "第八条", "renumbered"),
        ("第七条", "第九条", "moved"),
        ("第十条", "第十条", "references"),
        ("第一章 总则", "第一章 总则", "unchanged"),
    ],
)
def test_fixture_law_units(old: str | None, new: str | None, status: str) -> None:
    assert (old, new, status) in _triples(_units(LAW_OLD, LAW_NEW))


def test_fixture_law_in_the_new_order_with_the_deleted_article_where_it_stood() -> None:
    names = [(u.old.name if u.old else "", u.new.name if u.new else "") for u in _units(LAW_OLD, LAW_NEW)]
    articles = [pair for pair in names if "条" in pair[0] + pair[1]]
    assert articles == [
        ("第一条", "第一条"),
        ("第二条", "第二条"),
        ("第三条", ""),
        ("第四条", "第三条"),
        ("", "第四条"),
        ("第五条", "第五条"),
        ("第六条", "第六条"),
        ("第八条", "第七条"),
        ("第九条", "第八条"),
        ("第七条", "第九条"),
        ("第十条", "第十条"),
    ]


def test_an_article_is_one_unit_with_its_items() -> None:
    sides = units_of(importers.read(LAW_OLD))
    seventh = next(side for side in sides if side.label == "第七条")
    assert seventh.role == "article" and len(seventh.paragraphs) == 4
    assert seventh.text.split("\n")[1].startswith("（一）")


def test_modified_unit_carries_its_character_changes() -> None:
    unit = next(u for u in _units(LAW_OLD, LAW_NEW) if u.status is Change.MODIFIED)
    assert [text for op, text in unit.changes if op == 1] == ["、对接", "公布有关信息不得泄露国家秘密和商业秘密。"]
    assert not [text for op, text in unit.changes if op == -1]
    old_text = "".join(text for op, text in unit.changes if op <= 0)
    new_text = "".join(text for op, text in unit.changes if op >= 0)
    assert (old_text, new_text) == (unit.old.text, unit.new.text)
    assert 0.8 < unit.similarity < 1.0


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        ("关于做好2024年度科技成果转化工作的通…", "关于做好2025年度科技成果转化工作的通…", "modified"),
        ("各有关单位：", "各有关单位：", "unchanged"),
        ("各单位要高度重视科技成果转化工作，明确分…", "各单位要高度重视科技成果转化工作，明确分…", "modified"),
        (None, "各单位要加强对科技成果转化人员的培训，每…", "added"),
        ("联系人：张明，电话：010-123456…", None, "deleted"),
        ("科技管理办公室", "科技管理办公室", "unchanged"),
        ("2024年1月15日", "2025年1月10日", "modified"),
    ],
)
def test_a_notice_without_articles_is_compared_by_paragraphs(old: str | None, new: str | None, status: str) -> None:
    assert (old, new, status) in _triples(_units(DATA / "compare_notice_old.txt", DATA / "compare_notice_new.txt"))


def _respaced_variants() -> list[str]:
    text = LAW_OLD.read_text(encoding="utf-8")
    return [
        text.replace("，", ",").replace("：", ":").replace("；", ";").replace("。", "。 "),
        text.replace(" ", "\u3000").replace("\n\n", "\n\n\n"),
        text.replace("\n\n", "\n\n  ").replace("（", "(").replace("）", ")"),
        (DATA / "compare_law_respaced.txt").read_text(encoding="utf-8"),
    ]


@pytest.mark.parametrize("variant", range(4))
def test_white_space_punctuation_width_and_wrapping_leave_every_unit_unchanged(variant: int) -> None:
    units = _units(LAW_OLD.read_text(encoding="utf-8"), _respaced_variants()[variant])
    assert {u.status for u in units} == {Change.UNCHANGED}
    assert len(units) == len(units_of(importers.read(LAW_OLD)))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("第一条　为了，制定本法。", "第一条为了,制定本法。"),
        ("（一）ａｂ１２；", "(一)ab12;"),
        ("规范\n科技", "规范科技"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


SPLIT_OLD = """示例条例

第一条 为了规范管理，制定本条例。

第二条 申请人应当提交申请书。申请书应当载明申请人的姓名、住所和联系方式，并附有关证明材料。受理机关应当自收到申请之日起十五日内作出决定，并书面通知申请人。

第三条 本条例自公布之日起施行。
"""
SPLIT_NEW = """示例条例

第一条 为了规范管理，制定本条例。

第二条 申请人应当提交申请书。申请书应当载明申请人的姓名、住所和联系方式，并附有关证明材料。

第三条 受理机关应当自收到申请之日起十五日内作出决定，并书面通知申请人。

第四条 本条例自公布之日起施行。
"""


def test_a_split_article_names_both_parts() -> None:
    units = _units(SPLIT_OLD, SPLIT_NEW)
    split = [u for u in units if u.status is Change.SPLIT]
    assert len(split) == 1 and split[0].old.label == "第二条"
    assert [split[0].new.label, *(s.label for s in split[0].others)] == ["第二条", "第三条"]
    assert ("第三条", "第四条", "renumbered") in _triples(units)
    assert not [u for u in units if u.status in (Change.ADDED, Change.DELETED)]


def test_merged_articles_name_both_old_ones() -> None:
    units = _units(SPLIT_NEW, SPLIT_OLD)
    merged = [u for u in units if u.status is Change.MERGED]
    assert len(merged) == 1 and merged[0].new.label == "第二条"
    assert [merged[0].old.label, *(s.label for s in merged[0].others)] == ["第二条", "第三条"]
    assert not [u for u in units if u.status in (Change.ADDED, Change.DELETED)]


@pytest.mark.parametrize("seed", range(6))
def test_synthetic_amendments_of_the_fixture_law(seed: int) -> None:
    amended = amend(LAW_OLD.read_text(encoding="utf-8"), seed=seed, rate=0.2)
    assert amended is not None and amended.edits["deleted"] and amended.edits["added"]
    units = _units(amended.old, amended.new)
    right, total, wrong = score(amended, units)
    assert right == total, wrong


# ----------------------------------------------------------------------------- the JSON


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["compare", *args, "-f", "json", "--no-carry"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_format() -> None:
    report = _json(str(LAW_OLD), str(LAW_NEW))
    assert list(report) == ["old", "new", "units", "summary"]
    assert report["old"].endswith("compare_law_old.txt") and report["new"].endswith("compare_law_new.txt")
    assert report["summary"] == {
        "unchanged": 6, "renumbered": 3, "references": 1, "modified": 1, "moved": 1,
        "added": 1, "deleted": 1, "split": 0, "merged": 0,
    }  # fmt: skip
    references = next(u for u in report["units"] if u["status"] == "references")
    assert references["old"] == {"label": "第十条", "line": 31}
    assert references["new"] == {"label": "第十条", "line": 31}
    assert ["-", "七"] in references["changes"] and ["+", "九"] in references["changes"]
    deleted = next(u for u in report["units"] if u["status"] == "deleted")
    assert deleted["new"] is None and deleted["similarity"] == 0.0 and "changes" not in deleted
    for unit in report["units"]:
        assert set(unit) <= {"status", "old", "new", "similarity", "changes", "others"}
        assert 0.0 <= unit["similarity"] <= 1.0


def test_json_is_the_same_every_run() -> None:
    first = CliRunner().invoke(app, ["compare", str(LAW_OLD), str(LAW_NEW), "-f", "json", "--no-carry"])
    second = CliRunner().invoke(app, ["compare", str(LAW_OLD), str(LAW_NEW), "-f", "json", "--no-carry"])
    assert first.stdout == second.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere_old.txt", str(LAW_NEW)], "nowhere_old.txt: no such source"),
        ([str(LAW_OLD), str(LAW_NEW), "-f", "pdf"], "unknown format 'pdf'"),
        ([str(LAW_OLD), str(LAW_NEW), "-f", "docx"], "name it with -o FILE.docx"),
        ([str(LAW_OLD), str(LAW_NEW), "--lang", "e n"], "e n"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["compare", *args])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_real_process_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "changes.json"
    done = subprocess.run(
        [".venv/bin/aligner", "compare", str(LAW_OLD), str(LAW_NEW), "-f", "json", "-o", str(out), "--no-carry"],
        cwd=DATA.parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["moved"] == 1


# ----------------------------------------------------------------------------- the law corpus

# Matches checked by hand on the amended laws of the corpus (law-versions/NNN_old.txt, _new.txt).
HAND_CHECKED = [
    ("005", "第五条", "第十条", "renumbered"),
    ("005", "第六条", "第五条", "moved"),
    ("005", "第十八条", "第十九条", "modified"),
    ("010", "第二十条", "第二十九条", "moved"),
    ("010", "第二十一条", "第二十三条", "modified"),
    ("010", "第三十七条", "第五十三条", "renumbered"),
    ("012", "第五条", "第五条", "modified"),
    ("012", "第五十五条", "第六十三条", "renumbered"),
    ("013", "第八条", "第十一条", "modified"),
    ("013", "第十六条", "第十九条", "renumbered"),
    ("013", "第九十六条", "第一百零七条", "references"),
    ("014", "第七十九条", "第九十三条", "renumbered"),
    ("016", "第四十六条", "第四十七条", "renumbered"),
    ("016", "第一百零四条", "第一百一十七条", "modified"),
    ("016", "第一百零七条", None, "deleted"),
    ("016", None, "第一百零二条", "added"),
    ("007", "第九十一条", "第一百零六条", "split"),
    # only a reference to another law changed, as that law was renumbered (刑事诉讼法第三十二条 -> 第三十三条)
    ("007", "第五十五条", "第六十三条", "references"),
    ("007", "第一百四十一条", "第一百七十八条", "references"),
]


@pytest.mark.parametrize(("law", "old", "new", "status"), HAND_CHECKED)
def test_hand_checked_matches_on_the_law_versions(
    corpus: Path, law: str, old: str | None, new: str | None, status: str
) -> None:
    folder = corpus / "law-versions"
    units = _units(folder / f"{law}_old.txt", folder / f"{law}_new.txt")
    assert (old, new, status) in _triples(units)


def test_every_article_of_each_side_in_exactly_one_unit(corpus: Path) -> None:
    for old_path in sorted((corpus / "law-versions").glob("*_old.txt")):
        new_path = old_path.with_name(old_path.name.replace("_old", "_new"))
        old_sides, new_sides = units_of(importers.read(old_path)), units_of(importers.read(new_path))
        units = compare_units(old_sides, new_sides)
        seen_old = [id(s) for u in units for s in ([u.old] if u.old else []) + list(u.others) if s in old_sides]
        seen_new = [id(s) for u in units for s in ([u.new] if u.new else []) + list(u.others) if s in new_sides]
        assert sorted(seen_old) == sorted(map(id, old_sides)), old_path.name
        assert sorted(seen_new) == sorted(map(id, new_sides)), old_path.name


def test_synthetic_amendments_of_real_laws(corpus: Path) -> None:
    right = total = 0
    for path in sorted((corpus / "law-versions").glob("01[0-9]_new.txt")):
        amended = amend(path.read_text(encoding="utf-8"), seed=1)
        if amended is None:
            continue
        r, t, _wrong = score(amended, _units(amended.old, amended.new))
        right, total = right + r, total + t
    assert total > 900 and right / total >= 0.98


def test_compare_documents_reports_on_the_fixture() -> None:
    comparison = compare_documents(importers.read(LAW_OLD), importers.read(LAW_NEW))
    assert comparison.summary["moved"] == 1 and comparison.title.startswith("中华人民共和国")


def test_versions_in_html_compare_as_their_text(tmp_path: Path) -> None:
    import html

    for name in ("compare_law_old", "compare_law_new"):
        blocks = [b for b in (DATA / f"{name}.txt").read_text(encoding="utf-8").split("\n\n") if b.strip()]
        body = f"<h1>{html.escape(blocks[0])}</h1>" + "".join(f"<p>{html.escape(b)}</p>" for b in blocks[1:])
        page = f"<html><head><meta charset='utf-8'><title>{html.escape(blocks[0])}</title></head><body>{body}</body></html>"
        (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")
    from_html = _json(str(tmp_path / "compare_law_old.html"), str(tmp_path / "compare_law_new.html"))
    from_text = _json(str(LAW_OLD), str(LAW_NEW))
    assert from_html["summary"] == from_text["summary"]
    assert [u["status"] for u in from_html["units"]] == [u["status"] for u in from_text["units"]]


def test_two_long_unlike_documents_are_compared_in_bounded_work() -> None:
    import random

    rng = random.Random(5)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]

    def document(count: int) -> str:
        return "\n\n".join("".join(rng.choice(han) for _ in range(40)) + "。" for _ in range(count))

    old_text, new_text = document(700), document(700)
    shared = "各单位应当加强组织领导，明确责任分工，确保各项任务落到实处。"
    old_text += "\n\n" + shared
    new_text = shared + "\n\n" + new_text  # one paragraph moved from the end to the start
    old_sides = units_of(source.parse(old_text, doc_id="a", path="a.txt"))
    new_sides = units_of(source.parse(new_text, doc_id="b", path="b.txt"))
    assert len(old_sides) * len(new_sides) > 400_000  # past what is compared all with all
    units = compare_units(old_sides, new_sides)
    assert sum(1 for u in units if u.old is not None) == len(old_sides)
    assert sum(1 for u in units if u.new is not None) == len(new_sides)
    kept = [u for u in units if u.old is not None and u.new is not None]
    assert [(u.old.text, u.status) for u in kept] == [(shared, Change.UNCHANGED)]


# Amended the way a legislature amends: a chapter put in (the chapters after it renumbered), an
# article inserted as 第一条之一 without renumbering, a reference to another law (民法典) left as it
# was while the law's own references follow the renumbering.
CHAPTERS_OLD = """某某管理条例

第一章　总则

第一条　为了规范管理，制定本条例。

第二条　申请人应当提交申请书，并附有关证明材料。

第二章　法律责任

第三条　违反本条例第二条规定的，依照民法典第二条第二款的规定承担民事责任。

第四条　本条例自公布之日起施行。
"""
CHAPTERS_NEW = """某某管理条例

第一章　总则

第一条　为了规范管理，制定本条例。

第一条之一　国家建立数据分类分级保护制度。

第二章　数据安全

第二条　有关单位处理重要数据，应当明确数据安全负责人。

第三条　申请人应当提交申请书，并附有关证明材料。

第三章　法律责任

第四条　违反本条例第三条规定的，依照民法典第二条第二款的规定承担民事责任。

第五条　本条例自公布之日起施行。
"""


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        ("第一条", "第一条", "unchanged"),
        (None, "第一条之一", "added"),
        (None, "第二章　数据安全", "added"),
        (None, "第二条", "added"),
        ("第二条", "第三条", "renumbered"),
        ("第二章　法律责任", "第三章　法律责任", "renumbered"),
        ("第三条", "第四条", "references"),
        ("第四条", "第五条", "renumbered"),
    ],
)
def test_a_chapter_put_in_and_an_article_inserted_as_zhiyi(old: str | None, new: str | None, status: str) -> None:
    assert (old, new, status) in _triples(_units(CHAPTERS_OLD, CHAPTERS_NEW))
