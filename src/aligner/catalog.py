"""Templates and catalogs: build, sync, load, save. The only importer of polib.

Sync follows msgmerge: an unchanged segment keeps its translation; a changed segment close to an
old one gets the old translation marked fuzzy with ``#| msgid``; a vanished segment's translation
becomes obsolete (``#~``); obsolete translations come back when their segment does. Nothing a
translator wrote (msgstr, translator comments, flags) is ever dropped.
"""

from __future__ import annotations

import difflib
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from aligner import __version__, lazyre, paths, poscan
from aligner import epoch as source_date
from aligner.atomic import write_text
from aligner.errors import CatalogError
from aligner.model import Catalog, Document, Entry, Paragraph, Segment
from aligner.paths import Stamp
from aligner.records import Record

WRAP_WIDTH = 78
FUZZY_THRESHOLD = 0.6  # similarity above which an old translation is offered as fuzzy (msgmerge-like)
_DATE_FORMAT = "%Y-%m-%d %H:%M+0000"


# --------------------------------------------------------------------------- reading


def load(path: str | Path) -> Catalog:
    """Read a PO or POT file into a ``Catalog``; ``CatalogError`` (file and line) where msgfmt -c
    would refuse it. The one reading every command shares (``poscan``), through ``paths``."""
    data = paths.read_bytes(path, what="catalog", shown=str(path))
    return poscan.read(data, str(path))


def load_with_polib(path: str | Path) -> Catalog:
    """polib's reading of a valid catalog (a second opinion the tests compare with ``load``)."""
    p = Path(path)
    load(p)  # the verdict is ours (msgfmt's); polib accepts much that msgfmt refuses
    return _to_model(polib.pofile(str(p), encoding="utf-8", wrapwidth=WRAP_WIDTH), str(path))


def _occurrences(references: Iterable[tuple[str, int | None]]) -> list[tuple[str, str]]:
    """References as polib writes them; a name with a space between U+2068 and U+2069, as GNU
    gettext writes it, so that readers find the whole name back."""
    return [
        (f"{poscan.ISOLATE_START}{ref}{poscan.ISOLATE_END}" if " " in ref else ref, "" if line is None else str(line))
        for ref, line in references
    ]


def _to_polib(catalog: Catalog, wrapwidth: int = WRAP_WIDTH) -> polib.POFile:
    """A polib file holding ``catalog`` (to write it back after a sync or fill; 0: no wrapping)."""
    po = polib.POFile(wrapwidth=wrapwidth)
    po.header = catalog.header_comment
    po.metadata = dict(catalog.header)
    for e in catalog.entries:
        po.append(_po_entry(e))
    return po


def _po_entry(e: Entry) -> polib.POEntry:
    return polib.POEntry(
        msgid=e.msgid,
        msgstr=e.msgstr,
        msgctxt=e.msgctxt,
        msgid_plural=e.msgid_plural or "",
        msgstr_plural=dict(enumerate(e.msgstr_plural)),
        occurrences=_occurrences(e.references),
        comment=e.extracted,
        tcomment=e.comment,
        flags=list(e.flags),
        previous_msgid=e.previous_msgid,
        obsolete=e.obsolete,
        linenum=e.line,
    )


def _msgid_lines(text: str) -> list[int]:
    """1-based line numbers of each entry's msgid (live and obsolete), header included, in file order."""
    lines: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("msgid ") or line.startswith("#~ msgid "):
            lines.append(number)
    return lines


