"""Units of the memory read from the files people keep in git: catalogs (PO) and TMX 1.4.

A unit is one Chinese-English pair with its origin (file, line, document, kind, date). Catalogs give
their translated entries (fuzzy ones only when asked); a TMX gives every unit holding a Chinese and
a target-language variant. Malformed files raise ``MemoryFileError`` naming the file and line.
"""

from __future__ import annotations

import unicodedata
import xml.parsers.expat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aligner import catalog, paths
from aligner.errors import AlignerError, CatalogError
from aligner.model import Catalog
from aligner.records import Record


class MemoryFileError(AlignerError):
    """A file of the memory (TMX, PO) cannot be read."""


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Unit(Record):
    zh: str
    en: str
    lang: str  # the target language (gettext form: en, fr, pt_BR)
    path: str  # the file it comes from, as shown to the user
    line: int
    doc: str  # document id: a catalog's file stem, a TMX's x-document or file stem
    kind: str = ""  # segment kind (body, heading, ...) when known
    date: str = ""  # ISO date of the translation when known (PO-Revision-Date, TMX changedate)
    fuzzy: bool = False


def normalize(text: str) -> str:
    """The Chinese as the memory compares it: full/half-width folded (NFKC), white space dropped."""
    folded = text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)
    return "".join(folded.split())


@cache
def language_of(code: str) -> str:
    """``en-GB`` / ``en_GB`` / ``EN`` as the base code ``en`` (what units are matched on)."""
    return code.replace("-", "_").split("_")[0].split(".")[0].split("@")[0].lower()


def _kind(extracted: str) -> str:
    head = extracted.split(",", 1)[0].strip()
    return head if head.isalpha() and head.islower() else ""


def _iso(stamp: str) -> str:
    return stamp[:10] if len(stamp) >= 10 and stamp[4] == "-" else ""


def from_catalog(model: Catalog, shown: str, *, include_fuzzy: bool = False) -> list[Unit]:
    """The translated entries of a catalog (and fuzzy ones when ``include_fuzzy``) as units.

    Entries joined with the mark (↑) are left out, with the entry before them: their English
    belongs to two Chinese segments at once.
    """
    lang = language_of(model.language or "en")
    date = _iso(model.header_value("PO-Revision-Date"))
    doc = Path(model.path).stem
    live = [e for e in model.entries if not e.obsolete]
    units: list[Unit] = []
    for index, entry in enumerate(live):
        if entry.msgid_plural is not None or not entry.msgid or not entry.msgstr.strip() or entry.joined:
            continue
        if index + 1 < len(live) and live[index + 1].joined:
            continue
        if entry.fuzzy and not include_fuzzy:
            continue
        units.append(
            Unit(entry.msgid, entry.msgstr, lang, shown, entry.line, doc, _kind(entry.extracted), date, entry.fuzzy)
        )
    return units


def read_po(path: Path, shown: str, *, include_fuzzy: bool = False) -> list[Unit]:
    try:
        model = catalog.load(path)
    except CatalogError as exc:
        raise MemoryFileError(
            exc.message, path=shown, line=exc.line, hint=exc.hint or "fix or remove the file"
        ) from None
    return from_catalog(model, shown, include_fuzzy=include_fuzzy)


def read_tmx(path: Path, shown: str) -> list[Unit]:
    """The units of a TMX 1.4 file: each ``<tu>`` with a zh variant and another language's variant."""
    try:
        # Through the one reader: a regular file within the size limit, noted as an input.
        data = paths.read_bytes(path, what="TMX", shown=shown)
    except AlignerError as exc:
        raise MemoryFileError(exc.message, path=shown, hint=exc.hint) from None
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    units: list[Unit] = []
    state: dict[str, object] = {"doc": path.stem}
    tu: dict[str, object] | None = None
    lang: str | None = None
    seg: list[str] | None = None
    prop: list[str] | None = None

    def entity(*_args: object) -> None:
        raise MemoryFileError("TMX declares entities, which are not read", path=shown, line=parser.CurrentLineNumber)

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal tu, lang, seg, prop
        if name == "tu":
            tu = {"line": parser.CurrentLineNumber, "date": attrs.get("changedate") or attrs.get("creationdate", "")}
        elif name == "tuv" and tu is not None:
            lang = attrs.get("xml:lang") or attrs.get("lang") or ""
        elif name == "seg" and lang is not None:
            seg = []
        elif name == "prop" and attrs.get("type") in ("x-document", "x-kind"):
            state["prop"] = attrs["type"]
            prop = []

    def end(name: str) -> None:
        nonlocal tu, lang, seg, prop
        if name == "seg" and seg is not None and tu is not None and lang is not None:
            tu.setdefault("tuv", []).append((lang, "".join(seg)))  # type: ignore[union-attr]
            seg = None
        elif name == "tuv":
            lang = None
        elif name == "prop" and prop is not None:
            value = "".join(prop).strip()
            if state["prop"] == "x-kind" and tu is not None:
                tu["kind"] = value
            elif value:
                state["doc"] = value
            prop = None
        elif name == "tu" and tu is not None:
            variants: list[tuple[str, str]] = tu.get("tuv", [])  # type: ignore[assignment]
            zh = [text for code, text in variants if language_of(code) == "zh"]
            for code, text in variants:
                if language_of(code) != "zh" and zh and zh[0].strip() and text.strip():
                    stamp = str(tu["date"])
                    date = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}" if len(stamp) >= 8 and stamp[:8].isdigit() else ""
                    units.append(
                        Unit(
                            zh[0],
                            text,
                            language_of(code),
                            shown,
                            int(tu["line"]),
                            str(state["doc"]),
                            str(tu.get("kind", "")),
                            date,
                        )  # type: ignore[arg-type]
                    )
            tu = None

    def chars(text: str) -> None:
        if seg is not None:
            seg.append(text)
        elif prop is not None:
            prop.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.EntityDeclHandler = entity
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise MemoryFileError(
            f"malformed TMX: {xml.parsers.expat.errors.messages[exc.code]}",
            path=shown,
            line=exc.lineno,
            hint="fix or remove the file",
        ) from None
    return units


def read_file(path: Path, shown: str, *, include_fuzzy: bool = False) -> list[Unit]:
    if path.suffix.lower() == ".tmx":
        return read_tmx(path, shown)
    return read_po(path, shown, include_fuzzy=include_fuzzy)
