"""One English per term across documents: ``terms.inconsistent``.

The terms are those of the glossary (its accepted renderings, forbidden ones and the variants the
translations show) and those mined from the catalogs being checked (``terms.mine``: a term found in
at least ``MIN_COUNT`` units, with its usual rendering and the variants found). Each unit holding a
term is read for which rendering its English uses, and each catalog has its usual rendering (the
one it uses most). A term whose usual rendering is not the same in every catalog of a language is
reported once, at the first unit of its least used rendering, with where each rendering occurs.
An occurrence inside a longer term (生物多样性 in 生物多样性公约) is that term's, and not counted.
Variation inside one catalog is left to ``glossary.term`` and ``glossary.consistency``; mining
runs only when a language has two catalogs or more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from aligner.checks.base import Unit, finding
from aligner.checks.glossary import Glossary
from aligner.model import Finding

MIN_COUNT = 3  # units a mined term must occur in to be checked
TOP = 300  # mined terms checked per language, best first
_SHOWN = 3  # places listed per rendering
_SURE = 0.5  # CC-CEDICT support (0-1) a mined rendering needs to be compared


def check(groups: Sequence[tuple[str, Sequence[Unit]]], glossary: Glossary | None = None) -> Iterator[Finding]:
    """``terms.inconsistent`` over ``groups`` of (language, units of one catalog)."""
    by_language: dict[str, list[Sequence[Unit]]] = defaultdict(list)
    for language, units in groups:
        if language.lower().startswith("en"):
            by_language[language].append(units)
    for _language, catalogs in sorted(by_language.items()):
        if len({u.path for units in catalogs for u in units}) < 2:
            continue
        units = [u for one in catalogs for u in one]
        renderings, known = _renderings(units, glossary)
        yield from _inconsistent(units, renderings, known)


def _renderings(units: Sequence[Unit], glossary: Glossary | None) -> tuple[dict[str, list[str]], set[str]]:
    """Each term's renderings: a glossary term's accepted and forbidden ones and those the units show;
    a mined term's (of two words or more) usual one and each variant found twice or more that
    CC-CEDICT confirms translates the term (a paraphrase is not taken for a second rendering)."""
    from aligner.terms.mine import Pair, mine, support

    renderings: dict[str, list[str]] = {}
    if glossary is not None:
        for term in glossary.terms:
            renderings[term.source] = [*term.targets, *term.forbidden]
    pairs = [Pair(u.source, u.target, f"{u.path}:{u.line}") for u in units]
    mined = mine(pairs, min_count=MIN_COUNT, top=TOP)
    known = set(renderings) | {c.zh for c in mined}
    for candidate in mined:
        texts = [candidate.en, *(v.en for v in candidate.variants)]
        if candidate.zh not in renderings:
            if len(candidate.cut) < 2:
                continue  # one word (委员会: committee, commission) names more than one thing
            confirmed = [v.en for v in candidate.variants if v.count >= 2 and support(candidate.cut, v.en) >= _SURE]
            if not confirmed:
                continue
            texts = [candidate.en, *confirmed]
        found = renderings.setdefault(candidate.zh, [])
        found.extend(text for text in texts if text not in found)
    return {zh: texts for zh, texts in renderings.items() if len(texts) > 1}, known


def _inconsistent(units: Sequence[Unit], renderings: dict[str, list[str]], known: set[str]) -> Iterator[Finding]:
    from aligner.terms.mine import english_key

    keys: dict[int, str] = {}
    for zh, texts in sorted(renderings.items()):
        wanted = [(text, english_key(text)) for text in texts]
        # Longest first: "China-Africa community of shared future" is not also "community of shared future".
        wanted.sort(key=lambda item: -len(item[1]))
        # 生物多样性 inside 生物多样性公约 is rendered as part of the Convention's name, not on its own.
        longer = sorted((t for t in known if zh in t and t != zh), key=len, reverse=True)
        used: dict[str, list[Unit]] = defaultdict(list)
        for index, unit in enumerate(units):
            if zh not in unit.source or not _alone(zh, unit.source, longer):
                continue
            target = keys.get(index)
            if target is None:
                target = keys[index] = english_key(unit.target)
            chosen = next((text for text, key in wanted if key in target), None)
            if chosen is not None:
                used[chosen].append(unit)
        if len(used) < 2 or len(set(_usual(used).values())) < 2:
            continue
        ordered = sorted(used.items(), key=lambda item: (-len(item[1]), min((u.path, u.line) for u in item[1])))
        odd = min(ordered[-1][1], key=lambda u: (u.path, u.line))
        described = "; ".join(f"“{text}” {len(found)}× ({_places(found)})" for text, found in ordered)
        yield finding(
            "terms.inconsistent",
            odd.path,
            odd.line,
            odd.msgid,
            f"{zh} rendered {len(ordered)} ways: {described}",
        )


def _alone(zh: str, text: str, longer: Sequence[str]) -> bool:
    """Whether ``zh`` occurs in ``text`` outside every longer term that holds it."""
    for term in longer:
        if term in text:
            text = text.replace(term, "\u3000")
    return zh in text


def _usual(used: dict[str, list[Unit]]) -> dict[str, str]:
    """Each catalog's usual rendering: the one it uses most, the first met on a tie."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for text, found in used.items():
        for unit in found:
            counts[unit.path].setdefault(text, []).append(unit.line)
    return {
        path: min(renderings, key=lambda text: (-len(renderings[text]), min(renderings[text]), text))
        for path, renderings in counts.items()
    }


def _places(units: Sequence[Unit]) -> str:
    ordered = sorted(units, key=lambda u: (u.path, u.line))
    shown = ", ".join(f"{u.path}:{u.line}" for u in ordered[:_SHOWN])
    return shown + (f", and {len(ordered) - _SHOWN} more" if len(ordered) > _SHOWN else "")
