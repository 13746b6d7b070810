"""What aligner may read: every path a file names, resolved against the project and checked.

Two kinds of names reach this module:

- names found *inside* files (a catalog's ``#:`` references, a header's ``Language``, a glossary or
  memory path in ``pyproject.toml``): ``inside`` accepts them only as relative paths that stay in
  the project once symlinks are resolved (no absolute path, no ``..``, no NUL);
- names given on the command line: the user chose them, so they may lie anywhere, but ``read_bytes``
  still accepts only regular files (never a FIFO, a device, a folder, ``/proc`` or ``/sys``) and
  never more than ``MAX_BYTES``.

``read_bytes`` returns the bytes and a ``Stamp`` (size, mtime, hash) of exactly what was read, so
``atomic.write_bytes`` can tell whether the file changed before replacing it. Each file read is
also noted as an input of the running command (see ``track_inputs``), so no command overwrites
what it read unless it means to.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path, PurePosixPath

from aligner import lazyre
from aligner.errors import AlignerError, PathError
from aligner.records import Record

MAX_BYTES = 64 * 1024 * 1024  # no Chinese document or catalog comes near; /dev/zero would never end
_SPECIAL_ROOTS = ("/proc", "/sys", "/dev")
_LANGUAGE = lazyre.compile(
    r"^[A-Za-z]{2,3}"  # ISO 639 language
    r"(?:[_-][A-Za-z]{4})?"  # script (zh_Hans, sr-Latn)
    r"(?:[_-](?:[A-Za-z]{2}|[0-9]{3}))?"  # region (pt_BR, es-419)
    r"(?:@[A-Za-z0-9]{1,16})?$"  # modifier (sr@latin)
)


@dataclass(frozen=True, repr=False, eq=False)
class Stamp(Record):
    """A file as it was read: size, modification time (ns) and SHA-256 of its bytes."""

    size: int
    mtime_ns: int
    digest: str


def digest(data: bytes) -> str:
    return sha256(data).hexdigest()


def inside(root: Path, name: str, *, what: str = "file", where: str | None = None, line: int | None = None) -> Path:
    """``name`` (as written in a file) resolved under ``root``, or ``PathError``.

    Refused: an empty name, NUL, an absolute path, any ``..`` component, and a name whose
    resolved path (symlinks followed) leaves ``root``. ``where``/``line`` say which file named it.
    The path returned is resolved; it may not exist.
    """
    shown = where or "?"
    if not name or "\x00" in name:
        raise PathError(f"empty or invalid {what} name", path=shown, line=line)
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", name):
        raise PathError(
            f"{what} {name!r} is an absolute path",
            path=shown,
            line=line,
            hint="names in files are relative to the project: copy the file into it (a source into seeds/)",
        )
    if ".." in pure.parts:
        raise PathError(f"{what} {name!r} leaves the project (..)", path=shown, line=line, hint="name files inside it")
    base = root.resolve()
    resolved = (base / pure).resolve()
    if not resolved.is_relative_to(base):
        raise PathError(
            f"{what} {name!r} resolves outside the project ({resolved})",
            path=shown,
            line=line,
            hint="a symlink may point out of it; aligner reads only files inside the project",
        )
    return resolved


def within(folder: Path, path: Path, *, what: str = "file") -> Path:
    """``path``, found by walking ``folder``, when it resolves inside ``folder``; else ``PathError``.

    Naming a folder on the command line names what it holds, not what its links point to: a
    symbolic link there (``git add -f`` can commit one) would bring in a file from anywhere."""
    base = folder.resolve()
    resolved = path.resolve()
    if not resolved.is_relative_to(base):
        raise PathError(
            f"{what} found in {folder} resolves outside that folder ({resolved})",
            path=str(path),
            hint="a symlink may point out of it; name the file itself on the command line to read it",
        )
    return resolved


def is_special(path: Path) -> bool:
    """Whether ``path`` (resolved) lies under /proc, /sys or /dev, where files are not files."""
    text = path.resolve().as_posix()
    return any(text == top or text.startswith(top + "/") for top in _SPECIAL_ROOTS)


def regular(path: str | Path, *, what: str = "file", shown: str | None = None) -> os.stat_result:
    """``stat`` of ``path`` when it is a regular file (symlinks followed), else ``PathError``.

    Checked before any open, so a FIFO or a device is refused without blocking on it.
    """
    p = Path(path)
    name = shown or str(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise PathError(f"no such {what}", path=name, hint="check the path") from None
    except PermissionError:
        raise PathError(f"permission denied reading this {what}", path=name, hint="check its permissions") from None
    except OSError as exc:
        raise PathError(f"cannot read this {what}: {exc.strerror or exc}", path=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise PathError(f"is a folder, not a {what}", path=name, hint=f"give a {what}, not a folder")
    if not stat.S_ISREG(info.st_mode) or is_special(p):
        raise PathError(
            f"not a regular file ({_kind(info.st_mode)}), refused as a {what}",
            path=name,
            hint="give a plain file; devices, FIFOs, sockets and /proc files are never read",
        )
    return info


def readable(path: str | Path, *, what: str = "file", shown: str | None = None, limit: int | None = None) -> None:
    """``PathError`` unless ``read`` would accept ``path`` (a regular file within the size limit);
    for callers that read a file themselves, to check it first without reading it."""
    name = shown or str(path)
    info = regular(path, what=what, shown=name)
    cap = MAX_BYTES if limit is None else limit
    if info.st_size > cap:
        raise _too_big(what, name, info.st_size, cap)


def read_bytes(path: str | Path, *, what: str = "file", shown: str | None = None, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (default ``MAX_BYTES``); see ``read``."""
    return read(path, what=what, shown=shown, limit=limit)[0]


