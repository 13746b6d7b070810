"""The rulebook of a document's structure: what each block is where its format did not say.

An importer hands over what its format shows (an ``<h2>``, a ``<td>``, a Word heading style); plain
text shows nothing, and a page's ``<p>`` says nothing of 第十二条 or （一）. ``infer`` fills in
the rest by one set of rules, the same for every format, and places every block in its law:

- titles (a title set on two lines, an enclosed document's or attachment's title), the
  salutation, signatures, dates, document numbers, notes (（此件公开发布）, a law's legislative
  history), attachment markers (附件：1.…, 附件2) and page furniture;
- 第X编/章/节 headings, 第X条 articles, and the blocks of an article (its items and later
  paragraphs) with the article's label and the chapter it stands under;
- numbered lines (一、 （一） 1. （1） 1.1 ① ——): a heading only where it holds a heading phrase,
  has text under it, and its siblings are headings too (（五）其他……。 after siblings ending in ；
  is an item); a run-in heading (（一）加强组织领导。各地区要……) opens a paragraph; members of a
  list announced by a lead-in (……如下：) are items; a numeral alone is a heading only among
  other headings of its kind;
- heading levels from the document's own outline: its first label style is level 1.

Figures and labels are read by ``figures``; character classes and line patterns by ``chinese``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from aligner import chinese, figures, lazyre
from aligner.figures import OUTLINE_RANK, Label
from aligner.model import Document, Kind, Paragraph, Role

# What a block's segments are, by the block's role.
KIND_OF_ROLE = {
    Role.TITLE: Kind.TITLE,
    Role.HEADING: Kind.HEADING,
    Role.PARAGRAPH: Kind.BODY,
    Role.ITEM: Kind.ITEM,
    Role.ARTICLE: Kind.BODY,
    Role.CELL: Kind.CELL,
    Role.NOTE: Kind.METADATA,
    Role.SIGNATURE: Kind.SIGNATURE,
    Role.DATE: Kind.DATE,
    Role.METADATA: Kind.METADATA,
    Role.BOILERPLATE: Kind.BOILERPLATE,
    Role.ATTACHMENT: Kind.HEADING,
    Role.SALUTATION: Kind.SALUTATION,
}

_TITLE_MAX = 100  # characters: the longest title of a document at its head
SHORT = 40  # characters: a heading phrase, a title line, a signature, a run-in heading are no longer
# A field of a disclosure table as an importer writes it (``发文机关：国务院``): metadata, whatever its value.
FIELD_LINE = lazyre.compile(
    r"^(?:索引号|索取号|主题分类|主题词|发文机关|发布机构|发文单位|制发机关|发布单位|所属机构|成文日期|成文时间|发文字号|文号|"
    r"发布日期|发布时间|时间|公布日期|发文日期|标题|名称|来源|信息来源|公文种类|体裁分类|组配分类|服务对象|有效性|生效日期|"
    r"废止日期|关键词)[:：]"
)
# A law's legislative history under its title: 2015年8月29日第十二届……会议修正 (bracketed or not).
HISTORY_LINE = lazyre.compile(
    r"^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})年.{0,160}(?:通过|修正|修订|公布|施行|发布)[）)]?$"
    r"|^[（(](?:\d{4}|[〇○零一二三四五六七八九]{4})年[^。]{0,400}(?:通过|修正|修订|公布|施行|发布)[^。]{0,200}[）)]$"
)
# A note set apart: 注：……, 说明：…… at the foot.
NOTE_MARK = lazyre.compile(r"^(?:注|说明|备注)[:：]")
# An attachment marker: 附件, 附件2, 附件：…, 附件1：….
ATTACHMENT_MARK = lazyre.compile(r"^附\s*件\s*\d*\s*(?:[:：]|$)")
# A calculation: figures joined by = (年工作日：365天-104天（休息日）-11天（法定节假日）＝250天).
FORMULA_LINE = lazyre.compile(r"[0-9０-９][^=＝]*[=＝]|[=＝]\s*[0-9０-９]")
CONTENTS_LINE = lazyre.compile(r"^目[\s\u3000]*录$")
# The unnumbered part that opens a constitution, a plan or a white paper before its chapters.
PREFACE_LINE = lazyre.compile(r"^[序前引导][\s\u3000]*言$")
# "总指挥：国家发展改革委主要负责人。": a short field of a list set line by line.
_LABELLED_LINE = lazyre.compile(r"^[^\s：:，,。；;]{1,6}[：:]\S")
_LEAD_IN = ("：", ":", "如下。", "如下")
_SPACED = lazyre.compile(r"[\s\u3000]{2,}")
_CHAPTERS = {"第一编": 0, "第一章": 1, "第一节": 2}


def infer(document: Document) -> Document:
    """``document`` with every block's role, heading level, article and chapter filled in.

    Roles an importer gave are kept; the text rules decide the rest. Running it on its own result
    changes nothing."""
    blocks = roles(document.paragraphs)
    return dataclasses.replace(document, paragraphs=blocks)


def roles(paragraphs: Sequence[Paragraph]) -> tuple[Paragraph, ...]:
    """The blocks with their roles, levels, articles and chapters (see ``infer``)."""
    given = [p.role for p in paragraphs]
    labels = [figures.outline_label(p.text) for p in paragraphs]
    found = _first_pass(paragraphs, labels)
    found = _numbered(paragraphs, found, labels, given)
    found = _lists(paragraphs, found, given)
    levels = _levels(paragraphs, found, labels)
    return _places(paragraphs, found, levels, labels)


# --------------------------------------------------------------------------- one block at a time


def stands_alone(text: str) -> bool:
    """A line the text reader never joins to its neighbours: a contents caption, a decimal-numbered
    heading of a plan (1　总则, 2.1.1　…)."""
    if CONTENTS_LINE.match(text):
        return True
    label = figures.outline_label(text)
    return label is not None and label.style[0] == "1" and label.style != "1."


def complete(text: str) -> bool:
    """Whether ``text`` ends a sentence (。！？；…, closing quotes and brackets after it allowed)."""
    stripped = text.rstrip(chinese.CLOSERS + "\"'")
    return bool(stripped) and stripped[-1] in chinese.TERMINATORS + chinese.SEMICOLONS + chinese.ELLIPSIS


def _first_pass(paragraphs: Sequence[Paragraph], labels: list[Label | None]) -> list[Role]:
    """Each block's role read from its own form and its neighbours' (numbered lines are settled later)."""
    found: list[Role] = []
    previous: Role | None = None
    seen_body = False
    for index, paragraph in enumerate(paragraphs):
        role = paragraph.role
        if role is None or (role is Role.PARAGRAPH and chinese.ARTICLE_MARK.match(paragraph.text)):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            role = _own_role(paragraph, previous, following, seen_body, labels[index])
        found.append(role)
        if role in (Role.PARAGRAPH, Role.ARTICLE, Role.ITEM, Role.CELL):
            seen_body = True
        previous = role
    return found


_OPENING = (None, Role.TITLE, Role.METADATA, Role.DATE, Role.HEADING, Role.BOILERPLATE, Role.NOTE, Role.ATTACHMENT)


def _own_role(
    paragraph: Paragraph, previous: Role | None, following: Paragraph | None, seen_body: bool, label: Label | None
) -> Role:
    """The role of a block by its own text, the role before it, the block after it and whether
    body text came before (a short unpunctuated line before the body is a title, after it a
    signature); a numbered line comes out as a heading or a paragraph, for ``_numbered`` to settle."""
    text = paragraph.text
    if chinese.BOILERPLATE.match(text):
        return Role.BOILERPLATE
    if chinese.METADATA_LINE.match(text) or chinese.DOC_NUMBER.match(text) or FIELD_LINE.match(text):
        return Role.METADATA
    if chinese.DATE_LINE.match(text):
        return Role.DATE
    if chinese.NOTE_LINE.match(text) and (len(text) <= 20 or HISTORY_LINE.match(text)):
        return Role.NOTE
    if HISTORY_LINE.match(text) or NOTE_MARK.match(text):
        return Role.NOTE
    if chinese.ARTICLE_MARK.match(text):
        return Role.ARTICLE
    if CONTENTS_LINE.match(text):
        return Role.HEADING
    if PREFACE_LINE.match(text) and following is not None and figures.outline_label(following.text) is None:
        return Role.HEADING  # 序　言 over the text it heads; in a list of contents (前言, 一、…) an entry
    if ("=" in text or "＝" in text) and FORMULA_LINE.search(text):
        return Role.PARAGRAPH  # 年工作日：365天-104天…＝250天 is a line of the text, never a title
    if label is not None and chinese.HEADING_MARK.match(text):
        # A candidate that ``_numbered`` settles; what follows a heading phrase may open a document.
        return Role.HEADING if not complete(text) and len(text) <= SHORT else Role.PARAGRAPH
    if ATTACHMENT_MARK.match(text):
        return Role.ATTACHMENT
    if (
        text[-1] in "：:"
        and (len(text) <= 60 or (len(text) <= 300 and previous in (Role.TITLE, Role.METADATA)))
        and "。" not in text
        and "《" not in text  # a preamble citing a law (为……，根据《……》，……如下：) addresses no one
        and previous in _OPENING
        and not chinese.ARTICLE_MARK.match(text)
    ):
        return Role.SALUTATION
    if (
        previous in (None, Role.BOILERPLATE, Role.METADATA)
        and not seen_body
        and len(text) <= _TITLE_MAX
        and not complete(text)
        and text[-1] not in "：:，,、"
        and not any(c in text for c in chinese.TERMINATORS)
        and not chinese.LIST_MARK.match(text)
        and paragraph.pieces[0].indent < 8  # set far to the right: a signature
    ):
        return Role.TITLE  # a long title at the head of the document (国务院办公厅关于……的意见)
    if (
        not complete(text)
        and len(text) <= SHORT
        and text[-1] not in "：:，,、"
        and not any(c in text for c in chinese.TERMINATORS)
        and not chinese.LIST_MARK.match(text)
    ):
        if text.count("，") + text.count(",") > 2:
            return Role.PARAGRAPH  # a clause after a clause: a sentence that lost its 。, not a title
        right_aligned = paragraph.pieces[0].indent >= 8
        before_date = following is not None and chinese.DATE_LINE.match(following.text) is not None
        if right_aligned or (before_date and seen_body) or _SPACED.search(text):
            return Role.SIGNATURE
        if previous in (None, Role.BOILERPLATE, Role.METADATA, Role.DATE, Role.HEADING, Role.TITLE) or not seen_body:
            return Role.TITLE
        if previous in (Role.NOTE, Role.ATTACHMENT):
            return Role.TITLE
        if following is not None and complete(following.text):
            return Role.TITLE
    return Role.PARAGRAPH


# --------------------------------------------------------------------------- numbered lines


def _shape(text: str, label: Label) -> str:
    """How a numbered line reads: ``bare`` (a heading phrase), ``closed`` (a phrase closed by 。),
    ``run-in`` (a short heading sentence, then running text) or ``item`` (anything else)."""
    rest = text[label.end :].strip(chinese.SPACE_CHARS)
    if not rest:
        return "bare"
    if label.style == "一" and len(text) <= 3:
        return "bare"
    first = _first_sentence(text)
    if first == len(text.rstrip(chinese.CLOSERS)) or first >= len(text):
        # one sentence, or none closed
        if not complete(text):
            if len(text) <= SHORT and not any(c in text for c in "；;：:"):
                return "bare"
            return "item"
        if text.rstrip(chinese.CLOSERS)[-1] == "。" and len(text) <= SHORT and not any(c in text for c in "；;：:"):
            return "closed"
        return "item"
    head = text[:first]
    if first <= SHORT and not any(c in head for c in "：:；;"):
        return "run-in"
    return "item"


def _heading_phrase(text: str, label: Label) -> bool:
    """Whether the first sentence of a run-in line is a heading phrase (加强组织领导。), not a
    clause of a list member's sentence (日军遗弃化学武器是历史遗留问题，……)."""
    head = text[label.end : _first_sentence(text)]
    return len(head) <= 30 and not any(c in head for c in "，,、；;：:")


