"""Answers of engines, kept under the project's ``.aligner/mt/<engine>/`` by a hash of what decided them.

The key is the engine, its model, the prompt (for LLM engines), the languages, the segment's text,
its terms and whatever of its context the engine receives: a re-run sends nothing that was answered
before, and a changed prompt, model or glossary asks again. Answers cost time or money, so the store
is kept beside the memory's index in the project (not in a shared cache folder) and is never
cleared by the tool: delete the folder to ask again. The key itself is never part of it.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

from aligner import atomic, cache, paths
from aligner.mt.base import Engine, Request

FOLDER = Path(".aligner") / "mt"
MAX_STORED = 1 << 20  # bytes of one stored answer: a translation of one segment never comes near


def key_for(engine: Engine, request: Request, target: str) -> str:
    parts: list[object] = [*engine.identity(), target, request.text, [[s, list(t)] for s, t in request.terms]]
    parts += [getattr(request, name) for name in engine.context_fields]
    return cache.digest(json.dumps(parts, ensure_ascii=False).encode("utf-8"))


class Store:
    def __init__(self, root: Path, engine: Engine) -> None:
        self.top = root / FOLDER
        self.folder = self.top / engine.name

    def _folder(self, key: str, *, create: bool) -> Path | None:
        """The folder of ``key``'s answer, each step of it a real folder of the project (``PathError``
        for a link: one there, ``git add -f`` can commit it, would send answers and documents' text
        anywhere); None when it is missing and ``create`` is false."""
        folder = self.top.parent
        for name in ("", self.top.name, self.folder.name, key[:2]):
            folder = folder / name if name else folder
            if not create and not os.path.lexists(folder):
                return None
            paths.private_folder(folder)
        return folder

    def get(self, key: str) -> str | None:
        # A stored answer is a cache: never a link followed, a FIFO waited on or /dev/zero read.
        folder = self._folder(key, create=False)
        if folder is None:
            return None
        with contextlib.suppress(ValueError, AttributeError):
            stored = paths.read_private(folder / f"{key}.json", limit=MAX_STORED)
            text = json.loads(stored).get("text") if stored is not None else None
            if isinstance(text, str) and text.strip():
                return text
        return None

    def put(self, key: str, text: str) -> None:
        data = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
        folder = self._folder(key, create=True)
        assert folder is not None  # made when missing
        target = folder / f"{key}.json"
        with contextlib.suppress(FileNotFoundError):
            mode = os.lstat(target).st_mode
            if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
                os.unlink(target)  # a link or FIFO planted in the store is replaced, never written through
        atomic.write_bytes(target, data)
        ignore = self.top.parent / ".gitignore"
        if not ignore.exists():
            # .aligner/ ignores itself, also in a repository whose .gitignore does not name it.
            atomic.write_bytes(ignore, b"*\n")
