"""poformats: format strings compared as msgfmt -c compares them (test_poscan runs msgfmt itself
on the same kinds of entries; these name the reasons)."""

from __future__ import annotations

import pytest

from aligner import poformats


@pytest.mark.parametrize(
    ("flag", "msgid", "msgstr", "reason"),
    [
        ("c-format", "%d files", "%s files", "for argument 1 are not the same"),
        ("c-format", "%d files", "files", "number of format specifications"),
        ("c-format", "100%%", "100%", "not a valid c format string"),
        ("c-format", "%*d", "%d", "number of format specifications"),
        ("python-format", "%(x)s %(y)s", "%(y)s", "argument 'x' doesn't exist in 'msgstr'"),
        ("python-format", "%(x)s", "%(x)s %(y)s", "argument 'y', as in 'msgstr', doesn't exist in 'msgid'"),
        ("python-format", "%(x)s", "%(x)d", "for argument 'x' are not the same"),
        ("python-brace-format", "{x}", "{y}", "argument 'x' doesn't exist in 'msgstr'"),
    ],
)
def test_mismatches_msgfmt_refuses(flag: str, msgid: str, msgstr: str, reason: str) -> None:
    problem = poformats.problem((flag,), msgid, msgstr)
    assert problem is not None and reason in problem


@pytest.mark.parametrize(
    ("flags", "msgid", "msgstr"),
    [
        (("c-format",), "%d of %s", "%2$s of %1$d"),
        (("c-format",), "%d files", "%i files"),
        (("c-format",), "%x", "%X"),
        (("c-format",), "%5.2f", "%f"),
        (("c-format",), "%q", "no directive"),  # the msgid is no C format string: nothing to compare
        (("c-format", "no-c-format"), "%d", "%s"),
        (("python-brace-format",), "{x} {y}", "{y} {x}"),
        (("python-format",), "共%(n)d项", "%(n)d items"),
    ],
)
def test_agreements_msgfmt_accepts(flags: tuple[str, ...], msgid: str, msgstr: str) -> None:
    assert poformats.problem(flags, msgid, msgstr) is None
