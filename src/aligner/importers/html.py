"""Web pages: the document's body, its metadata table and its own URL, on any site.

- **Encoding**: a byte-order mark, else the page's own declaration (``<meta charset>``, the
  HTTP-equiv Content-Type, the XML declaration), checked against the bytes: valid UTF-8 with
  multi-byte characters is UTF-8 whatever the page declares; GB2312 and GBK are read as their
  superset GB18030; without a usable declaration charset-normalizer decides.
- **Body**: the page is read as lines (one per paragraph, heading, list item, table row, ``<br>``);
  each line counts its Chinese characters and those inside links. Lines of running text (Chinese
  sentence punctuation, few links) vote for their ancestors; the element whose lines hold the most
  running text for the least of everything else (navigation, link lists, a duplicate mobile copy)
  is the body. No site's class names are needed.
- **Dropped**: scripts, styles, forms, images, hidden elements, and inside the body the lines of
  navigation, breadcrumbs, share and print buttons, QR prompts, related articles and footers.
- **Metadata**: a label of the disclosure table (索引号, 发文机关, 成文日期, 发文字号, ...) wherever it
  stands on the page, with its value beside it, becomes a metadata line ``发文机关：国务院`` and a
  field of ``Document.metadata``; so does the URL from the canonical link, og:url or the
  ``saved from url`` comment a browser writes.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from aligner import chinese, lazyre, source, structure
from aligner.errors import SourceError
from aligner.importers.base import Line, assemble, cell_text, clean, empty
from aligner.model import Cell, Document, Role
from aligner.records import Record

# ----------------------------------------------------------------------------- encoding

_GB_FAMILY = {"gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80", "euc-cn", "csgb2312"}
_DECLARED = (
    re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I),
    re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I),
)


def declared_charset(raw: bytes) -> str | None:
    """The charset the page declares in its first 4 KB (meta charset, HTTP-equiv, XML declaration)."""
    head = raw[:4096]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii", "replace").lower()
    return None


def _normal(name: str) -> str | None:
    """The text codec of a page's declared charset, None when it names none (a browser ignores it)."""
    name = name.lower().strip()
    if name in _GB_FAMILY or name.startswith("gb2312"):
        return "gb18030"
    try:
        return source.text_codec(name)
    except SourceError:
        return None


