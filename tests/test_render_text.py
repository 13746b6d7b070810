"""The English document alone, in the source's paragraphs."""

from __future__ import annotations

from pathlib import Path

from aligner.model import Entry, Kind
from aligner.render import markdown, text
from test_render_common import letter, seed_alignment, seed_segments, write_seed_catalog


def test_paragraphs_follow_the_source() -> None:
    out = text.english(letter())
    paragraphs = out.text.rstrip("\n").split("\n\n")
    assert paragraphs[0] == "You are here: Home >> Government affairs"
    # Metadata lines sit on consecutive source lines: no blank line between them.
    assert paragraphs[1] == ("[ Index number ] 115/2021-00319\n[ Issuer ] Municipal Science and Technology Bureau")
    assert paragraphs[2] == "Reply to Proposal No. 0426"
    assert paragraphs[5] == (
        "(1) Establishing a cooperation mechanism. A joint task force was set up. It met three times "
        "共同争取国家支持。完善政策体系。"  # Chinese fallbacks run on, no space
    )
    assert paragraphs[-2].strip() == "Chongqing Municipal Science and Technology Bureau"
    assert paragraphs[-2].endswith("Bureau") and len(paragraphs[-2]) == text.WIDTH  # right-aligned
    assert out.text.endswith("16 November 2021\n")


def test_fallbacks_are_counted() -> None:
    out = text.english(letter())
    assert out.untranslated == ("7.5",)
    assert out.fuzzy == ("7.6",)
    assert out.fallbacks == 2


def test_joined_mark_never_printed() -> None:
    assert "↑" not in text.render(letter())


def test_seed_text_is_the_whole_english_document(tmp_path: Path) -> None:
    po = write_seed_catalog(tmp_path / "en" / "seed.po")
    alignment = seed_alignment(po)
    out = text.english(alignment)
    document, _ = seed_segments()
    # Every translated entry appears once per segment, in the source's order.
    position = 0
    for row in alignment.rows:
        entry = row.entry
        assert entry is not None
        if entry.joined:
            continue
        wanted = " ".join(entry.msgstr.split()) if entry.msgstr and not entry.fuzzy else row.segment.text
        found = out.text.find(wanted, position)
        assert found >= 0, (row.segment.position, wanted)
        position = found + len(wanted)
    # One block of text per source paragraph (consecutive metadata lines stay together).
    blocks = out.text.rstrip("\n").split("\n\n")
    gaps = [p for p in document.paragraphs if p.number > 1]
    separated = sum(1 for p, q in zip(document.paragraphs, gaps, strict=False) if q.line - p.pieces[-1].line > 1)
    assert len(blocks) == separated + 1


def test_untranslated_seed_falls_back_to_the_source(tmp_path: Path) -> None:
    def blank(index: int, entry: Entry) -> Entry:
        return Entry(entry.msgid, "" if index % 2 else entry.msgstr, references=entry.references)

    out = text.english(seed_alignment(write_seed_catalog(tmp_path / "en" / "seed.po", blank)))
    assert out.untranslated
    _, segments = seed_segments()
    assert segments[1].text in out.text


def test_indented_body_and_headings_stay_left_only_closing_lines_go_right() -> None:
    from test_render_common import make_alignment

    rows = [
        ("一、总体要求", Kind.HEADING, 1, "I. General requirements"),
        ("　　坚持稳中求进。", Kind.BODY, 2, "Seek progress while keeping stability."),
        ("重庆市科学技术局", Kind.SIGNATURE, 3, "Chongqing Municipal Science and Technology Bureau"),
        ("2021年11月16日", Kind.DATE, 4, "16 November 2021"),
    ]
    # Every line indented in the source, as white papers indent theirs with 　　.
    out = text.english(make_alignment(rows, indented=(1, 2, 3, 4))).text.split("\n\n")
    assert out[0] == "I. General requirements" and out[1] == "Seek progress while keeping stability."
    assert out[2] == "Chongqing Municipal Science and Technology Bureau".rjust(text.WIDTH)
    assert out[3].rstrip("\n") == "16 November 2021".rjust(text.WIDTH)
    md = markdown.render(make_alignment(rows, indented=(1, 2, 3, 4)))
    assert "| 2.1 | 　　坚持稳中求进。 | Seek progress while keeping stability. |" in md
