"""Terminology: glossary terms rendered as agreed, and one segment translated one way.

A term is found on jieba's word boundaries with the glossary taught to jieba, so 科技 matches in
科技创新 only where jieba cuts it out, never as a piece of a longer word it knows. The rendering
is matched loosely (case, hyphens, a plural ending), because English grammar inflects it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.checks.base import Unit, finding
from aligner.chinese import HAN
from aligner.errors import AlignerError
from aligner.model import Finding

HEADER = ("source", "target", "note")


class GlossaryError(AlignerError):
    """The glossary file is malformed."""


@dataclass(frozen=True)
class Term:
    source: str
    targets: tuple[str, ...]  # accepted renderings ("|" separates alternatives in the file)
    note: str
    line: int


@dataclass(frozen=True)
class Glossary:
    path: str
    terms: tuple[Term, ...]


def load(path: str | Path) -> Glossary:
    """Read ``source<TAB>target<TAB>note`` lines; a malformed line raises GlossaryError with its line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise GlossaryError("no such glossary", path=p) from exc
    except UnicodeDecodeError as exc:
        raise GlossaryError("glossary is not valid UTF-8", path=p, hint="save it as UTF-8") from exc
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if number == 1 and tuple(f.strip().lower() for f in fields[:3]) == HEADER[: len(fields[:3])]:
            continue
        if len(fields) < 2 or len(fields) > 3:
            raise GlossaryError(
                f"expected source<TAB>target<TAB>note, found {len(fields)} field{'s' if len(fields) != 1 else ''}",
                path=p,
                line=number,
                hint="separate the fields with one tab",
            )
        source, target = fields[0].strip(), fields[1].strip()
        note = fields[2].strip() if len(fields) > 2 else ""
        if not source or not target:
            raise GlossaryError(f"empty {'source' if not source else 'target'} term", path=p, line=number)
        if source in seen:
            raise GlossaryError(f"{source} is already defined on line {seen[source]}", path=p, line=number)
        seen[source] = number
        targets = tuple(t.strip() for t in target.split("|") if t.strip())
        terms.append(Term(source, targets, note, number))
    return Glossary(str(p), tuple(terms))


def _rendering_pattern(target: str) -> re.Pattern[str]:
    words = [w for w in re.findall(r"[\w']+|[^\w\s]", target.lower().replace("’", "'")) if w not in "-‐–"]
    parts = []
    for index, word in enumerate(words):
        piece = re.escape(word)
        if index == len(words) - 1 and word.isalpha():
            # English inflects the last word: center/centers, city/cities.
            piece = re.escape(word[:-1]) + "(?:y|ies)" if word.endswith("y") else piece + "(?:s|es)?"
        parts.append(piece)
    body = r"[\s\-‐–]*".join(parts)
    return re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)


def _has_word(text: str, phrase: str) -> bool:
    """``phrase`` in ``text`` with no letter or digit glued to either end."""
    at = text.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(phrase, at + 1)
    return False


_NOT_WORD = re.compile(r"[^\w']+")


def _fold(text: str) -> str:
    """Lower case, words only: "Western (Chongqing) Science City," reads western chongqing science city."""
    return _NOT_WORD.sub(" ", text.lower().replace("’", "'")).strip()


_CONTEXT = 4  # characters of context on each side when asking jieba about one occurrence


