"""Quantities: every number, date and code of the Chinese source must come back in the English.

General tools compare digit strings, so they cannot see that 112亿 and 11.2 billion agree while
340.6亿 and 3.406 billion do not, and they split 14,090 into 14 and 090. Here both sides are
read into values first: Chinese magnitudes (万, 亿), Chinese numerals with a measure word (五届,
第六次, 两张), plan names (“十三五”), dates in Chinese, ISO and English forms, percentages,
and English magnitude words (million, billion), spelled-out numbers and ordinals. Then values,
not strings, are matched.

Spelled-out English numbers ("three", "sixth", "twice") may answer a source quantity but are never
reported as extra: English uses them for discourse ("first", "one of") far more than for data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from aligner import figures, lazyre
from aligner.checks.base import Unit, finding
from aligner.figures import zh_numeral
from aligner.model import Finding, Severity
from aligner.records import Record

__all__ = ["Quantity", "check", "check_unit", "source_label", "source_quantities", "target_quantities", "zh_numeral"]

# --------------------------------------------------------------------------- quantities


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Quantity(Record):
    text: str  # as written
    value: float = 0.0
    kind: str = "number"  # number, percent, date, code
    exact: bool = True  # written in digits (False: Chinese numeral word or English number word)
    tolerance: float = 0.0  # half a unit of the last written digit, times the magnitude
    date: tuple[int | None, int | None, int | None] | None = None
    approx: bool = False  # the source hedges it: 约, 余, 多, 近, 以上
    optional: bool = False  # may answer a target number, never missed (the years of a plan)
    alternatives: tuple[float, ...] = ()  # other values that answer it: 80年代 is the 1980s


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance + 1e-9 * max(abs(a), abs(b), 1.0)


def _matches(source: Quantity, target: Quantity) -> bool:
    if source.kind == "code" or target.kind == "code":
        return source.kind == target.kind and source.text == target.text
    if source.kind == "date" or target.kind == "date":
        return source.kind == target.kind and figures.same_date(source.date, target.date)
    if target.tolerance > source.tolerance:
        # A rounded English figure stands for the Chinese figures that round to it, halves up:
        # 34 billion for 340.6亿 or 34.5亿, but 4% is not 百分之四点五 (that rounds to 5%).
        low, high = target.value - target.tolerance, target.value + target.tolerance
        slack = 1e-9 * max(abs(source.value), abs(target.value), 1.0)
        if low - slack <= source.value < high - slack:
            return True
    elif _close(source.value, target.value, source.tolerance):
        return True
    tolerance = max(source.tolerance, target.tolerance)
    return any(_close(value, target.value, tolerance) for value in source.alternatives)


def _value(whole: str, fraction: str | None, multiplier: float) -> float:
    if not fraction:
        return float(int(whole.replace(",", ""))) * multiplier  # exact below 2**53
    # Decimal keeps 340.6 x 10^8 at 34060000000 exactly; binary floats would add a tail.
    number = Decimal(whole.replace(",", "") + "." + fraction)
    return float(number * Decimal(int(multiplier)))


def _tolerance(fraction: str | None, multiplier: float, value: float) -> float:
    # Half a unit of the last written digit, but never more than 5% of the value: "34 billion" may
    # stand for 34.06 billion; "2 billion" for 1.7 billion may not.
    return min(0.5 * 10 ** -(len(fraction) if fraction else 0) * multiplier, max(0.05 * value, 0.5))


def describe(value: float) -> str:
    """A value as an English reader would write it: 34.06 billion, 20 million, 14,090."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.6g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:.6g}"


def _blank_all(text: str, matches: list[re.Match[str]]) -> str:
    """``text`` with every match (in order, not overlapping) replaced by spaces, in one pass.

    Offsets stay stable so later patterns never join the pieces left on either side; one pass keeps
    the cost linear in the text (blanking match by match copied the whole text per figure)."""
    if not matches:
        return text
    parts = []
    last = 0
    for match in matches:
        parts.append(text[last : match.start()])
        parts.append(" " * (match.end() - match.start()))
        last = match.end()
    parts.append(text[last:])
    return "".join(parts)


def _consume(pattern: re.Pattern[str], text: str) -> tuple[list[re.Match[str]], str]:
    found = list(pattern.finditer(text))
    return found, _blank_all(text, found)


