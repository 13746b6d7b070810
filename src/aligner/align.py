"""Join a document's segments with one catalog: the ordered (segment, entry, status) rows."""

from __future__ import annotations

from collections.abc import Sequence

from aligner.model import AlignedSegment, Alignment, Catalog, Document, Segment, Status


def align(document: Document, segments: Sequence[Segment], catalog: Catalog) -> Alignment:
    """One row per segment, in document order. A segment the catalog lacks is untranslated
    (the catalog is older than the source: ``aligner segment`` brings it up to date)."""
    by_msgid = {entry.msgid: entry for entry in catalog.live if entry.msgctxt is None}
    rows = []
    for segment in segments:
        entry = by_msgid.get(segment.text)
        status = entry.status if entry is not None else Status.UNTRANSLATED
        rows.append(AlignedSegment(segment=segment, entry=entry, status=status))
    return Alignment(document=document, catalog=catalog, rows=tuple(rows))