class TermChecker:
    """Finds glossary terms in a source and their renderings in the target.

    Only an occurrence whose rendering is missing is worth a finding, so only then is jieba asked
    whether the occurrence is a word of its own: on a well translated catalog jieba hardly runs.
    It cuts a small window around the occurrence, not the whole sentence, and windows repeat
    (the same term among the same neighbours), so their cuts are kept.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.terms = {t.source: t for t in glossary.terms}
        self.patterns = {t.source: [_rendering_pattern(x) for x in t.targets] for t in glossary.terms}
        self.written = {t.source: [x.replace("’", "'") for x in t.targets] for t in glossary.terms}
        # Padded with spaces: a whole-word test ("member" is not in "membership").
        self.folded = {t.source: [f" {_fold(x)} " for x in t.targets] for t in glossary.terms}
        ordered = sorted(self.terms, key=len, reverse=True)
        # Longest first, so 成渝地区双城经济圈 is found before the 成渝 inside it.
        self.screen = re.compile("|".join(re.escape(s) for s in ordered)) if ordered else None
        self._cuts: dict[str, list[tuple[int, int]]] = {}
        # Taught to a jieba tokenizer of their own, so they are cut whole.
        self._taught = tuple(sorted(s for s in self.terms if HAN.search(s)))

    def _is_word(self, text: str, start: int, end: int) -> bool:
        """Whether jieba (taught the glossary) cuts text[start:end] as one word."""
        if not HAN.search(text[start:end]):
            return True  # 1+3, 5G: jieba cuts them apart, they are matched as written
        left = max(0, start - _CONTEXT)
        window = text[left : end + _CONTEXT]
        spans = self._cuts.get(window)
        if spans is None:
            from aligner import chinese

            spans = chinese.word_spans(window, self._taught)
            if len(self._cuts) > 100_000:
                self._cuts.clear()
            self._cuts[window] = spans
        return (start - left, end - left) in spans

    def check(self, units: Iterable[Unit]) -> Iterator[Finding]:
        if self.screen is None:
            return
        for unit in units:
            target = ""
            reported: set[str] = set()
            for match in self.screen.finditer(unit.source):
                source = match.group()
                if source in reported:
                    continue
                if not target:
                    target = unit.target.replace("’", "'")
                    folded = ""
                # Cheapest first: the rendering as written, then case and punctuation folded, then the
                # regex that also accepts plurals.
                if any(_has_word(target, r) for r in self.written[source]):
                    reported.add(source)
                    continue
                if not folded:
                    folded = f" {_fold(target)} "
                if any(r in folded for r in self.folded[source]) or any(
                    p.search(target) for p in self.patterns[source]
                ):
                    reported.add(source)
                    continue
                if not self._is_word(unit.source, match.start(), match.end()):
                    continue
                reported.add(source)
                term = self.terms[source]
                wanted = " or ".join(f"“{t}”" for t in term.targets)
                yield finding(
                    "glossary.term",
                    unit.path,
                    unit.line,
                    unit.msgid,
                    f"{source} should be rendered {wanted} (glossary line {term.line})",
                )


def _normal(text: str) -> str:
    return " ".join(text.split())


def check_consistency(groups: Sequence[tuple[str, Sequence[Unit]]]) -> Iterator[Finding]:
    """One source segment translated two ways within one language: ``groups`` is (language, units)."""
    by_language: dict[str, dict[tuple[str, str | None], list[Unit]]] = defaultdict(lambda: defaultdict(list))
    for language, units in groups:
        for unit in units:
            if unit.entries == 1 and HAN.search(unit.source):
                by_language[language][unit.source, unit.context].append(unit)
    for _language, segments in sorted(by_language.items()):
        for _source, occurrences in segments.items():
            if len(occurrences) < 2 or len({u.target for u in occurrences}) < 2:
                continue
            renderings = Counter(_normal(u.target) for u in occurrences)
            if len(renderings) < 2:
                continue
            ordered = sorted(occurrences, key=lambda u: (u.path, u.line))
            # The usual rendering is the most frequent one, the first one met on a tie.
            usual = max(renderings, key=lambda r: (renderings[r], -[_normal(u.target) for u in ordered].index(r)))
            reference = next(u for u in ordered if _normal(u.target) == usual)
            for unit in ordered:
                if _normal(unit.target) != usual:
                    yield finding(
                        "glossary.consistency",
                        unit.path,
                        unit.line,
                        unit.msgid,
                        f"translated differently in {reference.path}:{reference.line}: “{_shorten(usual)}”",
                    )


def _shorten(text: str, size: int = 80) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
