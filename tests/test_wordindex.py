"""The compact word index cuts exactly as jieba does, on the seed and the corpus documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner import chinese, wordindex
from tests.conftest import SEED, fixture_docs

GLOSSARY = Path(__file__).resolve().parents[1] / "translations" / "glossary.tsv"


def texts(docs: list[Path] | None = None) -> list[str]:
    return [SEED.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in docs or fixture_docs()]


@pytest.mark.parametrize("whole", [False, pytest.param(True, marks=pytest.mark.corpus)], ids=["excerpts", "corpus"])
def test_the_cut_equals_jiebas_on_the_seed_and_the_corpus(whole: bool, request: pytest.FixtureRequest) -> None:
    index = wordindex.default()
    jieba = chinese._tokenizer()
    documents = texts(request.getfixturevalue("zh_docs") if whole else None)
    assert len(documents) == 15
    for text in documents:
        assert list(index.cut(text)) == list(jieba.cut(text, HMM=False))  # type: ignore[attr-defined]


def test_taught_terms_get_jiebas_counts_and_cuts() -> None:
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()[1:]
    terms = tuple(sorted({line.split("\t")[0] for line in lines if line.strip()}))
    index = wordindex.taught(terms)
    jieba = chinese._tokenizer_with(terms)
    assert index.total == jieba.total  # type: ignore[attr-defined]
    assert all(index.taught[t] == jieba.FREQ[t] for t in terms)  # type: ignore[attr-defined]
    for text in texts():
        assert list(index.cut(text)) == list(jieba.cut(text, HMM=False))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    ["", "abc 12.5% 中文", "C++和c#都是AT&T的", "\r\n　\u3000 ", "加快促进成渝地区科技创新", "𠀀〇一二", "a-b_c.d"],
)
def test_edge_cases_equal_jieba(text: str) -> None:
    jieba = chinese._tokenizer()
    assert list(wordindex.default().cut(text)) == list(jieba.cut(text, HMM=False))  # type: ignore[attr-defined]


def test_frequency_reads_as_jiebas() -> None:
    index = wordindex.default()
    jieba = chinese._tokenizer()
    for word in ("院士", "中科", "中科院士", "的", "𠀀", "中华人民共和"):
        assert index.get(word, 1) == jieba.FREQ.get(word, 1)  # type: ignore[attr-defined]


def test_a_damaged_index_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner import cache

    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    data = "地区 8000 n\n科技 5000 n\n地 160541 uv\n区 24952 n\n科 4000 n\n技 3000 n\n的 318825 uj\n".encode()
    built = cache.cached("words", "test", ".idx", lambda: wordindex.build(data), wordindex.read)
    (entry,) = (tmp_path / "words").iterdir()
    entry.write_bytes(b"aligner-wordindex\n{broken")
    again = cache.cached("words", "test", ".idx", lambda: wordindex.build(data), wordindex.read)
    assert list(again.cut("成渝地区科技的")) == list(built.cut("成渝地区科技的")) == ["成", "渝", "地区", "科技", "的"]
    assert (
        wordindex.read(cache.load(entry)).total == built.total  # type: ignore[arg-type] == 8000 + 5000 + 160541 + 24952 + 4000 + 3000 + 318825
    )
    assert built.function == frozenset("地的")  # particles (uv, uj); 区, 科, 技 are nouns


def test_an_index_of_the_older_layout_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner import cache

    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    data = "地区 8000 n\n科技 5000 n\n地 160541 uv\n区 24952 n\n的 318825 uj\n".encode()
    built = wordindex.build(data)
    old = b"aligner-wordindex\n" + built[len(b"aligner-wordindex 2\n") :]
    with pytest.raises(ValueError):
        wordindex.read(old)
    for damaged in (built[:-3], built[:-8], built + b"\0" * 8):
        with pytest.raises(ValueError):
            wordindex.read(damaged)  # cut off or grown: refused, not misread
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / f"test-{cache.FORMAT}.idx").write_bytes(old)
    index = cache.cached("words", "test", ".idx", lambda: wordindex.build(data), wordindex.read, mapped=True)
    assert list(index.cut("地区科技的")) == ["地区", "科技", "的"]
    assert cache.load(tmp_path / "words" / f"test-{cache.FORMAT}.idx") == built
