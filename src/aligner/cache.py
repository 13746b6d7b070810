"""Rebuildable caches keyed by content hash: the project's git-ignored ``.aligner/`` folder, or the
user's cache folder outside a project.

Everything here can be deleted at any time: a missing, stale or damaged entry is rebuilt from its
source, and a folder that cannot be written only costs the rebuild. ``ALIGNER_CACHE=off`` turns
every cache off (the reference path the tests compare against); ``ALIGNER_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import functools
import mmap
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

FOLDER = ".aligner"
# Bumped when the layout of a cached file changes, so an old file is never misread.
FORMAT = "1"


def enabled() -> bool:
    return os.environ.get("ALIGNER_CACHE", "").strip().lower() not in ("off", "0", "no", "false")


def folder() -> Path:
    """``.aligner/`` of the project around the working folder, else the user's cache folder."""
    override = os.environ.get("ALIGNER_CACHE_DIR")
    if override:
        return Path(override)
    here = Path.cwd()
    for candidate in (here, *here.parents):
        if (candidate / "pyproject.toml").is_file():
            return candidate / FOLDER
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aligner"


try:  # the built-in module: hashlib would load OpenSSL first (10 ms of every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def file_digest(path: str | Path) -> str:
    return digest(Path(path).read_bytes())


def stamped_digest(path: Path) -> str:
    """``file_digest(path)``, remembered with the file's size, time and inode so that an unchanged
    file (a dictionary of several MB read at every start) is not read and hashed again."""
    status = path.stat()
    stamp = f"{status.st_size}:{status.st_mtime_ns}:{status.st_ino}"
    memo = path_for("stamps", digest(str(path.resolve()).encode()), ".txt")
    with contextlib.suppress(OSError, ValueError):
        saved, value = memo.read_text(encoding="ascii").split(" ")
        if saved == stamp and len(value) == 32:
            return value
    value = file_digest(path)
    if enabled():
        store(memo, f"{stamp} {value}".encode("ascii"))
    return value


@functools.cache
def code_digest() -> str:
    """A digest of the package's code: part of the key of whatever is derived by its rules, so an
    edited rule or a new version never reads an old result."""
    # Every module of the package: whichever a result depends on, an edit there is a new key.
    # Their names, sizes and times stand for their bytes (reading 400 KB costs each start).
    here = Path(__file__).parent
    stamps = []
    for path in sorted(here.rglob("*.py")):
        status = path.stat()
        stamps.append(f"{path.relative_to(here)}:{status.st_size}:{status.st_mtime_ns}")
    return digest("\n".join(stamps).encode("utf-8"))


def path_for(kind: str, key: str, suffix: str) -> Path:
    return folder() / kind / f"{key}{suffix}"


def store(path: Path, data: bytes) -> None:
    """Write a cache file atomically; a folder that cannot be written is skipped in silence."""
    from aligner import atomic
    from aligner.errors import AlignerError

    with contextlib.suppress(AlignerError, OSError):
        atomic.write_bytes(path, data)
        ignore = folder() / ".gitignore"
        if not ignore.exists():
            # The folder ignores itself, also in a repository whose .gitignore does not name it.
            atomic.write_bytes(ignore, b"*\n")


def cached(
    kind: str, key: str, suffix: str, build: Callable[[], bytes], read: Callable[[Any], T], *, mapped: bool = False
) -> T:
    """``read`` the cache file for ``key``; when it is missing or damaged, ``build`` and keep it.

    ``read`` must raise (any exception) on damaged bytes: the entry is then rebuilt. With ``mapped``,
    ``read`` gets a read-only memory map of the file instead of its bytes (or the built bytes), for
    indexes of megabytes of which a command reads a few pages; the map lives as long as what
    ``read`` keeps of it. Cache files are only ever replaced by a rename, so a map stays valid.
    """
    if not enabled():
        return read(build())
    path = path_for(kind, f"{key}-{FORMAT}", suffix)
    try:
        data = _map(path) if mapped else path.read_bytes()
    except (OSError, ValueError):
        pass
    else:
        # A damaged entry (any error reading it) is rebuilt, never trusted.
        with contextlib.suppress(Exception):
            return read(data)
    data = build()
    store(path, data)
    return read(data)


def _map(path: Path) -> mmap.mmap:
    with path.open("rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)  # ValueError when the file is empty


def templates() -> object | None:
    """A jinja2 bytecode cache in this folder (keyed by jinja by each template's source checksum)."""
    if not enabled():
        return None
    import jinja2

    class Templates(jinja2.BytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                data = path_for("templates", bucket.key, ".jinja").read_bytes()
            except OSError:
                return
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # a damaged entry is compiled again
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            store(path_for("templates", bucket.key, ".jinja"), bucket.bytecode_to_string())

    return Templates()
