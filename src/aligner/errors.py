"""Expected failures. Each carries where it happened so the CLI can print one useful line."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path


class AlignerError(Exception):
    """An error the user can fix: bad input, a missing file, a malformed catalog.

    ``str(error)`` is the single line the CLI prints: ``path:line: what is wrong; what to do``.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        tail = f"; {self.hint}" if self.hint else ""
        return f"{where}{self.message}{tail}"


class SourceError(AlignerError):
    """A source document cannot be read or decoded."""


class CatalogError(AlignerError):
    """A PO/POT file is malformed or cannot be written."""


class ConfigError(AlignerError):
    """The project configuration or a command-line combination is invalid."""


class AlignmentError(AlignerError):
    """Two texts cannot be aligned (empty side, wrong language, wildly unequal sizes)."""


class PathError(AlignerError):
    """A path that aligner will not read or write: outside the project, not a regular file, too large."""


class WriteError(AlignerError):
    """A target that must not be replaced: an input of the command, a catalog, a file changed meanwhile."""


def install_hint(requirement: str, also: str = "") -> str:
    """How to add ``requirement`` to the environment aligner runs in, from any folder.

    A user's own project folder holds no aligner source, so ``pip install -e '.[pdf]'`` cannot
    work there; the interpreter that runs aligner can always install into its own environment.
    """
    command = f"{shlex.quote(sys.executable)} -m pip install {shlex.quote(requirement)}"
    return command + (f" ({also})" if also else "")
