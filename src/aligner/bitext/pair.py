"""Align one pair of files (a Chinese document, its English version) into an output: the pipeline
that ``aligner align ZH EN`` and every pair of ``aligner align --batch`` run.

It is three steps so that a batch can run the middle one in workers while the calling process,
alone, checks and writes: ``check_output`` (refuse a bad output before any work), ``compute`` (read
both files through the one reader, refuse what cannot be aligned, find the beads) and ``write``
(the output atomically, a catalog filled under the project lock). ``align`` runs the three in order.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner import atomic, paths
from aligner.bitext import core, formats, search
from aligner.bitext.units import Bead
from aligner.records import Record


@dataclass(frozen=True, repr=False, eq=False)
class Options(Record):
    fmt: str = "po"
    threshold: float = 0.5
    max_bead: int = 6
    presplit: bool = False
    encoding: str | None = None
    embed: bool = False
    overwrite: bool = False
    force: bool = False  # align sides that do not read as translations of each other

    def key(self) -> str:
        """What changes an output (``overwrite`` and ``force`` change whether one is written, not its bytes)."""
        return json.dumps([self.fmt, self.threshold, self.max_bead, self.presplit, self.encoding, self.embed])


def check_output(out: Path | None, zh: str | Path, en: str | Path, options: Options) -> None:
    """``WriteError`` when ``out`` must not be written: a device, an input, a catalog a TMX would replace."""
    if out is None:
        return
    atomic.check_target(out, catalog=options.fmt == "po" or options.overwrite)
    atomic.refuse_inputs(out, zh, en)


def compute(
    zh: str | Path, en: str | Path, options: Options, advance: Callable[..., None] = lambda *_a: None
) -> tuple[core.Bitext, list[Bead]]:
    """Both files read (regular files, capped) and cut, checked, and aligned into beads."""
    paths.readable(zh, what="file")
    paths.readable(en, what="file")  # before anything reads it: no FIFO, device or 20 GB file
    bitext = core.read(zh, en, presplit=options.presplit, encoding=options.encoding)
    core.check(bitext, zh, en)
    advance(1, "aligning")
    params = search.Params(max_bead=options.max_bead, threshold=options.threshold, embed=options.embed)
    beads = core.align(bitext, params)
    if not options.force:
        core.check_related(bitext, beads, en)
    return bitext, beads


def write(
    bitext: core.Bitext, beads: Sequence[Bead], out: Path | None, options: Options
) -> tuple[str | None, list[str]]:
    """The output (or its text, for stdout, when ``out`` is None) and the messages for stderr."""
    from aligner.config import load_project

    # Filling a catalog reads then writes it: hold the project lock, as segment does.
    locked = atomic.lock(load_project().root) if out is not None and out.suffix == ".po" else contextlib.nullcontext()
    replacing = atomic.allow_replace(out) if out is not None and options.overwrite else contextlib.nullcontext()
    with locked, replacing:
        return formats.write(
            bitext,
            list(beads),
            options.fmt,
            str(out) if out is not None else None,
            threshold=options.threshold,
            overwrite=options.overwrite,
        )


def align(
    zh: str | Path,
    en: str | Path,
    out: Path | None,
    options: Options,
    advance: Callable[..., None] = lambda *_a: None,
) -> tuple[str | None, list[str]]:
    """The whole pipeline for one pair: check the output, compute, write."""
    paths.readable(zh, what="file")
    paths.readable(en, what="file")
    check_output(out, zh, en, options)
    bitext, beads = compute(zh, en, options, advance)
    advance(1, "writing")
    result = write(bitext, beads, out, options)
    advance(1)
    return result
