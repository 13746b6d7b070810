"""Review documents out and back: export, a reviewer's edits (python-docx, LibreOffice, XLIFF), merge.

Every round trip is run on real catalogs: the seed's and ``tests/data/exchange/kept.po`` (contexts,
plural forms, fuzzy entries with their previous msgid, flags, comments, obsolete entries). Edits are
made the way reviewers' tools make them: python-docx for plain edits and comments, tracked changes
written as Word writes them (``w:ins``/``w:del`` with ``w:delText``), LibreOffice saving the file
again (``soffice --convert-to docx``, a private profile).
"""

from __future__ import annotations

import copy
import difflib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from aligner import catalog
from aligner.cli import app
from aligner.exchange import docx as review_docx
from aligner.exchange import xliff, xliff2
from aligner.exchange.review import entry_id
from aligner.model import Entry
from conftest import DATA, ROOT, SEED, SEED_PO, require_module, require_tool

runner = CliRunner()
KEPT = DATA / "exchange" / "kept.po"
W = review_docx.W
XLF = xliff.NS
COMPARED = ("msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr_plural", "flags", "references", "comment",
            "extracted", "previous_msgid", "obsolete")  # fmt: skip


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project holding the seed's catalog and the kept catalog, as the working directory."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    (tmp_path / "translations" / "en").mkdir(parents=True)
    shutil.copy(SEED_PO, tmp_path / "translations" / "en" / SEED_PO.name)
    shutil.copy(KEPT, tmp_path / "translations" / "en" / KEPT.name)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> object:
    return runner.invoke(app, list(args))


def po(project: Path, name: str = "kept") -> Path:
    return project / "translations" / "en" / ("000_9e415571a82dd196.po" if name == "seed" else f"{name}.po")


def export(project: Path, fmt: str, name: str = "kept") -> Path:
    result = invoke("export", str(po(project, name)), "--format", fmt)
    assert result.exit_code == 0, result.output
    suffix = "docx" if fmt == "docx" else "xlf"
    stem = "000_9e415571a82dd196" if name == "seed" else name
    path = project / "build" / "review" / f"{stem}.en.{suffix}"
    assert result.stdout.strip() == str(Path("build/review") / path.name) or path.name in result.stdout
    return path


def entries(path: Path) -> dict[tuple[str | None, str], Entry]:
    return {(e.msgctxt, e.msgid): e for e in catalog.load(path).entries}


def fields(entry: Entry) -> tuple[object, ...]:
    return tuple(getattr(entry, name) for name in COMPARED)


def changed_keys(before: dict[tuple[str | None, str], Entry], after: dict[tuple[str | None, str], Entry]) -> set:
    assert before.keys() == after.keys()
    return {key for key in before if fields(before[key]) != fields(after[key])}


# --------------------------------------------------------------------------- round trips without edits


@pytest.mark.parametrize("name", ["seed", "kept"])
@pytest.mark.parametrize("fmt", ["docx", "xliff", "xliff2"])
def test_export_then_merge_without_edits_changes_no_byte(project: Path, name: str, fmt: str) -> None:
    target = po(project, name)
    before = target.read_bytes()
    document = export(project, fmt, name)
    first = document.read_bytes()
    assert export(project, fmt, name).read_bytes() == first  # deterministic: no date, no random id
    result = invoke("merge", str(document))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == before
    live = [e for e in catalog.load(target).entries if not e.obsolete]
    translated = sum(1 for e in live if e.status.value == "translated")
    assert f"0 changed, {translated} confirmed, 0 conflicted, {len(live) - translated} pending" in result.stdout


def test_ids_are_stable_and_tell_contexts_apart() -> None:
    assert entry_id("signature", "国务院") != entry_id("heading", "国务院") != entry_id(None, "国务院")
    assert entry_id(None, "国务院") == entry_id(None, "国务院")
    assert len(entry_id(None, "国务院")) == 16


# --------------------------------------------------------------------------- Word: reviewers' edits


def _row(document: object, msgid: str, occurrence: int = 0) -> object:
    rows = [row for row in document.tables[0].rows if row.cells[0].paragraphs[0].text == msgid]  # type: ignore[attr-defined]
    return rows[occurrence]


def _set_english(row: object, text: str) -> None:
    paragraph = row.cells[1].paragraphs[0]  # type: ignore[attr-defined]
    for run in paragraph.runs:
        run._element.getparent().remove(run._element)
    paragraph.add_run(text)


