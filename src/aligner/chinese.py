"""Chinese character classes, punctuation tables and word cutting. The only importer of jieba (lazily).

Code points above U+FFFF are written as ``\\U0002xxxx``: a five-digit ``\\u2xxxx`` escape is read by
Python as ``\\u2xxx`` followed by a digit, which silently breaks the class.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import cache

from aligner import figures, lazyre

# CJK Unified Ideographs, extension A, compatibility ideographs, and planes 2-3 (extensions B-I and
# their compatibility supplement): the one definition of a Chinese character in the project.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
HAN = lazyre.compile(f"[{HAN_CLASS}]")

# White space trimmed from segments: ASCII, NBSP, the en/em/ideographic spaces and friends.
SPACE_CHARS = (
    " \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
    "\u202f\u205f\u3000\ufeff"
)

# Sentence terminators. ASCII '.' is not one in Chinese text: it is a decimal point or list marker.
TERMINATORS = "。！？!?｡"
SEMICOLONS = "；;"
ELLIPSIS = "…"
# Closing quotes and brackets that stay with the sentence they close.
CLOSERS = "”’」』）)】》〉〗〕］]｝}"
OPENERS = "“‘「『（(【《〈〖〔［[｛{"
PAIRS = {"《": "》", "〈": "〉", "“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】"}
# Brackets inside which a terminator never ends a segment: titles (《奋斗吧！青春》).
TITLE_OPEN = "《〈"
TITLE_CLOSE = "》〉"

# Numerals are read by the one reader of figures; the names stay here for the segmenter's use.
CHINESE_DIGITS = figures.CHINESE_DIGITS
NUMERAL_CHARS = figures.NUMERAL_CHARS


def is_han(char: str) -> bool:
    return bool(HAN.match(char))


def han_ratio(text: str) -> float:
    """Share of Han characters among the non-space characters of ``text``."""
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if HAN.match(c)) / len(letters)


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral (十三 = 13, 二十六 = 26, 一百零五 = 105); see ``figures.zh_numeral``."""
    return figures.zh_numeral(text)


_jieba_lock = threading.Lock()


def _new_tokenizer() -> object:
    with _jieba_lock:
        import logging

        import jieba

        # jieba announces its dictionary on stderr at every start; our stderr is for our messages.
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        return tokenizer


@cache
def _tokenizer() -> object:
    """jieba itself: the reference path, taken when caches are off (``ALIGNER_CACHE=off``)."""
    return _new_tokenizer()


def _use_index() -> bool:
    from aligner import cache as caches

    return caches.enabled()


def words(text: str, terms: tuple[str, ...] = ()) -> list[str]:
    """jieba's words of ``text`` (precise mode, no HMM guessing of unknown words).

    ``terms`` (glossary terms) are cut whole; they go to a tokenizer of their own, so teaching
    them never changes how the segmenter or the aligner cut text in the same process. The cut is
    jieba's, computed on a cached compact index of its dictionary (``wordindex``) rather than on
    the dictionary jieba takes a second to load.
    """
    if _use_index():
        from aligner import wordindex

        index = wordindex.taught(terms) if terms else wordindex.default()
        return list(index.cut(text))
    tokenizer = _tokenizer_with(terms) if terms else _tokenizer()
    return list(tokenizer.cut(text, HMM=False))  # type: ignore[attr-defined]


def word_spans(text: str, terms: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Start and end offsets of each jieba word of ``text`` (see ``words``)."""
    spans = []
    start = 0
    for word in words(text, terms):
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


def word_spanner(terms: tuple[str, ...]) -> Callable[[str], list[tuple[int, int]]]:
    """``word_spans`` with ``terms`` bound once: a glossary of 100,000 terms is not hashed per call."""
    if _use_index():
        from aligner import wordindex

        index = wordindex.taught(terms) if terms else wordindex.default()
        cut: Callable[[str], Iterable[str]] = index.cut
    else:
        tokenizer = _tokenizer_with(terms) if terms else _tokenizer()

        def cut(text: str) -> Iterable[str]:
            return tokenizer.cut(text, HMM=False)  # type: ignore[attr-defined, no-any-return]

    def spans(text: str) -> list[tuple[int, int]]:
        found = []
        start = 0
        for word in cut(text):
            found.append((start, start + len(word)))
            start += len(word)
        return found

    return spans


def frequency(word: str) -> int:
    """The count of ``word`` in jieba's dictionary (0 when it is not a word there)."""
    if _use_index():
        from aligner import wordindex

        return wordindex.default().get(word, 0) or 0
    return _tokenizer().FREQ.get(word, 0) or 0  # type: ignore[attr-defined]


def is_function_word(char: str) -> bool:
    """Whether jieba's dictionary tags the character a function word (的, 上, 以, 和; not 士 or 员)."""
    from aligner import wordindex

    if _use_index():
        return char in wordindex.default().function
    return char in wordindex.function_words()


@cache
def _tokenizer_with(terms: tuple[str, ...]) -> object:
    tokenizer = _new_tokenizer()
    for term in terms:
        tokenizer.add_word(term, freq=None)  # type: ignore[attr-defined]
    return tokenizer


def spans_boundary(left: str, right: str, context: int = 4) -> bool:
    """True when jieba cuts a word of two or more characters across the join of ``left`` and ``right``.

    ``…加快促进成渝地`` + ``区科技创新…`` gives ``地区`` across the join: the break fell inside a word.
    """
    a = left[-context:]
    b = right[:context]
    if not a or not b or not HAN.match(a[-1]) or not HAN.match(b[0]):
        return False
    position = 0
    for word in words(a + b):
        end = position + len(word)
        if position < len(a) < end:
            return True
        position = end
    return False


# Line patterns of Chinese official documents (GB/T 9704 layout and common web pages).
HEADING_MARK = figures.HEADING_MARK
ARTICLE_MARK = figures.ARTICLE_MARK
LIST_MARK = figures.LIST_MARK
DATE_LINE = figures.DATE_LINE
DOC_NUMBER = lazyre.compile(
    rf"^(?:[{HAN_CLASS}]{{1,12}}[〔\[［(（]\d{{4}}[〕\]］)）]第?\d+号|(?:[{HAN_CLASS}]{{0,12}})第\d+号)$"
)
METADATA_LINE = lazyre.compile(r"^[\[［【]\s*[^\]］】]{1,12}\s*[\]］】]")
NOTE_LINE = lazyre.compile(r"^[（(][^（）()]*[）)]$")
ATTACHMENT_LABEL = lazyre.compile(r"^附\s*件\s*\d*\s*[:：]?")
BOILERPLATE = lazyre.compile(
    r"^(?:您当前的位置|当前位置|您现在的位置|扫一扫在手机打开当前页|扫一扫|【?打印本页】?|【?关闭窗口】?|分享到|字号)"
)
# Words that cannot end a sentence: a line ending with one was broken mid-sentence.
DANGLING_WORDS = (
    "根据", "按照", "依照", "依据", "关于", "对于", "为了", "通过", "经过", "由于", "以及",
    "和", "与", "及", "或", "或者", "并", "并且", "而", "的", "对", "在", "向", "从", "把", "将", "被", "为",
)  # fmt: skip
