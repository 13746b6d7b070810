"""Align many document pairs: ``aligner align --batch PAIRS.tsv`` on a process pool or on Dask.

A pair is one line of the TSV: the Chinese file, its English version and, optionally, the output
(otherwise ``build/aligned/<zh stem>.<format>``). Workers only compute: each reads its two files,
aligns them (the dictionaries are loaded once per worker) and returns the result; the calling
process alone writes, each output atomically, and then records the pair as done in a log under
``.aligner/batch/`` (inputs' and output's hashes, options). A pair whose record matches its inputs,
options and output is skipped, so a killed batch resumes where it stopped; ``--tmx`` gathers every
bead at or above the threshold of every pair, skipped ones included, into one TMX.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import AlignerError, install_hint
from aligner.records import Record

EXTENSIONS = {"po": ".po", "tmx": ".tmx", "tsv": ".tsv", "beads": ".beads", "html": ".html"}
_RETRIES = 2  # a pair whose worker died is tried this many more times


class BatchError(AlignerError):
    """The list of pairs is malformed, or a pair could not be aligned."""


@dataclass(frozen=True, repr=False, eq=False)
class Pair(Record):
    line: int  # line of the pairs file
    zh: Path
    en: Path
    out: Path


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
        return json.dumps([self.fmt, self.threshold, self.max_bead, self.presplit, self.encoding, self.embed])


@dataclass(frozen=True, repr=False, eq=False)
class Unit(Record):
    """One bead for the memory: both sides' text, the bead's kind and confidence."""

    doc_id: str
    zh: str
    en: str
    kind: str
    confidence: float


@dataclass(frozen=True, repr=False, eq=False)
class Outcome(Record):
    pair: Pair
    skipped: bool
    units: tuple[Unit, ...]
    messages: tuple[str, ...]
    error: str | None = None


# ----------------------------------------------------------------------------- the pairs file


def read_pairs(path: Path, out_dir: Path, fmt: str) -> list[Pair]:
    """``zh<TAB>en[<TAB>output]`` per line (``#`` comments and blank lines skipped); relative paths
    are read from the pairs file's folder. Two pairs may not share an output."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BatchError("no such file", path=path, hint="give a TSV of zh path, en path, optional output") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BatchError(f"cannot read the pairs: {exc}", path=path) from None
    base = path.parent
    pairs: list[Pair] = []
    seen: dict[Path, int] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) not in (2, 3) or not all(fields):
            raise BatchError(
                f"expected zh<TAB>en<TAB>optional output, found {len(fields)} field(s)",
                path=path,
                line=number,
                hint="separate the fields with one tab",
            )
        zh, en = (_under(base, f) for f in fields[:2])
        out = _under(base, fields[2]) if len(fields) == 3 else out_dir / f"{zh.stem}{EXTENSIONS[fmt]}"
        resolved = out.resolve()
        if resolved in seen:
            raise BatchError(
                f"{out} is already the output of line {seen[resolved]}",
                path=path,
                line=number,
                hint="name the outputs in a third column",
            )
        seen[resolved] = number
        pairs.append(Pair(number, zh, en, out))
    if not pairs:
        raise BatchError("no pairs in this file", path=path, hint="one line per pair: zh<TAB>en<TAB>optional output")
    return pairs


def _under(base: Path, name: str) -> Path:
    p = Path(name)
    return p if p.is_absolute() or base == Path() else base / p


# ----------------------------------------------------------------------------- the work of one pair


def align_pair(zh: str, en: str, options: Options, cwd: str) -> tuple[object, list[object]] | str:
    """Read and align one pair (in a worker); an input error comes back as its message, not raised,
    so that it is reported once and not retried."""
    from aligner.bitext import core, search

    with contextlib.chdir(cwd) if os.path.isdir(cwd) else contextlib.nullcontext():
        try:
            bitext = core.read(zh, en, presplit=options.presplit, encoding=options.encoding)
            core.check(bitext, zh, en)
            params = search.Params(max_bead=options.max_bead, threshold=options.threshold, embed=options.embed)
            beads = core.align(bitext, params)
            if not options.force:
                core.check_related(bitext, beads, en)
            return bitext, beads
        except AlignerError as exc:
            return str(exc)


def warm() -> None:
    """Load the dictionaries once per worker, before its first pair."""
    from aligner import wordindex
    from aligner.bitext import english, lexicon

    wordindex.default()
    lexicon.known("中国")
    english.split("Warm up. Twice.")


def units_of(bitext: object, beads: Sequence[object], threshold: float) -> tuple[Unit, ...]:
    from aligner.bitext import formats

    doc_id = bitext.document.doc_id  # type: ignore[attr-defined]
    return tuple(
        Unit(
            doc_id,
            "".join(bitext.zh[i].text for i in b.zh),  # type: ignore[attr-defined]
            formats.english_of(bitext, b),  # type: ignore[arg-type]
            b.kind,  # type: ignore[attr-defined]
            round(b.confidence, 3),  # type: ignore[attr-defined]
        )
        for b in beads
        if b.zh and b.en and b.confidence >= threshold  # type: ignore[attr-defined]
    )


