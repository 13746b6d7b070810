"""TBX term bases: read TBX-Basic (ISO 30042:2019, v3) and the older TBX 2008 form; write either.

v3 is ``<tbx>`` / ``conceptEntry`` / ``langSec`` / ``termSec``; the 2008 form (ISO 30042:2008,
what translate-toolkit, Weblate and older CAT tools read) is ``<martif>`` / ``termEntry`` /
``langSet`` / ``tig``. Both carry the same data categories here: a term's part of speech and
administrative status (preferred, admitted, deprecated, superseded) as ``termNote``, its context
sentence as ``descrip type="context"``, where it was found as ``admin type="source"``, and a note
on the concept.

A term base comes from outside, so it is parsed as untrusted: no DTD is loaded, no entity is
declared or expanded (a file that declares one is refused), nothing is fetched, no huge-tree mode.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aligner import lazyre
from aligner.errors import AlignerError
from aligner.records import Record

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"
FORBIDDEN = frozenset((DEPRECATED, SUPERSEDED))
_STATUSES = {s.lower(): s for s in (PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED)}
# TBX 2008 files and tools also write the short forms.
_STATUSES.update({"preferred": PREFERRED, "admitted": ADMITTED, "deprecated": DEPRECATED, "superseded": SUPERSEDED})


class TBXError(AlignerError):
    """A TBX file that is malformed, hostile, or holds no Chinese-English terms."""


@dataclass(frozen=True, repr=False, eq=False)
class TermItem(Record):
    """One term of a concept in one language."""

    text: str
    status: str = ""  # one of the *-admn-sts values, or "" when the file says nothing
    pos: str = ""  # part of speech (noun, verb, adjective, adverb, properNoun, other)
    context: str = ""  # a sentence that uses the term
    source: str = ""  # where the term was found (path:line)

    @property
    def forbidden(self) -> bool:
        return self.status in FORBIDDEN


@dataclass(frozen=True, repr=False, eq=False)
class Concept(Record):
    """A concept entry: its Chinese and English terms and a note."""

    zh: tuple[TermItem, ...]
    en: tuple[TermItem, ...]
    note: str = ""
    line: int = 0  # line of the entry in the file it was read from (0 when made here)


def language_of(code: str) -> str:
    """``zh-CN``, ``zh_Hans``, ``ZH`` -> zh."""
    return code.replace("_", "-").split("-")[0].lower()


# --------------------------------------------------------------------------- reading


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: object) -> str:
    # As written (a context sentence keeps its ideographic space), less the indentation around it.
    return "".join(element.itertext()).strip()  # type: ignore[attr-defined]


def parse(data: bytes, *, shown: str) -> list[Concept]:
    """The concepts of a TBX file's bytes (v3 or 2008); ``shown`` names the file in errors."""
    from lxml import etree

    # A declared entity is how the billion-laughs and external-entity attacks start: a term base
    # never needs one, so the file is refused before the parser sees it.
    if b"<!ENTITY" in data or b"<!entity" in data:
        raise TBXError(
            "the TBX declares entities, which are not read", path=shown, hint="remove the DOCTYPE's entities"
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        raise TBXError(f"malformed TBX: {exc.msg}", path=shown, line=line, hint="fix the XML") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise TBXError(f"not a TBX file (root element <{_local(root.tag)}>)", path=shown, hint="give a TBX term base")
    concepts = []
    for entry in root.iter():
        if _local(entry.tag) in ("conceptEntry", "termEntry"):
            concepts.append(_concept(entry))
    return concepts


def _concept(entry: object) -> Concept:
    sides: dict[str, list[TermItem]] = {"zh": [], "en": []}
    note = ""
    for child in entry:  # type: ignore[attr-defined]
        name = _local(child.tag)
        if name in ("langSec", "langSet"):
            language = language_of(child.get(_XML_LANG) or child.get("lang") or "")
            if language in sides:
                sides[language].extend(_terms(child))
        elif name in ("note", "descrip") and not note:
            note = _text(child)
        elif name == "descripGrp" and not note:
            found = [c for c in child if _local(c.tag) == "descrip"]
            note = _text(found[0]) if found else ""
    return Concept(tuple(sides["zh"]), tuple(sides["en"]), note, entry.sourceline or 0)  # type: ignore[attr-defined]


def _terms(language: object) -> Iterable[TermItem]:
    for child in language:  # type: ignore[attr-defined]
        if _local(child.tag) in ("termSec", "tig", "ntig"):
            item = _term(child)
            if item is not None:
                yield item


def _term(section: object) -> TermItem | None:
    text = status = pos = context = source = ""
    for element in section.iter():  # type: ignore[attr-defined]
        name, kind = _local(element.tag), (element.get("type") or "")
        if name == "term" and not text:
            text = _text(element)
        elif name == "termNote" and kind == "administrativeStatus":
            status = _STATUSES.get(_text(element).lower(), _text(element))
        elif name == "termNote" and kind == "partOfSpeech":
            pos = _text(element)
        elif name == "descrip" and kind == "context":
            context = _text(element)
        elif name == "admin" and kind == "source":
            source = _text(element)
    return TermItem(text, status, pos, context, source) if text else None


# --------------------------------------------------------------------------- writing


def write(concepts: Sequence[Concept], *, version: str = "v3", title: str = "aligner terms") -> str:
    """A TBX document of ``concepts``: ``v3`` (TBX-Basic, ISO 30042:2019) or ``2008`` (martif)."""
    from lxml import etree

    if version not in ("v3", "2008"):
        raise ValueError(f"unknown TBX version {version!r}")
    v3 = version == "v3"

    def make(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
        element = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}" if v3 else name, attrib=attributes)
        if text is not None:
            element.text = _clean(text)
        return element

    if v3:
        root = etree.Element(
            f"{{{NAMESPACE}}}tbx", nsmap={None: NAMESPACE}, attrib={"type": "TBX-Basic", "style": "dca"}
        )
    else:
        root = etree.Element("martif", attrib={"type": "TBX"})
    root.set(_XML_LANG, "en")
    header = make(root, "tbxHeader" if v3 else "martifHeader")
    description = make(make(header, "fileDesc"), "sourceDesc")
    make(description, "p", title)
    body = make(make(root, "text"), "body")
    for number, concept in enumerate(concepts, start=1):
        entry = make(body, "conceptEntry" if v3 else "termEntry", id=f"c{number}")
        if concept.note:
            make(entry, "note", concept.note)
        for language, items in (("zh", concept.zh), ("en", concept.en)):
            if not items:
                continue
            side = make(entry, "langSec" if v3 else "langSet")
            side.set(_XML_LANG, language)
            for item in items:
                section = make(side, "termSec" if v3 else "tig")
                make(section, "term", item.text)
                if item.pos:
                    make(section, "termNote", item.pos, type="partOfSpeech")
                if item.status:
                    make(section, "termNote", item.status, type="administrativeStatus")
                if item.context:
                    make(section, "descrip", item.context, type="context")
                if item.source:
                    make(section, "admin", item.source, type="source")
    etree.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"


_INVALID_XML = lazyre.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    # Characters XML 1.0 forbids never reach a file (lxml refuses them).
    return _INVALID_XML.sub("", text)
