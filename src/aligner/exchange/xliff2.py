"""XLIFF 2.1 review documents: one ``unit`` per entry, its fields in the Metadata module.

``srcLang="zh-CN"``, ``trgLang`` from the catalog; a unit's ``id`` is the entry's id. The English is
one ``segment`` (one per plural form: msgid, then msgid_plural as their sources); translated is
``state="translated"``, fuzzy and untranslated ``state="initial"`` (translate-toolkit's reading:
a target in the initial state is fuzzy). Extracted and translator comments are notes of category
``developer`` and ``translator``; msgctxt, flags, previous msgid, references, the number of plural
forms and the digests of the exported English and notes are ``mda:meta`` elements, so an aligner
export reads back whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from aligner.exchange import safe
from aligner.exchange.review import ExchangeError, Exported, Reviewed, Row, xml_text
from aligner.exchange.xliff import SOURCE_LANGUAGE, bcp47
from aligner.model import Entry, Status

NS = "urn:oasis:names:tc:xliff:document:2.0"  # XLIFF 2.1 keeps 2.0's namespace and says version="2.1"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PO, _EXPORTED = "po", "aligner-exported"
_DONE_STATES = ("translated", "reviewed", "final")


def _x(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _m(tag: str) -> str:
    return f"{{{MDA}}}{tag}"


def write(entries: Iterable[Exported], *, language: str, catalog: str) -> bytes:
    """The bytes of an XLIFF 2.1 file for ``entries`` of the catalog at ``catalog`` (project-relative)."""
    root = etree.Element(
        _x("xliff"),
        {"version": "2.1", "srcLang": SOURCE_LANGUAGE, "trgLang": bcp47(language)},
        nsmap={None: NS, "mda": MDA},
    )
    file = etree.SubElement(root, _x("file"), {"id": "f1", "original": catalog})
    for item in entries:
        entry = item.entry
        unit = etree.SubElement(file, _x("unit"), {"id": item.id})
        _metadata(unit, item)
        notes = [("developer", entry.extracted), ("translator", entry.comment)]
        if any(text for _, text in notes):
            holder = etree.SubElement(unit, _x("notes"))
            for category, text in notes:
                if text:
                    etree.SubElement(holder, _x("note"), {"category": category}).text = xml_text(text)
        state = "translated" if entry.status is Status.TRANSLATED else "initial"
        sources = (entry.msgid,) if entry.msgid_plural is None else (entry.msgid, entry.msgid_plural)
        for index, target in enumerate(entry.targets):
            segment = etree.SubElement(unit, _x("segment"), {"id": f"s{index}", "state": state})
            source = sources[min(index, len(sources) - 1)]
            etree.SubElement(segment, _x("source"), {_XML_SPACE: "preserve"}).text = xml_text(source)
            etree.SubElement(segment, _x("target"), {_XML_SPACE: "preserve"}).text = xml_text(target)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def _metadata(unit: etree._Element, item: Exported) -> None:
    entry = item.entry
    po: list[tuple[str, str]] = []
    if entry.msgctxt is not None:
        po.append(("msgctxt", entry.msgctxt))
    if entry.msgid_plural is not None:
        po.append(("plural-forms", str(len(entry.msgstr_plural))))
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if flags:
        po.append(("flags", ", ".join(flags)))
    if entry.previous_msgid is not None:
        po.append(("previous-msgid", entry.previous_msgid))
    po.extend(("reference", ref if line is None else f"{ref}:{line}") for ref, line in entry.references)
    metadata = etree.SubElement(unit, _m("metadata"))
    for category, values in (
        (_PO, po),
        (_EXPORTED, [("english", item.english_digest), ("notes", item.comment_digest)]),
    ):
        if values:
            group = etree.SubElement(metadata, _m("metaGroup"), {"category": category})
            for kind, text in values:
                etree.SubElement(group, _m("meta"), {"type": kind}).text = xml_text(text)


# --------------------------------------------------------------------------- reading


def read(data: bytes, path: str) -> Reviewed:
    """The rows of a reviewed XLIFF 2 file."""
    file = _file(safe.parse(data, path), path)
    rows = tuple(_row(number, unit) for number, unit in enumerate(_units(file), start=1))
    language = file.getparent().get("trgLang") or ""
    return Reviewed(path=path, catalog=file.get("original") or "", language=language, rows=rows)


def entries(data: bytes, path: str) -> tuple[Entry, ...]:
    """The entries an XLIFF 2 file aligner wrote holds, every field as in the catalog exported."""
    return tuple(_entry(unit) for unit in _units(_file(safe.parse(data, path), path)))


def _file(root: etree._Element, path: str) -> etree._Element:
    if root.tag != _x("xliff"):
        raise ExchangeError("not XLIFF 2", path=path, hint=f"give an XLIFF 2 file ({NS}) that aligner export wrote")
    files = root.findall(_x("file"))
    if len(files) != 1:
        raise ExchangeError(f"holds {len(files)} <file> elements; aligner writes one per catalog", path=path)
    return files[0]


def _units(parent: etree._Element) -> list[etree._Element]:
    """Units in document order, those inside groups too."""
    return [unit for unit in parent.iter(_x("unit"))]


def _meta(unit: etree._Element, category: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for group in unit.iterfind(f"{_m('metadata')}/{_m('metaGroup')}"):
        if group.get("category") == category:
            for meta in group.iterfind(_m("meta")):
                found.setdefault(meta.get("type") or "", []).append(meta.text or "")
    return found


def _text(node: etree._Element | None) -> str:
    if node is None:
        return ""
    pieces = [node.text or ""]
    for child in node:
        if etree.QName(child).localname in ("pc", "mrk"):
            pieces.append(_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _segments(unit: etree._Element) -> tuple[list[str], list[str], bool]:
    """Sources, targets and whether any target stands in the initial state (fuzzy)."""
    segments = unit.findall(_x("segment"))
    sources = [_text(s.find(_x("source"))) for s in segments]
    targets = [_text(s.find(_x("target"))) for s in segments]
    fuzzy = any(s.get("state", "initial") not in _DONE_STATES and t for s, t in zip(segments, targets, strict=True))
    plural = "plural-forms" in _meta(unit, _PO)
    if not plural:  # a tool that split the entry into several segments: one text again
        sources, targets = ["".join(sources)], ["".join(targets)]
    return sources, targets, fuzzy


def _notes(unit: etree._Element, developer: bool) -> list[str]:
    return [
        note.text or ""
        for note in unit.iterfind(f"{_x('notes')}/{_x('note')}")
        if (note.get("category") == "developer") == developer
    ]


def _row(number: int, unit: etree._Element) -> Row:
    sources, targets, fuzzy = _segments(unit)
    exported = _meta(unit, _EXPORTED)
    notes = _notes(unit, developer=False)
    return Row(
        row=number,
        id=unit.get("id") or None,
        source="\x00".join(sources[:2]),
        targets=tuple(targets) or ("",),
        fuzzy=fuzzy,
        comment="\n".join(notes) if notes else None,
        english_digest=(exported.get("english") or [None])[0],
        comment_digest=(exported.get("notes") or [None])[0],
    )


def _entry(unit: etree._Element) -> Entry:
    sources, targets, fuzzy = _segments(unit)
    po = _meta(unit, _PO)
    plural = "plural-forms" in po
    flags = [f.strip() for text in po.get("flags", []) for f in text.split(",") if f.strip()]
    references: list[tuple[str, int | None]] = []
    for text in po.get("reference", []):
        name, _, line = text.rpartition(":")
        references.append((name, int(line)) if name and line.isdigit() else (text, None))
    return Entry(
        msgid=sources[0] if sources else "",
        msgstr="" if plural else (targets[0] if targets else ""),
        msgctxt=po["msgctxt"][0] if "msgctxt" in po else None,
        msgid_plural=sources[1] if plural and len(sources) > 1 else None,
        msgstr_plural=tuple(targets) if plural else (),
        flags=("fuzzy", *flags) if fuzzy else tuple(flags),
        references=tuple(references),
        comment="\n".join(_notes(unit, developer=False)),
        extracted="\n".join(_notes(unit, developer=True)),
        previous_msgid=po["previous-msgid"][0] if "previous-msgid" in po else None,
    )