def _to_model(po: polib.POFile, path: str) -> Catalog:
    text = Path(path).read_text(encoding="utf-8") if Path(path).is_file() else ""
    msgid_lines = _msgid_lines(text)
    # polib keeps the header apart; when the file has one, its msgid "" is the first msgid line.
    has_header = bool(po.metadata) or text.lstrip().startswith(('msgid ""', "#"))
    header_first = False
    for line in text.split("\n"):
        if line.startswith("msgid "):
            header_first = line.strip() == 'msgid ""'
            break
    offset = 1 if (has_header and header_first) else 0
    live = [e for e in po if not e.obsolete]
    obsolete = [e for e in po if e.obsolete]
    entries: list[Entry] = []
    # msgid lines appear in file order: live entries (after the header) first, then obsolete ones.
    ordered = live + obsolete
    for index, entry in enumerate(ordered):
        position = index + offset
        line = msgid_lines[position] if position < len(msgid_lines) else (entry.linenum or 0)
        entries.append(_entry_to_model(entry, line))
    header = tuple((str(k), str(v)) for k, v in po.metadata.items())
    return Catalog(
        path=path,
        entries=tuple(entries),
        header=header,
        language=po.metadata.get("Language", ""),
        header_comment=po.header or "",
    )


def _entry_to_model(entry: polib.POEntry, line: int) -> Entry:
    plural: tuple[str, ...] = ()
    if entry.msgid_plural:
        plural = tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
    references = tuple((ref[0], int(ref[1]) if str(ref[1]).isdigit() else None) for ref in entry.occurrences)
    return Entry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural or None,
        msgstr_plural=plural,
        flags=tuple(entry.flags),
        references=references,
        comment=entry.tcomment or "",
        extracted=entry.comment or "",
        previous_msgid=entry.previous_msgid,
        obsolete=bool(entry.obsolete),
        line=line,
    )


# --------------------------------------------------------------------------- building


@dataclass(frozen=True, repr=False, eq=False)
class TemplateEntry(Record):
    """What the template says about one distinct segment text."""

    msgid: str
    references: tuple[tuple[str, int], ...]
    extracted: str


def template_entries(
    segments: Sequence[Segment], source_path: str, document: Document | None = None
) -> list[TemplateEntry]:
    """One entry per distinct segment text, in order of first occurrence; repeats add references.

    With the ``document`` the segments were cut from, each entry says where it stands by its block
    (``body, 第十二条 (第二章)``, ``cell, table 1, row 3, cell 2``): words that stay true when a
    paragraph is added above, where paragraph and sentence numbers would change. A table cell
    holding only a number or a code is carried into the English as it is and has no entry."""
    from aligner import structure

    blocks = {p.number: p for p in document.paragraphs} if document is not None else {}
    order: list[str] = []
    refs: dict[str, list[tuple[str, int]]] = {}
    notes: dict[str, list[str]] = {}
    for seg in segments:
        block = blocks.get(seg.paragraph)
        if block is not None and block.cell is not None and structure.carried(seg.text):
            continue
        if seg.text not in refs:
            order.append(seg.text)
            refs[seg.text] = []
            notes[seg.text] = []
        refs[seg.text].append((source_path, seg.line))
        note = f"{seg.kind.value}, {place(block)}" if block is not None and place(block) else ""
        note = note or f"{seg.kind.value}, paragraph {seg.paragraph} sentence {seg.sentence}"
        if note not in notes[seg.text]:
            notes[seg.text].append(note)
    result = []
    for msgid in order:
        extracted = "; ".join(notes[msgid])
        result.append(TemplateEntry(msgid, tuple(refs[msgid]), extracted))
    return result


def place(block: Paragraph) -> str:
    """Where a block stands, in words that survive re-segmenting: ``table 1, row 3, cell 2`` or
    ``第十二条 (第二章)``; "" for a block outside tables and articles."""
    if block.cell is not None:
        return f"table {block.cell.table}, row {block.cell.row}, cell {block.cell.col}"
    if block.article:
        return f"{block.article} ({block.chapter})" if block.chapter else block.article
    return ""


