"""Untranslated, form, length and source-lint checks on the seed's real sentences."""

from __future__ import annotations

import pytest

from aligner.checks import form, length, source, untranslated
from aligner.checks.base import Unit, units
from aligner.model import JOINED_MARK, Catalog, Entry, Status


def unit(source_text: str, target: str, status: Status = Status.TRANSLATED) -> Unit:
    return Unit("seed.po", 11, source_text, source_text, target, status)


def checks_of(findings: object) -> list[str]:
    return [f.check for f in findings]  # type: ignore[attr-defined]


SHORT = "协同推进创新体系建设。"
HEADING = "(一)建立川渝科技创新合作机制,共同向上争取国家支持。"
TITLE = "重庆市科学技术局关于市政协五届四次会议第0426号提案的复函"


# --------------------------------------------------------------------------- untranslated


@pytest.mark.parametrize(
    ("target", "expected", "severity"),
    [
        (SHORT, "untranslated.copy", "error"),
        ("协同推进创新体系。", "untranslated.han", "error"),
        ("Building the innovation system together (协同推进).", "untranslated.han", "warning"),
    ],
)
def test_chinese_left_in_the_target(target: str, expected: str, severity: str) -> None:
    found = list(untranslated.check([unit(SHORT, target)]))
    assert [(f.check, f.severity.value) for f in found] == [(expected, severity)]


@pytest.mark.parametrize("target", ["Building the innovation system together.", JOINED_MARK, "2021-12-06"])
def test_english_target_passes(target: str) -> None:
    assert list(untranslated.check([unit(SHORT, target)])) == []


def test_copy_of_a_source_without_chinese_is_fine() -> None:
    assert list(untranslated.check([unit("2021-12-06", "2021-12-06")])) == []


def test_empty_fuzzy_is_reported_plain_untranslated_is_not() -> None:
    catalog = Catalog(
        "seed.po",
        (
            Entry(SHORT, "", flags=("fuzzy",), line=5),
            Entry(HEADING, "", line=9),
        ),
    )
    assert [(f.check, f.line) for f in untranslated.check_empty(catalog)] == [("untranslated.empty", 5)]


# --------------------------------------------------------------------------- form


@pytest.mark.parametrize(
    ("source_text", "target", "expected"),
    [
        (HEADING, "(1 Setting up a cooperation mechanism and seeking national support.", "form.brackets"),
        (HEADING, "(1) Setting up a “cooperation mechanism and seeking national support.", "form.brackets"),
        (HEADING, '(1) Setting up a "cooperation mechanism and seeking national support.', "form.brackets"),
        (HEADING, "(1) Setting up a cooperation mechanism，and seeking national support.", "form.fullwidth"),
        (HEADING, "(1) Setting up a cooperation mechanism and seeking national support。", "form.fullwidth"),
        (HEADING, "(1) Setting up a cooperation mechanism（Sichuan） and seeking support.", "form.fullwidth"),
        (HEADING, "(1) Setting up the“1+3”mechanism and seeking national support.", "form.fullwidth"),
        (HEADING, "(1) Setting up a cooperation mechanism and seeking national support", "form.stop"),
        (TITLE, "Reply to Proposal No. 0426 of the Fourth Session of the Fifth CPPCC.", "form.stop"),
        (HEADING, "(1) Setting up a cooperation mechanism and  seeking national support.", "form.spaces"),
        (HEADING, " (1) Setting up a cooperation mechanism and seeking national support.", "form.edge-space"),
        (HEADING, "(1) Setting up a cooperation mechanism and seeking national support. ", "form.edge-space"),
    ],
)
def test_form_must_fire(source_text: str, target: str, expected: str) -> None:
    assert expected in checks_of(form.check([unit(source_text, target)]))


