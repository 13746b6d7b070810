"""A print-quality bilingual PDF: A4, the Chinese and its English side by side, row by row.

WeasyPrint (an optional extra: ``pip install 'aligner[pdf]'``, on the system's Pango) lays out a
print page of the same layout the HTML page follows; the fonts it uses are embedded as subsets.
"""

from __future__ import annotations

import functools
from importlib import resources

from aligner import __version__
from aligner.errors import ConfigError
from aligner.model import Alignment
from aligner.render.layout import ItemList, Page, Publication, Table, build, quiet_gc, sections


def render(alignment: Alignment, *, publication: Publication | None = None) -> bytes:
    with quiet_gc():
        return render_page(build(alignment, publication=publication))


def print_html(page: Page) -> str:
    """The HTML WeasyPrint lays out (the caller's to inspect; it is not a web page)."""
    from markupsafe import Markup

    from aligner.render.html import _environment, bcp47, facts

    template = _environment().get_template("print.html.j2")
    return template.render(
        page=page,
        pub=page.publication,
        facts=facts(page),
        cov=page.coverage,
        lang=bcp47(page.language),
        version=__version__,
        style=Markup(_style()),
        rows=_rows(page),
    )


def _rows(page: Page) -> list[tuple[str, object, bool]]:
    """What the print table holds, in order: ("block", block, keep) or ("table", table, False).

    ``keep``: a heading stays on the page of the text under it."""
    flat: list[tuple[str, object]] = []
    for section in sections(page.body):
        if isinstance(section, Table):
            flat.append(("table", section))
        else:
            flat.extend(("block", b) for b in (section.blocks if isinstance(section, ItemList) else (section,)))
    rows: list[tuple[str, object, bool]] = []
    for index, (what, item) in enumerate(flat):
        following = flat[index + 1] if index + 1 < len(flat) else None
        level = getattr(item, "level", 0)
        keep = bool(level) and following is not None and not getattr(following[1], "level", 0)
        rows.append((what, item, keep))
    return rows


def render_page(page: Page) -> bytes:
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=print_html(page), base_url=None, url_fetcher=_refuse)
    # No date and a fixed identifier: the same page gives the same bytes.
    return document.write_pdf(pdf_identifier=page.doc_id.encode("utf-8")[:32] or b"aligner", uncompressed_pdf=False)


def _refuse(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # The page names nothing outside itself; a URL in the text must not become a request.
    raise ValueError(f"not fetched: {url}")


@functools.cache
def _style() -> str:
    return resources.files("aligner.render").joinpath("assets", "print.css").read_text(encoding="utf-8")


def _weasyprint():  # type: ignore[no-untyped-def]
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise ConfigError(
            f"-f pdf needs WeasyPrint ({exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''})",
            hint="pip install -e '.[pdf]' (and the system's Pango)",
        ) from None
    return weasyprint