def _header(doc_id: str, language: str | None, created: str, revised: str | None) -> dict[str, str]:
    header = {
        "Project-Id-Version": doc_id,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": revised or created,
        "Last-Translator": "",
        "Language-Team": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"aligner {__version__}",
    }
    if language is None:
        # A template has no language (the gettext convention); msgfmt -c notes that and accepts it.
        header["Language"] = ""
    else:
        header["Language"] = language
        header["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    return header


def now_stamp() -> str:
    """The time stamp for a new or changed catalog: SOURCE_DATE_EPOCH when set, for reproducible builds."""
    epoch = source_date.seconds()
    seconds = float(epoch) if epoch is not None else time.time()
    return time.strftime(_DATE_FORMAT, time.gmtime(seconds))


def _new_entry(item: TemplateEntry) -> polib.POEntry:
    return polib.POEntry(
        msgid=item.msgid,
        msgstr="",
        occurrences=_occurrences(item.references),
        comment=item.extracted,
    )


_DIFF_LIMIT = 2_000  # characters of differing middle that difflib (quadratic) may compare
_RARE_GRAMS = 48  # the rarest bigrams of a text that pick its candidates
_WALK_LIMIT = 1_500  # postings read per text: bounded work per changed entry, whatever the catalog's size
_CANDIDATES = 10  # old entries scored with _similarity per text


def _similarity(a: str, b: str) -> float:
    """difflib's ratio (2 * matches / total length), bounded in cost.

    The common prefix and suffix are matched first (linear): an edit touches a small part of a
    long segment, so difflib only sees the middle. A middle longer than ``_DIFF_LIMIT`` is scored
    by its characters in common (difflib's ``quick_ratio``, linear, an upper bound), never by the
    quadratic comparison: 100,000 characters with 2 edits cost milliseconds, not seconds.
    """
    total = len(a) + len(b)
    if not total or 2 * min(len(a), len(b)) / total < FUZZY_THRESHOLD:
        return 0.0
    prefix = _common_prefix(a, b)
    a, b = a[prefix:], b[prefix:]
    suffix = _common_prefix(a[::-1], b[::-1])
    a, b = a[: len(a) - suffix], b[: len(b) - suffix]
    same = prefix + suffix
    if not a or not b:
        return 2 * same / total
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if 2 * (same + matcher.quick_ratio() * (len(a) + len(b)) / 2) / total < FUZZY_THRESHOLD:
        return 0.0
    if len(a) + len(b) > _DIFF_LIMIT:
        middle = matcher.quick_ratio() * (len(a) + len(b)) / 2
    else:
        middle = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * (same + middle) / total


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving (string comparison in C: O(n log n) at worst)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


class _FuzzyIndex:
    """Finds the old entry closest to a new text.

    Candidates come from the text's rarest character bigrams (a close old text shares nearly all
    of them, so it shares the rare ones too); common bigrams, found in thousands of entries, are
    never walked, so many changed entries cost time in proportion to their number.
    """

    def __init__(self, entries: Iterable[polib.POEntry]) -> None:
        self.entries = [e for e in entries if e.msgstr or any(e.msgstr_plural.values())]
        self.grams: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            for gram in _bigrams(entry.msgid):
                self.grams.setdefault(gram, []).append(index)

    def best(self, text: str) -> polib.POEntry | None:
        if not self.entries:
            return None
        known = [gram for gram in _bigrams(text) if gram in self.grams]
        rare = sorted(known, key=lambda g: (len(self.grams[g]), g))[:_RARE_GRAMS]
        counts: Counter[int] = Counter()
        walked = 0
        for number, gram in enumerate(rare):
            postings = self.grams[gram]
            if number >= 4 and walked + len(postings) > _WALK_LIMIT:
                break
            walked += len(postings)
            counts.update(postings)
        candidates = [index for index, _ in counts.most_common(_CANDIDATES)]  # ties: first seen, deterministic
        best_entry, best_score = None, FUZZY_THRESHOLD
        for index in candidates:
            score = _similarity(text, self.entries[index].msgid)
            if score > best_score:
                best_entry, best_score = self.entries[index], score
        return best_entry


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def build_template(doc_id: str, items: Sequence[TemplateEntry], old: Catalog | None = None) -> str:
    """The text of the ``.pot``. Its creation date changes only when its entries change."""
    old_created = old.header_value("POT-Creation-Date") if old else ""
    pot = polib.POFile(wrapwidth=WRAP_WIDTH)
    pot.header = _HEADER_COMMENT.format(doc_id=doc_id)
    for item in items:
        pot.append(_new_entry(item))
    same = old is not None and bool(old_created) and _same_text(_to_polib(old), pot)
    created = old_created if same else now_stamp()
    pot.metadata = _header(doc_id, None, created, None)
    pot.metadata_is_fuzzy = True
    return _render(pot)


_HEADER_COMMENT = (
    "Sentence units of {doc_id}, cut by aligner segment.\n"
    "msgid: one segment exactly as in the source; #: its source line; #. its kind and paragraph.sentence.\n"
    'A msgstr of "↑" alone means: translated together with the previous segment.'
)


@dataclass(frozen=True, repr=False, eq=False)
class SyncReport(Record):
    """What a sync did to one catalog."""

    path: str
    kept: int
    fuzzy: int
    new: int
    obsoleted: int
    revived: int
    changed: bool


def sync_catalog(
    doc_id: str,
    items: Sequence[TemplateEntry],
    language: str,
    path: str | Path,
) -> tuple[str, SyncReport]:
    """The text of the ``.po`` at ``path`` brought up to date with the template entries."""
    p = Path(path)
    old_text = ""
    old = None
    if p.exists():
        data = paths.read_bytes(p, what="catalog", shown=str(path))
        old_text = data.decode("utf-8", errors="replace")
        width = wrap_width(old_text)
        old = _to_polib(poscan.read(data, str(path)), width)
    po = polib.POFile(wrapwidth=old.wrapwidth if old is not None else WRAP_WIDTH)
    po.header = old.header if old is not None and old.header else _HEADER_COMMENT.format(doc_id=doc_id)

    old_live = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete} if old is not None else {}
    old_obsolete = {(e.msgctxt, e.msgid): e for e in old if e.obsolete} if old is not None else {}
    wanted = {item.msgid for item in items}
    gone = [e for key, e in old_live.items() if key[1] not in wanted or key[0] is not None]
    fuzzy_pool = _FuzzyIndex(gone + list(old_obsolete.values()))

    kept = fuzzy = new = revived = 0
    used_obsolete: set[tuple[str | None, str]] = set()
    for item in items:
        entry = _new_entry(item)
        previous = old_live.get((None, item.msgid))
        if previous is None and (None, item.msgid) in old_obsolete:
            previous = old_obsolete[(None, item.msgid)]
            used_obsolete.add((None, item.msgid))
            revived += 1
        if previous is not None:
            entry.msgstr = previous.msgstr
            entry.msgid_plural = previous.msgid_plural
            entry.msgstr_plural = dict(previous.msgstr_plural)
            entry.tcomment = previous.tcomment
            entry.flags = list(previous.flags)
            entry.previous_msgid = previous.previous_msgid if previous.fuzzy else None
            entry.comment = with_notes(item.extracted, previous)
            kept += 1
        else:
            match = fuzzy_pool.best(item.msgid)
            if match is not None:
                entry.msgstr = match.msgstr
                entry.tcomment = match.tcomment
                entry.flags = sorted(set(match.flags) | {"fuzzy"})
                entry.previous_msgid = match.msgid
                entry.comment = with_notes(item.extracted, match)
                fuzzy += 1
            else:
                new += 1
        po.append(entry)

    obsoleted = 0
    for e in gone:
        if e.msgstr or any(e.msgstr_plural.values()) or e.tcomment:
            po.append(_as_obsolete(e))
            obsoleted += 1
    for key, e in old_obsolete.items():
        if key not in used_obsolete:
            po.append(_as_obsolete(e))

    old_meta = dict(old.metadata) if old is not None else {}
    unchanged = old is not None and _same_text(old, po)
    created = old_meta.get("POT-Creation-Date") if unchanged and old_meta.get("POT-Creation-Date") else now_stamp()
    metadata = _header(doc_id, language, created, old_meta.get("PO-Revision-Date"))
    # Header fields a translator or editor set (Last-Translator, Language-Team, X-...) are theirs.
    for key, value in old_meta.items():
        # X-Generator too: the editor that last saved the file (Poedit) keeps its name there.
        # Content-Type stays ours: the file is written in UTF-8, whatever it was read in.
        if key in ("POT-Creation-Date", "Content-Type") or (key == "Language" and not value):
            continue
        metadata[key] = value
    metadata["Language"] = old_meta.get("Language") or language
    po.metadata = metadata
    po.metadata_is_fuzzy = False
    # Nothing changed: the file stays byte for byte as its editor saved it (wrapping, X-Generator).
    text = old_text if unchanged else _render(po)
    changed = old is None or not unchanged
    report = SyncReport(str(p), kept, fuzzy, new, obsoleted, revived, changed)
    return text, report