# --------------------------------------------------------------------------- shared patterns

# An identifier: letters and digits run together (11500000MB15895317/2021-00319, 5G, COVID-19).
_CHUNK = lazyre.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]+(?:(?:[/\-_]|(?<=\d)\.(?=\d))[0-9A-Za-z]+)*(?![0-9A-Za-z])")
_HAS_DIGIT = lazyre.compile(r"\d")
_HAS_LETTER = lazyre.compile(r"[A-Za-z]")
_ORDINAL_TOKEN = lazyre.compile(r"^\d+(?:st|nd|rd|th|s)$")
_DIGIT_CHARS = lazyre.compile(r"\d")
# Patterns start with a digit where they can: the regex engine then skips straight to digits,
# which matters on 100,000-entry catalogs. Left-edge conditions are checked in Python.
_ISO_DATE = figures.ISO_DATE


_DIGITS_AND_EDGES = lazyre.compile(r"\d+")
_JOINERS = "/-_"


def _maybe_code(text: str) -> bool:
    """A letter or a joiner (/ - _) touches a run of digits: 5G, MB15895317/2021, COVID-19."""
    for m in _DIGITS_AND_EDGES.finditer(text):
        before = text[m.start() - 1 : m.start()]
        after = text[m.end() : m.end() + 1]
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
            return True
        if (after and after in _JOINERS) or (before and before in _JOINERS):
            return True
    return False


_CURRENCY = lazyre.compile(r"\b(?:RMB|CNY|USD|US\$|HK\$|HKD|EUR|GBP|JPY)(?=\s?\d)|[¥$€£](?=\s?\d)")
_CURRENCY_SIGNS = ("RMB", "CNY", "USD", "US$", "HK", "EUR", "GBP", "JPY", "¥", "$", "€", "£")
_UPPER = lazyre.compile(r"[A-Z]")


def _is_code(token: str) -> bool:
    """5G, MB15895317/2021-00319, COVID-19, PM2.5: an identifier to copy as it is written.

    Not 6th, 1980s (ordinals, decades), not 10-year, 40-plus, m3, g/m3 (a number with a word or a
    unit glued on, read as numbers), not 2016-2020 (a range) or 2021-11-16 (a date).
    """
    if _UPPER.search(token):
        return not _ORDINAL_TOKEN.match(token)
    parts = re.split(r"[/\-_]", token)
    if any(_HAS_LETTER.search(part) for part in parts):
        # Lower-case letters: a code only when they are mixed with two digits or more (ab12, x86).
        return any(_HAS_LETTER.search(p) and len(_DIGIT_CHARS.findall(p)) >= 2 for p in parts) and not any(
            _ORDINAL_TOKEN.match(p) for p in parts
        )
    return len(parts) > 2 or "/" in token  # 2021/00319, 1-2-3; not a range and not a date


def _codes(text: str) -> tuple[list[Quantity], str]:
    codes: list[Quantity] = []
    if not _maybe_code(text):
        return codes, text
    blanked: list[re.Match[str]] = []
    for match in _CHUNK.finditer(text):
        token = match.group()
        if not _HAS_DIGIT.search(token) or _ISO_DATE.fullmatch(token) or not _is_code(token):
            continue
        codes.append(Quantity(token, kind="code"))
        blanked.append(match)
    return codes, _blank_all(text, blanked)


def _iso_dates(text: str) -> tuple[list[Quantity], str]:
    found = [m for m in _ISO_DATE.finditer(text) if text[m.start() - 1 : m.start()] not in ("/", "-", *"0123456789")]
    if not found:
        return [], text
    text = _blank_all(text, found)
    result = []
    for m in found:
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1 <= month <= 12 and 1 <= day <= 31:
            result.append(Quantity(m.group(), kind="date", date=(year, month, day)))
    return result, text


# --------------------------------------------------------------------------- Chinese side

_ZH_DIGITS = figures.ZH_DIGITS
_ZH_NUM = figures.ZH_NUMERAL_CHARS
_ZH_MAGNITUDE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}

# Measure words after which a Chinese numeral is a quantity (五届, 四次, 两张, 六个); without one,
# numerals are mostly parts of words (一体化, 三峡, 两江, 万达开, 一带一路).
_MEASURE = figures.MEASURE