def _first_sentence(text: str) -> int:
    """The end of the first sentence of ``text`` (past its terminator and closers), or len(text)."""
    depth = 0
    for match in _SENTENCE_MARKS.finditer(text):
        char = match.group()
        if char in chinese.TITLE_OPEN:
            depth += 1
        elif char in chinese.TITLE_CLOSE:
            depth = max(0, depth - 1)
        elif not depth:
            end = match.end()
            while end < len(text) and text[end] in chinese.CLOSERS:
                end += 1
            return end
    return len(text)


_SENTENCE_MARKS = lazyre.compile("[《〈》〉。！？!?]")


def _rank(label: Label | None) -> int:
    return OUTLINE_RANK[label.style] if label is not None else -1


def _numbered(
    paragraphs: Sequence[Paragraph], found: list[Role], labels: list[Label | None], given: list[Role | None]
) -> list[Role]:
    """Settle the numbered lines: heading, item or paragraph, by their shape, what stands under
    them and their siblings (one group: a style's run, numbered on from 1, under one parent)."""
    found = list(found)
    candidates = [
        i for i, label in enumerate(labels) if label is not None and given[i] is None and found[i] in _NUMBERED_FIRST
    ]
    if not candidates:
        return found
    shapes = {i: _shape(paragraphs[i].text, labels[i]) for i in candidates}  # type: ignore[arg-type]
    headed = {i: _has_text_under(i, paragraphs, found, labels, shapes) for i in candidates}
    for i in candidates:
        # A sentence that announces a list (有下列行为之一的，依照……处理。 then （1）…；) heads no text.
        if shapes[i] == "closed" and i + 1 < len(paragraphs) and i + 1 in shapes and shapes[i + 1] != "bare":
            headed[i] = False
    for group in _groups(candidates, labels, paragraphs):
        before = group[0] - 1
        lead_in = before >= 0 and paragraphs[before].text.endswith(_LEAD_IN) and found[before] is not Role.HEADING
        first = labels[group[0]]
        assert first is not None
        # 附件：1.……, then 2.…… on the next line: the list of attachments goes on.
        attached = before >= 0 and found[before] is Role.ATTACHMENT and first.style == "1."
        semicolons = any(paragraphs[i].text.rstrip(chinese.CLOSERS)[-1] in "；;，," for i in group)
        run_in = {
            i
            for i in group
            if shapes[i] == "run-in" and (not lead_in or _heading_phrase(paragraphs[i].text, labels[i]))  # type: ignore[arg-type]
        }
        heading_like = sum(1 for i in group if shapes[i] in ("bare", "closed") and headed[i])
        if semicolons:
            kind = "list"
        elif heading_like * 2 >= len(group):
            kind = "headings"
        elif run_in and len(run_in) * 2 >= len(group) - heading_like:
            kind = "run-in"
        else:
            kind = "list"
        for i in group:
            label = labels[i]
            assert label is not None
            shape = shapes[i]
            if label.style in _CHAPTERS:
                found[i] = Role.HEADING if shape == "bare" or len(paragraphs[i].text) <= SHORT else Role.PARAGRAPH
            elif attached:
                found[i] = Role.ATTACHMENT
            elif first.style == "一":  # a numeral alone: a heading only among headings
                found[i] = Role.HEADING if kind == "headings" and len(group) > 1 and headed[i] else Role.PARAGRAPH
            elif headed[i] and (
                (shape == "bare" and not semicolons)
                # 基本原则。 alone among run-in siblings (重大意义。党的……): a heading whose text follows
                # (the last of a group may be followed by its parent's closing text, not its own)
                or (shape == "closed" and (kind == "headings" or (kind == "run-in" and i != group[-1])))
            ):
                found[i] = Role.HEADING
            elif kind != "list" and (i in run_in or (label.style == "——" and shape != "item")):
                found[i] = Role.PARAGRAPH
            else:
                found[i] = Role.ITEM
    return found