# A note a tool wrote on an entry it filled (``Fill.comment``): lines ``tool: text`` (``memory:``,
# ``aligner:``, ``mt:``). The template's own comment says where a segment stands and has no such line.
_NOTE = lazyre.compile(r"^[a-z][a-z-]*: ")


def tool_notes(extracted: str) -> list[str]:
    """The notes a tool wrote in an extracted comment, one string each.

    A long note comes back from the file wrapped over several ``#.`` lines (at spaces, as gettext
    wraps): the lines after a note's first one are joined back onto it.
    """
    notes: list[str] = []
    for line in extracted.split("\n"):
        if _NOTE.match(line):
            notes.append(line)
        elif notes and line:
            notes[-1] += " " + line
    return notes


def with_notes(extracted: str, previous: polib.POEntry) -> str:
    """The template's comment for an entry, followed by the notes tools wrote on ``previous``.

    The notes say where a fill came from and why it needs checking (its origin, figures rewritten,
    the engine): re-segmenting keeps them with their entry, as it keeps the translation, so the
    reason to check a fuzzy fill and the provenance of a confirmed one are never lost.
    """
    own = set(extracted.split("\n"))
    notes = [line for line in tool_notes(previous.comment or "") if line not in own]
    return "\n".join([extracted, *dict.fromkeys(notes)]) if notes else extracted


