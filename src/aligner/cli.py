"""The command line: thin Typer commands that parse options, call the library, map errors to exit codes.

Exit codes: 0 clean; 1 a gate failed (coverage, findings); 2 usage or input error.
Data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from aligner import __version__
from aligner.errors import AlignerError

app = typer.Typer(
    name="aligner",
    help=(
        "Translate Chinese official documents sentence by sentence in gettext catalogs, "
        "check the English, and publish aligned bilingual text.\n\n"
        "Typical run on the bundled seed:\n\n"
        "  aligner segment && aligner check && aligner render"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def command(*args: object, **kwargs: object) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command whose expected errors print one line and exit 2 (also under CliRunner)."""

    def decorate(fn: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(fn)
        def wrapper(*a: object, **k: object) -> None:
            try:
                fn(*a, **k)
            except AlignerError as exc:
                _err(f"aligner: error: {exc}")
                raise typer.Exit(exc.exit_code) from None

        app.command(*args, **kwargs)(wrapper)  # type: ignore[arg-type]
        return fn

    return decorate


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aligner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Chinese official documents to aligned bilingual text, through gettext catalogs."""


# ----------------------------------------------------------------------------- segment


@command()
def segment(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(help="Source files or folders (default: the project's seeds/).", show_default=False),
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", "-l", help="Target language of the catalogs; repeat for several (default: en)."),
    ] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Print the segments as JSON Lines on stdout and write nothing.")
    ] = False,
    split_semicolons: Annotated[
        bool,
        typer.Option("--split-semicolons", help="Also end a segment at ；/; (off: semicolons keep clauses together)."),
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Encoding of the sources (default: UTF-8, then GB18030 when UTF-8 fails)."),
    ] = None,
) -> None:
    """Cut Chinese documents into segments and write/sync translations/<doc>.pot and translations/<lang>/<doc>.po.

    Re-running after the source changed keeps every translation: unchanged segments keep theirs,
    changed ones get the closest old translation marked fuzzy, vanished ones become obsolete (#~).

    Examples:

      aligner segment                      # every document in seeds/, catalogs for en

      aligner segment seeds/letter.txt --lang en --lang fr

      aligner segment --jsonl seeds/letter.txt | jq -r .text
    """
    from aligner import pipeline

    project = pipeline.project()
    paths = pipeline.expand_sources(sources or [project.sources])
    if jsonl:
        for line in pipeline.segments_jsonl(paths, project, encoding=encoding, split_semicolons=split_semicolons):
            sys.stdout.write(line + "\n")
        return
    languages = tuple(lang) if lang else project.languages
    for report in pipeline.segment_to_catalogs(
        paths, project, languages=languages, encoding=encoding, split_semicolons=split_semicolons
    ):
        _err(report)


def main() -> None:
    """Console entry point: expected errors become one line on stderr and exit code 2."""
    try:
        app()
    except AlignerError as exc:
        _err(f"aligner: error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("aligner: interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
