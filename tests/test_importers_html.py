"""Web pages: a gov.cn block of tests/data, the real gov.cn blocks and whole pages of the corpus
(gov-html/), and encodings."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from aligner import importers, segment, source
from aligner.errors import SourceError
from aligner.importers import html
from aligner.model import Document, Kind, Role
from tests.conftest import CORPUS, DATA, corpus_files, fixture_docs

GOV_HTML = CORPUS / "gov-html"
BLOCK = DATA / "govcn" / "11_content_5355822.html"  # one of the 30, with its row of INDEX.tsv
BLOCKS = sorted((GOV_HTML / "govcn-2019").glob("*.html"))
PAGES = GOV_HTML / "pages"
# Tuning looked at every block; the heuristics were first written on the whole pages and the
# first half of the blocks (01-29), the second half (31-59) is reported apart.
DEVELOPMENT = [p for p in BLOCKS if int(p.name[:2]) <= 29]
HELD_OUT = [p for p in BLOCKS if int(p.name[:2]) > 29]
FURNITURE = (
    "扫一扫",
    "手机打开",
    "版权所有",
    "ICP备",
    "主办单位",
    "网站标识码",
    "分享",
    "打印",
    "关闭窗口",
    "相关稿件",
    "您当前的位置",
)


def read(path: Path) -> Document:
    return importers.read(path, display_path=path.name)


def body_segments(document: Document) -> list[str]:
    """The segments after the metadata block (the importer sets a blank line after it)."""
    first_blank = document.text.split("\n").index("") + 1 if document.metadata and "\n\n" in document.text else 0
    return [s.text for s in segment.segment(document) if s.line > first_blank]


def equal_share(pages: list[Path]) -> tuple[int, int]:
    equal = total = 0
    for page in pages:
        ours = body_segments(read(page))
        theirs = [s.text for s in segment.segment(source.read(page.with_suffix(".txt")))]
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        equal += sum(block.size for block in matcher.get_matching_blocks())
        total += max(len(ours), len(theirs))
    return equal, total


def test_the_corpus_is_there(corpus: Path) -> None:
    assert len(BLOCKS) == 30, f"expected the 30 gov.cn blocks in {GOV_HTML}"
    assert len(list(PAGES.glob("*.htm*"))) == 5


def test_a_body_segments_as_the_crawlers_text() -> None:
    equal, total = equal_share([BLOCK])
    assert total >= 9 and equal == total, f"{equal}/{total} segments equal"


@pytest.mark.parametrize("pages", [DEVELOPMENT, HELD_OUT], ids=["development", "held-out"])
def test_bodies_segment_as_the_crawlers_text(pages: list[Path], corpus: Path) -> None:
    equal, total = equal_share(pages)
    assert equal / total >= 0.99, f"{equal}/{total} segments equal"


@pytest.mark.parametrize("page", [BLOCK, *BLOCKS[:10]], ids=lambda p: f"{p.parent.parent.name[:4]}-{p.name[:2]}")
def test_metadata_fields_are_metadata_segments_and_fields(page: Path) -> None:
    document = read(page)
    kinds = {s.text.split("：")[0]: s.kind for s in segment.segment(document) if "：" in s.text}
    for label in ("索引号", "发文机关", "成文日期", "发文字号"):
        assert kinds.get(label) is Kind.METADATA, (label, kinds.get(label))
    for key in ("index", "issuer", "written", "number", "title", "published"):
        assert document.metadata.get(key), key
    index = (page.parent / "INDEX.tsv").read_text(encoding="utf-8").splitlines()
    row = next(line.split("\t") for line in index if line.startswith(page.name))
    assert document.metadata["index"] == row[3]
    assert document.metadata["number"] == row[4]
    assert document.metadata["issuer"] == row[5]


@pytest.mark.parametrize("page", corpus_files(sorted(PAGES.glob("*.htm*"))), ids=lambda p: p.stem[:24] if p else "")
def test_whole_pages_lose_their_furniture(page: Path, corpus: Path) -> None:
    document = read(page)
    segments = segment.segment(document)
    assert len(segments) >= 5
    for seg in segments:
        if seg.kind is not Kind.BOILERPLATE:
            assert not any(word in seg.text for word in FURNITURE), seg.text
    assert "data:image" not in document.text and "<" not in document.text


def test_gov_cn_policy_page_body_and_metadata(corpus: Path) -> None:
    document = read(PAGES / "psc_govcn_content_6907900_miit_notice_2023.htm")
    texts = [s.text for s in segment.segment(document)]
    # The desktop and the mobile copy of the body: read once.
    assert texts.count("现将《算力基础设施高质量发展行动计划》印发给你们，请结合实际，认真贯彻落实。") == 1
    assert "附件：算力基础设施高质量发展行动计划" in texts
    assert document.metadata["number"] == "工信部联通信〔2023〕180号"
    assert document.metadata["written"] == "2023年10月08日"
    assert document.metadata["issuer"].startswith("工业和信息化部")
    assert document.text.count("发文机关：") == 1


def test_gazette_page_keeps_its_title_block(corpus: Path) -> None:
    document = read(PAGES / "gne_govcn_gongbao_2007-23_npcsc_resolution.html")
    texts = [s.text for s in segment.segment(document)]
    assert texts[0] == "全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议"
    assert texts[-1] == "会议决定：批准发行15500亿元特别国债购买外汇，批准2007年末国债余额限额调整为53365.53亿元。"


def test_news_page_title_above_the_article_is_taken(corpus: Path) -> None:
    document = read(PAGES / "gne_shanxi_gov_news.html")
    segments = segment.segment(document)
    titles = [s.text for s in segments if s.kind is Kind.TITLE]
    assert titles[:2] == ["山西品牌丝路行（南美站）正式启动", "成功举办中国（山西）－巴西双向经贸投资推介会"]
    assert [s.text for s in segments if s.kind is Kind.METADATA][:2] == ["时间：2019-09-18 06:23", "来源：山西日报"]
    assert document.metadata["published"] == "2019-09-18 06:23"


def test_saved_page_url_from_the_browsers_comment_and_tables_as_cells(corpus: Path) -> None:
    document = read(PAGES / "simonxinw_wanzai_2015_tjgb_saved.html")
    assert document.metadata["url"] == (
        "http://www.wanzai.gov.cn/wzxrmzf/tjgb/201705/9c059bf058ef4db8b3c8f920e22186fe.shtml"
    )
    rows: dict[int, list[str]] = {}
    for paragraph in document.paragraphs:
        if paragraph.cell is not None and paragraph.cell.table == 1:
            assert paragraph.role is Role.CELL
            rows.setdefault(paragraph.cell.row, []).append(paragraph.text)
    assert rows[1] == ["产品名称", "计量单位", "产量", "较上年±%"]
    assert rows[2] == ["饮料酒", "千升", "15767", "18.64"]


def test_url_from_canonical_and_og_url() -> None:
    page = '<html><head><link rel="canonical" href="https://www.gov.cn/a.htm"></head><body><p>{}</p></body></html>'
    body = "国务院关于印发某某方案的通知。各省、自治区、直辖市人民政府，国务院各部委、各直属机构。"
    document = html.load(page.format(body).encode(), doc_id="a", path="a.html")
    assert document.metadata["url"] == "https://www.gov.cn/a.htm"
    og = '<html><head><meta property="og:url" content="https://b.gov.cn/x"></head><body><p>{}</p></body></html>'
    assert html.load(og.format(body).encode(), doc_id="b", path="b.html").metadata["url"] == "https://b.gov.cn/x"


# ----------------------------------------------------------------------------- encodings

BODY = "<p>　　为深入贯彻落实党中央、国务院决策部署，现就有关事项通知如下。</p><p>一、总体要求</p>"


@pytest.mark.parametrize(
    ("declared", "codec", "expected"),
    [
        ("gb2312", "gb18030", "gb18030"),  # GB2312 declared, GBK bytes (镕 is not in GB2312)
        ("gbk", "gbk", "gb18030"),
        (None, "gb18030", "gb18030"),  # nothing declared
        ("utf-8", "gb18030", "gb18030"),  # the declaration lies: the bytes are not UTF-8
        ("gb2312", "utf-8", "utf-8"),  # the declaration lies the other way
        ("iso-8859-1", "utf-8", "utf-8"),
    ],
)
def test_encodings(declared: str | None, codec: str, expected: str) -> None:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    page = f"<html><head>{meta}<title>通知</title></head><body>{BODY}<p>朱镕基</p></body></html>"
    document = html.load(page.encode(codec), doc_id="p", path="p.html")
    assert document.encoding == expected
    assert "为深入贯彻落实党中央、国务院决策部署，现就有关事项通知如下。" in document.text
    assert "朱镕基" in document.text


def test_a_real_block_read_from_gbk_bytes_equals_the_utf8_one() -> None:
    raw = BLOCK.read_text(encoding="utf-8")
    page = '<html><head><meta charset="gb2312"></head><body>' + raw + "</body></html>"
    ours = html.load(page.encode("gb18030"), doc_id="x", path="x.html")
    theirs = read(BLOCK)
    assert ours.encoding == "gb18030"
    assert ours.text == theirs.text


def test_structure_br_lists_headings_indents() -> None:
    page = (
        "<html><body><div><h2>第一章　总则</h2><p>　　第一条　为了规范管理，制定本办法。<br>第二条　本办法适用于全省。</p>"
        "<ul><li>（一）加强组织领导；</li><li>（二）强化保障措施。</li></ul><ol><li>报送材料。</li><li>组织评审。</li></ol>"
        '<img src="data:image/png;base64,AAAA" alt="图片"><p>本办法自发布之日起施行。</p></div></body></html>'
    )
    document = html.load(page.encode(), doc_id="s", path="s.html")
    assert document.text.split("\n") == [
        "第一章　总则",
        "　　第一条　为了规范管理，制定本办法。",
        "第二条　本办法适用于全省。",
        "（一）加强组织领导；",
        "（二）强化保障措施。",
        "1.报送材料。",
        "2.组织评审。",
        "本办法自发布之日起施行。",
        "",
    ]
    assert next(s.kind for s in segment.segment(document)) is Kind.HEADING


def test_importing_twice_gives_the_same_text(corpus: Path) -> None:
    page = PAGES / "simonxinw_yichun_2022_tjgb_saved.html"
    assert read(page).text == read(page).text
    assert read(page).metadata == read(page).metadata


def test_empty_page_says_so() -> None:
    with pytest.raises(SourceError, match=r"^e\.html: nothing to translate: no text found in the page"):
        html.load(b"<html><body><script>var a=1;</script></body></html>", doc_id="e", path="e.html")


SITE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_某市人民政府门户网站</title></head><body>
<div class="top"><ul class="menu"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li>
<li><a href="/fw">政务服务</a></li><li><a href="/hd">互动交流</a></li><li><a href="/zj">走进本市</a></li></ul></div>
<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/zw">政务公开</a> &gt; 通知公告</div>
<div class="main"><div class="left"><h3>相关文章</h3><ul>
<li><a href="/a1">关于做好2019年春节期间有关工作的通知</a></li><li><a href="/a2">关于进一步加强安全生产工作的意见</a></li>
<li><a href="/a3">本市召开全市经济工作会议，部署明年重点任务</a></li></ul></div>
<div class="x9-txt">{body}</div>
<div class="bdsharebuttonbox">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div>【打印本页】【关闭窗口】</div></div>
<div class="foot"><p>主办单位：某市人民政府办公厅　承办：某市大数据中心</p><p>版权所有：某市人民政府　网站标识码：5000000001</p>
<p><a href="http://beian.miit.gov.cn">渝ICP备05003300号</a></p></div></body></html>"""