def _as_obsolete(entry: polib.POEntry) -> polib.POEntry:
    copy = polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        previous_msgid=entry.previous_msgid,  # an editor shows what the entry was last matched with
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural),
        tcomment=entry.tcomment,
        flags=list(entry.flags),
        obsolete=True,
    )
    return copy


def _entries_text(po: polib.POFile) -> str:
    return "\n".join(e.__unicode__(po.wrapwidth) for e in po)


# Every field polib's POEntry.__unicode__ writes: entries equal in all of them are written alike.
_WRITTEN = (
    "obsolete", "tcomment", "comment", "occurrences", "flags", "previous_msgctxt", "previous_msgid",
    "previous_msgid_plural", "msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural",
)  # fmt: skip


def _same_text(a: polib.POFile, b: polib.POFile) -> bool:
    """Whether the entries of ``a`` and ``b`` are written as the same text.

    Equal fields at one width give equal text, which answers the everyday case (a re-run with no
    change) without writing anything; entries that differ are written out and compared, as two
    different fields may still be written alike.
    """
    same_fields = (
        a.wrapwidth == b.wrapwidth
        and len(a) == len(b)
        and all(getattr(x, f) == getattr(y, f) for x, y in zip(a, b, strict=True) for f in _WRITTEN)
    )
    return same_fields or _entries_text(a) == _entries_text(b)