def read(
    path: str | Path, *, what: str = "file", shown: str | None = None, limit: int | None = None
) -> tuple[bytes, Stamp]:
    """The bytes of a regular file and the ``Stamp`` of what was read; ``PathError`` otherwise.

    Never blocks (the file is stat'ed first, then opened with O_NONBLOCK and stat'ed again on the
    descriptor), never reads past ``limit`` (default ``MAX_BYTES``) even if the file grows.
    """
    cap = MAX_BYTES if limit is None else limit
    name = shown or str(path)
    regular(path, what=what, shown=name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise PathError(f"permission denied reading this {what}", path=name, hint="check its permissions") from None
    except OSError as exc:
        raise PathError(f"cannot read this {what}: {exc.strerror or exc}", path=name) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped between the stat and the open
            raise PathError(f"not a regular file ({_kind(info.st_mode)}), refused as a {what}", path=name)
        if info.st_size > cap:
            raise _too_big(what, name, info.st_size, cap)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:
                raise _too_big(what, name, total, cap)
        data = b"".join(chunks)
    except OSError as exc:
        raise PathError(f"cannot read this {what}: {exc.strerror or exc}", path=name) from None
    finally:
        os.close(fd)
    result = Stamp(len(data), info.st_mtime_ns, digest(data))
    _note_input(path, info, result)
    return data, result


def stamp(path: str | Path) -> Stamp | None:
    """The current ``Stamp`` of a regular file, or None when there is none (missing, not regular)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    return Stamp(len(data), info.st_mtime_ns, digest(data))


def private_folder(folder: Path, *, create: bool = True) -> Path:
    """``folder`` (a cache folder such as ``.aligner/`` or one inside it) when it is a real folder,
    created if missing; ``PathError`` when it, or the name it is reached by, is a symbolic link or
    something else than a folder. A link there (``git add -f`` can commit one) would send the cache's
    reads and writes, the lock and the batch records, wherever it points."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            raise PathError("no such cache folder", path=str(folder)) from None
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            if os.path.islink(folder.parent):
                raise PathError("is a symbolic link; refused as a cache folder", path=str(folder.parent))
            os.mkdir(folder, 0o755)
        except FileExistsError:
            pass
        except OSError as exc:
            raise PathError(f"cannot create the cache folder: {exc.strerror or exc}", path=str(folder)) from None
        info = os.lstat(folder)
    except OSError as exc:
        raise PathError(f"cannot use the cache folder: {exc.strerror or exc}", path=str(folder)) from None
    if stat.S_ISLNK(info.st_mode):
        raise PathError(
            "is a symbolic link; refused as a cache folder",
            path=str(folder),
            hint="delete the link (aligner rebuilds what it kept there)",
        )
    if not stat.S_ISDIR(info.st_mode):
        raise PathError("is not a folder; refused as a cache folder", path=str(folder), hint="delete it")
    return folder


def read_private(path: Path, *, limit: int | None = None) -> bytes | None:
    """The bytes of a cache file, or None when it is missing, a symbolic link (never followed), not
    a regular file or larger than ``limit``. Not noted as an input: a cache is not the user's file."""
    cap = MAX_BYTES if limit is None else limit
    flags = os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > cap:
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return None if total > cap else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def language_tag(value: str, *, where: str | None = None, line: int | None = None) -> str:
    """``value`` when it is a language tag (en, pt_BR, zh-Hans, sr@latin), else ``PathError``.

    A catalog's Language decides an output path (build/<lang>/...), so nothing else may pass.
    """
    if not _LANGUAGE.match(value):
        raise PathError(
            f"not a language code: {value[:40]!r}",
            path=where,
            line=line,
            hint="give an ISO 639 code such as en, fr or pt_BR",
        )
    return value


def is_language_tag(value: str) -> bool:
    return bool(_LANGUAGE.match(value))


def _too_big(what: str, name: str, size: int, cap: int) -> AlignerError:
    return PathError(
        f"{what} too large ({size:,} bytes; the limit is {cap:,})",
        path=name,
        hint="split it, or check that this is the file you meant",
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


# --------------------------------------------------------------------------- a command's inputs


@dataclass(repr=False)
class _Inputs(Record):
    files: set[tuple[int, int]]  # (device, inode): any name of a file read
    stamps: dict[str, Stamp]  # absolute path -> what was read there


_INPUTS: ContextVar[_Inputs | None] = ContextVar("aligner_inputs", default=None)


@contextmanager
def track_inputs() -> Iterator[None]:
    """Within this block, every file ``read`` is noted as an input of the command, with its
    ``Stamp``. Nested blocks share the outer one's record."""
    if _INPUTS.get() is not None:
        yield
        return
    token = _INPUTS.set(_Inputs(set(), {}))
    try:
        yield
    finally:
        _INPUTS.reset(token)


def is_input(path: str | Path) -> bool:
    """Whether ``path`` (any name of it: symlink, hard link) was read in the current ``track_inputs``."""
    seen = _INPUTS.get()
    if seen is None:
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) in seen.files


def read_stamp(path: str | Path) -> Stamp | None:
    """The ``Stamp`` of the file last read at ``path`` in the current ``track_inputs``, if any."""
    seen = _INPUTS.get()
    return None if seen is None else seen.stamps.get(os.path.abspath(path))


def _note_input(path: str | Path, info: os.stat_result, read: Stamp) -> None:
    seen = _INPUTS.get()
    if seen is not None:
        seen.files.add((info.st_dev, info.st_ino))
        seen.stamps[os.path.abspath(path)] = read


def note_written(path: str | Path, data: bytes) -> None:
    """After a write: what the session knows of ``path`` is now ``data`` (a later write checks that)."""
    seen = _INPUTS.get()
    key = os.path.abspath(path)
    if seen is not None and key in seen.stamps:
        try:
            info = os.stat(path)
        except OSError:
            return
        seen.stamps[key] = Stamp(len(data), info.st_mtime_ns, digest(data))
        seen.files.add((info.st_dev, info.st_ino))


def shown(path: Path, root: Path) -> str:
    """How references name ``path``: relative to the project root, with ``../`` when outside it,
    never an absolute path of this machine."""
    resolved, base = path.resolve(), root.resolve()
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        pass
    try:
        return Path(os.path.relpath(resolved, base)).as_posix()
    except ValueError:  # another drive: nothing relative exists
        return path.name
