"""The one reader of figures: Chinese and English numbers, percentages, dates and enumeration labels.

The checks (is every figure of the source in the English?), the sentence aligner (numbers as
anchors) and the translation memory (placeables rewritten in a match) all read figures here, so
112亿, 第十二条 or 2021年11月16日 mean the same thing everywhere. Standard library only.

``zh_figures`` and ``en_figures`` return every figure of a text with its span, kind and value;
``zh_label`` / ``en_label`` read the enumeration label a line starts with; the patterns below are
shared by the segmenter (heading and date lines) and the checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from aligner import lazyre
from aligner.records import Record

# --------------------------------------------------------------------------- Chinese numerals

ZH_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
ZH_BIG = {"万": 10_000, "亿": 100_000_000}
# Digits and 十/百/千 (without 万/亿): a numeral up to the thousands.
CHINESE_DIGITS = {**ZH_DIGITS, **ZH_UNITS}
NUMERAL_CHARS = "零〇○一二三四五六七八九十百千两"
ZH_NUMERAL_CHARS = NUMERAL_CHARS + "万亿"
# The numerals of labels and headings (一、, （十二）, 第一百零三条).
LABEL_NUMERALS = "一二三四五六七八九十百零〇两"


def zh_numeral(text: str) -> int | None:
    """Value of a Chinese numeral, 万 and 亿 included (十三 = 13, 三千万 = 30000000, 二〇二一 = 2021,
    五万七千四百 = 57400, 一亿五千万 = 150000000); None when ``text`` is not one."""
    if not text or any(c not in ZH_DIGITS and c not in ZH_UNITS and c not in ZH_BIG for c in text):
        return None
    if all(c in ZH_DIGITS for c in text):
        # Digit by digit, as years are written: 二〇二一 = 2021.
        value = 0
        for char in text:
            value = value * 10 + ZH_DIGITS[char]
        return value
    for mark in ("亿", "万"):
        if mark in text:
            high, _, low = text.partition(mark)
            high_value = zh_numeral(high) if high else 1
            low_value = zh_numeral(low) if low else 0
            if high_value is None or low_value is None:
                return None
            return high_value * ZH_BIG[mark] + low_value
    section = 0
    digit: int | None = None
    for char in text:
        if char in ZH_DIGITS:
            digit = ZH_DIGITS[char]
        else:
            section += (digit if digit is not None else 1) * ZH_UNITS[char]
            digit = None
    return section + (digit or 0)


_ZH_TEXT_DIGITS = "零一二三四五六七八九"


def zh_numeral_text(value: int) -> str:
    """A count as Chinese writes it in labels: 14 = 十四, 23 = 二十三, 105 = 一百零五 (below 10,000)."""
    if value < 10:
        return _ZH_TEXT_DIGITS[value]
    if value < 20:
        return "十" + (_ZH_TEXT_DIGITS[value - 10] if value > 10 else "")
    parts: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            if zero and parts:
                parts.append("零")
            parts.append(_ZH_TEXT_DIGITS[digit] + name)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


# --------------------------------------------------------------------------- enumeration labels

_N = LABEL_NUMERALS
# Line patterns of Chinese official documents (GB/T 9704 layout and common web pages): what the
# segmenter takes for a heading, an article, a date line.
HEADING_MARK = lazyre.compile(
    rf"^(?:[{_N}]+、|[（(][{_N}]+[）)]|第[{_N}\d]+[章节编](?:[\s\u3000]|$)|[（(]\d{{1,2}}[）)])"
)
ARTICLE_MARK = lazyre.compile(rf"^第[{_N}\d]+条(?:之[{_N}]+)?(?:[\s\u3000]|$)")
LIST_MARK = lazyre.compile(r"^(?:\d{1,3}[.．、](?!\d)|[①-⑳]|——|[-•·]\s|[a-zA-Z][.)]\s)")
_YEAR_DATE = rf"(?:\d{{4}}|[〇○零一二三四五六七八九]{{4}})年(?:\d{{1,2}}|[{_N}]{{1,2}})月(?:\d{{1,2}}|[{_N}]{{1,3}})日"
DATE_LINE = lazyre.compile(
    rf"^(?:(?:日期|发布日期|成文日期)\s*[:：]\s*)?[（(]?(?:{_YEAR_DATE}|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}})[）)]?$"
)


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Label(Record):
    """An enumeration label at the start of a line: its style, its number and its span."""

    style: str  # "(一)", "一、", "一是", "第一条", "第一章", "第一节", "第一编", "第一款", "(1)", "1." / English styles
    value: int
    start: int
    end: int

    def text(self, line: str) -> str:
        return line[self.start : self.end]


_ZH_LABELS = (
    ("(一)", lazyre.compile(rf"[（(]([{_N}]+)[）)]")),
    ("一、", lazyre.compile(rf"([{_N}]+)[、．.]")),
    ("一是", lazyre.compile(rf"([{_N}]+)是")),
    ("第一条", lazyre.compile(rf"第([{_N}\d]+)条")),
    ("第一章", lazyre.compile(rf"第([{_N}\d]+)[章编]")),
    ("第一节", lazyre.compile(rf"第([{_N}\d]+)节")),
    ("第一款", lazyre.compile(rf"第([{_N}\d]+)款")),
    ("(1)", lazyre.compile(r"[（(](\d{1,3})[）)]")),
    # An attachment list starts after its label: 附件：1.……, then 2.…… on the next line.
    ("1.", lazyre.compile(r"(?:附\s*件\s*[:：]\s*)?(\d{1,3})[.．、](?!\d)")),
)
_EN_LABELS = (
    ("Chapter", lazyre.compile(r"(?:Chapter|Part)\s+([IVXLC]+|\d+)\b", re.IGNORECASE)),
    ("Section", lazyre.compile(r"Section\s+([IVXLC]+|\d+)\b", re.IGNORECASE)),
    ("Article", lazyre.compile(r"Article\s+(\d+)\b")),
    ("I.", lazyre.compile(r"([IVXLC]+)\.\s*(?=[A-Z])")),
    ("1.", lazyre.compile(r"(\d{1,2})\.\s+(?=[A-Z])")),
    ("(1)", lazyre.compile(r"\((\d{1,2})\)\s")),
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(text: str) -> int | None:
    """Value of a Roman numeral (IV = 4, XII = 12), None when ``text`` is not one."""
    text = text.upper()
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for k, c in enumerate(text):
        value = _ROMAN[c]
        total += -value if k + 1 < len(text) and _ROMAN[text[k + 1]] > value else value
    return total


def _label_value(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    if raw[0] in _N:
        return zh_numeral(raw)
    return roman(raw)


def _read_label(styles: tuple[tuple[str, re.Pattern[str]], ...], text: str, start: int) -> Label | None:
    for style, pattern in styles:
        match = pattern.match(text, start)
        if match is None:
            continue
        value = _label_value(match.group(1))
        return None if value is None else Label(style, value, match.start(), match.end())
    return None


def zh_label(text: str) -> Label | None:
    """The enumeration label a Chinese line starts with: (一), 一、, 一是, 第十二条, 第三章, (1), 1."""
    start = len(text) - len(text.lstrip(" \t\u3000"))
    return _read_label(_ZH_LABELS, text, start)


def en_label(text: str) -> Label | None:
    """The label an English line starts with: Chapter III, Section 2, Article 12, II., 1., (1)."""
    start = len(text) - len(text.lstrip(" \t\u3000"))
    return _read_label(_EN_LABELS, text, start)


# The labels of a document's outline, top to bottom: what heading levels are made of. A
# document uses some of them; its first heading style present is level 1, the next level 2 (a
# notice: 一、 then （一）; a law: 第一章 then 第一节; a plan: 1 then 1.1 then 1.1.1).
OUTLINE_RANK = {
    "第一编": 0, "第一章": 1, "第一节": 2, "1": 3, "1.1": 4, "1.1.1": 5, "1.1.1.1": 6,
    "一": 7, "一、": 7, "(一)": 8, "1.": 9, "(1)": 10, "①": 11, "——": 12,
}  # fmt: skip
_OUTLINE = (
    ("第一编", lazyre.compile(rf"第([{_N}\d]+)编(?=[\s\u3000]|$)")),
    ("第一章", lazyre.compile(rf"第([{_N}\d]+)章(?=[\s\u3000]|$)")),
    ("第一节", lazyre.compile(rf"第([{_N}\d]+)节(?=[\s\u3000]|$)")),
    # Decimal numbering of plans: 1.1.1　…, 2.1　…, and the top level "1　总则" (a digit and a space).
    ("1.1", lazyre.compile(r"(\d{1,2}(?:\.\d{1,2}){1,3})(?=[\s\u3000]|[\u4e00-\u9fff])")),
    ("1", lazyre.compile(r"(\d{1,2})[\s\u3000]+(?=[\u4e00-\u9fff])")),
    ("一、", lazyre.compile(rf"([{_N}]+)[、．.]")),
    ("(一)", lazyre.compile(rf"[（(]([{_N}]+)[）)]")),
    ("(1)", lazyre.compile(r"[（(](\d{1,2})[）)]")),
    ("1.", lazyre.compile(r"(\d{1,3})[.．、](?!\d)")),
    ("①", lazyre.compile("([①-⑳])")),
    ("——", lazyre.compile("(——)")),
    ("一", lazyre.compile(rf"([{_N}]{{1,3}}|\d{{1,2}})$")),  # a numeral alone on its line
)


_OUTLINE_FIRST = frozenset("第（(—0123456789" + _N + "".join(chr(c) for c in range(ord("①"), ord("⑳") + 1)))


def outline_label(text: str) -> Label | None:
    """The outline label a Chinese line starts with, its style a key of ``OUTLINE_RANK``: 第二章,
    1.2.1, 一、, （一）, 1., （1）, ①, ——, or a numeral alone. Decimal labels give their depth as
    the style (``1.1.1``) and their last number as the value; ``text(line)`` is the whole label."""
    start = 0
    while start < len(text) and text[start] in " \t\u3000":
        start += 1
    if start >= len(text) or text[start] not in _OUTLINE_FIRST:
        return None  # most lines: no label can start with their first character
    for style, pattern in _OUTLINE:
        match = pattern.match(text, start)
        if match is None:
            continue
        raw = match.group(1)
        if style == "1.1":
            parts = raw.split(".")
            return Label(".".join(["1"] * len(parts)), int(parts[-1]), start, match.end(1))
        if style == "①":
            return Label(style, ord(raw) - ord("①") + 1, start, match.end())
        if style == "——":
            return Label(style, 0, start, match.end())
        value = int(raw) if raw.isdigit() else zh_numeral(raw)
        return None if value is None else Label(style, value, start, match.end(1) if style == "1" else match.end())
    return None


# Labels that open a Chinese segment, left out when its quantities are read.
ZH_LABEL = lazyre.compile(
    rf"^\s*(?:[（(][{_N[:10]}]+[）)]|[{_N[:10]}]+[、．.]|[{_N[:10]}]+是"
    rf"|第[{_N[:10]}百零〇\d]+[条章节款]|\d{{1,2}}[、．]|[（(]\d{{1,2}}[）)])\s*"
)
EN_LABEL = lazyre.compile(
    r"^\s*(?:\(?[IVXLC]+[.)]\s|\([ivx]+\)\s?|\(\d{1,2}\)\s?|\d{1,2}[.)]\s|\([a-z]\)\s|Article\s+\d+\b[.:]?)"
)

# --------------------------------------------------------------------------- dates

ZH_DATE = lazyre.compile(
    r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?"
    r"|(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
    r"|(?<![\d个])(\d{1,2})\s*月(?!\d)"  # 同年10月, 12月份: a month alone (not 3个月, a duration)
    # 1-10月, 1至10月: the first month of a range, whose 月 is written once, after the last (not 2-3个月).
    r"|(?:(\d{4})\s*年\s*)?(?<![\d.])(\d{1,2})\s*(?:-|－|—|–|~|～|至|到)\s*(?=\d{1,2}\s*月(?!\d))"
)
ISO_DATE = lazyre.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/-])")

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
EN_DATE = lazyre.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})"  # 16 November 2021
    rf"|{_MONTH}\s+{_DAY},?\s+(\d{{4}})"  # November 16, 2021
    rf"|{_MONTH},?\s+(\d{{4}})"  # November 2021
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH}"  # 16 November
    rf"|{_MONTH}\s+{_DAY})(?![\d])"  # November 16
)
MONTH_HINT = lazyre.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
Date = tuple[int | None, int | None, int | None]


def _zh_part(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else zh_numeral(text)


def zh_date(match: re.Match[str]) -> Date:
    """(year, month, day) of a ``ZH_DATE`` match; parts not written are None."""
    g = match.groups()
    if g[7]:
        return (_zh_part(g[6]), int(g[7]), None)
    if g[5]:
        return (None, int(g[5]), None)
    if g[3]:
        return (None, int(g[3]), int(g[4]))
    return (_zh_part(g[0]), _zh_part(g[1]), _zh_part(g[2]))


def en_date(match: re.Match[str]) -> Date:
    """(year, month, day) of an ``EN_DATE`` match."""
    g = match.groups()
    if g[0]:
        return (int(g[2]), MONTHS[g[1]], int(g[0]))
    if g[3]:
        return (int(g[5]), MONTHS[g[3]], int(g[4]))
    if g[6]:
        return (int(g[7]), MONTHS[g[6]], None)
    if g[8]:
        return (None, MONTHS[g[9]], int(g[8]))
    return (None, MONTHS[g[10]], int(g[11]))


def same_date(a: Date | None, b: Date | None) -> bool:
    """Two dates agree on every part both give, and both give at least one."""
    if a is None or b is None:
        return False
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    return bool(pairs) and all(x == y for x, y in pairs)


# --------------------------------------------------------------------------- figures with spans

ZH_MAGNITUDE = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3, "百": 10**2}
EN_MAGNITUDE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_HAS_FULLWIDTH = lazyre.compile("[０-９．，％]")

# Measure words after which a Chinese numeral is a count (五届, 四次, 两张); without one, numerals
# are mostly parts of words (一体化, 三峡, 两江, 万达开, 一带一路).
MEASURE = "个次届家项批名所点张年条种位台套部件份类期轮人天周倍层级款章节篇册本座辆架艘枚颗例起笔元大"


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Figure(Record):
    """One figure of a text: where it is, what it is, what it is worth."""

    start: int
    end: int
    text: str
    kind: str  # number, percent, date, ordinal (第十二条, Article 12, 12th), code (5G, COVID-19)
    value: Decimal | None = None  # numbers, percents, ordinals
    date: Date | None = None
    scale: int = 1  # the magnitude word written with it: 亿 (10^8), billion (10^9)
    word: bool = False  # written as a word (fourteen, 十四) rather than digits
    approx: bool = False  # hedged in the writing itself: 8000余, 3000多亿 (about, more than)


# Arabic numbers in Chinese: 340.6亿, 3000多亿, 14,090, 12.5%, 8000余; groups: whole, fraction, the
# 余/多 inside a magnitude, the magnitude, what follows (%, 余, 多, 以上, 左右).
ZH_NUMBER = lazyre.compile(
    r"(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(\d+))?(?:\s*([余多])(?=万亿|亿|万))?"  # 3000多亿
    r"\s*(万亿|亿|万|千|百)?\s*([%％]|余|多|以上|左右)?"
)
_APPROX_TAILS = ("余", "多", "以上", "左右")
_ZH_ORDINAL = lazyre.compile(f"第([{ZH_NUMERAL_CHARS}]+|\\d+)")
_ZH_COUNT = lazyre.compile(f"[{ZH_NUMERAL_CHARS}]+(?=[{MEASURE}])")
# 百分之三点五: a percentage in words, its decimals read digit by digit after 点.
ZH_PERCENT_WORDS = lazyre.compile(r"百分之([零〇一二两三四五六七八九十百]+)(?:点([零〇一二三四五六七八九]+))?")
_LATIN_CODE = lazyre.compile(r"(?<![0-9A-Za-z])[A-Za-z][0-9A-Za-z]*(?:[-_/.][0-9A-Za-z]+)*")
# In Chinese text any run of Latin letters and digits is copied as written: 5G, COVID-19, MB1589/2021-00319.
_ZH_CODE = lazyre.compile(r"(?<![0-9A-Za-z])(?=[0-9]*[A-Za-z])[0-9A-Za-z]+(?:[-_/][0-9A-Za-z]+)*")
_ENDS_IN_ONE = "唯统同单逐之万划数几"


def zh_percent(match: re.Match[str] | None) -> Decimal | None:
    """The value of a ``ZH_PERCENT_WORDS`` match: 百分之三点五 = 3.5, 百分之十二 = 12."""
    if match is None:
        return None
    whole = zh_numeral(match.group(1))
    if whole is None:
        return None
    fraction = "".join(str(ZH_DIGITS[c]) for c in match.group(2) or "")
    return Decimal(f"{whole}.{fraction}") if fraction else Decimal(whole)


def decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in taken)


# One pass over the text finds every kind of figure; where two could start at one place, the
# earlier alternative wins (a date over its year, 第十二条 over the count 十二).
_ZH_FIGURE = lazyre.compile(
    # The look-ahead lets the engine pass over plain Chinese characters at the cost of one class test.
    f"(?=[0-9A-Za-z第{ZH_NUMERAL_CHARS}])(?:"
    + "|".join(
        (
            f"(?P<date>{ZH_DATE.pattern})",
            r"(?P<iso>\d{4}(?P<sep>[-/.])\d{1,2}(?P=sep)\d{1,2}(?![\d/-]))",
            f"(?P<ordinal>{_ZH_ORDINAL.pattern})",
            f"(?P<percent>{ZH_PERCENT_WORDS.pattern})",
            f"(?P<code>{_ZH_CODE.pattern})",
            f"(?P<arabic>(?<![0-9A-Za-z]){ZH_NUMBER.pattern})",
            f"(?P<count>{_ZH_COUNT.pattern})",
        )
    )
    + ")"
)
_MAY_HAVE_FIGURE = lazyre.compile(f"[0-9A-Za-z{ZH_NUMERAL_CHARS}]")


def zh_figures(text: str, *, values: bool = True) -> list[Figure]:
    """Every figure of a Chinese text, in order: dates, 第N ordinals, Arabic numbers with 万/亿 and %,
    百分之N, Chinese counts before a measure word (五届, 两张), Latin codes and names.

    ``values=False`` finds the same figures without reading their values (for a skeleton, fast)."""
    if _HAS_FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH)
    found: list[Figure] = []
    if not _MAY_HAVE_FIGURE.search(text):
        return found
    for m in _ZH_FIGURE.finditer(text):
        kind = m.lastgroup
        start, end = m.span()
        if kind == "date":
            date = ZH_DATE.match(text, start) if values else None
            found.append(Figure(start, end, m.group(), "date", date=zh_date(date) if date is not None else None))
        elif kind == "iso":
            parts = re.split(r"[-/.]", m.group())
            year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.append(Figure(start, end, m.group(), "date", date=(year, month, day)))
        elif kind == "ordinal":
            raw = m.group()[1:]
            if raw == "一" and text.startswith(("大", "时间"), end):
                continue  # 第一大: the largest; 第一时间: at once
            value = (int(raw) if raw.isdigit() else zh_numeral(raw)) if values else 0
            if value is not None:
                number = Decimal(value) if values else None
                found.append(Figure(start, end, m.group(), "ordinal", number, word=not raw.isdigit()))
        elif kind == "percent":
            percent = zh_percent(ZH_PERCENT_WORDS.match(text, start)) if values else Decimal(0)
            if percent is not None:
                found.append(Figure(start, end, m.group(), "percent", percent if values else None, word=True))
        elif kind == "code":
            found.append(Figure(start, end, m.group(), "code"))
        elif kind == "arabic":
            shown = m.group().rstrip()
            number_match = ZH_NUMBER.match(shown)
            if number_match is None:
                continue
            whole, fraction, inner, magnitude, tail = number_match.groups()
            approx = bool(inner) or tail in _APPROX_TAILS
            kind = "percent" if tail in ("%", "％") else "number"
            if not values:
                found.append(Figure(start, start + len(shown), shown, kind, approx=approx))
                continue
            number = decimal(whole + ("." + fraction if fraction else ""))
            if number is None:
                continue
            scale = ZH_MAGNITUDE.get(magnitude or "", 1)
            found.append(Figure(start, start + len(shown), shown, kind, number * scale, scale=scale, approx=approx))
        else:
            raw = m.group()
            before = text[start - 1 : start]
            if (before and before in _ENDS_IN_ONE) or raw == "一":
                continue  # 统一, 一个: not counts
            value = zh_numeral(raw) if values else 0
            if value is not None:
                found.append(Figure(start, end, raw, "number", Decimal(value) if values else None, word=True))
    return found


# English numbers in digits (ASCII: a plain class lets the engine skip ahead); groups: whole,
# fraction, percent, magnitude word, ordinal suffix. Left edges are checked by the callers.
EN_NUMBER = lazyre.compile(
    r"([0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.([0-9]+))?"
    r"(?:\s*(%|percent\b|per\s+cent\b)|\s*-?\s*(thousand|million|billion|trillion)\b|(st|nd|rd|th)\b)?"
)
_EN_ARTICLE = lazyre.compile(r"\b(Articles?|Chapter|Section|Paragraph|Item|No\.)\s+(\d+)\b")
CARDINALS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
ORDINALS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth",
]  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# How many times: 增长三倍 may be "tripled", "threefold" or "three times".
MULTIPLES = {
    "once": 1, "twice": 2, "thrice": 3, "double": 2, "doubled": 2, "twofold": 2, "triple": 3, "tripled": 3,
    "threefold": 3, "quadruple": 4, "quadrupled": 4, "fourfold": 4, "fivefold": 5, "sixfold": 6, "sevenfold": 7,
    "eightfold": 8, "ninefold": 9, "tenfold": 10,
}  # fmt: skip
_EN_WORD_NUMBER = lazyre.compile(
    r"\b(" + "|".join(sorted([*CARDINALS[1:], *ORDINALS[1:], *TENS], key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def en_figures(text: str) -> list[Figure]:
    """Every figure of an English text, in order: dates (16 November 2021, November 16, 2021,
    2021-11-16), Article 12, numbers with million/billion and percent, ordinals (12th), number
    words (fourteen, sixth), codes (5G, COVID-19)."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(figure: Figure) -> None:
        if _free(taken, figure.start, figure.end):
            found.append(figure)
            taken.append((figure.start, figure.end))

    if MONTH_HINT.search(text):
        for m in EN_DATE.finditer(text):
            add(Figure(m.start(), m.end(), m.group(), "date", date=en_date(m)))
    for m in ISO_DATE.finditer(text):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1 <= month <= 12 and 1 <= day <= 31:
            add(Figure(m.start(), m.end(), m.group(), "date", date=(year, month, day)))
    for m in _EN_ARTICLE.finditer(text):
        add(Figure(m.start(2), m.end(2), m.group(2), "ordinal", Decimal(m.group(2))))
    for m in _LATIN_CODE.finditer(text):
        token = m.group()
        if (any(c.isdigit() for c in token) and not re.fullmatch(r"\d+(?:st|nd|rd|th|s)", token)) or (
            token.isupper() and len(token) > 1
        ):
            add(Figure(m.start(), m.end(), token, "code"))
    for m in EN_NUMBER.finditer(text):
        before = text[m.start() - 1 : m.start()]
        if before and (before.isalnum() or before in "_."):
            continue  # RMB260, CO2, the 3 of 1.2.3
        whole, fraction, percent, magnitude, suffix = m.groups()
        number = decimal(whole + ("." + fraction if fraction else ""))
        if number is None:
            continue
        scale = EN_MAGNITUDE.get((magnitude or "").lower(), 1)
        kind = "percent" if percent else "ordinal" if suffix else "number"
        add(Figure(m.start(), m.end(), m.group(), kind, number * scale, scale=scale))
    for m in _EN_WORD_NUMBER.finditer(text):
        word = m.group().lower()
        if word in CARDINALS:
            value, kind = CARDINALS.index(word), "number"
        elif word in ORDINALS:
            value, kind = ORDINALS.index(word), "ordinal"
        else:
            value, kind = TENS[word], "number"
        add(Figure(m.start(), m.end(), m.group(), kind, Decimal(value), word=True))
    found.sort(key=lambda f: f.start)
    return found


