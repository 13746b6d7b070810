"""A document's own metadata (issuer, number, dates, original URL) read from its metadata segments
and from what an importer found, under canonical keys.

Government sites print the metadata of a document as a table that ends up as lines of text:
``[ 索引号 ] 11500000MB15895317/2021-00319 [ 发文字号 ]`` (several fields on one line, some empty) or
``发文机关：国务院``. Each label maps to one canonical key; the first non-empty value of a key wins,
so a field printed twice (once in a summary, once in the full table) is read once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aligner import lazyre

KEYS = ("title", "issuer", "number", "written", "published", "url", "index", "subject")

# Label as printed (spaces, full-width spaces and colons removed) -> canonical key.
LABELS = {
    "索引号": "index",
    "发文字号": "number",
    "文号": "number",
    "发布机构": "issuer",
    "发文机关": "issuer",
    "发文单位": "issuer",
    "制发机关": "issuer",
    "发布单位": "issuer",
    "成文日期": "written",
    "成文时间": "written",
    "发布日期": "published",
    "发布时间": "published",
    "公布日期": "published",
    "发文日期": "published",
    "主题分类": "subject",
    "主题词": "subject",
    "标题": "title",
    "名称": "title",
    "原文链接": "url",
    "原文地址": "url",
    "网址": "url",
    "链接": "url",
}

# Keys an importer may use for the same things.
ALIASES = {
    **{key: key for key in KEYS},
    **LABELS,
    "publisher": "issuer",
    "organization": "issuer",
    "author": "issuer",
    "document_number": "number",
    "doc_number": "number",
    "date": "published",
    "created": "written",
    "source_url": "url",
    "source": "url",
    "link": "url",
    "index_number": "index",
    "keywords": "subject",
}

_BRACKETED = lazyre.compile(r"\[\s*([^\[\]]+?)\s*\]\s*([^\[]*)")
_COLON = lazyre.compile(r"^\s*([\u4e00-\u9fff\u3000 ]{2,12}?)\s*[:：]\s*(.*)$")
_PAREN_DATE = lazyre.compile(r"^[（(]\s*(\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)\s*[)）]$")
_ORDER_NUMBER = lazyre.compile(r"^第\s*[0-9０-９一二三四五六七八九十百千零〇]+\s*号$")
_SPACES = lazyre.compile(r"[\s\u3000]+")


_DATE = lazyre.compile(r"(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(?:(\d{1,2})\s*日?)?)?)?")


_HAN_DATE = lazyre.compile(
    r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?"
)
_HAN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def _han_number(text: str) -> int:
    """十 = 10, 十八 = 18, 二十三 = 23, 七 = 7: the numbers of months and days."""
    if "十" not in text:
        return _HAN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[units] if units else 0)


def iso_date(text: str) -> str:
    """A date as printed (2021-12-06, 2021年11月, 2021.3.5, 二〇〇六年十月十八日) as ISO 8601 to the
    precision given, so dates sort; "" when there is none."""
    han = _HAN_DATE.search(text)
    if han:
        year = "".join(str(_HAN_DIGITS[c]) for c in han.group(1))
        parts = [year, f"{_han_number(han.group(2)):02d}"]
        if han.group(3):
            parts.append(f"{_han_number(han.group(3)):02d}")
        return "-".join(parts)
    match = _DATE.search(text)
    if not match:
        return ""
    year, month, day = match.groups()
    parts = [year]
    if month:
        parts.append(f"{int(month):02d}")
        if day:
            parts.append(f"{int(day):02d}")
    return "-".join(parts)


def canonical(label: str) -> str | None:
    """The canonical key of a printed label or an importer's key, None when it is not one of ours."""
    cleaned = _SPACES.sub("", label).strip(":：").lower()
    return ALIASES.get(cleaned)


def parse(text: str) -> dict[str, str]:
    """The fields of one metadata segment: ``{key: value}``, empty values dropped.

    >>> parse("[ 成文日期 ] 2021-12-06 [ 发布日期 ] 2021-12-06")
    {'written': '2021-12-06', 'published': '2021-12-06'}
    >>> parse("发文机关：国务院")
    {'issuer': '国务院'}
    """
    found: dict[str, str] = {}
    stripped = text.strip()
    if stripped.startswith("["):
        for label, value in _BRACKETED.findall(stripped):
            key = canonical(label)
            if key and value.strip() and key not in found:
                found[key] = value.strip()
        return found
    match = _COLON.match(stripped)
    if match:
        key = canonical(match.group(1))
        if key and match.group(2).strip():
            found[key] = match.group(2).strip()
        return found
    date = _PAREN_DATE.match(stripped)
    if date:
        found["published"] = _SPACES.sub("", date.group(1))
    elif _ORDER_NUMBER.match(stripped):
        found["number"] = _SPACES.sub("", stripped)
    return found


def collect(texts: Iterable[str], imported: Mapping[str, object] | None = None) -> dict[str, str]:
    """Every field of a document: what its importer found first, then its metadata segments."""
    result: dict[str, str] = {}
    for key, value in (imported or {}).items():
        name = canonical(str(key))
        text = str(value).strip() if value is not None else ""
        if name and text and name not in result:
            result[name] = text
    for text in texts:
        for key, value in parse(text).items():
            result.setdefault(key, value)
    return {key: result[key] for key in KEYS if key in result}
