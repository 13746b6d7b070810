"""The English document alone, in the source's paragraphs."""

from __future__ import annotations

from pathlib import Path

from aligner.model import Entry
from aligner.render import text
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
