"""The README and the manual in docs/ stay true to the command line: every option a command's
--help lists is in its page, links lead somewhere, the set-up commands and the walk-through work."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from aligner import catalog
from aligner.cli import app
from tests.conftest import ROOT

runner = CliRunner()
DOCS = ROOT / "docs"
README = ROOT / "README.md"
# Pages that come with commands of their own; until those commands land, their pages may be missing.
PAGES_OF_THEIR_OWN = {"compare": "compare.md", "terms": "terms.md", "export": "exchange.md", "merge": "exchange.md",
                      "init": "init.md", "mt": "mt.md"}  # fmt: skip
OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")


def _commands() -> list[tuple[list[str], str]]:
    """Every command as its argv prefix, with the page that documents it."""
    found: list[tuple[list[str], str]] = []
    for command in app.registered_commands:
        name = command.name or typer.main.get_command_name(command.callback.__name__)  # type: ignore[union-attr]
        found.append(([name], PAGES_OF_THEIR_OWN.get(name, f"{name}.md")))
    for group in app.registered_groups:
        group_name = group.name or group.typer_instance.info.name  # type: ignore[union-attr]
        for command in group.typer_instance.registered_commands:  # type: ignore[union-attr]
            name = command.name or typer.main.get_command_name(command.callback.__name__)  # type: ignore[union-attr]
            found.append(([group_name, name], f"{group_name}.md"))  # type: ignore[list-item]
    return found


def _options(args: list[str]) -> list[str]:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    section = result.stdout.split("\nOptions:\n", 1)[1]
    listed = [OPTION.findall(line.split("  ")[1] if line.startswith("  ") else "") for line in section.splitlines()]
    return sorted({option for found in listed for option in found} - {"-h", "--help"})


@pytest.mark.parametrize(("args", "page"), _commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_every_option_of_help_is_in_the_commands_page(args: list[str], page: str) -> None:
    path = DOCS / page
    if not path.is_file():
        pytest.fail(f"`aligner {' '.join(args)}` has no manual page: write docs/{page}")
    text = path.read_text(encoding="utf-8")
    options = _options(args)
    missing = [option for option in options if not re.search(rf"`{re.escape(option)}[` ]", text)]
    assert not missing, f"docs/{page} does not name {missing}"


def test_the_option_reader_sees_every_option() -> None:
    assert _options(["render"]) == ["--draft", "--format", "--jobs", "--min-coverage", "--output", "--publish", "--quiet", "-f", "-j", "-o", "-q"]  # fmt: skip


def _links(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [link for link in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in link and not link.startswith("#")]


@pytest.mark.parametrize("path", [README, *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_links_lead_to_files(path: Path) -> None:
    for link in _links(path):
        target = (path.parent / link.split("#")[0]).resolve()
        if not target.exists() and target.name in PAGES_OF_THEIR_OWN.values():
            continue  # written with its command
        assert target.exists(), f"{path.name}: {link}"


def test_the_readme_links_every_command_page_and_names_every_command() -> None:
    text = README.read_text(encoding="utf-8")
    for args, page in _commands():
        assert f"`aligner {args[0]}" in text, args
        assert f"docs/{page}" in text, page
    for name in ("compare", "terms", "export", "merge", "init"):
        assert f"`aligner {name}" in text


def test_the_set_up_commands_are_the_two_of_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/aligner segment && "
        ".venv/bin/aligner check && .venv/bin/aligner render\n"
    ) in text
    assert "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest -q\n" in text


def test_the_walk_through_works_as_written(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- walk-through:", 1)[1].split("```sh\n", 1)[1].split("\n```\n", 1)[0]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("ALIGNER_CACHE_DIR", None)
    done = subprocess.run(["bash", "-e", "-c", block], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    project = tmp_path / "myproject"
    assert "8 entries, 0 translated" in block and "0 kept, 0 fuzzy, 8 new" in done.stderr
    po = catalog.load(project / "translations" / "en" / "notice.po")
    statuses = [e.status.value for e in po.entries]
    assert statuses.count("translated") == 6 and statuses.count("fuzzy") == 2
    page = (project / "build" / "en" / "notice.html").read_text(encoding="utf-8")
    assert "关于举办2024年科技创新成果展的通知" in page
    assert "Notice on Holding the 2024 Science and Technology Innovation Exhibition" in page
    assert done.stdout.rstrip().endswith("build/en/notice.html")


def test_every_check_is_in_the_check_page() -> None:
    code = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "src" / "aligner" / "checks").glob("*.py")))
    names = set(re.findall(r'"((?:numbers|untranslated|glossary|form|length|source|terms)\.[a-z-]+)"', code))
    page = (DOCS / "check.md").read_text(encoding="utf-8")
    assert len(names) >= 18
    assert not [name for name in sorted(names) if f"`{name}`" not in page]
