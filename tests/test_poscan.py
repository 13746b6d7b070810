"""The fast PO reader reads every catalog as polib does (catalog.load uses it, polib decides the rest)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

import checks_seed
from aligner import catalog
from aligner.errors import AlignerError, CatalogError
from conftest import ROOT, SEED_PO, require_tool

UNUSUAL = """# Translator comment
# second line
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: seed\\n"
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

# 译者注：数字需核对
#. body, paragraph 20 sentence 11
#: seeds/000_9e415571a82dd196.txt:30 seeds/other.txt
#, fuzzy, c-format
#| msgid "整合两地总价值约112亿元的大型仪器设备"
msgid ""
"整合两地总价值约112亿元的大型仪器设备14090台/套,"
"交换共享第一批8000余名专家信息。"
msgstr ""
"pooling 14,090 units worth about 11.2 billion yuan\\n"
"and \\"more than\\" 8,000 experts\\t(first batch)\\\\"

msgctxt "heading"
msgid "(一)建立川渝科技创新合作机制,共同向上争取国家支持。"
msgstr "(1) Setting up a Sichuan-Chongqing cooperation mechanism."

msgid "%d 家企业"
msgid_plural "%d 家企业"
msgstr[0] "%d enterprise"
msgstr[1] "%d enterprises"

msgid "两江新区携手天府新区打造内陆开放门户。"
msgstr "↑"