def wrap_width(text: str) -> int:
    """The line width a catalog was saved with: 0 for no wrapping (``msgcat --no-wrap``, Poedit's
    "don't wrap"), 79 for Poedit's default, else gettext's 78 (polib's 78 too).

    A string continued on the next line although it did not end in ``\\n`` was wrapped; the widest
    such line gives the width. No wrapped string, yet a long line with a space in it: not wrapped.
    """
    widest_wrapped = 0
    long_unwrapped = False
    previous = previous_line = ""
    for line in text.split("\n"):
        body = line[3:] if line.startswith("#~ ") else line
        if body.startswith('"') and previous.endswith('"') and not previous.endswith('\\n"'):
            if not previous.endswith(' ""') and previous != '""':
                widest_wrapped = max(widest_wrapped, len(previous_line))
        elif len(line) > 80 and " " in line and (body.startswith(("msgid", "msgstr")) or line.startswith('"')):
            long_unwrapped = True
        if body.startswith(('"', "msgid", "msgstr", "msgctxt")):
            previous, previous_line = body, line
        else:
            previous, previous_line = "", ""
    if widest_wrapped:
        return 79 if widest_wrapped == 79 else WRAP_WIDTH
    return 0 if long_unwrapped else WRAP_WIDTH


def _render(po: polib.POFile) -> str:
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def save(path: str | Path, text: str, *, expect: Stamp | None = None) -> bool:
    """Write a catalog atomically; returns False when the file already had these bytes.

    ``expect`` (default: what this command read there) guards a translator's save made meanwhile.
    """
    return write_text(path, text, catalog=True, expect=expect)


