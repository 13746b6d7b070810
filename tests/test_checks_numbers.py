"""Numbers check: values, not digit strings, on the seed's real sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.checks.base import Unit
from aligner.checks.numbers import check_unit, source_quantities, target_quantities, zh_numeral
from aligner.model import Severity, Status


def findings(source: str, target: str, status: Status = Status.TRANSLATED) -> list[tuple[str, str]]:
    unit = Unit("seed.po", 7, source, source, target, status)
    return [(f.check, f.severity.value) for f in check_unit(unit)]


# Right translations: nothing to report.
CLEAN = [
    ("整合两地总价值约112亿元的大型仪器设备14090台/套,交换共享第一批8000余名专家信息。",
     "pooling 14,090 units of large instruments worth about 11.2 billion yuan and sharing the first batch of"
     " information on more than 8,000 experts."),
    ("“十三五”期间,全市一般公共预算累计安排科学技术支出340.6亿元,年均增长12.5%,远高于一般公共预算支出的增幅(5.23%),"
     "未来市级财政每年新增投入10亿元、五年累计50亿元,充分发挥财政在支持科技创新中的制度性保障作用。",
     "During the 13th Five-Year Plan period the budget allocated 34.06 billion yuan to science, growing by 12.5% a"
     " year, above the growth of expenditure (5.23%); the city will add 1 billion yuan a year, 5 billion yuan over"
     " five years."),
    ("“十三五”期间,累计安排科学技术支出340.6亿元", "During the thirteenth Five-Year Plan, 34,060 million yuan"),
    ("2021年11月16日", "16 November 2021"),
    ("2021年11月16日", "November 16, 2021"),
    ("2021年11月16日", "2021-11-16"),
    ("[ 成文日期 ] 2021-12-06 [ 发布日期 ] 2021-12-06", "[ Written ] 6 December 2021 [ Issued ] 2021-12-06"),
    ("重庆市科学技术局关于市政协五届四次会议第0426号提案的复函",
     "Reply to Proposal No. 0426 of the Fourth Session of the Fifth CPPCC Chongqing Committee"),
    ("重庆市科学技术局关于市政协五届四次会议第0426号提案的复函",
     "Reply to Proposal No. 426 of the 4th Session of the 5th CPPCC Chongqing Committee"),
    ("中央财经委员会第六次会议召开以来,我市坚持以习近平新时代中国特色社会主义思想为指导。",
     "Since the sixth meeting of the Central Financial and Economic Affairs Commission, the city has followed Xi"
     " Jinping Thought."),
    ("联合成立川渝协同创新专项工作组,召开3次专项工作组会议,签订等“1+3”科技创新合作协议,共同实施“两张清单”。",
     "A task force was set up and met three times, signed the “1+3” agreements and carried out the “two lists”."),
    ("2020年,川渝联合出资2000万元实施15个重点研发项目。",
     "In 2020, Sichuan and Chongqing jointly invested 20 million yuan in 15 key R&D projects."),
    ("联合举办两届以“高价值专利培育、高质量成果转化”为主题的双高赛。", "held two editions of the Double High Competition."),
    ("联合举办两届以“高价值专利培育、高质量成果转化”为主题的双高赛。", "held the Double High Competition twice."),
    ("川渝人社部门签订战略合作协议1个、专项合作协议95个,构建“1+N”人社合作新模式。",
     "The departments signed one strategic agreement and 95 special agreements, a new “1+N” model."),
    ("重庆在全国率先开展试点,累计为7286家科技型企业发放知识价值信用贷款211.62亿元,成为国务院第6次大督查推广的典型经验做法。",
     "Loans of 21.162 billion yuan went to 7,286 firms, promoted by the State Council's sixth major inspection."),
    ("[ 索引号 ] 11500000MB15895317/2021-00319 [ 发文字号 ]", "[ Index No. ] 11500000MB15895317/2021-00319 [ Doc No. ]"),
    ("(一)建立川渝科技创新合作机制,共同向上争取国家支持。", "(1) Setting up a cooperation mechanism and seeking support."),
    ("(一)建立川渝科技创新合作机制,共同向上争取国家支持。", "I. Setting up a cooperation mechanism and seeking support."),
    ("一、成渝地区科技创新要素市场一体化建设推进情况", "I. Progress in integrating the market"),
    ("一是共同推进编制重大规划。", "First, drawing up major plans together."),
    ("一是共同推进编制重大规划。", "Drawing up major plans together."),
    ("您提出的“关于促进成渝地区双城经济圈科技创新要素市场一体化”的四点建议,对我们有很强的借鉴意义。",
     "Your four suggestions are of great value to us."),
    ("从以下六个方面加强成渝地区科技创新要素市场一体化建设。", "on the following six fronts."),
    ("万达开川渝统筹发展示范区一体化增强协同创新能力。", "The Wanzhou-Dazhou-Kaizhou zone strengthens innovation."),
    ("开展“百万英才兴重庆”四川行活动。", "took the Million Talents to Boost Chongqing campaign to Sichuan."),
    ("建设成渝地区科技创新要素市场是重要任务之一。", "Building the market is one of the important tasks."),
    ("今年,双方各出资2000万元。", "This year each side is investing 20 million yuan."),
    ("增强川渝科技创新十四五规划政策协同。", "aligning the 14th Five-Year Plans of both."),
    ("共同营造近悦远来人才生态,一城多园,一带一路。", "one city, multiple parks; the Belt and Road."),
    # Forms the seed does not use but official documents do.
    ("2016至2020年", "from 2016 to 2020"),
    ("增长百分之十二点五", "grew by 12.5 percent"),
    ("投入三千万元", "invested 30 million yuan"),
    ("2021年11月", "in November 2021"),
    ("11月16日召开", "held on 16 November"),
    ("第一条 为了规范", "Article 1 To regulate"),
    ("1.5万人", "15,000 people"),
    ("十余项", "more than ten items"),
    ("二〇二一年十一月十六日", "16 November 2021"),
    ("“十三五”期间,累计安排", "During the 13th Five-Year Plan period (2016-2020), a total"),
    ("累计投入3000多亿元", "a total of more than 300 billion yuan"),
    ("投资1.2万亿元", "an investment of 1.2 trillion yuan"),
    # From the SCIO white papers of the corpus, as their official English renders them.
    ("亚洲象野外种群数量从上世纪80年代的180头增加到目前的300头左右", "from 180 in the 1980s to around 300"),
    ("大熊猫野外种群数量40年间从1114只增加到1864只", "has grown from 1,114 to 1,864 over the past four decades"),
    ("经过20多年的发展", "Over the past two decades"),
    ("占总参训人数58.6%", "accounting for almost 60 percent of the total"),
    ("连续两年安排超过2600亿资金", "More than RMB260 billion was earmarked in each of two years"),
    ("全国细颗粒物（PM2.5）平均浓度为33微克/立方米", "China’s average concentration of PM2.5 was 33 µg/m3"),
    ("长江十年禁渔", "the 10-year ban on fishing in the Yangtze River"),
    ("在40多个受灾非洲国家实施民生项目", "programs in 40-plus disaster-stricken African countries"),
    ("同年10月提交了报告", "in October of the same year it submitted the report"),
    ("唯一一个向西非疫区提供实验室的国家", "the only country to provide laboratories"),
    ("数十家中资企业", "Dozens of Chinese-funded enterprises"),
    ("稳居非洲第一大贸易伙伴国地位", "Africa’s largest trading partner"),
    ("中国第一时间驰援非洲", "China immediately offered assistance"),
]  # fmt: skip

# Wrong translations: (source, target, expected check, expected severity).
WRONG = [
    ("累计安排科学技术支出340.6亿元", "allocated 3.406 billion yuan", "numbers.magnitude", "error"),
    ("累计安排科学技术支出340.6亿元", "allocated 340.6 billion yuan", "numbers.magnitude", "error"),
    ("整合两地总价值约112亿元的大型仪器设备", "instruments worth about 1.12 billion yuan", "numbers.magnitude", "error"),
    ("川渝联合出资2000万元", "jointly invested 2 million yuan", "numbers.magnitude", "error"),
    ("大型仪器设备14090台/套", "14,900 units of large instruments", "numbers.missing", "error"),
    ("大型仪器设备14090台/套", "14 units of large instruments", "numbers.missing", "error"),
    ("交换共享第一批8000余名专家信息", "the first batch of information on 8,000 experts", "numbers.approx", "warning"),
    ("2021年11月16日", "15 November 2021", "numbers.date", "error"),
    ("2021年11月16日", "November 16, 2020", "numbers.date", "error"),
    ("2021年11月16日", "Chongqing Municipal Science and Technology Bureau", "numbers.missing", "error"),
    ("年均增长12.5%", "growing by 15.2% a year", "numbers.missing", "error"),
    ("中央财经委员会第六次会议召开以来", "Since the fifth meeting of the Commission", "numbers.missing", "warning"),
    ("市政协五届四次会议第0426号提案", "Proposal No. 0426 of the Third Session of the Fifth CPPCC", "numbers.missing",
     "warning"),
    ("市政协五届四次会议第0426号提案", "Proposal No. 0462 of the Fourth Session of the Fifth CPPCC", "numbers.missing",
     "error"),
    ("签订“1+3”科技创新合作协议", "signed the cooperation agreements", "numbers.missing", "error"),
    ("[ 索引号 ] 11500000MB15895317/2021-00319", "[ Index No. ] 11500000MB15895317/2021-00391", "numbers.missing", "error"),
    ("协同推进关键核心技术攻关。", "Tackling 12 key core technologies together.", "numbers.extra", "warning"),
    ("2020年,川渝联合出资2000万元实施15个重点研发项目。", "In 2020, 20 million yuan went to 25 key projects.",
     "numbers.missing", "error"),
    ("1.5万人", "1.5 thousand people", "numbers.magnitude", "error"),
    ("超过1000家", "1,000 firms", "numbers.approx", "warning"),
    # The official English of a corpus white paper has "1.7 billon doses": the typo loses the billion.
    ("已提供超过17亿剂疫苗", "had provided over 1.7 billon doses", "numbers.magnitude", "error"),
    ("已提供超过17亿剂疫苗", "had provided over 2 billion doses", "numbers.missing", "error"),
    ("同年10月提交了报告", "in November of the same year it submitted the report", "numbers.missing", "error"),
    ("当前,我们正结合“十四五”规划", "in line with the 14th Five-Year Plan (2016-2020)", "numbers.extra", "warning"),
]  # fmt: skip


# The figures rulebook's table of cases: the check and the memory's placeables read each Chinese figure
# the same way (figures.zh_figures), and the check judges each English rendering by that reading.
FIGURE_CASES = [
    # (Chinese, its value as both readers see it, an English that is right, one that is wrong)
    ("增长百分之三点五", [Decimal("3.5")], "grew by 3.5%", "grew by 3%"),
    ("增长百分之四点五", [Decimal("4.5")], "grew by 4.5 percent", "grew by 4%"),
    ("1-10月，出口增长", [(None, 1, None), (None, 10, None)], "From January to October, exports grew", "From January to November, exports grew"),
    ("2-11月，出口增长", [(None, 2, None), (None, 11, None)], "February-November: exports grew", "February-October: exports grew"),
    ("2021年1至10月，出口增长", [(2021, 1, None), (None, 10, None)], "From January to October 2021, exports grew", "From January to September 2021, exports grew"),
    ("全年12月份完成", [(None, 12, None)], "completed in December", "completed in November"),
    ("出口增长三倍", [Decimal(3)], "exports tripled", "exports doubled"),
    ("增长300%", [Decimal(300)], "grew by 300%", "grew by 30%"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "values", "right", "wrong"), FIGURE_CASES)
def test_the_check_and_the_memory_read_figures_alike(source: str, values: list[object], right: str, wrong: str) -> None:
    from aligner import figures

    read = [f.value if f.kind != "date" else f.date for f in figures.zh_figures(source)]
    assert read == values
    checked = [q.value if q.kind != "date" else q.date for q in source_quantities(source)]
    assert checked == [float(v) if isinstance(v, Decimal) else v for v in values]
    assert findings(source, right) == []
    assert findings(source, wrong) != []


@pytest.mark.parametrize(("source", "target"), CLEAN)
def test_right_numbers_pass(source: str, target: str) -> None:
    assert findings(source, target) == []


@pytest.mark.parametrize(("source", "target", "check", "severity"), WRONG)
def test_wrong_numbers_are_caught(source: str, target: str, check: str, severity: str) -> None:
    assert (check, severity) in findings(source, target)


def test_fuzzy_entries_are_checked_too() -> None:
    # msgmerge offers the old translation of a changed sentence: its number is stale.
    assert ("numbers.missing", "error") in findings("今年,双方各出资3000万元。", "each side invests 20 million yuan.",
                                                    Status.FUZZY)  # fmt: skip


def test_magnitude_message_names_both_values() -> None:
    unit = Unit("seed.po", 3, "支出340.6亿元", "支出340.6亿元", "3.406 billion yuan", Status.TRANSLATED)
    (finding,) = check_unit(unit)
    assert finding.severity is Severity.ERROR
    assert "34.06 billion" in finding.message and "3.406 billion" in finding.message and "10 times" in finding.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十三", 13),
        ("二十六", 26),
        ("一百零五", 105),
        ("三千万", 30_000_000),
        ("二〇二一", 2021),
        ("两", 2),
        ("十", 10),
    ],
)
def test_zh_numeral(text: str, value: int) -> None:
    assert zh_numeral(text) == value


@pytest.mark.parametrize(
    ("source", "values"),
    [
        ("340.6亿元", [34_060_000_000.0]),
        ("2000万元", [20_000_000.0]),
        ("14090台/套", [14090.0]),
        ("8000余名", [8000.0]),
        ("五届四次会议", [5.0, 4.0]),
        ("第六次会议", [6.0]),
        ("“十三五”期间", [13.0]),
        ("年均增长12.5%", [12.5]),
        ("两届", [2.0]),
        ("三峡库区", []),
        ("一体化", []),
    ],
)
def test_source_values(source: str, values: list[float]) -> None:
    assert [q.value for q in source_quantities(source) if q.kind != "date" and not q.optional] == values


@pytest.mark.parametrize(
    ("target", "values"),
    [
        ("14,090 units", [14090.0]),
        ("11.2 billion yuan", [11_200_000_000.0]),
        ("34,060 million yuan", [34_060_000_000.0]),
        ("the sixth meeting", [6.0]),
        ("twenty-three cities", [23.0]),
        ("(1) Setting up", []),
        ("II. Plans", []),
    ],
)
def test_target_values(target: str, values: list[float]) -> None:
    assert [q.value for q in target_quantities(target)] == values


def test_dates_are_read_in_every_form() -> None:
    for text in ("16 November 2021", "November 16, 2021", "2021-11-16", "16th November 2021", "Nov. 16, 2021"):
        (date,) = target_quantities(text)
        assert date.date == (2021, 11, 16), text
    (zh,) = source_quantities("2021年11月16日")
    assert zh.date == (2021, 11, 16)


# --------------------------------------------------------------------------- properties

UNITS = [("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)]
WORDS = [("billion", Decimal(10) ** 9), ("million", Decimal(10) ** 6)]


def plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


@given(
    digits=st.integers(min_value=1, max_value=99_999),
    places=st.integers(min_value=0, max_value=2),
    zh=st.sampled_from(UNITS),
    en=st.sampled_from(WORDS),
)
def test_any_amount_in_yi_or_wan_reads_right_in_billions_or_millions(
    digits: int, places: int, zh: tuple[str, Decimal], en: tuple[str, Decimal]
) -> None:
    amount = Decimal(digits) / Decimal(10) ** places
    value = amount * zh[1]
    source = f"累计安排科学技术支出{plain(amount)}{zh[0]}元。"
    right = f"a total of {plain(value / en[1])} {en[0]} yuan."
    shifted = f"a total of {plain(value / en[1] / 10)} {en[0]} yuan."
    assert findings(source, right) == []
    assert ("numbers.magnitude", "error") in findings(source, shifted)


@pytest.mark.parametrize("source", ["投资百亿元", "投资一百亿元"])
def test_numeral_starting_with_a_unit_is_a_quantity(source: str) -> None:
    assert [q.value for q in source_quantities(source)] == [10_000_000_000.0]
    assert ("numbers.magnitude", "error") in findings(source, "an investment of 1 billion yuan")
    assert findings(source, "an investment of 10 billion yuan") == []


@pytest.mark.parametrize(
    "source",
    ["万达开川渝统筹发展示范区一体化增强协同创新能力", "开展“百万英才兴重庆”四川行活动", "惠及千家万户"],
)
def test_names_starting_with_a_unit_are_not_quantities(source: str) -> None:
    assert source_quantities(source) == []