@pytest.mark.parametrize(
    "name", ["05_gov_notice_holidays_2019", "08_gov_approval_xiongan_2018", "13_spc_interpretation_gov_info_2011"]
)
def test_a_site_never_seen(name: str) -> None:
    """A made-up site (no known class names) around real documents: the body and nothing else."""
    text = next(p for p in fixture_docs() if p.stem == name)
    lines = [line.strip() for line in text.read_text(encoding="utf-8").splitlines()]
    body = "".join(f"<p>{line}</p>" if line else "<p><br></p>" for line in lines)
    page = SITE.format(title=lines[0], body=body)
    ours = [s.text for s in segment.segment(html.load(page.encode(), doc_id=name, path=f"{name}.html"))]
    theirs = [s.text for s in segment.segment(source.read(text))]
    # A blank line of the text is an empty paragraph on the page, which the page's text drops.
    if "\n\n" in text.read_text(encoding="utf-8"):
        theirs = [s.text for s in segment.segment(source.parse("\n".join(x for x in lines if x), doc_id="t", path="t"))]
    assert ours == theirs


def test_bracketed_labels_and_a_metadata_list() -> None:
    page = (
        "<html><body><table><tr><td>[ 索引号 ]</td><td>11500000MB15895317/2021-00319</td><td>[ 发文字号 ]</td><td></td></tr>"
        "<tr><td>[ 发布机构 ]</td><td>市科技局</td><td>[ 成文日期 ]</td><td>2021-12-06</td></tr></table>"
        "<div><p>重庆市科学技术局关于市政协五届四次会议第0426号提案的复函</p><p>易小光委员：</p>"
        "<p>您提出的《促进成渝地区双城经济圈科技创新要素市场一体化的建议》（第0426号提案）收悉，现答复如下。</p></div></body></html>"
    )
    document = html.load(page.encode(), doc_id="c", path="c.html")
    assert document.text.split("\n")[:3] == [
        "索引号：11500000MB15895317/2021-00319",
        "发布机构：市科技局",
        "成文日期：2021-12-06",
    ]
    assert dict(document.metadata) == {
        "issuer": "市科技局",
        "written": "2021-12-06",
        "index": "11500000MB15895317/2021-00319",
    }
    kinds = [s.kind for s in segment.segment(document)]
    assert kinds[:3] == [Kind.METADATA] * 3