@pytest.mark.parametrize(
    ("source_text", "target"),
    [
        (HEADING, "(1) Setting up a cooperation mechanism and seeking national support."),
        (TITLE, "Reply to Proposal No. 0426 of the Fourth Session of the Fifth CPPCC"),
        ("“一城多园”共建西部科学城。", "Building the Western Science City as “one city, multiple parks”."),
        ("“一城多园”共建西部科学城。", 'Building the Western Science City as "one city, multiple parks".'),
        ("易小光委员:", "Dear Member Yi Xiaoguang:"),
        ("[ 发布机构 ] 市科技局", "[ Issued by ] Municipal Science and Technology Bureau"),
        ("此复函已经局主要领导审签。", "This reply has been reviewed by the leaders of the Bureau etc."),
        ("对以上答复您有什么意见,请反馈在回执上。", "Any comments? Please write them on the receipt!"),
    ],
)
def test_form_must_not_fire(source_text: str, target: str) -> None:
    assert checks_of(form.check([unit(source_text, target)])) == []


def test_brackets_open_in_the_source_too_are_not_blamed_on_the_target() -> None:
    found = checks_of(form.check([unit("“一城多园”共建西部科学城(见下", "“One city (see below")]))
    assert "form.brackets" not in found


# --------------------------------------------------------------------------- joined entries


def test_joined_pair_is_checked_as_one_unit() -> None:
    first = "协同推进毗邻地区合作。"
    second = "两江新区携手天府新区打造内陆开放门户,北碚区与绵阳市协同推进高校及科研院所交流合作。"
    catalog = Catalog(
        "seed.po",
        (
            Entry(first, "Cooperation between adjacent areas: Liangjiang and Tianfu build a gateway.", line=3),
            Entry(second, JOINED_MARK, line=7),
        ),
    )
    (joined,) = units(catalog)
    assert joined.source == first + second and joined.entries == 2 and joined.line == 3
    assert list(untranslated.check([joined])) == []


def test_joined_mark_after_an_untranslated_entry_is_not_a_unit() -> None:
    catalog = Catalog("seed.po", (Entry(SHORT, "", line=3), Entry(HEADING, JOINED_MARK, line=7)))
    assert list(units(catalog)) == []


# --------------------------------------------------------------------------- length

BODY = [
    ("协同推进创新体系建设,促进高新技术产业协同发展。", "Building the innovation system together and developing high-tech industries."),
    ("评审通过5个川渝联合共建重点实验室,深化川渝创新合作。", "5 key laboratories built jointly passed review, deepening cooperation."),
    ("川渝科技资源共享服务平台建成上线,交换共享专家信息。", "The resource sharing platform went online, sharing expert information."),
    ("组建成渝地区双城经济圈高校联盟,推动高校联合共同成立协同创新中心。",
     "A university alliance was formed, and universities jointly founded innovation centers."),
    ("探索两地企业证照“一网通办”试点,提升交互投资便捷性。", "We piloted one-stop online licensing, making cross investment easier."),
]  # fmt: skip


def length_units(target_for_last: str) -> list[Unit]:
    rows = [unit(s + str(i), t) for i in range(5) for s, t in BODY]
    rows.append(unit("重庆在全国率先开展知识价值信用贷款改革试点,实现区县全覆盖,成为典型经验做法。", target_for_last))
    return rows


def test_length_flags_an_omission() -> None:
    found = list(length.check(length_units("Chongqing piloted.")))
    assert [f.check for f in found] == ["length.ratio"]
    assert "omission" in found[0].message


def test_length_flags_an_addition() -> None:
    padded = "Chongqing was the first to pilot knowledge-value loans. " * 6
    assert [f.check for f in length.check(length_units(padded))] == ["length.ratio"]


def test_length_passes_a_normal_translation() -> None:
    normal = "Chongqing was the first in China to pilot knowledge-value credit loans, now in every county."
    assert list(length.check(length_units(normal))) == []


def test_length_needs_enough_entries() -> None:
    assert list(length.check(length_units("Short.")[-5:])) == []


# --------------------------------------------------------------------------- source lint


def seed_headings(*labels: str) -> Catalog:
    return Catalog(
        "seed.pot",
        tuple(Entry(f"{label}加强川渝创新主体合作。", line=10 * n) for n, label in enumerate(labels, start=1)),
    )


