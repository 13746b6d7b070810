"""Reading sources: encodings, BOM, line ends, errors with file and byte offset."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner import segment, source
from aligner.errors import AlignerError, SourceError
from tests.conftest import DOCS, SEED


def seed_texts(path: Path, **kwargs: str) -> list[str]:
    return [s.text for s in segment.segment(source.read(path, **kwargs))]


def test_utf8_bom_is_dropped() -> None:
    document = source.read(DOCS / "11_cpc_sc_opinion_rural_revitalization_2018.txt")
    assert document.encoding == "utf-8-sig"
    assert document.text.startswith("中共中央")
    assert document.paragraphs[0].text == "中共中央 国务院关于实施乡村振兴战略的意见"


def test_crlf_and_cr_read_like_lf(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert seed_texts(crlf) == seed_texts(SEED)
    lines = [s.line for s in segment.segment(source.read(crlf))]
    assert lines == [s.line for s in segment.segment(source.read(SEED))]


def test_gb18030_is_detected_when_utf8_fails(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    document = source.read(path)
    assert document.encoding == "gb18030"
    assert seed_texts(path) == seed_texts(SEED)


def test_explicit_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("第一条　为了规范管理，制定本办法。".encode("gbk"))
    assert seed_texts(path, encoding="gbk") == ["第一条　为了规范管理，制定本办法。"]
    with pytest.raises(SourceError, match="unknown encoding"):
        source.read(path, encoding="klingon")


def test_undecodable_bytes_name_file_line_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    good = "第一行。\n第二行".encode()
    path.write_bytes(good + b"\xff\xfe\xfa\xff\x80\x80\n")
    with pytest.raises(SourceError) as info:
        source.read(path)
    message = str(info.value)
    assert str(path) in message
    assert f"byte offset {len(good)}" in message
    assert ":2:" in message
    assert "--encoding" in message


def test_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(SourceError, match="binary file"):
        source.read(binary)
    with pytest.raises(SourceError, match="no such file"):
        source.read(tmp_path / "missing.txt")
    with pytest.raises(SourceError, match="folder"):
        source.read(tmp_path)


def test_empty_document_has_no_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(" \n\u3000\n\n", encoding="utf-8")
    assert source.read(path).paragraphs == ()


def test_paragraph_offsets_map_back_to_the_source() -> None:
    document = source.read(SEED)
    for paragraph in document.paragraphs:
        for index, char in enumerate(paragraph.text):
            assert document.text[paragraph.source_offset(index)] == char


def test_hard_wrapped_text_is_rejoined() -> None:
    # The seed's third body paragraph, hard-wrapped at 24 characters as e-mail and old
    # word processors do; the wrap falls inside words and inside a number.
    paragraph = (
        "中央财经委员会第六次会议召开以来,我市坚持以习近平新时代中国特色社会主义思想为指导,"
        "深入贯彻落实习近平总书记关于推动成渝地区双城经济圈建设的重要指示精神,"
        "积极破除阻碍创新要素自由流动的体制机制障碍。"
    )
    wrapped = "\n".join(paragraph[i : i + 24] for i in range(0, len(paragraph), 24))
    document = source.parse("一、总体要求\n" + wrapped + "\n二、主要目标", doc_id="w", path="w.txt")
    assert [p.text for p in document.paragraphs] == ["一、总体要求", paragraph, "二、主要目标"]


def test_latin_words_broken_over_lines_keep_one_space() -> None:
    document = source.parse("推进“科创板+注册制”改革，参见Shanghai Stock\nExchange的规定。", doc_id="l", path="l.txt")
    assert document.paragraphs[0].text == "推进“科创板+注册制”改革，参见Shanghai Stock Exchange的规定。"


@pytest.mark.parametrize(
    "lines",
    [
        # wrapped between two words (jieba sees no word across the break): the comma shows
        # that a sentence has begun and not ended
        ["经与市委组织部、市财政局、市教委共同研究，现将", "办理情况答复如下："],
        # a long line without end punctuation is body text, never a title
        [
            "中央财经委员会第六次会议召开以来,我市坚持以习近平新时代中国特色社会主义思想为指导深入贯彻落实",
            "习近平总书记关于推动成渝地区双城经济圈建设的重要指示精神。",
        ],
    ],
)
def test_lines_wrapped_between_words_are_rejoined(lines: list[str]) -> None:
    document = source.parse("\n".join(lines), doc_id="w", path="w.txt")
    assert [p.text for p in document.paragraphs] == ["".join(lines)]


def test_a_heading_with_a_comma_still_stands_alone() -> None:
    text = "三、提升农业发展质量，培育乡村发展新动能\n乡村振兴，产业兴旺是重点。"
    document = source.parse(text, doc_id="h", path="h.txt")
    assert len(document.paragraphs) == 2


def test_a_nul_after_the_first_8_kb_is_binary(tmp_path: Path) -> None:
    late = tmp_path / "late.txt"
    late.write_bytes(("一二三四五六七八九十。\n" * 1000).encode("utf-8") + b"\x00\x01PK")
    with pytest.raises(SourceError, match="binary file"):
        source.read(late)


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom"])
def test_special_files_are_refused_not_read(special: str) -> None:
    with pytest.raises(AlignerError, match="not a regular file"):
        source.read(special)


def test_a_huge_source_is_refused_with_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(20 * 1024**3)
    with pytest.raises(AlignerError, match="too large"):
        source.read(huge)
