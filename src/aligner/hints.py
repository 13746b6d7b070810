"""Glossary hints: the glossary terms a segment contains, with their rendering, for its ``#.`` comment.

A term counts where jieba, taught the glossary, cuts it as a word of its own (the rule the
``glossary.term`` check follows), so 科技 is not hinted inside 科技创新 when jieba keeps that
word whole. Every PO editor shows the comment beside the sentence.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from aligner import chinese
from aligner.checks.glossary import Glossary

PREFIX = "Terms: "
# Lines short enough that no writer rewraps them: gettext and polib wrap a "#. " comment line past
# 78 columns, Poedit past 79, msgcat --no-wrap never; a hint wrapped here reads back the same from all.
WIDTH = 72


def term_hints(texts: Iterable[str], glossary: Glossary) -> dict[str, str]:
    """``Terms: 中文 = English; ...`` for each text holding glossary terms (texts without none are left out)."""
    terms = {t.source: t for t in glossary.terms}
    if not terms:
        return {}
    ordered = sorted(terms, key=len, reverse=True)
    # Longest first, so 成渝地区双城经济圈 is found before the 成渝 inside it.
    screen = re.compile("|".join(re.escape(s) for s in ordered))
    taught = tuple(sorted(s for s in terms if chinese.HAN.search(s)))
    hints: dict[str, str] = {}
    for text in texts:
        found = [m for m in screen.finditer(text)]
        if not found:
            continue
        spans = set(chinese.word_spans(text, taught))
        shown: dict[str, None] = {}
        for m in found:
            if not chinese.HAN.search(m.group()) or m.span() in spans:
                shown.setdefault(m.group())
        if shown:
            line = PREFIX + "; ".join(f"{s} = {' / '.join(terms[s].targets)}" for s in shown)
            hints[text] = "\n".join(textwrap.wrap(line, WIDTH, break_long_words=False, break_on_hyphens=False))
    return hints
