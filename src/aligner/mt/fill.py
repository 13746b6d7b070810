"""Untranslated entries sent to an engine, the answers checked and filled fuzzy.

Only entries still untranslated after the memory are sent (never a translated or fuzzy one, nor a
plural or one with a context). Each request carries the glossary terms found in its segment and,
for engines that take it, the document's title and the neighbouring segments. Answers already in
the store are not asked again; every answer received is stored at once, so a run that ends on an
engine's failure loses nothing and the next run goes on from there. Catalogs are written only when
every answer is in: a failure leaves them as they were.

Each fill is fuzzy, with a ``#.`` comment naming the engine and model; the figures check (with the
Chinese-left check, and the glossary check where there is a glossary) runs on it at once, and what
it finds is both reported and written in the comment, so the reviewer sees it in any PO editor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from aligner import catalog, lazyre, progress
from aligner.checks import numbers, untranslated
from aligner.checks.base import Unit
from aligner.checks.glossary import TermChecker
from aligner.importers.base import strip_controls
from aligner.memory.pretranslate import entry_kind
from aligner.model import Catalog, Entry, Severity, Status
from aligner.mt.base import Engine, EngineError, Request
from aligner.mt.store import Store, key_for
from aligner.records import Record

PREFIX = "mt: "
# Bidi embeddings and overrides (U+202A-U+202E): an answer holding U+202E reads backwards in every
# editor, page and terminal after it. Marks and isolates stay: right-to-left English needs them.
_OVERRIDES = lazyre.compile("[\u202a-\u202e]")
# A terminal escape sequence whole (CSI, OSC to its BEL or ST, C1 CSI), so none of its letters stay.
_SEQUENCES = lazyre.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]")


@dataclass(frozen=True, repr=False, eq=False)
class Filled(Record):
    path: str
    line: int
    msgid: str
    msgstr: str
    cached: bool  # answered by an earlier run (read from the store, not sent)
    notes: tuple[str, ...] = ()  # findings of the checks on the fill


@dataclass(repr=False)
class Report(Record):
    engine: str = ""
    entries: list[Filled] = field(default_factory=list)
    untranslated: int = 0  # entries left untranslated by the memory
    sent: int = 0  # segments sent to the engine
    requests: int = 0  # requests (or runs of a command) made, retries included
    written: list[str] = field(default_factory=list)


@dataclass(frozen=True, repr=False, eq=False)
class _Pending(Record):
    path: Path
    shown: str
    target: str
    entry: Entry
    request: Request
    key: str


def pending(model: Catalog, terms: TermChecker | None) -> list[tuple[Entry, Request]]:
    """The entries of ``model`` to send, each with its request (terms, title, neighbours)."""
    entries = [e for e in model.entries if not e.obsolete and e.msgid]
    title = next((e.msgid for e in entries if entry_kind(e) == "title"), "")
    found: list[tuple[Entry, Request]] = []
    seen: set[str] = set()
    for at, entry in enumerate(entries):
        if entry.status is not Status.UNTRANSLATED or entry.fuzzy or entry.msgid_plural is not None:
            continue
        if entry.msgctxt is not None or entry.msgid in seen:
            continue
        seen.add(entry.msgid)
        request = Request(
            id=str(entry.line),
            text=entry.msgid,
            terms=terms_in(entry.msgid, terms),
            title=title,
            before=entries[at - 1].msgid if at > 0 else "",
            after=entries[at + 1].msgid if at + 1 < len(entries) else "",
        )
        found.append((entry, request))
    return found


def terms_in(text: str, terms: TermChecker | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The glossary terms of ``text`` as the glossary check finds them, each with its renderings."""
    if terms is None or terms.screen is None:
        return ()
    found: dict[str, tuple[str, ...]] = {}
    for start, end, source in terms.screen.finditer(text):
        if source not in found and terms.is_word(text, start, end):
            found[source] = terms.terms[source].targets
    return tuple(found.items())


def findings(path: str, entry: Entry, msgstr: str, terms: TermChecker | None) -> tuple[str, ...]:
    """What the figures check, the Chinese-left check and the glossary check say of ``msgstr``
    as the entry's translation."""
    unit = Unit(path, entry.line, entry.msgid, entry.msgid, msgstr, Status.FUZZY)
    left = list(untranslated.check([unit]))
    notes = [f"untranslated: {f.message}" for f in left]
    # An answer still in Chinese is one problem, as aligner check reports it: its figures and terms are not news.
    if any(f.severity is Severity.ERROR for f in left):
        return tuple(notes)
    notes = [f"figures: {f.message}" for f in numbers.check_unit(unit)] + notes
    if terms is not None:
        notes += [f"term: {f.message}" for f in terms.check([unit])]
    return tuple(notes)


