"""The one reader of figures: Chinese and English numbers, dates and enumeration labels."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from aligner import figures


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十三", 13),
        ("二十六", 26),
        ("一百零五", 105),
        ("三千万", 30_000_000),
        ("二〇二一", 2021),
        ("五万七千四百", 57_400),
        ("一亿五千万", 150_000_000),
        ("百亿", 10_000_000_000),
        ("万亿", 1_000_000_000_000),
        ("两", 2),
        ("统一", None),
    ],
)
def test_zh_numeral(text: str, value: int | None) -> None:
    assert figures.zh_numeral(text) == value


@pytest.mark.parametrize("value", [1, 9, 10, 11, 14, 20, 23, 99, 100, 105, 110, 143, 1576])
def test_zh_numeral_text_reads_back(value: int) -> None:
    assert figures.zh_numeral(figures.zh_numeral_text(value)) == value


@pytest.mark.parametrize(
    ("line", "style", "value"),
    [
        ("（一）含有严重超出标准限量的致病性微生物", "(一)", 1),
        ("二、主要成效", "一、", 2),
        ("一是加强领导", "一是", 1),
        ("第十二条 本解释自公布之日起施行。", "第一条", 12),
        ("第一百零三条 国家保护", "第一条", 103),
        ("第三章　附则", "第一章", 3),
        ("(3)完善制度", "(1)", 3),
        ("附件：1.名单", "1.", 1),
        ("　（四）加强科技创新人才引育", "(一)", 4),
    ],
)
def test_zh_label(line: str, style: str, value: int) -> None:
    label = figures.zh_label(line)
    assert label is not None and (label.style, label.value) == (style, value)


@pytest.mark.parametrize("line", ["统一思想", "三峡库区", "12.5%的增长", "2021年"])
def test_no_zh_label(line: str) -> None:
    assert figures.zh_label(line) is None


@pytest.mark.parametrize(
    ("line", "style", "value"),
    [("Article 12 This Law", "Article", 12), ("II. Main results", "I.", 2), ("(3) Improving", "(1)", 3)],
)
def test_en_label(line: str, style: str, value: int) -> None:
    label = figures.en_label(line)
    assert label is not None and (label.style, label.value) == (style, value)


def test_zh_figures_of_a_seed_sentence() -> None:
    text = "整合两地总价值约112亿元的大型仪器设备14090台/套,交换共享第一批8000余名专家信息。"
    found = [(f.kind, f.value) for f in figures.zh_figures(text)]
    assert found == [
        ("number", Decimal(11_200_000_000)),
        ("number", Decimal(14090)),
        ("ordinal", Decimal(1)),
        ("number", Decimal(8000)),
    ]


def test_zh_figures_dates_percent_counts_codes() -> None:
    found = figures.zh_figures("2021年11月16日召开五届四次会议,增长12.5%,5G基站")
    assert [f.kind for f in found] == ["date", "number", "number", "percent", "code"]
    assert found[0].date == (2021, 11, 16)


def test_en_figures_read_values_in_their_style() -> None:
    found = figures.en_figures("On 16 November 2021, about 11.2 billion yuan and 14,090 units; Article 12; the sixth")
    assert [(f.kind, f.value, f.date) for f in found] == [
        ("date", None, (2021, 11, 16)),
        ("number", Decimal("11200000000"), None),
        ("number", Decimal(14090), None),
        ("ordinal", Decimal(12), None),
        ("ordinal", Decimal(6), None),
    ]


def test_skeleton_hides_figures_only() -> None:
    a = figures.zh_figures("第十二条 罚款五万元")
    b = figures.zh_figures("第十四条 罚款十万元")
    assert figures.skeleton("第十二条 罚款五万元", a) == figures.skeleton("第十四条 罚款十万元", b)
    assert figures.skeleton("第十二条", figures.zh_figures("第十二条")) != "第十二条"


def test_the_reader_of_figures_uses_the_standard_library_only() -> None:
    import ast
    import sys

    from aligner import lazyre, records

    for module in (figures, lazyre, records):  # the package's own stdlib-only helpers
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {
            f"{n.module}.{a.name}" if n.module == "aligner" else n.module
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module
            for a in n.names
        }
        assert all(
            name.split(".")[0] in sys.stdlib_module_names
            for name in imported - {"__future__", "aligner.lazyre", "aligner.records"}
        )


def test_a_hedged_figure_is_not_a_placeable_for_an_exact_one() -> None:
    def mask(text: str) -> str:
        return figures.skeleton(text, figures.zh_figures(text, values=False))

    assert mask("交换第一批8000余名专家信息") == mask("交换第一批9000多名专家信息")
    assert mask("交换第一批8000余名专家信息") != mask("交换第一批8000名专家信息")
    found = figures.zh_figures("3000多亿元")
    assert [(f.value, f.approx) for f in found] == [(Decimal(300_000_000_000), True)]


@pytest.mark.parametrize(
    ("label", "number"),
    [
        ("第十二条", (12, 0)),
        ("第10条", (10, 0)),
        ("第十条之一", (10, 1)),
        ("第一百零三条", (103, 0)),
        ("第一百一十条之二", (110, 2)),
        ("第三百三十八条", (338, 0)),
        (" 第二条 ", (2, 0)),
        ("第十二章", None),
        ("第十二条第二款", None),
        ("条", None),
    ],
)
def test_article_number(label: str, number: tuple[int, int] | None) -> None:
    assert figures.article_number(label) == number


@pytest.mark.parametrize(
    ("number", "digits", "label"),
    [
        ((12, 0), False, "第十二条"),
        ((10, 1), False, "第十条之一"),
        ((103, 0), False, "第一百零三条"),
        ((110, 0), False, "第一百一十条"),
        ((14, 0), True, "第14条"),
        ((10, 1), True, "第10条之1"),
    ],
)
def test_article_label_reads_back(number: tuple[int, int], digits: bool, label: str) -> None:
    assert figures.article_label(number, digits=digits) == label
    assert figures.article_number(label) == number


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("依照本法第十二条的规定处罚。", ["第十二条"]),
        ("违反本条例第5条规定的，责令改正。", ["第5条"]),
        ("依照本法第十二条、第十四条第二款和第十六条的规定", ["第十二条", "第十四条", "第十六条"]),
        ("有本法第十条至第十五条规定情形之一的", ["第十条", "第十五条"]),
        ("具有本解释第一条第十项至第十七项规定情形之一的", ["第一条"]),
        ("适用本法第十条之一的规定", ["第十条之一"]),
        # another law's articles, and the rest of their list, are not the document's own
        ("实施刑法第三百三十八条、第四百零八条规定的行为", []),
        ("依照《中华人民共和国民法典》第十条至第十二条", []),
        ("依照刑事诉讼法第七十九条的规定", []),
        # a code (法典), a charter, a treaty: named without 《》 and not ending in 法
        ("适用民法典第二十五条第二款的规定", []),
        ("依照公司章程第十条、第十二条的规定", []),
        ("不适用维也纳条约法公约第三条", []),
        ("依照双边投资协定第九条提交仲裁", []),
        # the label an article opens with is its own number, not a reference
        ("第十二条　依照前条规定", []),
        ("第二条 依照本办法第八条处理，并依照刑法第十条处罚", ["第八条"]),
        ("本规定自公布之日起施行。", []),
    ],
)
def test_article_references(text: str, references: list[str]) -> None:
    found = figures.article_references(text)
    assert [text[r.start : r.end] for r in found] == references


@pytest.mark.parametrize(
    ("text", "renumbered"),
    [
        ("依照本法第十二条的规定", "依照本法第十四条的规定"),
        ("违反本条例第12条、第十三条规定的", "违反本条例第14条、第十五条规定的"),
        ("依照刑法第十二条的规定", "依照刑法第十二条的规定"),
        ("第十二条　依照本法第十三条", "第十二条　依照本法第十五条"),
        ("依照本法第二十条的规定", "依照本法第二十条的规定"),
    ],
)
def test_renumber_references(text: str, renumbered: str) -> None:
    numbers = {(12, 0): (14, 0), (13, 0): (15, 0), (20, 0): (20, 0)}
    assert figures.renumber_references(text, numbers) == renumbered


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("实施刑法第三百三十八条、第四百零八条规定的行为", [("第三百三十八条", False), ("第四百零八条", False)]),
        (
            "符合刑事诉讼法第九十九条和本解释第一百三十八条第一款规定的",
            [("第九十九条", False), ("第一百三十八条", True)],
        ),
        ("依照本法第十二条的规定", [("第十二条", True)]),
    ],
)
def test_article_references_to_other_laws_on_request(text: str, references: list[tuple[str, bool]]) -> None:
    found = figures.article_references(text, others=True)
    assert [(text[r.start : r.end], r.own) for r in found] == references
