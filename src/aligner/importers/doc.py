"""Word 97-2003 (.doc), WPS and RTF files: converted to .docx by LibreOffice in headless mode, then
read by the .docx importer.

The conversion runs in a temporary folder with its own LibreOffice profile (so it neither needs
nor disturbs a running LibreOffice) and a time limit. Without LibreOffice the file is refused with
one line that says what to install.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from aligner.errors import SourceError
from aligner.importers import docx as docx_importer
from aligner.model import Document

TIMEOUT = 180  # seconds; a large .doc converts in a few


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(raw: bytes, *, path: str, suffix: str = ".doc") -> bytes:
    """The .docx bytes LibreOffice makes of ``raw``."""
    program = soffice()
    if program is None:
        raise SourceError(
            "reading .doc/.wps files needs LibreOffice, which is not installed",
            path=path,
            hint="install it (Debian: apt-get install libreoffice-writer-nogui) or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="aligner-doc-") as tmp:
        folder = Path(tmp)
        source = folder / f"source{suffix}"
        source.write_bytes(raw)
        profile = (folder / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        env = {**os.environ, "HOME": tmp}
        try:
            returncode, stderr = run_group(command, env=env, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SourceError(
                f"LibreOffice did not convert the file within {TIMEOUT} s", path=path, hint="save it as .docx"
            ) from None
        except OSError as exc:
            raise SourceError(f"cannot run LibreOffice: {exc.strerror}", path=path) from None
        result = folder / "out" / "source.docx"
        if returncode != 0 or not result.is_file():
            detail = stderr.decode("utf-8", "replace").strip().splitlines()
            tail = f" ({detail[-1]})" if detail else ""
            raise SourceError(f"LibreOffice could not convert the file{tail}", path=path, hint="save it as .docx")
        return result.read_bytes()


def run_group(command: list[str], *, env: dict[str, str], timeout: float) -> tuple[int, bytes]:
    """Run ``command`` in a process group of its own and end the whole group when it is done or its
    time is up: the ``soffice`` launcher starts ``soffice.bin``, which would convert on alone."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process.pid)
        process.communicate()
        raise
    finally:
        _kill_group(process.pid)  # whatever the launcher left behind
    return process.returncode, stderr


def _kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group has ended
        os.killpg(group, signal.SIGKILL)


def load(raw: bytes, *, doc_id: str, path: str, encoding: str | None = None) -> Document:
    """The Document of a .doc/.wps/.rtf file, through LibreOffice and the .docx importer."""
    suffix = ".rtf" if raw.startswith(b"{\\rtf") else ".doc"
    document = docx_importer.load(convert(raw, path=path, suffix=suffix), doc_id=doc_id, path=path)
    return Document(
        doc_id=document.doc_id,
        path=document.path,
        text=document.text,
        encoding="doc",
        paragraphs=document.paragraphs,
        metadata=document.metadata,
    )