# ----------------------------------------------------------------------------- what is done


class Record:
    """The log of finished pairs: one JSON line per pair, appended and synced after its output is
    written. A line cut short by a kill is ignored; the last line of an output wins."""

    def __init__(self, pairs_file: Path) -> None:
        from aligner import cache

        self.path = cache.folder() / "batch" / f"{cache.digest(str(pairs_file.resolve()).encode())}.jsonl"
        self.done: dict[str, dict[str, object]] = {}
        with contextlib.suppress(OSError):
            for line in self.path.read_text(encoding="utf-8").split("\n"):
                with contextlib.suppress(ValueError, KeyError, TypeError):
                    entry = json.loads(line)
                    self.done[str(entry["out"])] = entry

    @staticmethod
    def inputs(pair: Pair, options: Options) -> dict[str, str]:
        from aligner import cache

        return {"zh": cache.file_digest(pair.zh), "en": cache.file_digest(pair.en), "options": options.key()}

    def finished(self, pair: Pair, options: Options) -> dict[str, object] | None:
        """The record of a pair done with these very inputs and options, whose output is still as written."""
        from aligner import cache

        entry = self.done.get(str(pair.out.resolve()))
        if entry is None or not pair.out.is_file():
            return None
        try:
            inputs = self.inputs(pair, options)
            if any(entry.get(k) != v for k, v in inputs.items()):
                return None
            return entry if entry.get("output") == cache.file_digest(pair.out) else None
        except OSError:
            return None

    def add(self, pair: Pair, options: Options, units: Sequence[Unit], inputs: dict[str, str]) -> None:
        from aligner import cache

        entry = {
            "out": str(pair.out.resolve()),
            **inputs,
            "output": cache.file_digest(pair.out),
            "units": [[u.doc_id, u.zh, u.en, u.kind, u.confidence] for u in units],
        }
        self.done[entry["out"]] = entry
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")
            log.flush()
            os.fsync(log.fileno())


def _units_from(entry: dict[str, object]) -> tuple[Unit, ...]:
    return tuple(Unit(str(d), str(z), str(e), str(k), float(c)) for d, z, e, k, c in entry["units"])  # type: ignore[union-attr, misc]


# ----------------------------------------------------------------------------- running


Runner = Callable[[list[Pair], Options, str], Iterator[tuple[Pair, tuple[object, list[object]] | str]]]


def run(
    pairs_file: Path,
    pairs: list[Pair],
    options: Options,
    runner: Runner,
    *,
    advance: Callable[[], None] = lambda: None,
    report: Callable[[str], None] = lambda _message: None,
) -> list[Outcome]:
    """Skip the pairs already done, align the others with ``runner``, write each output as it comes
    (atomically) and record it; outcomes come back in the order of the pairs file."""
    from aligner import atomic
    from aligner.bitext import formats
    from aligner.config import load_project

    record = Record(pairs_file)
    root = load_project().root
    outcomes: dict[int, Outcome] = {}
    todo: list[Pair] = []
    inputs: dict[int, dict[str, str]] = {}
    for pair in pairs:
        try:
            # As for one pair: a bad output (a device, a catalog a TMX would replace, an input) fails first.
            atomic.check_target(pair.out, catalog=options.fmt == "po" or options.overwrite)
            atomic.refuse_inputs(pair.out, pair.zh, pair.en)
        except AlignerError as exc:
            outcomes[pair.line] = Outcome(pair, False, (), (), str(exc))
            report(f"aligner: error: {pairs_file}:{pair.line}: {exc}")
            advance()
            continue
        entry = record.finished(pair, options)
        if entry is not None:
            outcomes[pair.line] = Outcome(pair, True, _units_from(entry), (f"{pair.out}: done before, skipped",))
            report(f"{pair.out}: done before, skipped")
            advance()
            continue
        try:
            inputs[pair.line] = Record.inputs(pair, options)
        except OSError as exc:
            outcomes[pair.line] = Outcome(pair, False, (), (), f"{pair.zh}: cannot read: {exc.strerror}")
            report(f"aligner: error: {pairs_file}:{pair.line}: {pair.zh}: cannot read: {exc.strerror}")
            advance()
            continue
        todo.append(pair)
    for pair, result in runner(todo, options, os.getcwd()):
        if isinstance(result, str):
            outcomes[pair.line] = Outcome(pair, False, (), (), result)
        else:
            bitext, beads = result
            try:
                # Filling a catalog reads then writes it: hold the project lock, as align and segment do.
                locked = atomic.lock(root) if pair.out.suffix == ".po" else contextlib.nullcontext()
                replacing = atomic.allow_replace(pair.out) if options.overwrite else contextlib.nullcontext()
                with locked, replacing:
                    _text, messages = formats.write(
                        bitext,  # type: ignore[arg-type]
                        beads,  # type: ignore[arg-type]
                        options.fmt,
                        str(pair.out),
                        threshold=options.threshold,
                        overwrite=options.overwrite,
                    )
                units = units_of(bitext, beads, options.threshold)
                record.add(pair, options, units, inputs[pair.line])
                outcomes[pair.line] = Outcome(pair, False, units, tuple(messages))
            except AlignerError as exc:
                outcomes[pair.line] = Outcome(pair, False, (), (), str(exc))
        done = outcomes[pair.line]
        for message in done.messages:
            report(message)
        if done.error:
            report(f"aligner: error: {pairs_file}:{pair.line}: {done.error}")
        advance()
    return [outcomes[p.line] for p in pairs]