_NUMBERED_FIRST = (Role.HEADING, Role.PARAGRAPH, Role.TITLE, Role.SIGNATURE, Role.SALUTATION)


def _has_text_under(
    index: int, paragraphs: Sequence[Paragraph], found: list[Role], labels: list[Label | None], shapes: dict[int, str]
) -> bool:
    """Whether text stands under the numbered line at ``index`` before the next line of its rank or above.

    A table of contents, or a list of short entries, has none: its lines follow one another."""
    rank = _rank(labels[index])
    for j in range(index + 1, len(paragraphs)):
        if j in shapes:
            if _rank(labels[j]) <= rank:
                return False
            if shapes[j] != "bare":
                return True
            continue
        if found[j] in (Role.TITLE, Role.SIGNATURE, Role.DATE, Role.ATTACHMENT, Role.NOTE, Role.METADATA):
            return False
        return not CONTENTS_LINE.match(paragraphs[j].text)
    return False


def _groups(candidates: list[int], labels: list[Label | None], paragraphs: Sequence[Paragraph]) -> list[list[int]]:
    """Sibling groups: lines of one style numbered on (2 after 1), under one parent (1.2.x under 1.2)."""
    open_groups: dict[tuple[str, str], list[int]] = {}
    result: list[list[int]] = []
    for i in candidates:
        label = labels[i]
        assert label is not None
        parent = ""
        if label.style.startswith("1.1"):
            parent = label.text(paragraphs[i].text).rsplit(".", 1)[0]
        key = (label.style, parent)
        group = open_groups.get(key)
        if group is not None:
            last = labels[group[-1]]
            assert last is not None
            if label.value <= last.value and label.style != "——":  # dashes are not numbered: one run
                group = None
        if group is None:
            group = []
            open_groups[key] = group
            result.append(group)
        group.append(i)
        # A line of a higher rank closes the groups below it: (一) under 二、 starts afresh.
        for other in list(open_groups):
            if OUTLINE_RANK[other[0]] > OUTLINE_RANK[label.style]:
                del open_groups[other]
    return result