def fill(
    paths: Sequence[Path],
    engine: Engine,
    root: Path,
    *,
    terms: TermChecker | None = None,
    shown: dict[Path, str] | None = None,
    write: bool = True,
    quiet: bool = False,
) -> Report:
    """Send the untranslated entries of each catalog to ``engine`` and fill them fuzzy.

    Every catalog is read and planned before anything is sent; every answer is stored as it comes;
    catalogs are written once all answers are in. ``EngineError`` ends the run with the catalogs
    unchanged and what was received stored.
    """
    store = Store(root, engine)
    report = Report(engine=_one_line(engine.redact(engine.label)))
    work: list[_Pending] = []
    for path in paths:
        name = (shown or {}).get(path, str(path))
        model = catalog.load(path)
        target = model.language or "en"
        for entry, found in pending(model, terms):
            # Ids are numbers in the run, unique across catalogs (a batch may hold several).
            request = replace(found, id=str(len(work) + 1))
            work.append(_Pending(path, name, target, entry, request, key_for(engine, request, target)))
    report.untranslated = len(work)
    answers: dict[str, str] = {}
    cached: set[str] = set()
    for item in work:
        if item.key not in answers:
            kept = store.get(item.key)
            if kept is not None:
                answers[item.key] = kept
                cached.add(item.key)
    # One request per distinct text still unanswered; batches never mix target languages.
    missing: dict[str, _Pending] = {}
    for item in work:
        if item.key not in answers:
            missing.setdefault(item.key, item)
    by_target: dict[str, list[_Pending]] = {}
    for item in missing.values():
        by_target.setdefault(item.target, []).append(item)
    size = max(1, engine.batch_size)
    batches = [(t, items[i : i + size]) for t, items in by_target.items() for i in range(0, len(items), size)]
    with progress.bar(f"translating with {engine.name}", total=len(batches), quiet=quiet) as advance:
        try:
            _send(engine, store, batches, answers, report, advance)
        finally:
            report.requests = engine.requests
    fills: dict[Path, dict[str, catalog.Fill]] = {}
    checked: list[tuple[_Pending, str, tuple[str, ...]]] = []
    for item in work:
        msgstr = _printable(answers[item.key])
        notes = findings(item.shown, item.entry, msgstr, terms)
        if msgstr != answers[item.key]:
            notes += ("control characters or bidi overrides in the answer were removed",)
        lines = [f"{PREFIX}{report.engine}, machine translation for review"]
        lines += [PREFIX + _one_line(n) for n in notes]
        fills.setdefault(item.path, {})[item.entry.msgid] = catalog.Fill(msgstr, fuzzy=True, comment="\n".join(lines))
        checked.append((item, msgstr, notes))
    texts: list[tuple[Path, str]] = []
    for path, offered in fills.items():
        text, _filled, _skipped = catalog.fill_catalog(path, offered)
        texts.append((path, text))
    moved: dict[Path, dict[str, int]] = {}
    if write:
        for path, text in texts:
            if catalog.save(path, text):
                report.written.append((shown or {}).get(path, str(path)))
            # The comments added move the entries down: reports name the lines as written.
            moved[path] = {e.msgid: e.line for e in catalog.load(path).entries if not e.obsolete}
    for item, msgstr, notes in checked:
        line = moved.get(item.path, {}).get(item.entry.msgid, item.entry.line)
        report.entries.append(Filled(item.shown, line, item.entry.msgid, msgstr, item.key in cached, notes))
    return report


def _send(
    engine: Engine,
    store: Store,
    batches: list[tuple[str, list[_Pending]]],
    answers: dict[str, str],
    report: Report,
    advance: Callable[[], object],
) -> None:
    """Ask ``engine`` for every batch (``parallel`` at once), storing each answer as it comes; the
    first ``EngineError`` stops what has not started and is raised once the rest is in."""

    def keep(batch: list[_Pending], texts: list[str]) -> None:
        for item, text in zip(batch, texts, strict=True):
            store.put(item.key, text)
            answers[item.key] = text
        report.sent += len(batch)
        advance()

    def keep_received(batch: list[_Pending], exc: EngineError) -> None:
        for at, text in exc.received.items():
            store.put(batch[at].key, text.strip())

    if engine.settings.parallel <= 1 or len(batches) <= 1:
        for target, batch in batches:
            try:
                texts = engine.translate([item.request for item in batch], target)
            except EngineError as exc:
                keep_received(batch, exc)
                raise
            keep(batch, texts)
        return
    from concurrent.futures import ThreadPoolExecutor, as_completed

    failure: EngineError | None = None
    with ThreadPoolExecutor(max_workers=engine.settings.parallel) as pool:
        futures = {
            pool.submit(engine.translate, [i.request for i in batch], target): batch for target, batch in batches
        }
        for future in as_completed(futures):
            batch = futures[future]
            if future.cancelled():
                continue
            try:
                texts = future.result()
            except EngineError as exc:
                keep_received(batch, exc)
                if failure is None:
                    failure = exc
                    for other in futures:
                        other.cancel()
                continue
            keep(batch, texts)
    if failure is not None:
        raise failure


def _printable(text: str) -> str:
    """An engine's answer without what no translation holds and a terminal or editor would obey:
    control characters (an ESC sequence, a bell) and bidi overrides."""
    return _OVERRIDES.sub("", strip_controls(_SEQUENCES.sub("", text)))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_json(report: Report) -> dict[str, object]:
    entries = [
        {
            "path": e.path,
            "line": e.line,
            "msgid": e.msgid,
            "msgstr": e.msgstr,
            "fuzzy": True,
            "engine": report.engine,
            "cached": e.cached,
            "check": list(e.notes),
        }
        for e in report.entries
    ]
    summary = {
        "engine": report.engine,
        "untranslated": report.untranslated,
        "filled": len(report.entries),
        "sent": report.sent,
        "cached": sum(1 for e in report.entries if e.cached),
        "requests": report.requests,
        "to_check": sum(1 for e in report.entries if e.notes),
        "written": report.written,
    }
    return {"entries": entries, "summary": summary}


def to_text(report: Report) -> str:
    checked = sum(1 for e in report.entries if e.notes)
    cached = sum(1 for e in report.entries if e.cached)
    return (
        f"{report.engine}: {len(report.entries)} of {report.untranslated} entries filled fuzzy"
        f" ({report.sent} sent in {report.requests} request{'s' if report.requests != 1 else ''},"
        f" {cached} from earlier runs), {checked} with findings to check\n"
    )


def dumps(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