_ZH_LABEL = figures.ZH_LABEL
_ZH_DATE = figures.ZH_DATE
# “十三五”, 十四五规划: the 13th/14th Five-Year Plan; the 五 is part of the name, not a count.
_ZH_PLAN = lazyre.compile(
    r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})五(?=[”\"」』]|\s*(?:规划|期间|时期|末|初|以来))"
)
_ZH_PERCENT_WORDS = figures.ZH_PERCENT_WORDS
_APPROX_BEFORE = ("约", "近", "超过", "逾", "大约", "将近")
_ZH_NUMBER = figures.ZH_NUMBER
_ZH_RUN = lazyre.compile(f"[{_ZH_NUM}]+")
_MEASURE_SET = frozenset(_MEASURE)
_ENDS_IN_ONE = frozenset("唯统同单逐之万划")  # 唯一, 统一, 同一, 单一, 逐一, 之一, 万一, 划一
_APPROX_WORDS = lazyre.compile(r"[约近逾]|超过|多达")
_HEDGE = lazyre.compile(
    r"\b(?:about|approximately|approx\.?|around|roughly|nearly|almost|over|more than|above|some|close to|"
    r"upwards of|in excess of|exceed(?:s|ed|ing)?|at least|or more|or so|plus|up to|no fewer than|no less than|"
    r"upward of|well over|estimated|an estimated|odd)\b|\+|~",
    re.IGNORECASE,
)


def source_label(text: str) -> str:
    """The enumeration label a Chinese segment starts with ((一), 一、, 一是, 第一条), or ''."""
    match = _ZH_LABEL.match(text)
    return match.group().strip() if match else ""


def source_quantities(text: str) -> list[Quantity]:
    """Quantities of a Chinese segment, its leading enumeration label left out."""
    label = _ZH_LABEL.match(text)
    if label:
        text = " " * label.end() + text[label.end() :]
    quantities: list[Quantity] = []
    # Cheap tests first: most segments have no date, no digit, no plan name.
    found, text = _consume(_ZH_DATE, text) if "月" in text else ([], text)
    for m in found:
        date = figures.zh_date(m)
        quantities.append(Quantity(m.group(), kind="date", date=date))
    digits = _HAS_DIGIT.search(text) is not None
    if digits:
        iso, text = _iso_dates(text)
        quantities.extend(iso)
        codes, text = _codes(text)
        quantities.extend(codes)
    found, text = _consume(_ZH_PLAN, text) if "五" in text else ([], text)
    for m in found:
        value = zh_numeral(m.group(1))
        if value:
            quantities.append(Quantity(m.group(), float(value), exact=False))
            if value >= 3:
                # English often adds the plan's years: the 13th Five-Year Plan (2016-2020).
                first = 1966 + 5 * (value - 3)
                quantities.extend(Quantity(str(y), float(y), optional=True) for y in (first, first + 4))
    found, text = _consume(_ZH_PERCENT_WORDS, text) if "百分之" in text else ([], text)
    for m in found:
        percent = figures.zh_percent(m)
        if percent is not None:
            # As precise as digits: 百分之四点五 is 4.5%, never "about 4%" (an error when missed, not a warning).
            quantities.append(Quantity(m.group(), float(percent), kind="percent"))
    # A character buffer: reads just before a match see the earlier matches blanked, at linear cost.
    buffer = list(text) if digits else []
    for m in _ZH_NUMBER.finditer(text) if digits else ():
        if m.start() >= 2 and buffer[m.start() - 1] == "." and buffer[m.start() - 2].isdigit():
            continue  # the third part of 1.2.3 (the pattern starts with a digit, for speed)
        whole, fraction, inner, magnitude, tail = m.groups()
        multiplier = _ZH_MAGNITUDE.get(magnitude or "", 1.0)
        value = _value(whole, fraction, multiplier)
        before = "".join(buffer[max(0, m.start() - 2) : m.start()])
        approx = bool(inner) or tail in ("余", "多", "以上", "左右") or any(before.endswith(w) for w in _APPROX_BEFORE)
        kind = "percent" if tail in ("%", "％") else "number"
        alternatives: tuple[float, ...] = ()
        if value < 100 and text.startswith("年代", m.end()):
            alternatives = (1900 + value, 2000 + value)  # (上世纪)80年代: the 1980s
        quantities.append(Quantity(m.group().strip(), value, kind=kind, approx=approx, alternatives=alternatives))
        buffer[m.start() : m.end()] = " " * (m.end() - m.start())
    if digits:
        text = "".join(buffer)
    for m in _ZH_RUN.finditer(text):
        numeral = m.group()
        before = text[m.start() - 1] if m.start() else ""
        if before in _ENDS_IN_ONE and numeral[0] == "一":
            numeral = numeral[1:]  # 唯一一个: the 一 of 唯一 is not a count
            if not numeral:
                continue
        if before and before in "数几":
            continue  # 数十家, 几十年: dozens, decades; no number to find
        ordinal = before == "第"
        after = text[m.end() : m.end() + 2]
        if (ordinal and numeral == "一" and after[:1] == "大") or after == "时间":
            continue  # 第一大: the largest; 第一时间: at once
        if not ordinal and after[:1] not in _MEASURE_SET:
            continue
        value = zh_numeral(numeral)
        if value is None or value == 0 or (value == 1 and not ordinal):
            continue  # 一个, 一批: "a", rarely "one"
        if numeral[0] in "万亿千百" and (len(numeral) == 1 or after[:1] not in _MEASURE_SET):
            continue  # 万达开, 百万英才, 千家万户: names and idioms; 百亿元 is a quantity
        shown = ("第" if ordinal else "") + numeral + text[m.end() : m.end() + 1].strip()  # 第六次, 四次, 两届
        quantities.append(Quantity(shown, float(value), exact=False))
    return quantities


# --------------------------------------------------------------------------- English side

_MONTHS = figures.MONTHS
_EN_DATE = figures.EN_DATE
_HEDGED_BEFORE = lazyre.compile(
    r"\b(?:about|almost|nearly|around|some|approximately|roughly|close to|over|more than|under|less than)\s+$",
    re.IGNORECASE,
)
_MONTH_HINT = figures.MONTH_HINT
_EN_LABEL = figures.EN_LABEL
_EN_NUMBER = figures.EN_NUMBER
_EN_MAGNITUDE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CARDINALS = figures.CARDINALS
_TENS = figures.TENS
_ORDINALS = figures.ORDINALS
_TENS_ORDINAL = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60}
_WORD_VALUES: dict[str, int] = {
    **{w: i for i, w in enumerate(_CARDINALS)},
    **{w: i for i, w in enumerate(_ORDINALS)},
    **_TENS,
    **_TENS_ORDINAL,
    "hundred": 100,
    "thousand": 1000,
    **figures.MULTIPLES,
    "single": 1,
    "dual": 2,
    "both": 2,
    "pair": 2,
    "dozen": 12,
    "decade": 10,
}
_UNIT_WORDS = "|".join(_CARDINALS[1:10] + _ORDINALS[1:10])
_WORD_TOKEN = lazyre.compile(r"[A-Za-z]+")
_WORD_KEYS = frozenset(_WORD_VALUES)
_NEXT_WORD = lazyre.compile(r"[-\s]([a-z]+)")
_UNIT_VALUES = {w: _WORD_VALUES[w] for w in _CARDINALS[1:10] + _ORDINALS[1:10]}