def test_a_lone_field_line_inside_the_text_stays_where_it_is() -> None:
    page = (
        "<html><body><div><p>关于召开全市安全生产工作会议的通知</p><p>各区县人民政府：</p>"
        "<p>经市政府同意，定于近期召开全市安全生产工作会议，现将有关事项通知如下。</p>"
        "<p>时间：2019年3月1日上午9时</p><p>地点：市政府第一会议室</p><p>请各单位按时参加。</p></div></body></html>"
    )
    document = html.load(page.encode(), doc_id="m", path="m.html")
    lines = document.text.split("\n")
    assert lines.index("时间：2019年3月1日上午9时") == lines.index("地点：市政府第一会议室") - 1 > 2
    assert "published" not in document.metadata


LAYOUT_PAGE = """<html><head><title>关于印发测试方案的通知_测试网</title></head><body>
<table class="frame"><tr><td><a href="/">首页</a> &gt; <a href="/zc">政策</a></td></tr><tr><td>
<table class="meta">
<tr><td><b>索引号：</b></td><td>000014349/2024-00001</td><td><b>主题分类：</b></td><td>综合政务</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td><td>2024年03月01日</td></tr>
<tr><td><b>发文字号：</b></td><td>国办发〔2024〕1号</td><td><b>发布日期：</b></td><td>2024年03月05日</td></tr>
</table>
<div class="article">
<h1>关于印发测试方案的通知</h1>
<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
<p>《测试方案》已经国务院同意，现印发给你们，请认真贯彻执行。各地区要结合实际抓好落实。</p>
<h2>一、总体要求</h2>
<p>坚持问题导向，加强统筹协调，确保各项任务落到实处，取得实效。<br>到2025年，基本建立制度体系。</p>
<h3>（一）主要目标</h3>
<ol><li>加强组织领导；</li><li>落实工作责任；</li><li value="9">做好总结评估。</li></ol>
<ul><li>按时报送材料。</li></ul>
<table border="1"><caption>表1　主要指标</caption>
<thead><tr><th>序号</th><th>指标</th><th colspan="2">目标值</th></tr></thead>
<tr><td rowspan="2">1</td><td>覆盖率</td><td>2024年</td><td>90%</td></tr>
<tr><td>满意度</td><td>2025年</td><td>95%</td></tr>
<tr><td>2</td><td colspan="3">其他指标按有关规定执行。</td></tr>
</table>
<p style="text-align:right">国务院办公厅</p>
<p style="text-align:right">2024年3月1日</p>
</div>
</td></tr><tr><td>版权所有：测试网 京ICP备00000000号</td></tr></table>
</body></html>"""