# --------------------------------------------------------------------------- numbers in words

# Spelled-out English numbers as the aligner reads them, the Bible's order included.

SPELLED_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "twice": 2, "double": 2, "triple": 3, "dozen": 12,
}  # fmt: skip
SPELLED_MULTIPLIER = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SPELLED_ORDINALS = {
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "twice",
    "double",
    "triple",
}
_SPELLED_CARDINALS = ({w for w in SPELLED_WORDS if w not in SPELLED_ORDINALS} | set(SPELLED_MULTIPLIER)) - {
    "hundred"
} | {"one", "hundred"}  # fmt: skip


def _joins(total: int, current: int, following: str) -> bool:
    """Whether "and" continues a number: five hundred and three, two thousand and twenty,
    seven and twenty (the Bible's order), fifty and seven thousand; not "two and three"."""
    if following in SPELLED_MULTIPLIER:
        return True
    if following not in _SPELLED_CARDINALS:
        return False
    if total or (current and current % 100 == 0):
        return True
    following_value = 1 if following == "one" else SPELLED_WORDS.get(following, 0)
    if current >= 20 and current % 10 == 0 and 0 < following_value < 10:
        return True  # fifty and seven (thousand)
    return current < 10 and following_value >= 20  # seven and twenty


def spelled_number(words: list[str], k: int) -> tuple[int, int]:
    """The number spelled from words[k] on, and the index after it: "fifty and seven thousand
    and four hundred" = 57400 (the Bible's way), "three hundred and twenty" = 320. Always
    consumes words[k], which is a cardinal."""
    total = current = 0
    start = k
    while k < len(words):
        word = words[k]
        if word == "one" or (word in SPELLED_WORDS and word not in SPELLED_ORDINALS and SPELLED_WORDS[word] < 100):
            current += 1 if word == "one" else SPELLED_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SPELLED_MULTIPLIER:
            total += (current or 1) * SPELLED_MULTIPLIER[word]
            current = 0
        elif word == "and" and k > start and k + 1 < len(words) and _joins(total, current, words[k + 1]):
            pass
        else:
            break
        k += 1
    return total + current, max(k, start + 1)