def write_entries(
    path: str | Path,
    entries: Sequence[Entry],
    *,
    doc_id: str,
    language: str,
    header: dict[str, str] | None = None,
) -> str:
    """Text of a fresh ``.po`` holding ``entries`` (used by ``aligner align`` for a new catalog)."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.header = _HEADER_COMMENT.format(doc_id=doc_id)
    for e in entries:
        po.append(_po_entry(e))
    metadata = _header(doc_id, language, now_stamp(), None)
    metadata.update(header or {})
    po.metadata = metadata
    return _render(po)


@dataclass(frozen=True, repr=False, eq=False)
class Fill(Record):
    """A translation offered for one msgid by a tool (``aligner align``), not by a person."""

    msgstr: str
    fuzzy: bool = False
    comment: str = ""  # added as an extracted comment (#.), never over a translator's comment
    previous_msgid: str | None = None  # the Chinese the offer was made for (#| msgid), when it differs
    note: str = ""  # added as a translator comment (# ), which later syncs keep (an #. comment they rewrite)


def fill_catalog(path: str | Path, fills: dict[str, Fill], *, overwrite: bool = False) -> tuple[str, int, int]:
    """Text of the catalog at ``path`` with ``fills`` applied, and (filled, skipped) counts.

    Only untranslated entries are filled unless ``overwrite``; a translator's work is never
    replaced silently: skipped entries are counted so the caller can say so.
    """
    data = paths.read_bytes(path, what="catalog", shown=str(path))
    original = data.decode("utf-8", errors="replace")
    po = _to_polib(poscan.read(data, str(path)), wrap_width(original))
    before = _entries_text(po)
    filled = skipped = 0
    for entry in po:
        if entry.obsolete or entry.msgid not in fills:
            continue
        fill = fills[entry.msgid]
        if entry.msgstr and not overwrite:
            skipped += 1
            continue
        entry.msgstr = fill.msgstr
        flags = [f for f in entry.flags if f != "fuzzy"]
        if fill.fuzzy:
            flags.append("fuzzy")
        entry.flags = flags
        if fill.previous_msgid is not None:
            entry.previous_msgid = fill.previous_msgid
        if fill.comment and fill.comment not in (entry.comment or ""):
            entry.comment = (entry.comment + "\n" if entry.comment else "") + fill.comment
        if fill.note and fill.note not in (entry.tcomment or ""):
            entry.tcomment = (entry.tcomment + "\n" if entry.tcomment else "") + fill.note
        filled += 1
    # Nothing new: the file keeps its bytes (an editor's layout), as a sync with no change does.
    return (original if _entries_text(po) == before else _render(po)), filled, skipped


@dataclass(frozen=True, repr=False, eq=False)
class Revision(Record):
    """What a review sets in one live entry, found by its key (msgctxt, msgid)."""

    msgctxt: str | None
    msgid: str
    targets: tuple[str, ...]  # the msgstr, or one string per plural form
    fuzzy: bool
    comment: str  # the translator comment (#)


def revise_catalog(path: str | Path, revisions: Sequence[Revision]) -> tuple[str, int]:
    """Text of the catalog at ``path`` with ``revisions`` applied, and how many entries changed.

    Only the lines of a changed entry are written anew; every other byte stays as its editor saved
    it (header, wrapping, order). Clearing the fuzzy mark drops the previous msgid (``#|``), which
    only explains a fuzzy match; a fuzzy entry keeps its ``#|`` lines as they were.
    """
    data = paths.read_bytes(path, what="catalog", shown=str(path))
    original = data.decode("utf-8")
    parsed = poscan.read(data, str(path))
    width = wrap_width(original)
    live = {(e.msgctxt, e.msgid): e for e in parsed.entries if not e.obsolete}
    lines = original.split("\n")
    replaced: dict[int, tuple[int, list[str]]] = {}
    for revision in revisions:
        entry = live.get((revision.msgctxt, revision.msgid))
        if entry is None:
            raise CatalogError("no live entry for a revised msgid", path=str(path), hint="sync the catalog first")
        revised = _revised(entry, revision)
        if revised == entry:
            continue
        start, end = _entry_block(lines, entry.line)
        if sum(1 for line in lines[start:end] if line.startswith("msgid ")) != 1:
            raise CatalogError(
                "entries are not separated by blank lines",
                path=str(path),
                line=entry.line,
                hint="run msgcat on the catalog first",
            )
        text = _po_entry(revised).__unicode__(width).rstrip("\n").split("\n")
        if revised.previous_msgid is not None:  # #| msgctxt and #| msgid_plural are not in the model: keep the lines
            old = [line for line in lines[start:end] if line.startswith("#| ")]
            at = next((i for i, line in enumerate(text) if line.startswith("#| ")), None)
            text = [line for line in text if not line.startswith("#| ")]
            if at is not None:
                text[at:at] = old
        replaced[start] = (end, text)
    if not replaced:
        return original, 0
    out: list[str] = []
    position = 0
    for start in sorted(replaced):
        end, text = replaced[start]
        out.extend(lines[position:start])
        out.extend(text)
        position = end
    out.extend(lines[position:])
    result = "\n".join(out)
    poscan.read(result.encode("utf-8"), str(path))  # the file written must read as it was read: valid
    return result, len(replaced)


def _revised(entry: Entry, revision: Revision) -> Entry:
    if revision.fuzzy:
        flags = entry.flags if entry.fuzzy else ("fuzzy", *entry.flags)  # first, where msgmerge puts it
    else:
        flags = tuple(f for f in entry.flags if f != "fuzzy")
    plural = entry.msgid_plural is not None
    return Entry(
        msgid=entry.msgid,
        msgstr="" if plural else revision.targets[0],
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=revision.targets if plural else (),
        flags=flags,
        references=entry.references,
        comment=revision.comment,
        extracted=entry.extracted,
        previous_msgid=entry.previous_msgid if revision.fuzzy else None,
        obsolete=False,
        line=entry.line,
    )


def _entry_block(lines: list[str], msgid_line: int) -> tuple[int, int]:
    """The lines [start, end) of the entry whose msgid stands at 1-based ``msgid_line``: from the
    blank line before it to the blank line after it, as every gettext tool separates entries."""
    start = msgid_line - 1
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = msgid_line
    while end < len(lines) and lines[end].strip():
        end += 1
    return start, end
