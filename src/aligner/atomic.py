"""Atomic file writes: a temporary file in the same folder, then ``os.replace``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from aligner.errors import AlignerError


def write_bytes(path: str | Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically. Returns False (and touches nothing) when the file
    already holds exactly these bytes, so re-running a command changes no byte and no mtime."""
    target = Path(path)
    try:
        if target.is_file() and target.read_bytes() == data:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if target.exists():
                os.chmod(tmp, target.stat().st_mode & 0o7777)
            else:
                os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise AlignerError(
            f"cannot write file: {exc.strerror or exc}", path=target, hint="check the folder exists and is writable"
        ) from exc
    return True


def write_text(path: str | Path, text: str) -> bool:
    """Write UTF-8 text with LF line ends atomically; see ``write_bytes``."""
    return write_bytes(path, text.encode("utf-8"))