def _tracked(paragraph: object, *, deleted: str = "", inserted: str = "", kept: str = "") -> None:
    """Replace the runs of ``paragraph`` with a tracked deletion, a tracked insertion, then plain text."""
    p = paragraph._p  # type: ignore[attr-defined]
    for run in list(p.iter(f"{{{W}}}r")):
        run.getparent().remove(run)
    stamp = {f"{{{W}}}author": "Li Hua", f"{{{W}}}date": "2026-12-01T08:00:00Z"}
    if deleted:
        change = etree.SubElement(p, f"{{{W}}}del", {f"{{{W}}}id": "901", **stamp})
        run = etree.SubElement(change, f"{{{W}}}r")
        etree.SubElement(
            run, f"{{{W}}}delText", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
        ).text = deleted
    if inserted:
        change = etree.SubElement(p, f"{{{W}}}ins", {f"{{{W}}}id": "902", **stamp})
        run = etree.SubElement(change, f"{{{W}}}r")
        etree.SubElement(run, f"{{{W}}}t").text = inserted
    if kept:
        run = etree.SubElement(p, f"{{{W}}}r")
        etree.SubElement(run, f"{{{W}}}t").text = kept


ADDRESS = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
ADDRESS_EN = (
    "To the people's governments of all provinces, autonomous regions and municipalities directly under the "
    "Central Government, all ministries and commissions of the State Council, and all institutions directly under it:"
)
TITLE = "国务院关于印发《新一代人工智能发展规划》的通知"
FUZZY = "人工智能的迅速发展将深刻改变人类社会生活、改变世界。"
FUZZY_EN = "The rapid development of AI will profoundly change human society and the world."
REMARK = "Check the title against the official English."


def review_in_word(source: Path, target: Path) -> None:
    """A reviewer's pass with python-docx: a plain edit, tracked changes, the fuzzy mark cleared, a comment."""
    docx = require_module("docx")
    document = docx.Document(str(source))
    _set_english(_row(document, "2017年7月8日"), "8 July 2017")
    heading = _row(document, "国务院", 1)
    _tracked(heading.cells[1].paragraphs[0], deleted="The ", kept="State Council")
    _tracked(_row(document, ADDRESS).cells[1].paragraphs[0], inserted=ADDRESS_EN)
    fuzzy = _row(document, FUZZY)
    _set_english(fuzzy, FUZZY_EN)
    status = fuzzy.cells[2].paragraphs[0]
    status.runs[0].text = status.runs[0].text.replace("fuzzy", "checked")
    title = _row(document, TITLE)
    document.add_comment(title.cells[1].paragraphs[0].runs, text=REMARK, author="Li Hua", initials="LH")
    document.save(str(target))


def resave_with_libreoffice(path: Path, folder: Path) -> Path:
    soffice = require_tool("soffice")
    out = folder / "libreoffice"
    profile = folder / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "docx", "--outdir",
         str(out), str(path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    saved = out / path.name
    assert saved.is_file() and saved.read_bytes() != path.read_bytes()
    return saved


@pytest.mark.parametrize("libreoffice", [False, True], ids=["python-docx", "then-libreoffice"])
def test_word_edits_arrive_in_their_entries_and_nowhere_else(project: Path, tmp_path: Path, libreoffice: bool) -> None:
    target = po(project)
    before_text = target.read_text(encoding="utf-8")
    before = entries(target)
    reviewed = tmp_path / "reviewed" / "kept.en.docx"
    reviewed.parent.mkdir()
    review_in_word(export(project, "docx"), reviewed)
    if libreoffice:
        reviewed = resave_with_libreoffice(reviewed, tmp_path)
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 0, result.output
    after = entries(target)
    assert changed_keys(before, after) == {
        (None, "2017年7月8日"),
        ("heading", "国务院"),
        (None, ADDRESS),
        (None, FUZZY),
        (None, TITLE),
    }
    assert after[(None, "2017年7月8日")].msgstr == "8 July 2017"
    assert after[("heading", "国务院")].msgstr == "State Council"
    assert after[(None, ADDRESS)].msgstr == ADDRESS_EN and after[(None, ADDRESS)].status.value == "translated"
    fuzzy = after[(None, FUZZY)]
    assert (fuzzy.msgstr, fuzzy.status.value, fuzzy.previous_msgid) == (FUZZY_EN, "translated", None)
    assert after[(None, TITLE)].comment == f"Li Hua: {REMARK}"
    assert after[(None, TITLE)].msgstr == before[(None, TITLE)].msgstr
    assert "5 changed, 3 confirmed, 0 conflicted" in result.stdout
    # Every line outside the five changed entries is as it was: header, wrapping, obsolete entries.
    text = target.read_text(encoding="utf-8")
    blocks_before, blocks_after = before_text.split("\n\n"), text.split("\n\n")
    assert len(blocks_before) == len(blocks_after)
    assert sum(1 for a, b in zip(blocks_before, blocks_after, strict=True) if a != b) == 5
    assert catalog.load(target)  # still valid (msgfmt's verdict)
    again = invoke("merge", str(reviewed))  # merging the same review twice changes nothing more
    assert again.exit_code == 0 and target.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("mode", "code", "heading", "address"),
    [("reject", 0, "The State Council", ""), ("refuse", 2, "The State Council", "")],
)
def test_tracked_changes_rejected_or_refused(
    project: Path, tmp_path: Path, mode: str, code: int, heading: str, address: str
) -> None:
    target = po(project)
    reviewed = tmp_path / "kept.en.docx"
    review_in_word(export(project, "docx"), reviewed)
    before = target.read_bytes()
    result = invoke("merge", str(reviewed), "--changes", mode)
    assert result.exit_code == code, result.output
    after = entries(target)
    assert after[("heading", "国务院")].msgstr == heading
    assert after[(None, ADDRESS)].msgstr == address
    if mode == "refuse":
        assert target.read_bytes() == before
        assert "holds tracked changes" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    else:
        assert after[(None, "2017年7月8日")].msgstr == "8 July 2017"  # plain edits still arrive


