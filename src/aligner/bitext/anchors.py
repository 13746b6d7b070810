"""Anchors shared by both sides: numbers (dates included), Latin-script names, and heading labels.

Numbers are reduced to one canonical value on both sides (112亿 and 11.2 billion are both
11200000000; 2020年9月30日 and September 30, 2020 give 2020, 9, 30), so they can meet as features
of the lexical vectors. They help, but weigh no more than a few content words: a number repeated
through a text gets the low weight of a common word, which keeps number-heavy texts on track.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from aligner import chinese

_DIGITS = re.compile(r"(\d+(?:[.,]\d+)*)\s*(万亿|亿|万|千)?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_NUMERALS = chinese.NUMERAL_CHARS
_ZH_NUMERAL = re.compile(f"[{_NUMERALS}万亿]+")
# A lone numeral character counts only before a unit or counter: 三大目标 is 3, 统一 is not 1.
_ZH_UNIT = re.compile(r"[年月日号个项种次条大倍名位所家座亿万届岁天周章节款批轮]")
_ZH_MULTIPLIER = {"千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
_EN_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"(?:\s*(trillion|billion|million|thousand|hundred))?",
    re.IGNORECASE,
)
_EN_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "twice": 2, "double": 2, "triple": 3, "dozen": 12,
}  # fmt: skip
_MONTHS = {
    m: i
    for i, names in enumerate(
        ["january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
         "august aug", "september sep sept", "october oct", "november nov", "december dec"],
        start=1,
    )
    for m in names.split()
}  # fmt: skip
_EN_MULTIPLIER = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_ORDINALS = {
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
_CARDINALS = ({w for w in _EN_WORDS if w not in _ORDINALS} | set(_EN_MULTIPLIER)) - {"hundred"} | {"one", "hundred"}
_EN_WORD = re.compile(r"[A-Za-z]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")


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
    """五万七千四百 = 57400, 三亿 = 300000000: 亿 and 万 split the numeral into groups."""
    for mark, scale in (("亿", 100_000_000), ("万", 10_000)):
        if mark in raw:
            high, _, low = raw.partition(mark)
            high_value = _zh_value(high) if high else 1
            low_value = _zh_value(low) if low else 0
            if high_value is None or low_value is None:
                return None
            return high_value * scale + low_value
    return chinese.chinese_number(raw)


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


def _joins(total: int, current: int, following: str) -> bool:
    """Whether "and" continues a number: five hundred and three, two thousand and twenty,
    seven and twenty (the Bible's order), fifty and seven thousand; not "two and three"."""
    if following in _EN_MULTIPLIER:
        return True
    if following not in _CARDINALS:
        return False
    if total or (current and current % 100 == 0):
        return True
    following_value = 1 if following == "one" else _EN_WORDS.get(following, 0)
    if current >= 20 and current % 10 == 0 and 0 < following_value < 10:
        return True  # fifty and seven (thousand)
    return current < 10 and following_value >= 20  # seven and twenty


def _en_value(words: list[str], k: int) -> tuple[int, int]:
    """The number spelled from words[k] on, and the index after it: "fifty and seven thousand
    and four hundred" = 57400 (the Bible's way), "three hundred and twenty" = 320. Always
    consumes words[k], which is a cardinal."""
    total = current = 0
    start = k
    while k < len(words):
        word = words[k]
        if word == "one" or (word in _EN_WORDS and word not in _ORDINALS and _EN_WORDS[word] < 100):
            current += 1 if word == "one" else _EN_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _EN_MULTIPLIER:
            total += (current or 1) * _EN_MULTIPLIER[word]
            current = 0
        elif word == "and" and k > start and k + 1 < len(words) and _joins(total, current, words[k + 1]):
            pass
        else:
            break
        k += 1
    return total + current, max(k, start + 1)


_ZH_TITLE = re.compile(r"《[^《》]{2,}》")
_ZH_QUOTE = re.compile(r"“[^“”]{2,}”")
_EN_QUOTE = re.compile(r"“[^“”]{2,}”|\"[^\"]{2,}\"")
# A title in English is a run of capitalised words, small words allowed inside:
# "the Convention on Biological Diversity", "Master Plan on Major Projects".
_EN_TITLE = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of|on|for|and|the|in|to)?\s*[A-Z][a-z]+){2,}")


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

