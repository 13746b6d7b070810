"""The bilingual Word review table: written as plain OOXML, read back with tracked changes and comments.

One table, one row per entry: the Chinese (protected: the rest of the document is read-only in
Word, the English and status cells are editable ranges), the English, and a narrow cell with the
entry's number, status and msgctxt and, below, its translator comment. Each row carries its entry's id
invisibly as a hidden bookmark (``_al`` + id + digests of the English and comment as exported) on
the Chinese text: bookmarks survive Word, LibreOffice and python-docx saving the file again. The
catalog the table came from is a custom document property.

Text maps one to one: a line break in a string is a ``w:br``, a tab a ``w:tab``; plural forms are
one paragraph each. The archive's members carry a fixed date, so an export gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

from lxml import etree

from aligner.exchange import safe
from aligner.exchange.review import (
    DIGEST_LENGTH,
    ID_LENGTH,
    Changes,
    ExchangeError,
    Exported,
    Reviewed,
    Row,
    status_word,
    xml_text,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
BOOKMARK_PREFIX = "_al"  # a leading underscore hides the bookmark from Word's list
_PROPERTY_CATALOG = "aligner.catalog"
_PROPERTY_LANGUAGE = "aligner.language"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id of user-defined document properties
_ZH_FONT = "Noto Serif CJK SC"  # Word substitutes SimSun where it is missing
_WIDTHS = (4100, 4100, 1438)  # twips: A4 with 2 cm margins, the status column narrow
_STAMP = (1980, 1, 1, 0, 0, 0)  # the first date a zip can hold: the same entry gives the same bytes
FUZZY_WORDS = ("fuzzy", "模糊", "待定")  # what a reviewer writes in the status cell to leave an entry for later
_CONTEXT_MARK = " · context: "  # after the status: the entry's msgctxt, shown, never read back

INSTRUCTIONS = (
    "Correct the English in the middle column; tracked changes and comments are welcome. "
    "An entry marked fuzzy stays fuzzy until the word “fuzzy” is removed from its status cell. "
    "Lines below the status are the translator's notes. Do not edit the Chinese column "
    "or split, merge or copy rows: each row is matched back to its entry."
)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# --------------------------------------------------------------------------- writing


def write(entries: Iterable[Exported], *, doc_id: str, language: str, catalog: str) -> bytes:
    """The bytes of a review .docx for ``entries`` of the catalog at ``catalog`` (project-relative)."""
    body = etree.Element(_w("body"))
    document = etree.Element(_w("document"), nsmap={"w": W})
    document.append(body)
    title = _paragraph(body)
    _run(title, f"审校稿 Review: {doc_id} ({language})", bold=True, size=28)
    _run(_paragraph(body), INSTRUCTIONS, size=18)
    table = etree.SubElement(body, _w("tbl"))
    properties = etree.SubElement(table, _w("tblPr"))
    etree.SubElement(properties, _w("tblW"), {_w("w"): str(sum(_WIDTHS)), _w("type"): "dxa"})
    borders = etree.SubElement(properties, _w("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = {_w("val"): "single", _w("sz"): "4", _w("space"): "0", _w("color"): "808080"}
        etree.SubElement(borders, _w(side), line)
    etree.SubElement(properties, _w("tblLayout"), {_w("type"): "fixed"})
    grid = etree.SubElement(table, _w("tblGrid"))
    for width in _WIDTHS:
        etree.SubElement(grid, _w("gridCol"), {_w("w"): str(width)})
    head = _row(table, header=True)
    for width, (text, zh) in zip(_WIDTHS, (("中文", True), ("English", False), ("Status / notes", False)), strict=True):
        _run(_paragraph(_cell(head, width)), text, bold=True, zh=zh)
    for number, item in enumerate(entries, start=1):
        _entry_row(table, number, item, language)
    section = etree.SubElement(body, _w("sectPr"))
    etree.SubElement(section, _w("pgSz"), {_w("w"): "11906", _w("h"): "16838"})
    margins = {_w(side): "1134" for side in ("top", "right", "bottom", "left")}
    margins.update({_w("header"): "567", _w("footer"): "567", _w("gutter"): "0"})
    etree.SubElement(section, _w("pgMar"), margins)
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "docProps/core.xml": _core(f"Review: {doc_id} ({language})"),
        "docProps/custom.xml": _custom({_PROPERTY_CATALOG: catalog, _PROPERTY_LANGUAGE: language}),
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/document.xml": _xml(document),
        "word/settings.xml": _SETTINGS,
        "word/styles.xml": _STYLES,
    }
    return _zip(parts)


def _entry_row(table: etree._Element, number: int, item: Exported, language: str) -> None:
    """One entry's row: the Chinese with the hidden bookmark that names the entry, the English, the status."""
    entry = item.entry
    row = _row(table)
    chinese = _paragraph(_cell(row, _WIDTHS[0]))
    name = f"{BOOKMARK_PREFIX}{item.id}{item.english_digest}{item.comment_digest}"
    etree.SubElement(chinese, _w("bookmarkStart"), {_w("id"): str(number), _w("name"): name})
    _text(chinese, entry.msgid, zh=True)
    etree.SubElement(chinese, _w("bookmarkEnd"), {_w("id"): str(number)})
    if entry.msgid_plural is not None:
        _text(_paragraph(chinese.getparent()), entry.msgid_plural, zh=True)
    english_cell = _cell(row, _WIDTHS[1])
    for target in entry.targets or ("",):
        _text(_paragraph(english_cell), target, language=language)
    status_cell = _cell(row, _WIDTHS[2])
    context = f"{_CONTEXT_MARK}{entry.msgctxt}" if entry.msgctxt else ""  # two 国务院 told apart
    _run(_paragraph(status_cell), f"{number} {status_word(entry)}{context}", size=16)
    for line in entry.comment.split("\n") if entry.comment else ():
        _text(_paragraph(status_cell), line, size=16)
    _editable(english_cell, 2 * number - 1)
    _editable(status_cell, 2 * number)


