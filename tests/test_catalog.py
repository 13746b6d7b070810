"""Templates and catalogs: build, sync without losing work, load, validity for GNU gettext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from aligner import catalog, segment, source
from aligner.cli import app
from aligner.errors import CatalogError
from aligner.model import Status
from tests.conftest import ROOT, SEED, SEED_PO, require_tool

SEED_NAME = SEED.name


def items_for(text: str, path: str = f"seeds/{SEED_NAME}") -> list[catalog.TemplateEntry]:
    document = source.parse(text, doc_id=SEED.stem, path=path)
    return catalog.template_entries(segment.segment(document), path)


def sync(text: str, po: Path) -> catalog.SyncReport:
    output, report = catalog.sync_catalog(SEED.stem, items_for(text), "en", po)
    catalog.save(po, output)
    return report


def translate(po: Path, translations: dict[str, str], *, comment: str = "") -> None:
    """Stand in for a translator in a PO editor: fill msgstrs (and one comment) with polib."""
    pofile = polib.pofile(str(po))
    for entry in pofile:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if comment:
                entry.tcomment = comment
    pofile.save()


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def msgfmt_check(msgfmt: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([msgfmt, "-c", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True)


def test_template_has_one_entry_per_distinct_segment_with_all_references(seed_text: str) -> None:
    items = items_for(seed_text)
    assert len(items) == 103  # 104 segments; "[ 发布机构 ] 市科技局" occurs twice
    repeated = next(i for i in items if i.msgid == "[ 发布机构 ] 市科技局")
    assert repeated.references == ((f"seeds/{SEED_NAME}", 4), (f"seeds/{SEED_NAME}", 10))
    assert repeated.extracted == "metadata, paragraph 4 sentence 1; metadata, paragraph 10 sentence 1"


def test_written_catalogs_pass_msgfmt_and_are_deterministic(msgfmt: str, tmp_path: Path, seed_text: str) -> None:
    po = tmp_path / "en" / "seed.po"
    pot = tmp_path / "seed.pot"
    sync(seed_text, po)
    catalog.save(pot, catalog.build_template(SEED.stem, items_for(seed_text)))
    for path in (po, pot):
        result = msgfmt_check(msgfmt, path)
        assert result.returncode == 0, result.stderr
    assert "103 untranslated messages" in msgfmt_check(msgfmt, po).stderr
    before = po.read_bytes(), pot.read_bytes()
    report = sync(seed_text, po)
    assert not report.changed
    catalog.save(pot, catalog.build_template(SEED.stem, items_for(seed_text), catalog.load(pot)))
    assert (po.read_bytes(), pot.read_bytes()) == before


def test_sync_keeps_fuzzies_obsoletes_and_revives(msgfmt: str, tmp_path: Path, seed_text: str) -> None:
    po = tmp_path / "seed.po"
    sync(seed_text, po)
    changed_old = "2020年,川渝联合出资2000万元实施15个重点研发项目。"
    vanished = "协同推进毗邻地区合作。"
    kept = "“一城多园”共建西部科学城。"
    translate(
        po,
        {
            changed_old: "In 2020, Sichuan and Chongqing jointly invested 20 million yuan in 15 key R&D projects.",
            vanished: "Cooperation between adjacent areas is promoted jointly.",
            kept: 'Western Science City is built jointly under the "one city, multiple parks" model.',
        },
        comment="checked against the 2020 budget report",
    )
    pofile = polib.pofile(str(po))
    pofile.find(kept).flags.append("python-format")  # a flag set in an editor survives too
    pofile.save()

    edited = seed_text.replace("2000万元实施15个", "3000万元实施18个").replace(vanished, "")
    report = sync(edited, po)
    assert (report.fuzzy, report.obsoleted) == (1, 2)  # the changed and the vanished sentence
    result = catalog.load(po)
    by_id = {e.msgid: e for e in result.entries}

    kept_entry = by_id[kept]
    assert kept_entry.status is Status.TRANSLATED
    assert kept_entry.comment == "checked against the 2020 budget report"
    assert "python-format" in kept_entry.flags

    new_id = changed_old.replace("2000万元实施15个", "3000万元实施18个")
    fuzzy = by_id[new_id]
    assert fuzzy.status is Status.FUZZY
    assert fuzzy.previous_msgid == changed_old
    assert fuzzy.msgstr.startswith("In 2020")  # the old translation, to be revised, not lost
    assert by_id[changed_old].obsolete

    gone = by_id[vanished]
    assert gone.obsolete and gone.msgstr == "Cooperation between adjacent areas is promoted jointly."
    assert "#~ msgid" in po.read_text(encoding="utf-8")
    assert msgfmt_check(msgfmt, po).returncode == 0

    # The sentence comes back: its translation is revived from the obsolete entry.
    report = sync(seed_text, po)
    assert report.revived >= 1
    back = {e.msgid: e for e in catalog.load(po).entries}
    assert back[vanished].status is Status.TRANSLATED
    assert back[changed_old].status is Status.TRANSLATED
    assert back[changed_old].msgstr.startswith("In 2020")


def test_sync_never_drops_a_translation_over_many_edits(tmp_path: Path, seed_text: str) -> None:
    po = tmp_path / "seed.po"
    sync(seed_text, po)
    all_ids = [e.msgid for e in catalog.load(po).entries]
    translate(po, {m: f"English {i}." for i, m in enumerate(all_ids)})
    # Delete every paragraph, one edit at a time; then restore the text.
    paragraphs = seed_text.split("\n\n")
    for cut in range(1, len(paragraphs), 5):
        sync("\n\n".join(paragraphs[cut:]), po)
    sync(seed_text, po)
    final = catalog.load(po)
    found = {e.msgstr for e in final.entries}
    assert {f"English {i}." for i in range(len(all_ids))} <= found
    assert all(e.status is Status.TRANSLATED for e in final.live)


def test_header_fields_set_by_a_translator_survive(tmp_path: Path, seed_text: str) -> None:
    po = tmp_path / "seed.po"
    sync(seed_text, po)
    pofile = polib.pofile(str(po))
    pofile.metadata["Last-Translator"] = "Li Hua <li.hua@example.org>"
    pofile.metadata["PO-Revision-Date"] = "2021-12-20 10:00+0800"
    pofile.save()
    sync(seed_text.replace("此复函已经局主要领导审签。", "此复函已经局领导审签。"), po)
    header = dict(catalog.load(po).header)
    assert header["Last-Translator"] == "Li Hua <li.hua@example.org>"
    assert header["PO-Revision-Date"] == "2021-12-20 10:00+0800"
    assert header["Language"] == "en"


def test_load_reports_msgid_lines_and_statuses(tmp_path: Path, seed_text: str) -> None:
    po = tmp_path / "seed.po"
    sync(seed_text, po)
    lines = po.read_text(encoding="utf-8").splitlines()
    for entry in catalog.load(po).entries:
        assert lines[entry.line - 1].startswith("msgid ")
        # a long msgid is wrapped: msgid "" and the text on the following lines
        assert entry.msgid[:5] in lines[entry.line - 1] + lines[entry.line]


def test_malformed_catalog_gives_file_and_line(tmp_path: Path) -> None:
    po = tmp_path / "bad.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b\n', encoding="utf-8"
    )
    with pytest.raises(CatalogError) as info:
        catalog.load(po)
    assert str(po) in str(info.value)
    assert info.value.line is not None
    binary = tmp_path / "messages.mo"
    binary.write_bytes(b"\xde\x12\x04\x95\x00\x00\x00\x00")
    with pytest.raises(CatalogError, match="binary"):
        catalog.load(binary)


def test_fill_catalog_fills_untranslated_only(tmp_path: Path, seed_text: str) -> None:
    po = tmp_path / "seed.po"
    sync(seed_text, po)
    translate(po, {"协同推进创新体系建设。": "Jointly advancing the building of the innovation system."})
    text, filled, skipped = catalog.fill_catalog(
        po,
        {
            "协同推进创新体系建设。": catalog.Fill("Machine guess."),
            "协同推进创新资源共享。": catalog.Fill(
                "Jointly promoting the sharing of innovation resources.", fuzzy=True
            ),
        },
    )
    assert (filled, skipped) == (1, 1)
    catalog.save(po, text)
    by_id = {e.msgid: e for e in catalog.load(po).entries}
    assert by_id["协同推进创新体系建设。"].msgstr == "Jointly advancing the building of the innovation system."
    assert by_id["协同推进创新资源共享。"].status is Status.FUZZY


def test_notes_a_tool_wrote_stay_with_their_entry_across_resegmenting(
    msgfmt: str, tmp_path: Path, seed_text: str
) -> None:
    po = tmp_path / "seed.po"
    sync(seed_text, po)
    notes = (
        "memory: 87% placeable, translations/en/old.po:12 (old, body, 2026-11-26), a note long enough to be wrapped"
        "\nmemory: figures rewritten: 2021 -> 2022"
    )
    text, _, _ = catalog.fill_catalog(
        po,
        {
            "协同推进创新体系建设。": catalog.Fill(
                "Jointly advancing the innovation system.", fuzzy=True, comment=notes
            ),
            "协同推进创新资源共享。": catalog.Fill(
                "Jointly sharing innovation resources.", comment="aligner: 1-1 bead"
            ),
        },
    )
    catalog.save(po, text)
    # The source changes elsewhere, so the re-segmenting rewrites the catalog (and every comment).
    edited = seed_text.replace("协同推进创新资源共享。", "协同推进创新资源共享。", 1) + "\n新增一段说明。\n"
    sync(edited, po)
    sync(edited, po)  # and a second run changes nothing
    by_id = {e.msgid: e for e in catalog.load(po).entries}
    fuzzy = by_id["协同推进创新体系建设。"]
    assert fuzzy.status is Status.FUZZY
    assert catalog.tool_notes(fuzzy.extracted) == notes.split("\n")
    assert fuzzy.extracted.split("\n")[0].startswith("body, paragraph")
    assert catalog.tool_notes(by_id["协同推进创新资源共享。"].extracted) == ["aligner: 1-1 bead"]
    assert msgfmt_check(msgfmt, po).returncode == 0
    # Confirmed by a translator, the entry keeps where its English came from.
    pofile = polib.pofile(str(po))
    for entry in pofile:
        if entry.msgid == "协同推进创新体系建设。":
            entry.flags.remove("fuzzy")
    pofile.save()
    sync(edited + "\n再加一段。\n", po)
    confirmed = {e.msgid: e for e in catalog.load(po).entries}["协同推进创新体系建设。"]
    assert confirmed.status is Status.TRANSLATED
    assert catalog.tool_notes(confirmed.extracted) == notes.split("\n")


# --------------------------------------------------------------------------- the file's own wrapping


def _segment_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "translations" / "en").mkdir(parents=True)
    shutil.copy(SEED_PO, tmp_path / "translations" / "en" / SEED_PO.name)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["segment"])
    assert result.exit_code == 0, result.stderr
    return tmp_path / "translations" / "en" / SEED_PO.name


@pytest.mark.parametrize("style", [["--no-wrap"], ["--width=79"]], ids=["msgcat --no-wrap", "msgcat --width=79"])
def test_resegmenting_an_editor_saved_catalog_changes_no_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, style: list[str]
) -> None:
    msgcat = require_tool("msgcat")
    po = _segment_project(tmp_path, monkeypatch)
    saved = subprocess.run([msgcat, *style, str(po)], capture_output=True, check=True).stdout
    saved = saved.replace(b"X-Generator: aligner", b"X-Generator: Poedit 3.4")
    assert saved != po.read_bytes()  # the editor's layout differs from ours
    po.write_bytes(saved)
    result = CliRunner().invoke(app, ["segment"])
    assert result.exit_code == 0, result.stderr
    assert po.read_bytes() == saved
    # A real change rewrites the file, in the file's own width, keeping the editor's fields.
    source_path = tmp_path / "seeds" / SEED.name
    source_path.write_text(source_path.read_text(encoding="utf-8") + "\n新增的一句话。\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["segment"]).exit_code == 0
    text = po.read_text(encoding="utf-8")
    assert "新增的一句话。" in text and "X-Generator: Poedit 3.4" in text
    assert catalog.wrap_width(text) == catalog.wrap_width(saved.decode("utf-8"))


def test_wrap_width_is_read_from_the_file() -> None:
    assert catalog.wrap_width(SEED_PO.read_text(encoding="utf-8")) == 78
    wrapped_79 = 'msgid ""\nmsgstr ""\n"' + "x " * 38 + 'y"\n"rest"\n'
    assert catalog.wrap_width(wrapped_79) == 79
    long_line = 'msgid "a"\nmsgstr "' + "word " * 30 + '"\n'
    assert catalog.wrap_width(long_line) == 0


def test_an_obsolete_entry_keeps_its_previous_msgid(tmp_path: Path) -> None:
    po = tmp_path / "doc.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        '#, fuzzy\n#| msgid "旧的一句。"\nmsgid "新的一句。"\nmsgstr "The old sentence."\n',
        encoding="utf-8",
    )
    text, report = catalog.sync_catalog("doc", [], "en", po)
    assert report.obsoleted == 1
    assert '#~| msgid "旧的一句。"' in text
    po.write_text(text, encoding="utf-8")
    (entry,) = catalog.load(po).entries
    assert entry.obsolete and entry.previous_msgid == "旧的一句。" and entry.msgstr == "The old sentence."


def test_a_long_segment_edited_twice_comes_back_fuzzy(tmp_path: Path) -> None:
    pairs = [(e.msgid, e.msgstr) for e in catalog.load(SEED_PO).live if e.msgstr]
    joined = "".join(m for m, _ in pairs)
    msgid = (joined * (100_000 // len(joined) + 1))[:100_000]
    po = tmp_path / "doc.po"
    item = catalog.TemplateEntry(msgid, (("seeds/doc.txt", 1),), "body")
    text, _ = catalog.sync_catalog("doc", [item], "en", po)
    po.write_text(text, encoding="utf-8")
    text, _, _ = catalog.fill_catalog(po, {msgid: catalog.Fill("The whole document.")})
    po.write_text(text, encoding="utf-8")
    changed = msgid[:30_000] + "变" + msgid[30_001:70_000] + "化" + msgid[70_001:]
    text, report = catalog.sync_catalog("doc", [catalog.TemplateEntry(changed, item.references, "body")], "en", po)
    assert report.fuzzy == 1
    po.write_text(text, encoding="utf-8")
    (entry,) = catalog.load(po).live
    assert entry.msgstr == "The whole document." and entry.status is Status.FUZZY
    assert entry.previous_msgid == msgid


def test_bounded_similarity_agrees_with_difflib_on_the_seed() -> None:
    import difflib

    texts = [e.msgid for e in catalog.load(SEED_PO).live if len(e.msgid) > 10]
    for a in texts:
        b = a[: len(a) // 2] + "有所" + a[len(a) // 2 + 1 :]
        expected = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        assert abs(catalog._similarity(a, b) - expected) < 0.02, a
    assert catalog._similarity(texts[0], texts[1]) < catalog.FUZZY_THRESHOLD


def test_a_fill_with_nothing_new_keeps_an_editor_saved_catalog(tmp_path: Path) -> None:
    msgcat = require_tool("msgcat")
    po = tmp_path / "seed.po"
    po.write_bytes(subprocess.run([msgcat, "--no-wrap", str(SEED_PO)], capture_output=True, check=True).stdout)
    translated = {e.msgid: catalog.Fill("Other.") for e in catalog.load(po).live if e.msgstr}
    text, filled, skipped = catalog.fill_catalog(po, translated)
    assert (filled, skipped) == (0, len(translated))
    assert text.encode("utf-8") == po.read_bytes()


def test_same_text_answers_as_writing_both_out() -> None:
    """The field comparison that spares a no-change re-run from writing the catalog out twice."""
    import copy

    from aligner import poscan

    data = SEED_PO.read_bytes()
    base = catalog._to_polib(poscan.read(data, str(SEED_PO)), catalog.wrap_width(data.decode()))
    changes: dict[str, object] = {
        "obsolete": True,
        "tcomment": "a translator's note",
        "comment": "Terms: 科技 = science",
        "occurrences": [("seeds/other.txt", "3")],
        "flags": ["fuzzy"],
        "previous_msgctxt": "ctx",
        "previous_msgid": "旧的",
        "previous_msgid_plural": "旧的们",
        "msgctxt": "ctx",
        "msgid": "新的。",
        "msgid_plural": "新的们",
        "msgstr": "New.",
        "msgstr_plural": {0: "New."},
    }
    assert set(changes) == set(catalog._WRITTEN)
    assert catalog._same_text(base, copy.deepcopy(base))
    for field, value in changes.items():
        edited = copy.deepcopy(base)
        setattr(edited[7], field, value)
        assert catalog._same_text(base, edited) is False, field
    # What polib keeps besides the written fields never changes the text: the list is complete.
    for field in set(vars(polib.POEntry(msgid="x"))) - set(catalog._WRITTEN):
        edited = copy.deepcopy(base)
        setattr(edited[7], field, 12345 if field == "linenum" else "latin-1")
        assert catalog._entries_text(edited) == catalog._entries_text(base), field
    narrow = copy.deepcopy(base)
    narrow.wrapwidth = 0
    assert catalog._same_text(base, narrow) == (catalog._entries_text(base) == catalog._entries_text(narrow))
