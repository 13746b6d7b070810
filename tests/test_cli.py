"""The command line's edge: every expected operating-system error is one line and exit code 2.

Permission tests use real ``chmod`` on real folders. The tests run as root here, and root ignores
permissions, so the commands run under ``setpriv`` without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH
(the ``as_user`` fixture): the kernel then refuses root exactly as it refuses any other user.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from aligner import cli
from aligner.cli import app
from conftest import ROOT, SEED, SEED_PO

runner = CliRunner()
DOC = SEED.stem


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    yield tmp_path
    for path in [tmp_path, *tmp_path.rglob("*")]:  # let pytest clean up whatever was denied
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)


def run(as_user: list[str], project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [*as_user, sys.executable, "-m", "aligner", *args], cwd=project, env=env, capture_output=True, text=True
    )


def assert_one_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("aligner: error: ")
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("denied", "mode", "args", "words"),
    [
        ("seeds", 0o000, ["segment"], ["seeds", "permission denied"]),
        ("translations", 0o000, ["segment"], ["translations", "permission denied"]),
        ("translations/en", 0o000, ["check"], ["translations/en", "permission denied"]),
        ("translations/en", 0o000, ["check", f"translations/en/{DOC}.po"], [f"{DOC}.po", "permission denied"]),
        ("translations/glossary.tsv", 0o000, ["check"], ["glossary.tsv", "permission denied"]),
        ("pyproject.toml", 0o000, ["check"], ["pyproject.toml", "permission denied"]),
        ("build", 0o555, ["render"], ["build", "ermission denied"]),
    ],
)
def test_a_denied_file_or_folder_is_one_line_and_exit_2(
    as_user: list[str], project: Path, denied: str, mode: int, args: list[str], words: list[str]
) -> None:
    target = project / denied
    if not target.exists():
        target.mkdir()
    target.chmod(mode)
    assert_one_line(run(as_user, project, *args), *words)


def test_os_errors_raised_anywhere_in_a_command_are_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from aligner import checks

    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x.po"))

    monkeypatch.setattr(checks, "check_paths", denied)
    shutil.copy(SEED_PO, tmp_path / "x.po")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"aligner: error: {tmp_path / 'x.po'}: permission denied; check the permissions of the file and of its folders\n"
    )


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "a/b.po"), "a/b.po: no such file or directory"),
        (IsADirectoryError(errno.EISDIR, "Is a directory", "out"), "out: is a directory; give a file, not a folder"),
        (OSError(errno.ENOSPC, "No space left on device", "build/x.html"), "build/x.html: no space left on device"),
        (OSError(errno.EXDEV, "Invalid cross-device link", "a", None, "b"), "a -> b: invalid cross-device link"),
        (OSError("something odd"), "something odd"),
    ],
)
def test_os_error_line_names_the_file_and_what_failed(error: OSError, line: str) -> None:
    assert cli.os_error_line(error).startswith(line)


def test_a_bug_still_surfaces(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from aligner import checks

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a bug, not a user error")

    monkeypatch.setattr(checks, "check_paths", broken)
    shutil.copy(SEED_PO, tmp_path / "x.po")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert isinstance(result.exception, KeyError)


@pytest.mark.parametrize("value", ["150", "-5", "100.5", "nan"])
def test_min_coverage_outside_0_to_100_is_refused(tmp_path: Path, value: str) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "none.po"), "--min-coverage", value])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"aligner: error: --min-coverage {float(value):g} is not a percentage; give a number from 0 to 100\n"
    )


@pytest.mark.parametrize("value", ["0", "100"])
def test_min_coverage_edges_are_accepted(tmp_path: Path, value: str) -> None:
    import checks_seed

    po = checks_seed.write(tmp_path / "en" / "seed.po")
    result = runner.invoke(app, ["check", str(po), "--min-coverage", value])
    assert result.exit_code == (1 if value == "100" else 0), result.output  # the fixture is 99% translated


COMMANDS = ["segment", "check", "score", "render", "align"]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("columns", ["40", "80"])
def test_help_keeps_each_example_on_one_line(monkeypatch: pytest.MonkeyPatch, name: str, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    command = app.registered_commands[[c.name or c.callback.__name__ for c in app.registered_commands].index(name)]
    examples = [
        " ".join(line.split())
        for line in (command.callback.__doc__ or "").split("Examples:")[1].splitlines()
        if line.strip().startswith("aligner ")
    ]
    assert examples
    shown = [" ".join(line.split()) for line in runner.invoke(app, [name, "--help"]).stdout.splitlines()]
    for example in examples:
        assert example in shown, example


@pytest.mark.parametrize("name", COMMANDS)
def test_help_metavars_are_words_not_python_types(name: str) -> None:
    text = runner.invoke(app, [name, "--help"]).stdout
    assert not re.search(r"<\w+(\[\w+\])?>", text.replace("<doc>", "").replace("<lang>", "").replace("<ext>", ""))
    assert not any(word in text for word in ("list[", "<path>", "<str>", "<int>", "<float>"))


def test_segment_jsonl_keeps_the_exact_text_and_no_raw_control(tmp_path: Path) -> None:
    import json

    doc = tmp_path / "doc.txt"
    doc.write_text("会议讨论了很多问题\x1b[2J\u202e，下一步再议\x9b。\n", encoding="utf-8")
    result = runner.invoke(app, ["segment", "--jsonl", str(doc)])
    assert result.exit_code == 0, result.output
    assert not any(c in result.stdout for c in "\x1b\u202e\x9b")
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [
        "会议讨论了很多问题\x1b[2J\u202e，下一步再议\x9b。"
    ]


@pytest.mark.parametrize(
    ("args", "line", "command"),
    [
        (["check", "--min-coverage", "abc"], "Invalid value for '--min-coverage'", "aligner check"),
        (["check", "--bogus"], "No such option: --bogus", "aligner check"),
        (["align", "zh.txt"], "Missing argument 'EN'", "aligner align"),
        (["score"], "Missing argument 'HYPOTHESIS'", "aligner score"),
        (["chek"], "No such command 'chek'", "aligner"),
        (["--bogus"], "No such option: --bogus", "aligner"),
        (["tm", "--bogus"], "No such option: --bogus", "aligner tm"),
        (["tm", "stat"], "No such command 'stat'", "aligner tm"),
        (["tm", "stats", "--bogus"], "No such option: --bogus", "aligner tm stats"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], line: str, command: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"aligner: error: {line}")
    assert result.stderr.endswith(f"; see `{command} --help`\n") and result.stderr.count("\n") == 1


def test_a_usage_error_of_the_installed_command_is_one_line() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "aligner", "--bogus"], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "aligner: error: No such option: --bogus; see `aligner --help`\n"


ALL_COMMANDS = [
    *sorted(c.name or typer.main.get_command_name(c.callback.__name__) for c in app.registered_commands),  # type: ignore[union-attr]
    "tm",
]


@pytest.mark.parametrize("name", ALL_COMMANDS)
def test_the_entry_point_converts_only_the_named_command_and_behaves_alike(name: str) -> None:
    only = cli.app_for([name, "--help"])
    assert only is not app
    assert len(only.registered_commands) + len(only.registered_groups) == 1
    for args in ([name, "--help"], [name, "--no-such-option"]):
        whole, single = runner.invoke(app, args), runner.invoke(only, args)
        assert (single.exit_code, single.stdout, single.stderr) == (whole.exit_code, whole.stdout, whole.stderr)


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["chek"], ["-h", "check"]])
def test_options_and_unknown_names_get_the_whole_app(args: list[str]) -> None:
    assert cli.app_for(args) is app


@pytest.mark.parametrize(
    ("words", "cword", "offered"),
    [("aligner ch", 1, ["check"]), ("aligner check --f", 2, ["--format", "--fail-on"]), ("aligner tm s", 2, ["stats", "search"])],
)  # fmt: skip
def test_shell_completion_offers_commands_and_options(words: str, cword: int, offered: list[str]) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "_ALIGNER_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv[0] = 'aligner'; from aligner.cli import main; main()"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert set(offered) <= set(done.stdout.split())


def test_the_completion_script_is_shown_for_a_shell() -> None:
    result = runner.invoke(app, ["--show-completion", "bash"])
    assert result.exit_code == 0 and "_aligner_completion" in result.stdout and "complete " in result.stdout


@pytest.mark.parametrize("args", [[], ["tm"]])
def test_a_group_without_a_command_shows_its_help(args: list[str]) -> None:
    result = runner.invoke(app, args)
    shown = result.stdout + result.stderr
    assert shown.startswith("Usage: aligner") and "Commands:" in shown and "aligner: error" not in shown


@pytest.mark.parametrize(
    "args",
    [
        ["check", "bad\nname.po"],
        ["score", "bad\nname.txt", "--ref", "other\rname.txt"],
        ["align", "evil\nzh.txt", "en.txt"],
    ],
)
def test_a_newline_in_a_file_name_does_not_split_the_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "\r" not in result.output, repr(result.output)
    assert result.output.startswith("aligner: error: ") and "\\n" in result.output  # the name, escaped
