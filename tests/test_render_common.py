"""Helpers the render tests share (hand-built alignments, the seed with a catalog), and the tests of
the layout every format follows: paragraphs as blocks, joined segments as one unit, stable anchors."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from aligner import catalog, pipeline
from aligner.align import align
from aligner.config import Project, load_project
from aligner.model import (
    JOINED_MARK,
    Alignment,
    Catalog,
    Document,
    Entry,
    Kind,
    Paragraph,
    Piece,
    Segment,
    Status,
)
from aligner.render import layout

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_9e415571a82dd196.txt"
SEED_PO = ROOT / "translations" / "en" / "000_9e415571a82dd196.po"

Row = tuple[str, Kind, int, str]  # text, kind, paragraph, msgstr


# --------------------------------------------------------------------------- hand-built alignments


def make_alignment(
    rows: Sequence[Row],
    *,
    flags: dict[int, tuple[str, ...]] | None = None,
    comments: dict[int, str] | None = None,
    header: tuple[tuple[str, str], ...] = (),
    language: str = "en",
    gaps: dict[int, int] | None = None,
    indented: Sequence[int] = (),
) -> Alignment:
    """An alignment from (text, kind, paragraph, msgstr) rows; each paragraph on its own source line(s)."""
    flags = flags or {}
    comments = comments or {}
    gaps = gaps or {}
    segments: list[Segment] = []
    entries: list[Entry] = []
    paragraphs: list[Paragraph] = []
    line = 0
    sentence = 0
    previous_paragraph = None
    texts: dict[int, list[str]] = {}
    lines: dict[int, int] = {}
    for index, (text, kind, paragraph, msgstr) in enumerate(rows):
        if paragraph != previous_paragraph:
            line += 1 + gaps.get(paragraph, 1 if previous_paragraph is not None else 0)
            sentence = 0
            previous_paragraph = paragraph
            lines[paragraph] = line
        sentence += 1
        texts.setdefault(paragraph, []).append(text)
        segments.append(Segment(text, kind, line, line, 0, len(text), paragraph, sentence))
        entries.append(
            Entry(
                msgid=text,
                msgstr=msgstr,
                flags=flags.get(index, ()),
                comment=comments.get(index, ""),
                references=(("doc.txt", line),),
            )
        )
    for number, parts in texts.items():
        text = "".join(parts)
        indent = 20 if number in indented else 0
        piece = Piece(text, lines[number], 0, len(text), indent) if indent else Piece(text, lines[number], 0, len(text))
        paragraphs.append(Paragraph(number, (piece,), text, ((0, 0),)))
    document = Document("doc", "doc.txt", "", "utf-8", tuple(paragraphs))
    # A repeated msgid is one entry in a catalog.
    unique: dict[str, Entry] = {}
    for entry in entries:
        unique.setdefault(entry.msgid, entry)
    cat = Catalog("translations/en/doc.po", tuple(unique.values()), header=header, language=language)
    return align(document, segments, cat)


LETTER: list[Row] = [
    ("您当前的位置: 首页>>政务公开", Kind.BOILERPLATE, 1, "You are here: Home >> Government affairs"),
    ("[ 索引号 ] 115/2021-00319", Kind.METADATA, 2, "[ Index number ] 115/2021-00319"),
    ("[ 发布机构 ] 市科技局", Kind.METADATA, 3, "[ Issuer ] Municipal Science and Technology Bureau"),
    ("关于第0426号提案的复函", Kind.TITLE, 4, "Reply to Proposal No. 0426"),
    ("易小光委员:", Kind.SALUTATION, 5, "Dear Member Yi Xiaoguang,"),
    ("一、推进情况", Kind.HEADING, 6, "I. Progress"),
    ("(一)建立合作机制。", Kind.HEADING, 7, "(1) Establishing a cooperation mechanism."),
    ("联合成立专项工作组。", Kind.BODY, 7, "A joint task force was set up."),
    ("召开3次会议。", Kind.BODY, 7, "It met three times"),
    ("签订协议。", Kind.BODY, 7, JOINED_MARK),
    ("共同争取国家支持。", Kind.BODY, 7, ""),
    ("完善政策体系。", Kind.BODY, 7, "The policy system was improved."),
    ("此复函已经局主要领导审签。", Kind.BODY, 8, "This reply was approved by the bureau's leaders."),
    ("重庆市科学技术局", Kind.SIGNATURE, 9, "Chongqing Municipal Science and Technology Bureau"),
    ("2021年11月16日", Kind.DATE, 10, "16 November 2021"),
]


def letter(**changes: object) -> Alignment:
    """The small letter above; ``changes`` maps a row index to a new msgstr."""
    rows = [(t, k, p, str(changes.get(f"r{i}", m))) for i, (t, k, p, m) in enumerate(LETTER)]
    return make_alignment(
        rows,
        flags={11: ("fuzzy",)},
        comments={12: "审签: approved and signed off; <b>not</b> a signature."},
        header=(("Last-Translator", "Jane Doe <jane@example.org>"), ("PO-Revision-Date", "2021-12-10 09:00+0000")),
        gaps={3: 0},
        indented=(9, 10),
    )


# --------------------------------------------------------------------------- the seed


def project() -> Project:
    return load_project(ROOT)


def seed_segments() -> tuple[Document, list[Segment]]:
    return pipeline.load_document(SEED, project())


def fake_english(segment_text: str, position: str) -> str:
    # English longer or shorter than the Chinese by turns, so row heights differ on both sides.
    words = max(2, len(segment_text) // (3 if len(segment_text) % 2 else 9))
    return f"English of {position}: " + " ".join(["word"] * words) + "."


def seed_entries() -> list[Entry]:
    """The seed's entries: the translator's catalog when present, else a full stand-in translation."""
    document, segments = seed_segments()
    if SEED_PO.exists():
        return list(catalog.load(SEED_PO).entries)
    items = catalog.template_entries(segments, document.path)
    positions = {seg.text: seg.position for seg in segments}
    return [
        Entry(
            msgid=item.msgid,
            msgstr=fake_english(item.msgid, positions[item.msgid]),
            references=item.references,
            extracted=item.extracted,
        )
        for item in items
    ]


def write_seed_catalog(path: Path, edit: Callable[[int, Entry], Entry] | None = None) -> Path:
    """Write the seed's catalog to ``path``, each entry passed through ``edit(index, entry)``."""
    entries = seed_entries()
    if edit is not None:
        entries = [edit(i, e) for i, e in enumerate(entries)]
    header = {"Last-Translator": "Test Translator <t@example.org>", "PO-Revision-Date": "2021-12-20 10:00+0000"}
    if SEED_PO.exists():
        header.update({k: v for k, v in catalog.load(SEED_PO).header if k in ("Last-Translator", "PO-Revision-Date")})
    path.parent.mkdir(parents=True, exist_ok=True)
    text = catalog.write_entries(path, entries, doc_id=SEED.stem, language="en", header=header)
    path.write_text(text, encoding="utf-8")
    return path


