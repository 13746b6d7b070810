"""The bilingual HTML page, read as HTML (the browser test checks the layout)."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from aligner.model import JOINED_MARK, Kind
from aligner.render import html
from aligner.render.html import IndexEntry
from aligner.render.layout import build
from test_render_common import LETTER, Row, letter, make_alignment


class Cells(HTMLParser):
    """Collects the cells (elements with data-segment), their attributes and text, and every tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[dict[str, str]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: list[str] = []
        self._stack: list[tuple[str, int | None]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._raw: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        index = None
        if "data-segment" in a:
            self.cells.append({**a, "tag": tag, "text": ""})
            index = len(self.cells) - 1
        if tag in ("script", "style"):
            self._raw = tag
        self._stack.append((tag, index))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw == "script":
            self.scripts.append(data)
        elif self._raw == "style":
            self.styles.append(data)
        for _, index in self._stack:
            if index is not None:
                self.cells[index]["text"] += data


def parse(text: str) -> Cells:
    parser = Cells()
    parser.feed(text)
    return parser


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.fixture(scope="module")
def page() -> str:
    return html.render(letter())


def test_every_segment_has_a_chinese_and_an_english_cell(page: str) -> None:
    doc = parse(page)
    zh = [c for c in doc.cells if c["lang"] == "zh-Hans"]
    en = [c for c in doc.cells if c["lang"] == "en"]
    # The title stands once, in the header, above the metadata lines that precede it in the source.
    order = [f"{p}.{s}" for p, s in _positions()]
    assert [c["data-segment"] for c in zh] == ["4.1", *(p for p in order if p != "4.1")]
    for cell in zh:
        assert any(cell["data-segment"] in e["data-segment"].split() for e in en)
    for text, *_ in LETTER:
        assert any(text in c["text"] for c in zh)
    for _, _, _, msgstr in LETTER:
        if msgstr and msgstr != JOINED_MARK:
            assert any(msgstr in c["text"] for c in en), msgstr


def _positions() -> list[tuple[int, int]]:
    result, last, n = [], None, 0
    for _, _, paragraph, _ in LETTER:
        n = n + 1 if paragraph == last else 1
        last = paragraph
        result.append((paragraph, n))
    return result


def test_joined_english_spans_both_segments(page: str) -> None:
    en = {c["data-segment"]: c for c in parse(page).cells if c["lang"] == "en"}
    assert "7.3 7.4" in en
    assert en["7.3 7.4"]["text"] == "It met three times"
    assert JOINED_MARK not in "".join(c["text"] for c in en.values())


def test_status_marks(page: str) -> None:
    en = {c["data-segment"]: c for c in parse(page).cells if c["lang"] == "en"}
    assert "st-untranslated" in en["7.5"]["class"]
    assert en["7.5"]["text"] == "untranslated共同争取国家支持。"  # the source, greyed, after its mark
    assert '<span class="fallback" lang="zh-Hans">共同争取国家支持。</span>' in page
    assert "st-fuzzy" in en["7.6"]["class"]
    assert en["7.6"]["text"].startswith("fuzzy")


def test_structure_kept(page: str) -> None:
    doc = parse(page)
    zh = {c["data-segment"]: c for c in doc.cells if c["lang"] == "zh-Hans"}
    en = {c["data-segment"]: c for c in doc.cells if c["lang"] == "en"}
    for cells in (zh, en):
        assert (cells["4.1"]["role"], cells["4.1"]["aria-level"]) == ("heading", "1")  # the title
        assert (cells["6.1"]["role"], cells["6.1"]["aria-level"]) == ("heading", "2")  # top of the outline
        assert "role" not in cells["7.1"]  # a run-in heading opens a body paragraph
    assert 'class="meta" role="table"' in page  # the metadata lines as one compact table
    assert 'class="para k-signature gap1 right"' in page  # closing signature: right by kind, after the body
    assert page.count(' right"') == 2
    assert 'class="para k-metadata gap0"' in page


def test_ids_and_permalinks(page: str) -> None:
    doc = parse(page)
    assert len(doc.ids) == len(set(doc.ids)), "ids are unique"
    for cell in (c for c in doc.cells if c["lang"] == "zh-Hans"):
        assert cell["id"] == "s" + cell["data-segment"].replace(".", "-")
    links = [a for tag, a in doc.tags if tag == "a" and a.get("class") in ("pl", "ppl")]
    assert len([a for a in links if a["class"] == "pl"]) == len(LETTER)
    assert len([a for a in links if a["class"] == "ppl"]) == 10
    for a in links:
        assert a["href"] == "#" + a["id"]
        assert re.fullmatch(r"[hp]-[0-9a-f]{8}(-\d+)?", a["id"])
    assert {f"p{n}" for n in range(1, 11)} <= set(doc.ids)


def test_lang_on_every_text_block(page: str) -> None:
    for cell in parse(page).cells:
        assert cell["lang"] in ("zh-Hans", "en")
    assert '<html lang="en">' in page


def test_header(page: str) -> None:
    assert "Jane Doe" in page and "jane@example.org" not in page
    assert "2021-12-10" in page
    assert "doc.txt" in page
    assert "以中文原文为准" in page and "The Chinese text is authoritative" in page
    assert re.search(r"13 of 15 segments translated \(86\.7&nbsp;%\), 1 fuzzy, 1 untranslated", page)


def test_translator_comment_is_a_footnote(page: str) -> None:
    assert 'href="#note-1"' in page and 'id="note-1"' in page and 'href="#noteref-1"' in page
    assert "审签: approved and signed off; &lt;b&gt;not&lt;/b&gt; a signature." in page


@pytest.mark.parametrize(
    "payload",
    [
        "<script>window.__pwned = 1</script>",
        '"><img src=x onerror="window.__pwned = 2">',
        "</p><iframe src=https://example.org></iframe>",
        "{{ 7 * 7 }} {% raw %}",
    ],
)
def test_catalog_text_is_escaped(payload: str) -> None:
    page = html.render(letter(r7=payload, r8=payload), title=payload)
    doc = parse(page)
    assert not any(tag in ("img", "iframe") for tag, _ in doc.tags)
    assert len([tag for tag, _ in doc.tags if tag == "script"]) == 1
    en = {c["data-segment"]: c for c in doc.cells if c["lang"] == "en"}
    assert payload in en["7.2"]["text"]


def test_content_security_policy_allows_only_the_inline_style_and_script(page: str) -> None:
    doc = parse(page)
    meta = next(a for tag, a in doc.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == f"'{sha256(doc.scripts[0])}'"
    assert policy["style-src"] == f"'{sha256(doc.styles[0])}'"
    assert len(doc.scripts) == 1 and len(doc.styles) == 1


def test_self_contained(page: str) -> None:
    doc = parse(page)
    for tag, attrs in doc.tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(name, "")
            assert not value or value.startswith("#"), (tag, name, value)
        assert tag not in ("link", "img", "iframe", "object", "embed", "base")
    assert "url(" not in doc.styles[0] and "@import" not in doc.styles[0]
    assert "http" not in doc.scripts[0]


def test_print_and_narrow_styles(page: str) -> None:
    style = parse(page).styles[0]
    assert "@media print" in style and "break-inside: avoid" in style
    assert "@media (max-width: 700px)" in style
    assert "Noto Sans CJK SC" in style and "PingFang SC" in style and "Microsoft YaHei" in style


def test_deterministic() -> None:
    assert html.render(letter()) == html.render(letter())


def test_marks_and_notes_from_the_caller() -> None:
    page = html.render(letter(), notes={"5.1": "pair scored 0.41"}, marks={"5.1": "low confidence"})
    assert '<span class="mark extra">low confidence</span>' in page
    assert "pair scored 0.41" in page


def test_join_across_paragraphs_links_back() -> None:
    rows: list[Row] = [("第一段。", Kind.BODY, 1, "First paragraph."), ("第二段。", Kind.BODY, 2, JOINED_MARK)]
    page = html.render(make_alignment(rows))
    assert 'translated with <a href="#s1-1">1.1</a>' in page
    assert "en st-untranslated" not in page


def test_language_tag_from_catalog() -> None:
    page = html.render(make_alignment(LETTER[:2], language="en_GB"))
    assert 'lang="en-GB" data-segment="1.1"' in page


def test_index_page() -> None:
    cov = build(letter()).coverage
    text = html.render_index(
        [IndexEntry("doc", "en", "en/doc.html", "关于<第0426号>提案的复函", "Reply", cov)], title="Documents"
    )
    assert 'href="en/doc.html"' in text
    assert "关于&lt;第0426号&gt;提案的复函" in text
    assert "86.7&nbsp;%" in text
    doc = parse(text)
    assert len(doc.scripts) == 1 and f"script-src '{sha256(doc.scripts[0])}'" in text  # the search, by its hash
    assert "eval(" not in doc.scripts[0] and "Function(" not in doc.scripts[0]


def test_key_lists_only_the_marks_shown(page: str) -> None:
    assert 'Marks: <span class="mark untranslated">untranslated</span><span class="mark fuzzy">fuzzy</span>' in page
    done = html.render(make_alignment(LETTER[:3]))
    assert "Marks:" not in done


@pytest.mark.parametrize(
    ("url", "linked"),
    [("https://www.gov.cn/zhengce/content/2019-01/24/content_5360885.htm", True), ("javascript:alert(1)", False)],
)
def test_original_url_is_a_link_only_on_the_web(url: str, linked: bool) -> None:
    rows: list[Row] = [(f"原文链接：{url}", Kind.METADATA, 1, "Original: " + url), ("正文。", Kind.BODY, 2, "Text.")]
    page = html.render(make_alignment(rows))
    assert (f'<dt>Original</dt><dd><a href="{url}" rel="noreferrer">' in page) is linked
    assert f"<dt>Original</dt><dd>{url}</dd>" in page or linked


def test_importer_metadata_fills_the_header() -> None:
    """An importer's ``Document.metadata`` (HTML, DOCX, PDF) comes before what the segments say."""
    import dataclasses

    from aligner.model import Document

    @dataclasses.dataclass(frozen=True)
    class Imported(Document):
        metadata: dict[str, str] = dataclasses.field(default_factory=dict, hash=False)

    alignment = letter()
    found = {"issuer": "重庆市科学技术局", "number": "渝科局函〔2021〕426号", "url": "https://kjj.cq.gov.cn/x.html"}
    fields = {f.name: getattr(alignment.document, f.name) for f in dataclasses.fields(Document) if f.name != "metadata"}
    document = Imported(**fields, metadata=found)
    page = html.render(dataclasses.replace(alignment, document=document))
    # Not the segment's 市科技局; and in English, as the catalog translates the signature 重庆市科学技术局.
    assert "<dt>Issued by</dt><dd>Chongqing Municipal Science and Technology Bureau</dd>" in page
    assert '<dt>Document No.</dt><dd lang="zh-Hans">渝科局函〔2021〕426号</dd>' in page
    assert '<a href="https://kjj.cq.gov.cn/x.html" rel="noreferrer">' in page


def test_a_bidi_control_in_the_original_url_cannot_reverse_the_link() -> None:
    url = "https://www.gov.cn/zhengce/\u202elmth.exe"
    rows: list[Row] = [(f"原文链接：{url}", Kind.METADATA, 1, "Original: " + url), ("正文。", Kind.BODY, 2, "Text.")]
    page = html.render(make_alignment(rows))
    shown = "https://www.gov.cn/zhengce/%E2%80%AElmth.exe"
    assert f'<dt>Original</dt><dd><a href="{shown}" rel="noreferrer">{shown}</a>' in page
    assert "\u202elmth" not in page.split("<dt>Original</dt>")[1].split("</dd>")[0]
