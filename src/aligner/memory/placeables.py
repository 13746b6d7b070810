"""Placeables: the English of a match rewritten for the figures of the new Chinese.

The old and new Chinese have the same skeleton, so their figures pair up in order. Each changed
figure is looked for in the English by value (112亿 is found as "11.2 billion", 第十二条 as
"Article 12", 2021年11月16日 as "16 November 2021" or "November 16, 2021") and written again in
the same style with the new value. A figure that is not found, found with two different new
values, or cannot be written in the English's style is not guessed: it is named for the
translator to check, and the entry stays fuzzy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from aligner import figures, lazyre
from aligner.figures import Figure
from aligner.memory.units import normalize
from aligner.records import Record


@dataclass(frozen=True, repr=False, eq=False)
class Adapted(Record):
    msgstr: str
    changes: tuple[str, ...]  # "44 → 46", what was rewritten
    notes: tuple[str, ...]  # figures to check by hand


_NUMBER_PART = lazyre.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
_SCALE_WORDS = {10**3: "thousand", 10**6: "million", 10**9: "billion", 10**12: "trillion"}
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def _suffix(value: int) -> str:
    if 10 <= value % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _plain(amount: Decimal, commas: bool) -> str | None:
    text = format(amount.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    if len(fraction) > 3:
        return None
    if commas and len(whole) > 3:
        whole = f"{int(whole):,}"
    return whole + ("." + fraction if fraction else "")


def _word(value: Decimal, ordinal: bool, like: str) -> str | None:
    if value != int(value) or not 0 <= value < 100:
        return None
    n = int(value)
    if n < 20:
        word = (figures.ORDINALS if ordinal else figures.CARDINALS)[n]
    elif n % 10 == 0 and not ordinal:
        word = next(w for w, v in figures.TENS.items() if v == n)
    else:
        return None
    return word.capitalize() if like[:1].isupper() else word


def render_number(figure: Figure, value: Decimal) -> str | None:
    """``value`` written the way ``figure`` is written (digits or words, scale word, ordinal suffix)."""
    if figure.word:
        word = _word(value, figure.kind == "ordinal", figure.text)
        if word is not None or value != int(value) or value < 0:
            return word
        # Twenty-three is not spelled here: digits say the same ("23 key laboratories", "the 23rd").
        n = int(value)
        return f"{n}{_suffix(n)}" if figure.kind == "ordinal" else str(n)
    scale = figure.scale
    while scale > 1 and abs(value) < scale and scale // 1000 in _SCALE_WORDS:
        scale //= 1000  # 0.95 billion reads better as 950 million
    amount = value / scale
    number = figure.text
    match = _NUMBER_PART.search(number)
    if match is None:
        return None
    plain = _plain(amount, "," in match.group() or (value >= 10_000 and scale == 1 and "," in number))
    if plain is None:
        return None
    digits = match.group()
    if digits.startswith("0") and digits.isdigit() and plain.isdigit():
        plain = plain.zfill(len(digits))  # No. 0426 stays four digits
    text = number[: match.start()] + plain + number[match.end() :]
    if scale != figure.scale:
        text = text.replace(_SCALE_WORDS[figure.scale], _SCALE_WORDS[scale])
    if figure.kind == "ordinal" and re.search(r"(st|nd|rd|th)$", text):
        text = text[:-2] + _suffix(int(amount))
    return text


def render_date(figure: Figure, date: figures.Date) -> str | None:
    """``date`` written in the style of ``figure`` (16 November 2021, Nov. 16, 2021, 2021-11-16)."""
    old = figure.date or (None, None, None)
    year, month, day = date
    if any(o is not None and n is None for o, n in zip(old, date, strict=True)):
        return None  # the English shows a part the new Chinese does not give
    iso = figures.ISO_DATE.fullmatch(figure.text)
    if iso:
        sep = iso.group(2)
        width = 2 if len(iso.group(3)) == 2 else 1
        return f"{year:04d}{sep}{month:0{width}d}{sep}{day:0{width}d}"

    def month_name(m: re.Match[str]) -> str:
        full = _MONTH_NAMES[month - 1]  # type: ignore[index]
        return full if m.group() in _MONTH_NAMES else full[:3]

    text = re.sub("|".join(sorted(figures.MONTHS, key=len, reverse=True)), month_name, figure.text, count=1)
    if old[0] is not None:
        text = re.sub(r"\d{4}", f"{year:04d}", text, count=1)
    if old[2] is not None:
        text = re.sub(
            r"(?<!\d)\d{1,2}(st|nd|rd|th)?(?!\d)",
            lambda m: f"{day}{_suffix(day) if m.group(1) else ''}",  # type: ignore[arg-type]
            text,
            count=1,
        )
    return text


def adapt(old_zh: str, old_en: str, new_zh: str) -> Adapted:
    """The English of (``old_zh``, ``old_en``) rewritten for ``new_zh`` (same skeleton)."""
    old_figures = figures.zh_figures(normalize(old_zh))
    new_figures = figures.zh_figures(normalize(new_zh))
    if len(old_figures) != len(new_figures) or any(
        a.kind != b.kind for a, b in zip(old_figures, new_figures, strict=True)
    ):
        return Adapted(old_en, (), ("the figures of the memory's Chinese do not pair with the new ones",))
    english = figures.en_figures(old_en)
    groups: dict[tuple[object, ...], list[tuple[Figure, Figure]]] = {}
    for old, new in zip(old_figures, new_figures, strict=True):
        key = (
            ("date", old.date)
            if old.kind == "date"
            else ("code", old.text)
            if old.kind == "code"
            else ("value", old.value)
        )
        groups.setdefault(key, []).append((old, new))
    edits: dict[int, tuple[int, str]] = {}  # start -> (end, text)
    changes: list[str] = []
    notes: list[str] = []
    for pairs in groups.values():
        if all(old.text == new.text for old, new in pairs):
            continue
        old = pairs[0][0]
        found = _find(english, old)
        changed = [(o, n) for o, n in pairs if o.text != n.text]
        if not found:
            notes.extend(f"“{n.text}” (was “{o.text}”: not found in the English)" for o, n in changed)
            continue
        if len({_target(n) for _o, n in pairs}) == 1:
            plan = [(figure, pairs[0]) for figure in found]
        elif len(found) == len(pairs):
            # One value of the memory's Chinese becomes several: the English is taken in the same order.
            plan = list(zip(found, pairs, strict=True))
            notes.extend(f"“{n.text}” (was “{o.text}”: placed by order in the English)" for o, n in changed)
        else:
            notes.extend(f"“{n.text}” (was “{o.text}”: the memory has it {len(pairs)} times)" for o, n in changed)
            continue
        failed = False
        for figure, (o, n) in plan:
            if o.text == n.text:
                continue
            text = _rewrite(figure, o, n)
            if text is None:
                notes.append(f"“{n.text}” (was “{o.text}”: “{figure.text}” cannot be rewritten)")
                failed = True
                break
            edits[figure.start] = (figure.end, text)
        if not failed:
            changes.extend(dict.fromkeys(f"“{o.text}” → “{n.text}”" for o, n in changed))
            if any((o.value == 1) != (n.value == 1) for o, n in changed if o.kind == "number"):
                notes.append(f"the number of the noun after “{changed[0][1].text}” (one and many)")
    msgstr = old_en
    for start in sorted(edits, reverse=True):
        end, text = edits[start]
        msgstr = msgstr[:start] + text + msgstr[end:]
    return Adapted(msgstr, tuple(changes), tuple(dict.fromkeys(notes)))


def _target(figure: Figure) -> object:
    return figure.date if figure.kind == "date" else figure.text if figure.kind == "code" else figure.value


def _find(english: list[Figure], old: Figure) -> list[Figure]:
    if old.kind == "code":
        return [f for f in english if f.kind == "code" and f.text == old.text]
    if old.kind == "date":
        return [f for f in english if f.kind == "date" and figures.same_date(f.date, old.date)]
    if old.value is None:
        return []
    return [f for f in english if f.kind != "date" and f.value is not None and f.value == old.value]


def _rewrite(figure: Figure, old: Figure, new: Figure) -> str | None:
    if old.kind == "code":
        return new.text
    if old.kind == "date":
        return render_date(figure, new.date) if new.date else None
    if new.value is None:
        return None
    return render_number(figure, new.value)