def decode(raw: bytes, *, encoding: str | None = None, path: str = "<bytes>") -> tuple[str, str]:
    """The page's text and the encoding used (see the module docstring for the order)."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace"), "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "replace"), "utf-16"
    if encoding:
        name = "gb18030" if encoding.lower().strip() in _GB_FAMILY else source.text_codec(encoding, path)
        return raw.decode(name, "replace"), name
    bare = source.utf16_without_bom(raw)
    if bare is not None:
        return raw.decode(bare, "replace"), bare
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if source.mostly_utf8(raw):
            # UTF-8 with a stray byte: read as the GB2312 it may declare, it would be mojibake
            # that still looks Chinese.
            line = raw.count(b"\n", 0, exc.start) + 1
            raise SourceError(
                f"a UTF-8 page with a byte that is not UTF-8 at byte offset {exc.start}",
                path=path,
                line=line,
                hint="give --encoding utf-8 to read it with that byte replaced",
            ) from None
    else:
        return text, "utf-8"  # also when the page declares GB2312: the bytes say otherwise
    declared = declared_charset(raw)
    name = _normal(declared) if declared else None
    if name and name != "utf-8":
        try:
            return raw.decode(name), name
        except UnicodeError:
            pass
    # Declared UTF-8 but not UTF-8, a declaration that fails, or none: GB18030 when it reads as
    # Chinese, else charset-normalizer's guess.
    candidate = raw.decode("gb18030", "replace")
    if _reads_chinese(candidate):
        return candidate, "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and best.encoding:
        guessed = _normal(best.encoding) or "utf-8"
        return raw.decode(guessed, "replace"), guessed
    return raw.decode(name or "utf-8", "replace"), name or "utf-8"


def _reads_chinese(text: str) -> bool:
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return False
    good = sum(1 for c in wide if chinese.is_han(c) or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return good / len(wide) >= 0.9 and text.count("\ufffd") <= max(3, len(wide) // 1000)


# ----------------------------------------------------------------------------- metadata labels

# Labels of the disclosure table (printed with spaces for alignment: 索 引 号, 标　　题) -> key.
LABELS = {
    "索引号": "index",
    "索取号": "index",
    "主题分类": "subject",
    "主题词": "subject",
    "发文机关": "issuer",
    "发布机构": "issuer",
    "发文单位": "issuer",
    "制发机关": "issuer",
    "发布单位": "issuer",
    "成文日期": "written",
    "成文时间": "written",
    "发文字号": "number",
    "文号": "number",
    "发布日期": "published",
    "发布时间": "published",
    "时间": "published",
    "公布日期": "published",
    "发文日期": "published",
    "标题": "title",
    "名称": "title",
    "来源": None,
    "信息来源": None,
    "公文种类": None,
    "体裁分类": None,
    "组配分类": None,
    "服务对象": None,
    "有效性": None,
    "生效日期": None,
    "废止日期": None,
    "关键词": None,
    "所属机构": "issuer",
}
_LABEL_START = lazyre.compile(r"^[\u4e00-\u9fff]{2,6}[:：]")
_ANY_LABEL = lazyre.compile("(?:" + "|".join(sorted(LABELS, key=len, reverse=True)) + ")[:：]")
KEYS = ("title", "issuer", "number", "written", "published", "index", "subject", "url")
_SPACES = lazyre.compile(r"[\s\u3000\u00a0]+")
_LABEL_ONLY = lazyre.compile(r"^(?P<label>[\u4e00-\u9fff]{2,6})[:：]?$")
_LABEL_VALUE = lazyre.compile(r"^(?P<label>[\u4e00-\u9fff]{2,6})[:：](?P<value>.+)$")


def _label(text: str) -> str | None:
    squeezed = _SPACES.sub("", text)
    if squeezed[:1] in "[［【" and squeezed[-1:] in "]］】":
        squeezed = squeezed[1:-1]  # Chongqing's pages print [ 索引号 ]
    match = _LABEL_ONLY.match(squeezed)
    if match and match.group("label") in LABELS:
        return match.group("label")
    return None


# ----------------------------------------------------------------------------- boilerplate

_BOILERPLATE = lazyre.compile(
    r"(?:扫一扫|手机打开|二维码|分享到|分享至|【?打印(?:本页|文章|此页)?】?$|^【?关闭(?:窗口|本页)?】?$|^字号|"
    r"[【\[]?\s*大\s*中\s*小\s*[】\]]?$|^责任编辑|^编辑[:：]|^当前位置|^您当前的位置|^您现在的位置|^当前的位置|"
    r"^首页\s*[>＞»/]|版权所有|ICP备|ICP证|公网安备|网站标识码|^主办单位|^承办单位|^主办[:：]|^承办[:：]|"
    r"^技术支持|^运行维护|^网站地图|^联系我们|^相关(?:稿件|文章|链接|新闻|阅读|文件|政策)|^上一篇|^下一篇|"
    r"^【?(?:我要)?纠错】?|^【?收藏】?$|^\[?\s*返回顶部|^返回顶部|^浏览次数|^阅读次数|^访问量|^点击[数量率]|"
    r"^首页$|^返回首页|^政务微博|^政务微信|^微信公众号|^无障碍|^适老化|^登录$|^注册$|^English$|^EN$|^简$|^繁$)"
)
_SENTENCE_MARKS = "，。；！？、"


def boilerplate(text: str) -> bool:
    """A line of page furniture: navigation, share and print buttons, QR prompts, footers."""
    squeezed = text.strip(chinese.SPACE_CHARS)
    # Length first: the search is unanchored, and a paragraph may run to megabytes.
    return len(squeezed) <= 120 and bool(_BOILERPLATE.search(squeezed))


# ----------------------------------------------------------------------------- the page as lines

_SKIP = {
    "script", "style", "noscript", "iframe", "template", "svg", "canvas", "img", "picture", "video", "audio",
    "object", "embed", "map", "area", "input", "select", "textarea", "option", "head", "title", "meta", "link",
    "base", "source", "track", "math",
}  # fmt: skip
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tbody",
    "thead", "tfoot", "tr", "td", "th", "caption", "section", "article", "header", "footer", "nav", "aside",
    "main", "blockquote", "pre", "form", "center", "hr", "address", "figure", "figcaption", "fieldset",
    "legend", "details", "summary", "body", "html", "frameset", "frame", "menu", "dir",
}  # fmt: skip


@dataclass(repr=False)
class _Raw(Record):
    """A line of the page before the body is chosen."""

    text: str
    owner: object  # the nearest block element
    han: int = 0
    link_han: int = 0
    row: bool = False
    heading: bool = False
    ancestors: tuple[object, ...] = field(default=(), repr=False)
    role: Role | None = None
    level: int = 0
    cell: Cell | None = None  # its table counts the walker's data tables; renumbered for the body


class _Walker:
    def __init__(self, consumed: set[object]) -> None:
        self.lines: list[_Raw] = []
        self.consumed = consumed
        self.parts: list[tuple[str, bool]] = []
        self.owner: object = None
        self.links = 0
        self.labels: dict[object, str] = {}  # <li> of an ordered list -> the number a browser shows
        self.tables = 0

    def flush(self) -> None:
        if self.parts:
            text = "".join(part for part, _ in self.parts)
            cleaned = clean(text)
            if cleaned:
                han = len(chinese.HAN.findall(cleaned))
                link_han = sum(len(chinese.HAN.findall(part)) for part, link in self.parts if link)
                owner = self.owner
                tag = _tag(owner)
                heading = tag in _HEADINGS
                role = Role.HEADING if heading else None
                if tag == "li" or (tag in ("p", "div", "span") and _tag(owner.getparent()) == "li"):  # type: ignore[attr-defined]
                    role = Role.ITEM
                raw = _Raw(cleaned, owner, han, link_han, heading=heading, role=role, level=_HEADINGS.get(tag, 0))
                self.lines.append(raw)
        self.parts = []

    def text(self, value: str | None) -> None:
        if value:
            self.parts.append((value, self.links > 0))

    def walk(self, element: object) -> None:  # lxml elements
        """Read ``element`` and its tail, depth first, with a stack of its own: a page may nest
        elements thousands deep, past Python's recursion limit."""
        stack: list[tuple[object, tuple[str, bool, object] | None]] = [(element, None)]
        while stack:
            node, leaving = stack.pop()
            if leaving is not None:
                tag, block, saved = leaving
                if tag == "a":
                    self.links -= 1
                if block:
                    self.flush()
                    self.owner = saved
                self.text(node.tail)  # type: ignore[attr-defined]
                continue
            entered = self._enter(node)
            if entered is None:
                continue
            stack.append((node, entered))
            stack.extend((child, None) for child in reversed(node))  # type: ignore[call-overload]

    def _enter(self, element: object) -> tuple[str, bool, object] | None:
        """Read what opens ``element``; what closes it, or None when it was read whole (or skipped)."""
        tag = element.tag if isinstance(element.tag, str) else ""  # type: ignore[attr-defined]
        tag = tag.lower()
        if not tag or tag in _SKIP or element in self.consumed or _hidden(element):
            self.text(element.tail)  # type: ignore[attr-defined]
            return None
        if tag == "br":
            self.flush()
            self.text(element.tail)  # type: ignore[attr-defined]
            return None
        if tag == "table" and _data_table(element):
            self.flush()
            self.tables += 1
            for caption in element.iter("caption"):  # type: ignore[attr-defined]
                text = clean(caption.text_content())
                if text and caption not in self.consumed:
                    self.lines.append(_Raw(text, caption, len(chinese.HAN.findall(text)), 0, heading=False))
            for cell, place in _grid(element):
                text, link_han = _cell_text(cell, self.consumed)
                if text:
                    han = len(chinese.HAN.findall(text))
                    placed = Cell(self.tables, *place)
                    self.lines.append(_Raw(text, cell, han, link_han, row=True, role=Role.CELL, cell=placed))
            self.text(element.tail)  # type: ignore[attr-defined]
            return None
        block = tag in _BLOCK
        saved = self.owner
        if block:
            self.flush()
            self.owner = element
        if tag == "ol":
            self.labels.update(_list_labels(element))
        if tag == "li":
            self.text(self.labels.get(element, ""))
        if tag == "a":
            self.links += 1
        if tag != "button":  # a button's own label is furniture; what a parser nested inside it is not
            self.text(element.text)  # type: ignore[attr-defined]
        return tag, block, saved


