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
from typing import TypeVar

from aligner.bitext.pair import Options
from aligner.errors import AlignerError, install_hint
from aligner.records import Record

__all__ = ["Options", "Outcome", "Pair", "Unit", "read_pairs", "run"]

EXTENSIONS = {"po": ".po", "tmx": ".tmx", "tsv": ".tsv", "beads": ".beads", "html": ".html"}
_RETRIES = 2  # a pair whose worker died is tried this many more times
T = TypeVar("T")


class BatchError(AlignerError):
    """The list of pairs is malformed, or a pair could not be aligned."""


@dataclass(frozen=True, repr=False, eq=False)
class Pair(Record):
    line: int  # line of the pairs file
    zh: Path
    en: Path
    out: Path


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
    """``zh<TAB>en[<TAB>output]`` per line (``#`` comments and blank lines skipped).

    The pairs file is read as every input is (a regular file, capped: no FIFO, no /dev/zero). The
    names in it are names found in a file: relative to the pairs file's folder, without ``..``, and
    resolving (links followed) inside the project, or inside that folder when the pairs file lies
    outside the project. Two pairs may not share an output, and no output may be an input of any
    pair or the pairs file itself."""
    from aligner import paths
    from aligner.config import find_root

    shown = str(path)
    try:
        raw = paths.read_bytes(path, what="pairs file", shown=shown)
    except AlignerError as exc:
        hint = exc.hint or "give a TSV of zh path, en path, optional output"
        raise BatchError(exc.message, path=shown, hint=hint) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BatchError(f"cannot read the pairs: not UTF-8 at byte {exc.start}", path=shown) from None
    base = path.parent
    root = find_root()
    if not base.resolve().is_relative_to(root.resolve()):
        root = base  # a pairs file named outside the project: its names stay beside it
    pairs: list[Pair] = []
    seen: dict[Path, int] = {}
    for number, line_text in enumerate(text.split("\n"), start=1):
        line = line_text.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) not in (2, 3) or not all(fields):
            raise BatchError(
                f"expected zh<TAB>en<TAB>optional output, found {len(fields)} field(s)",
                path=shown,
                line=number,
                hint="separate the fields with one tab",
            )
        zh, en = (_under(root, base, f, "file", shown, number) for f in fields[:2])
        if len(fields) == 3:
            out = _under(root, base, fields[2], "output", shown, number)
        else:
            out = out_dir / f"{zh.stem}{EXTENSIONS[fmt]}"
        resolved = out.resolve()
        if resolved in seen:
            raise BatchError(
                f"{out} is already the output of line {seen[resolved]}",
                path=shown,
                line=number,
                hint="name the outputs in a third column",
            )
        seen[resolved] = number
        pairs.append(Pair(number, zh, en, out))
    if not pairs:
        raise BatchError("no pairs in this file", path=shown, hint="one line per pair: zh<TAB>en<TAB>optional output")
    _refuse_outputs_on_inputs(path, pairs)
    return pairs


def _under(root: Path, base: Path, name: str, what: str, where: str, line: int) -> Path:
    """``name`` from the pairs file as a path beside it, refused (``BatchError``) when it is
    absolute, has a ``..`` or resolves outside ``root``."""
    from aligner import paths

    try:
        # The form of the name alone (no absolute path, no "..", no NUL): where it leads is checked below.
        paths.inside(Path("/"), name, what=what, where=where, line=line)
        full = base / name
        if not full.resolve().is_relative_to(root.resolve()):
            raise BatchError(
                f"{what} {name!r} resolves outside the project ({full.resolve()})",
                path=where,
                line=line,
                hint="a symlink may point out of it; name files inside the project",
            )
    except AlignerError as exc:
        raise BatchError(exc.message, path=where, line=line, hint=exc.hint) from None
    return full


def _refuse_outputs_on_inputs(path: Path, pairs: Sequence[Pair]) -> None:
    """No output may name (any name of) an input of any pair, nor the pairs file: it would be
    replaced, then read by its own pair as if it were the text."""
    named = [(path, "the pairs file")]
    named += [(side, f"the input of line {p.line}") for p in pairs for side in (p.zh, p.en)]
    inputs: dict[object, str] = {}
    for name, where in named:
        inputs.setdefault(name.resolve(), where)
        with contextlib.suppress(OSError):
            info = os.stat(name)
            inputs.setdefault((info.st_dev, info.st_ino), where)
    for pair in pairs:
        found = inputs.get(pair.out.resolve())
        with contextlib.suppress(OSError):
            info = os.stat(pair.out)
            found = found or inputs.get((info.st_dev, info.st_ino))
        if found is not None:
            raise BatchError(
                f"output {pair.out} is {found}; writing it would replace what is read",
                path=str(path),
                line=pair.line,
                hint="give another output in the third column",
            )


