"""The translation memory: units, the index, scores and bands, placeables."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aligner import catalog
from aligner.memory import placeables
from aligner.memory.index import Index, skeleton
from aligner.memory.match import band, find, score
from aligner.memory.units import MemoryFileError, Unit, normalize, read_po, read_tmx
from tests.conftest import SEED_PO


@pytest.fixture(scope="module")
def seed_index() -> Index:
    index = Index.open(":memory:")
    index.update([(SEED_PO, "seed.po")])
    return index


def test_normalize_folds_width_and_drops_space() -> None:
    assert normalize("２０２１年 11月\u3000１６日（一）") == "2021年11月16日(一)"


def test_seed_catalog_units_keep_origin(seed_index: Index) -> None:
    units = read_po(SEED_PO, "seed.po")
    assert len(units) == 103
    first = units[0]
    assert (first.path, first.doc, first.kind, first.date) == ("seed.po", SEED_PO.stem, "boilerplate", "2026-11-26")
    assert first.line == catalog.load(SEED_PO).entries[0].line
    assert seed_index.stats()["units"] == 103


def test_lookup_finds_exact_placeable_and_fuzzy(seed_index: Index) -> None:
    model = catalog.load(SEED_PO)
    sentence = next(e for e in model.entries if "112亿元" in e.msgid)
    exact = find(seed_index, sentence.msgid, "en", kind="body")
    assert exact is not None and (exact.score, exact.band, exact.unit.en) == (100, "exact", sentence.msgstr)
    changed = sentence.msgid.replace("约112亿元", "约95亿元")
    placeable = find(seed_index, changed, "en")
    assert placeable is not None and placeable.band == "placeable" and placeable.unit.zh == sentence.msgid
    fuzzy = find(seed_index, sentence.msgid.replace("大型仪器设备", "仪器"), "en")
    assert fuzzy is not None and fuzzy.band in ("85-94", "95-99") and fuzzy.unit.zh == sentence.msgid
    assert find(seed_index, "完全不同的一句话，与记忆库无关。", "en") is None
    assert find(seed_index, sentence.msgid, "fr") is None


def test_bands_and_scores() -> None:
    assert score("第十二条", "第十二条") == 100
    assert score("甲乙丙丁戊己庚辛壬癸", "甲乙丙丁戊己庚辛壬子") == 90
    assert [band(v) for v in (100, 99, 95, 94, 85, 84, 75)] == [
        "exact",
        "95-99",
        "95-99",
        "85-94",
        "85-94",
        "75-84",
        "75-84",
    ]
    assert band(80, placeable=True) == "placeable"


def test_ties_go_to_same_kind_then_same_document_then_newest() -> None:
    index = Index.open(":memory:")
    zh = "加强科技创新人才引育。"
    units = [
        Unit(zh, "Old heading", "en", "a.po", 1, "a", "heading", "2020-01-01"),
        Unit(zh, "Body, other doc, newest", "en", "b.po", 1, "b", "body", "2024-01-01"),
        Unit(zh, "Body, same doc, older", "en", "c.po", 1, "new", "body", "2021-01-01"),
        Unit(zh, "Body, same doc, newer", "en", "d.po", 1, "new", "body", "2022-01-01"),
    ]
    index._store("x.tmx", 0, 0, 0, units)
    best = find(index, zh, "en", kind="body", doc="new")
    assert best is not None and best.unit.en == "Body, same doc, newer"
    assert set(best.conflicts) == {"Old heading", "Body, other doc, newest", "Body, same doc, older"}
    assert find(index, zh, "en", kind="heading", doc="new").unit.en == "Old heading"  # type: ignore[union-attr]


def test_duplicates_collapse_conflicts_are_counted() -> None:
    index = Index.open(":memory:")
    units = [Unit("一、总体要求", "I. General Requirements", "en", f"{n}.po", 1, str(n), "heading") for n in range(3)]
    units.append(Unit("一、总体要求", "I. Overall Requirements", "en", "9.po", 1, "9", "heading"))
    index._store("x.tmx", 0, 0, 0, units)
    stats = index.stats()
    assert (stats["units"], stats["pairs"], stats["duplicates"], stats["conflicts"]) == (4, 2, 2, 1)
    best = find(index, "一、总体要求", "en", kind="heading", doc="0")
    assert best is not None and best.origins == 3 and best.conflicts == ("I. Overall Requirements",)


@pytest.mark.parametrize(
    ("old_zh", "old_en", "new_zh", "new_en"),
    [
        (
            "论证遴选高校院所项目44个",
            "assessed and selected 44 projects",
            "论证遴选高校院所项目46个",
            "assessed and selected 46 projects",
        ),
        (
            "总价值约112亿元",
            "a total value of about 11.2 billion yuan",
            "总价值约95亿元",
            "a total value of about 9.5 billion yuan",
        ),
        (
            "总价值约112亿元",
            "a total value of about 11,200 million yuan",
            "总价值约95亿元",
            "a total value of about 9,500 million yuan",
        ),
        ("2021年11月16日", "16 November 2021", "2022年3月8日", "8 March 2022"),
        ("2021年11月16日", "November 16, 2021", "2022年3月8日", "March 8, 2022"),
        ("日期:2021-12-06", "Date: 2021-12-06", "日期:2022-01-09", "Date: 2022-01-09"),
        (
            "第十二条 本解释自公布之日起施行。",
            "Article 12 This Interpretation shall come into force.",
            "第十四条 本解释自公布之日起施行。",
            "Article 14 This Interpretation shall come into force.",
        ),
        (
            "年均增长12.5%",
            "an average annual increase of 12.5%",
            "年均增长13.1%",
            "an average annual increase of 13.1%",
        ),
        (
            "国务院第6次大督查",
            "the State Council's sixth major inspection",
            "国务院第7次大督查",
            "the State Council's seventh major inspection",
        ),
        (
            "市政协五届四次会议",
            "the Fourth Session of the Fifth CPPCC",
            "市政协五届五次会议",
            "the Fifth Session of the Fifth CPPCC",
        ),
    ],
)
def test_placeables_rewrite_the_english(old_zh: str, old_en: str, new_zh: str, new_en: str) -> None:
    assert skeleton(normalize(old_zh)) == skeleton(normalize(new_zh))
    adapted = placeables.adapt(old_zh, old_en, new_zh)
    assert adapted.msgstr == new_en and not adapted.notes


def test_a_figure_that_cannot_be_rewritten_is_named() -> None:
    adapted = placeables.adapt("项目44个", "forty-four projects", "项目46个")
    assert adapted.msgstr == "forty-four projects"
    assert adapted.notes == ("“46” (was “44”: not found in the English)",)
    twice = placeables.adapt("新增3个、累计3个", "3 new, 3 in all", "新增4个、累计5个")
    assert twice.msgstr == "4 new, 5 in all" and all("placed by order" in note for note in twice.notes)


def test_tmx_reader_and_its_errors(tmp_path: Path) -> None:
    good = tmp_path / "m.tmx"
    good.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN"/><body>\n'
        '<tu changedate="20240102T000000Z"><tuv xml:lang="zh-CN"><seg>一、总体要求</seg></tuv>'
        '<tuv xml:lang="en-GB"><seg>I. General &amp; Requirements</seg></tuv></tu>\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    (unit,) = read_tmx(good, "m.tmx")
    assert (unit.zh, unit.en, unit.lang, unit.line, unit.date) == (
        "一、总体要求",
        "I. General & Requirements",
        "en",
        3,
        "2024-01-02",
    )
    bad = tmp_path / "bad.tmx"
    bad.write_text(
        '<tmx version="1.4"><body>\n<tu><tuv xml:lang="zh"><seg>甲</tuv></tu></body></tmx>\n', encoding="utf-8"
    )
    with pytest.raises(MemoryFileError) as error:
        read_tmx(bad, "bad.tmx")
    assert str(error.value).startswith("bad.tmx:2: malformed TMX: mismatched tag")
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx/>', encoding="utf-8")
    with pytest.raises(MemoryFileError, match="entities"):
        read_tmx(bomb, "bomb.tmx")


def test_index_is_incremental(tmp_path: Path) -> None:
    memory = tmp_path / "a.po"
    memory.write_bytes(SEED_PO.read_bytes())
    other = tmp_path / "b.po"
    other.write_bytes(SEED_PO.read_bytes())
    index = Index.open(tmp_path / ".aligner" / "memory.sqlite")
    first = index.update([(memory, "a.po"), (other, "b.po")])
    assert (first.read, first.unchanged, first.units) == (2, 0, 206)
    again = index.update([(memory, "a.po"), (other, "b.po")])
    assert (again.read, again.unchanged) == (0, 2)
    text = SEED_PO.read_text(encoding="utf-8").replace(
        'msgstr "Chongqing Municipal Science and Technology Bureau"', 'msgstr ""'
    )
    memory.write_text(text, encoding="utf-8")
    os.utime(memory, ns=(1, 1))
    changed = index.update([(memory, "a.po"), (other, "b.po")])
    assert (changed.read, changed.unchanged, changed.units) == (1, 1, 206 - 1)
    gone = index.update([(other, "b.po")])
    assert (gone.removed, gone.units) == (1, 103)
    index.close()
    reopened = Index.open(tmp_path / ".aligner" / "memory.sqlite")
    assert reopened.update([(other, "b.po")]).read == 0


def test_an_interrupted_update_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / ".aligner" / "memory.sqlite"
    index = Index.open(path)
    index.update([(SEED_PO, "seed.po")])
    index.db.execute("INSERT OR REPLACE INTO meta VALUES ('state', 'updating')")
    index.db.commit()
    index.close()
    again = Index.open(path)
    report = again.update([(SEED_PO, "seed.po")])
    assert (report.read, report.units) == (1, 103)
    path.write_bytes(b"not a database at all" * 100)
    assert Index.open(path).update([(SEED_PO, "seed.po")]).units == 103


def test_exported_tmx_reads_back_with_kinds(seed_index: Index, tmp_path: Path) -> None:
    from aligner.memory.concordance import export_tmx

    path = tmp_path / "all.tmx"
    path.write_text(export_tmx(seed_index, "en"), encoding="utf-8")
    back = {(u.zh, u.en, u.kind) for u in read_tmx(path, "all.tmx")}
    assert back == {(u.zh, u.en, u.kind) for u in read_po(SEED_PO, "seed.po")}


def test_containing_finds_phrases_of_any_length(seed_index: Index) -> None:
    for phrase in ("圈", "经济圈", "成渝地区双城经济圈"):
        rows = seed_index.containing(phrase, "en")
        expected = {u.zh for u in read_po(SEED_PO, "seed.po") if phrase in u.zh}
        assert {r.unit.zh for r in rows} == expected and expected


# --------------------------------------------------------------------------- the memory under hostile input


def _tmx(pairs: list[tuple[str, str]]) -> str:
    units = "".join(
        f'<tu><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
        for zh, en in pairs
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header/><body>{units}</body></tmx>\n'


def _project(root: Path, tmx: str) -> Path:
    (root / "translations" / "memory").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    (root / "translations" / "memory" / "old.tmx").write_text(tmx, encoding="utf-8")
    return root


def _tm(root: Path, *args: str) -> object:
    from typer.testing import CliRunner

    from aligner.cli import app

    old = Path.cwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(app, ["tm", *args])
    finally:
        os.chdir(old)


def test_a_memory_file_replaced_with_the_same_size_and_time_is_read_again(tmp_path: Path) -> None:
    root = _project(tmp_path, _tmx([("加强科技创新。", "Old English text.")]))
    memory = root / "translations" / "memory" / "old.tmx"
    assert "Old English text." in _tm(root, "search", "科技创新").stdout  # type: ignore[attr-defined]
    stamp = memory.stat()
    replacement = tmp_path / "new.tmx"
    replacement.write_text(_tmx([("加强科技创新。", "New English text.")]), encoding="utf-8")
    assert replacement.stat().st_size == stamp.st_size
    os.utime(replacement, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    os.replace(replacement, memory)  # as rsync -a leaves it: same size, same time
    assert memory.stat().st_size == stamp.st_size and memory.stat().st_mtime_ns == stamp.st_mtime_ns
    found = _tm(root, "search", "科技创新").stdout  # type: ignore[attr-defined]
    assert "New English text." in found and "Old English text." not in found


def test_a_memory_tmx_linked_out_of_the_project_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path / "project", _tmx([("加强科技创新。", "Ours.")]))
    secret = tmp_path / "secret.tmx"
    secret.write_text(_tmx([("机密文件。", "Secret text.")]), encoding="utf-8")
    (root / "translations" / "memory" / "linked.tmx").symlink_to(secret)
    result = _tm(root, "export", "-f", "tmx")
    assert result.exit_code == 2 and "resolves outside the project" in result.output  # type: ignore[attr-defined]
    assert "Secret text." not in result.output  # type: ignore[attr-defined]
    (root / "translations" / "memory" / "linked.tmx").unlink()
    # Named on the command line, the same file is the user's choice and is read.
    assert "Secret text." in _tm(root, "export", "-f", "tmx", "--tm", str(secret)).output  # type: ignore[attr-defined]


def test_a_memory_tmx_past_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    root = _project(tmp_path, _tmx([("加强科技创新。", "Ours.")]))
    huge = root / "translations" / "memory" / "huge.tmx"
    with open(huge, "wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB, sparse: no disk used
    result = _tm(root, "stats")
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert "huge.tmx: TMX too large (3,221,225,472 bytes" in result.output  # type: ignore[attr-defined]


def test_tm_export_never_replaces_a_memory_file(tmp_path: Path) -> None:
    root = _project(tmp_path, _tmx([("加强科技创新。", "Ours.")]))
    memory = root / "translations" / "memory" / "old.tmx"
    before = memory.read_bytes()
    result = _tm(root, "export", "-f", "tmx", "-o", "translations/memory/old.tmx")
    assert result.exit_code == 2 and "is an input of this command" in result.output  # type: ignore[attr-defined]
    assert memory.read_bytes() == before


def test_tm_search_prints_no_escape_sequence_or_bidi_control_raw(tmp_path: Path) -> None:
    root = _project(tmp_path, _tmx([("加强科技创新。", "Ours.")]))
    (root / "translations" / "memory" / "hostile.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        'msgid "推进科技创新\u202e。"\nmsgstr "Text \x1b[2J\x1b]0;title\x07 cleared\u202e."\n',
        encoding="utf-8",
    )
    text = _tm(root, "search", "科技创新").stdout  # type: ignore[attr-defined]
    assert "科技创新" in text
    assert not any(c in text for c in "\x1b\x07\u202e"), repr(text)
    assert "\\x1b[2J" in text and "\\u202e" in text
    data = _tm(root, "search", "科技创新", "--format", "json").stdout  # type: ignore[attr-defined]
    assert "\u202e" not in data and "\\u202e" in data


def test_an_index_aligner_did_not_make_here_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / ".aligner" / "memory.sqlite"
    index = Index.open(path)
    index.update([(SEED_PO, "seed.po")])
    # Units slipped into the index of another machine (or a clone): its owner tag is not ours.
    index.db.execute("UPDATE units SET en = 'Injected.'")
    index.db.execute("UPDATE meta SET value = 'someone else' WHERE key = 'owner'")
    index.db.commit()
    index.close()
    again = Index.open(path)
    report = again.update([(SEED_PO, "seed.po")])
    assert report.read == 1 and not [r for r in again.all_rows() if r.unit.en == "Injected."]


def test_an_index_in_a_linked_or_unwritable_folder_is_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / ".aligner").symlink_to(outside)
    index = Index.open(tmp_path / ".aligner" / "memory.sqlite")
    assert index.update([(SEED_PO, "seed.po")]).units == 103 and index.path == ":memory:"
    assert not any(outside.iterdir())
    (tmp_path / ".aligner").unlink()
    real = sqlite3.connect

    def read_only(name: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if name != ":memory:":
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only)
    index = Index.open(tmp_path / ".aligner" / "memory.sqlite")  # no RecursionError
    assert index.update([(SEED_PO, "seed.po")]).units == 103