def _list_labels(parent: object) -> dict[object, str]:
    """The number a browser shows before each item of an ordered list (1. / a. / A.), in one pass."""
    if "none" in (parent.get("style") or "").replace(" ", ""):  # type: ignore[attr-defined]
        return {}
    number = _integer(parent.get("start"), 1) - 1  # type: ignore[attr-defined]
    kind = parent.get("type") or "1"  # type: ignore[attr-defined]
    labels = {}
    for child in parent:  # type: ignore[attr-defined]
        if _tag(child) != "li":
            continue
        number = _integer(child.get("value"), number + 1)
        if kind in ("a", "A"):
            label = chr(ord("a") + (number - 1) % 26)
            labels[child] = (label.upper() if kind == "A" else label) + "."
        else:
            labels[child] = f"{number}."
    return labels


def _integer(value: str | None, default: int) -> int:
    """An HTML integer attribute, within what a browser shows; the default when it is not one."""
    try:
        return max(-(10**9), min(10**9, int((value or "").strip())))
    except ValueError:
        return default


_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_MAX_ROWSPAN = 500  # a cell spans at most this many rows below it (browsers allow 65534)


def _grid(table: object) -> list[tuple[object, tuple[int, int, int, int, bool]]]:
    """Each cell of a data table with its place (row, col, rowspan, colspan, header), as a browser
    lays the grid out: a cell goes to the first column its row has free of cells spanning from above."""
    rows = list(table.iter("tr"))  # type: ignore[attr-defined]
    above: dict[int, list[tuple[int, int]]] = {}  # row -> [start, end) columns taken by cells from above
    placed = []
    for number, row in enumerate(rows, start=1):
        taken = sorted(above.pop(number, []))
        in_head = _tag(row.getparent()) == "thead"
        col, at = 1, 0
        for cell in row:
            if _tag(cell) not in ("td", "th"):
                continue
            while at < len(taken) and taken[at][0] <= col:
                col = max(col, taken[at][1])
                at += 1
            colspan = max(1, min(1000, _integer(cell.get("colspan"), 1)))
            rowspan = max(1, min(_MAX_ROWSPAN, len(rows) - number + 1, _integer(cell.get("rowspan"), 1)))
            for below in range(number + 1, number + rowspan):
                above.setdefault(below, []).append((col, col + colspan))
            placed.append((cell, (number, col, rowspan, colspan, in_head or _tag(cell) == "th")))
            col += colspan
    if placed and not any(place[4] for _, place in placed):
        by_row: list[list[tuple[str, int]]] = [[] for _ in rows]
        for cell, place in placed:
            by_row[place[0] - 1].append((clean(cell.text_content()), place[2]))  # type: ignore[attr-defined]
        head = structure.header_rows(by_row)
        placed = [(cell, (*place[:4], place[0] <= head)) for cell, place in placed]
    return placed