def check_tmx(tmx: Path, pairs_file: Path, pairs: Sequence[Pair]) -> None:
    """``WriteError`` when the batch's TMX would replace what it reads or writes: the pairs file,
    an input or an output of any pair (those not written yet included). Checked before any work."""
    from aligner import atomic
    from aligner.errors import WriteError

    atomic.check_target(tmx)
    named = [pairs_file, *(p.zh for p in pairs), *(p.en for p in pairs), *(p.out for p in pairs)]
    atomic.refuse_inputs(tmx, *named)
    target = tmx.resolve()
    for name in named:
        if name.resolve() == target:
            raise WriteError(
                f"is an input of this command ({name}); writing it would replace what was read",
                path=str(tmx),
                hint="give another --tmx",
            )


# ----------------------------------------------------------------------------- the work of one pair


def align_pair(zh: str, en: str, options: Options, cwd: str) -> tuple[object, list[object]] | str:
    """Read and align one pair (in a worker), as ``align ZH EN`` does; an input error comes back as
    its message, not raised, so that it is reported once and not retried."""
    from aligner.bitext import pair

    with contextlib.chdir(cwd) if os.path.isdir(cwd) else contextlib.nullcontext():
        try:
            return pair.compute(zh, en, options)  # type: ignore[return-value]
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
    written. A line cut short by a kill is ignored; the last line of an output wins.

    The log lives in the cache folder, so it is not trusted: each line carries a tag made with the
    user's cache key (``cache.tag``), and a line without a valid one (edited, or brought in by a
    clone) is ignored, so its units never reach a TMX. The folder must be a real folder and the
    log no symbolic link: a batch never appends documents' text to a file a link names."""

    def __init__(self, pairs_file: Path) -> None:
        from aligner import cache, paths

        self.name = f"{cache.digest(str(pairs_file.resolve()).encode())}.jsonl"
        self.path = cache.folder() / "batch" / self.name
        self.done: dict[str, dict[str, object]] = {}
        try:
            paths.private_folder(paths.private_folder(cache.folder()) / "batch")
        except AlignerError as exc:
            raise BatchError(f"cannot keep the batch record: {exc.message}", path=exc.path, hint=exc.hint) from None
        stored = paths.read_private(self.path, limit=1 << 30)
        if os.path.islink(self.path):
            raise BatchError(
                "is a symbolic link; refused as the batch record", path=str(self.path), hint="delete the link"
            )
        for line in (stored or b"").decode("utf-8", "replace").split("\n"):
            with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                entry = json.loads(line)
                tag = entry.pop("tag")
                if tag is not None and tag == cache.tag(self.name, _canonical(entry)):
                    self.done[str(entry["out"])] = entry

    @staticmethod
    def inputs(pair: Pair, options: Options) -> dict[str, str]:
        """The digests of both inputs, each read through the one reader (so noted as an input of
        the command: no output may replace it)."""
        from aligner import cache, paths

        return {
            "zh": cache.digest(paths.read_bytes(pair.zh, what="file")),
            "en": cache.digest(paths.read_bytes(pair.en, what="file")),
            "options": options.key(),
        }

    def finished(self, pair: Pair, options: Options) -> dict[str, object] | None:
        """The record of a pair done with these very inputs and options, whose output is still as written."""
        from aligner import cache, paths

        entry = self.done.get(str(pair.out.resolve()))
        if entry is None or not pair.out.is_file():
            return None
        try:
            inputs = self.inputs(pair, options)
            if any(entry.get(k) != v for k, v in inputs.items()):
                return None
            output = paths.read_private(pair.out)
            return entry if output is not None and entry.get("output") == cache.digest(output) else None
        except (OSError, AlignerError):
            return None

    def add(self, pair: Pair, options: Options, units: Sequence[Unit], inputs: dict[str, str]) -> None:
        from aligner import cache, paths

        output = paths.read_private(pair.out)
        entry = {
            "out": str(pair.out.resolve()),
            **inputs,
            "output": cache.digest(output or b""),
            "units": [[u.doc_id, u.zh, u.en, u.kind, u.confidence] for u in units],
        }
        self.done[entry["out"]] = entry
        tag = cache.tag(self.name, _canonical(entry))
        if tag is None:
            return  # no key to vouch for it: the pair is simply done again next time
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            raise BatchError(f"cannot keep the batch record: {exc.strerror or exc}", path=str(self.path)) from None
        with open(fd, "a", encoding="utf-8") as log:
            log.write(json.dumps({**entry, "tag": tag}, ensure_ascii=False) + "\n")
            log.flush()
            os.fsync(log.fileno())