_ZH_STYLES = (
    ("zh-chapter", re.compile(rf"^第([{_NUMERALS}\d]+)[章编]")),
    ("zh-section", re.compile(rf"^第([{_NUMERALS}\d]+)节")),
    ("zh-article", re.compile(rf"^第([{_NUMERALS}\d]+)条")),
    ("zh-comma", re.compile(rf"^([{_NUMERALS}]+)、")),
    ("zh-paren", re.compile(rf"^[（(]([{_NUMERALS}]+)[）)]")),
    ("digit-dot", re.compile(r"^(\d{1,2})[.．、](?!\d)")),
    ("digit-paren", re.compile(r"^[（(](\d{1,2})[）)]")),
)
_EN_STYLES = (
    ("en-chapter", re.compile(r"^(?:Chapter|Part)\s+([IVXLC]+|\d+)\b", re.IGNORECASE)),
    ("en-section", re.compile(r"^Section\s+([IVXLC]+|\d+)\b", re.IGNORECASE)),
    ("en-article", re.compile(r"^Article\s+(\d+)\b")),
    ("en-roman", re.compile(r"^([IVXLC]+)\.\s*(?=[A-Z])")),
    ("digit-dot", re.compile(r"^(\d{1,2})\.\s+(?=[A-Z])")),
    ("digit-paren", re.compile(r"^\((\d{1,2})\)\s")),
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Article numbers restart nowhere: they label themselves, outside the heading hierarchy.
_FLAT = {"zh-article", "en-article"}


def _roman(text: str) -> int | None:
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for k, c in enumerate(text):
        value = _ROMAN[c]
        total += -value if k + 1 < len(text) and _ROMAN[text[k + 1]] > value else value
    return total


def _number(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    return chinese.chinese_number(raw) if raw[0] in _NUMERALS else _roman(raw.upper())


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
            for name, pattern in styles:
                match = pattern.match(text.lstrip("\u3000 "))
                if match is None:
                    continue
                number = _number(match.group(1))
                if number is None:
                    break
                if name in _FLAT:
                    label = f"a{number}"
                    break
                level = levels.setdefault(name, len(levels))
                del stack[level:]
                stack.extend([0] * (level + 1 - len(stack)))
                stack[level] = number
                label = ".".join(str(n) for n in stack)
                break
        labels.append(label)
    return labels


# Speech tags: 她问道。/ 他答道。/ “……。”他说。 The Chinese segmenter cuts them off the quotation
# they close; the English keeps “Why?” she asked. as one sentence. A tag stays with its quote.
_ZH_TAG = re.compile(
    r"^[^，。！？“”：；]{0,10}?(?:说|道|问|答|喊|叫|嚷|叹|笑|回答|补充|表示|指出)[了着]?(?:道|说)?[。！？，：]?$"
)
_ZH_QUOTE_END = re.compile(r"[”」』]\s*$")
_EN_TAG = re.compile(r"^[a-z]")
_EN_QUOTE_END = re.compile(r"(?:[.,?!…—-][”\"’]|[?!…—-])\s*$")


def speech_tails(texts: list[str], zh: bool) -> list[bool]:
    """Whether each sentence is a speech tag (or a lowercase continuation) that belongs with the
    quotation or exclamation ending just before it."""
    tag, end = (_ZH_TAG, _ZH_QUOTE_END) if zh else (_EN_TAG, _EN_QUOTE_END)
    tails = [False] * len(texts)
    for k in range(1, len(texts)):
        tails[k] = bool(tag.match(texts[k].strip())) and bool(end.search(texts[k - 1]))
    return tails
