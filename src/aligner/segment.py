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

from aligner import chinese, lazyre, structure
from aligner.model import Document, Kind, Role, Segment

_URL = lazyre.compile(
    r"(?:https?|ftp)://[^\s\"<>“”‘’，。；！？（）《》、]+|www\.[A-Za-z0-9-]+\.[^\s\"<>“”‘’，。；！？（）《》、]+"
)
_ASCII_ELLIPSIS = lazyre.compile(r"\.{3,}")
_RUN_IN_MAX = 40  # a run-in heading is a short first sentence: "(一)建立川渝科技创新合作机制,共同向上争取国家支持。"


def cut(text: str, *, split_semicolons: bool = False) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of one paragraph, trimmed of white space.

    Every non-white-space character of ``text`` lies in exactly one span, in order.
    """
    terminators = _TERMINATORS_SEMI if split_semicolons else chinese.TERMINATORS
    special = _SPECIAL_SEMI if split_semicolons else _SPECIAL
    urls = _url_spans(text) if ("://" in text or "www." in text) else []
    url = 0  # the first URL that does not end before the character being looked at
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0  # inside 《…》 or 〈…〉
    ascii_quotes = 0  # count of " seen: odd means a quotation is open
    consumed = 0  # characters before this index already belong to a finished sentence end
    n = len(text)
    # Only the few characters that can matter are visited; the regex engine skips the rest. Each
    # is looked at once and every look is bounded (URLs are passed in order, what follows an
    # ellipsis is read in place): the cut is linear in the paragraph's length.
    for match in special.finditer(text):
        i = match.start()
        if i < consumed:
            continue
        while url < len(urls) and urls[url][1] <= i:
            url += 1
        if url < len(urls) and urls[url][0] <= i:
            continue  # inside a URL
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
            if char in "!?" and _latin_runs_on(text, end, ascii_quotes):
                continue
        else:  # an ellipsis: … or ...
            if char == "." and not _ASCII_ELLIPSIS.match(text, i):
                continue
            run = i
            while run < n and (text[run] in chinese.ELLIPSIS or text[run] == "."):
                run += 1
            consumed = run
            after = _skip_closers(text, run, ascii_quotes)[0]
            while after < n and text[after] in chinese.SPACE_CHARS:
                after += 1
            # An ellipsis ends a sentence at the end of its paragraph, before a new quotation, or
            # where a new sentence starts ("问题……下一步再议。"); "……，", "……等", "……。" run on.
            if after < n and text[after] not in chinese.OPENERS and not _new_sentence_after(text, start, i, after):
                continue
            end = run
        end, ascii_quotes = _skip_closers(text, end, ascii_quotes)
        spans.append((start, end))
        start = consumed = end
    spans.append((start, n))
    return [trimmed for span in spans if (trimmed := _trim(text, span)) is not None]


def _latin_runs_on(text: str, end: int, ascii_quotes: int) -> bool:
    """Whether a Latin ! or ? (ending at ``end``) belongs to a name or slogan the sentence goes on
    after: ``“Connect! Innovate! Share!”，邀请Yahoo!、Google等`` is one sentence. It does when a
    comma or an enumeration comma follows (past closing quotes), or another Latin word."""
    after = _skip_closers(text, end, ascii_quotes)[0]
    while after < len(text) and text[after] == " ":
        after += 1
    if after >= len(text):
        return False
    following = text[after]
    return following in "，、," or (following.isascii() and following.isalpha() and after > end)


_TERMINATORS_SEMI = chinese.TERMINATORS + chinese.SEMICOLONS
_SPECIAL = lazyre.compile("[" + re.escape(chinese.TERMINATORS + chinese.ELLIPSIS + '."' + "《》〈〉") + "]")
_SPECIAL_SEMI = lazyre.compile("[" + re.escape(_TERMINATORS_SEMI + chinese.ELLIPSIS + '."' + "《》〈〉") + "]")


# What follows an ellipsis and carries its sentence on: "……等", "……之类", "……的", "……为止".
_CONTINUING = ("等", "之类", "的", "以及", "或者", "为止", "在内")
_CLAUSE_MARKS = "，,；;：:"
_CLAUSE_LOOKBACK = 40  # characters: enough to see the clause an ellipsis closes


def _new_sentence_after(text: str, start: int, i: int, after: int) -> bool:
    """Whether a new sentence starts after the ellipsis at ``text[i]`` (``text[after]`` is what follows).

    It does when a word follows, unless it is a continuing word (等, 的...), and the clause the
    ellipsis closes could end a sentence: not an enumeration (大数据、人工智能……, where …… is
    "and so on"), not a dangling word (为了……, 对……进行), not a pause after one or two
    characters (我……也算了, “小姐……).
    """
    head = text[after]
    if not head.isalnum() or (head.isascii() and head.islower()) or text.startswith(_CONTINUING, after):
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


def segment(document: Document, *, split_semicolons: bool = False) -> list[Segment]:
    """Every segment of ``document`` in order."""
    return list(iter_segments(document, split_semicolons=split_semicolons))


def iter_segments(document: Document, *, split_semicolons: bool = False) -> Iterator[Segment]:
    """The segments of each block, cut inside it; a segment's kind is its block's role's
    (``structure.KIND_OF_ROLE``), the roles inferred where the importer gave none."""
    if any(p.role is None for p in document.paragraphs):
        document = structure.infer(document)
    paragraphs = document.paragraphs
    line_starts = _line_starts(document.text) if any(len(p.pieces) > 1 for p in paragraphs) else []
    for paragraph in paragraphs:
        assert paragraph.role is not None
        kind = structure.KIND_OF_ROLE[paragraph.role]
        if paragraph.role is Role.CELL:
            whole = _trim(paragraph.text, (0, len(paragraph.text)))
            spans = [whole] if whole is not None else []  # a table cell is translated whole
        else:
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


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)