def target_quantities(text: str) -> list[Quantity]:
    """Quantities of an English segment, its leading list label ((1), I., Article 3) left out."""
    digits, rest = _target_digits(text)
    return digits + _target_words(rest)


def _target_digits(text: str) -> tuple[list[Quantity], str]:
    """Quantities written with digits, and the text with them blanked out (for the number words)."""
    label = _EN_LABEL.match(text)
    if label:
        text = " " * label.end() + text[label.end() :]
    quantities: list[Quantity] = []
    if not _HAS_DIGIT.search(text):
        return quantities, text
    if any(sign in text for sign in _CURRENCY_SIGNS) and _CURRENCY.search(text):
        text = _CURRENCY.sub(lambda m: " " * len(m.group()), text)  # RMB260 billion is 260 billion
    found, text = _consume(_EN_DATE, text) if _MONTH_HINT.search(text) else ([], text)
    for m in found:
        quantities.append(Quantity(m.group(), kind="date", date=figures.en_date(m)))
    iso, text = _iso_dates(text)
    quantities.extend(iso)
    codes, text = _codes(text)
    quantities.extend(codes)
    scanned = text
    blanked: list[re.Match[str]] = []
    for m in _EN_NUMBER.finditer(scanned):
        start = m.start()
        if start >= 2 and scanned[start - 1] == "." and scanned[start - 2].isdigit():
            continue  # the third part of 1.2.3
        if start and scanned[start - 1].isascii() and scanned[start - 1].isalpha():
            continue  # part of a unit or formula: m3, km2, CO2
        whole, fraction, percent, magnitude, _suffix = m.groups()
        multiplier = _EN_MAGNITUDE.get((magnitude or "").lower(), 1.0)
        value = _value(whole, fraction, multiplier)
        kind = "percent" if percent else "number"
        tolerance = _tolerance(fraction, multiplier, value)
        if _HEDGED_BEFORE.search(scanned, max(0, start - 24), start):
            tolerance = max(tolerance, 0.05 * value)  # "almost 60 percent" for 58.6%: the translator rounds
        quantities.append(Quantity(m.group(), value, kind=kind, tolerance=tolerance))
        blanked.append(m)
    return quantities, _blank_all(text, blanked)