@pytest.mark.parametrize("mark", ["fuzzy", "FUZZY?", "待定", "模糊"])
def test_a_mark_written_by_the_reviewer_makes_the_entry_fuzzy(project: Path, tmp_path: Path, mark: str) -> None:
    docx = require_module("docx")
    document = docx.Document(str(export(project, "docx")))
    status = _row(document, "2017年7月8日").cells[2].paragraphs[0]
    status.runs[0].text = status.runs[0].text.replace("translated", mark)
    reviewed = tmp_path / "kept.en.docx"
    document.save(str(reviewed))
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 0, result.output
    entry = entries(po(project))[(None, "2017年7月8日")]
    assert (entry.msgstr, entry.flags) == ("July 8, 2017", ("fuzzy",))
    assert "1 changed" in result.stdout


def test_fuzzy_mark_left_by_the_reviewer_stays(project: Path, tmp_path: Path) -> None:
    docx = require_module("docx")
    document = docx.Document(str(export(project, "docx")))
    _set_english(_row(document, FUZZY), FUZZY_EN)
    reviewed = tmp_path / "kept.en.docx"
    document.save(str(reviewed))
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 0, result.output
    entry = entries(po(project))[(None, FUZZY)]
    assert (entry.msgstr, entry.status.value) == (FUZZY_EN, "fuzzy")
    assert entry.previous_msgid == "人工智能的迅速发展将深刻改变人类社会生活。"
    assert "#| msgid" in po(project).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- conflicts


def _conflict_document(project: Path, tmp_path: Path, how: str) -> Path:
    docx = require_module("docx")
    document = docx.Document(str(export(project, "docx")))
    _set_english(_row(document, "2017年7月8日"), "8 July 2017")  # a good edit, merged whatever else happens
    title = _row(document, TITLE)
    _set_english(title, "Notice on Issuing the AI Plan")
    if how == "chinese edited":
        title.cells[0].paragraphs[0].runs[0].text = TITLE.replace("通知", "通告")
    elif how == "id missing":
        for mark in title._tr.iter(f"{{{W}}}bookmarkStart"):
            mark.getparent().remove(mark)
    elif how == "row copied":
        title._tr.addnext(copy.deepcopy(title._tr))
    elif how == "english emptied":
        _set_english(title, "")
    reviewed = tmp_path / "kept.en.docx"
    document.save(str(reviewed))
    if how == "both changed":
        _edit_catalog(po(project), "Notice of the State Council", "Circular of the State Council")
    elif how == "chinese changed in the catalog":
        _edit_catalog(po(project), "的通知", "的通告")
    return reviewed