def _editable(cell: etree._Element, ident: int) -> None:
    """The cell's text as a range everyone may edit in a read-only document (Word's exceptions)."""
    paragraphs = cell.findall(_w("p"))
    start = etree.Element(_w("permStart"), {_w("id"): str(ident), _w("edGrp"): "everyone"})
    first = paragraphs[0]
    first.insert(1 if len(first) and first[0].tag == _w("pPr") else 0, start)
    etree.SubElement(paragraphs[-1], _w("permEnd"), {_w("id"): str(ident)})


def _paragraph(parent: etree._Element) -> etree._Element:
    return etree.SubElement(parent, _w("p"))


def _row(table: etree._Element, *, header: bool = False) -> etree._Element:
    row = etree.SubElement(table, _w("tr"))
    properties = etree.SubElement(row, _w("trPr"))
    etree.SubElement(properties, _w("cantSplit"))
    if header:
        etree.SubElement(properties, _w("tblHeader"))
    return row


def _cell(row: etree._Element, width: int) -> etree._Element:
    cell = etree.SubElement(row, _w("tc"))
    properties = etree.SubElement(cell, _w("tcPr"))
    etree.SubElement(properties, _w("tcW"), {_w("w"): str(width), _w("type"): "dxa"})
    return cell


def _run(
    paragraph: etree._Element,
    text: str,
    *,
    bold: bool = False,
    zh: bool = False,
    size: int = 0,
    language: str = "",
) -> etree._Element:
    run = etree.SubElement(paragraph, _w("r"))
    properties = etree.SubElement(run, _w("rPr"))
    if zh:
        etree.SubElement(properties, _w("rFonts"), {_w("eastAsia"): _ZH_FONT})
    if bold:
        etree.SubElement(properties, _w("b"))
    if size:
        etree.SubElement(properties, _w("sz"), {_w("val"): str(size)})
    if zh or language:
        attributes = {_w("eastAsia"): "zh-CN"} if zh else {_w("val"): language.replace("_", "-")}
        etree.SubElement(properties, _w("lang"), attributes)
    if len(properties) == 0:
        run.remove(properties)
    for kind, piece in _pieces(text):
        if kind == "t":
            node = etree.SubElement(run, _w("t"))
            node.text = xml_text(piece)
            if piece != piece.strip():
                node.set(f"{{{_XML_NS}}}space", "preserve")
        else:
            etree.SubElement(run, _w(kind))
    return run


def _text(paragraph: etree._Element, text: str, **style: object) -> None:
    """``text`` as one run (line breaks and tabs as Word's own marks)."""
    if text:
        _run(paragraph, text, **style)  # type: ignore[arg-type]