def _target_words(text: str) -> list[Quantity]:
    """Spelled-out numbers: three, sixth, twice, twenty-three, two million (a token scan, no big regex)."""
    quantities: list[Quantity] = []
    lowered = text.lower()
    if _WORD_KEYS.isdisjoint(_WORD_TOKEN.findall(lowered)):
        return quantities
    consumed = 0
    for m in _WORD_TOKEN.finditer(lowered):
        value = _WORD_VALUES.get(m.group())
        if value is None or m.start() < consumed:
            continue
        start, end = m.span()
        following = _NEXT_WORD.match(lowered, end)
        if following is not None and m.group() in _TENS and following.group(1) in _UNIT_VALUES:
            value += _UNIT_VALUES[following.group(1)]  # twenty-three
            end = consumed = following.end()
            following = _NEXT_WORD.match(lowered, end)
        multiplier = 1.0
        if following is not None and following.group()[0] == " ":
            if following.group(1) in _EN_MAGNITUDE:
                multiplier = _EN_MAGNITUDE[following.group(1)]
            elif following.group(1) in ("decade", "decades"):
                multiplier = 10.0  # four decades: 40年间; the decade alone is 10 (近10年来)
        quantities.append(Quantity(text[start:end], float(value) * multiplier, exact=False))
    return quantities


# --------------------------------------------------------------------------- the check


def _key(q: Quantity) -> tuple[object, ...]:
    return (q.kind, q.text) if q.kind in ("code", "date") else (q.kind == "percent", round(q.value, 9))


def _distinct(quantities: Iterable[Quantity]) -> list[Quantity]:
    # A value said twice in one sentence (双方各出资2000万元) is usually said once in English.
    seen: dict[tuple[object, ...], Quantity] = {}
    for q in quantities:
        seen.setdefault(_key(q), q)
    return list(seen.values())


def _date_text(date: tuple[int | None, int | None, int | None] | None) -> str:
    if date is None:
        return "?"
    return "-".join(f"{part:02d}" if part is not None else "?" for part in date)


def _magnitude_shift(source: Quantity, target: Quantity) -> int:
    """The power of ten k != 0 with source == target * 10**k, else 0."""
    if source.kind not in ("number", "percent") or target.kind not in ("number", "percent"):
        return 0
    if source.value <= 0 or target.value <= 0:
        return 0
    k = round(math.log10(source.value / target.value))
    if k == 0:
        return 0
    scale = 10.0**k
    # The same digits, shifted: 340.6亿 read as 3.406 billion. Rounding is no excuse here.
    return k if _close(source.value, target.value * scale, 0.0) else 0


def _date_components_present(source: Quantity, targets: list[Quantity], target_text: str) -> bool:
    """A date written some other way ("the 16th of that November, 2021") still counts when its parts are there."""
    year, month, day = source.date or (None, None, None)
    values = {q.value for q in targets if q.kind == "number"}
    # A range's year is written once: "January to October 2021" for 2021年1至10月.
    values |= {float(q.date[0]) for q in targets if q.kind == "date" and q.date and q.date[0] is not None}
    if year is not None and float(year) not in values:
        return False
    if day is not None and float(day) not in values:
        return False
    if month is not None:
        names = [name for name, number in _MONTHS.items() if number == month]
        if not any(re.search(rf"\b{name}\b", target_text) for name in names) and float(month) not in values:
            return False
    return True