def _tag(element: object) -> str:
    tag = getattr(element, "tag", "")
    return tag.lower() if isinstance(tag, str) else ""


def _hidden(element: object) -> bool:
    get = element.get  # type: ignore[attr-defined]
    style = (get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or get("hidden") is not None


def _cell_text(cell: object, consumed: set[object]) -> tuple[str, int]:
    """A cell's text (its lines run together) and how many of its Chinese characters are links."""
    if cell in consumed:
        return "", 0
    walker = _Walker(consumed)
    walker.walk(cell)
    walker.flush()
    paragraphs: list[list[str]] = []
    owner: object = None
    for number, line in enumerate(walker.lines):  # lines of one element are <br> lines of one paragraph
        if number == 0 or line.owner is not owner:
            paragraphs.append([])
        owner = line.owner
        paragraphs[-1].append(line.text)
    text = cell_text(paragraphs)
    return text, sum(line.link_han for line in walker.lines)


_LAYOUT_INSIDE = ("h1", "h2", "h3", "form", "nav", "iframe", "frame")
_CELL_MAX = 1500  # characters: a cell holding more is a column of the page, not a datum
_CELL_PARAGRAPHS = 8


def _data_table(table: object) -> bool:
    """A table of data (rows of cells), not a table that lays out the page: it holds no other table,
    no headings or forms, and no cell long enough to be a column of text (a list of measures may
    hold a paragraph or two per cell; the frame of a page holds the document)."""
    rows = [row for row in table.iter("tr")]  # type: ignore[attr-defined]
    if len(rows) < 2 or any(True for _ in table.iter("table") if _ is not table):  # type: ignore[attr-defined]
        return False
    if any(True for _ in table.iter(*_LAYOUT_INSIDE)):  # type: ignore[attr-defined]
        return False
    widest = 0
    for row in rows:
        cells = [cell for cell in row if _tag(cell) in ("td", "th")]
        widest = max(widest, len(cells))
        for cell in cells:
            text = cell.text_content()  # type: ignore[attr-defined]
            if len(text.strip()) > _CELL_MAX or len(cell.findall(".//p")) > _CELL_PARAGRAPHS:  # type: ignore[attr-defined]
                return False
    return widest >= 2


# ----------------------------------------------------------------------------- metadata


def _metadata(root: object) -> tuple[list[tuple[str, str]], set[object]]:
    """(label, value) pairs of the disclosure table in page order, and the elements they came from.

    A field counts only beside another one (a table, a list, a line of fields): a lone line
    ``来源：…`` or ``标题：…`` inside a document's text stays where it is."""
    candidates: list[tuple[str, str, list[object], object]] = []
    claimed: set[object] = set()
    for element in root.iter():  # type: ignore[attr-defined]
        tag = _tag(element)
        if not tag or tag in _SKIP or element in claimed:
            continue
        own = element.text_content()  # type: ignore[attr-defined]
        if len(own) > 200:
            continue
        label = _label(own)
        value = ""
        taken: list[object] = [element]
        if label:
            value = clean(element.tail or "")  # type: ignore[attr-defined]
            if not value:
                sibling = element.getnext()  # type: ignore[attr-defined]
                while sibling is not None and not isinstance(sibling.tag, str):
                    sibling = sibling.getnext()
                if sibling is not None and not _LABEL_START.match(_SPACES.sub("", sibling.text_content())):
                    value = clean(sibling.text_content())
                    taken.append(sibling)
        else:
            head = _LABEL_VALUE.match(_SPACES.sub("", own))
            if not (head and head.group("label") in LABELS and tag in ("li", "p", "td", "dd", "div", "span")):
                continue
            if any(_tag(inner) in _BLOCK for inner in element.iterdescendants()):  # type: ignore[attr-defined]
                continue  # a row or a table of several fields: its cells are read one by one
            if len(_ANY_LABEL.findall(_SPACES.sub("", own))) != 1:
                continue  # several fields in one line (发布时间：… 来源：…) or none
            label = head.group("label")
            value = clean(re.split("[:：]", own, maxsplit=1)[1])
        for item in taken:
            claimed.update(item.iter())  # type: ignore[attr-defined]
        candidates.append((label, value, taken, element))
    near: dict[object, int] = {}
    for *_rest, element in candidates:
        for ancestor in _ancestors(element)[1:4]:
            near[ancestor] = near.get(ancestor, 0) + 1
    pairs: list[tuple[str, str]] = []
    consumed: set[object] = set()
    seen: set[tuple[str, str]] = set()
    for label, value, taken, element in candidates:
        if not any(near.get(ancestor, 0) >= 2 for ancestor in _ancestors(element)[1:4]):
            continue
        for item in taken:
            consumed.update(item.iter())  # type: ignore[attr-defined]
        if value and (label, value) not in seen:
            seen.add((label, value))
            pairs.append((label, value))
    return pairs, consumed


def _page_url(text: str, root: object) -> str:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = [v.strip() for v in root.xpath(xpath) if v.strip().startswith(("http://", "https://"))]  # type: ignore[attr-defined]
        if found:
            return found[0]
    saved = re.search(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", text[:4096], re.I)
    if saved and saved.group(1).startswith(("http://", "https://")):
        return saved.group(1)
    return ""


# ----------------------------------------------------------------------------- the body


def _running(line: _Raw) -> bool:
    """A line of running text: sentences, not links or labels."""
    if line.row or line.han < 12 or line.link_han > 0.3 * line.han or boilerplate(line.text):
        return False
    return any(mark in line.text for mark in _SENTENCE_MARKS)


def _choose_body(lines: list[_Raw]) -> object | None:
    seen: set[str] = set()
    dense: dict[object, float] = {}
    other: dict[object, float] = {}
    order: dict[object, int] = {}
    furniture: dict[object, float] = {}
    for index, line in enumerate(lines):
        fresh = line.text not in seen
        seen.add(line.text)
        weight = float(line.han - line.link_han)
        # A data table's cells are the document's content: their values repeat row after row, and
        # a cell is short, but neither makes it page furniture; a table of links is still links.
        plain_cell = line.row and line.link_han <= 0.3 * line.han
        fresh = fresh or plain_cell
        running = fresh and (_running(line) or plain_cell)
        # Links, furniture and a second copy of the text weigh against an element; short plain
        # lines (headings, lists of names, a signature) barely do: official documents have many.
        furniture_line = not fresh or line.link_han >= 0.5 * line.han or boilerplate(line.text)
        cost = max(float(line.han), 1.0) * (1.0 if furniture_line else 0.1)
        for key in line.ancestors:
            order.setdefault(key, index)
            if running:
                dense[key] = dense.get(key, 0.0) + weight
            else:
                other[key] = other.get(key, 0.0) + cost
            if furniture_line:
                furniture[key] = furniture.get(key, 0.0) + cost
    if not dense:
        return None
    best = max(dense, key=lambda key: (dense[key] - 0.5 * other.get(key, 0.0), -order[key]))
    # Widen to the ancestors that add only plain lines (a title block, a signature set apart).
    while True:
        parent = best.getparent()  # type: ignore[attr-defined]
        if parent is None or dense.get(parent) != dense[best] or furniture.get(parent) != furniture.get(best):
            return best
        best = parent


def _ancestors(element: object) -> tuple[object, ...]:
    found = []
    while element is not None:
        found.append(element)
        element = element.getparent()  # type: ignore[attr-defined]
    return tuple(found)


def _body_lines(lines: list[_Raw], body: object | None, title: str) -> Iterator[_Raw]:
    inside = [line for line in lines if body is None or body in line.ancestors]
    if body is not None and title:
        first = inside[0].text if inside else ""
        if _squeeze(title) not in _squeeze("".join(line.text for line in inside[:4])):
            # A news page sets its title above the article: take the heading that says it.
            start = lines.index(inside[0]) if inside else len(lines)
            for at in range(start - 1, -1, -1):
                line = lines[at]
                if _squeeze(line.text) == _squeeze(title) and line.text != first:
                    line.heading = True
                    yield line
                    # and the subtitle set as a heading between it and the article: part of the title
                    for x in lines[at + 1 : start]:
                        if x.heading and not boilerplate(x.text):
                            x.role = Role.TITLE
                            yield x
                    break
    run_of_links = 0
    after_attachment = False
    for index, line in enumerate(inside):
        if boilerplate(line.text):
            continue
        if not line.row and line.text.rstrip().endswith(("：", ":")) and _label(line.text):
            continue  # a field of the disclosure table left empty (主 题 词： with no words): nothing to say
        linky = not line.row and line.han > 0 and line.link_han >= 0.8 * line.han  # a table in the body stays whole
        if line.text.startswith("附件"):
            after_attachment = True
        if linky and not after_attachment:
            following = inside[index + 1] if index + 1 < len(inside) else None
            following_linky = following is not None and following.han > 0 and following.link_han >= 0.8 * following.han
            if run_of_links or following_linky:
                run_of_links += 1
                continue
        run_of_links = 0
        if not linky and not line.text.startswith("附件") and _running(line):
            after_attachment = False
        yield line


def _squeeze(text: str) -> str:
    return "".join(chinese.HAN.findall(text))


def _title(root: object) -> str:
    for xpath in (
        '//meta[@name="ArticleTitle"]/@content',
        '//meta[@property="og:title"]/@content',
        '//meta[@name="title"]/@content',
    ):
        found = [clean(v) for v in root.xpath(xpath) if clean(v)]  # type: ignore[attr-defined]
        if found:
            return found[0]
    titles = root.xpath("//title")  # type: ignore[attr-defined]
    if titles:
        text = clean(titles[0].text_content())
        return re.split(r"\s*(?:_{1,2}|——|\s-\s|\|)\s*", text)[0] if text else ""
    return ""


_NOT_TEXT = lazyre.compile(r"<!--.*?-->|<(script|style|template|textarea)\b.*?</\1\s*>", re.S | re.I)


def _check_whole(markup: str, root: object, path: str) -> None:
    """Refuse a page the parser did not read to its end: text lost without a word is worse than none."""
    expected = len(chinese.HAN.findall(_NOT_TEXT.sub("", markup)))
    if expected < 20:
        return
    tops = [root, *(e for e in root.itersiblings() if isinstance(e.tag, str))]  # type: ignore[attr-defined]
    found = 0
    for top in tops:
        for node in top.iter():
            if _tag(node) in ("script", "style", "template", "textarea"):
                found -= len(chinese.HAN.findall(node.text or ""))
        found += len(chinese.HAN.findall(top.text_content()))  # type: ignore[attr-defined]
        found += sum(len(chinese.HAN.findall(v)) for e in top.iter() if isinstance(e.tag, str) for v in e.values())
    if found < 0.9 * expected:
        raise SourceError(
            f"the page could be parsed only in part ({found} of {expected} Chinese characters)",
            path=path,
            hint="check that the file is a whole page, or save its text as .txt",
        )


def load(raw: bytes, *, doc_id: str, path: str, encoding: str | None = None) -> Document:
    """The Document of an HTML page (see the module docstring)."""
    import lxml.html

    text, used = decode(raw, encoding=encoding, path=path)
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not markup.strip():
        raise empty(path, "the page is empty")
    try:
        # huge_tree: libxml2 otherwise stops, silently, at a text node or attribute over 10 MB
        # (an inline image), and the rest of the page is lost.
        parser = lxml.html.HTMLParser(remove_comments=True, huge_tree=True)
        root = lxml.html.document_fromstring(markup, parser=parser)
    except Exception as exc:  # lxml raises several unrelated types on hopeless input
        raise SourceError(f"cannot parse the page: {exc}", path=path, hint="give the page as saved") from None
    _check_whole(markup, root, path)
    page_title = _title(root)
    url = _page_url(text, root)
    # A stray </html> in a site's header include makes libxml2 start a second <html> beside the
    # first: the page is every top-level element, in order.
    tops = [root, *(e for e in root.itersiblings() if isinstance(e.tag, str))]
    pairs: list[tuple[str, str]] = []
    consumed: set[object] = set()
    for top in tops:
        found, taken = _metadata(top)
        pairs.extend(pair for pair in found if pair not in pairs)
        consumed |= taken
    walker = _Walker(consumed)
    for top in tops:
        body_element = top.find("body")
        walker.walk(body_element if body_element is not None else top)
    walker.flush()
    for line in walker.lines:
        line.ancestors = _ancestors(line.owner)
    body = _choose_body(walker.lines)
    lines: list[Line] = []
    for number, (label, value) in enumerate(pairs):
        lines.append(Line(f"{label}：{value}", flow=False, gap=number == 0))
    first = True
    tables: dict[int, int] = {}  # the walker's table number -> its number among the body's tables
    for line in _body_lines(walker.lines, body, page_title):
        role, cell = line.role, line.cell
        if line.heading and page_title and _squeeze(line.text) == _squeeze(page_title):
            role = Role.TITLE
        elif line.heading and role is None:
            role = Role.TITLE  # the page's title, set above the article
        if cell is not None:
            cell = dataclasses.replace(cell, table=tables.setdefault(cell.table, len(tables) + 1))
        level = line.level if role is Role.HEADING else 0
        flow = not (line.row or line.heading)
        lines.append(Line(line.text, flow=flow, gap=first and bool(lines), role=role, level=level, cell=cell))
        first = False
    metadata: dict[str, str] = {}
    for label, value in pairs:
        key = LABELS.get(label)
        if key and key not in metadata:
            metadata[key] = value
    if url:
        metadata["url"] = url
    published = [clean(v) for v in root.xpath('//meta[@name="PubDate"]/@content') if clean(v)]
    if "published" not in metadata and published:
        metadata["published"] = published[0]
    if "title" not in metadata and page_title:
        metadata["title"] = page_title
    if not lines:
        raise empty(path, "no text found in the page")
    ordered = {key: metadata[key] for key in KEYS if key in metadata}
    return assemble(lines, doc_id=doc_id, path=path, encoding=used, metadata=ordered)
