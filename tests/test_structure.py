"""The structure rulebook: roles, heading levels, articles and chapters of blocks the format said nothing about."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner import catalog, segment, source, structure
from aligner.importers import base
from aligner.importers.base import Line
from aligner.model import Kind, Paragraph, Role
from tests.conftest import DATA
from tests.structure_fixtures import table_document

LAW = DATA / "law_chapters_articles.txt"


def blocks(text: str) -> tuple[Paragraph, ...]:
    return structure.infer(source.parse(text, doc_id="t", path="t.txt")).paragraphs


def block_of(found: tuple[Paragraph, ...], start: str) -> Paragraph:
    """The block whose text is ``start``, else the first that starts with it."""
    exact = [p for p in found if p.text == start]
    return exact[0] if exact else next(p for p in found if p.text.startswith(start))


@pytest.fixture(scope="module")
def law() -> tuple[Paragraph, ...]:
    return structure.infer(source.read(LAW)).paragraphs


@pytest.mark.parametrize(
    ("start", "role", "article", "chapter"),
    [
        ("中华人民共和国促进科技成果转化法", Role.TITLE, "", ""),
        ("1996年5月15日", Role.NOTE, "", ""),  # legislative history
        ("第一章 总则", Role.HEADING, "", "第一章"),
        ("第一条 为了", Role.ARTICLE, "第一条", "第一章"),
        ("本法所称科技成果转化", Role.PARAGRAPH, "第二条", "第一章"),  # an article's second paragraph
        ("科技成果转化活动应当遵守", Role.PARAGRAPH, "第三条", "第一章"),
        ("第二章 组织实施", Role.HEADING, "", "第二章"),
        ("第十二条 对下列", Role.ARTICLE, "第十二条", "第二章"),
        ("（一）能够显著提高产业", Role.ITEM, "第十二条", "第二章"),
        ("（六）能够加快民族地区", Role.ITEM, "第十二条", "第二章"),  # ends in 。 among siblings ending in ；
        ("第十四条 国家加强标准", Role.ARTICLE, "第十四条", "第二章"),
    ],
)
def test_law_blocks_know_their_article_and_chapter(
    law: tuple[Paragraph, ...], start: str, role: Role, article: str, chapter: str
) -> None:
    block = block_of(law, start)
    assert (block.role, block.article, block.chapter) == (role, article, chapter)


def test_chapters_are_level_one_headings(law: tuple[Paragraph, ...]) -> None:
    assert [(p.text, p.level) for p in law if p.role is Role.HEADING] == [("第一章 总则", 1), ("第二章 组织实施", 1)]


def test_sections_stand_under_their_chapter() -> None:
    found = blocks(
        "第三章 技术转让\n\n第一节 一般规定\n\n第二十条 技术转让应当……。\n\n第二节 合同\n\n第十条之一 前款规定的合同……。\n"
    )
    assert [(p.role, p.level, p.article, p.chapter) for p in found] == [
        (Role.HEADING, 1, "", "第三章"),
        (Role.HEADING, 2, "", "第三章 第一节"),
        (Role.ARTICLE, 0, "第二十条", "第三章 第一节"),
        (Role.HEADING, 2, "", "第三章 第二节"),
        (Role.ARTICLE, 0, "第十条之一", "第三章 第二节"),
    ]


def test_infer_twice_changes_nothing(law: tuple[Paragraph, ...]) -> None:
    again = structure.roles(law)
    assert [(p.role, p.level, p.article, p.chapter) for p in again] == [
        (p.role, p.level, p.article, p.chapter) for p in law
    ]


def test_a_role_the_importer_gave_is_kept() -> None:
    document = source.parse("第一条 总则\n", doc_id="t", path="t.txt")
    given = document.paragraphs[0]
    import dataclasses

    document = dataclasses.replace(document, paragraphs=(dataclasses.replace(given, role=Role.CELL),))
    assert structure.infer(document).paragraphs[0].role is Role.CELL


def test_fixture_is_small() -> None:
    assert Path(LAW).stat().st_size < 6000


@pytest.mark.parametrize(
    ("text", "carried"),
    [("2.40", True), (">2.5", True), ("%", True), ("GB/T 9704-2012", True), ("12", True), ("件", False),
     ("预期性", False), ("数字经济核心产业增加值占GDP比重", False), ("n/a later", False), ("", False)],
)  # fmt: skip
def test_a_cell_of_figures_or_codes_is_carried(text: str, carried: bool) -> None:
    assert structure.carried(text) is carried


def test_cells_are_segments_of_their_own_and_carried_ones_have_no_entry() -> None:
    document = table_document()
    segments = segment.segment(document)
    cells = [s for s in segments if s.kind is Kind.CELL]
    assert len(cells) == 32  # four rows of eight cells, none joined, none cut
    assert segments[-1].kind is Kind.BODY
    entries = {e.msgid: e.extracted for e in catalog.template_entries(segments, "table.html", document)}
    assert "2.40" not in entries and ">2.5" not in entries and "%" not in entries
    assert entries["每万人口高价值发明专利拥有量"] == "cell, table 1, row 3, cell 1"
    assert (
        entries["预期性"] == "cell, table 1, row 2, cell 8; cell, table 1, row 3, cell 8; cell, table 1, row 4, cell 8"
    )


@pytest.mark.corpus
def test_roles_agree_with_the_labelled_lines(corpus: Path) -> None:
    """The labelled set of corpus/structure-labels (its README's scoring): kinds and levels."""
    from tests.structure_labels import score

    result = score(corpus / "structure-labels", corpus)
    assert result.lines == 952
    assert result.agreement >= 0.95, sorted(result.confusion.items(), key=lambda item: -item[1])[:10]
    assert result.level_agreement >= 0.90


@pytest.mark.corpus
def test_no_body_item_or_formula_line_is_a_heading_in_the_laws(corpus: Path) -> None:
    for path in sorted((corpus / "zh-docs").glob("1[234]_*.txt")):
        found = structure.infer(source.read(path)).paragraphs
        for block in found:
            if block.role is Role.HEADING:
                assert len(block.text) <= structure.SHORT and not block.text.endswith(("；", "。")), block.text


@pytest.mark.parametrize(
    ("text", "start", "role"),
    [
        # A formula line is body, never a title.
        ("关于职工全年月平均工作时间的通知\n\n一、制度工作时间的计算\n\n年工作日：365天-104天（休息日）-11天（法定节假日）＝250天\n\n"
         "季工作日：250天÷4季＝62.5天/季\n", "年工作日", Role.PARAGRAPH),
        # The last item ends in 。 where its siblings end in ；: still an item.
        ("第三十九条 有下列情形之一的，应当准予离婚：\n\n（一）重婚或者与他人同居的；\n\n（二）实施家庭暴力的；\n\n"
         "（三）有赌博、吸毒等恶习屡教不改的；\n\n（四）因感情不和分居满二年的；\n\n（五）其他导致夫妻感情破裂的情形。\n",
         "（五）其他", Role.ITEM),
        # A run-in heading opens a paragraph.
        ("四、保障措施\n\n（一）加强组织领导。各地区要把这项工作摆上重要议事日程，明确责任分工。\n\n"
         "（二）强化督促检查。各有关部门要加强指导。\n", "（一）加强组织领导", Role.PARAGRAPH),
        # Standalone phrases with text under them are headings, with their level.
        ("一、总体要求\n\n以习近平新时代中国特色社会主义思想为指导。\n\n（一）统筹建设监管工作平台。\n\n各省要建设平台。\n\n"
         "（二）实行抽查事项清单管理。\n\n各部门要建立清单。\n", "（二）实行", Role.HEADING),
        # A numeral alone among body text is not a heading.
        ("各地区要抓好落实。\n\n三\n\n各部门要加强指导。\n", "三", Role.PARAGRAPH),
        # A table of contents lists headings; its lines are items, not headings.
        ("目　　录\n\n1　总则\n\n1.1　编制目的\n\n2　组织机构\n\n1　总则\n\n1.1　编制目的\n\n为了有效监测，制定本预案。\n\n"
         "2　组织机构\n\n2.1　指挥部\n\n指挥部负责应急工作。\n", "1.1　编制目的", Role.ITEM),
        # Members of a list announced by a lead-in are items.
        ("现就有关事项通知如下：\n\n一、日军遗弃化学武器是历史遗留问题，敏感性较强。因此要加强管理。\n\n"
         "二、要加强调查取证工作，设法查找资料。\n", "一、日军", Role.ITEM),
        ("附件：1.国土资源部关于地质险情调研情况的报告\n\n2.专家组意见\n\n国务院办公厅\n\n二〇〇四年十一月四日\n", "2.专家组", Role.ATTACHMENT),
    ],
)  # fmt: skip
def test_roles_of_lines_from_state_documents(text: str, start: str, role: Role) -> None:
    assert block_of(blocks(text), start).role is role


def test_levels_follow_the_outline_of_the_document() -> None:
    text = ("一、总体要求\n\n总的要求是这样。\n\n（一）统筹建设监管工作平台。\n\n各省要建设平台。\n\n"
            "（二）实行抽查事项清单管理。\n\n各部门要建立清单。\n\n二、保障措施\n\n各地要落实。\n")  # fmt: skip
    assert [(p.text[:3], p.level) for p in blocks(text) if p.role is Role.HEADING] == [
        ("一、总", 1), ("（一）", 2), ("（二）", 2), ("二、保", 1)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "role"),
    [
        ("国务院办公厅关于2019年部分节假日安排的通知", Role.TITLE),  # set on two lines, one block
        ("国办发明电〔2018〕15号", Role.METADATA),
        ("各省、自治区、直辖市人民政府", Role.SALUTATION),
        ("经国务院批准", Role.PARAGRAPH),
        ("一、元旦", Role.ITEM),
        ("四、劳动节", Role.ITEM),  # short and closed by 。, yet a member of the list like its siblings
        ("七、国庆节", Role.ITEM),
        ("节假日期间", Role.PARAGRAPH),
        ("国务院办公厅", Role.SIGNATURE),
        ("2018年12月4日", Role.DATE),
    ],
)
def test_a_notice_of_items(start: str, role: Role) -> None:
    found = structure.infer(source.read(DATA / "notice_items.txt")).paragraphs
    assert block_of(found, start).role is role
    assert not any(p.role is Role.HEADING for p in found)