def skeleton(text: str, figures: list[Figure]) -> str:
    """``text`` with each figure replaced by a mark of its kind: two texts with the same skeleton
    differ only in figures (a placeable match)."""
    parts: list[str] = []
    last = 0
    for figure in figures:
        parts.append(text[last : figure.start])
        parts.append("\ue000" + figure.kind[0] + ("~" if figure.approx else ""))
        last = figure.end
    parts.append(text[last:])
    return "".join(parts)


# --------------------------------------------------------------------------- law articles

# An article's number: (12, 0) for 第十二条, (10, 1) for 第十条之一, the article inserted after 第十条.
ArticleNumber = tuple[int, int]
_ARTICLE = lazyre.compile(rf"第([{_N}]+|\d+)条(?:之([{_N}]+|\d+))?")
# What stands before a reference to another law's article: 刑法第三百三十八条, 《民法典》第十条.
# 本法, 本条例, 本解释 name the document itself; a code (民法典), a charter or a treaty is another's.
_OTHER_LAW = lazyre.compile(
    r"(?:》|(?<!本)(?<!本办)法|(?<!本)(?:条例|规定|办法|决定|解释|细则|规则|通则|公约|法典|章程|协定|条约))$"
)
# Between two references of one list or range: 第十条、第十二条, 第十条第二款至第十五条.
_REFERENCE_JOIN = lazyre.compile(rf"^(?:第[{_N}\d]+[款项目])*(?:、|至|到|和|或者|或|及|以及|与)$")


