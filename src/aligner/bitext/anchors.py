"""Anchors shared by both sides: numbers (dates included), Latin-script names, and heading labels.

Numbers are reduced to one canonical value on both sides (112亿 and 11.2 billion are both
11200000000; 2020年9月30日 and September 30, 2020 give 2020, 9, 30), so they can meet as features
of the lexical vectors. They help, but weigh no more than a few content words: a number repeated
through a text gets the low weight of a common word, which keeps number-heavy texts on track.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from aligner import figures, lazyre

_DIGITS = lazyre.compile(r"(\d+(?:[.,]\d+)*)\s*(万亿|亿|万|千)?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_NUMERALS = figures.NUMERAL_CHARS
_ZH_NUMERAL = lazyre.compile(f"[{_NUMERALS}万亿]+")
# A lone numeral character counts only before a unit or counter: 三大目标 is 3, 统一 is not 1.
_ZH_UNIT = lazyre.compile(r"[年月日号个项种次条大倍名位所家座亿万届岁天周章节款批轮]")
_ZH_MULTIPLIER = {"千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
_EN_NUMBER = lazyre.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"(?:\s*(trillion|billion|million|thousand|hundred))?",
    re.IGNORECASE,
)
# Spelled-out English numbers are read by the one reader of figures.
_EN_WORDS = figures.SPELLED_WORDS
_EN_MULTIPLIER = figures.SPELLED_MULTIPLIER
_ORDINALS = figures.SPELLED_ORDINALS
_MONTHS = {name.lower(): number for name, number in figures.MONTHS.items()}
_EN_WORD = lazyre.compile(r"[A-Za-z]+")
_LATIN = lazyre.compile(r"[A-Za-z][A-Za-z0-9\-]*")


def _canonical(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "#" + (text.rstrip("0").rstrip(".") if "." in text else text)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def zh_numbers(text: str) -> list[str]:
    """Canonical number tokens of Chinese text: Arabic digits (with 万/亿) and Chinese numerals."""
    text = text.translate(_FULLWIDTH)
    tokens: list[str] = []
    for match in _DIGITS.finditer(text):
        value = _decimal(match.group(1))
        if value is None:
            continue
        if match.group(2):
            value *= _ZH_MULTIPLIER[match.group(2)]
        tokens.append(_canonical(value))
    for match in _ZH_NUMERAL.finditer(text):
        raw = match.group(0)
        # A lone numeral needs a unit after it; 一 alone is "a"/"one" in words (统一, 一个), not 1,
        # and 万 alone is "all" (万物).
        if len(raw) == 1 and (raw in "一两万亿" or not _ZH_UNIT.match(text[match.end() : match.end() + 1])):
            continue
        value_int = _zh_value(raw)
        if value_int:
            tokens.append(_canonical(Decimal(value_int)))
    return tokens


def _zh_value(raw: str) -> int | None:
    """五万七千四百 = 57400, 三亿 = 300000000 (``figures.zh_numeral``)."""
    return figures.zh_numeral(raw)


def en_numbers(text: str) -> list[str]:
    """Canonical number tokens of English text: digits with scale words, number words, months."""
    tokens: list[str] = []
    for match in _EN_NUMBER.finditer(text):
        value = _decimal(match.group(1))
        if value is None:
            continue
        if match.group(2):
            value *= _EN_MULTIPLIER[match.group(2).lower()]
        tokens.append(_canonical(value))
    words = [w.lower() for w in _EN_WORD.findall(text)]
    k = 0
    while k < len(words):
        word = words[k]
        if word in _ORDINALS:
            tokens.append(_canonical(Decimal(_EN_WORDS[word])))
            k += 1
        elif word in _EN_WORDS or (word == "one" and k + 1 < len(words) and words[k + 1] in _EN_MULTIPLIER):
            value_int, k = _en_value(words, k)
            tokens.append(_canonical(Decimal(value_int)))
        else:
            if word in _MONTHS and (word != "may" or (k + 1 < len(words) and words[k + 1].isdigit())):
                tokens.append(_canonical(Decimal(_MONTHS[word])))
            k += 1
    return tokens


def _en_value(words: list[str], k: int) -> tuple[int, int]:
    return figures.spelled_number(words, k)


_ZH_TITLE = lazyre.compile(r"《[^《》]{2,}》")
_ZH_QUOTE = lazyre.compile(r"“[^“”]{2,}”")
_EN_QUOTE = lazyre.compile(r"“[^“”]{2,}”|\"[^\"]{2,}\"")
# A title in English is a run of capitalised words, small words allowed inside:
# "the Convention on Biological Diversity", "Master Plan on Major Projects".
_EN_TITLE = lazyre.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|on|for|and|the|in|to)?\s*[A-Z][a-z]+){2,}")


def zh_marks(text: str) -> list[str]:
    """One token per quoted title (《…》) and per quotation (“…”) of Chinese text."""
    return ["#title"] * len(_ZH_TITLE.findall(text)) + ["#quote"] * len(_ZH_QUOTE.findall(text))


def en_marks(text: str) -> list[str]:
    """The English counterparts: capitalised title runs and quotations."""
    return ["#title"] * len(_EN_TITLE.findall(text)) + ["#quote"] * len(_EN_QUOTE.findall(text))


def latin_words(text: str) -> list[str]:
    """Latin-script words inside Chinese text (names, abbreviations: WTO, COVID-19, Xi)."""
    return _LATIN.findall(text)


# ----------------------------------------------------------------------------- headings

# Label styles of ``figures.zh_label`` / ``figures.en_label``, by their name here; levels come from
# the order in which they appear.
_ZH_STYLES = {
    "第一章": "zh-chapter",
    "第一节": "zh-section",
    "第一条": "zh-article",
    "一、": "zh-comma",
    "(一)": "zh-paren",
    "1.": "digit-dot",
    "(1)": "digit-paren",
}
_EN_STYLES = {
    "Chapter": "en-chapter",
    "Section": "en-section",
    "Article": "en-article",
    "I.": "en-roman",
    "1.": "digit-dot",
    "(1)": "digit-paren",
}
# Article numbers restart nowhere: they label themselves, outside the heading hierarchy.
_FLAT = {"zh-article", "en-article"}


def heading_labels(texts: list[str], firsts: list[bool], zh: bool) -> list[str]:
    """A hierarchical label ("2", "2.1") for each numbered heading or item, "" for other sentences.

    Levels come from the order in which numbering styles first appear (一、 then （一）; I. then
    1.), so 二、/（一） and II./1. both give "2.1" whatever each side's styles are.
    """
    styles = _ZH_STYLES if zh else _EN_STYLES
    levels: dict[str, int] = {}
    stack: list[int] = []
    labels: list[str] = []
    for text, first in zip(texts, firsts, strict=True):
        label = ""
        if first:
            found = (figures.zh_label if zh else figures.en_label)(text.lstrip("\u3000 "))
            name = styles.get(found.style) if found is not None else None
            if found is not None and name is not None:
                number = found.value
                if name in _FLAT:
                    label = f"a{number}"
                else:
                    level = levels.setdefault(name, len(levels))
                    del stack[level:]
                    stack.extend([0] * (level + 1 - len(stack)))
                    stack[level] = number
                    label = ".".join(str(n) for n in stack)
        labels.append(label)
    return labels


# Speech tags: 她问道。/ 他答道。/ “……。”他说。 The Chinese segmenter cuts them off the quotation
# they close; the English keeps “Why?” she asked. as one sentence. A tag stays with its quote.
_ZH_TAG = lazyre.compile(
    r"^[^，。！？“”：；]{0,10}?(?:说|道|问|答|喊|叫|嚷|叹|笑|回答|补充|表示|指出)[了着]?(?:道|说)?[。！？，：]?$"
)
_ZH_QUOTE_END = lazyre.compile(r"[”」』]\s*$")
_EN_TAG = lazyre.compile(r"^[a-z]")
_EN_QUOTE_END = lazyre.compile(r"(?:[.,?!…—-][”\"’]|[?!…—-])\s*$")


def speech_tails(texts: list[str], zh: bool) -> list[bool]:
    """Whether each sentence is a speech tag (or a lowercase continuation) that belongs with the
    quotation or exclamation ending just before it."""
    tag, end = (_ZH_TAG, _ZH_QUOTE_END) if zh else (_EN_TAG, _EN_QUOTE_END)
    tails = [False] * len(texts)
    for k in range(1, len(texts)):
        tails[k] = bool(tag.match(texts[k].strip())) and bool(end.search(texts[k - 1]))
    return tails
