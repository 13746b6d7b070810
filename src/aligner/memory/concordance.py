"""Concordance (every unit whose Chinese holds a phrase) and export of the memory as TMX or PO.

In a concordance line the phrase is marked in the Chinese, and in the English the words that
CC-CEDICT gives for it (when the dictionary knows the phrase or its parts). Export collapses
duplicates; conflicting translations of one Chinese are all kept: in TMX as units of their own,
in PO as one fuzzy entry whose ``#.`` comment lists the other translations.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from aligner import lazyre, tmxfile
from aligner.memory.index import Index, Row
from aligner.memory.units import normalize
from aligner.records import Record
from aligner.terminal import json_text, visible

_WORD = lazyre.compile(r"[A-Za-z][A-Za-z'\-]*")
_INVALID_XML = lazyre.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, repr=False, eq=False)
class Hit(Record):
    row: Row
    zh_spans: tuple[tuple[int, int], ...]
    en_spans: tuple[tuple[int, int], ...]


def _english_spans(phrase: str, english: str) -> tuple[tuple[int, int], ...]:
    from aligner.bitext import lexicon

    stems = set(lexicon.translations(phrase))
    if not stems:
        return ()
    return tuple(m.span() for m in _WORD.finditer(english) if lexicon.stem(m.group()) in stems)


def search(index: Index, phrase: str, lang: str | None = None) -> list[Hit]:
    """Every unit whose Chinese contains ``phrase`` (compared normalised), duplicates collapsed."""
    norm = normalize(phrase)
    seen: set[tuple[str, str]] = set()
    hits: list[Hit] = []
    for row in index.containing(phrase, lang):
        key = (row.norm, row.unit.en)
        if key in seen:
            continue
        seen.add(key)
        zh = row.unit.zh
        folded = [(i, c) for i, c in enumerate(zh) if not c.isspace()]
        text = normalize(zh)
        spans = []
        # Offsets in the normalised text map back to the unit's own Chinese (NFKC keeps CJK one to one).
        if len(text) == len(folded):
            start = text.find(norm)
            while start >= 0:
                spans.append((folded[start][0], folded[start + len(norm) - 1][0] + 1))
                start = text.find(norm, start + len(norm))
        hits.append(Hit(row, tuple(spans), _english_spans(norm, row.unit.en)))
    return hits


def _marked(text: str, spans: tuple[tuple[int, int], ...], left: str = "[", right: str = "]") -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], left, text[start:end], right]
        last = end
    out.append(text[last:])
    return "".join(out)


def search_text(hits: list[Hit]) -> str:
    lines = []
    for hit in hits:
        unit = hit.row.unit
        # A unit's text is whoever wrote the file's: no escape sequence or bidi control reaches the terminal raw.
        lines.append(visible(f"{unit.path}:{unit.line}: {_marked(unit.zh, hit.zh_spans)}"))
        lines.append("    " + visible(_marked(unit.en, hit.en_spans)))
    lines.append(f"{len(hits)} unit{'s' if len(hits) != 1 else ''}")
    return "\n".join(lines) + "\n"


def search_json(phrase: str, hits: list[Hit]) -> str:
    items = [
        {
            "zh": h.row.unit.zh,
            "en": h.row.unit.en,
            "lang": h.row.unit.lang,
            "path": h.row.unit.path,
            "line": h.row.unit.line,
            "doc": h.row.unit.doc,
            "kind": h.row.unit.kind,
            "date": h.row.unit.date,
            "zh_spans": [list(s) for s in h.zh_spans],
            "en_spans": [list(s) for s in h.en_spans],
        }
        for h in hits
    ]
    return json_text(json.dumps({"phrase": phrase, "units": items}, ensure_ascii=False, indent=2)) + "\n"


def _collapsed(index: Index, lang: str | None) -> Iterator[list[Row]]:
    """Rows grouped by (normalised Chinese, language), each English once, newest first."""
    group: list[Row] = []
    key: tuple[str, str] | None = None
    for row in index.all_rows(lang):
        k = (row.norm, row.unit.lang)
        if key is not None and k != key:
            yield group
            group = []
        key = k
        group.append(row)
    if group:
        yield group


def _distinct(group: list[Row]) -> list[Row]:
    best: dict[str, Row] = {}
    for row in sorted(group, key=lambda r: (r.unit.date, r.unit.path, r.unit.line), reverse=True):
        best.setdefault(row.unit.en, row)
    return list(best.values())


_xml = tmxfile.text


def export_tmx(index: Index, lang: str | None = None) -> str:
    header = tmxfile.header_attributes()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">', f"  <header {header}/>", "  <body>"]
    for group in _collapsed(index, lang):
        for row in _distinct(group):
            unit = row.unit
            lines.append("    <tu>")
            lines.append(f'      <prop type="x-origin">{_xml(f"{unit.path}:{unit.line}")}</prop>')
            if unit.kind:
                lines.append(f'      <prop type="x-kind">{_xml(unit.kind)}</prop>')
            lines.append(f'      <tuv xml:lang="zh-CN"><seg>{_xml(unit.zh)}</seg></tuv>')
            lines.append(f"      <tuv xml:lang={quoteattr(unit.lang)}><seg>{_xml(unit.en)}</seg></tuv>")
            lines.append("    </tu>")
    lines += ["  </body>", "</tmx>"]
    return "\n".join(lines) + "\n"


def export_po(index: Index, lang: str) -> str:
    from aligner import catalog
    from aligner.model import Entry

    entries = []
    for group in _collapsed(index, lang):
        rows = _distinct(group)
        best = rows[0]
        notes = [f"memory: {best.unit.path}:{best.unit.line}"]
        notes += [f"memory: also translated as: {r.unit.en} ({r.unit.path}:{r.unit.line})" for r in rows[1:]]
        entries.append(
            Entry(
                best.unit.zh,
                best.unit.en,
                flags=("fuzzy",) if len(rows) > 1 else (),
                extracted="\n".join(notes),
            )
        )
    seen: set[str] = set()
    unique = []
    for e in entries:
        if e.msgid not in seen:  # two spellings of one normalised Chinese: the first stands
            seen.add(e.msgid)
            unique.append(e)
    return catalog.write_entries("memory.po", unique, doc_id="memory", language=lang)