# --------------------------------------------------------------------------- lists and captions


def _lists(paragraphs: Sequence[Paragraph], found: list[Role], given: list[Role | None]) -> list[Role]:
    """Lists set line by line without numbers: three or more name lines (孙春兰　　国务院副总理) or
    fields (总指挥：……。) in a row are items, and a short line that opens them is their caption."""
    found = list(found)
    n = len(paragraphs)
    i = 0
    while i < n:
        j = i
        while j < n and given[j] is None and _listed(paragraphs[j].text, found[j]):
            j += 1
        fields = all(_LABELLED_LINE.match(paragraphs[k].text) for k in range(i, j))
        if j - i >= 3 or (j - i >= 2 and fields):
            for k in range(i, j):
                found[k] = Role.ITEM
            caption = i - 1
            if (
                caption >= 0
                and given[caption] is None
                and found[caption] is Role.PARAGRAPH
                and len(paragraphs[caption].text) <= SHORT
                and not complete(paragraphs[caption].text)
                and paragraphs[caption].text[-1] not in "：:"
            ):
                found[caption] = Role.TITLE
            i = j
        else:
            i = max(j, i + 1)
    return found


def _listed(text: str, role: Role) -> bool:
    if role is Role.SIGNATURE:
        return True
    return (
        role is Role.PARAGRAPH
        and len(text) <= 80
        and bool(_LABELLED_LINE.match(text))
        and text.count("。") <= 1
        and not (("=" in text or "＝" in text) and FORMULA_LINE.search(text))
    )


