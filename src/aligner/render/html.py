"""Bilingual HTML: one self-contained page per document and language, and an index of the pages.

The page loads nothing from anywhere: style and script are inline and a Content-Security-Policy
names their hashes, so nothing else may run or load. Catalog text goes through jinja2 autoescape.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aligner import __version__
from aligner.model import Alignment, Coverage, Kind, Status
from aligner.records import Record
from aligner.render.layout import Block, ItemList, Page, Publication, Table, build, quiet_gc, sections, shown_url

if TYPE_CHECKING:
    import jinja2

# Heading level of the paragraphs that are headings. Cells stay <p> with role="heading": a
# constant tag costs nothing per segment, a variable one four escapes (a large page notices).
LEVELS = {Kind.TITLE.value: 2, Kind.HEADING.value: 3}


@dataclass(frozen=True, repr=False, eq=False)
class _Group(Record):
    meta: bool  # a run of metadata paragraphs, set as one compact table
    blocks: tuple[Block, ...]
    table: Table | None = None  # a table of the source, drawn as a table
    items: bool = False  # list items that follow one another, drawn as a list


@dataclass(frozen=True, repr=False, eq=False)
class IndexEntry(Record):
    """One document on the index page."""

    doc_id: str
    language: str
    href: str  # relative to the index page
    title: str
    title_en: str
    coverage: Coverage
    issuer: str = ""
    date: str = ""  # as the document prints it
    sort_date: str = ""  # the same in ISO 8601 (2021-11, 2021-12-06), for sorting
    status: str = ""
    text: str = ""  # the document's Chinese and English, lower case, for the search box


def render(
    alignment: Alignment,
    *,
    title: str | None = None,
    notes: Mapping[str, str] | None = None,
    marks: Mapping[str, str] | None = None,
    notice: str = "",
    publication: Publication | None = None,
) -> str:
    """The bilingual page of ``alignment``.

    ``title`` replaces the document's own title; ``notes`` (segment position -> text) are listed
    with the translator's comments; ``marks`` (segment position -> short label, e.g. "low
    confidence") are shown on the English cell; ``notice`` is one more line under the header;
    ``publication`` says who publishes it and whether it is a draft (the default).
    """
    with quiet_gc():
        page = build(alignment, title=title, notes=notes, marks=marks, publication=publication)
        return render_page(page, notice=notice)


def render_page(page: Page, *, notice: str = "") -> str:
    """The page of an already built layout (``layout.build``)."""
    style, script = _asset("page.css"), _asset("page.js")
    template = _environment().get_template("page.html.j2")
    with quiet_gc():
        return _render_page(template, page, notice, style, script)


def _render_page(template: jinja2.Template, page: Page, notice: str, style: str, script: str) -> str:
    from markupsafe import Markup

    # The key to the marks lists only those the page shows.
    seen = {(unit.missing, unit.status) for block in page.blocks for unit in block.units}
    shown_marks = [
        name
        for name, present in (
            ("untranslated", any(missing and status is not Status.FUZZY for missing, status in seen)),
            ("fuzzy", any(status is Status.FUZZY for _, status in seen)),
        )
        if present
    ]
    return template.render(
        shown_marks=shown_marks,
        page=page,
        pub=page.publication,
        facts=facts(page),
        cov=page.coverage,
        groups=_groups(page.body),
        levels=LEVELS,
        lang=bcp47(page.language),
        extra_notice=notice,
        version=__version__,
        style=Markup(style),
        script=Markup(script),
        csp=Markup(policy(style=style, script=script)),
    )


def render_index(entries: Sequence[IndexEntry], *, title: str = "", publication: Publication | None = None) -> str:
    """The site's index: every document by its titles, issuer, date, coverage and status, sortable,
    with a search over titles and text that runs in the page (no request, no eval)."""
    from markupsafe import Markup

    publication = publication or Publication()
    style, script = _asset("page.css"), _asset("index.js")
    template = _environment().get_template("index.html.j2")
    base = publication.base_url.rstrip("/")
    ordered = sorted(entries, key=lambda e: (e.sort_date or "0", e.title), reverse=True)
    return template.render(
        entries=ordered,
        title=title or (f"{publication.publisher}: translations" if publication.publisher else "Translations"),
        pub=publication,
        canonical=shown_url(f"{base}/index.html") if base else "",
        version=__version__,
        style=Markup(style),
        script=Markup(script),
        csp=Markup(policy(style=style, script=script)),
    )


# The document's own metadata shown in the header, in this order.
_FACTS = (("issuer", "Issued by"), ("number", "Document No."), ("written", "Written"), ("published", "Published"))


def facts(page: Page) -> list[tuple[str, str, str]]:
    """(label, value, link) lines of the header: the document's metadata, then the translation's."""
    english = {key: text for key, text in page.dates_en.items() if text}
    shown = {**page.metadata, **english, "issuer": page.issuer_en or page.metadata.get("issuer", "")}
    lines = [(label, shown[key], "") for key, label in _FACTS if shown.get(key)]
    url = shown_url(page.metadata.get("url", ""))  # as the link goes, never reversed by a bidi control
    if url:
        lines.append(("Original", url, url if safe_url(url) else ""))
    lines.append(("Translator", page.translator or "not named", ""))
    if page.revision:
        lines.append(("Revised", page.revision.split(" ")[0], ""))
    lines.append(("Status", page.status + ("" if page.publication.draft else ", published"), ""))
    return lines


def han(text: str) -> bool:
    """Whether ``text`` holds Chinese characters (its element then needs ``lang="zh-Hans"``)."""
    return any("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" for char in text)


def safe_url(url: str) -> bool:
    """Only web addresses become links: a ``javascript:`` URL in a document stays text."""
    return url.lower().startswith(("https://", "http://")) and not any(c.isspace() for c in url)


def policy(*, style: str, script: str | None) -> str:
    """A Content-Security-Policy that allows exactly the inline style and script, and no request."""
    parts = [
        "default-src 'none'",
        f"style-src '{_sha256(style)}'",
        f"script-src '{_sha256(script)}'" if script is not None else "script-src 'none'",
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    return "; ".join(parts)


def bcp47(language: str) -> str:
    """A gettext language code (``en_US``, ``zh_Hans``) as an HTML ``lang`` value (``en-US``)."""
    code = (language or "en").split(".")[0].split("@")[0].replace("_", "-")
    return code or "en"


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _groups(blocks: Sequence[Block]) -> list[_Group]:
    groups: list[_Group] = []
    run: list[Block] = []

    def close() -> None:
        if run:
            groups.append(_Group(run[0].kind is Kind.METADATA, tuple(run)))
            run.clear()

    for section in sections(tuple(blocks)):
        if isinstance(section, Table):
            close()
            groups.append(_Group(False, tuple(b for row in section.rows for b in row), table=section))
        elif isinstance(section, ItemList):
            close()
            groups.append(_Group(False, section.blocks, items=True))
        else:
            meta = section.kind is Kind.METADATA
            if run and (run[0].kind is Kind.METADATA) != meta:
                close()
            run.append(section)
    close()
    return groups


@functools.cache
def _asset(name: str) -> str:
    # The package is installed as files (wheel or editable): importlib.resources would only add its
    # zip support (zipfile, tempfile) to every render's start.
    text = (Path(__file__).parent / "assets" / name).read_text(encoding="utf-8")
    if "</" in text:
        raise ValueError(f"asset {name} must not contain '</' (it is inlined)")
    return text


@functools.cache
def _environment() -> jinja2.Environment:
    # jinja2 is imported here, not at module level, so `aligner --help` stays fast.
    import jinja2

    from aligner import cache

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("aligner.render", "templates"),
        bytecode_cache=cache.templates(),  # compiling the templates costs 30-40 ms a start
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.tests["han"] = han
    return environment