def _hedged(target: str, number: str) -> bool:
    """A hedge (about, more than, over, +) next to ``number``: not anywhere in the sentence."""
    at = target.find(number.strip())
    if at < 0:
        return _HEDGE.search(target) is not None
    window = target[max(0, at - 24) : at + len(number) + 12]
    return _HEDGE.search(window) is not None


def check_unit(unit: Unit) -> Iterator[Finding]:
    sources = _distinct(source_quantities(unit.source))
    targets, rest = _target_digits(unit.target)
    if not sources and not targets:
        return
    hits = [[i for i, t in enumerate(targets) if _matches(q, t)] for q in sources]
    # Number words only ever answer a source quantity, so they are read only when one is unanswered.
    if not all(hits):
        first = len(targets)
        targets += _target_words(rest)
        for q, hit in zip(sources, hits, strict=True):
            if not hit:
                hit.extend(i for i in range(first, len(targets)) if _matches(q, targets[i]))
    missing: list[Quantity] = []
    used: set[int] = set()
    for q, hit in zip(sources, hits, strict=True):
        if hit:
            used.update(hit)
            if q.approx and not _hedged(unit.target, targets[hit[0]].text):
                yield finding(
                    "numbers.approx",
                    unit.path,
                    unit.line,
                    unit.msgid,
                    f"“{q.text}” is approximate in the source but “{targets[hit[0]].text}” reads as exact:"
                    " add about / more than / over",
                )
            continue
        if q.optional or (q.kind == "date" and _date_components_present(q, targets, unit.target)):
            continue
        missing.append(q)
    extra = [t for i, t in enumerate(targets) if i not in used and t.exact]
    for q in list(missing):
        for t in list(extra):
            shift = _magnitude_shift(q, t)
            if shift:
                factor = f"{10 ** abs(shift):,}"
                direction = "too small" if shift > 0 else "too large"
                yield finding(
                    "numbers.magnitude",
                    unit.path,
                    unit.line,
                    unit.msgid,
                    f"“{q.text}” is {describe(q.value)} but the target says “{t.text.strip()}”"
                    f" ({describe(t.value)}): {factor} times {direction}".replace(
                        f"“{t.text.strip()}” ({t.text.strip()})", f"“{t.text.strip()}”"
                    ),
                )
                missing.remove(q)
                extra.remove(t)
                break
    dates_missing = [q for q in missing if q.kind == "date"]
    dates_extra = [t for t in extra if t.kind == "date"]
    for q, t in zip(dates_missing, dates_extra, strict=False):
        yield finding(
            "numbers.date",
            unit.path,
            unit.line,
            unit.msgid,
            f"date “{q.text}” ({_date_text(q.date)}) is rendered as “{t.text}” ({_date_text(t.date)})",
        )
        missing.remove(q)
        extra.remove(t)
    # A wrong number is one mistake: say it once, naming what the target has instead.
    instead: dict[int, Quantity] = {}
    numeric_extra = [t for t in extra if t.kind in ("number", "percent")]
    for q in missing:
        if q.kind in ("number", "percent") and q.exact and numeric_extra:
            t = numeric_extra.pop(0)
            instead[id(q)] = t
            extra.remove(t)
    for q in missing:
        if q.kind == "date":
            what = f"date “{q.text}” ({_date_text(q.date)})"
        elif q.kind == "code":
            what = f"“{q.text}”"
        else:
            value = describe(q.value) + ("%" if q.kind == "percent" else "")
            # “44” (44) says nothing twice; “340.6亿” (34.06 billion) and “7286” (7,286) help.
            what = f"“{q.text}”" if value.replace(",", "") == q.text else f"“{q.text}” ({value})"
        yield finding(
            "numbers.missing",
            unit.path,
            unit.line,
            unit.msgid,
            f"{what} has no counterpart in the target"
            + (f" (it has “{instead[id(q)].text.strip()}” instead)" if id(q) in instead else ""),
            severity=None if q.exact else Severity.WARNING,
        )
    for t in extra:
        yield finding(
            "numbers.extra",
            unit.path,
            unit.line,
            unit.msgid,
            f"“{t.text.strip()}” in the target has no counterpart in the source",
        )


def check(units: Iterable[Unit]) -> Iterator[Finding]:
    for unit in units:
        yield from check_unit(unit)