# --------------------------------------------------------------------------- levels and places


def _levels(paragraphs: Sequence[Paragraph], found: list[Role], labels: list[Label | None]) -> list[int]:
    """Heading levels from the document's outline: its heading label styles in their order of rank."""
    styles = sorted(
        {OUTLINE_RANK[label.style] for label, role in zip(labels, found, strict=True) if role is Role.HEADING and label}
    )
    # A format's levels count from its own top (Markdown's ## under the # title, a page's <h2>):
    # the shallowest heading a format gave is level 1, as the outline of the text version has it.
    given = [p.level for p in paragraphs if p.role is Role.HEADING and p.level]
    shift = min(given) - 1 if given else 0
    levels = []
    for paragraph, role, label in zip(paragraphs, found, labels, strict=True):
        if role is not Role.HEADING:
            levels.append(0)
        elif paragraph.role is Role.HEADING and paragraph.level:
            levels.append(paragraph.level - shift)
        elif label is None:
            levels.append(1)
        else:
            levels.append(styles.index(OUTLINE_RANK[label.style]) + 1)
    return levels


def article_label(text: str) -> str:
    """The label of the article ``text`` opens (第十二条, 第十条之一), or ""."""
    match = chinese.ARTICLE_MARK.match(text)
    return match.group().strip(chinese.SPACE_CHARS) if match else ""