def _pieces(text: str) -> Iterator[tuple[str, str]]:
    for number, line in enumerate(text.split("\n")):
        if number:
            yield "br", ""
        for index, chunk in enumerate(line.split("\t")):
            if index:
                yield "tab", ""
            if chunk:
                yield "t", chunk


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _core(title: str) -> bytes:
    root = etree.Element(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties",
        nsmap={
            "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            "dc": "http://purl.org/dc/elements/1.1/",
        },
    )
    etree.SubElement(root, "{http://purl.org/dc/elements/1.1/}title").text = title
    return _xml(root)


def _custom(values: dict[str, str]) -> bytes:
    root = etree.Element(f"{{{_CUSTOM}}}Properties", nsmap={None: _CUSTOM, "vt": _VT})
    for pid, (name, value) in enumerate(values.items(), start=2):
        prop = etree.SubElement(root, f"{{{_CUSTOM}}}property", {"fmtid": _FMTID, "pid": str(pid), "name": name})
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = xml_text(value)
    return _xml(root)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


_CONTENT_TYPES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
<Override PartName="/word/settings.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
<Override PartName="/word/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/custom.xml" \
ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>\
</Types>"""

_ROOT_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
Target="docProps/core.xml"/>\
<Relationship Id="rId3" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" \
Target="docProps/custom.xml"/>\
</Relationships>"""

_DOCUMENT_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
</Relationships>"""

# Edits are tracked from the first keystroke (merge accepts them by default); the document is
# read-only outside the editable ranges of the English and status cells, so the Chinese stays put.
_SETTINGS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
<w:trackRevisions/>\
<w:documentProtection w:edit="readOnly" w:enforcement="1"/>\
</w:settings>"""

