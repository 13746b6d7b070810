"""A document's paragraphs and segments, kept under ``.aligner/segments/`` by content hash.

``segment``, ``check`` and ``render`` all read the same sources; what is derived from a source's
bytes (its paragraphs, rejoined lines, segments) is cut once and read back afterwards. The key is
the bytes' hash with every option that changes the result, and the hash of the code that derives
it, so an edited rule or a new version never reads an old cut. An entry is read back only when
aligner wrote it (``cache.load`` checks its tag) and names the document it is read for.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from aligner.model import Cell, Document, Kind, Paragraph, Piece, Role, Segment

Derived = tuple[Document, list[Segment]]


def load(path: Path, options: tuple[object, ...], derive: Callable[[], Derived]) -> Derived:
    """``derive()`` (read and cut ``path``), or what it gave for the same bytes and options before."""
    from aligner import cache as caches

    if not caches.enabled():
        return derive()
    from aligner import paths
    from aligner.errors import AlignerError

    try:
        if not path.is_file() or path.stat().st_size > paths.MAX_BYTES:
            return derive()  # the reader refuses it, with its own message
        # Read as every input is (a regular file, capped, noted as an input this command must not replace).
        raw = paths.read_bytes(path, what="source", shown=str(path))
    except (OSError, AlignerError):
        return derive()
    key = caches.digest(raw + b"\0" + json.dumps([path.stem, *map(str, options), caches.code_digest()]).encode())
    path_ = caches.path_for("segments", f"{key}-{caches.FORMAT}", ".json")
    kept = caches.load(path_)  # None unless aligner wrote it here (authenticated, no link followed)
    if kept is not None:
        try:
            document, segments = read(kept)
        except Exception:  # damaged: cut again
            pass
        else:
            # The source's own name decides the doc_id and the path references show, never the cache.
            if document.doc_id == path.stem and document.path == options[0]:
                return document, segments
    derived = derive()
    data = dumped(derived)
    if data is not None:
        caches.store(path_, data)
    return derived


def dump(document: Document, segments: list[Segment]) -> bytes:
    """Every field of the document, its paragraphs and pieces, and the segments, as JSON."""
    data = {
        "document": {
            f.name: [_paragraph(p) for p in document.paragraphs]
            if f.name == "paragraphs"
            else getattr(document, f.name)
            for f in dataclasses.fields(document)
        },
        "segments": [dataclasses.asdict(s) for s in segments],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _paragraph(paragraph: Paragraph) -> dict[str, object]:
    return {
        f.name: [dataclasses.asdict(x) for x in paragraph.pieces]
        if f.name == "pieces"
        else dataclasses.asdict(paragraph.cell)
        if f.name == "cell" and paragraph.cell is not None
        else getattr(paragraph, f.name)
        for f in dataclasses.fields(paragraph)
    }


def read(raw: bytes) -> Derived:
    data = json.loads(raw)
    fields = dict(data["document"])
    fields["paragraphs"] = tuple(
        Paragraph(
            **{
                **p,
                "pieces": tuple(Piece(**x) for x in p["pieces"]),
                "starts": tuple((a, b) for a, b in p["starts"]),
                "role": Role(p["role"]) if p.get("role") else None,
                "cell": Cell(**p["cell"]) if p.get("cell") else None,
            }
        )
        for p in fields["paragraphs"]
    )
    document = Document(**fields)
    segments = [Segment(**{**s, "kind": Kind(s["kind"])}) for s in data["segments"]]
    return document, segments


def dumped(derived: Derived) -> bytes | None:
    """``dump(derived)`` when reading it back gives exactly ``derived`` (else it is not kept)."""
    try:
        data = dump(*derived)
    except (TypeError, ValueError):
        return None
    return data if read(data) == derived else None


def derive_all(
    paths: Sequence[Path], load: Callable[[Path], object], jobs: int, advance: Callable[..., None] = lambda *_: None
) -> None:
    """Cut ``paths`` on ``jobs`` processes so that the caller's own pass reads every cut back.

    ``load`` is what the caller will call per path (``pipeline.load_document`` with its options
    bound, picklable); its cache entries are what this fills. Errors are left for that pass,
    which reports them in order with nothing written; without the cache this does nothing.
    """
    from aligner import cache as caches

    if jobs <= 1 or len(paths) <= 1 or not caches.enabled():
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Spawned, not forked: the caller may run threads (the progress bar) that a fork would copy mid-step.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(jobs, len(paths)), mp_context=context) as pool:
        for future in as_completed([pool.submit(_derive_one, load, path) for path in paths]):
            future.result()
            advance()


def _derive_one(load: Callable[[Path], object], path: Path) -> None:
    from aligner.errors import AlignerError

    with contextlib.suppress(AlignerError):
        load(path)