def _places(
    paragraphs: Sequence[Paragraph], found: list[Role], levels: list[int], labels: list[Label | None]
) -> tuple[Paragraph, ...]:
    """Each block with its role and level, the article it belongs to and the chapter it stands under."""
    parts: dict[int, str] = {}  # rank of 编/章/节 -> its label
    article = ""
    chapter = ""
    result = []
    for paragraph, role, level, label in zip(paragraphs, found, levels, labels, strict=True):
        if role is Role.HEADING and label is not None and label.style in _CHAPTERS:
            rank = _CHAPTERS[label.style]
            parts = {r: text for r, text in parts.items() if r < rank}
            parts[rank] = label.text(paragraph.text)
            chapter = " ".join(parts[r] for r in sorted(parts))
            article = ""
        elif role is Role.ARTICLE:
            article = article_label(paragraph.text)
        elif role in _CLOSES_ARTICLE:
            article = ""
            if role is not Role.HEADING:
                parts, chapter = {}, ""
        belongs = article if role in _IN_ARTICLE else ""
        if (paragraph.role, paragraph.level, paragraph.article, paragraph.chapter) == (role, level, belongs, chapter):
            result.append(paragraph)
            continue
        # The constructor, not dataclasses.replace: a page of 100,000 blocks notices the difference.
        result.append(
            Paragraph(
                number=paragraph.number,
                pieces=paragraph.pieces,
                text=paragraph.text,
                starts=paragraph.starts,
                role=role,
                level=level,
                article=belongs,
                chapter=chapter,
                cell=paragraph.cell,
            )
        )
    return tuple(result)


_CLOSES_ARTICLE = (Role.TITLE, Role.SIGNATURE, Role.DATE, Role.ATTACHMENT, Role.HEADING)
_IN_ARTICLE = (Role.ARTICLE, Role.PARAGRAPH, Role.ITEM, Role.NOTE, Role.CELL)


# --------------------------------------------------------------------------- cells


_WORD = lazyre.compile(r"[a-z]{3,}")


def carried(text: str) -> bool:
    """Whether a table cell holds only a number or a code (12, 2.40, >2.5, %, 2021-12, GB/T 9704,
    A-3): nothing of it is Chinese or an English word, so it is copied into the English as it
    stands and never sent to a translator."""
    stripped = text.strip(chinese.SPACE_CHARS)
    return bool(stripped) and not chinese.HAN.search(stripped) and not _WORD.search(stripped)


def header_rows(rows: Sequence[Sequence[tuple[str, int]]]) -> int:
    """How many rows at the top of a table that marks none (no ``<th>``, no ``<thead>``, as most
    government pages set them) are its header: the first row, when none of its cells is a figure
    or a code and a later row holds one (序号 | 指标名称 | 单位 over 1 | 森林覆盖率 | %), with the
    rows its cells span down into (目标值 over 2020年 | 2025年). ``rows`` gives each cell's text and
    row span."""
    if len(rows) < 2 or not rows[0] or any(carried(text) or not text.strip() for text, _ in rows[0]):
        return 0
    depth = max(span for _, span in rows[0])
    if depth >= len(rows) or any(carried(text) for row in rows[1:depth] for text, _ in row):
        return 0
    if not any(carried(text) for row in rows[depth:] for text, _ in row):
        return 0
    return depth
