"""Cut paragraphs into segments (sentence units) and say what each one is. Pure functions.

The cutting rules:
- a segment ends after 。！？!? (or a sentence-final ……) together with the closing quotes and
  brackets right after it: ``他说：“你好。”然后…`` cuts after ”; …… is sentence-final at the end
  of a paragraph, before a quotation, or before a new sentence (``问题……下一步再议。``), but not
  before ，/等/的, after an enumeration (``大数据、人工智能……``) or a dangling word (``为了……``);
- never inside a book title 《奋斗吧！青春》, a URL, a decimal (340.6) or a list marker ("1."),
  never at a comma or a colon; a quotation of several sentences is cut at each sentence end;
- semicolons end a segment only when asked (``split_semicolons``);
- article numbers do not cut: ``第一条　为了……，制定本法。`` is one segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aligner import chinese, lazyre
from aligner.model import Document, Kind, Paragraph, Segment

_URL = lazyre.compile(
    r"(?:https?|ftp)://[^\s\"<>“”‘’，。；！？（）《》、]+|www\.[A-Za-z0-9-]+\.[^\s\"<>“”‘’，。；！？（）《》、]+"
)
_ASCII_ELLIPSIS = lazyre.compile(r"\.{3,}")
_RUN_IN_MAX = 40  # a run-in heading is a short first sentence: "(一)建立川渝科技创新合作机制,共同向上争取国家支持。"
_SHORT = 40
# A field of a disclosure table as an importer writes it (``发文机关：国务院``): metadata, whatever its value.
_FIELD_LINE = lazyre.compile(
    r"^(?:索引号|索取号|主题分类|主题词|发文机关|发布机构|发文单位|制发机关|发布单位|所属机构|成文日期|成文时间|发文字号|文号|"
    r"发布日期|发布时间|时间|公布日期|发文日期|标题|名称|来源|信息来源|公文种类|体裁分类|组配分类|服务对象|有效性|生效日期|"
    r"废止日期|关键词)[:：]"
)


def cut(text: str, *, split_semicolons: bool = False) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of one paragraph, trimmed of white space.

    Every non-white-space character of ``text`` lies in exactly one span, in order.
    """
    terminators = _TERMINATORS_SEMI if split_semicolons else chinese.TERMINATORS
    special = _SPECIAL_SEMI if split_semicolons else _SPECIAL
    urls = _url_spans(text) if ("://" in text or "www." in text) else ()
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0  # inside 《…》 or 〈…〉
    ascii_quotes = 0  # count of " seen: odd means a quotation is open
    consumed = 0  # characters before this index already belong to a finished sentence end
    n = len(text)
    # Only the few characters that can matter are visited; the regex engine skips the rest.
    for match in special.finditer(text):
        i = match.start()
        if i < consumed or (urls and any(a <= i < b for a, b in urls)):
            continue
        char = text[i]
        if char in chinese.TITLE_OPEN:
            depth += 1
            continue
        if char in chinese.TITLE_CLOSE:
            depth = max(0, depth - 1)
            continue
        if char == '"':
            ascii_quotes += 1
            continue
        if depth:
            continue
        if char in terminators:
            if _ascii_inside_word(text, i):
                continue
            end = i + 1
            while end < n and text[end] in terminators + chinese.ELLIPSIS:
                end += 1
        else:  # an ellipsis: … or ...
            if char == "." and not _ASCII_ELLIPSIS.match(text, i):
                continue
            run = i
            while run < n and (text[run] in chinese.ELLIPSIS or text[run] == "."):
                run += 1
            consumed = run
            after = _skip_closers(text, run, ascii_quotes)[0]
            rest = text[after:].lstrip(chinese.SPACE_CHARS)
            # An ellipsis ends a sentence at the end of its paragraph, before a new quotation, or
            # where a new sentence starts ("问题……下一步再议。"); "……，", "……等", "……。" run on.
            if rest and rest[0] not in chinese.OPENERS and not _new_sentence_after(text, start, i, rest):
                continue
            end = run
        end, ascii_quotes = _skip_closers(text, end, ascii_quotes)
        spans.append((start, end))
        start = consumed = end
    spans.append((start, n))
    return [trimmed for span in spans if (trimmed := _trim(text, span)) is not None]


