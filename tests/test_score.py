"""aligner score agrees with sacrebleu's own command line on the same segments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import checks_seed
from aligner import score
from aligner.cli import app
from aligner.model import JOINED_MARK
from conftest import SEED_PO, require_tool

runner = CliRunner()
SACREBLEU = Path(sys.executable).with_name("sacrebleu")

# A draft: the fixture's English with a few segments worded differently and one left untranslated.
DRAFT_CHANGES = {
    "协同推进创新体系建设。": "Jointly promote the innovation system.",
    "着力深化债权融资。": "Deepen debt financing efforts.",
    "2021年11月16日": "November 16, 2021",
}


def draft_pairs() -> list[tuple[str, str, int]]:
    return [(m, DRAFT_CHANGES.get(m, s), n) for m, s, n in checks_seed.PAIRS]


@pytest.fixture(scope="module")
def sacrebleu() -> str:
    """sacrebleu's own command line (installed with the package), asked for before any assertion."""
    return require_tool(str(SACREBLEU))


def sacrebleu_cli(sacrebleu: str, ref: Path, hyp: Path) -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sacrebleu, str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {item["name"]: item for item in json.loads(done.stdout)}


def assert_agrees(sacrebleu: str, ours: score.Report, ref: Path, hyp: Path) -> None:
    theirs = sacrebleu_cli(sacrebleu, ref, hyp)
    for name, key in (("BLEU", "bleu"), ("chrF2", "chrf"), ("TER", "ter")):
        assert round(ours.scores[key]["score"], 1) == theirs[name]["score"], name
        assert ours.signatures[key] == theirs[name]["signature"], name


def test_text_files_agree_with_sacrebleu(sacrebleu: str, tmp_path: Path) -> None:
    ref = tmp_path / "ref.txt"
    hyp = tmp_path / "hyp.txt"
    ref.write_text("\n".join(s for _m, s, _n in checks_seed.PAIRS[:-1]) + "\n", encoding="utf-8")
    hyp.write_text("\n".join(s for _m, s, _n in draft_pairs()[:-1]) + "\n", encoding="utf-8")
    ours = score.score(hyp, ref)
    assert ours.mismatched == []
    assert len(ours.segments) == len(checks_seed.PAIRS) - 1
    assert_agrees(sacrebleu, ours, ref, hyp)


def test_catalogs_agree_with_sacrebleu_on_the_matched_segments(sacrebleu: str, tmp_path: Path) -> None:
    ref = SEED_PO if SEED_PO.is_file() else checks_seed.write(tmp_path / "ref.po")
    hyp = checks_seed.write(tmp_path / "draft.po", draft_pairs())
    ours = score.score(hyp, ref)
    # The same pairs as plain text, for sacrebleu's command line.
    ref_txt, hyp_txt = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref_txt.write_text("".join(s["reference"] + "\n" for s in ours.segments), encoding="utf-8")
    hyp_txt.write_text("".join(s["hypothesis"] + "\n" for s in ours.segments), encoding="utf-8")
    assert_agrees(sacrebleu, ours, ref_txt, hyp_txt)
    assert 0 < ours.scores["bleu"]["score"] < 100


def test_identical_catalogs_score_perfectly(tmp_path: Path) -> None:
    po = checks_seed.write(tmp_path / "a.po")
    ours = score.score(po, po)
    assert ours.scores["bleu"]["score"] == pytest.approx(100.0)
    assert ours.scores["ter"]["score"] == pytest.approx(0.0)