def test_a_page_hands_over_headings_items_and_table_cells() -> None:
    document = html.load(LAYOUT_PAGE.encode(), doc_id="p", path="p.html")
    blocks = [(p.role, p.level, p.text) for p in document.paragraphs]
    assert (Role.HEADING, 2, "一、总体要求") in blocks and (Role.HEADING, 3, "（一）主要目标") in blocks
    assert [text for role, _, text in blocks if role is Role.ITEM] == [
        "1.加强组织领导；",
        "2.落实工作责任；",
        "9.做好总结评估。",
        "按时报送材料。",
    ]
    # <br> ends a line; the text rules see two sentences on two lines, as in a text file.
    lines = document.text.split("\n")
    assert "坚持问题导向，加强统筹协调，确保各项任务落到实处，取得实效。" in lines
    assert "到2025年，基本建立制度体系。" in lines
    assert "表1　主要指标" in lines  # the caption stands before its table
    cells = {(p.cell.row, p.cell.col): p for p in document.paragraphs if p.cell is not None}
    assert {p.cell.table for p in cells.values()} == {1}  # the frame and the metadata table are no data tables
    assert all(p.role is Role.CELL for p in cells.values())
    assert [(r, c, cells[r, c].text) for r, c in sorted(cells)] == [
        (1, 1, "序号"), (1, 2, "指标"), (1, 3, "目标值"),
        (2, 1, "1"), (2, 2, "覆盖率"), (2, 3, "2024年"), (2, 4, "90%"),
        (3, 2, "满意度"), (3, 3, "2025年"), (3, 4, "95%"),
        (4, 1, "2"), (4, 2, "其他指标按有关规定执行。"),
    ]  # fmt: skip
    assert cells[1, 3].cell.colspan == 2 and cells[1, 1].cell.header and not cells[2, 1].cell.header
    assert cells[2, 1].cell.rowspan == 2 and cells[4, 2].cell.colspan == 3


