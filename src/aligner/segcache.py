"""A document's paragraphs and segments, kept under ``.aligner/segments/`` by content hash.

``segment``, ``check`` and ``render`` all read the same sources; what is derived from a source's
bytes (its paragraphs, rejoined lines, segments) is cut once and read back afterwards. The key is
the bytes' hash with every option that changes the result, and the hash of the code that derives
it, so an edited rule or a new version never reads an old cut.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from aligner.model import Document, Kind, Paragraph, Piece, Segment

# Larger files are left to the reader (which refuses what is too large or not a regular file).
_MAX_BYTES = 64 * 1024 * 1024

Derived = tuple[Document, list[Segment]]


@cache
def _code_digest() -> str:
    from aligner import cache as caches

    # Every module of the package (importers included): whichever a cut depends on, an edit there is a new key.
    here = Path(__file__).parent
    return caches.digest(b"".join(p.read_bytes() for p in sorted(here.rglob("*.py"))))


def load(path: Path, options: tuple[object, ...], derive: Callable[[], Derived]) -> Derived:
    """``derive()`` (read and cut ``path``), or what it gave for the same bytes and options before."""
    from aligner import cache as caches

    if not caches.enabled():
        return derive()
    try:
        if not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return derive()
        raw = path.read_bytes()
    except OSError:
        return derive()
    key = caches.digest(raw + b"\0" + json.dumps([path.stem, *map(str, options), _code_digest()]).encode())
    built: list[Derived] = []

    def build() -> bytes:
        built.append(derive())
        return dump(*built[0])

    def read_or_built(data: bytes) -> Derived:
        return built[0] if built else read(data)

    return caches.cached("segments", key, ".json", build, read_or_built)


def dump(document: Document, segments: list[Segment]) -> bytes:
    data = {
        "doc_id": document.doc_id,
        "path": document.path,
        "text": document.text,
        "encoding": document.encoding,
        "paragraphs": [
            [
                p.number,
                [[x.text, x.line, x.start, x.end, x.indent] for x in p.pieces],
                p.text,
                [list(s) for s in p.starts],
            ]
            for p in document.paragraphs
        ],
        "segments": [
            [s.text, s.kind.value, s.line, s.end_line, s.start, s.end, s.paragraph, s.sentence] for s in segments
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def read(raw: bytes) -> Derived:
    data = json.loads(raw)
    paragraphs = tuple(
        Paragraph(
            number=number,
            pieces=tuple(Piece(text=t, line=li, start=st, end=en, indent=ind) for t, li, st, en, ind in pieces),
            text=text,
            starts=tuple((a, b) for a, b in starts),
        )
        for number, pieces, text, starts in data["paragraphs"]
    )
    document = Document(
        doc_id=data["doc_id"], path=data["path"], text=data["text"], encoding=data["encoding"], paragraphs=paragraphs
    )
    segments = [
        Segment(text=t, kind=Kind(k), line=li, end_line=el, start=st, end=en, paragraph=pa, sentence=se)
        for t, k, li, el, st, en, pa, se in data["segments"]
    ]
    return document, segments


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
