"""The PO reader: the line format as a small state machine, strict where ``msgfmt -c`` is strict.

Every command reads catalogs through ``read`` (``catalog.load``), so a file has one reading and one
verdict everywhere, and the verdict is GNU msgfmt's: what ``msgfmt -c`` refuses is refused here
with one ``CatalogError`` naming the file and line (an unescaped quote, an unknown escape such as
``\\q``, a msgid without msgstr, a plural index gap, a duplicate msgid, live or obsolete, no
header, a UTF-8 byte order mark, msgid and msgstr that do not both begin and end with ``\\n``,
plural forms that do not match ``Plural-Forms``); what it accepts is read. Lines are split on
``\\n`` alone: U+2028, NEL or a form feed inside a string is text, not a line end.

The common case stays fast (a catalog of 100,000 entries in about a second): lines as gettext
tools write them take a regular-expression path; only unusual ones are looked at closely.
"""

from __future__ import annotations

import codecs
import gc
import re

from aligner import lazyre, plurals, poformats
from aligner.errors import CatalogError
from aligner.model import Catalog, Entry

_HINT = "fix the PO syntax (msgfmt -c refuses it too)"
_SIMPLE = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
_ESCAPE = lazyre.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))")
_PLAIN_STRING = lazyre.compile(r'"([^"\\]*)"[ \t\r\f\v]*')
_STRING = lazyre.compile(r'"((?:[^"\\]|\\.)*)"')
_ONE_STRING = lazyre.compile(r'"((?:[^"\\]|\\.)*)"[ \t\r\f\v]*')
_KEYWORD = lazyre.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])?(?=[ \t\r\f\v\"]|$)")
_WHITE = " \t\r\f\v"
_COMMENT_KINDS = (".", ":", ",", " ", "")
ISOLATE_START, ISOLATE_END = "\u2068", "\u2069"  # how GNU gettext writes file names with spaces
_CHARSET = lazyre.compile(rb"charset=([A-Za-z0-9._:+-]+)")


def read(data: bytes, path: str) -> Catalog:
    """The catalog in ``data`` (a file's bytes), or ``CatalogError`` where msgfmt -c would refuse it."""
    if data.startswith(codecs.BOM_UTF8):
        raise CatalogError(
            "starts with a UTF-8 byte order mark, which msgfmt refuses",
            path=path,
            line=1,
            hint="save the catalog as UTF-8 without BOM",
        )
    if data[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"):
        raise CatalogError(
            "binary file (a compiled .mo), not a PO catalog", path=path, hint="give the .po it was built from"
        )
    return scan(_decode(data, path), path)


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(data)
        charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
        if charset not in ("utf-8", "utf8", "charset"):
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass
        if declared is None:
            # No charset in the header: msgfmt converts nothing (it only warns), so no byte is fatal.
            return data.decode("utf-8", errors="replace")
        if charset in ("utf-8", "utf8", "charset"):
            text = _decode_comments_leniently(data)
            if text is not None:
                return text
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(
            f"invalid multibyte sequence at byte {exc.start} (not valid {charset.upper()})",
            path=path,
            line=line,
            hint="save the catalog as UTF-8",
        ) from None


def _decode_comments_leniently(data: bytes) -> str | None:
    """The text when every undecodable byte sits where msgfmt does not decode, else None.

    msgfmt converts strings (``#|`` and ``#~`` ones included) only once it has read the header's
    charset, so the header entry's own bytes are not checked; of other comments (``#``, ``#.``,
    ``#:``, ``#,``) it decodes only the character after ``#``. A stray byte there does not make the
    catalog malformed; it reads as U+FFFD.
    """
    lines = data.split(b"\n")
    out: list[str] = []
    header = _header_lines(lines)
    for number, raw in enumerate(lines):
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            head = raw.lstrip(b" \t")
            comment = head.startswith(b"#") and head[1:2] not in (b"|", b"~") and head[1:2] < b"\x80"
            if not comment and number not in header:
                return None
            out.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(out)


def _header_lines(lines: list[bytes]) -> range:
    """The line numbers (0-based) of the header entry's keywords and strings, when it comes first."""
    for number, raw in enumerate(lines):
        head = raw.strip(b" \t\r\f\v")
        if not head or head.startswith(b"#"):
            continue
        if not re.match(rb'msgid[ \t\r\f\v]*""[ \t\r\f\v]*$', head):
            return range(0)
        stop = number + 1
        while stop < len(lines):
            line = lines[stop].strip(b" \t\r\f\v")
            if not line or line.startswith(b"#") or line.startswith((b"msgid", b"msgctxt")):
                break
            stop += 1
        return range(number, stop)
    return range(0)


def _fail(path: str, line: int, message: str, hint: str = _HINT) -> CatalogError:
    return CatalogError(f"malformed catalog: {message}", path=path, line=line, hint=hint)


def _unescape(body: str, path: str, line: int) -> str:
    if "\\" not in body:
        return body
    if re.search(r"\\(?:[0-7]|x)", body) is None:

        def simple(match: re.Match[str]) -> str:
            if match.group(1) is None:
                raise _fail(path, line, f"invalid control sequence {match.group(0)!r}", "write a backslash as \\\\")
            return _SIMPLE[match.group(1)]

        return _ESCAPE.sub(simple, body)
    # Octal and hex escapes are bytes (\303\251 is é in UTF-8).
    out = bytearray()
    position = 0
    for match in _ESCAPE.finditer(body):
        out += body[position : match.start()].encode("utf-8")
        position = match.end()
        if match.group(1) is not None:
            out += _SIMPLE[match.group(1)].encode("utf-8")
        elif match.group(2) is not None:
            out.append(int(match.group(2), 8) & 0xFF)
        elif match.group(3) is not None:
            out.append(int(match.group(3), 16) & 0xFF)
        else:
            raise _fail(path, line, f"invalid control sequence {match.group(0)!r}", "write a backslash as \\\\")
    out += body[position:].encode("utf-8")
    return out.decode("utf-8", errors="replace")


def _strings(rest: str, path: str, line: int) -> tuple[list[str], str | None]:
    """The quoted strings on the rest of a line, unescaped, and what follows them there (a ``#``
    comment or a keyword: msgfmt reads tokens, so either may start anywhere outside a string)."""
    if rest[-1:] == '"' and rest[:1] == '"' and "\\" not in rest and rest.count('"') == 2:
        return [rest[1:-1]], None  # the common case, in C-speed string methods
    plain = None if "\\" in rest else _PLAIN_STRING.fullmatch(rest)
    if plain is not None:
        return [plain.group(1)], None
    one = _ONE_STRING.fullmatch(rest)
    if one is not None:
        return [_unescape(one.group(1), path, line)], None
    found: list[str] = []
    position = 0
    while True:
        while position < len(rest) and rest[position] in _WHITE:
            position += 1
        if position == len(rest):
            return found, None
        if rest[position] == "#" or (rest[position] == "m" and _KEYWORD.match(rest, position)):
            return found, rest[position:]  # msgfmt reads tokens, not lines: a comment or keyword may follow
        if rest[position] != '"':
            raise _fail(path, line, f"unexpected {rest[position:][:20]!r} after a string (an unescaped quote?)")
        match = _STRING.match(rest, position)
        if match is None:
            raise _fail(path, line, "end of line within a string (an unclosed or unescaped quote)")
        found.append(_unescape(match.group(1), path, line))
        position = match.end()


def references(text: str) -> list[tuple[str, int | None]]:
    """The ``#:`` references of one comment line; names with spaces come between U+2068 and U+2069."""
    found: list[tuple[str, int | None]] = []
    if ISOLATE_START not in text:
        for token in text.split():
            name, sep, digits = token.rpartition(":")
            found.append((name, int(digits)) if sep and digits.isdigit() else (token, None))
        return found
    position = 0
    while position < len(text):
        if text[position] in " \t":
            position += 1
            continue
        if text[position] == ISOLATE_START:
            end = text.find(ISOLATE_END, position + 1)
            if end < 0:
                end = len(text)
            name = text[position + 1 : end]
            position = end + 1
            number: int | None = None
            if text[position : position + 1] == ":":
                stop = position + 1
                while stop < len(text) and text[stop].isdigit():
                    stop += 1
                if stop > position + 1:
                    number = int(text[position + 1 : stop])
                    position = stop
            found.append((name, number))
            continue
        stop = position
        while stop < len(text) and text[stop] not in " \t":
            stop += 1
        token = text[position:stop]
        position = stop
        name, sep, digits = token.rpartition(":")
        found.append((name, int(digits)) if sep and digits.isdigit() else (token, None))
    return found


class _Draft:
    __slots__ = (
        "comment",
        "end",
        "extracted",
        "flags",
        "line",
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "obsolete",
        "plural",
        "plural_lines",
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
        self.plural_lines: dict[int, int] = {}
        self.obsolete: bool | None = None
        self.line = 0
        self.end = 0  # the entry's last line: where msgfmt -c reports its findings

    @property
    def done(self) -> bool:
        return self.msgstr is not None or bool(self.plural)

    @property
    def started(self) -> bool:
        return self.msgctxt is not None or self.msgid is not None


def scan(text: str, path: str) -> Catalog:
    """The catalog in decoded ``text``; ``CatalogError`` (file and line) where msgfmt -c refuses it."""
    # The reader makes millions of small objects and no cycles: the cyclic GC would rescan them
    # again and again (a 100,000-entry catalog took twice as long with it on).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _scan(text, path)
    finally:
        if enabled:
            gc.enable()


def _scan(text: str, path: str) -> Catalog:
    entries: list[tuple[Entry, int]] = []  # with the line of the msgid
    header_entry: Entry | None = None
    draft = _Draft()
    target: list[str] | None = None  # the string that continuation lines extend
    target_obsolete = False
    seen: dict[tuple[str | None, str], int] = {}
    ends: dict[int, tuple[int, int]] = {}

    def finish() -> None:
        nonlocal draft, target, header_entry
        if draft.msgid is None:
            if draft.msgctxt is not None:
                raise _fail(path, draft.line, "msgctxt without msgid")
            draft, target = _Draft(), None
            return
        if not draft.done:
            raise _fail(path, draft.line, "msgid without msgstr", 'add its msgstr line (msgstr "")')
        plural = tuple("".join(draft.plural[k]) for k in sorted(draft.plural))
        entry = Entry(
            msgid="".join(draft.msgid),
            msgstr="".join(draft.msgstr or []),
            msgctxt=None if draft.msgctxt is None else "".join(draft.msgctxt),
            msgid_plural=None if draft.msgid_plural is None else "".join(draft.msgid_plural) or None,
            msgstr_plural=plural,
            flags=tuple(draft.flags),
            references=tuple(draft.references),
            comment="\n".join(draft.comment),
            extracted="\n".join(draft.extracted),
            previous_msgid=None if draft.previous is None else "".join(draft.previous),
            obsolete=bool(draft.obsolete),
            line=draft.line,
        )
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise _fail(
                path,
                entry.line,
                f"duplicate message definition (first at line {seen[key]}); msgfmt refuses duplicates",
                "merge the two entries into one (keep both translations' wording in one msgstr)",
            )
        seen[key] = entry.line
        ends[entry.line] = (draft.end, draft.plural_lines.get(0, draft.end))
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete and header_entry is None:
            header_entry = entry
        else:
            entries.append((entry, entry.line))
        draft, target = _Draft(), None

    def keyword_line(body: str, number: int, obsolete: bool) -> None:
        nonlocal target, target_obsolete
        match = _KEYWORD.match(body)
        if match is None:
            word = body.split(None, 1)[0] if body.split() else body
            raise _fail(path, number, f"keyword {word[:30]!r} unknown (a line outside any string?)")
        keyword, index = match.group(1), match.group(2)
        values, trailing = _strings(body[match.end() :].lstrip(_WHITE), path, number)
        if keyword in ("msgctxt", "msgid") and draft.done:
            finish()
        if draft.obsolete is not None and draft.obsolete != obsolete and (draft.started or draft.done):
            raise _fail(path, number, "inconsistent use of #~ (part of an entry obsolete, part not)")
        draft.obsolete = obsolete
        if keyword == "msgctxt" and index is None:
            if draft.msgid is not None:
                raise _fail(path, draft.line, "msgid without msgstr", 'add its msgstr line (msgstr "")')
            if draft.msgctxt is not None:
                raise _fail(path, number, "two msgctxt in one entry")
            draft.msgctxt = values
            draft.line = number
        elif keyword == "msgid" and index is None:
            if draft.msgid is not None:
                raise _fail(path, draft.line, "msgid without msgstr", 'add its msgstr line (msgstr "")')
            draft.msgid = values
            draft.line = number
        elif keyword == "msgid_plural" and index is None:
            if draft.msgid is None or draft.msgid_plural is not None or draft.done:
                raise _fail(path, number, "msgid_plural out of place")
            draft.msgid_plural = values
        elif keyword == "msgstr" and index is None:
            if draft.msgid is None or draft.done:
                raise _fail(path, number, "msgstr without its msgid")
            if draft.msgid_plural is not None:
                raise _fail(path, number, "msgstr after msgid_plural (plural entries take msgstr[0], msgstr[1] ...)")
            draft.msgstr = values
        elif keyword == "msgstr":
            if draft.msgid is None:
                raise _fail(path, number, "msgstr[] without its msgid")
            if draft.msgid_plural is None:
                raise _fail(path, draft.line, "msgstr[] without msgid_plural")
            if draft.msgstr is not None:
                raise _fail(path, number, "msgstr[] after msgstr")
            position = int(index)
            expected = len(draft.plural)
            if position != expected:
                what = "first plural form has nonzero index" if expected == 0 else "plural form has wrong index"
                raise _fail(path, number, f"{what} (msgstr[{position}], expected msgstr[{expected}])")
            draft.plural[position] = values
            draft.plural_lines[position] = number
        else:
            raise _fail(path, number, f"keyword {body[: match.end()]!r} unknown")
        target = values
        target_obsolete = obsolete
        draft.end = number
        if trailing is not None:
            after_string(trailing, number)

    def continuation(body: str, number: int) -> None:
        values, trailing = _strings(body, path, number)
        assert target is not None
        target.extend(values)
        draft.end = number
        if trailing is not None:
            after_string(trailing, number)

    def after_string(rest: str, number: int) -> None:
        # What follows a string on its line: a #~ marker (the rest is obsolete), #| or a comment.
        if not rest.startswith("#"):
            line_event(rest, number)  # a keyword on the same line as the string before it
        elif rest.startswith("#~"):
            rest = rest[2:].strip(_WHITE)
            if rest:
                line_event(rest if rest[0] != "|" else "#~" + rest, number, obsolete=True)
        elif rest.startswith("#|"):
            no_empty_field(number)
            previous_line(rest[2:].strip(_WHITE), number)
        else:
            no_empty_field(number)
            comment_line(rest, number)

    def previous_line(body: str, number: int) -> None:
        nonlocal target
        if draft.started and not draft.done:
            raise _fail(path, number, "a #| line inside an entry (between msgid and msgstr)")
        if draft.done:
            finish()
        match = _KEYWORD.match(body)
        if match is not None and match.group(1) in ("msgctxt", "msgid", "msgid_plural") and match.group(2) is None:
            values, _ = _strings(body[match.end() :], path, number)
            if match.group(1) == "msgid":
                draft.previous = values
            target = values  # previous context and plural are read, not kept in the model
        elif body.startswith('"') and target is not None:
            target.extend(_strings(body, path, number)[0])
        else:
            raise _fail(path, number, f"unexpected {body[:30]!r} in a #| line")

    def comment_line(stripped: str, number: int) -> None:
        nonlocal target
        kind = stripped[1:2]
        if draft.started and not draft.done:
            raise _fail(path, number, "a comment inside an entry (between msgid and msgstr)")
        if draft.done:
            finish()
        target = None
        if kind == ",":
            draft.flags.extend(f.strip(_WHITE) for f in stripped[2:].split(",") if f.strip(_WHITE))
        elif kind == ":":
            draft.references.extend(references(stripped[2:]))
        elif kind == ".":
            draft.extracted.append(stripped[3:] if stripped[2:3] == " " else stripped[2:])
        else:
            draft.comment.append(stripped[2:] if kind == " " else stripped[1:])

    def no_empty_field(number: int) -> None:
        # A keyword may have its strings on the lines after it, but it must have one.
        if target is not None and not target:
            raise _fail(path, number, "a keyword without its quoted string")

    def line_event(stripped: str, number: int, obsolete: bool = False) -> None:
        if obsolete and not stripped.startswith("#"):
            stripped = "#~ " + stripped
        if stripped[0] == '"':
            if target is None or target_obsolete:
                raise _fail(path, number, "a string outside any entry (an unescaped quote on the line before?)")
            continuation(stripped, number)
            return
        if stripped.startswith("#~"):
            rest = stripped[2:]
            if rest.startswith("|"):
                no_empty_field(number)
                previous_line(rest[1:].strip(_WHITE), number)
                return
            rest = rest.strip(_WHITE)
            if not rest:
                return
            if rest[0] == '"':
                if target is None or not target_obsolete:
                    raise _fail(path, number, "a string outside any entry")
                continuation(rest, number)
                return
            if rest[0] == "#":  # "#~ # note": a comment, as msgfmt reads it
                no_empty_field(number)
                comment_line(rest, number)
                return
            no_empty_field(number)
            keyword_line(rest, number, True)
            return
        no_empty_field(number)
        if stripped.startswith("#|"):
            previous_line(stripped[2:].strip(_WHITE), number)
        elif stripped[0] == "#":
            comment_line(stripped, number)
        else:
            keyword_line(stripped, number, False)

    if "\r" in text:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if "\\\n" in text:
        lines = _join_continued(lines)
    for number, line in enumerate(lines, start=1):
        first = line[:1]
        stripped = line if first in ('"', "m", "#") and line[-1:] not in _WHITE else line.strip(_WHITE)
        if not stripped:
            continue
        # The lines gettext tools write, dispatched inline; anything else goes through line_event.
        first = stripped[0]
        if first == '"':
            if target is not None and not target_obsolete:
                if stripped[-1] == '"' and "\\" not in stripped and stripped.count('"') == 2:
                    target.append(stripped[1:-1])
                    draft.end = number
                else:
                    continuation(stripped, number)
                continue
        elif target is None or target:
            if first == "#" and stripped[1:2] in _COMMENT_KINDS:
                comment_line(stripped, number)
                continue
            if first == "m":
                keyword_line(stripped, number, False)
                continue
        line_event(stripped, number)
    no_empty_field(len(lines))
    finish()
    return _catalog(path, header_entry, [e for e, _ in entries], ends)


def _join_continued(lines: list[str]) -> list[str]:
    """msgfmt drops a backslash-newline anywhere before reading tokens; the joined line keeps its
    number (the lines it swallowed become empty, so later numbers stay right)."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        swallowed = 0
        while line.endswith("\\") and index + swallowed + 1 < len(lines):
            swallowed += 1
            line = line[:-1] + lines[index + swallowed]
        result.append(line)
        result.extend([""] * swallowed)
        index += swallowed + 1
    return result


def _catalog(path: str, header_entry: Entry | None, entries: list[Entry], ends: dict[int, tuple[int, int]]) -> Catalog:
    if header_entry is None or header_entry.msgstr == "":
        line = header_entry.line if header_entry is not None else 1
        raise CatalogError(
            'no PO header (an entry msgid "" with Content-Type and the other fields), which msgfmt -c requires',
            path=path,
            line=line,
            hint='add a header: msgid "" / msgstr "Content-Type: text/plain; charset=UTF-8\\n"',
        )
    header: list[tuple[str, str]] = []
    for row in header_entry.msgstr.split("\n"):
        key, sep, value = row.partition(":")
        if sep:
            header.append((key.strip(), value.strip()))
    fields = dict(header)
    _plural_forms(path, header_entry.line + 1, fields.get("Plural-Forms", ""))
    for entry in entries:
        if not entry.obsolete:
            _check(path, fields, entry, *ends.get(entry.line, (entry.line, entry.line)))
    live = [e for e in entries if not e.obsolete]
    obsolete = [e for e in entries if e.obsolete]
    return Catalog(
        path=path,
        entries=tuple(live + obsolete),
        header=tuple(header),
        language=fields.get("Language", ""),
        header_comment=header_entry.comment,
    )


_NPLURALS = lazyre.compile(r"nplurals\s*=\s*([0-9]+)")


def _plural_forms(path: str, line: int, rule: str) -> None:
    problem = plurals.problem(rule)
    if problem is not None:
        raise _fail(path, line, problem, "fix Plural-Forms, e.g. nplurals=2; plural=(n != 1);")


def _check(path: str, header: dict[str, str], entry: Entry, end: int, forms_line: int) -> None:
    """msgfmt -c's checks of a translated entry: newlines at both ends, plural forms."""
    if "fuzzy" in entry.flags and entry.msgid != "":
        return
    forms = (entry.msgstr,) if entry.msgid_plural is None else entry.msgstr_plural
    if not any(forms):
        return
    if entry.msgid_plural is not None:
        _newlines(path, end, entry.msgid, entry.msgid_plural, "msgid_plural")
        rule = header.get("Plural-Forms", "")
        count = _NPLURALS.search(rule)
        if count is None or "plural=" not in rule.replace(" ", ""):
            raise _fail(
                path,
                end,
                "plural forms, but the header lacks Plural-Forms: nplurals=N; plural=EXPRESSION;",
                "add Plural-Forms to the header",
            )
        if int(count.group(1)) != len(forms):
            raise _fail(
                path,
                forms_line,
                f"nplurals = {count.group(1)} in the header, but this entry has {len(forms)} plural forms",
                "give one msgstr[N] per plural form",
            )
    for form in forms:
        if form:
            _newlines(path, end, entry.msgid, form, "msgstr")
    if entry.msgid_plural is None and any(flag.endswith("-format") for flag in entry.flags):
        problem = poformats.problem(entry.flags, entry.msgid, entry.msgstr)
        if problem is not None:
            raise _fail(path, end, problem, "give the msgstr the msgid's placeholders")


def _newlines(path: str, end: int, msgid: str, other: str, name: str) -> None:
    if msgid.startswith("\n") != other.startswith("\n"):
        raise _fail(path, end, f"'msgid' and '{name}' entries do not both begin with '\\n'", "make them agree")
    if msgid.endswith("\n") != other.endswith("\n"):
        raise _fail(path, end, f"'msgid' and '{name}' entries do not both end with '\\n'", "make them agree")