def seed_alignment(po: Path) -> Alignment:
    document, segments = seed_segments()
    return align(document, segments, catalog.load(po))


def temp_project(tmp_path: Path) -> Path:
    """A project folder holding the seed, for running the command line away from the repository."""
    (tmp_path / "seeds").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "pyproject.toml").write_text('[tool.aligner]\nlanguages = ["en"]\n', encoding="utf-8")
    return tmp_path


# --------------------------------------------------------------------------- layout


def test_blocks_follow_paragraphs() -> None:
    page = layout.build(letter())
    assert [b.number for b in page.blocks] == list(range(1, 11))
    assert [b.kind for b in page.blocks][:4] == [Kind.BOILERPLATE, Kind.METADATA, Kind.METADATA, Kind.TITLE]
    # A paragraph opening with a run-in heading is a body paragraph.
    assert page.blocks[6].kind is Kind.BODY
    assert [b.gap for b in page.blocks][:4] == [0, 1, 0, 1]
    assert [b.align for b in page.blocks] == [""] * 8 + ["right", "right"]


def test_joined_segment_shares_the_previous_unit() -> None:
    block = layout.build(letter()).blocks[6]
    labels = [u.label for u in block.units]
    assert labels == ["7.1", "7.2", "7.3–4", "7.5", "7.6"]
    joined = block.units[2]
    assert joined.positions == "7.3 7.4"
    assert joined.target == "It met three times"
    assert joined.status is Status.TRANSLATED
    assert not joined.missing


def test_statuses_and_notes() -> None:
    page = layout.build(letter())
    units = {u.label: u for b in page.blocks for u in b.units}
    assert units["7.5"].missing and units["7.5"].status is Status.UNTRANSLATED
    assert units["7.6"].status is Status.FUZZY
    assert [n.position for n in page.notes] == ["8.1"]
    assert units["8.1"].notes == page.notes
    assert page.title == "关于第0426号提案的复函"
    assert page.title_en == "Reply to Proposal No. 0426"
    assert page.translator == "Jane Doe"  # an e-mail address is not published


def test_join_across_paragraphs_points_back() -> None:
    rows: list[Row] = [("第一段。", Kind.BODY, 1, "First paragraph."), ("第二段。", Kind.BODY, 2, JOINED_MARK)]
    unit = layout.build(make_alignment(rows)).blocks[1].units[0]
    assert unit.joined_across == "1.1"
    assert not unit.missing


