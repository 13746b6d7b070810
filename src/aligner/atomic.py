"""The one place that writes files: a temporary file in the same folder, then ``os.replace``.

``write_bytes`` refuses, with one line and nothing written:

- a target that is not a regular file (a device, a FIFO, a folder, anything under /dev, /proc, /sys);
- a target that is an input of the running command (``render doc.po -o doc.po``, ``-o`` the source),
  unless the data is a catalog meant to replace the one read (``catalog=True``: sync, fill) or the
  file read completed (``update=True``: ``init`` adding its table to a ``pyproject.toml``);
- a translation catalog (``.po``/``.pot``) replaced by another format (``align -f tmx -o x.po``),
  unless the call says ``catalog=True`` or the command allowed it (``allow_replace``, ``--overwrite``);
- a target that changed since it was read (size, mtime and SHA-256 compared just before the
  rename, against ``expect`` or what the command's session read), such as a catalog a translator
  saved while ``segment`` ran.

Temporary files carry the writer's pid (``.<name>.<random>.<pid>.aligner-tmp``); the next write in
a folder removes those whose process is gone, so a kill leaves nothing behind for long. ``lock``
serialises commands that read then write the project (``segment``), through ``fcntl`` on
``.aligner/lock``.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from aligner import paths
from aligner.errors import AlignerError, WriteError
from aligner.paths import Stamp

ABSENT = Stamp(-1, -1, "")  # ``expect=ABSENT``: the target did not exist when the command looked
TEMP_SUFFIX = ".aligner-tmp"
CATALOG_SUFFIXES = (".po", ".pot")
_STALE_SECONDS = 3600.0  # a temporary file this old is stale even if its pid was reused
_ALLOWED: ContextVar[frozenset[str]] = ContextVar("aligner_allowed", default=frozenset())


@contextmanager
def session() -> Iterator[None]:
    """One command: files read inside it are its inputs, which ``write_bytes`` will not replace."""
    token = _ALLOWED.set(frozenset())
    try:
        with paths.track_inputs():
            yield
    finally:
        _ALLOWED.reset(token)


@contextmanager
def allow_replace(path: str | Path) -> Iterator[None]:
    """Within this block, ``path`` may be replaced even if it is a catalog (``--overwrite``)."""
    token = _ALLOWED.set(_ALLOWED.get() | {_key(path)})
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def check_target(path: str | Path, *, catalog: bool = False, update: bool = False) -> None:
    """Raise ``WriteError`` if ``write_bytes(path, ...)`` would refuse ``path``; touch nothing.

    Commands call it before long work so a bad ``-o`` fails fast.
    """
    target = Path(path)
    shown = str(path)
    if paths.is_special(target.parent) or paths.is_special(target):
        raise WriteError("refused as an output: under /dev, /proc or /sys", path=shown, hint="write to a plain file")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}", path=shown) from None
    if stat.S_ISDIR(info.st_mode):
        raise WriteError("is a folder; refused as an output file", path=shown, hint="give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(
            "not a regular file; refused as an output (it would be replaced by a plain file)",
            path=shown,
            hint="write to a plain file",
        )
    if not (catalog or update) and paths.is_input(target):
        raise WriteError(
            "is an input of this command; writing it would replace what was read", path=shown, hint="give another -o"
        )
    if not catalog and target.suffix in CATALOG_SUFFIXES and _key(target) not in _ALLOWED.get():
        raise WriteError(
            "is a translation catalog; this output would replace it and its translations",
            path=shown,
            hint="give another -o (or --overwrite where the command has it)",
        )


def refuse_inputs(path: str | Path, *inputs: str | Path) -> None:
    """``WriteError`` when ``path`` is (any name of) one of ``inputs``: ``-o`` the file read."""
    for name in inputs:
        try:
            same = os.path.samefile(path, name)
        except OSError:
            continue
        if same:
            raise WriteError(
                f"is an input of this command ({name}); writing it would replace what was read",
                path=str(path),
                hint="give another -o",
            )


def write_bytes(
    path: str | Path, data: bytes, *, catalog: bool = False, expect: Stamp | None = None, update: bool = False
) -> bool:
    """Write ``data`` to ``path`` atomically; the refusals are in the module docstring.

    ``catalog``: the data is a catalog (may replace one, the one it was read from too). ``expect``:
    the ``Stamp`` of the target as the caller read it (or ``ABSENT``); by default, what the current
    ``session`` read at this path. The write fails, leaving the file as it is, if the target is no
    longer exactly that. Returns False (and touches nothing) when the file already holds
    these bytes, so re-running a command changes no byte and no mtime. ``update``: the data is the
    file the command read, completed (it may replace that input, still only if unchanged since).
    """
    target = Path(path)
    check_target(target, catalog=catalog, update=update)
    if expect is None:
        expect = paths.read_stamp(target)
    try:
        if expect is not None:
            _check_unchanged(target, expect)
        if target.is_file() and target.stat().st_size == len(data) and _holds(target, data):
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(target.parent)
        import tempfile  # here: a command that writes nothing does not load it (and random) at start

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".{os.getpid()}{TEMP_SUFFIX}", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if target.exists():
                os.chmod(tmp, target.stat().st_mode & 0o7777)
            else:
                os.chmod(tmp, 0o644)
            if expect is not None:
                _check_unchanged(target, expect)  # as late as possible: an editor may have saved meanwhile
            os.replace(tmp, target)
            paths.note_written(target, data)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except AlignerError:
        raise
    except OSError as exc:
        raise WriteError(
            f"cannot write file: {exc.strerror or exc}", path=target, hint="check the folder exists and is writable"
        ) from exc
    return True


def write_text(
    path: str | Path, text: str, *, catalog: bool = False, expect: Stamp | None = None, update: bool = False
) -> bool:
    """Write UTF-8 text atomically; see ``write_bytes``."""
    return write_bytes(path, text.encode("utf-8"), catalog=catalog, expect=expect, update=update)


def _holds(target: Path, data: bytes) -> bool:
    with open(target, "rb") as handle:
        return handle.read(len(data) + 1) == data


def _check_unchanged(target: Path, expect: Stamp) -> None:
    now = paths.stamp(target)
    if expect == ABSENT:
        if now is None and not target.exists():
            return
    elif now == expect:
        return
    raise WriteError(
        "changed since aligner read it (saved by an editor meanwhile?); nothing written",
        path=target,
        hint="run the command again: it will start from the saved file",
    )


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files a killed writer left in ``folder``; the number removed."""
    removed = 0
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return 0
    now = time.time()
    for name in names:
        path = folder / name
        pid_text = name[: -len(TEMP_SUFFIX)].rsplit(".", 1)[-1]
        try:
            age = now - path.lstat().st_mtime
        except OSError:
            continue
        if pid_text.isdigit() and _alive(int(pid_text)) and age < _STALE_SECONDS:
            continue
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def lock(root: Path, *, timeout: float = 60.0) -> Iterator[None]:
    """Hold ``root/.aligner/lock`` (``fcntl.flock``) so two runs do not read and write at once.

    Waits up to ``timeout`` seconds for another run to finish, then raises ``WriteError``.
    """
    import fcntl

    folder = root / ".aligner"
    try:
        # A real folder of the project, and a lock file that is no link: else the lock lands outside it.
        paths.private_folder(folder)
        fd = os.open(folder / "lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o644)
    except AlignerError as exc:
        raise WriteError(f"cannot take the project lock: {exc.message}", path=exc.path, hint=exc.hint) from None
    except OSError as exc:
        raise WriteError(f"cannot take the project lock: {exc.strerror or exc}", path=folder / "lock") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise WriteError(f"cannot take the project lock: {exc.strerror}", path=folder / "lock") from None
                if time.monotonic() > deadline:
                    raise WriteError(
                        "another aligner run is writing this project", path=folder / "lock", hint="wait and run again"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _key(path: str | Path) -> str:
    return os.path.abspath(path)