_TERMINATORS_SEMI = chinese.TERMINATORS + chinese.SEMICOLONS
_SPECIAL = lazyre.compile("[" + re.escape(chinese.TERMINATORS + chinese.ELLIPSIS + '."' + "《》〈〉") + "]")
_SPECIAL_SEMI = lazyre.compile("[" + re.escape(_TERMINATORS_SEMI + chinese.ELLIPSIS + '."' + "《》〈〉") + "]")


# What follows an ellipsis and carries its sentence on: "……等", "……之类", "……的", "……为止".
_CONTINUING = ("等", "之类", "的", "以及", "或者", "为止", "在内")
_CLAUSE_MARKS = "，,；;：:"
_CLAUSE_LOOKBACK = 40  # characters: enough to see the clause an ellipsis closes


def _new_sentence_after(text: str, start: int, i: int, rest: str) -> bool:
    """Whether a new sentence starts after the ellipsis at ``text[i]`` (``rest`` is what follows).

    It does when a word follows, unless it is a continuing word (等, 的...), and the clause the
    ellipsis closes could end a sentence: not an enumeration (大数据、人工智能……, where …… is
    "and so on"), not a dangling word (为了……, 对……进行), not a pause after one or two
    characters (我……也算了, “小姐……).
    """
    head = rest[0]
    if not head.isalnum() or (head.isascii() and head.islower()) or rest.startswith(_CONTINUING):
        return False
    window = text[max(start, i - _CLAUSE_LOOKBACK) : i]
    clause = window[max(window.rfind(mark) for mark in _CLAUSE_MARKS) + 1 :].strip(chinese.SPACE_CHARS)
    if "、" in clause or clause.endswith(chinese.DANGLING_WORDS):
        return False
    return sum(1 for c in clause if c.isalnum()) >= 3


def _skip_closers(text: str, end: int, ascii_quotes: int) -> tuple[int, int]:
    """Move ``end`` past the closing quotes and brackets that belong to the sentence just ended."""
    n = len(text)
    while end < n:
        char = text[end]
        if char in chinese.CLOSERS:
            end += 1
        elif char == '"' and (ascii_quotes % 2 == 1 or end + 1 >= n or text[end + 1] in chinese.SPACE_CHARS):
            # A quote that closes an open quotation, or a lone quote ending the paragraph.
            ascii_quotes += 1
            end += 1
        elif char == "'" and (end + 1 >= n or not text[end + 1].isalnum()):
            end += 1
        else:
            break
    return end, ascii_quotes


def _ascii_inside_word(text: str, i: int) -> bool:
    """An ASCII ? or ! between two ASCII letters or digits (``a?b``) is not a sentence end."""
    if text[i] not in "?!;":
        return False
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before.isascii() and before.isalnum() and after.isascii() and after.isalnum()


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _URL.finditer(text):
        url_end = match.end()
        # A URL does not swallow the sentence punctuation that follows it.
        while url_end > match.start() and text[url_end - 1] in ".!?,;:)":
            url_end -= 1
        spans.append((match.start(), url_end))
    return spans


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    start, end = span
    while start < end and text[start] in chinese.SPACE_CHARS:
        start += 1
    while end > start and text[end - 1] in chinese.SPACE_CHARS:
        end -= 1
    return (start, end) if start < end else None


# --------------------------------------------------------------------------- kinds