def _edit_catalog(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("how", "message", "rows"),
    [
        ("chinese edited", "its Chinese differs from the catalog's", 1),
        ("id missing", "carries no entry id", 1),
        ("row copied", "its entry id is also on", 2),
        ("english emptied", "its English was emptied in the review", 1),
        ("both changed", "changed both in the catalog and in the review", 1),
        ("chinese changed in the catalog", "no longer in the catalog", 1),
    ],
)
def test_conflicts_are_reported_with_file_and_row_and_not_merged(
    project: Path, tmp_path: Path, how: str, message: str, rows: int
) -> None:
    reviewed = _conflict_document(project, tmp_path, how)
    before = entries(po(project))
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("aligner: conflict: ")]
    assert len(lines) == rows, result.stderr
    assert all(message in line for line in lines), lines
    assert [line.split(": ")[3] for line in lines] == [f"row {n}" for n in range(1, rows + 1)], lines
    assert all(line.startswith(f"aligner: conflict: {reviewed}: ") for line in lines), lines
    after = entries(po(project))
    assert changed_keys(before, after) == {(None, "2017年7月8日")}  # the rest merged, the conflict not
    assert f"1 changed, 4 confirmed, {rows} conflicted" in result.stdout


def test_catalog_newer_than_an_untouched_review_is_kept(project: Path) -> None:
    reviewed = export(project, "docx")
    _edit_catalog(po(project), "Notice of the State Council", "Circular of the State Council")
    before = po(project).read_bytes()
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 0, result.output
    assert po(project).read_bytes() == before
    assert "1 kept" in result.stdout


# --------------------------------------------------------------------------- XLIFF


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_xliff_keeps_every_field_of_every_entry(project: Path, fmt: str) -> None:
    document = export(project, fmt)
    reader = xliff.entries if fmt == "xliff" else xliff2.entries
    read = reader(document.read_bytes(), str(document))
    live = [e for e in catalog.load(po(project)).entries if not e.obsolete]
    assert [fields(e) for e in read] == [fields(e) for e in live]
    assert {e.msgctxt for e in read} == {None, "signature", "heading"}
    assert any(e.msgid_plural for e in read) and any(e.previous_msgid for e in read)


def test_translate_toolkit_reads_the_xliff_with_its_languages(project: Path) -> None:
    factory = require_module("translate.storage.factory")
    document = export(project, "xliff")
    store = factory.getobject(str(document))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("zh-CN", "en")
    units = [u for u in store.units if not u.isheader()]
    live = [e for e in catalog.load(po(project)).entries if not e.obsolete]
    assert len(units) == len(live)
    by_source = {str(u.source): u for u in units}
    assert by_source["2017年7月8日"].istranslated() and not by_source["2017年7月8日"].isfuzzy()
    assert by_source[FUZZY].isfuzzy()
    assert by_source[ADDRESS].gettarget() in ("", None) or not by_source[ADDRESS].istranslated()
    assert by_source[TITLE].getlocations() == ["seeds/kept.txt:1"]
    assert "The issuer stands alone" in by_source["国务院"].getnotes("translator") or any(
        "The issuer stands alone" in u.getnotes() for u in units if str(u.source) == "国务院"
    )
    assert len({u.getid() for u in units}) == len(units)


def test_xliff_structure_follows_the_schema(project: Path) -> None:
    """The XLIFF 1.2 content model as the strict schema states it (the XSD itself is not shipped here)."""
    root = etree.fromstring(export(project, "xliff").read_bytes())
    assert root.tag == f"{{{XLF}}}xliff" and root.get("version") == "1.2"
    file = root.find(f"{{{XLF}}}file")
    assert {k: file.get(k) for k in ("source-language", "target-language", "datatype")} == {
        "source-language": "zh-CN", "target-language": "en", "datatype": "po"
    }  # fmt: skip
    assert file.get("original") == "translations/en/kept.po"
    assert [etree.QName(c).localname for c in file] == ["header", "body"]
    states = {"translated", "needs-review-translation", "new"}
    for unit in root.iter(f"{{{XLF}}}trans-unit"):
        children = [etree.QName(c).localname for c in unit]
        assert children[:2] == ["source", "target"], children
        assert set(children[2:]) <= {"context-group", "note", "alt-trans", "count-group"}, children
        assert unit.find(f"{{{XLF}}}target").get("state") in states
        assert unit.get("approved") in (None, "yes", "no")
        for context in unit.iter(f"{{{XLF}}}context"):
            kind = context.get("context-type")
            assert kind in ("sourcefile", "linenumber") or kind.startswith("x-"), kind
        assert not [a for a in unit.attrib if a.startswith("{") and "XML/1998" not in a]  # no foreign attribute
    ids = [u.get("id") for u in root.iter(f"{{{XLF}}}trans-unit")]
    assert len(ids) == len(set(ids))