@pytest.mark.parametrize(
    ("text", "start", "role"),
    [
        # A closed heading phrase with a comma, text under it, after a lead-in: a heading (a work report).
        ("一年来，我们主要做了以下工作：\n\n（一）加强和改善宏观调控，促进经济平稳较快发展。\n\n我们实行积极的财政政策。\n\n"
         "（二）大力调整经济结构，夯实长远发展基础。\n\n我们加强农业。\n", "（二）大力调整", Role.HEADING),
        # A sentence that announces a list heads no text of its own: an item like its sibling.
        ("6.4　奖励和处罚\n\n6.4.1　对参加应急工作的人员，应给予适当的补助。对有下列表现的单位，给予表彰：\n\n（1）出色完成应急任务的；\n\n"
         "（2）有其他突出贡献的。\n\n6.4.2　有下列行为之一的，依照有关法律法规处理。\n\n（1）不采取应急措施的；\n\n（2）其他行为。\n",
         "6.4.2", Role.ITEM),
        ("各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请各位代表审议，并请全国政协委员提出意见\n\n一、过去五年工作回顾\n\n"
         "五年来，我们做了很多工作。\n", "现在，我代表", Role.PARAGRAPH),  # a sentence that lost its 。
        ("正文一段。\n\n注：本文有删节。\n", "注：", Role.NOTE),
        # A closed phrase alone among run-in siblings, its text in the paragraphs under it: a heading
        # (govcn-2019/07).
        ("一、总体要求\n\n（一）重大意义。推进试点具有重要意义。\n\n（二）基本原则。\n\n坚持问题导向，注重创新驱动。要有新办法。\n\n"
         "（三）试点目标。到2020年，完成试点。\n", "（二）基本原则", Role.HEADING),
    ],
)  # fmt: skip
def test_roles_of_lines_from_reports_and_plans(text: str, start: str, role: Role) -> None:
    assert block_of(blocks(text), start).role is role


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        ("三、关于《\n国民经济和社会发展第十一个五年规划纲要（草案）》的说明\n", True),  # broken inside a book title
        ("五年来，我们贯彻民族区域自治法\n\n，支持少数民族和民族地区发展。\n", True),  # a line never opens with ，
        (
            "国 务 院 工 作 规 则\n（二○○四年六月十六日国务院\n第54次常务会议修订通过）\n",
            False,
        ),  # a dated note under a title
        (
            "召 集 人：孙春兰　　国务院副总理\n副召集人：陈宝生　　教育部部长\n丁向阳　　国务院副秘书长\n",
            False,
        ),  # columns
    ],
)
def test_lines_joined_only_where_a_break_fell_inside(lines: str, joined: bool) -> None:
    found = source.parse(lines, doc_id="t", path="t.txt").paragraphs
    assert (len(found) == 1) is joined or (not joined and len(found) > 1 and len(found[0].pieces) == 1)