#~ msgid "三是共同开展关键核心技术攻关。"
#~ msgstr ""
#~ "Third, tackling key core technologies together."
"""


def same(path: Path) -> None:
    fast, slow = catalog.load(path), catalog.load_with_polib(path)
    assert fast.entries == slow.entries
    assert (fast.language, fast.header, fast.path) == (slow.language, slow.header, slow.path)


def test_unusual_but_valid_catalog(tmp_path: Path) -> None:
    path = tmp_path / "unusual.po"
    path.write_text(UNUSUAL, encoding="utf-8")
    same(path)
    entries = catalog.load(path).entries
    assert entries[0].msgstr.endswith('"more than" 8,000 experts\t(first batch)\\')
    assert entries[-1].obsolete
    assert entries[-1].line == UNUSUAL.splitlines().index('#~ msgid "三是共同开展关键核心技术攻关。"') + 1


def test_crlf_catalog(tmp_path: Path) -> None:
    path = tmp_path / "crlf.po"
    path.write_bytes(UNUSUAL.replace("\n", "\r\n").encode("utf-8"))
    same(path)


def test_seed_catalogs(tmp_path: Path) -> None:
    same(checks_seed.write(tmp_path / "seed.po", fuzzy=frozenset({checks_seed.PAIRS[3][0]})))
    for path in (SEED_PO, ROOT / "translations" / "000_9e415571a82dd196.pot"):
        if path.is_file():
            same(path)


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)
PLURAL = 'msgid "a"\nmsgid_plural "as"\n'


def _rule(rule: str) -> str:
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {rule}\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )


# (name, file text): malformed and odd-but-valid catalogs; msgfmt -c decides which is which.
TABLE = [
    ("valid", HEADER + 'msgid "a"\nmsgstr "b"\n'),
    ("unescaped quote", HEADER + 'msgid "a"\nmsgstr "b"c"\n'),
    ("unknown escape \\q", HEADER + 'msgid "a"\nmsgstr "b\\q"\n'),
    ("escape \\? (not in gettext)", HEADER + 'msgid "a"\nmsgstr "b\\?"\n'),
    ("unknown escape in an obsolete entry", HEADER + '#~ msgid "a"\n#~ msgstr "b\\q"\n'),
    ("unknown escape in a fuzzy entry", HEADER + '#, fuzzy\nmsgid "a"\nmsgstr "b\\q"\n'),
    ("octal, hex and C escapes", HEADER + 'msgid "a\\303\\251"\nmsgstr "\\x41\\101\\a\\v\\f\\b\\t\\"\\\\"\n'),
    ("msgid without msgstr", HEADER + 'msgid "a"\n'),
    ("msgid without msgstr, then another entry", HEADER + 'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n'),
    ("plural index gap", HEADER + PLURAL + 'msgstr[0] "b"\nmsgstr[2] "c"\n'),
    ("plural forms from 1", HEADER + PLURAL + 'msgstr[1] "b"\n'),
    ("one plural form for nplurals=2", HEADER + PLURAL + 'msgstr[0] "b"\n'),
    ("three plural forms for nplurals=2", HEADER + PLURAL + 'msgstr[0] "b"\nmsgstr[1] "c"\nmsgstr[2] "d"\n'),
    ("plural forms, fuzzy, one form", HEADER + "#, fuzzy\n" + PLURAL + 'msgstr[0] "b"\n'),
    ("plural forms, untranslated, one form", HEADER + PLURAL + 'msgstr[0] ""\n'),
    ("plural forms as expected", HEADER + PLURAL + 'msgstr[0] "b"\nmsgstr[1] "c"\n'),
    ("plain msgstr after msgid_plural", HEADER + PLURAL + 'msgstr "b"\n'),
    ("msgstr[0] without msgid_plural", HEADER + 'msgid "a"\nmsgstr[0] "b"\n'),
    (
        "plural forms without Plural-Forms",
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + PLURAL + 'msgstr[0] "b"\nmsgstr[1] "c"\n',
    ),
    ("duplicate msgid", HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'),
    ("live and obsolete with one msgid", HEADER + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n'),
    ("two obsolete with one msgid", HEADER + '#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n'),
    ("one msgid in two contexts", HEADER + 'msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'),
    ("a second header", HEADER + 'msgid ""\nmsgstr "x"\n'),
    ("msgid ends with \\n, msgstr not", HEADER + 'msgid "a\\n"\nmsgstr "b"\n'),
    ("msgid begins with \\n, msgstr not", HEADER + 'msgid "\\na"\nmsgstr "b"\n'),
    ("\\n mismatch in a fuzzy entry", HEADER + '#, fuzzy\nmsgid "a\\n"\nmsgstr "b"\n'),
    ("\\n mismatch, untranslated", HEADER + 'msgid "a\\n"\nmsgstr ""\n'),
    ("\\n mismatch in msgid_plural", HEADER + 'msgid "a"\nmsgid_plural "as\\n"\nmsgstr[0] "b"\nmsgstr[1] "c"\n'),
    ("\\n mismatch in an obsolete entry", HEADER + '#~ msgid "a\\n"\n#~ msgstr "b"\n'),
    ("string continued after a blank line", HEADER + 'msgid "a"\n\n"b"\nmsgstr "c"\n'),
    ("two strings on one line", HEADER + 'msgid "a" "b"\nmsgstr "c"\n'),
    ("no space after the keyword", HEADER + 'msgid"a"\nmsgstr"c"\n'),
    ("indented keywords, trailing blanks", HEADER + '   msgid "a"   \n\tmsgstr "c"\t\n'),
    ("part of an entry obsolete", HEADER + 'msgid "a"\n#~ msgstr "c"\n'),
    ("unclosed string in #|", HEADER + '#| msgid "a\nmsgid "a"\nmsgstr "c"\n'),
    ("obsolete with its previous msgid", HEADER + '#~| msgid "z"\n#~ msgid "a"\n#~ msgstr "c"\n'),
    ("odd comments", HEADER + '#! hello\n#-x\n#\nmsgid "a"\nmsgstr "c"\n'),
    ("trailing comment after the last entry", HEADER + 'msgid "a"\nmsgstr "b"\n#: x.txt:1\n'),
    ("raw tab and control character", HEADER + 'msgid "a\tb\x01"\nmsgstr "c"\n'),
    ("U+2028, NEL and form feed in strings", HEADER + 'msgid "a\u2028b"\nmsgstr "y\x85\x0cz\u2029"\n'),
    ("msgctxt without msgid", HEADER + 'msgctxt "x"\nmsgstr "c"\n'),
    ("unknown keyword", HEADER + 'msgid "a"\nmsgtxt "c"\n'),
    ("keyword without string", HEADER + 'msgid\nmsgstr "c"\n'),
    ("string outside any entry", HEADER + '"stray"\nmsgid "a"\nmsgstr "c"\n'),
    ("no header", 'msgid "a"\nmsgstr "b"\n'),
    ("empty header", 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n'),
    ("header in a context", 'msgctxt "c"\n' + HEADER + 'msgid "a"\nmsgstr "b"\n'),
    ("header after the entries", 'msgid "a"\nmsgstr "b"\n\n' + HEADER),
    ("header alone", HEADER),
    ("empty file", ""),
    ("comments only", "# nothing here\n"),
    ("CRLF line ends", (HEADER + 'msgid "a"\nmsgstr "b"\n').replace("\n", "\r\n")),
    ("a comment after the msgid's string", HEADER + 'msgid "a" # note\nmsgstr "b"\n'),
    ("a flag after the msgstr's string", HEADER + 'msgid "a"\nmsgstr "b" #, fuzzy\n\nmsgid "c"\nmsgstr "d"\n'),
    ("a comment between msgid and msgstr", HEADER + 'msgid "a"\n# note\nmsgstr "b"\n'),
    ("a #| line between msgid and msgstr", HEADER + 'msgid "a"\n#| msgid "z"\nmsgstr "b"\n'),
    ("strings on the lines after their keywords", HEADER + 'msgid\n"a"\nmsgstr\n"b"\n'),
    ("a last keyword without string", HEADER + 'msgid "a"\nmsgstr\n'),
    ("a #~ marker after a string, continued live", HEADER + 'msgid "a"\nmsgstr "b "#~\n"c"\n'),
    ("a backslash-newline between strings", HEADER + 'msgid "a"\nmsgstr "b "\\\n"c"\n'),
    ("a backslash-newline inside a string", HEADER + 'msgid "a"\nmsgstr "b\\\nc"\n'),
    ("Plural-Forms plural=n != 1", _rule("nplurals=2; plural=n != 1;")),
    ("Plural-Forms plural=(n != 1)", _rule("nplurals=2; plural=(n != 1);")),
    ("Plural-Forms plural=n>1", _rule("nplurals=2; plural=n>1;")),
    ("Plural-Forms plural=n==1 ? 0 : 1", _rule("nplurals=2; plural=n==1 ? 0 : 1;")),
    (
        "Plural-Forms plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2",
        _rule("nplurals=2; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2;"),
    ),
    ("Plural-Forms plural=x != 1", _rule("nplurals=2; plural=x != 1;")),
    ("Plural-Forms plural=n != ", _rule("nplurals=2; plural=n != ;")),
    ("Plural-Forms plural=0", _rule("nplurals=2; plural=0;")),
    ("Plural-Forms plural=n / 0", _rule("nplurals=2; plural=n / 0;")),
    ("Plural-Forms plural=(n != 1", _rule("nplurals=2; plural=(n != 1;")),
    ("Plural-Forms plural=n <> 1", _rule("nplurals=2; plural=n <> 1;")),
    ("Plural-Forms plural=!n", _rule("nplurals=2; plural=!n;")),
    ("Plural-Forms plural=n - 1", _rule("nplurals=2; plural=n - 1;")),
    ("Plural-Forms plural=n = 1", _rule("nplurals=2; plural=n = 1;")),
    ("Plural-Forms plural=-n", _rule("nplurals=2; plural=-n;")),
    ("Plural-Forms plural=n", _rule("nplurals=2; plural=n;")),
    ("Plural-Forms without plural=", _rule("nplurals=2;")),
    ("Plural-Forms nplurals=0", _rule("nplurals=0; plural=0;")),
    ("Plural-Forms nplurals=x", _rule("nplurals=x; plural=0;")),
    (
        "Plural-Forms three forms (Russian)",
        _rule("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    ),
    ("msgid and msgstr on one line", HEADER + 'msgid "a" msgstr "b"\n'),
    ("a string, then the next keyword on its line", HEADER + 'msgid "a"\nmsgstr ""\n"b"msgstr "c"\n'),
    ("a comment behind #~", HEADER + '#~ # note\n#~ msgid "a"\n#~ msgstr "b"\n'),
    ("#, c-format: %d files -> %s files", HEADER + '#, c-format\nmsgid "%d files"\nmsgstr "%s files"\n'),
    ("#, c-format: %d files -> files", HEADER + '#, c-format\nmsgid "%d files"\nmsgstr "files"\n'),
    ("#, c-format: files -> %d files", HEADER + '#, c-format\nmsgid "files"\nmsgstr "%d files"\n'),
    ("#, c-format: %d files -> %i files", HEADER + '#, c-format\nmsgid "%d files"\nmsgstr "%i files"\n'),
    ("#, c-format: %d files -> %u files", HEADER + '#, c-format\nmsgid "%d files"\nmsgstr "%u files"\n'),
    ("#, c-format: %d of %s -> %2$s of %1$d", HEADER + '#, c-format\nmsgid "%d of %s"\nmsgstr "%2$s of %1$d"\n'),
    ("#, c-format: %d of %s -> %s of %d", HEADER + '#, c-format\nmsgid "%d of %s"\nmsgstr "%s of %d"\n'),
    ("#, c-format: 100%% -> 100%%", HEADER + '#, c-format\nmsgid "100%%"\nmsgstr "100%%"\n'),
    ("#, c-format: 100%% -> 100%", HEADER + '#, c-format\nmsgid "100%%"\nmsgstr "100%"\n'),
    ("#, c-format: %ld -> %d", HEADER + '#, c-format\nmsgid "%ld"\nmsgstr "%d"\n'),
    ("#, c-format: %5.2f -> %f", HEADER + '#, c-format\nmsgid "%5.2f"\nmsgstr "%f"\n'),
    ("#, c-format: %*d -> %d", HEADER + '#, c-format\nmsgid "%*d"\nmsgstr "%d"\n'),
    ("#, c-format: %x -> %X", HEADER + '#, c-format\nmsgid "%x"\nmsgstr "%X"\n'),
    ("#, c-format: %s -> %d %s", HEADER + '#, c-format\nmsgid "%s"\nmsgstr "%d %s"\n'),
    ("#, python-format: %(x)s -> %(x)s %(y)s", HEADER + '#, python-format\nmsgid "%(x)s"\nmsgstr "%(x)s %(y)s"\n'),
    ("#, python-format: %(x)s %(y)s -> %(y)s", HEADER + '#, python-format\nmsgid "%(x)s %(y)s"\nmsgstr "%(y)s"\n'),
    ("#, python-format: %s -> %d", HEADER + '#, python-format\nmsgid "%s"\nmsgstr "%d"\n'),
    ("#, python-format: %s %s -> %s", HEADER + '#, python-format\nmsgid "%s %s"\nmsgstr "%s"\n'),
    ("#, python-format: %(x)s -> %(x)d", HEADER + '#, python-format\nmsgid "%(x)s"\nmsgstr "%(x)d"\n'),
    ("#, python-brace-format: {x} -> {y}", HEADER + '#, python-brace-format\nmsgid "{x}"\nmsgstr "{y}"\n'),
    ("#, python-brace-format: {x} -> none", HEADER + '#, python-brace-format\nmsgid "{x}"\nmsgstr "none"\n'),
    (
        "#, python-brace-format: {x} {y} -> {y} {x}",
        HEADER + '#, python-brace-format\nmsgid "{x} {y}"\nmsgstr "{y} {x}"\n',
    ),
    ("#, no-c-format: %d -> %s", HEADER + '#, no-c-format\nmsgid "%d"\nmsgstr "%s"\n'),
    ("#, fuzzy, c-format: %d -> %s", HEADER + '#, fuzzy, c-format\nmsgid "%d"\nmsgstr "%s"\n'),
    ("#, c-format: %q -> x", HEADER + '#, c-format\nmsgid "%q"\nmsgstr "x"\n'),
    ("header without charset", 'msgid ""\nmsgstr "Project-Id-Version: x\\n"\n\nmsgid "a"\nmsgstr "中"\n'),
]
BINARY = [
    ("UTF-8 byte order mark", b"\xef\xbb\xbf" + HEADER.encode() + b'msgid "a"\nmsgstr "b"\n'),
    ("invalid UTF-8", HEADER.encode() + b'msgid "a"\nmsgstr "\xff"\n'),
    ("NUL inside a string", HEADER.encode() + b'msgid "a"\nmsgstr "b\x00"\n'),
    (
        "Latin-1, declared",
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "\xe9"\n',
    ),
]


def _msgfmt() -> str:
    return require_tool("msgfmt")


@pytest.mark.parametrize(("name", "data"), [(n, t.encode("utf-8")) for n, t in TABLE] + BINARY, ids=lambda x: x)
def test_the_verdict_is_msgfmts(tmp_path: Path, name: str, data: bytes) -> None:
    msgfmt = _msgfmt()
    path = tmp_path / "case.po"
    path.write_bytes(data)
    gnu = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
    try:
        catalog.load(path)
        ours = None
    except CatalogError as exc:
        ours = exc
    assert (ours is None) == (gnu.returncode == 0), f"{name}: msgfmt says {gnu.stderr.strip()!r}, we say {ours}"
    if ours is not None:
        message = str(ours)
        assert message.startswith(f"{path}:") and "\n" not in message
        lines = [int(m) for m in re.findall(rf"{re.escape(str(path))}:(\d+):", gnu.stderr)]
        if lines:  # msgfmt sometimes names the line after the fault, where its parser noticed it
            assert ours.line is not None and any(abs(ours.line - n) <= 1 for n in lines), (name, lines, ours.line)


def test_mutations_of_the_seed_catalog_get_msgfmts_verdict(tmp_path: Path) -> None:
    # Random damage (quotes, backslashes, keywords, line breaks, duplicated lines) to a real
    # catalog: every variant is judged by msgfmt -c and by the reader, and the verdicts agree.
    import random

    msgfmt = _msgfmt()
    seed = SEED_PO.read_bytes()
    rng = random.Random(20261201)
    inserts = [b'"', b"\\", b"\n", b"#", b"#~ ", b"msgid ", b"msgstr ", b"msgstr[1] ", b"\\q", b" ", b"\r", b"\\n"]
    refused = 0
    for case in range(40):
        data = bytearray(seed)
        for _ in range(rng.randint(1, 3)):
            position = rng.randrange(len(data))
            if rng.random() < 0.5:
                data[position:position] = rng.choice(inserts)
            elif rng.random() < 0.6:
                del data[position : position + rng.randint(1, 6)]
            else:
                lines = bytes(data).split(b"\n")
                lines.insert(rng.randrange(len(lines)), lines[rng.randrange(len(lines))])
                data = bytearray(b"\n".join(lines))
        path = tmp_path / f"case{case}.po"
        path.write_bytes(bytes(data))
        gnu = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True)
        try:
            catalog.load(path)
            ours = None
        except CatalogError as exc:
            ours = str(exc)
            refused += 1
        assert (ours is None) == (gnu.returncode == 0), (case, gnu.stderr[-300:], ours)
    assert 5 < refused < 40  # both verdicts occur


def test_a_backslash_q_is_never_rewritten(tmp_path: Path) -> None:
    # polib reads \q as backslash-q and writes it back as \\q: a different string. We refuse it.
    path = tmp_path / "q.po"
    path.write_text(HEADER + 'msgid "a"\nmsgstr "b\\q"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"q.po:7: malformed catalog: invalid control sequence"):
        catalog.load(path)


def test_not_a_catalog(tmp_path: Path) -> None:
    binary = tmp_path / "x.mo"
    binary.write_bytes(b"\xde\x12\x04\x95\x00\x00\x00\x00")
    with pytest.raises(CatalogError):
        catalog.load(binary)
    with pytest.raises(AlignerError, match="no such catalog"):
        catalog.load(tmp_path / "missing.po")


@pytest.mark.parametrize(
    ("prefix", "refused"), [(b"# ", False), (b"#. ", False), (b"#: ", False), (b"#, ", False), (b'#| msgid "', True)]
)
def test_invalid_utf8_is_refused_only_where_msgfmt_reads_it(tmp_path: Path, prefix: bytes, refused: bool) -> None:
    # msgfmt converts strings (previous msgids included) but never the bytes of other comments.
    msgfmt = _msgfmt()
    body = prefix + b"\xe9\x87x" + (b'"' if b'"' in prefix else b"") + b'\nmsgid "a"\nmsgstr "b"\n'
    path = tmp_path / "enc.po"
    path.write_bytes(SEED_PO.read_bytes() + b"\n" + body)
    gnu = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True)
    assert (gnu.returncode != 0) == refused
    if refused:
        with pytest.raises(CatalogError):
            catalog.load(path)
    else:
        assert any(entry.msgid == "a" and entry.msgstr == "b" for entry in catalog.load(path).entries)


@pytest.mark.parametrize("space", ["\r", "\f", "\v", "\t", " \r"])
def test_any_white_space_after_a_keyword_as_msgfmt_lexes_it(tmp_path: Path, space: str) -> None:
    # msgfmt's lexer skips space, tab, CR, FF and VT between a keyword and its string.
    msgfmt = _msgfmt()
    path = tmp_path / "ws.po"
    path.write_bytes(SEED_PO.read_bytes() + f'\nmsgid{space}"a"\nmsgstr{space}"b"\n'.encode())
    assert subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True).returncode == 0
    assert any(entry.msgid == "a" and entry.msgstr == "b" for entry in catalog.load(path).entries)


@pytest.mark.parametrize(
    ("old", "new", "refused"),
    [
        (b'"PO-Revision-Date: ', b'"PO-Revision-Date: \xe9', False),  # the header is read before its charset
        (b"#. metadata, paragraph 5", b"#\xe9. metadata, paragraph 5", True),  # the kind of a comment is decoded
    ],
)
def test_invalid_utf8_in_the_header_and_after_a_hash(tmp_path: Path, old: bytes, new: bytes, refused: bool) -> None:
    msgfmt = _msgfmt()
    data = SEED_PO.read_bytes()
    assert old in data
    path = tmp_path / "enc.po"
    path.write_bytes(data.replace(old, new, 1))
    gnu = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True)
    assert (gnu.returncode != 0) == refused
    if refused:
        with pytest.raises(CatalogError):
            catalog.load(path)
    else:
        assert len(catalog.load(path).entries) == len(catalog.load(SEED_PO).entries)


def test_without_a_charset_no_byte_is_fatal_as_for_msgfmt(tmp_path: Path) -> None:
    msgfmt = _msgfmt()
    data = SEED_PO.read_bytes().replace(b"; charset=UTF-8", b"", 1) + b'\nmsgid "a"\nmsgstr "\xe9"\n'
    path = tmp_path / "nocharset.po"
    path.write_bytes(data)
    assert subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True).returncode == 0
    assert any(entry.msgid == "a" for entry in catalog.load(path).entries)