def local(jobs: int, warn: Callable[[str], None] = lambda _message: None) -> Runner:
    """A process pool of ``jobs`` workers (in this process when 1); a pair whose worker died is retried."""

    def runner(
        todo: list[Pair], options: Options, cwd: str
    ) -> Iterator[tuple[Pair, tuple[object, list[object]] | str]]:
        if jobs <= 1 or len(todo) <= 1:
            for pair in todo:
                yield pair, align_pair(str(pair.zh), str(pair.en), options, cwd)
            return
        yield from _pool(todo, options, cwd, jobs, warn)

    return runner


def _pool(
    todo: list[Pair], options: Options, cwd: str, jobs: int, warn: Callable[[str], None]
) -> Iterator[tuple[Pair, tuple[object, list[object]] | str]]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    attempts = dict.fromkeys((p.line for p in todo), 0)
    pending = list(todo)
    while pending:
        # Spawned, not forked: this process runs threads (the progress bar) that a fork would copy mid-step.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(jobs, len(pending)), mp_context=context, initializer=warm) as pool:
            futures = {pool.submit(align_pair, str(p.zh), str(p.en), options, cwd): p for p in pending}
            pending = []
            waiting = set(futures)
            while waiting:
                finished, waiting = wait(waiting, return_when=FIRST_COMPLETED)
                for future in finished:
                    pair = futures[future]
                    try:
                        yield pair, future.result()
                    except BrokenProcessPool:
                        attempts[pair.line] += 1
                        if attempts[pair.line] > _RETRIES:
                            yield pair, f"{pair.zh}: the worker died {attempts[pair.line]} times on this pair"
                        else:
                            pending.append(pair)
                            warn(f"aligner: warning: a worker died; {pair.zh} will be aligned again")
                    except Exception as exc:  # an unexpected failure of one pair must not stop the others
                        yield pair, f"{pair.zh}: {type(exc).__name__}: {exc}"


def dask(scheduler: str, jobs: int) -> Runner:
    """The pairs as Dask tasks on ``scheduler`` (``local``: a LocalCluster of ``jobs`` workers, or a
    ``tcp://host:8786`` address); results come back in order, a failed task is retried."""

    if scheduler != "local" and not scheduler.startswith(("tcp://", "tls://", "ucx://", "inproc://")):
        raise BatchError(
            f"not a Dask scheduler: {scheduler!r}", hint="give --scheduler local or --scheduler tcp://HOST:8786"
        )

    def runner(
        todo: list[Pair], options: Options, cwd: str
    ) -> Iterator[tuple[Pair, tuple[object, list[object]] | str]]:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise BatchError("--scheduler needs Dask", hint=install_hint("dask[distributed]>=2024.1")) from None
        if not todo:
            return
        cluster = None
        if scheduler == "local":
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        else:
            try:
                client = Client(scheduler, timeout=30)
            except (OSError, TimeoutError) as exc:
                raise BatchError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        try:
            client.run(warm)
            futures = [
                client.submit(align_pair, str(p.zh), str(p.en), options, cwd, key=f"align-{p.line}", retries=_RETRIES)
                for p in todo
            ]
            for pair, future in zip(todo, futures, strict=True):
                try:
                    yield pair, future.result()
                except Exception as exc:  # retried and still failing: report it, go on with the others
                    yield pair, f"{pair.zh}: {type(exc).__name__}: {exc}"
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    return runner


# ----------------------------------------------------------------------------- the memory


def tmx(outcomes: Sequence[Outcome]) -> str:
    """One TMX 1.4 of every pair's beads at or above the threshold, in the order of the pairs."""
    from aligner import tmxfile

    xml = tmxfile.text
    attributes = tmxfile.header_attributes()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">', f"  <header {attributes}/>", "  <body>"]
    number = 0
    for outcome in outcomes:
        for unit in outcome.units:
            number += 1
            lines += [
                f'    <tu tuid="{number}">',
                f'      <prop type="x-document">{xml(unit.doc_id)}</prop>',
                f'      <prop type="x-bead">{unit.kind}</prop>',
                f'      <prop type="x-confidence">{unit.confidence:.3f}</prop>',
                f'      <tuv xml:lang="zh-CN"><seg>{xml(unit.zh)}</seg></tuv>',
                f'      <tuv xml:lang="en"><seg>{xml(unit.en)}</seg></tuv>',
                "    </tu>",
            ]
    lines += ["  </body>", "</tmx>"]
    return "\n".join(lines) + "\n"
