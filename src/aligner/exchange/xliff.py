"""XLIFF 1.2 review documents: one ``trans-unit`` per entry, every field of the entry kept.

The layout follows translate-toolkit's po2xliff where it has one, so CAT tools and the toolkit
read what they expect: references as ``po-reference`` context groups (``sourcefile``,
``linenumber``); extracted comments as ``note from="developer"``, translator comments as
``note from="po-translator"`` (both also in a ``po-entry`` context group); plural entries as a
``group restype="x-gettext-plurals"`` of units ``ID[0]``, ``ID[1]``. Where the toolkit loses data
this keeps it, in standard places only (no extension namespace, so the file is valid against the
strict schema): the msgctxt (``x-po-msgctxt``), the previous msgid (``x-po-previous-msgid``), the
flags (``x-po-flags``) and the digests of the exported English and notes (``x-aligner-*``).

Status: translated is ``approved="yes"`` and ``state="translated"``; fuzzy ``approved="no"`` and
``state="needs-review-translation"``; untranslated ``state="new"`` with no target text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lxml import etree

from aligner import __version__
from aligner.exchange import safe
from aligner.exchange.review import ExchangeError, Exported, Reviewed, Row, xml_text
from aligner.model import Entry, Status

NS = "urn:oasis:names:tc:xliff:document:1.2"
SOURCE_LANGUAGE = "zh-CN"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_PLURALS = "x-gettext-plurals"
_DEVELOPER, _TRANSLATOR = "developer", "po-translator"
_DONE_STATES = ("translated", "final", "signed-off")


def _x(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def bcp47(language: str) -> str:
    """A gettext language code as XLIFF wants it: ``zh_TW`` -> ``zh-TW``, ``sr@latin`` -> ``sr``."""
    return language.split("@")[0].replace("_", "-")


# --------------------------------------------------------------------------- writing


def write(entries: Iterable[Exported], *, language: str, catalog: str) -> bytes:
    """The bytes of an XLIFF 1.2 file for ``entries`` of the catalog at ``catalog`` (project-relative)."""
    target_language = bcp47(language)
    root = etree.Element(_x("xliff"), {"version": "1.2"}, nsmap={None: NS})
    file = etree.SubElement(
        root,
        _x("file"),
        {
            "original": catalog,
            "source-language": SOURCE_LANGUAGE,
            "target-language": target_language,
            "datatype": "po",
        },
    )
    header = etree.SubElement(file, _x("header"))
    etree.SubElement(header, _x("tool"), {"tool-id": "aligner", "tool-name": "aligner", "tool-version": __version__})
    body = etree.SubElement(file, _x("body"))
    for item in entries:
        entry = item.entry
        if entry.msgid_plural is None:
            unit = _unit(body, item.id, entry.msgid, entry.msgstr, entry, target_language)
            _details(unit, item)
            continue
        group = etree.SubElement(body, _x("group"), {"id": item.id, "restype": _PLURALS})
        group.set(f"{{{_XML_NS}}}space", "preserve")
        for index, target in enumerate(entry.msgstr_plural):
            source = entry.msgid if index == 0 else entry.msgid_plural
            unit = _unit(group, f"{item.id}[{index}]", source, target, entry, target_language)
            if index == 0:
                _details(unit, item)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def _unit(parent: etree._Element, ident: str, source: str, target: str, entry: Entry, language: str) -> etree._Element:
    unit = etree.SubElement(parent, _x("trans-unit"), {"id": ident})
    status = entry.status
    if status is Status.TRANSLATED:
        unit.set("approved", "yes")
    elif status is Status.FUZZY:
        unit.set("approved", "no")
    unit.set(f"{{{_XML_NS}}}space", "preserve")
    node = etree.SubElement(unit, _x("source"), {f"{{{_XML_NS}}}lang": SOURCE_LANGUAGE})
    node.text = xml_text(source)
    state = {Status.TRANSLATED: "translated", Status.FUZZY: "needs-review-translation"}.get(status, "new")
    node = etree.SubElement(unit, _x("target"), {f"{{{_XML_NS}}}lang": language, "state": state})
    node.text = xml_text(target)
    return unit


def _details(unit: etree._Element, item: Exported) -> None:
    entry = item.entry
    for reference, line in entry.references:
        contexts = [("sourcefile", reference)] + ([("linenumber", str(line))] if line is not None else [])
        _group(unit, "po-reference", "location", contexts)
    info: list[tuple[str, str]] = []
    if entry.msgctxt is not None:
        info.append(("x-po-msgctxt", entry.msgctxt))
    if entry.extracted:
        info.append(("x-po-autocomment", entry.extracted))
    if entry.comment:
        info.append(("x-po-trancomment", entry.comment))
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if flags:
        info.append(("x-po-flags", ", ".join(flags)))
    if entry.previous_msgid is not None:
        info.append(("x-po-previous-msgid", entry.previous_msgid))
    if info:
        _group(unit, "po-entry", "information", info)
    _group(
        unit,
        "x-aligner-exported",
        "information",
        [("x-aligner-english", item.english_digest), ("x-aligner-notes", item.comment_digest)],
    )
    if entry.extracted:
        _note(unit, entry.extracted, _DEVELOPER)
    if entry.comment:
        _note(unit, entry.comment, _TRANSLATOR)


def _group(unit: etree._Element, name: str, purpose: str, contexts: list[tuple[str, str]]) -> None:
    group = etree.SubElement(unit, _x("context-group"), {"name": name, "purpose": purpose})
    for kind, text in contexts:
        etree.SubElement(group, _x("context"), {"context-type": kind}).text = xml_text(text)


def _note(unit: etree._Element, text: str, origin: str) -> None:
    etree.SubElement(unit, _x("note"), {"from": origin}).text = xml_text(text)


# --------------------------------------------------------------------------- reading


def read(data: bytes, path: str) -> Reviewed:
    """The rows of a reviewed XLIFF 1.2 file."""
    root = safe.parse(data, path)
    file = _file(root, path)
    rows = tuple(_row(number, units) for number, units in enumerate(_entry_units(file, path), start=1))
    return Reviewed(
        path=path, catalog=file.get("original") or "", language=file.get("target-language") or "", rows=rows
    )


def entries(data: bytes, path: str) -> tuple[Entry, ...]:
    """The entries an XLIFF file aligner wrote holds, every field as in the catalog exported."""
    file = _file(safe.parse(data, path), path)
    return tuple(_entry(units) for units in _entry_units(file, path))


def _file(root: etree._Element, path: str) -> etree._Element:
    if root.tag != _x("xliff"):
        raise ExchangeError(
            f"not XLIFF 1.2 (root {etree.QName(root).localname} in {etree.QName(root).namespace or 'no namespace'})",
            path=path,
            hint=f"give an XLIFF 1.2 file ({NS}) that aligner export wrote",
        )
    files = root.findall(_x("file"))
    if len(files) != 1:
        raise ExchangeError(f"holds {len(files)} <file> elements; aligner writes one per catalog", path=path)
    return files[0]


def _entry_units(file: etree._Element, path: str) -> Iterator[list[etree._Element]]:
    """The units of each entry: one trans-unit, or the trans-units of a plural group."""
    body = file.find(_x("body"))
    if body is None:
        raise ExchangeError("XLIFF <file> without <body>", path=path, line=file.sourceline)
    yield from _walk(body)


def _walk(parent: etree._Element) -> Iterator[list[etree._Element]]:
    for child in parent:
        if child.tag == _x("trans-unit"):
            yield [child]
        elif child.tag == _x("group"):
            if child.get("restype") == _PLURALS:
                yield [unit for unit in child if unit.tag == _x("trans-unit")]
            else:
                yield from _walk(child)


def _text(node: etree._Element | None) -> str:
    if node is None:
        return ""
    pieces = [node.text or ""]
    for child in node:
        if etree.QName(child).localname in ("g", "mrk"):
            pieces.append(_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _contexts(unit: etree._Element) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for context in unit.iterfind(f"{_x('context-group')}/{_x('context')}"):
        found.setdefault(context.get("context-type") or "", []).append(context.text or "")
    return found


def _fuzzy(unit: etree._Element) -> bool:
    target = unit.find(_x("target"))
    if unit.get("approved") == "yes" or target is None:
        return False
    state = target.get("state")
    if state in _DONE_STATES:
        return False
    if state is None:
        return unit.get("approved") == "no" and bool(_text(target))
    return bool(_text(target))


def _row(number: int, units: list[etree._Element]) -> Row:
    first = units[0] if units else None
    if first is None:
        return Row(number, None, "", ("",), False, None, None, None)
    plural = first.getparent() is not None and first.getparent().get("restype") == _PLURALS
    ident = first.getparent().get("id") if plural else first.get("id")
    sources = [_text(unit.find(_x("source"))) for unit in units]
    source = "\x00".join(sources[:2]) if plural else sources[0]
    targets = tuple(_text(unit.find(_x("target"))) for unit in units)
    notes = [note.text or "" for note in first.iterfind(_x("note")) if note.get("from") != _DEVELOPER]
    contexts = _contexts(first)
    return Row(
        row=number,
        id=ident,
        source=source,
        targets=targets,
        fuzzy=any(_fuzzy(unit) for unit in units),
        comment="\n".join(notes) if notes else None,
        english_digest=(contexts.get("x-aligner-english") or [None])[0],
        comment_digest=(contexts.get("x-aligner-notes") or [None])[0],
    )


def _entry(units: list[etree._Element]) -> Entry:
    first = units[0]
    contexts = _contexts(first)
    plural = len(units) > 1 or (first.getparent() is not None and first.getparent().get("restype") == _PLURALS)
    sources = [_text(unit.find(_x("source"))) for unit in units]
    targets = tuple(_text(unit.find(_x("target"))) for unit in units)
    references: list[tuple[str, int | None]] = []
    for group in first.iterfind(_x("context-group")):
        if group.get("name") != "po-reference":
            continue
        values = {c.get("context-type"): c.text or "" for c in group.iterfind(_x("context"))}
        line = values.get("linenumber")
        references.append((values.get("sourcefile", ""), int(line) if line and line.isdigit() else None))
    flags = [f.strip() for text in contexts.get("x-po-flags", []) for f in text.split(",") if f.strip()]
    if any(_fuzzy(unit) for unit in units):
        flags.insert(0, "fuzzy")
    msgctxt = contexts.get("x-po-msgctxt")
    previous = contexts.get("x-po-previous-msgid")
    return Entry(
        msgid=sources[0],
        msgstr="" if plural else targets[0],
        msgctxt=msgctxt[0] if msgctxt else None,
        msgid_plural=sources[1] if plural and len(sources) > 1 else None,
        msgstr_plural=targets if plural else (),
        flags=tuple(flags),
        references=tuple(references),
        comment="\n".join(contexts.get("x-po-trancomment", [])),
        extracted="\n".join(contexts.get("x-po-autocomment", [])),
        previous_msgid=previous[0] if previous else None,
    )
