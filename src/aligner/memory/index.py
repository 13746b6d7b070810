"""The memory's index: a rebuildable SQLite cache under ``.aligner/``, updated file by file.

Each file of the memory is read again unless its size, modification time, inode and change time
are all as when it was read (a copy that keeps size and time, ``cp -p`` or ``rsync -a``, still
changes the change time or the inode). The index is a cache, so it is not trusted: it must be a
file of a real ``.aligner/`` folder (no symbolic link), and one aligner did not make for this user
(its ``owner`` tag, made with the user's cache key) is rebuilt. Its units
and their character-bigram postings are stored per file, so a change touches that file's rows
alone. Fuzzy candidates come from the postings: a unit within the threshold shares most of the
query's bigrams (an edit changes at most two), so counting shared bigrams over the postings of the
query's grams finds them without comparing the query with every unit.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from aligner import chinese, figures, progress
from aligner.memory.units import MemoryFileError, Unit, normalize, read_file
from aligner.records import Record

SCHEMA_VERSION = "5"
# Only what lookups need is stored: the normalised Chinese and its skeleton are keys (recomputed
# for the few rows a lookup reads), which keeps a million units near 400 MB.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(id INTEGER PRIMARY KEY, path TEXT UNIQUE, mtime_ns INTEGER, size INTEGER,
    fuzzy INTEGER, first INTEGER, last INTEGER, inode INTEGER, ctime_ns INTEGER);
CREATE TABLE IF NOT EXISTS units(id INTEGER PRIMARY KEY, file INTEGER, zh TEXT, en TEXT, lang TEXT, line INTEGER,
    doc TEXT, kind TEXT, date TEXT, fuzzy INTEGER, norm_key INTEGER, skel_key INTEGER);
CREATE TABLE IF NOT EXISTS grams(gram INTEGER, file INTEGER, ids BLOB);
CREATE INDEX IF NOT EXISTS units_norm ON units(norm_key);
CREATE INDEX IF NOT EXISTS units_skel ON units(skel_key);
CREATE INDEX IF NOT EXISTS grams_gram ON grams(gram);
"""
_COLUMNS = "id, zh, en, lang, (SELECT path FROM files WHERE files.id = units.file), line, doc, kind, date, fuzzy"
_SAME_SKELETON_LIMIT = 500  # 第十二条 alone shares its skeleton with every bare article number


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Row(Record):
    """A unit as stored, with its id and its normalised Chinese."""

    id: int
    unit: Unit
    norm: str


@dataclass(frozen=True, repr=False, eq=False)
class UpdateReport(Record):
    read: int  # files read again
    unchanged: int
    removed: int
    units: int  # units in the memory after the update


def _code(char: str) -> int:
    # Characters beyond the BMP share one code: a rare collision only adds candidates.
    return min(ord(char), 0xFFFF)


def bigrams(norm: str) -> set[int]:
    """The character bigrams of ``norm`` as 32-bit keys (one character alone when that is all)."""
    if len(norm) == 1:
        return {_code(norm) << 16}
    return {(_code(a) << 16) | _code(b) for a, b in itertools.pairwise(norm)}


