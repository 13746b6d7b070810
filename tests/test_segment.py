"""The cutting rules, on real sentences of the seed and the corpus, and as properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import chinese, segment, source
from aligner.model import Kind
from tests.conftest import PARALLEL, SEED, SHARED, ZH_DOCS, corpus_docs


def texts(text: str, **kwargs: bool) -> list[str]:
    return [text[a:b] for a, b in segment.cut(text, **kwargs)]


def doc_segments(text: str) -> list[tuple[str, Kind]]:
    document = source.parse(text, doc_id="t", path="t.txt")
    return [(s.text, s.kind) for s in segment.segment(document)]


# ----------------------------------------------------------------------------- sentence ends

TRICKY = [
    # closing quote stays with its sentence; an opening quote after 。 starts the next one
    ("他说：“你好。”然后走了。", ["他说：“你好。”", "然后走了。"]),
    ("会议指出。“一城多园”共建西部科学城。", ["会议指出。", "“一城多园”共建西部科学城。"]),
    # a quotation of several sentences is cut at each sentence end, as CAT tools do
    ("他说：“第一句。第二句！”随后离开。", ["他说：“第一句。", "第二句！”", "随后离开。"]),
    # ！ inside a book title never cuts
    ("观看了《奋斗吧！青春》等节目。", ["观看了《奋斗吧！青春》等节目。"]),
    # a sentence-final …… cuts; …… before ， or more text does not
    ("第一条　为了……，制定本法。", ["第一条　为了……，制定本法。"]),
    ("人工智能、大数据……这些都是重点。", ["人工智能、大数据……这些都是重点。"]),
    ("他沉默了……“我们走吧。”", ["他沉默了……", "“我们走吧。”"]),
    # decimals, percentages, ASCII list markers
    ("累计安排科学技术支出340.6亿元,年均增长12.5%,远高于一般公共预算支出的增幅(5.23%)。", None),
    ("附件：1.国土资源部关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告", None),
    # a URL with ? and ! inside
    ("详见http://www.gov.cn/a.htm?id=1!x=2。请查阅。", ["详见http://www.gov.cn/a.htm?id=1!x=2。", "请查阅。"]),
    # ASCII ?! used in Chinese text
    ("你同意吗?我同意!好的。", ["你同意吗?", "我同意!", "好的。"]),
    # no cut at a comma or a colon in running text; ASCII punctuation as in the seed
    (
        "经与市委组织部、市财政局共同研究办理,现将办理情况答复如下:",
        ["经与市委组织部、市财政局共同研究办理,现将办理情况答复如下:"],
    ),
    # closing brackets after the stop stay with the sentence
    ("（此件公开发布。）下一段。", ["（此件公开发布。）", "下一段。"]),
    # terminator runs stay together
    ("真的吗？！是的。", ["真的吗？！", "是的。"]),
]


@pytest.mark.parametrize(("text", "expected"), TRICKY)
def test_tricky_cases(text: str, expected: list[str] | None) -> None:
    assert texts(text) == (expected if expected is not None else [text])


# Real sentences with …… or ... (zh-docs and gwr hold none; these come from the parallel corpus).
ELLIPSES = [
    ("wmt22-zh-en/wmttest2022.zh-en.xml", "已经 3 日没有回复……由于你们的系统无法识别出我的信用卡，因此我无法加入 #PRS_ORG# plus 月费计划！",
     ["已经 3 日没有回复……", "由于你们的系统无法识别出我的信用卡，因此我无法加入 #PRS_ORG# plus 月费计划！"]),
    ("ntrex-en-zh/newstest2019-ref.zho-CN.txt", "它们就像小孩子，好奇心重......它们不会主动伤害人。",
     ["它们就像小孩子，好奇心重......", "它们不会主动伤害人。"]),
    ("ntrex-en-zh/newstest2019-ref.zho-CN.txt", "记得她的回答…你泄露文件了吗?",
     ["记得她的回答…", "你泄露文件了吗?"]),
    ("ntrex-en-zh/newstest2019-ref.zho-CN.txt",
     "现在翻开我们“星期天上午”年鉴中的一页：距今136年，1882年9月30日这一天 ... 这一天物理学家约翰内斯·威廉“汉斯”盖革在德国诞生。",
     ["现在翻开我们“星期天上午”年鉴中的一页：距今136年，1882年9月30日这一天 ...",
      "这一天物理学家约翰内斯·威廉“汉斯”盖革在德国诞生。"]),
    # a pause after a word or two, an ellipsis after a comma, an enumeration's "and so on": no cut
    ("wmt22-zh-en/wmttest2022.zh-en.xml", "“小姐……我是一名导演，我看你长得很美，有兴趣参加真人秀吗？”", None),
    ("wmt22-zh-en/wmttest2022.zh-en.xml", "又什么床上种草莓、要不要插之类的留言，我...也算了。", None),
    ("wmt22-zh-en/wmttest2022.zh-en.xml", "家里想买的家具、家用电器、各种小东西……，都能买到，好多名牌商家都入驻在店里", None),
    ("bertalign-bible/zh.txt", "倘或你肯赦免他们的罪，……不然，求你从你所写的册上涂抹我的名。", None),
    ("wmt22-zh-en/wmttest2022.zh-en.xml", "路可以回头看但不能回头走……", None),
]  # fmt: skip


@pytest.mark.parametrize(("path", "text", "expected"), ELLIPSES)
def test_an_ellipsis_cuts_where_a_new_sentence_starts(path: str, text: str, expected: list[str] | None) -> None:
    assert text in (PARALLEL / path).read_text(encoding="utf-8")
    assert texts(text) == (expected if expected is not None else [text])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议讨论了很多问题……下一步再议。", ["会议讨论了很多问题……", "下一步再议。"]),
        ("会议讨论了很多问题……，下一步再议。", None),
        ("会议讨论了住房、教育、医疗……等问题。", None),
        ("会议讨论了很多问题……的解决办法。", None),
        ("严禁对……进行处理。", None),
        ("会议讨论了很多问题……。下一步再议。", ["会议讨论了很多问题……。", "下一步再议。"]),
    ],
)
def test_an_ellipsis_runs_on_when_what_follows_continues_it(text: str, expected: list[str] | None) -> None:
    assert texts(text) == (expected if expected is not None else [text])


def test_corpus_without_ellipses_cuts_as_before() -> None:
    """zh-docs and gwr hold no ellipsis: the rule cannot have changed a cut there."""
    files = [*corpus_docs(), *sorted((SHARED / "corpus" / "gwr").glob("*.txt"))]
    assert files
    assert not any("…" in p.read_text(encoding="utf-8") or "..." in p.read_text(encoding="utf-8") for p in files)


def test_semicolons_cut_only_when_asked() -> None:
    text = "两江协同创新区落地重大项目44个;两江协同创新区突出“科创+产业”内涵。"
    assert texts(text) == [text]
    assert texts(text, split_semicolons=True) == [
        "两江协同创新区落地重大项目44个;",
        "两江协同创新区突出“科创+产业”内涵。",
    ]


def test_white_space_is_trimmed_and_never_a_segment() -> None:
    assert texts("\u3000\u3000第一句。 \u2002第二句。\u00a0") == ["第一句。", "第二句。"]
    assert texts(" \u3000 ") == []


# ----------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_segments() -> list[segment.Segment]:
    return segment.segment(source.read(SEED))


def test_seed_broken_paragraph_is_joined(seed_segments: list[segment.Segment]) -> None:
    joined = [s for s in seed_segments if "加快促进成渝地区科技创新要素市场一体化" in s.text]
    assert len(joined) == 1
    seg = joined[0]
    assert (seg.line, seg.end_line) == (22, 24)
    assert seg.text.startswith("中央财经委员会第六次会议召开以来")
    assert seg.text.endswith("打造具有全国影响力的科技创新中心。")
    assert not any(s.text.startswith("区科技创新") for s in seed_segments)


def test_seed_segments_follow_lines_and_sentence_ends(seed_segments: list[segment.Segment]) -> None:
    # Independent reading of the seed: every non-blank line, with lines 22 and 24 as one
    # paragraph, cut after each 。！？ together with any closing quotes.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    paragraphs = []
    for number, line in enumerate(lines, start=1):
        text = line.strip(chinese.SPACE_CHARS)
        if not text:
            continue
        if number == 24:
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
    expected = [p for para in paragraphs for p in re.findall(r".*?(?:[。！？!?][”’]*|$)", para) if p]
    assert [s.text for s in seed_segments] == expected
    assert len(seed_segments) == 104


def test_seed_kinds(seed_segments: list[segment.Segment]) -> None:
    kinds = {s.text: s.kind for s in seed_segments}
    assert kinds["您当前的位置: 首页>>政务公开>>政府信息公开目录>>政协提案办理情况公开"] is Kind.BOILERPLATE
    assert kinds["[ 索引号 ] 11500000MB15895317/2021-00319 [ 发文字号 ]"] is Kind.METADATA
    assert kinds["[ 发文字号 ]"] is Kind.METADATA
    assert kinds["重庆市科学技术局关于市政协五届四次会议第0426号提案的复函"] is Kind.TITLE
    assert kinds["日期:2021-12-06"] is Kind.DATE
    assert kinds["易小光委员:"] is Kind.SALUTATION
    assert kinds["一、成渝地区科技创新要素市场一体化建设推进情况"] is Kind.HEADING
    assert kinds["(一)建立川渝科技创新合作机制,共同向上争取国家支持。"] is Kind.HEADING  # run-in
    assert kinds["(四)加强科技创新人才引育,构建一体化创新人才市场。"] is Kind.HEADING
    assert kinds["“一城多园”共建西部科学城。"] is Kind.BODY
    assert kinds["重庆市科学技术局"] is Kind.SIGNATURE
    assert kinds["2021年11月16日"] is Kind.DATE
    assert kinds["扫一扫在手机打开当前页"] is Kind.BOILERPLATE


def test_seed_positions_and_spans(seed_segments: list[segment.Segment]) -> None:
    text = SEED.read_text(encoding="utf-8")
    for seg in seed_segments:
        assert text[seg.start : seg.end].replace("\n", "") == seg.text
        assert text.count("\n", 0, seg.start) + 1 == seg.line
    title = next(s for s in seed_segments if s.kind is Kind.TITLE)
    assert (title.line, title.paragraph, title.sentence) == (14, 13, 1)


# ----------------------------------------------------------------------------- the corpus

# Lines that belong together in the corpus: titles set on two or three lines, a signature
# and attachment titles broken over lines, and a sentence broken across a blank line.
JOINS = [
    ("01_gov_cppcc_proposal_reply_2006.txt", [1, 2], "国务院办公厅对全国政协十届四次会议第4626号提案的答复"),
    ("02_gov_npc_suggestion_reply_2006.txt", [1, 2], "国务院办公厅对十届全国人大四次会议第7240号建议的答复"),
    ("03_gov_reply_letter_badong_2004.txt", [1, 2], "国务院办公厅关于湖北省巴东县地质灾害险情有关问题的复函"),
    ("03_gov_reply_letter_badong_2004.txt", [11, 12], "关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告"),
    ("03_gov_reply_letter_badong_2004.txt", [31, 32], "湖北省巴东县官渡口镇马鬃山村地质险情调查意见"),
    ("03_gov_reply_letter_badong_2004.txt", [44, 45], "湖北省巴东县官渡口镇马鬃山村地质险情调查专家组"),
    (
        "04_gov_letter_liaoning_2004.txt",
        [1, 2, 3],
        "国务院办公厅关于辽宁省在曾培炎副总理考察工作时所提问题和建议办理情况的函",
    ),
    ("05_gov_notice_holidays_2019.txt", [1, 2], "国务院办公厅关于2019年部分节假日安排的通知"),
    (
        "06_gov_opinion_supervision_2019.txt",
        [1, 2],
        "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见",
    ),
    ("08_gov_approval_xiongan_2018.txt", [1, 2], "国务院关于河北雄安新区总体规划（2018—2035年）的批复"),
    (
        "09_gov_circular_coalmine_2004.txt",
        [1, 2, 3],
        "国务院办公厅关于山西、安徽省四起特大煤矿瓦斯爆炸事故调查处理情况的通报",
    ),
    ("10_gov_notice_vocational_plan_2019.txt", [1, 2], "国务院关于印发国家职业教育改革实施方案的通知"),
    ("14_chongqing_patent_regulation_2011.txt", [5, 7], None),
]


def test_corpus_joins_exactly_the_broken_lines(zh_docs: list) -> None:
    found = []
    for path in zh_docs:
        document = source.read(path)
        for paragraph in document.paragraphs:
            if len(paragraph.pieces) > 1:
                found.append((path.name, [p.line for p in paragraph.pieces], paragraph.text))
    assert [(name, lines) for name, lines, _ in found] == [(name, lines) for name, lines, _ in JOINS]
    for (_, _, text), (_, _, expected) in zip(found, JOINS, strict=True):
        if expected is not None:
            assert text == expected


@pytest.mark.parametrize(
    ("name", "line", "kind"),
    [
        ("01_gov_cppcc_proposal_reply_2006.txt", 3, Kind.METADATA),  # 国办函〔2006〕82号
        ("01_gov_cppcc_proposal_reply_2006.txt", 4, Kind.SALUTATION),
        ("01_gov_cppcc_proposal_reply_2006.txt", 12, Kind.SIGNATURE),
        ("01_gov_cppcc_proposal_reply_2006.txt", 13, Kind.DATE),  # 二〇〇六年十月十八日
        ("03_gov_reply_letter_badong_2004.txt", 10, Kind.HEADING),  # 附件1
        ("03_gov_reply_letter_badong_2004.txt", 16, Kind.HEADING),  # 一、基本情况
        ("07_gov_regulation_iit_2018.txt", 4, Kind.SIGNATURE),  # 总理　　李克强
        ("07_gov_regulation_iit_2018.txt", 8, Kind.BODY),  # 第一条　…
        ("11_cpc_sc_opinion_rural_revitalization_2018.txt", 2, Kind.DATE),  # （2018年1月2日）
        ("12_law_sci_tech_transfer_2015.txt", 8, Kind.HEADING),  # 第一章 总则
        ("12_law_sci_tech_transfer_2015.txt", 3, Kind.METADATA),  # adoption record
    ],
)
def test_corpus_kinds(name: str, line: int, kind: Kind) -> None:
    segments = segment.segment(source.read(ZH_DOCS / name))
    first = next(s for s in segments if s.line == line)
    assert first.kind is kind, first.text


def test_article_numbers_do_not_cut() -> None:
    segments = segment.segment(source.read(ZH_DOCS / "12_law_sci_tech_transfer_2015.txt"))
    article = next(s for s in segments if s.text.startswith("第一条"))
    assert article.text == (
        "第一条 为了促进科技成果转化为现实生产力，规范科技成果转化活动，加速科学技术进步，"
        "推动经济建设和社会发展，制定本法。"
    )


@pytest.mark.parametrize("path", corpus_docs(), ids=lambda p: p.name[:2])
def test_corpus_documents_segment_losslessly(path) -> None:
    document = source.read(path)
    segments = segment.segment(document)
    assert segments
    original = "".join(c for c in document.text if c not in chinese.SPACE_CHARS)
    rebuilt = "".join(c for s in segments for c in s.text if c not in chinese.SPACE_CHARS)
    assert rebuilt == original
    for seg in segments:
        assert seg.text == seg.text.strip(chinese.SPACE_CHARS)
        assert "\n" not in seg.text


def test_headings_dates_and_numbers_are_never_swallowed(zh_docs: list) -> None:
    for path in [*zh_docs, SEED]:
        for paragraph in source.read(path).paragraphs:
            for piece in paragraph.pieces[1:]:
                assert not chinese.HEADING_MARK.match(piece.text), (path.name, piece.line)
                assert not chinese.DATE_LINE.match(piece.text), (path.name, piece.line)
                assert not chinese.DOC_NUMBER.match(piece.text), (path.name, piece.line)
            for piece in paragraph.pieces[:-1]:
                assert not chinese.HEADING_MARK.match(piece.text), (path.name, piece.line)


# ----------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("政府工作报告科技创新要素市场成渝地区一二三四五")
    + list("。！？!?；;…，、：:“”‘’《》（）()\"' \u3000\n.%0123456789abcXYZ/")
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_cut_is_lossless(text: str) -> None:
    pieces = texts(text)
    assert "".join(pieces).replace(" ", "").replace("\u3000", "").replace("\n", "") == "".join(
        c for c in text if c not in chinese.SPACE_CHARS
    )
    assert all(p and p == p.strip(chinese.SPACE_CHARS) for p in pieces)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_cut_is_idempotent(text: str) -> None:
    for piece in texts(text):
        assert texts(piece) == [piece]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=8))
def test_documents_are_lossless(lines: list[str]) -> None:
    text = "\n".join(lines)
    document = source.parse(text, doc_id="t", path="t.txt")
    segments = segment.segment(document)
    keep = [c for c in text if c not in chinese.SPACE_CHARS]
    assert [c for s in segments for c in s.text if c not in chinese.SPACE_CHARS] == keep


class _Counted(str):
    """A paragraph that counts the characters ``cut`` copies out of it."""

    copied = 0

    def __getitem__(self, key: object) -> str:
        result = str.__getitem__(self, key)  # type: ignore[index]
        _Counted.copied += len(result)
        return result


def _work(text: str) -> int:
    """What ``cut`` does on ``text``, counted without a clock: lines of this module run, plus characters copied."""
    import sys

    lines = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal lines
        if event == "line":
            lines += 1
        return local

    def calls(frame, event, arg):  # type: ignore[no-untyped-def]
        return local if frame.f_code.co_filename == segment.__file__ else None

    _Counted.copied = 0
    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        segment.cut(_Counted(text))
    finally:
        sys.settrace(previous)
    return lines + _Counted.copied


@pytest.mark.parametrize(
    "unit",
    [
        "详见http://www.gov.cn/zhengce/content/2019-01/a.htm，",  # many URLs in one paragraph
        "要解决就业、教育、医疗……等问题，",  # many ellipses that run on
        "问题……下一步再议",  # many ellipses that end sentences
    ],
)
def test_cut_is_linear_in_the_paragraph(unit: str) -> None:
    small, large = _work(unit * 100 + "。"), _work(unit * 400 + "。")
    assert large <= 4.6 * small, (small, large)  # four times the text: four times the work, not sixteen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Connect! Innovate! Share!”，邀请Yahoo!、Google等企业参会。下一句。",
         ["“Connect! Innovate! Share!”，邀请Yahoo!、Google等企业参会。", "下一句。"]),
        ("口号是Go!，大家都喊。", ["口号是Go!，大家都喊。"]),
        ("他问Why?、How?，我都答了。好的。", ["他问Why?、How?，我都答了。", "好的。"]),
        ("你同意吗?我同意!好的。", ["你同意吗?", "我同意!", "好的。"]),  # Chinese after ! and ?: cut
    ],
)  # fmt: skip
def test_a_latin_exclamation_before_a_comma_does_not_cut(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in segment.cut(text)] == expected
