"""Terminology: glossary terms rendered as agreed, and one segment translated one way.

A term is found on jieba's word boundaries with the glossary taught to jieba, so 科技 matches in
科技创新 only where jieba cuts it out, never as a piece of a longer word it knows. The rendering
is matched loosely (case, hyphens, a plural ending), because English grammar inflects it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from aligner import lazyre
from aligner.checks.base import Unit, finding
from aligner.chinese import HAN
from aligner.model import Finding

# The term base is read in aligner.terms.termbase; its names stay importable from here, where the checks use them.
from aligner.terms.termbase import HEADER as HEADER
from aligner.terms.termbase import Glossary as Glossary
from aligner.terms.termbase import GlossaryError as GlossaryError
from aligner.terms.termbase import Term as Term
from aligner.terms.termbase import load as load


def _rendering_words(target: str) -> list[str]:
    return [w for w in re.findall(r"[\w']+|[^\w\s]", target.lower().replace("’", "'")) if w not in "-‐–"]


def _required(target: str) -> str:
    """What any match of ``_rendering_pattern(target)`` contains, lower-cased: its first word (the
    stem of a lone word ending in y, which may end in ies)."""
    words = _rendering_words(target)
    if not words:
        return ""
    first = words[0]
    return first[:-1] if len(words) == 1 and first.isalpha() and first.endswith("y") else first


def _rendering_pattern(target: str) -> re.Pattern[str]:
    words = _rendering_words(target)
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


_NOT_WORD = lazyre.compile(r"[^\w']+")


def _fold(text: str) -> str:
    """Lower case, words only: "Western (Chongqing) Science City," reads western chongqing science city."""
    return _NOT_WORD.sub(" ", text.lower().replace("’", "'")).strip()


_CONTEXT = 4  # characters of context on each side when asking jieba about one occurrence
# A word beside a term takes the term's edge character only when it is an established word: 100 of
# the 60 million tokens jieba counted, as a tenth of its 349,046 entries are (院士 1642, 经国 3).
_ESTABLISHED = 100


class _Screen:
    """Every glossary term in a text, leftmost first and longest at each place, without overlaps:
    what one regex alternation of the terms (longest first) finds, on a trie, so that a glossary of
    100,000 terms is ready at once instead of compiling a 100,000-way regex."""

    def __init__(self, sources: Iterable[str]) -> None:
        import marisa_trie

        terms = list(sources)
        self.trie = marisa_trie.Trie(terms)
        self.longest = max(map(len, terms))
        self.starts = re.compile("[" + "".join(re.escape(c) for c in sorted({t[0] for t in terms})) + "]")

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        trie, longest, starts = self.trie, self.longest, self.starts
        found = starts.search(text)
        while found:
            at = found.start()
            terms = trie.prefixes(text[at : at + longest])
            if terms:
                term = max(terms, key=len)
                yield at, at + len(term), term
                found = starts.search(text, at + len(term))
            else:
                found = starts.search(text, at + 1)


class TermChecker:
    """Finds glossary terms in a source and their renderings in the target.

    Only an occurrence whose rendering is missing is worth a finding, so only then is jieba asked
    whether the occurrence is a word of its own: on a well translated catalog jieba hardly runs.
    It cuts a small window around the occurrence, not the whole sentence, and windows repeat
    (the same term among the same neighbours), so their cuts are kept. What is derived from a term
    (its patterns, its folded renderings) is made when the term is first met in a source.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.terms = {t.source: t for t in glossary.terms}
        self._renderings: dict[str, tuple[list[str], list[str]]] = {}
        self._compiled: dict[str, list[re.Pattern[str] | None]] = {}
        # Longest first, so 成渝地区双城经济圈 is found before the 成渝 inside it.
        self.screen = _Screen(self.terms) if self.terms else None
        self._cuts: dict[str, list[tuple[int, int]]] = {}
        # Taught to a jieba tokenizer of their own, so they are cut whole.
        self._taught = tuple(sorted(s for s in self.terms if HAN.search(s)))
        self._spanner: Callable[[str], list[tuple[int, int]]] | None = None
        self._forbidden: dict[str, tuple[list[re.Pattern[str]], list[tuple[str, re.Pattern[str]]]]] = {}

    def _rendering(self, source: str) -> tuple[list[str], list[str]]:
        """The renderings as written and folded (padded with spaces: "member" is not in "membership")."""
        found = self._renderings.get(source)
        if found is None:
            targets = self.terms[source].targets
            found = ([x.replace("’", "'") for x in targets], [f" {_fold(x)} " for x in targets])
            self._renderings[source] = found
        return found

    def _pattern_matches(self, source: str, target: str) -> bool:
        """Whether a rendering, as a pattern that also accepts plurals, is in ``target``. A pattern is
        compiled only for a target that holds its first word: on ASCII text a plain containment
        test says exactly when the case-insensitive pattern cannot match."""
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = [None] * len(self.terms[source].targets)
        lowered = target.lower() if target.isascii() else None
        for k, rendering in enumerate(self.terms[source].targets):
            required = _required(rendering)
            if lowered is not None and required.isascii() and required not in lowered:
                continue
            pattern = compiled[k]
            if pattern is None:
                pattern = compiled[k] = _rendering_pattern(rendering)
            if pattern.search(target):
                return True
        return False

    def _forbidden_used(self, source: str, target: str) -> str:
        """The first forbidden rendering of ``source`` in ``target`` outside its accepted renderings
        ("CPPCC" is forbidden, "CPPCC National Committee" may be accepted), else ""."""
        term = self.terms[source]
        patterns = self._forbidden.get(source)
        if patterns is None:
            patterns = self._forbidden[source] = (
                [_rendering_pattern(t) for t in term.targets],
                [(f, _rendering_pattern(f)) for f in term.forbidden],
            )
        accepted, forbidden = patterns
        rest = target
        for pattern in accepted:
            rest = pattern.sub(" ", rest)
        return next((text for text, pattern in forbidden if pattern.search(rest)), "")

    def _forbidden_finding(self, unit: Unit, source: str, used: str) -> Finding:
        term = self.terms[source]
        wanted = " or ".join(f"“{t}”" for t in term.targets)
        advice = f"; use {wanted}" if wanted else ""
        return finding(
            "glossary.forbidden",
            unit.path,
            unit.line,
            unit.msgid,
            f"{source} is rendered “{used}”, a rendering the glossary forbids (line {term.line}){advice}",
        )

    def is_word(self, text: str, start: int, end: int) -> bool:
        """Whether jieba (taught the glossary) cuts text[start:end] as one word of its own.

        Not when the cut leaves one content character beside it that makes a dictionary word with
        the term's edge character: in 中科院士 the cut is 中科院 / 士, and 院士 says the term is
        part of a longer word. A function word beside it (的, 上, 以, 和) leaves the term whole, and
        so does a rare word: 经国 (3 in jieba's counts) does not take 国务院 out of 经国务院批准.
        """
        if not HAN.search(text[start:end]):
            return True  # 1+3, 5G: jieba cuts them apart, they are matched as written
        left = max(0, start - _CONTEXT)
        window = text[left : end + _CONTEXT]
        spans = self._cuts.get(window)
        if spans is None:
            if self._spanner is None:
                from aligner import chinese

                self._spanner = chinese.word_spanner(self._taught)
            spans = self._spanner(window)
            if len(self._cuts) > 100_000:
                self._cuts.clear()
            self._cuts[window] = spans
        span = (start - left, end - left)
        if span not in spans:
            return False
        at = spans.index(span)
        before = spans[at - 1] if at > 0 else None
        after = spans[at + 1] if at + 1 < len(spans) else None
        if before is not None and _bound(window[before[0] : before[1]], window[before[1]]):
            return False
        return not (after is not None and _bound(window[after[0] : after[1]], window[after[0] - 1], after=True))

    def check(self, units: Iterable[Unit]) -> Iterator[Finding]:
        if self.screen is None:
            return
        for unit in units:
            target = ""
            reported: set[str] = set()
            for start, end, source in self.screen.finditer(unit.source):
                if source in reported:
                    continue
                if not target:
                    target = unit.target.replace("’", "'")
                    folded = ""
                if self.terms[source].forbidden:
                    used = self._forbidden_used(source, target)
                    if used and self.is_word(unit.source, start, end):
                        reported.add(source)
                        yield self._forbidden_finding(unit, source, used)
                        continue
                if not self.terms[source].targets:
                    continue  # a term base may list only what is forbidden
                written, folded_renderings = self._rendering(source)
                # Cheapest first: the rendering as written, then case and punctuation folded, then the
                # regex that also accepts plurals.
                if any(_has_word(target, r) for r in written):
                    reported.add(source)
                    continue
                if not folded:
                    folded = f" {_fold(target)} "
                if any(r in folded for r in folded_renderings) or self._pattern_matches(source, target):
                    reported.add(source)
                    continue
                if not self.is_word(unit.source, start, end):
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


def _bound(piece: str, edge: str, *, after: bool = False) -> bool:
    """Whether ``piece``, cut beside a term whose edge character is ``edge``, is a content character
    that belongs with that edge (院 + 士 = 院士)."""
    from aligner import chinese

    if len(piece) != 1 or not HAN.match(piece) or chinese.is_function_word(piece):
        return False
    return chinese.frequency(edge + piece if after else piece + edge) >= _ESTABLISHED


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
