"""Source lint: problems of the Chinese document itself, reported once per document.

A document has one template and one catalog per language, all with the same msgids; the lint runs
on the first of them only (the template when it is among the inputs), so three languages do not
report the same skipped heading three times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aligner import lazyre
from aligner.checks.base import finding
from aligner.figures import zh_label, zh_numeral_text
from aligner.model import Catalog, Entry, Finding

# The label styles whose numbering is followed (the one reader of labels is ``figures.zh_label``).
_STYLES = ("(一)", "一、", "一是", "第一条", "(1)", "1.")
_MAY_BE_LABEL = lazyre.compile(r"\s*[（(一二三四五六七八九十第附\d]")
_PAIRS = {"《": "》", "“": "”", "（": "）", "(": ")", "〈": "〉", "【": "】", "「": "」"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_BRACKETS = lazyre.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")


def _label(style: str, value: int) -> str:
    if style == "(1)":
        return f"({value})"
    if style == "1.":
        return f"{value}."
    text = zh_numeral_text(value)
    return {"(一)": f"({text})", "一、": f"{text}、", "一是": f"{text}是", "第一条": f"第{text}条"}[style]


def document_key(catalog: Catalog) -> tuple[str, ...]:
    """What identifies a document across its template and catalogs: its msgids in order."""
    return tuple(e.msgid for e in catalog.entries if not e.obsolete)


def check(catalog: Catalog) -> Iterator[Finding]:
    yield from _enumeration(catalog)
    yield from _brackets(catalog)


def _in_document_order(catalog: Catalog) -> list[Entry]:
    """The live entries as the document reads them: an entry shared by two places stands at each.

    A catalog holds a repeated segment once (``（一）重婚的；`` in two articles of a law), at its first
    occurrence; its references give every place, so the second list is read whole again.
    """
    live = [entry for entry in catalog.entries if not entry.obsolete]
    if not live or not all(any(line is not None for _, line in entry.references) for entry in live):
        return live
    places = sorted(
        (line, order, entry)
        for order, entry in enumerate(live)
        for line in dict.fromkeys(line for _, line in entry.references if line is not None)
    )
    return [entry for _, _, entry in places]


def _enumeration(catalog: Catalog) -> Iterator[Finding]:
    last: dict[str, tuple[int, str]] = {}
    for entry in _in_document_order(catalog):
        if not _MAY_BE_LABEL.match(entry.msgid):
            continue
        label = zh_label(entry.msgid)
        if label is not None and label.style in _STYLES:
            style, value = label.style, label.value
            previous = last.get(style)
            # A list may start again at one under a new heading; otherwise it must go up by one.
            if previous is not None and value != 1 and value != previous[0] + 1:
                before = _label(style, previous[0])
                if value > previous[0] + 1:
                    gap = ", ".join(_label(style, v) for v in range(previous[0] + 1, value))
                    message = f"enumeration skips from {before} to {_label(style, value)}: {gap} missing"
                else:
                    message = f"enumeration goes back from {before} to {_label(style, value)}"
                yield finding("source.enumeration", catalog.path, entry.line, entry.msgid, message)
            elif previous is None and value > 1:
                yield finding(
                    "source.enumeration",
                    catalog.path,
                    entry.line,
                    entry.msgid,
                    f"enumeration starts at {_label(style, value)}",
                )
            last[style] = (value, entry.msgid)


def _brackets(catalog: Catalog) -> Iterator[Finding]:
    # Walk the whole document: a quotation may run over several segments and still be balanced.
    stack: list[tuple[str, int, str]] = []
    for entry in catalog.entries:
        if entry.obsolete:
            continue
        for char in _BRACKETS.findall(entry.msgid):
            if char in _PAIRS:
                stack.append((char, entry.line, entry.msgid))
            elif stack and stack[-1][0] == _CLOSERS[char]:
                stack.pop()
            else:
                yield finding(
                    "source.brackets",
                    catalog.path,
                    entry.line,
                    entry.msgid,
                    f"{char} without its {_CLOSERS[char]} in the source",
                )
    for char, line, msgid in stack:
        yield finding("source.brackets", catalog.path, line, msgid, f"{char} without its {_PAIRS[char]} in the source")