def test_enumeration_skip_of_the_seed_is_reported() -> None:
    found = list(source.check(seed_headings("一、", "(一)", "(二)", "(四)", "(五)", "二、", "一是", "二是")))
    assert [(f.check, f.line) for f in found] == [("source.enumeration", 40)]
    assert "(三)" in found[0].message


def test_enumeration_restarting_under_a_new_heading_is_fine() -> None:
    assert (
        list(source.check(seed_headings("一、", "(一)", "(二)", "二、", "(一)", "(二)", "一是", "二是", "三是"))) == []
    )


# Two articles of a law open their lists with the same clause: the catalog holds it once.
SHARED_CLAUSE_LAW = """第一条　有下列情形之一的，应当准予离婚：
（一）重婚的；
（二）实施家庭暴力的；
（三）其他导致夫妻感情破裂的情形。
第二条　有下列情形之一的，无过错方有权请求损害赔偿：
（一）重婚的；
（二）有配偶者与他人同居的。
"""


def test_enumeration_follows_a_shared_entry_to_each_of_its_places() -> None:
    from aligner import catalog as catalogs
    from aligner import segment
    from aligner import source as text_source

    document = text_source.parse(SHARED_CLAUSE_LAW, doc_id="law", path="law.txt")
    items = catalogs.template_entries(segment.segment(document), "law.txt")
    entries = tuple(Entry(i.msgid, references=i.references, line=4 * n) for n, i in enumerate(items, start=1))
    assert sum(e.msgid == "（一）重婚的；" for e in entries) == 1
    assert list(source.check(Catalog("law.pot", entries))) == []
    # Without its references the shared entry stands once, and the second list seems to start at (二).
    bare = tuple(Entry(e.msgid, line=e.line) for e in entries)
    assert [f.check for f in source.check(Catalog("law.pot", bare))] == ["source.enumeration"]


def test_unbalanced_title_marks_in_the_source() -> None:
    catalog = Catalog(
        "seed.pot",
        (
            Entry("签订《川渝知识产权合作协议,着力构建格局。", line=4),
            Entry("推动“天府英才卡”“重庆英才服务卡互认。", line=8),
            Entry("“一城多园”共建西部科学城。", line=12),
        ),
    )
    found = [(f.check, f.line) for f in source.check(catalog)]
    assert found == [("source.brackets", 4), ("source.brackets", 8)]


def test_quotation_over_two_segments_is_balanced() -> None:
    catalog = Catalog("seed.pot", (Entry("他说:“我们来了。", line=4), Entry("一起干。”", line=8)))
    assert list(source.check(catalog)) == []


def test_catalog_into_chinese_is_not_read_as_english() -> None:
    from aligner import checks

    catalog = Catalog(
        "zh_CN/app.po",
        (Entry("Building the innovation system together.", "协同推进创新体系建设。", line=3),),
        language="zh_CN",
    )
    assert checks.run([catalog]) == []


def test_attachment_list_starts_after_its_label() -> None:
    # 03_gov_reply_letter of the corpus: 附件：1.…… then 2.…… on the next line.
    catalog = Catalog(
        "letter.pot",
        (
            Entry("附件：1.国土资源部关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告", line=6),
            Entry("2.湖北省巴东县官渡口镇马鬃山村地质险情调查专家组意见", line=7),
        ),
    )
    assert list(source.check(catalog)) == []


def test_stray_closing_bracket_of_a_real_regulation() -> None:
    # 14_chongqing_patent_regulation of the corpus: the amendment note closes a bracket it never opened.
    catalog = Catalog(
        "regulation.pot",
        (
            Entry(
                "2010年7月23日 重庆市第三届人民代表大会常务委员会第十八次会议《关于修改部分地方性法规的决定》第一次修正"
                "  根据2011年11月25日 重庆市第三届人民代表大会常务委员会第二十八次会议"
                "《关于修改部分地方性法规中有关行政强制条款的决定》第二次修正）",
                line=5,
            ),
        ),
    )
    assert [(f.check, f.line) for f in source.check(catalog)] == [("source.brackets", 5)]