_STYLES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Noto Serif CJK SC"/>\
<w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>\
</w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after="60"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
</w:styles>"""


# --------------------------------------------------------------------------- reading


def read(data: bytes, path: str, *, changes: Changes = Changes.ACCEPT) -> Reviewed:
    """The rows of a review .docx, with tracked changes accepted, rejected or refused."""
    archive = safe.Archive(data, path)
    document = archive.required_xml("word/document.xml")
    properties = _properties(archive.xml("docProps/custom.xml"))
    catalog = properties.get(_PROPERTY_CATALOG, "")
    if not catalog:
        raise ExchangeError(
            f"has no {_PROPERTY_CATALOG} property: not a review document aligner exported",
            path=path,
            hint="export it with aligner export --format docx",
        )
    remarks = _comments(archive.xml("word/comments.xml"))
    table = _review_table(document)
    if table is None:
        raise ExchangeError("holds no review table (no row carries an entry id)", path=path)
    rows: list[Row] = []
    placed: set[str] = set()
    number = 0
    for index, tr in enumerate(tr for tr in table if tr.tag == _w("tr")):
        cells = [tc for tc in tr if tc.tag == _w("tc")]
        header = index == 0 or tr.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None
        name = _bookmark(tr)
        if header and name is None:
            continue
        number += 1
        if changes is Changes.REFUSE and _tracked(tr):
            raise ExchangeError(
                f"row {number} holds tracked changes (--changes refuse)",
                path=path,
                hint="accept or reject the changes in Word first, or merge with --changes accept|reject",
            )
        placed.update(_comment_ids(cells))
        rows.append(_read_row(number, name, cells, changes, remarks))
    stray = tuple(remark for ident, remark in remarks.items() if ident not in placed)
    return Reviewed(
        path=path,
        catalog=catalog,
        language=properties.get(_PROPERTY_LANGUAGE, ""),
        rows=tuple(rows),
        stray=stray,
    )


def _properties(root: etree._Element | None) -> dict[str, str]:
    found: dict[str, str] = {}
    if root is None:
        return found
    for prop in root.iter(f"{{{_CUSTOM}}}property"):
        value = prop.find(f"{{{_VT}}}lpwstr")
        if value is not None:
            found[str(prop.get("name", ""))] = value.text or ""
    return found


def _comments(root: etree._Element | None) -> dict[str, str]:
    """Word comments by id: ``author: text`` (paragraphs joined by line breaks)."""
    found: dict[str, str] = {}
    if root is None:
        return found
    for comment in root.iter(_w("comment")):
        text = "\n".join(_paragraph_text(p, Changes.ACCEPT) for p in comment.iter(_w("p"))).strip()
        author = (comment.get(_w("author")) or "").strip()
        if text:
            found[str(comment.get(_w("id")))] = f"{author}: {text}" if author else text
    return found


def _review_table(document: etree._Element) -> etree._Element | None:
    """The table whose rows carry the most entry ids (a reviewer may add tables of their own)."""
    best, best_count = None, 0
    for table in document.iter(_w("tbl")):
        count = sum(1 for tr in table if tr.tag == _w("tr") and _bookmark(tr) is not None)
        if count > best_count:
            best, best_count = table, count
    return best


def _bookmark(tr: etree._Element) -> str | None:
    for mark in tr.iter(_w("bookmarkStart")):
        name = mark.get(_w("name")) or ""
        if name.startswith(BOOKMARK_PREFIX) and len(name) == len(BOOKMARK_PREFIX) + ID_LENGTH + 2 * DIGEST_LENGTH:
            return name
    return None


def _tracked(element: etree._Element) -> bool:
    return any(True for tag in ("ins", "del", "moveFrom", "moveTo") for _ in element.iter(_w(tag)))


def _read_row(
    number: int, name: str | None, cells: list[etree._Element], changes: Changes, remarks: dict[str, str]
) -> Row:
    texts = [_cell_paragraphs(cell, changes) for cell in cells]
    while len(texts) < 3:
        texts.append([])
    chinese, english, status = texts[0], texts[1], texts[2]
    comments = [remarks[i] for i in _comment_ids(cells) if i in remarks]
    ident = english_digest = comment_digest = None
    if name is not None:
        body = name[len(BOOKMARK_PREFIX) :]
        ident, english_digest, comment_digest = (
            body[:ID_LENGTH],
            body[ID_LENGTH : ID_LENGTH + DIGEST_LENGTH],
            body[ID_LENGTH + DIGEST_LENGTH :],
        )
    return Row(
        row=number,
        id=ident,
        source="\x00".join(chinese),
        # A plural entry shows msgid and msgid_plural as two paragraphs, and its forms one a paragraph;
        # in any other entry, a paragraph the reviewer began is a line break of the one msgstr.
        targets=tuple(english) if len(chinese) > 1 else ("\n".join(english),),
        fuzzy=bool(status) and any(word in status[0].split(_CONTEXT_MARK)[0].lower() for word in FUZZY_WORDS),
        comment="\n".join(status[1:]),
        english_digest=english_digest,
        comment_digest=comment_digest,
        remarks=tuple(comments),
    )


def _comment_ids(cells: list[etree._Element]) -> list[str]:
    seen: list[str] = []
    for cell in cells:
        for tag in ("commentRangeStart", "commentReference"):
            for mark in cell.iter(_w(tag)):
                ident = str(mark.get(_w("id")))
                if ident not in seen:
                    seen.append(ident)
    return seen


def _cell_paragraphs(cell: etree._Element, changes: Changes) -> list[str]:
    """The paragraphs of a cell as text; a paragraph mark deleted (or, rejecting, inserted) joins two."""
    paragraphs: list[str] = []
    joining = False
    for p in cell.iter(_w("p")):
        text = _paragraph_text(p, changes)
        if joining and paragraphs:
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
        mark = p.find(f"{_w('pPr')}/{_w('rPr')}")
        gone = "del" if changes is not Changes.REJECT else "ins"
        joining = mark is not None and mark.find(_w(gone)) is not None
    return paragraphs


_SKIPPED = {_w("delText"), _w("instrText"), _w("delInstrText")}


def _paragraph_text(p: etree._Element, changes: Changes) -> str:
    pieces: list[str] = []
    for node in p.iter(_w("t"), _w("delText"), _w("tab"), _w("br"), _w("cr"), _w("noBreakHyphen")):
        state = _revision(node, p)
        if changes is Changes.REJECT:
            if state == "ins":
                continue
        elif state == "del":
            continue
        tag = etree.QName(node).localname
        if tag in ("t", "delText"):
            if tag == "delText" and state != "del":
                continue
            pieces.append(node.text or "")
        elif tag == "tab":
            if node.getparent() is not None and etree.QName(node.getparent()).localname == "r":
                pieces.append("\t")
        elif tag == "br":
            if node.get(_w("type"), "textWrapping") == "textWrapping":
                pieces.append("\n")
        elif tag == "cr":
            pieces.append("\n")
        else:
            pieces.append("-")
    return "".join(pieces)


def _revision(node: etree._Element, stop: etree._Element) -> str:
    """Whether ``node`` stands in a tracked insertion ("ins"), deletion ("del") or neither ("")."""
    parent = node.getparent()
    while parent is not None and parent is not stop:
        local = etree.QName(parent).localname
        if local in ("ins", "moveTo"):
            return "ins"
        if local in ("del", "moveFrom"):
            return "del"
        parent = parent.getparent()
    return ""
