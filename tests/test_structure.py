"""The structure rulebook: roles, heading levels, articles and chapters of blocks the format said nothing about."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner import source, structure
from aligner.model import Paragraph, Role
from tests.conftest import DATA

LAW = DATA / "law_chapters_articles.txt"


def blocks(text: str) -> tuple[Paragraph, ...]:
    return structure.infer(source.parse(text, doc_id="t", path="t.txt")).paragraphs


def block_of(found: tuple[Paragraph, ...], start: str) -> Paragraph:
    return next(p for p in found if p.text.startswith(start))


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
