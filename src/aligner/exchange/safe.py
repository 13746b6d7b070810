"""Untrusted archives and XML, opened so that nothing in them reaches out or blows up.

XML is parsed without DTD loading, entity expansion, network access or huge-tree mode, and a
document that declares a DOCTYPE at all is refused (no review document needs one: that is where
XXE and entity bombs live). A zip is checked from its directory before anything is inflated:
member count, each member's declared size and ratio, the total; the inflated bytes are counted
again while reading, since a directory can lie.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from aligner.exchange.review import ExchangeError

MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # inflated / compressed: XML compresses 10-30 times, a bomb thousands of times
_RATIO_FLOOR = 1 << 20  # small members may compress as they like

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
)


def parse(data: bytes, where: str) -> etree._Element:
    """The root of an XML document, or ``ExchangeError`` (malformed, or declaring a DOCTYPE)."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        raise ExchangeError(f"not well-formed XML: {exc.msg}", path=where, line=line) from None
    if root is None:
        raise ExchangeError("empty XML document", path=where)
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise ExchangeError(
            "declares a DOCTYPE (entities), which a review document never has; refused",
            path=where,
            hint="export the document again with aligner export",
        )
    return root


class Archive:
    """A zip read defensively; ``read`` returns a member's bytes, or None when it is absent."""

    def __init__(self, data: bytes, where: str) -> None:
        self.where = where
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise ExchangeError(
                f"not a Word document (not a zip archive: {exc})", path=where, hint="give the .docx as exported"
            ) from None
        if len(infos) > MAX_MEMBERS:
            raise ExchangeError(f"holds {len(infos)} archive members; refused as a zip bomb", path=where)
        total = 0
        for info in infos:
            total += info.file_size
            ratio_ok = info.file_size <= _RATIO_FLOOR or info.file_size <= MAX_RATIO * max(info.compress_size, 1)
            if not ratio_ok:
                raise ExchangeError(
                    f"member {info.filename} inflates to {info.file_size} bytes from {info.compress_size}; "
                    "refused as a zip bomb",
                    path=where,
                )
            if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                raise ExchangeError(
                    f"member {info.filename} inflates to {info.file_size} bytes, more than a review document "
                    f"may hold ({MAX_MEMBER_BYTES // 2**20} MB a member, {MAX_TOTAL_BYTES // 2**20} MB in all)",
                    path=where,
                    hint="export fewer catalogs or entries per document",
                )
        self.names = {info.filename for info in infos}

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        try:
            with self.zip.open(name) as member:
                data = member.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            # a damaged member, a wrong CRC, an encrypted one, a compression zipfile does not know
            raise ExchangeError(f"cannot read member {name}: {exc}", path=self.where) from None
        if len(data) > MAX_MEMBER_BYTES:
            raise ExchangeError(f"member {name} inflates past {MAX_MEMBER_BYTES} bytes; refused", path=self.where)
        return data

    def xml(self, name: str) -> etree._Element | None:
        """The root of the XML member ``name``, or None when the archive has no such member."""
        data = self.read(name)
        return None if data is None else parse(data, f"{self.where}!{name}")

    def required_xml(self, name: str) -> etree._Element:
        root = self.xml(name)
        if root is None:
            raise ExchangeError(
                f"missing part {name}; not a Word document aligner wrote",
                path=self.where,
                hint="give the .docx as exported (saved again by Word or LibreOffice is fine)",
            )
        return root