def test_xliff_edits_from_a_cat_tool_are_merged(project: Path, tmp_path: Path) -> None:
    document = export(project, "xliff")
    root = etree.fromstring(document.read_bytes())
    for unit in root.iter(f"{{{XLF}}}trans-unit"):
        source = unit.find(f"{{{XLF}}}source").text
        target = unit.find(f"{{{XLF}}}target")
        if source == FUZZY:  # confirmed with a new translation, as a CAT tool marks it
            target.text, unit.attrib["approved"] = FUZZY_EN, "yes"
            target.set("state", "translated")
        elif source == ADDRESS:
            target.text = ADDRESS_EN
            target.set("state", "translated")
        elif source == "2017年7月8日":
            etree.SubElement(unit, f"{{{XLF}}}note", {"from": "reviewer"}).text = "Date style: day month year?"
    reviewed = tmp_path / "kept.en.xlf"
    reviewed.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    before = entries(po(project))
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 0, result.output
    after = entries(po(project))
    assert changed_keys(before, after) == {(None, FUZZY), (None, ADDRESS), (None, "2017年7月8日")}
    assert (after[(None, FUZZY)].msgstr, after[(None, FUZZY)].status.value) == (FUZZY_EN, "translated")
    assert after[(None, ADDRESS)].status.value == "translated"
    assert after[(None, "2017年7月8日")].comment == "Date style: day month year?"


# --------------------------------------------------------------------------- bad and hostile input