def test_aliases_depend_on_content_not_position() -> None:
    before = layout.build(letter())
    rows = [("新增的一句。", Kind.BOILERPLATE, 0, "An added line."), *LETTER]
    after = layout.build(make_alignment(rows))

    def aliases(page: layout.Page) -> dict[str, str]:
        return {c.segment.text: c.alias for b in page.blocks for u in b.units for c in u.cells}

    old, new = aliases(before), aliases(after)
    assert all(new[text] == alias for text, alias in old.items())
    assert len(set(old.values())) == len(old)


def test_repeated_text_gets_distinct_aliases() -> None:
    rows: list[Row] = [
        ("[ 发布机构 ] 市科技局", Kind.METADATA, 1, "x"),
        ("[ 发布机构 ] 市科技局", Kind.METADATA, 2, "x"),
    ]
    cells = [c for b in layout.build(make_alignment(rows)).blocks for u in b.units for c in u.cells]
    assert cells[0].alias != cells[1].alias
    assert cells[1].alias.startswith(cells[0].alias)


def test_extra_notes_and_marks_from_the_caller() -> None:
    page = layout.build(letter(), notes={"5.1": "low score"}, marks={"5.1": "low confidence"})
    unit = page.blocks[4].units[0]
    assert unit.mark == "low confidence"
    assert [n.text for n in unit.notes] == ["low score"]


@pytest.mark.parametrize("language", ["en", "en_GB", ""])
def test_language_defaults_to_english(language: str) -> None:
    assert layout.build(make_alignment(LETTER[:1], language=language)).language == (language or "en")


@pytest.mark.parametrize(
    ("comment", "note"),
    [
        ("one line", "one line"),
        ("wrapped to fit\nthe PO file", "wrapped to fit the PO file"),
        ("first paragraph\n\nsecond  one\n", "first paragraph\nsecond one"),
    ],
)
def test_translator_comments_unwrapped(comment: str, note: str) -> None:
    assert layout.unwrap(comment) == note


def test_joined_first_segment_is_missing() -> None:
    rows: list[Row] = [("第一段。", Kind.BODY, 1, JOINED_MARK), ("第二句。", Kind.BODY, 1, "Second.")]
    first = layout.build(make_alignment(rows)).blocks[0].units[0]
    assert first.missing and not first.joined_across and first.label == "1.1"


@pytest.mark.parametrize(
    ("text", "number"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("两", 2), ("甲", 0)]
)
def test_article_numbers(text: str, number: int) -> None:
    assert layout.chinese_number(text) == number


def test_law_contents_and_article_anchors() -> None:
    from tests.conftest import DOCS

    document, segments = pipeline.load_document(DOCS / "12_law_sci_tech_transfer_2015.txt", project())
    cat = Catalog("law.po", tuple({s.text: Entry(s.text) for s in segments}.values()), language="en")
    page = layout.build(align(document, segments, cat))
    assert [entry.text for entry in page.toc][:2] == ["第一章 总则", "第二章 组织实施"]
    assert {entry.level for entry in page.toc} == {2}
    articles = [b.article for b in page.blocks if b.article]
    assert articles[:3] == ["art-1", "art-2", "art-3"] and len(articles) == len(set(articles))
    twelfth = next(b for b in page.blocks if b.article == "art-12")
    assert twelfth.units[0].cells[0].segment.text.startswith("第十二条")
    # The law's title is the header; its adoption records stay metadata lines, left-aligned.
    assert page.head is page.blocks[0] and not any(b.align for b in page.blocks)


def test_published_page_shows_no_fuzzy_english() -> None:
    draft, published = layout.build(letter()), layout.build(letter(), publication=layout.Publication(draft=False))
    units = {u.label: u for b in draft.blocks for u in b.units}
    shown = {u.label: u for b in published.blocks for u in b.units}
    assert units["7.6"].status is Status.FUZZY and units["7.6"].target == "The policy system was improved."
    assert shown["7.6"].status is Status.UNTRANSLATED and shown["7.6"].target == "" and shown["7.6"].missing
    assert published.coverage == draft.coverage  # the counts are the catalog's, as msgfmt says


@pytest.mark.parametrize(
    ("name", "facts"),
    [
        ("05_gov_notice_holidays_2019", {"issuer": "国务院办公厅", "written": "2018年12月4日"}),
        ("03_gov_reply_letter_badong_2004", {"issuer": "国务院办公厅", "written": "二〇〇四年十一月四日"}),
        ("07_gov_regulation_iit_2018", {"number": "第707号"}),  # signed by a person: no issuer from it
    ],
)
def test_issuer_and_date_from_the_closing_signature(name: str, facts: dict[str, str]) -> None:
    from tests.conftest import DOCS

    document, segments = pipeline.load_document(DOCS / f"{name}.txt", project())
    cat = Catalog("x.po", tuple({s.text: Entry(s.text) for s in segments}.values()), language="en")
    assert dict(layout.build(align(document, segments, cat)).metadata) == facts