@pytest.mark.parametrize(
    ("rows", "head"),
    [
        ([[("序号", 1), ("指标", 1)], [("1", 1), ("森林覆盖率", 1)]], 1),
        ([[("序号", 2), ("目标值", 1)], [("2025年", 1)], [("1", 1), ("25.5", 1)]], 2),  # spans down
        ([[("保护区", 1), ("一级", 1)], [("二级", 1), ("三级", 1)]], 0),  # no figure below: no sign of a header
        ([[("1", 1), ("总则", 1)], [("2", 1), ("附则", 1)]], 0),  # a figure in the first row
        ([[("单位", 1), ("", 1)], [("1", 1), ("2", 1)]], 0),  # an empty cell in the first row
    ],
)
def test_a_table_that_marks_no_header_has_its_first_row_read_as_one(rows: list, head: int) -> None:
    assert structure.header_rows(rows) == head


def test_a_bracketed_note_over_two_lines_ends_where_its_bracket_closes() -> None:
    """The Constitution's history (（1982年……通过 / 根据……修正）) is one note; 序　言 stands apart."""
    text = (
        "中华人民共和国宪法\n（1982年12月4日第五届全国人民代表大会第五次会议通过　1982年12月4日全国人民代表大会公告公布施行\n"
        "根据1988年4月12日第七届全国人民代表大会第一次会议通过的《中华人民共和国宪法修正案》修正）\n序　言\n"
        "中国是世界上历史最悠久的国家之一。\n"
    )
    found = structure.infer(source.parse(text, doc_id="t", path="t.txt")).paragraphs
    assert [len(p.pieces) for p in found] == [1, 2, 1, 1]
    assert found[1].role is Role.NOTE and found[2].text == "序　言"
    # the preamble is a part of the law, beside its chapters: a heading of the first level
    assert found[2].role is Role.HEADING and found[2].level == 1


def test_levels_a_format_gave_count_from_its_top_heading() -> None:
    """Markdown's ## chapters under the # title, a page's <h2>: level 1 as in the text version."""
    lines = [
        Line("中华人民共和国促进科技成果转化法", role=Role.TITLE),
        Line("第一章 总则", role=Role.HEADING, level=2),
        Line("第一条 为了促进科技成果转化为现实生产力，制定本法。"),
        Line("第一节 一般规定", role=Role.HEADING, level=3),
        Line("第二条 本法所称科技成果，是指具有实用价值的成果。"),
    ]
    found = structure.infer(base.assemble(lines, doc_id="law", path="law.md", encoding="utf-8")).paragraphs
    assert [(p.role, p.level, p.article, p.chapter) for p in found] == [
        (Role.TITLE, 0, "", ""),
        (Role.HEADING, 1, "", "第一章"),
        (Role.ARTICLE, 0, "第一条", "第一章"),
        (Role.HEADING, 2, "", "第一章 第一节"),
        (Role.ARTICLE, 0, "第二条", "第一章 第一节"),
    ]
    assert [p.level for p in structure.roles(found)] == [0, 1, 0, 2, 0]  # run again: the same levels
