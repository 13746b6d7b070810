"""A fast PO reader: the line format as a small state machine, used by ``catalog.load``.

polib stays the reference reader (``catalog.load_with_polib``); this one exists because reading a
catalog of 100,000 entries should take a second, and polib's general reader spends several on
features a reader of our model never looks at. It handles what gettext tools write (comments,
flags, references, #| previous msgids, msgctxt, plurals, obsolete #~ entries, continuation lines,
escapes) and raises ``Unsure`` on anything else, so that polib decides: a malformed file gets the
same error (with its line) and an odd but valid one the same reading everywhere.
"""

from __future__ import annotations

import re

from aligner.model import Catalog, Entry

_ESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r", '"': '"'}
_ESCAPE = re.compile(r"\\(.)")
_PLURAL_INDEX = re.compile(r"msgstr\[(\d+)\]$")


class Unsure(Exception):
    """Something this reader does not handle: let polib decide."""


def scan(text: str, path: str) -> Catalog:
    """The catalog in ``text``; raises ``Unsure`` where polib should decide."""
    return _scan(text, path)


def _unquote(text: str, line: str) -> str:
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise Unsure(line)
    body = text[1:-1]
    if "\\" in body:
        body = _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), body)
    return body


class _Draft:
    __slots__ = (
        "comment",
        "extracted",
        "flags",
        "line",
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "obsolete",
        "plural",
        "previous",
        "references",
    )

    def __init__(self) -> None:
        self.comment: list[str] = []
        self.extracted: list[str] = []
        self.flags: list[str] = []
        self.references: list[tuple[str, int | None]] = []
        self.previous: list[str] | None = None
        self.msgctxt: list[str] | None = None
        self.msgid: list[str] | None = None
        self.msgid_plural: list[str] | None = None
        self.msgstr: list[str] | None = None
        self.plural: dict[int, list[str]] = {}
        self.obsolete = False
        self.line = 0

    @property
    def done(self) -> bool:
        return self.msgstr is not None or bool(self.plural)

    @property
    def started(self) -> bool:
        return bool(self.comment or self.extracted or self.flags or self.references or self.msgid is not None)


def _reference(token: str) -> tuple[str, int | None]:
    name, sep, number = token.rpartition(":")
    if sep and number.isdigit():
        return name, int(number)
    return token, None


def _scan(text: str, path: str) -> Catalog:
    live: list[Entry] = []
    obsolete: list[Entry] = []
    header: list[tuple[str, str]] = []
    header_comment: list[str] = []
    draft = _Draft()
    target: list[str] | None = None  # the string continuation lines add to
    seen_header = False

    def finish() -> None:
        nonlocal draft, target, seen_header
        if draft.msgid is None:
            if draft.started:
                raise Unsure("comments without an entry")
            draft, target = _Draft(), None
            return
        if not draft.done:
            raise Unsure("msgid without msgstr")
        msgid = "".join(draft.msgid)
        if msgid == "" and draft.msgctxt is None and not draft.obsolete and not seen_header:
            seen_header = True
            for row in "".join(draft.msgstr or []).split("\n"):
                key, sep, value = row.partition(":")
                if sep:
                    header.append((key.strip(), value.strip()))
            header_comment.extend(draft.comment)
        else:
            plural = tuple("".join(draft.plural[k]) for k in sorted(draft.plural))
            entry = Entry(
                msgid=msgid,
                msgstr="".join(draft.msgstr or []),
                msgctxt=None if draft.msgctxt is None else "".join(draft.msgctxt),
                msgid_plural=None if draft.msgid_plural is None else "".join(draft.msgid_plural) or None,
                msgstr_plural=plural,
                flags=tuple(draft.flags),
                references=tuple(draft.references),
                comment="\n".join(draft.comment),
                extracted="\n".join(draft.extracted),
                previous_msgid=None if draft.previous is None else "".join(draft.previous),
                obsolete=draft.obsolete,
                line=draft.line,
            )
            (obsolete if draft.obsolete else live).append(entry)
        draft, target = _Draft(), None

    if "\r" in text:
        text = text.replace("\r\n", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        # Lines as gettext writes them need no strip; only unusual ones pay for it.
        stripped = line if line[:1] in ('"', "m", "#") and line[-1:] not in (" ", "\t", "\r") else line.strip()
        if not stripped:
            if draft.msgstr is not None or draft.plural:
                finish()
            continue
        is_obsolete = False
        if stripped.startswith("#~"):
            is_obsolete = True
            stripped = stripped[2:].strip()
            if not stripped or stripped.startswith("#"):
                raise Unsure(line)
        elif stripped.startswith("#"):
            if draft.done:
                finish()
            kind = stripped[1:2]
            if kind == ",":
                draft.flags.extend(f.strip() for f in stripped[2:].split(",") if f.strip())
            elif kind == ":":
                draft.references.extend(_reference(t) for t in stripped[2:].split())
            elif kind == ".":
                draft.extracted.append(stripped[3:] if stripped[2:3] == " " else stripped[2:])
            elif kind == "|":
                rest = stripped[2:].strip()
                if rest.startswith("msgid "):
                    draft.previous = [_unquote(rest[6:].strip(), line)]
                    target = draft.previous
                elif rest.startswith('"') and target is draft.previous and draft.previous is not None:
                    draft.previous.append(_unquote(rest, line))
                elif rest.startswith(("msgctxt ", "msgid_plural ")):
                    target = None  # previous context and plural are not kept in the model
                elif rest.startswith('"') and target is None:
                    pass
                else:
                    raise Unsure(line)
            elif kind in ("", " ", "\t"):
                draft.comment.append(stripped[2:] if stripped[1:2] == " " else stripped[1:])
            else:
                raise Unsure(line)
            continue
        if stripped.startswith('"'):
            if target is None:
                raise Unsure(line)
            target.append(_unquote(stripped, line))
            continue
        keyword, _, value = stripped.partition(" ")
        value = value.strip()
        if keyword in ("msgctxt", "msgid") and draft.done:
            finish()
        if is_obsolete:
            draft.obsolete = True
        if keyword == "msgctxt":
            if draft.msgid is not None or draft.msgctxt is not None:
                raise Unsure(line)
            draft.msgctxt = target = [_unquote(value, line)]
        elif keyword == "msgid":
            if draft.msgid is not None:
                raise Unsure(line)
            draft.msgid = target = [_unquote(value, line)]
            draft.line = number
        elif keyword == "msgid_plural":
            if draft.msgid is None or draft.msgid_plural is not None or draft.done:
                raise Unsure(line)
            draft.msgid_plural = target = [_unquote(value, line)]
        elif keyword == "msgstr":
            if draft.msgid is None or draft.done or draft.msgid_plural is not None:
                raise Unsure(line)
            draft.msgstr = target = [_unquote(value, line)]
        elif keyword.startswith("msgstr["):
            index = _PLURAL_INDEX.match(keyword)
            if index is None or draft.msgid_plural is None or draft.msgstr is not None:
                raise Unsure(line)
            draft.plural[int(index.group(1))] = target = [_unquote(value, line)]
        else:
            raise Unsure(line)
    if draft.done or draft.started:
        finish()
    language = next((value for key, value in header if key == "Language"), "")
    return Catalog(
        path=path,
        entries=tuple(live + obsolete),
        header=tuple(header),
        language=language,
        header_comment="\n".join(header_comment),
    )