def _paragraph_kind(
    paragraph: Paragraph, previous: Kind | None, previous_text: str, following: Paragraph | None, seen_body: bool
) -> Kind:
    text = paragraph.text
    first = paragraph.pieces[0]
    if chinese.BOILERPLATE.match(text):
        return Kind.BOILERPLATE
    if chinese.METADATA_LINE.match(text) or chinese.DOC_NUMBER.match(text) or _FIELD_LINE.match(text):
        return Kind.METADATA
    if chinese.DATE_LINE.match(text):
        return Kind.DATE
    if chinese.NOTE_LINE.match(text) and len(text) <= 20:
        return Kind.METADATA
    if re.match(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年.{0,160}(?:通过|修正|修订|公布|施行|发布)[）)]?$", text):
        return Kind.METADATA
    if (
        chinese.HEADING_MARK.match(text)
        and not previous_text.endswith(("；", ";"))
        and (not _complete(text) or (len(text) <= _SHORT and not any(c in text for c in "，,：:；;")))
    ):
        return Kind.HEADING
    if chinese.ATTACHMENT_LABEL.match(text) and len(text) <= 6:
        return Kind.HEADING
    complete = _complete(text)
    if (
        text[-1] in "：:"
        and len(text) <= 60
        and "。" not in text
        and previous in _OPENING_KINDS
        and not chinese.ARTICLE_MARK.match(text)
    ):
        return Kind.SALUTATION
    if (
        not complete
        and len(text) <= _SHORT
        and text[-1] not in "：:，,、"
        and not any(c in text for c in chinese.TERMINATORS)
        and not chinese.LIST_MARK.match(text)
        and not chinese.ARTICLE_MARK.match(text)
    ):
        right_aligned = first.indent >= 8
        before_date = following is not None and chinese.DATE_LINE.match(following.text) is not None
        if right_aligned or (before_date and seen_body) or re.search(r"[\s\u3000]{2,}", text):
            return Kind.SIGNATURE
        if previous in (None, Kind.BOILERPLATE, Kind.METADATA, Kind.DATE, Kind.HEADING, Kind.TITLE) or not seen_body:
            return Kind.TITLE
        if following is not None and _complete(following.text):
            return Kind.TITLE
    return Kind.BODY


_OPENING_KINDS = (None, Kind.TITLE, Kind.METADATA, Kind.DATE, Kind.HEADING, Kind.BOILERPLATE)


def _complete(text: str) -> bool:
    stripped = text.rstrip(chinese.CLOSERS + "\"'")
    return bool(stripped) and stripped[-1] in chinese.TERMINATORS + chinese.SEMICOLONS + chinese.ELLIPSIS


def segment(document: Document, *, split_semicolons: bool = False) -> list[Segment]:
    """Every segment of ``document`` in order."""
    return list(iter_segments(document, split_semicolons=split_semicolons))


def iter_segments(document: Document, *, split_semicolons: bool = False) -> Iterator[Segment]:
    previous: Kind | None = None
    seen_body = False
    paragraphs = document.paragraphs
    line_starts = _line_starts(document.text) if any(len(p.pieces) > 1 for p in paragraphs) else []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        previous_text = paragraphs[index - 1].text if index else ""
        kind = _paragraph_kind(paragraph, previous, previous_text, following, seen_body)
        spans = cut(paragraph.text, split_semicolons=split_semicolons)
        run_in = (
            kind is Kind.BODY
            and len(spans) > 1
            and chinese.HEADING_MARK.match(paragraph.text) is not None
            and spans[0][1] - spans[0][0] <= _RUN_IN_MAX
            and not any(c in paragraph.text[spans[0][0] : spans[0][1]] for c in "：:；;")
        )
        single = len(paragraph.pieces) == 1
        base, line = paragraph.pieces[0].start, paragraph.pieces[0].line
        for number, (start, end) in enumerate(spans, start=1):
            seg_kind = Kind.HEADING if run_in and number == 1 else kind
            if single:  # the common case: one source line, no index to look up
                source_start, source_end, first, last = base + start, base + end, line, line
            else:
                source_start = paragraph.source_offset(start)
                source_end = paragraph.source_offset(end - 1) + 1
                first, last = _line_of(line_starts, source_start), _line_of(line_starts, source_end - 1)
            yield Segment(
                text=paragraph.text[start:end],
                kind=seg_kind,
                line=first,
                end_line=last,
                start=source_start,
                end=source_end,
                paragraph=paragraph.number,
                sentence=number,
            )
        if kind is Kind.BODY:
            seen_body = True
        previous = kind


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)
