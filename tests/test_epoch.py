"""SOURCE_DATE_EPOCH: read in one place; a malformed or out-of-range value is one line naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import catalog, epoch, tmxfile
from aligner.cli import app
from aligner.errors import ConfigError


@pytest.mark.parametrize(
    ("value", "seconds"), [("", None), ("0", 0), (" 1700000000 ", 1700000000), (str(epoch.LAST), epoch.LAST)]
)
def test_a_value_in_range_is_read(monkeypatch: pytest.MonkeyPatch, value: str, seconds: int | None) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert epoch.seconds() == seconds


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99999999999999999999", "out of range"),
        (str(epoch.LAST + 1), "out of range"),
        ("-1", "not a number of seconds"),
        ("1.5e9", "not a number of seconds"),
        ("yesterday", "not a number of seconds"),
        ("١٧٠٠٠٠٠٠٠٠", "not a number of seconds"),  # Arabic-Indic digits: isdigit() says yes
    ],
)
def test_a_malformed_value_is_one_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for reader in (epoch.seconds, catalog.now_stamp, tmxfile.header_attributes):
        with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH") as caught:
            reader()
        assert message in str(caught.value)


@pytest.mark.parametrize("value", ["99999999999999999999", "253402300799"])
def test_commands_stop_with_one_line_or_date_the_year_9999(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    (tmp_path / "translations" / "memory").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = CliRunner().invoke(app, ["tm", "export", "-f", "tmx"])
    if value == "253402300799":
        assert result.exit_code == 0 and 'creationdate="99991231T235959Z"' in result.output
    else:
        assert result.exit_code == 2 and result.output.count("\n") == 1
        assert result.output.startswith("aligner: error: SOURCE_DATE_EPOCH=") and "out of range" in result.output


def test_a_docx_dated_after_2107_still_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.render import docx
    from test_render_common import letter

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch.LAST))
    assert docx.render(letter()).startswith(b"PK")