def _canonical(entry: dict[str, object]) -> bytes:
    return json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")


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
    from aligner.bitext import pair as pipeline

    record = Record(pairs_file)
    outcomes: dict[int, Outcome] = {}
    todo: list[Pair] = []
    inputs: dict[int, dict[str, str]] = {}
    for pair in pairs:
        try:
            # As for one pair: a bad output (a device, a catalog a TMX would replace, an input) fails first.
            pipeline.check_output(pair.out, pair.zh, pair.en, options)
            entry = record.finished(pair, options)
            if entry is None:
                inputs[pair.line] = Record.inputs(pair, options)
        except AlignerError as exc:
            outcomes[pair.line] = Outcome(pair, False, (), (), str(exc))
            report(f"aligner: error: {pairs_file}:{pair.line}: {exc}")
            advance()
            continue
        except OSError as exc:
            outcomes[pair.line] = Outcome(pair, False, (), (), f"{pair.zh}: cannot read: {exc.strerror}")
            report(f"aligner: error: {pairs_file}:{pair.line}: {pair.zh}: cannot read: {exc.strerror}")
            advance()
            continue
        if entry is not None:
            outcomes[pair.line] = Outcome(pair, True, _units_from(entry), (f"{pair.out}: done before, skipped",))
            report(f"{pair.out}: done before, skipped")
            advance()
            continue
        todo.append(pair)
    for pair, result in runner(todo, options, os.getcwd()):
        if isinstance(result, str):
            outcomes[pair.line] = Outcome(pair, False, (), (), result)
        else:
            bitext, beads = result
            try:
                _text, messages = pipeline.write(bitext, beads, pair.out, options)  # type: ignore[arg-type]
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


CONNECT_SECONDS = 30.0  # a scheduler that has not answered by then will not
WARM_SECONDS = 600.0  # the workers' first load of the dictionaries (a cold cache builds them)
PAIR_SECONDS = 3600.0  # one pair takes seconds (minutes for a book): a scheduler gone silent ends the wait


def scheduler_address(scheduler: str) -> str:
    """``scheduler`` when it is ``local`` or ``tcp://HOST:PORT``, else ``BatchError``.

    ``tls://`` needs certificates the command has no option for, and ``inproc://`` and ``ucx://``
    name schedulers no separate process can reach: refused with one line, not a traceback."""
    from urllib.parse import urlsplit

    hint = "give --scheduler local or --scheduler tcp://HOST:8786"
    if scheduler == "local":
        return scheduler
    if not scheduler.startswith(("tcp://", "tls://", "ucx://", "inproc://")):
        raise BatchError(f"not a Dask scheduler: {scheduler!r}", hint=hint)
    if not scheduler.startswith("tcp://"):
        raise BatchError(f"unsupported Dask scheduler address {scheduler!r}: only tcp:// is supported", hint=hint)
    try:
        parts = urlsplit(scheduler)
        port = parts.port
    except ValueError as exc:
        raise BatchError(f"not a Dask scheduler address: {scheduler!r} ({exc})", hint=hint) from None
    if not parts.hostname or port is None or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise BatchError(f"not a Dask scheduler address: {scheduler!r} (tcp://HOST:PORT)", hint=hint)
    return scheduler


def _within(seconds: float, what: str, call: Callable[[], T]) -> T:
    """``call()`` in a thread, given up after ``seconds``: a peer that accepts and never answers
    must not hang the command. Any failure is one ``BatchError``."""
    import threading

    box: dict[str, object] = {}

    def attempt() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=attempt, name="aligner-dask", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise BatchError(f"{what}: no answer within {seconds:g} s", hint="check that the address is a Dask scheduler")
    if "error" in box:
        error = box["error"]
        reason = f"{type(error).__name__}: {str(error)[:200]}".rstrip(": ")
        raise BatchError(f"{what}: {reason}", hint="check that the address is a Dask scheduler") from None
    return box["value"]  # type: ignore[return-value]


def dask(scheduler: str, jobs: int) -> Runner:
    """The pairs as Dask tasks on ``scheduler`` (``local``: a LocalCluster of ``jobs`` workers, or a
    ``tcp://host:8786`` address); results come back in order, a failed task is retried. Reaching
    the scheduler and warming its workers each have a deadline."""
    scheduler_address(scheduler)

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
            what = f"cannot reach the Dask scheduler {scheduler}"
            client = _within(CONNECT_SECONDS, what, lambda: Client(scheduler, timeout=CONNECT_SECONDS))
        try:
            _within(WARM_SECONDS, f"the Dask workers of {scheduler} did not start", lambda: client.run(warm))
            futures = [
                client.submit(align_pair, str(p.zh), str(p.en), options, cwd, key=f"align-{p.line}", retries=_RETRIES)
                for p in todo
            ]
            for pair, future in zip(todo, futures, strict=True):
                try:
                    yield pair, future.result(timeout=PAIR_SECONDS)
                except TimeoutError:
                    yield pair, f"{pair.zh}: no result from the Dask scheduler within {PAIR_SECONDS:g} s"
                except Exception as exc:  # retried and still failing: report it, go on with the others
                    yield pair, f"{pair.zh}: {type(exc).__name__}: {exc}"
        finally:
            with contextlib.suppress(Exception):
                _within(CONNECT_SECONDS, "closing the Dask client", client.close)
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
