"""Rebuildable caches keyed by content hash: the project's git-ignored ``.aligner/`` folder, or the
user's cache folder outside a project.

Everything here can be deleted at any time: a missing, stale or damaged entry is rebuilt from its
source, and a folder that cannot be written only costs the rebuild. ``ALIGNER_CACHE=off`` turns
every cache off (the reference path the tests compare against); ``ALIGNER_CACHE_DIR`` moves it.

A cache is not trusted: the folder sits in the project, where a clone or a colleague may have put
anything. Each entry carries a keyed hash (BLAKE2b) of its name and bytes; the key is made once per
user in the user's own cache folder (``$XDG_CACHE_HOME/aligner/key``, mode 0600), never in a
project, so an entry aligner did not write here is rebuilt, never read. The folder and its
sub-folders must be real folders (a symbolic link there disables the cache), and entries are
opened without following links.
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
    """Caches are on unless ``ALIGNER_CACHE=off``, and only where entries can be authenticated."""
    if os.environ.get("ALIGNER_CACHE", "").strip().lower() in ("off", "0", "no", "false"):
        return False
    return _key() is not None


def folder() -> Path:
    """``.aligner/`` of the project around the working folder, else the user's cache folder."""
    override = os.environ.get("ALIGNER_CACHE_DIR")
    if override:
        return Path(override)
    here = Path.cwd()
    for candidate in (here, *here.parents):
        if (candidate / "pyproject.toml").is_file():
            return candidate / FOLDER
    return _user_folder()


def _user_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aligner"


_KEY_BYTES = 32
_TAG_BYTES = 16
_MAGIC = b"\naligner-cache-1\n"  # at the end: a mapped entry's payload starts at offset 0
_TRAILER = len(_MAGIC) + _TAG_BYTES


@functools.cache
def _key() -> bytes | None:
    """The user's cache key, made on first use; None when it cannot be kept (caches are then off)."""
    import stat

    folder = _user_folder()
    path = folder / "key"
    for _attempt in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            _make_key(folder, path)
            continue
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            # Only a key no one else could have read or written authenticates anything.
            if (
                not stat.S_ISREG(info.st_mode)
                or info.st_mode & 0o077
                or info.st_uid != os.geteuid()
                or info.st_size != _KEY_BYTES
            ):
                return None
            value = os.read(fd, _KEY_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(fd)
        return value if len(value) == _KEY_BYTES else None
    return None


def _make_key(folder: Path, path: Path) -> None:
    """Write a new random key at ``path``; whoever links it first wins, so two starts agree on one key."""
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = folder / f".key.{os.getpid()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, os.urandom(_KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temporary, path)
        finally:
            os.unlink(temporary)


def _tag(name: str, payload: bytes | memoryview) -> bytes:
    key = _key()
    assert key is not None  # callers check enabled() first
    mac = blake2b(key=key, digest_size=_TAG_BYTES, person=b"aligner-cache")
    mac.update(name.encode("utf-8") + b"\0")
    mac.update(payload)
    return mac.digest()


def _name(path: Path) -> str:
    """What an entry's tag is bound to: its sub-folder and file name (an entry moved is not valid)."""
    return f"{path.parent.name}/{path.name}"


def seal(path: Path, payload: bytes) -> bytes:
    """``payload`` as stored at ``path``: followed by its tag."""
    return payload + _MAGIC + _tag(_name(path), payload)


def unseal(path: Path, stored: bytes | memoryview) -> memoryview | None:
    """The payload of ``stored`` when its tag is the one aligner gave it at ``path``, else None."""
    view = memoryview(stored)
    if len(view) < _TRAILER or bytes(view[-_TRAILER:-_TAG_BYTES]) != _MAGIC:
        return None
    payload = view[:-_TRAILER]
    # A plain comparison: the key never leaves this machine, so there is no remote timing to learn from.
    if bytes(view[-_TAG_BYTES:]) != _tag(_name(path), payload):
        return None
    return payload


def tag(name: str, payload: bytes) -> str | None:
    """A hex tag vouching that aligner wrote ``payload`` under ``name`` (None without a key), for
    caches kept line by line (the batch record)."""
    if _key() is None:
        return None
    return _tag(name, payload).hex()


def entry_folder(kind: str) -> Path | None:
    """``folder()/kind`` when both are real folders (made if missing), else None: no cache."""
    from aligner import paths
    from aligner.errors import AlignerError

    try:
        return paths.private_folder(paths.private_folder(folder()) / kind)
    except AlignerError:
        return None


def load(path: Path) -> bytes | None:
    """The payload of the entry at ``path`` when aligner wrote it (authenticated), else None."""
    from aligner import paths

    if not enabled() or entry_folder(path.parent.name) != path.parent:
        return None
    stored = paths.read_private(path)
    if stored is None:
        return None
    payload = unseal(path, stored)
    return None if payload is None else payload.tobytes()


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
    with contextlib.suppress(OSError, ValueError, AttributeError):
        saved, value = load(memo).decode("ascii").split(" ")  # type: ignore[union-attr]
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
    """Write a cache file atomically, with its tag; a folder that cannot be written (or that is
    not a real folder) is skipped in silence."""
    from aligner import atomic
    from aligner.errors import AlignerError

    if not enabled() or entry_folder(path.parent.name) != path.parent:
        return
    with contextlib.suppress(AlignerError, OSError):
        if os.path.islink(path):
            os.unlink(path)  # a link in our own folder is replaced, never written through
        atomic.write_bytes(path, seal(path, data))
        ignore = folder() / ".gitignore"
        if not os.path.lexists(ignore):
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
    data: object = _map(path) if mapped else load(path)
    if data is not None:
        # A damaged entry (any error reading it) is rebuilt, never trusted.
        with contextlib.suppress(Exception):
            return read(data)
    data = build()
    store(path, data)
    return read(data)


def _map(path: Path) -> memoryview | None:
    """A read-only map of the entry's payload when its tag holds, else None."""
    import stat

    if not enabled() or entry_folder(path.parent.name) != path.parent:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        mapped = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError when the file is empty
        return None
    finally:
        os.close(fd)
    # Hashing a map of megabytes at every start costs 10-20 ms: once checked, the file's identity
    # (inode, size, times) is kept in a small tagged entry beside it. Any write to the file or a
    # new file in its place changes its change time or inode, and it is checked in full again.
    identity = f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}".encode()
    proof = path.with_name(path.name + ".checked")
    view = memoryview(mapped)
    if len(view) >= _TRAILER and load(proof) == identity and bytes(view[-_TRAILER:-_TAG_BYTES]) == _MAGIC:
        return view[:-_TRAILER]
    payload = unseal(path, mapped)
    if payload is not None:
        store(proof, identity)
    return payload


def templates() -> object | None:
    """A jinja2 bytecode cache in this folder (keyed by jinja by each template's source checksum)."""
    if not enabled():
        return None
    import jinja2

    class Templates(jinja2.BytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            # Bytecode is code: only an entry aligner wrote and tagged here is ever loaded.
            data = load(path_for("templates", bucket.key, ".jinja"))
            if data is None:
                return
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # a damaged entry is compiled again
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            store(path_for("templates", bucket.key, ".jinja"), bucket.bytecode_to_string())

    return Templates()