def test_the_metadata_table_stays_metadata_and_no_frame_leaks() -> None:
    document = html.load(LAYOUT_PAGE.encode(), doc_id="p", path="p.html")
    assert document.metadata["index"] == "000014349/2024-00001"
    assert document.metadata["number"] == "国办发〔2024〕1号" and document.metadata["issuer"] == "国务院办公厅"
    lines = document.text.split("\n")
    assert lines[:6] == [
        "索引号：000014349/2024-00001",
        "主题分类：综合政务",
        "发文机关：国务院办公厅",
        "成文日期：2024年03月01日",
        "发文字号：国办发〔2024〕1号",
        "发布日期：2024年03月05日",
    ]
    assert not any(p.role is Role.CELL and "索引号" in p.text for p in document.paragraphs)
    assert "首页" not in document.text and "版权所有" not in document.text
    title = next(p for p in document.paragraphs if p.text == "关于印发测试方案的通知")
    assert title.role is Role.TITLE


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a cell spanning from above pushes the next row's cells right
        ("<tr><td rowspan=3>甲</td><td>乙</td></tr><tr><td>丙</td></tr><tr><td>丁</td></tr>",
         [(1, 1, "甲"), (1, 2, "乙"), (2, 2, "丙"), (3, 2, "丁")]),
        # spans that are not numbers, or absurd, are read as a browser reads them
        ("<tr><td colspan=x>甲</td><td>乙</td></tr><tr><td rowspan=99999>丙</td><td>丁</td></tr>",
         [(1, 1, "甲"), (1, 2, "乙"), (2, 1, "丙"), (2, 2, "丁")]),
        # a cell's lines run together, Latin words a space apart
        ("<tr><td>上海<br>证券交易所</td><td>Shanghai Stock<br>Exchange</td></tr><tr><td>甲</td><td>乙</td></tr>",
         [(1, 1, "上海证券交易所"), (1, 2, "Shanghai Stock Exchange"), (2, 1, "甲"), (2, 2, "乙")]),
        # an empty cell keeps its column
        ("<tr><td></td><td>乙</td></tr><tr><td>丙</td><td>丁</td></tr>", [(1, 2, "乙"), (2, 1, "丙"), (2, 2, "丁")]),
    ],
)  # fmt: skip
def test_table_grid_places_cells_as_a_browser_does(rows: str, expected: list[tuple[int, int, str]]) -> None:
    page = (
        f"<html><body><div><p>{'为了加强管理，提高效率，制定本办法。' * 2}</p><table>{rows}</table></div></body></html>"
    )
    document = html.load(page.encode(), doc_id="t", path="t.html")
    got = [(p.cell.row, p.cell.col, p.text) for p in document.paragraphs if p.cell is not None]
    assert got == expected


def test_a_table_of_measures_with_paragraphs_in_its_cells_is_a_data_table() -> None:
    measure = "<p>加强统筹协调，建立健全工作机制，明确责任分工，形成工作合力。</p>" * 4
    rows = "".join(
        f"<tr><td>{n}</td><td><p>第{n}项重点任务</p></td><td>{measure}</td><td>各省级人民政府</td></tr>"
        for n in range(1, 6)
    )
    page = (
        "<html><body><div><p>为贯彻落实党中央、国务院决策部署，现将重点任务分工方案印发给你们，请认真执行。</p>"
        f"<p>附件：重点任务分工表</p><table border='1'><tr><th>序号</th><th>任务</th><th>措施</th><th>责任单位</th></tr>"
        f"{rows}</table></div></body></html>"
    )
    document = html.load(page.encode(), doc_id="m", path="m.html")
    cells = [p for p in document.paragraphs if p.role is Role.CELL]
    assert len(cells) == 24
    assert cells[6].text == "加强统筹协调，建立健全工作机制，明确责任分工，形成工作合力。" * 4
    assert (cells[6].cell.row, cells[6].cell.col) == (2, 3)
