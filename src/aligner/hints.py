"""Glossary hints: the glossary terms a segment contains, with their rendering, for its ``#.`` comment.

A term counts where jieba, taught the glossary, cuts it as a word of its own (the rule of the
``glossary.term`` check, which this module shares), so 科技 is not hinted inside 科技部 when jieba
keeps that word whole. Every PO editor shows the comment beside the sentence.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence

from aligner.checks.glossary import Glossary, Term, TermChecker

PREFIX = "Terms: "
# Lines short enough that no writer rewraps them: gettext and polib wrap a "#. " comment line past
# 78 columns, Poedit past 79, msgcat --no-wrap never; a hint wrapped here reads back the same from all.
WIDTH = 72


def term_hints(texts: Iterable[str], glossary: Glossary) -> dict[str, str]:
    """``Terms: 中文 = English; ...`` for each text holding glossary terms (texts with none are left out).

    The terms are found and judged as the ``glossary.term`` check finds and judges them (leftmost
    longest, a word of its own in a window around it), so a hint and a finding never disagree.
    """
    checker = TermChecker(glossary)
    if checker.screen is None:
        return {}
    hints: dict[str, str] = {}
    for text in texts:
        shown: dict[str, None] = {}
        for start, end, source in checker.screen.finditer(text):
            if source not in shown and checker.terms[source].targets and checker.is_word(text, start, end):
                shown[source] = None
        if shown:
            line = PREFIX + "; ".join(_hint(checker.terms[s]) for s in shown)
            hints[text] = "\n".join(textwrap.wrap(line, WIDTH, break_long_words=False, break_on_hyphens=False))
    return hints


def _hint(term: Term) -> str:
    """``中文 = English / other``, and what a term base forbids: ``(not NPC)``."""
    shown = f"{term.source} = {' / '.join(term.targets)}"
    return shown + (f" (not {' / '.join(term.forbidden)})" if term.forbidden else "")


def cached_term_hints(texts: Sequence[str], glossary: Glossary) -> dict[str, str]:
    """``term_hints``, kept under ``.aligner/hints/`` by the hash of the texts, the glossary's
    terms, jieba's dictionary and the code: re-cutting an unchanged document with an unchanged
    glossary reads its hints back instead of judging every occurrence again."""
    from aligner import cache as caches
    from aligner import wordindex

    if not caches.enabled():
        return term_hints(texts, glossary)
    key = caches.digest(
        json.dumps(
            [
                [[t.source, list(t.targets), list(t.forbidden)] for t in glossary.terms],
                list(texts),
                wordindex.dictionary_key(),
                caches.code_digest(),
            ],
            ensure_ascii=False,
        ).encode("utf-8")
    )

    def derive() -> bytes:
        return json.dumps(term_hints(texts, glossary), ensure_ascii=False, sort_keys=True).encode("utf-8")

    def read(data: bytes) -> dict[str, str]:
        hints = json.loads(data.decode("utf-8"))
        if not isinstance(hints, dict) or not all(isinstance(v, str) for v in hints.values()):
            raise ValueError("damaged hints")
        return hints

    return caches.cached("hints", key, ".json", derive, read)
