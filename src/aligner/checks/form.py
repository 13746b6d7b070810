"""Typography that betrays a translation from Chinese: brackets, full-width marks, stops, spaces."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from aligner import lazyre
from aligner.checks.base import Unit, finding
from aligner.model import Finding

_PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”", "（": "）", "《": "》", "【": "】", "「": "」", "『": "』"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_BRACKET_CHARS = lazyre.compile(r"[()\[\]{}“”（）《》【】「」『』\"]")
# ，。：；（）！？、《》【】「」 and the full-width ASCII block; “” are English typography too, so they
# count only when glued to a word the Chinese way (see _GLUED_QUOTE).
_FULLWIDTH = lazyre.compile(r"[，。：；（）！？、《》【】「」『』\uff01-\uff5e\u3000]")
_GLUED_QUOTE = lazyre.compile(r"[A-Za-z0-9]“|”[A-Za-z0-9]")
# Sentence ends, looked for at the end of the text once closing quotes and brackets are set aside.
_ZH_STOPS = "。！？!?…."
_ZH_TRAILERS = "”’」』）)》"
_EN_STOPS = ".!?…"
_EN_TRAILERS = "\"'”’)]"
_DOUBLE_SPACE = lazyre.compile(r"(?<=\S) {2,}(?=\S)")
# A target may end with these and a dot without ending a sentence.
_ABBREVIATION = lazyre.compile(r"(?:\b(?:etc|Ltd|Co|Inc|No|Nos|Art|Jr|Sr|St|vs|approx|Dept|Govt)|\b[A-Z])\.\s*$")


def _unbalanced(text: str) -> str | None:
    """The first bracket or quote without its partner, or None."""
    stack: list[str] = []
    straight = 0
    for char in _BRACKET_CHARS.findall(text):
        if char == '"':
            straight += 1
        elif char in _PAIRS:
            stack.append(char)
        elif stack and stack[-1] == _CLOSERS[char]:
            stack.pop()
        else:
            return char
    if stack:
        return stack[0]
    if straight % 2:
        return '"'
    return None


def check(units: Iterable[Unit]) -> Iterator[Finding]:
    for unit in units:
        target, source = unit.target, unit.source
        where = (unit.path, unit.line, unit.msgid)
        bad = _unbalanced(target)
        if bad is not None and _unbalanced(source) is None:
            yield finding("form.brackets", *where, f"unbalanced {bad} in the target (the source is balanced)")
        marks = sorted(set(_FULLWIDTH.findall(target)))
        glued = _GLUED_QUOTE.search(target) if not marks and ("“" in target or "”" in target) else None
        if marks:
            shown = " ".join("U+3000" if m == "\u3000" else m for m in marks)
            yield finding("form.fullwidth", *where, f"full-width punctuation in the English: {shown}")
        elif glued is not None:
            yield finding("form.fullwidth", *where, f"curly quote glued to a word, Chinese style: “{glued.group()}”")
        source_stop = source.rstrip().rstrip(_ZH_TRAILERS)[-1:] in tuple(_ZH_STOPS)
        target_stop = target.rstrip().rstrip(_EN_TRAILERS)[-1:] in tuple(_EN_STOPS)
        if source_stop and not target_stop:
            yield finding("form.stop", *where, "the source ends with a full stop, the target does not")
        elif target_stop and not source_stop and not _ABBREVIATION.search(target):
            yield finding("form.stop", *where, "the target ends with a full stop, the source does not")
        if "  " in target and _DOUBLE_SPACE.search(target.strip()):
            yield finding("form.spaces", *where, "doubled space in the target")
        lead = source[:1].isspace() != target[:1].isspace()
        trail = source[-1:].isspace() != target[-1:].isspace()
        if lead or trail:
            side = " and ".join(s for s, bad in (("leading", lead), ("trailing", trail)) if bad)
            yield finding("form.edge-space", *where, f"{side} white space differs between source and target")