def _postings(norms: list[str], first: int) -> Iterator[tuple[int, bytes]]:
    """(bigram, unit ids) for units numbered from ``first``, each id once per bigram, ascending."""
    if not norms:
        return
    # All texts in one array of code points, a 0 between units: bigrams across a 0 are dropped.
    joined = "\0".join(norms) + "\0"
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    points = np.minimum(points, 0xFFFF).astype(np.uint64)
    lengths = np.fromiter((len(n) + 1 for n in norms), dtype=np.int64, count=len(norms))
    owner = np.repeat(np.arange(first, first + len(norms), dtype=np.uint64), lengths)
    left, right = points[:-1], points[1:]
    single = np.zeros(len(norms), dtype=bool)
    single[[k for k, n in enumerate(norms) if len(n) == 1]] = True
    keep = (left != 0) & ((right != 0) | np.repeat(single, lengths)[:-1])
    keys = ((left << np.uint64(16)) | right)[keep]
    combined = np.sort((keys << np.uint64(32)) | owner[:-1][keep])
    combined = combined[np.concatenate(([True], combined[1:] != combined[:-1]))]
    grams = combined >> np.uint64(32)
    ids = (combined & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    starts = np.flatnonzero(np.concatenate(([True], grams[1:] != grams[:-1])))
    ends = np.append(starts[1:], len(grams))
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        yield int(grams[start]), ids[start:end].tobytes()


def key(text: str) -> int:
    """A stable 64-bit key of a text (rows found by key are compared on the text itself)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def skeleton(norm: str) -> str:
    """The normalised Chinese with its figures replaced by marks (see ``figures.skeleton``)."""
    found = figures.zh_figures(norm, values=False)
    return figures.skeleton(norm, found) if found else norm


def _stamp(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_mtime_ns, stat.st_size


def _owner(target: Path) -> str | None:
    """The tag an index made here for this user carries (None without a cache key)."""
    from aligner import cache

    return cache.tag(target.name, b"memory index " + SCHEMA_VERSION.encode("ascii"))


def _private(target: Path) -> bool:
    """Whether ``target`` may be opened: in a real folder (made if missing), and itself no link
    (a link found there is removed: the index is rebuilt rather than written through it)."""
    from aligner import paths
    from aligner.errors import AlignerError

    try:
        paths.private_folder(target.parent)
        if os.path.islink(target):
            target.unlink()
        return not os.path.lexists(target) or os.path.isfile(target)
    except (AlignerError, OSError):
        return False


class Index:
    """An open memory index. Use ``Index.open(path)``; ``update`` brings it up to date with files."""

    def __init__(self, connection: sqlite3.Connection, path: str = ":memory:") -> None:
        self.db = connection
        self.path = path
        # Lookups read postings and units at random: map the file and keep a large page cache.
        self.db.execute("PRAGMA mmap_size = 1073741824")
        self.db.execute("PRAGMA cache_size = -131072")
        # A cache: no journal, no syncing. An update marks the index "updating" first and "ok" last,
        # so one that was interrupted is found at the next open and the index rebuilt.
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self._postings = lru_cache(maxsize=8192)(self._read_postings)
        self._language_count: int | None = None

    @classmethod
    def open(cls, path: Path | str) -> Index:
        """The index at ``path`` (``:memory:``: one that lives as long as the command).

        A damaged, interrupted, older or foreign index is rebuilt; where none can be kept (a
        read-only or linked ``.aligner/``, no cache key), the command works on one in memory."""
        if str(path) == ":memory:":
            return cls(cls._connect(":memory:"), ":memory:")
        target = Path(path)
        owner = _owner(target)
        if owner is None or not _private(target):
            return cls(cls._connect(":memory:"), ":memory:")
        for _attempt in range(2):
            try:
                # Another aligner may be updating the index: wait for it rather than fail.
                db = sqlite3.connect(str(target), timeout=120)
                try:
                    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
                except sqlite3.DatabaseError:
                    meta = None
                fresh = not db.execute("SELECT 1 FROM sqlite_master").fetchone()  # a new, empty file
                valid = meta is not None and (
                    meta.get("version") == SCHEMA_VERSION
                    and meta.get("state", "ok") == "ok"
                    and meta.get("owner") == owner
                )
                if not (fresh or valid):
                    db.close()
                    target.unlink()
                    db = sqlite3.connect(str(target))
                db.executescript(_SCHEMA)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('owner', ?)", (owner,))
                db.commit()
            except sqlite3.DatabaseError:
                # A cache that cannot be read is rebuilt from the files it was made from, once.
                with contextlib.suppress(OSError):
                    target.unlink(missing_ok=True)
                continue
            except OSError:
                break
            return cls(db, str(path))
        # Neither readable nor rebuildable here (a read-only folder): an index for this command only.
        return cls(cls._connect(":memory:"), ":memory:")

    @staticmethod
    def _connect(name: str) -> sqlite3.Connection:
        db = sqlite3.connect(name)
        db.executescript(_SCHEMA)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (SCHEMA_VERSION,))
        db.commit()
        return db

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ update

    def update(
        self, files: Sequence[tuple[Path, str]], *, include_fuzzy: bool = False, quiet: bool = False
    ) -> UpdateReport:
        """Bring the index up to date with ``files`` (path, shown name). Every changed file is read
        before anything is stored, so a bad file stops the update with the index untouched."""
        known = {
            row[1]: row for row in self.db.execute("SELECT id, path, mtime_ns, size, fuzzy, inode, ctime_ns FROM files")
        }
        wanted = {shown for _path, shown in files}
        changed: list[tuple[str, Path, tuple[int, int, int, int], list[Unit]]] = []
        unchanged = 0
        with progress.bar("indexing the memory", total=len(files) + 1, quiet=quiet) as advance:
            for path, shown in files:
                advance()
                try:
                    stat = path.stat()
                except OSError as exc:
                    raise MemoryFileError(f"cannot read: {exc.strerror}", path=shown) from None
                row = known.get(shown)
                fuzzy = int(include_fuzzy and path.suffix.lower() != ".tmx")
                if row is not None and tuple(row[2:]) == (*_stamp(stat), fuzzy, stat.st_ino, stat.st_ctime_ns):
                    unchanged += 1
                    continue
                units = read_file(path, shown, include_fuzzy=bool(fuzzy))
                changed.append((shown, path, (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns), units))
            removed = [row for shown, row in known.items() if shown not in wanted]
            if changed or removed:
                advance(0, "storing the memory")
                try:
                    self._write(changed, removed, known, include_fuzzy)
                except sqlite3.Error as exc:
                    raise MemoryFileError(
                        f"cannot write the memory index: {exc}",
                        path=self.path,
                        hint="free some disk space, or delete it",
                    ) from None
            advance()
        total = self.db.execute("SELECT count(*) FROM units").fetchone()[0]
        return UpdateReport(len(changed), unchanged, len(removed), total)

    def _write(
        self,
        changed: list[tuple[str, Path, tuple[int, int, int, int], list[Unit]]],
        removed: list[tuple[int, ...]],
        known: dict[str, tuple[int, ...]],
        include_fuzzy: bool,
    ) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('state', 'updating')")
        with self.db:
            for row in removed:
                self._drop(row[0])
            for shown, _path, stamp, units in changed:
                if shown in known:
                    self._drop(known[shown][0])
                mtime, size, inode, ctime = stamp
                fuzzy = int(include_fuzzy and not shown.lower().endswith(".tmx"))
                self._store(shown, mtime, size, fuzzy, units, inode, ctime)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('state', 'ok')")
        self._postings.cache_clear()
        self._language_count = None

    def _drop(self, file_id: int) -> None:
        # A file's units hold consecutive ids: the range deletes them without an index on the file.
        first, last = self.db.execute("SELECT first, last FROM files WHERE id = ?", (file_id,)).fetchone()
        self.db.execute("DELETE FROM units WHERE id BETWEEN ? AND ?", (first, last))
        self.db.execute("DELETE FROM grams WHERE file = ?", (file_id,))
        self.db.execute("DELETE FROM files WHERE id = ?", (file_id,))

    def _store(
        self, shown: str, mtime: int, size: int, fuzzy: int, units: list[Unit], inode: int = 0, ctime: int = 0
    ) -> None:
        first = (self.db.execute("SELECT max(id) FROM units").fetchone()[0] or 0) + 1
        cursor = self.db.execute(
            "INSERT INTO files(path, mtime_ns, size, fuzzy, first, last, inode, ctime_ns) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (shown, mtime, size, fuzzy, first, first + len(units) - 1, inode, ctime),
        )
        file_id = cursor.lastrowid
        rows = []
        norms = []
        for offset, unit in enumerate(units):
            norm = normalize(unit.zh)
            skel = skeleton(norm)
            norms.append(norm)
            rows.append(
                (first + offset, file_id, unit.zh, unit.en, unit.lang, unit.line, unit.doc, unit.kind, unit.date,
                 int(unit.fuzzy), key(norm), key(skel))
            )  # fmt: skip
        self.db.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany(
            "INSERT INTO grams VALUES (?, ?, ?)", ((gram, file_id, ids) for gram, ids in _postings(norms, first))
        )

    # ------------------------------------------------------------------ lookup

    def _rows(self, where: str, params: Sequence[object]) -> list[Row]:
        result = []
        for r in self.db.execute(f"SELECT {_COLUMNS} FROM units WHERE {where}", params):
            result.append(Row(r[0], Unit(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9])), normalize(r[1])))
        return result

    def exact(self, norm: str, lang: str) -> list[Row]:
        return [r for r in self._rows("norm_key = ? AND lang = ?", (key(norm), lang)) if r.norm == norm]

    def same_skeleton(self, skel: str, lang: str) -> list[Row]:
        rows = self._rows(f"skel_key = ? AND lang = ? ORDER BY id DESC LIMIT {_SAME_SKELETON_LIMIT}", (key(skel), lang))
        return [r for r in rows if skeleton(r.norm) == skel]

    def by_ids(self, ids: Sequence[int], lang: str) -> list[Row]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self._rows(f"id IN ({marks}) AND lang = ?", (*ids, lang))

    def _languages(self) -> int:
        if self._language_count is None:
            self._language_count = self.db.execute("SELECT count(DISTINCT lang) FROM units").fetchone()[0]
        return self._language_count

    def _read_postings(self, gram: int) -> np.ndarray:
        blobs = [row[0] for row in self.db.execute("SELECT ids FROM grams WHERE gram = ?", (gram,))]
        if not blobs:
            return np.empty(0, dtype=np.uint32)
        if len(blobs) == 1:
            return np.frombuffer(blobs[0], dtype=np.uint32)
        return np.concatenate([np.frombuffer(b, dtype=np.uint32) for b in blobs])

    def candidates(self, norm: str, lang: str, threshold: float, limit: int = 24) -> list[Row]:
        """Units sharing the most bigrams with ``norm``, at most ``limit``, among those that could
        reach ``threshold`` (0-100) by the bigram count bound."""
        grams = bigrams(norm)
        if not grams:
            return []
        lists = sorted((self._postings(g) for g in grams), key=len)
        lists = [p for p in lists if len(p)]
        if not lists:
            return []
        ratio = threshold / 100.0
        edits = int((1.0 - ratio) * len(norm) / ratio) if ratio > 0 else len(norm)
        need = max(1, len(grams) - 2 * edits)
        # The most frequent grams cost the most and say the least: leaving out k of them lowers
        # the count a candidate needs by k, and still misses none that could qualify.
        total = sum(len(p) for p in lists)
        while len(lists) > 1 and need > 1 and total > 50_000:
            total -= len(lists[-1])
            lists.pop()
            need -= 1
        joined = np.concatenate(lists)
        if len(joined) > 20_000:
            # Counting into a table of every id costs one pass; sorting a long list costs more.
            table = np.bincount(joined)
            ids = np.flatnonzero(table >= need)
            counts = table[ids]
        else:
            ids, counts = np.unique(joined, return_counts=True)
            keep = counts >= need
            ids, counts = ids[keep], counts[keep]
        # Postings hold every language: with several, more candidates are taken so each keeps its share.
        limit *= max(1, self._languages())
        if len(ids) > limit:
            top = np.argpartition(-counts, limit)[:limit]
            ids = ids[top]
        return self.by_ids([int(i) for i in ids], lang)

    # ------------------------------------------------------------------ whole memory

    def all_rows(self, lang: str | None = None) -> Iterator[Row]:
        where, params = ("lang = ?", (lang,)) if lang else ("1", ())
        query = f"SELECT {_COLUMNS} FROM units WHERE {where} ORDER BY norm_key, en, id"
        for r in self.db.execute(query, params):
            yield Row(r[0], Unit(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9])), normalize(r[1]))

    def containing(self, phrase: str, lang: str | None = None, limit: int = 5000) -> list[Row]:
        """Units whose normalised Chinese contains ``phrase`` (normalised), found through the postings."""
        norm = normalize(phrase)
        if not norm:
            return []
        if len(norm) == 1:
            # One character has no bigram of its own: look through the texts.
            where = "instr(zh, ?) > 0" + (" AND lang = ?" if lang else "") + f" LIMIT {limit}"
            rows = self._rows(where, (norm, lang) if lang else (norm,))
        else:
            lists = sorted((self._postings(g) for g in bigrams(norm)), key=len)
            ids = lists[0]
            for other in lists[1:]:
                if not len(ids):
                    break
                ids = np.intersect1d(ids, other, assume_unique=False)
            rows = self.by_ids([int(i) for i in ids[:limit]], lang) if lang else self._rows_any(ids[:limit])
        return sorted((r for r in rows if norm in r.norm), key=lambda r: (r.norm, r.unit.en, r.id))

    def _rows_any(self, ids: np.ndarray) -> list[Row]:
        if not len(ids):
            return []
        marks = ",".join("?" * len(ids))
        return self._rows(f"id IN ({marks})", [int(i) for i in ids])

    def stats(self) -> dict[str, object]:
        db = self.db
        units = db.execute("SELECT count(*) FROM units").fetchone()[0]
        pairs = db.execute("SELECT count(*) FROM (SELECT DISTINCT norm_key, en, lang FROM units)").fetchone()[0]
        sources = db.execute("SELECT count(*) FROM (SELECT DISTINCT norm_key, lang FROM units)").fetchone()[0]
        conflicts = db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM units GROUP BY norm_key, lang HAVING count(DISTINCT en) > 1)"
        ).fetchone()[0]
        files = [
            {"path": path, "units": count}
            for path, count in db.execute(
                "SELECT files.path, count(units.id) FROM files LEFT JOIN units ON units.file = files.id "
                "GROUP BY files.id ORDER BY files.path"
            )
        ]
        languages = dict(db.execute("SELECT lang, count(*) FROM units GROUP BY lang ORDER BY lang").fetchall())
        chars = sum(len(chinese.HAN.findall(zh)) for (zh,) in db.execute("SELECT zh FROM units"))
        return {
            "files": files,
            "units": units,
            "pairs": pairs,
            "duplicates": units - pairs,
            "sources": sources,
            "conflicts": conflicts,
            "languages": languages,
            "characters": chars,
        }
