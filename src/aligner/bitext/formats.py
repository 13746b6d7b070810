"""Write an alignment as a catalog (po), a translation memory (tmx), a review sheet (tsv), the bead
list of Vecalign and Bertalign (beads), or the side-by-side page (html). Output is deterministic."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass

from aligner import epoch as source_date
from aligner import tmxfile
from aligner.bitext.core import Bitext
from aligner.bitext.units import Bead
from aligner.model import JOINED_MARK, Entry
from aligner.records import Record

FORMATS = ("po", "tmx", "tsv", "beads", "html")


@dataclass(frozen=True, repr=False, eq=False)
class Offer(Record):
    """What the alignment offers one Chinese segment: its English (or JOINED_MARK), and why."""

    index: int  # Chinese sentence index
    msgstr: str
    fuzzy: bool
    comment: str


def english_of(bitext: Bitext, bead: Bead) -> str:
    return " ".join(bitext.en[j].text for j in bead.en)


def offers(bitext: Bitext, beads: Sequence[Bead], threshold: float) -> list[Offer]:
    """One offer per Chinese segment in order. A 1-0 bead offers nothing (the segment stays
    untranslated); English of a 0-1 bead is named in the comment of the segment before it."""
    result: list[Offer] = []
    pending: list[str] = []  # English with no Chinese, waiting for a segment to be noted on
    for bead in beads:
        if not bead.zh:
            text = english_of(bitext, bead)
            if result:
                last = result[-1]
                result[-1] = Offer(last.index, last.msgstr, last.fuzzy, _note(last.comment, text))
            else:
                pending.append(text)
            continue
        fuzzy = bool(bead.en) and bead.confidence < threshold
        label = f"aligner: {bead.kind} bead, confidence {bead.confidence:.2f}" if bead.en else "aligner: no English"
        for k, index in enumerate(bead.zh):
            msgstr = "" if not bead.en else english_of(bitext, bead) if k == 0 else JOINED_MARK
            comment = label
            while pending:
                comment = _note(comment, pending.pop(0))
            result.append(Offer(index, msgstr, fuzzy, comment))
    return result


def _note(comment: str, english: str) -> str:
    return f"{comment}; English with no Chinese after this segment: {english}"


# ----------------------------------------------------------------------------- po


def po_entries(bitext: Bitext, beads: Sequence[Bead], threshold: float) -> list[Entry]:
    """Catalog entries in document order; a repeated Chinese segment is one entry with more references."""
    by_msgid: dict[str, int] = {}
    entries: list[Entry] = []
    path = bitext.document.path
    for offer in offers(bitext, beads, threshold):
        sentence = bitext.zh[offer.index]
        reference = (path, sentence.line or None)
        seen = by_msgid.get(sentence.text)
        if seen is not None:
            old = entries[seen]
            better = not old.msgstr or old.msgstr == JOINED_MARK
            if better and offer.msgstr and offer.msgstr != JOINED_MARK:
                old = Entry(
                    msgid=old.msgid,
                    msgstr=offer.msgstr,
                    flags=("fuzzy",) if offer.fuzzy else (),
                    references=old.references,
                    extracted=offer.comment,
                )
            entries[seen] = Entry(
                msgid=old.msgid,
                msgstr=old.msgstr,
                flags=old.flags,
                references=(*old.references, reference),
                extracted=old.extracted,
            )
            continue
        by_msgid[sentence.text] = len(entries)
        entries.append(
            Entry(
                msgid=sentence.text,
                msgstr=offer.msgstr,
                flags=("fuzzy",) if offer.fuzzy and offer.msgstr else (),
                references=(reference,),
                extracted=offer.comment,
            )
        )
    return entries


def po_text(bitext: Bitext, beads: Sequence[Bead], threshold: float, language: str = "en") -> str:
    from aligner import catalog

    entries = po_entries(bitext, beads, threshold)
    stamp = _stamp(bitext.zh_path or bitext.document.path)
    header = {"POT-Creation-Date": stamp, "PO-Revision-Date": stamp, "X-Aligned-With": bitext.en_path}
    return catalog.write_entries("", entries, doc_id=bitext.document.doc_id, language=language, header=header)


def _stamp(source: str) -> str:
    """The catalog's date: SOURCE_DATE_EPOCH when set, else the Chinese file's modification time,
    so aligning the same files twice gives the same bytes."""
    epoch = source_date.seconds()
    try:
        seconds = float(epoch) if epoch is not None else os.stat(source).st_mtime
    except OSError:
        seconds = 0.0
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(seconds))


def fills(bitext: Bitext, beads: Sequence[Bead], threshold: float) -> dict[str, object]:
    """``{msgid: Fill}`` for ``catalog.fill_catalog``: what the alignment offers each segment."""
    from aligner.catalog import Fill

    result: dict[str, object] = {}
    for entry in po_entries(bitext, beads, threshold):
        if entry.msgstr:
            result[entry.msgid] = Fill(entry.msgstr, fuzzy=entry.fuzzy, comment=entry.extracted)
    return result


# ----------------------------------------------------------------------------- tsv, beads


# A spreadsheet opening the sheet runs a cell that starts like a formula (OWASP, CSV injection):
# such a cell gets a leading apostrophe, which spreadsheets show as text and do not display.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(text: str) -> str:
    cell = " ".join(text.split())
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def tsv_text(bitext: Bitext, beads: Sequence[Bead]) -> str:
    lines = ["zh\ten\tbead\tconfidence"]
    for bead in beads:
        zh = "".join(bitext.zh[i].text for i in bead.zh)
        lines.append(f"{_cell(zh)}\t{_cell(english_of(bitext, bead))}\t{bead.kind}\t{bead.confidence:.3f}")
    return "\n".join(lines) + "\n"


def beads_text(beads: Sequence[Bead]) -> str:
    def ids(values: tuple[int, ...]) -> str:
        return "[" + ",".join(str(v) for v in values) + "]"

    return "".join(f"{ids(b.zh)}:{ids(b.en)}\n" for b in beads)


# ----------------------------------------------------------------------------- tmx


def tmx_text(bitext: Bitext, beads: Sequence[Bead], threshold: float) -> str:
    """TMX 1.4 with one unit per bead that pairs both sides; beads below the threshold are left out
    (a memory holds trusted pairs) and counted in a header property."""
    attributes = tmxfile.header_attributes()
    units: list[str] = []
    left_out = 0
    for number, bead in enumerate(beads, start=1):
        if not bead.zh or not bead.en:
            continue
        if bead.confidence < threshold:
            left_out += 1
            continue
        zh = "".join(bitext.zh[i].text for i in bead.zh)
        units += [
            f'    <tu tuid="{number}">',
            f'      <prop type="x-bead">{bead.kind}</prop>',
            f'      <prop type="x-confidence">{bead.confidence:.3f}</prop>',
            f'      <tuv xml:lang="zh-CN"><seg>{_xml(zh)}</seg></tuv>',
            f'      <tuv xml:lang="en"><seg>{_xml(english_of(bitext, bead))}</seg></tuv>',
            "    </tu>",
        ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f"  <header {attributes}>",
        f'    <prop type="x-document">{_xml(bitext.document.doc_id)}</prop>',
        f'    <prop type="x-below-threshold">{left_out}</prop>',
        "  </header>",
        "  <body>",
        *units,
        "  </body>",
        "</tmx>",
    ]
    return "\n".join(lines) + "\n"


_xml = tmxfile.text


# ----------------------------------------------------------------------------- html


def html_text(bitext: Bitext, beads: Sequence[Bead], threshold: float, language: str = "en") -> str:
    """The project's side-by-side page: each segment against its English, low-confidence beads
    and segments with no English marked, English with no Chinese listed as notes."""
    from aligner.model import AlignedSegment, Alignment, Catalog
    from aligner.render import html

    by_index = {offer.index: offer for offer in offers(bitext, beads, threshold)}
    rows = []
    entries = []
    marks: dict[str, str] = {}
    notes: dict[str, str] = {}
    confidence = {i: b for b in beads for i in b.zh}
    for index, segment in enumerate(bitext.segments):
        offer = by_index[index]
        entry = Entry(
            msgid=segment.text,
            msgstr=offer.msgstr,
            flags=("fuzzy",) if offer.fuzzy and offer.msgstr else (),
            extracted=offer.comment,
        )
        entries.append(entry)
        rows.append(AlignedSegment(segment=segment, entry=entry, status=entry.status))
        bead = confidence[index]
        if not bead.en:
            marks[segment.position] = "no English"
        elif bead.confidence < threshold and bead.zh[0] == index:
            marks[segment.position] = f"low confidence {bead.confidence:.2f}"
        if "English with no Chinese" in offer.comment:
            notes[segment.position] = offer.comment.split(": ", 2)[-1]
    catalog = Catalog(path=bitext.en_path, entries=tuple(entries), language=language)
    alignment = Alignment(document=bitext.document, catalog=catalog, rows=tuple(rows))
    return html.render(alignment, marks=marks, notes=notes)


# ----------------------------------------------------------------------------- writing


def write(
    bitext: Bitext,
    beads: Sequence[Bead],
    fmt: str,
    out: str | None,
    *,
    threshold: float,
    overwrite: bool = False,
    language: str = "en",
) -> tuple[str | None, list[str]]:
    """Render ``beads`` in ``fmt``; write to ``out`` atomically, or return the text for stdout.

    A ``po`` output that already exists is the project's catalog: only its untranslated entries
    are filled (every entry with ``overwrite``). Returns (text for stdout or None, messages).
    """
    from pathlib import Path

    from aligner import catalog
    from aligner.atomic import write_text

    messages: list[str] = []
    counts = _counts(beads, threshold)
    if fmt == "po" and out is not None and Path(out).is_file():
        text, filled, skipped = catalog.fill_catalog(out, fills(bitext, beads, threshold), overwrite=overwrite)
        catalog.save(out, text)
        known = {e.msgid for e in catalog.load(out).live}
        missing = len({bitext.zh[o.index].text for o in offers(bitext, beads, threshold)} - known)
        messages.append(
            f"{out}: filled {filled} entries, kept {skipped} existing translations"
            + (" (--overwrite replaces them)" if skipped else "")
            + (f", {missing} segments not in the catalog (run aligner segment first)" if missing else "")
        )
        messages.append(counts)
        return None, messages
    if fmt == "po":
        text = po_text(bitext, beads, threshold, language)
    elif fmt == "tmx":
        text = tmx_text(bitext, beads, threshold)
    elif fmt == "tsv":
        text = tsv_text(bitext, beads)
    elif fmt == "beads":
        text = beads_text(beads)
    else:
        text = html_text(bitext, beads, threshold, language)
    if out is None:
        messages.append(counts)
        return text, messages
    write_text(out, text)
    messages.append(f"{out}: {counts}")
    return None, messages


def _counts(beads: Sequence[Bead], threshold: float) -> str:
    paired = sum(1 for b in beads if b.zh and b.en)
    low = sum(1 for b in beads if b.zh and b.en and b.confidence < threshold)
    omitted = sum(len(b.zh) for b in beads if not b.en)
    added = sum(len(b.en) for b in beads if not b.zh)
    return (
        f"{paired} beads, {low} below confidence {threshold:g} (fuzzy), "
        f"{omitted} Chinese segments without English, {added} English sentences without Chinese"
    )
