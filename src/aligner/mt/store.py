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
from pathlib import Path

from aligner import atomic, cache
from aligner.mt.base import Engine, Request

FOLDER = Path(".aligner") / "mt"


def key_for(engine: Engine, request: Request, target: str) -> str:
    parts: list[object] = [*engine.identity(), target, request.text, [[s, list(t)] for s, t in request.terms]]
    parts += [getattr(request, name) for name in engine.context_fields]
    return cache.digest(json.dumps(parts, ensure_ascii=False).encode("utf-8"))


class Store:
    def __init__(self, root: Path, engine: Engine) -> None:
        self.top = root / FOLDER
        self.folder = self.top / engine.name

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            text = json.loads(self._path(key).read_bytes()).get("text")
            if isinstance(text, str) and text.strip():
                return text
        return None

    def put(self, key: str, text: str) -> None:
        data = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
        atomic.write_bytes(self._path(key), data)
        ignore = self.top.parent / ".gitignore"
        if not ignore.exists():
            # .aligner/ ignores itself, also in a repository whose .gitignore does not name it.
            atomic.write_bytes(ignore, b"*\n")