def test_segments_on_one_side_are_reported_not_dropped(tmp_path: Path) -> None:
    ref = checks_seed.write(tmp_path / "ref.po")
    # The draft lacks one entry and leaves another untranslated.
    pairs = [p for p in draft_pairs() if p[0] != "着力深化债权融资。"]
    pairs = [(m, "" if m == "共同推进直接融资。" else s, n) for m, s, n in pairs]
    hyp = checks_seed.write(tmp_path / "draft.po", pairs)
    result = runner.invoke(app, ["score", str(hyp), "--ref", str(ref), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"bleu", "chrf", "ter", "signatures", "segments"}
    only = sorted(m["key"] for m in data["mismatched"])
    assert only == sorted(["着力深化债权融资。", "共同推进直接融资。"])
    assert all(m["only_in"] == "reference" for m in data["mismatched"])
    assert "segment only in the reference" in result.stderr and "着力深化债权融资" in result.stderr
    # Left out: the two above, the QR-code line (untranslated on both sides), and the "↑" entry,
    # scored together with the segment before it.
    assert len(data["segments"]) == len(checks_seed.PAIRS) - 4


def test_text_files_of_different_lengths(tmp_path: Path) -> None:
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref.write_text("Building the innovation system together.\nSharing innovation resources.\nDirect financing.\n")
    hyp.write_text("Building the innovation system jointly.\nSharing resources.\n")
    result = runner.invoke(app, ["score", str(hyp), "--ref", str(ref)])
    assert result.exit_code == 0
    assert f"{ref}:3: segment only in the reference" in result.stderr
    assert "BLEU =" in result.stdout and "chrF2 =" in result.stdout and "TER =" in result.stdout
    assert "worst 2 by sentence chrF" in result.stdout


def test_joined_entries_are_scored_as_one_segment(tmp_path: Path) -> None:
    first, second = "协同推进毗邻地区合作。", checks_seed.PAIRS[36][0]
    ref = checks_seed.write(
        tmp_path / "ref.po",
        [(first, "Adjacent areas cooperate: Liangjiang and Tianfu build a gateway.", 1), (second, JOINED_MARK, 2)],
    )
    hyp = checks_seed.write(
        tmp_path / "hyp.po",
        [(first, "Adjacent areas cooperate.", 1), (second, "Liangjiang and Tianfu build a gateway.", 2)],
    )
    ours = score.score(hyp, ref)
    assert ours.mismatched == []
    (segment,) = ours.segments
    assert segment["hypothesis"] == "Adjacent areas cooperate. Liangjiang and Tianfu build a gateway."


def test_po_against_text_is_an_input_error(tmp_path: Path) -> None:
    po = checks_seed.write(tmp_path / "a.po")
    txt = tmp_path / "b.txt"
    txt.write_text("Hello.\n")
    result = runner.invoke(app, ["score", str(po), "--ref", str(txt)])
    assert result.exit_code == 2
    assert result.stderr.startswith("aligner: error: ")


def test_worst_segments_never_include_perfect_ones(tmp_path: Path) -> None:
    ref = checks_seed.write(tmp_path / "ref.po")
    hyp = checks_seed.write(tmp_path / "draft.po", draft_pairs())
    ours = score.score(hyp, ref)
    worst = ours.worst(10)
    assert sorted(row["key"] for row in worst) == sorted(DRAFT_CHANGES)  # 3 changed; the rest score 100
    assert all(row["chrf"] < 100 for row in worst)
    result = runner.invoke(app, ["score", str(hyp), "--ref", str(ref), "--worst", "10"])
    assert result.exit_code == 0, result.output
    assert "worst 3 by sentence chrF" in result.stdout and "100.00" not in result.stdout
    data = json.loads(runner.invoke(app, ["score", str(hyp), "--ref", str(ref), "-f", "json"]).stdout)
    assert sorted(data["worst"]) == sorted(DRAFT_CHANGES)


def test_the_kind_of_a_side_comes_from_its_content_not_its_name(tmp_path: Path) -> None:
    po_named_txt = checks_seed.write(tmp_path / "draft.txt", draft_pairs())
    ref = checks_seed.write(tmp_path / "ref.po")
    assert score.kind_of(po_named_txt) == "po" and score.kind_of(ref) == "po"
    by_msgid = score.score(po_named_txt, ref)
    assert by_msgid.mismatched == [] and len(by_msgid.segments) == len(checks_seed.PAIRS) - 2
    text_named_po = tmp_path / "hyp.po"
    text_named_po.write_text("# Heading in Markdown\nSharing innovation resources.\nDirect financing.\n", "utf-8")
    text_ref = tmp_path / "ref.txt"
    text_ref.write_text("Building the innovation system together.\nSharing innovation resources.\nDirect finance.\n")
    assert score.kind_of(text_named_po) == "text"
    by_line = score.score(text_named_po, text_ref)
    assert [s["hypothesis"] for s in by_line.segments][1:] == ["Sharing innovation resources.", "Direct financing."]


def test_text_output_escapes_control_characters(tmp_path: Path) -> None:
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref.write_text("Sharing innovation resources.\nDirect financing.\n")
    hyp.write_text("Sharing \x1b[2Jresources.\nDirect \u202efinancing.\n")
    result = runner.invoke(app, ["score", str(hyp), "--ref", str(ref)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "Sharing \\x1b[2Jresources." in result.stdout and "\\u202efinancing" in result.stdout
    data = json.loads(runner.invoke(app, ["score", str(hyp), "--ref", str(ref), "-f", "json"]).stdout)
    assert data["segments"][1]["hypothesis"] == "Direct \u202efinancing."


def test_messages_quoting_a_msgid_escape_its_control_characters(tmp_path: Path) -> None:
    hostile = "召开会议\x1b]0;pwned\x07。"
    ref = checks_seed.write(tmp_path / "ref.po", [*checks_seed.PAIRS[:20], (hostile, "Meetings were held.", 40)])
    hyp = checks_seed.write(tmp_path / "hyp.po", checks_seed.PAIRS[:20])
    result = runner.invoke(app, ["score", str(hyp), "--ref", str(ref)])
    assert result.exit_code == 0, result.output
    assert "segment only in the reference: 召开会议\\x1b]0;pwned\\x07。" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_a_folder_or_a_missing_file_is_named_as_such(tmp_path: Path) -> None:
    ref = checks_seed.write(tmp_path / "ref.po")
    for path, what in ((tmp_path, "is a folder, not a file"), (tmp_path / "none.txt", "no such file")):
        result = runner.invoke(app, ["score", str(path), "--ref", str(ref)])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"aligner: error: {path}: {what};"), result.stderr
