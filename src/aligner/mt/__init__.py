"""Machine translation after the memory: the user's engine pre-fills what the memory could not.

Nothing leaves the machine unless ``--mt`` (or ``engine`` in ``[tool.aligner.mt]``) names an engine.
Every fill is fuzzy, with a ``#.`` comment naming the engine and model; figures are checked at once.

- ``base``: the request, the error, HTTP with timeouts, retries, a rate limit
- ``openai``, ``libretranslate``, ``deepl``, ``command``: one module per engine
- ``store``: answers kept under ``.aligner/mt/`` by engine, model, prompt and text
- ``fill``: untranslated entries of catalogs sent, answers checked and filled
- ``prompt.txt``: the prompt of LLM engines (a project may give its own)

Settings, from ``[tool.aligner.mt]`` of ``pyproject.toml`` under the command's options::

    [tool.aligner.mt]
    engine = "openai"            # openai, libretranslate, deepl, or "command:PROGRAM ARGS"
    url = "http://127.0.0.1:8080/v1"
    model = "qwen2.5-7b-instruct"
    timeout = 60                 # seconds per request
    retries = 3                  # of a request answered 429 or 5xx
    rate = 5                     # requests per second at most (0: no limit)
    batch = 25                   # segments per request where the API takes lists
    parallel = 1                 # requests at once (a vLLM server batches them)
    source = "zh"                # the engine's code for Chinese
    target = "EN-GB"             # the engine's code for the catalog's language
    prompt = "translations/prompt.txt"

Keys come from the environment only: ``ALIGNER_MT_KEY``, else the engine's usual variable
(``OPENAI_API_KEY``, ``DEEPL_AUTH_KEY``, ``LT_API_KEY``). A key in the table is refused.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from aligner.errors import ConfigError

if TYPE_CHECKING:
    from aligner.config import Project
    from aligner.mt.base import Engine, Settings

ENGINES = ("openai", "libretranslate", "deepl")
COMMAND = "command:"
KEY_VARIABLE = "ALIGNER_MT_KEY"
KEY_VARIABLES = {"openai": "OPENAI_API_KEY", "deepl": "DEEPL_AUTH_KEY", "libretranslate": "LT_API_KEY"}
_NUMBERS = {"timeout": (float, 0.001), "retries": (int, 0), "rate": (float, 0), "batch": (int, 0), "parallel": (int, 1)}
_TEXTS = ("engine", "url", "model", "source", "target", "prompt")


def _table(project: Project) -> dict[str, object]:
    table = project.settings.get("mt", {})
    where = str(project.root / "pyproject.toml")
    if not isinstance(table, dict):
        raise ConfigError("[tool.aligner.mt] must be a table", path=where)
    for name in table:
        if "key" in name.lower() or "token" in name.lower() or "secret" in name.lower():
            raise ConfigError(
                f"[tool.aligner.mt] must not hold {name}: keys are never written in a file",
                path=where,
                hint=f"remove it and set {KEY_VARIABLE} in the environment",
            )
        if name not in _NUMBERS and name not in _TEXTS:
            raise ConfigError(f"unknown setting {name!r} in [tool.aligner.mt]", path=where)
    return table


def settings(
    project: Project, engine: str | None = None, url: str | None = None, model: str | None = None
) -> Settings | None:
    """The engine's settings, or None when no engine is named (and then nothing is ever sent)."""
    from aligner.mt.base import Settings, check_url

    table = _table(project)
    where = str(project.root / "pyproject.toml")
    if engine == "none":  # the memory alone, whatever the table says
        if url or model:
            raise ConfigError("--mt-url and --mt-model need --mt ENGINE", hint="e.g. --mt openai --mt-model NAME")
        return None
    configured = table.get("engine")
    name = engine or (str(configured) if configured else "")
    if not name:
        if url or model:
            raise ConfigError("--mt-url and --mt-model need --mt ENGINE", hint="e.g. --mt openai --mt-model NAME")
        return None
    if name not in ENGINES and not name.startswith(COMMAND):
        raise ConfigError(
            f"unknown engine {name!r}", hint="use openai, libretranslate, deepl or 'command:PROGRAM ARGS'"
        )
    # The table's address and model are those of its engine: another engine on the command line
    # does not inherit them.
    own = not engine or engine == configured
    values: dict[str, object] = {}
    for field, (kind, lowest) in _NUMBERS.items():
        if field in table:
            value = table[field]
            if isinstance(value, bool) or not isinstance(value, int | float) or value < lowest:
                raise ConfigError(f"[tool.aligner.mt] {field} must be a number of at least {lowest}", path=where)
            values[field] = kind(value)
    for field in ("source", "target"):
        if field in table:
            values[field] = str(table[field])
    chosen_url = url or (str(table["url"]) if own and table.get("url") else "")
    chosen_model = model or (str(table["model"]) if own and table.get("model") else "")
    if chosen_url:
        chosen_url = check_url(chosen_url)
    if name == "openai" and not chosen_model:
        raise ConfigError("openai needs a model", hint="give --mt-model NAME (as the server lists it at /v1/models)")
    prompt = _prompt(project, table, where)
    key = os.environ.get(KEY_VARIABLE) or os.environ.get(KEY_VARIABLES.get(name, ""), "") or ""
    return Settings(
        engine=name,
        url=chosen_url,
        model=chosen_model,
        prompt=prompt,
        key=key.strip(),
        **values,  # type: ignore[arg-type]
    )


def _prompt(project: Project, table: dict[str, object], where: str) -> str:
    from aligner import paths

    given = table.get("prompt")
    if given:
        path = paths.inside(project.root, str(given), what="[tool.aligner.mt] prompt", where=where)
        try:
            return paths.read_bytes(path, what="prompt", shown=str(given)).decode("utf-8")
        except UnicodeDecodeError:
            raise ConfigError("the prompt is not UTF-8", path=str(given)) from None
    from importlib.resources import files

    return files(__package__).joinpath("prompt.txt").read_text(encoding="utf-8")


def open_engine(chosen: Settings) -> Engine:
    """The engine the settings name (nothing is sent yet)."""
    if chosen.engine.startswith(COMMAND):
        from aligner.mt.command import Command

        return Command(chosen)
    if chosen.engine == "openai":
        from aligner.mt.openai import OpenAI

        return OpenAI(chosen)
    if chosen.engine == "deepl":
        from aligner.mt.deepl import DeepL

        return DeepL(chosen)
    from aligner.mt.libretranslate import LibreTranslate

    return LibreTranslate(chosen)