def article_number(label: str) -> ArticleNumber | None:
    """The number of an article label: 第十二条 = (12, 0), 第10条 = (10, 0), 第十条之一 = (10, 1)."""
    match = _ARTICLE.fullmatch(label.strip())
    return None if match is None else _article_value(match)


def _article_value(match: re.Match[str]) -> ArticleNumber | None:
    main = _label_value(match.group(1))
    sub = _label_value(match.group(2)) if match.group(2) else 0
    return None if main is None or sub is None else (main, sub)


def article_label(number: ArticleNumber, *, digits: bool = False) -> str:
    """The label of an article number, in Chinese numerals (第十条之一) or digits (第10条之1)."""
    main, sub = number
    if digits:
        return f"第{main}条" + (f"之{sub}" if sub else "")
    return f"第{zh_numeral_text(main)}条" + (f"之{zh_numeral_text(sub)}" if sub else "")


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class ArticleReference(Record):
    """A cross-reference to an article of the same document (依照本法第十二条), with its span."""

    start: int
    end: int
    number: ArticleNumber
    digits: bool  # written 第12条 rather than 第十二条
    own: bool = True  # to the document's own article; False: to another law's (刑法第三百三十八条)


def article_references(text: str, *, others: bool = False) -> list[ArticleReference]:
    """The cross-references of ``text`` to articles of its own document, in order.

    A reference to another law (刑法第三百三十八条, 《民法典》第十条, and the rest of its list:
    刑法第三百三十八条、第三百三十九条) is not one, unless ``others`` (then its ``own`` is False);
    nor is the label a text opens with (the article's own number)."""
    found: list[ArticleReference] = []
    if "条" not in text:
        return found
    opening = len(text) - len(text.lstrip(" \t\u3000"))
    previous_end = -1
    previous_external = False
    for match in _ARTICLE.finditer(text):
        if match.start() == opening:
            continue
        between = text[previous_end : match.start()] if previous_end >= 0 else ""
        if previous_end >= 0 and _REFERENCE_JOIN.match(between):
            external = previous_external
        else:
            external = bool(_OTHER_LAW.search(text[max(0, match.start() - 8) : match.start()]))
        previous_end, previous_external = match.end(), external
        number = _article_value(match)
        if (external and not others) or number is None:
            continue
        found.append(ArticleReference(match.start(), match.end(), number, match.group(1).isdigit(), not external))
    return found


def renumber_references(text: str, numbers: dict[ArticleNumber, ArticleNumber]) -> str:
    """``text`` with each cross-reference to its own document's articles renumbered through
    ``numbers`` (old number -> new), each in the style it was written in."""
    parts: list[str] = []
    last = 0
    for reference in article_references(text):
        new = numbers.get(reference.number)
        if new is None or new == reference.number:
            continue
        parts.append(text[last : reference.start])
        parts.append(article_label(new, digits=reference.digits))
        last = reference.end
    parts.append(text[last:])
    return "".join(parts)