def _docx_with(source: bytes, replace: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in replace:
                continue
            new.writestr(info.filename, old.read(info.filename))
        for name, data in replace.items():
            if data is not None:
                new.writestr(name, data)
    return out.getvalue()


XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
W_DOCUMENT = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&e;</w:document>'
BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("xxe.xlf", lambda d, x: XXE + b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2">&e;</xliff>', "DOCTYPE"),
        ("bomb.xlf", lambda d, x: BOMB + b"<xliff>&d;&d;&d;&d;</xliff>", "DOCTYPE"),
        ("xxe2.xlf", lambda d, x: XXE + b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0">&e;</xliff>', "DOCTYPE"),
        ("files2.xlf", lambda d, x: b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', "holds 0 <file>"),
        ("broken.xlf", lambda d, x: x[: len(x) // 2], "not well-formed XML"),
        ("old.xlf", lambda d, x: x.replace(b"document:1.2", b"document:1.1"), "not XLIFF 1.2"),
        ("xxe.docx", lambda d, x: _docx_with(d, {"word/document.xml": XXE + W_DOCUMENT}), "DOCTYPE"),
        ("missing.docx", lambda d, x: _docx_with(d, {"word/document.xml": None}), "missing part word/document.xml"),
        ("foreign.docx", lambda d, x: _docx_with(d, {"docProps/custom.xml": None}), "not a review document"),
        ("zip-bomb.docx", lambda d, x: _docx_with(d, {"word/media/zeros.bin": bytes(20 * 1024 * 1024)}), "zip bomb"),
        ("not-a-zip.docx", lambda d, x: b"PK\x03\x04 nothing else", "not a zip archive"),
        ("empty.docx", lambda d, x: b"", "not a zip archive"),
    ],
)
def test_hostile_or_malformed_documents_are_refused_with_one_line(
    project: Path, tmp_path: Path, name: str, make: object, words: str
) -> None:
    good_docx, good_xlf = export(project, "docx").read_bytes(), export(project, "xliff").read_bytes()
    bad = tmp_path / name
    bad.write_bytes(make(good_docx, good_xlf))  # type: ignore[operator]
    before = po(project).read_bytes()
    result = invoke("merge", str(bad))
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("aligner: error: ") and words in result.stderr, result.stderr
    assert po(project).read_bytes() == before


def test_usage_errors_are_one_line(project: Path) -> None:
    for args in (["export", "--format", "pdf"], ["export"], ["merge", "nothing.docx"]):
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_merge_into_another_language_needs_its_catalog(project: Path) -> None:
    document = export(project, "docx")
    result = invoke("merge", str(document), "--lang", "fr")
    assert result.exit_code == 2 and "translations/fr/kept.po" in result.stderr, result.output


# --------------------------------------------------------------------------- catalog.revise_catalog


def test_revise_catalog_rewrites_only_the_revised_entry(project: Path) -> None:
    target = po(project)
    original = target.read_text(encoding="utf-8")
    short = "AI will change society and the world."
    revision = catalog.Revision(None, FUZZY, (short,), False, "")
    text, count = catalog.revise_catalog(target, [revision])
    assert count == 1
    diff = list(difflib.ndiff(original.splitlines(), text.splitlines()))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert removed == [
        "#, fuzzy",
        '#| msgid "人工智能的迅速发展将深刻改变人类社会生活。"',
        'msgstr "The rapid development of AI will profoundly change human society."',
    ]
    assert added == [f'msgstr "{short}"']
    unchanged = catalog.Revision(
        "signature", "国务院", ("State Council",), False, "The issuer stands alone on its line in the source."
    )
    assert catalog.revise_catalog(target, [unchanged]) == (original, 0)


def test_xliff_saved_again_by_translate_toolkit_merges(project: Path, tmp_path: Path) -> None:
    """translate-toolkit (Pootle, Virtaal) edits a unit and saves the file: the edit arrives, nothing else moves."""
    factory = require_module("translate.storage.factory")
    store = factory.getobject(str(export(project, "xliff")))
    for unit in store.units:
        if str(unit.source) == FUZZY:
            unit.target = FUZZY_EN
            unit.markfuzzy(False)
    reviewed = tmp_path / "kept.en.xlf"
    store.savefile(str(reviewed))
    before = entries(po(project))
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 0, result.output
    after = entries(po(project))
    assert changed_keys(before, after) == {(None, FUZZY)}
    assert (after[(None, FUZZY)].msgstr, after[(None, FUZZY)].status.value) == (FUZZY_EN, "translated")


_P = f'<w:p xmlns:w="{W}">'


@pytest.mark.parametrize(
    ("english", "accepted", "rejected"),
    [
        (f"{_P}<w:r><w:t>A </w:t></w:r><w:ins><w:r><w:t>B</w:t></w:r></w:ins></w:p>", "A B", "A "),
        (f"{_P}<w:del><w:r><w:delText>X</w:delText></w:r></w:del><w:r><w:t>Y</w:t></w:r></w:p>", "Y", "XY"),
        (
            f"{_P}<w:moveFrom><w:r><w:t>M</w:t></w:r></w:moveFrom><w:r><w:t>N</w:t></w:r>"
            "<w:moveTo><w:r><w:t>M</w:t></w:r></w:moveTo></w:p>",
            "NM",
            "MN",
        ),
        (f"{_P}<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>", "a\tb\nc", "a\tb\nc"),
        (f'{_P}<w:r><w:t>page</w:t><w:br w:type="page"/></w:r></w:p>', "page", "page"),
        (f'{_P}<w:hyperlink w:history="1"><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>', "link", "link"),
        (
            f"{_P}<w:r><w:fldChar/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>3</w:t></w:r></w:p>",
            "3",
            "3",
        ),
        (f"{_P}<w:r><w:t>one</w:t></w:r></w:p>{_P}<w:r><w:t>two</w:t></w:r></w:p>", "one\ntwo", "one\ntwo"),
        (
            f"{_P}<w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:r><w:t>one </w:t></w:r></w:p>{_P}<w:r><w:t>two</w:t></w:r></w:p>",
            "one two",
            "one \ntwo",
        ),
        (
            f"{_P}<w:pPr><w:rPr><w:ins/></w:rPr></w:pPr><w:r><w:t>one</w:t></w:r></w:p>"
            f"{_P}<w:ins><w:r><w:t>two</w:t></w:r></w:ins></w:p>",
            "one\ntwo",
            "one",
        ),
    ],
)
def test_word_markup_reads_as_the_reviewer_sees_it(english: str, accepted: str, rejected: str) -> None:
    from aligner.exchange.review import Changes, exported

    data = review_docx.write(
        exported((Entry(msgid="国务院", msgstr="State Council"),)), doc_id="x", language="en", catalog="x.po"
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    cell = root.findall(f".//{{{W}}}tr")[1].findall(f"{{{W}}}tc")[1]
    for paragraph in cell.findall(f"{{{W}}}p"):
        cell.remove(paragraph)
    for paragraph in etree.fromstring(f"<x>{english}</x>"):
        cell.append(paragraph)
    parts["word/document.xml"] = etree.tostring(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    for mode, expected in ((Changes.ACCEPT, accepted), (Changes.REJECT, rejected)):
        (row,) = review_docx.read(out.getvalue(), "x.docx", changes=mode).rows
        assert row.targets == (expected,), mode


def test_plural_forms_are_one_paragraph_each_in_word(project: Path, tmp_path: Path) -> None:
    docx = require_module("docx")
    document = docx.Document(str(export(project, "docx")))
    row = _row(document, "共有%d个省份出台了专门规划。")
    assert [p.text for p in row.cells[1].paragraphs] == [
        "%d province has issued a dedicated plan.",
        "%d provinces have issued dedicated plans.",
    ]
    row.cells[1].paragraphs[1].runs[0].text = "%d provinces have issued plans of their own."
    reviewed = tmp_path / "kept.en.docx"
    document.save(str(reviewed))
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 0, result.output
    entry = entries(po(project))[(None, "共有%d个省份出台了专门规划。")]
    assert entry.msgstr_plural == (
        "%d province has issued a dedicated plan.",
        "%d provinces have issued plans of their own.",
    )
    assert entry.flags == ("c-format",)


def test_a_comment_outside_the_entry_rows_is_reported(project: Path, tmp_path: Path) -> None:
    docx = require_module("docx")
    document = docx.Document(str(export(project, "docx")))
    document.add_comment(document.paragraphs[0].runs, text="Who approved this version?", author="Wang Fang")
    reviewed = tmp_path / "kept.en.docx"
    document.save(str(reviewed))
    before = po(project).read_bytes()
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == (
        f"aligner: conflict: {reviewed}: a comment outside the entry rows was not merged: "
        "Wang Fang: Who approved this version?"
    )
    assert po(project).read_bytes() == before


@pytest.mark.parametrize("fmt", ["docx", "xliff"])
def test_a_string_xml_cannot_carry_is_refused_on_export(project: Path, fmt: str) -> None:
    _edit_catalog(po(project), 'msgstr "July 8, 2017"', 'msgstr "July 8, 2017\\a"')
    result = invoke("export", str(po(project)), "--format", fmt)
    assert result.exit_code == 2, result.output
    assert "kept.po: a string holds the character U+0007" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (project / "build" / "review").exists()


@pytest.mark.parametrize("saver", ["libreoffice", "python-docx"])
def test_seed_review_saved_again_merges_without_changing_a_byte(project: Path, tmp_path: Path, saver: str) -> None:
    target = po(project, "seed")
    before = target.read_bytes()
    document = export(project, "docx", "seed")
    if saver == "libreoffice":
        saved = resave_with_libreoffice(document, tmp_path)
    else:
        saved = tmp_path / document.name
        require_module("docx").Document(str(document)).save(str(saved))
    result = invoke("merge", str(saved))
    assert result.exit_code == 0, result.output
    assert "0 changed, 103 confirmed, 0 conflicted" in result.stdout
    assert target.read_bytes() == before


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
<source_dir>source</source_dir><target_dir>target</target_dir><tm_dir>tm</tm_dir>
<glossary_dir>glossary</glossary_dir><glossary_file>glossary/glossary.txt</glossary_file>
<dictionary_dir>dictionary</dictionary_dir>
<source_lang>zh-CN</source_lang><target_lang>en</target_lang>
<source_tok>org.omegat.tokenizer.LuceneCJKTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
<sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags>
</project></omegat>
"""


def test_omegat_console_mode_writes_an_xliff_that_merges(project: Path, tmp_path: Path) -> None:
    """OmegaT 3.6 (Debian's package, console mode) reads the XLIFF as a source file and writes the target file back."""
    omegat = require_tool("omegat")
    folder = tmp_path / "omegat"
    for name in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
        (folder / name).mkdir(parents=True)
    (folder / "omegat.project").write_text(OMEGAT_PROJECT, encoding="utf-8")
    document = export(project, "xliff")
    shutil.copy(document, folder / "source" / document.name)
    done = subprocess.run(
        [omegat, str(folder), "--mode=console-translate"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    translated = folder / "target" / document.name
    assert "kept.en.xlf" in (folder / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    written = xliff.entries(translated.read_bytes(), str(translated))
    live = [e for e in catalog.load(po(project)).entries if not e.obsolete]
    assert [fields(e) for e in written] == [fields(e) for e in live]  # every field came through OmegaT
    before = po(project).read_bytes()
    result = invoke("merge", str(translated))
    assert result.exit_code == 0, result.output
    assert po(project).read_bytes() == before


# --------------------------------------------------------------------------- any text, both formats

_XML_CHARS = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\x00\x0b\x0c\ufffe\uffff\r"
) | st.sampled_from('\n\t 　国务院，。“”《》—…%d\\"')
_TEXT = st.text(_XML_CHARS, max_size=40).filter(lambda t: all(ord(c) >= 0x20 or c in "\n\t" for c in t))


@settings(max_examples=150, deadline=None)
@given(
    msgid=_TEXT.filter(bool),
    msgstr=_TEXT,
    comment=_TEXT,
    context=st.none() | _TEXT,
    fuzzy=st.booleans(),
)
def test_any_text_reads_back_as_written(
    msgid: str, msgstr: str, comment: str, context: str | None, fuzzy: bool
) -> None:
    """Spaces at either end, line breaks, tabs, quotes, full-width spaces: Word and XLIFF carry them exactly."""
    from aligner.exchange.review import exported

    entry = Entry(msgid=msgid, msgstr=msgstr, msgctxt=context, comment=comment, flags=("fuzzy",) if fuzzy else ())
    items = exported((entry,))
    (row,) = review_docx.read(review_docx.write(items, doc_id="x", language="en", catalog="x.po"), "x.docx").rows
    assert (row.id, row.source, row.targets, row.comment) == (items[0].id, msgid, (msgstr,), comment)
    assert row.fuzzy == fuzzy
    data = xliff.write(items, language="en", catalog="x.po")
    (back,) = xliff.entries(data, "x.xlf")
    assert fields(back)[:4] == fields(entry)[:4] and back.comment == comment
    assert back.fuzzy == (fuzzy and bool(msgstr))  # a fuzzy mark on an empty English is not carried
    (back2,) = xliff2.entries(xliff2.write(items, language="en", catalog="x.po"), "x.xlf")
    assert fields(back2) == fields(back)


def test_a_document_larger_than_a_review_may_be_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.exchange import safe

    document = export(project, "docx")
    monkeypatch.setattr(safe, "MAX_MEMBER_BYTES", 4096)  # the seed-sized table's document.xml is larger
    result = invoke("merge", str(document))
    assert result.exit_code == 2, result.output
    assert "more than a review document may hold" in result.stderr and "export fewer" in result.stderr


def test_translate_toolkit_reads_and_edits_xliff2(project: Path, tmp_path: Path) -> None:
    """translate-toolkit's XLIFF 2 store: languages, fuzzy states, one unit per segment; its edit merges."""
    storage = require_module("translate.storage.xliff2")
    store = storage.Xliff2File.parsefile(str(export(project, "xliff2")))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("zh-CN", "en")
    live = [e for e in catalog.load(po(project)).entries if not e.obsolete]
    assert len(store.units) == len(live) + 1  # the plural entry's two forms are two segments
    by_source = {str(u.source): u for u in store.units}
    assert by_source[FUZZY].isfuzzy() and by_source[TITLE].istranslated() and not by_source[ADDRESS].istranslated()
    by_source[FUZZY].target = FUZZY_EN
    by_source[FUZZY].markfuzzy(False)
    reviewed = tmp_path / "kept.en.xlf"
    store.savefile(str(reviewed))
    before = entries(po(project))
    result = invoke("merge", str(reviewed))
    assert result.exit_code == 0, result.output
    after = entries(po(project))
    assert changed_keys(before, after) == {(None, FUZZY)}
    assert (after[(None, FUZZY)].msgstr, after[(None, FUZZY)].status.value) == (FUZZY_EN, "translated")


@pytest.mark.parametrize(
    ("options", "printed"),
    [
        ([], "build/review/kept.en.xlf"),
        (["-o", "outbox"], "outbox/kept.en.xlf"),
    ],
)
def test_export_prints_the_paths_from_the_working_folder_as_render_does(
    options: list[str], printed: str, project: Path
) -> None:
    result = invoke("export", "translations/en/kept.po", "--format", "xliff", *options)
    assert result.exit_code == 0, result.output
    assert result.stdout == printed + "\n"
    assert (project / printed).is_file()


def test_copies_of_one_row_cost_in_proportion_to_their_number(project: Path, tmp_path: Path) -> None:
    # Each copy's conflict named every other copy: its report grew as the square of the copies.
    import re

    exported = export(project, "xliff").read_text(encoding="utf-8")
    unit = re.findall(r"<trans-unit .*?</trans-unit>", exported, re.S)[1]
    sizes = {}
    for copies in (100, 400):
        reviewed = tmp_path / f"copies{copies}.xlf"
        reviewed.write_text(exported.replace("</body>", unit * copies + "</body>", 1), encoding="utf-8")
        result = invoke("merge", str(reviewed))
        assert result.exit_code == 1, result.output
        lines = [line for line in result.stderr.splitlines() if "its entry id is also on" in line]
        assert len(lines) == copies + 1
        assert "more (a row copied?)" in lines[-1]
        sizes[copies] = len(result.stderr)
    assert sizes[400] < 5 * sizes[100]
