"""plurals: Plural-Forms judged as msgfmt -c judges it (the msgfmt table in test_poscan checks the
verdicts against msgfmt itself; these name the reasons)."""

from __future__ import annotations

import pytest

from aligner import plurals


@pytest.mark.parametrize(
    "rule",
    [
        "nplurals=2; plural=(n != 1);",
        "nplurals=1; plural=0;",
        "nplurals=2;",  # no expression: nothing to evaluate
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        "nplurals=2; plural=!n;",
    ],
)
def test_rules_msgfmt_accepts(rule: str) -> None:
    assert plurals.problem(rule) is None


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("nplurals=x; plural=0;", "invalid nplurals"),
        ("nplurals=2; plural=x != 1;", "invalid plural expression"),
        ("nplurals=2; plural=(n != 1;", "invalid plural expression"),
        ("nplurals=2; plural=-n;", "invalid plural expression"),
        ("nplurals=2; plural=n / 0;", "division by zero"),
        ("nplurals=2; plural=n - 1;", "negative values"),
        ("nplurals=2; plural=n;", "as large as 1000"),
        ("nplurals=0; plural=0;", "as large as 0"),
    ],
)
def test_rules_msgfmt_refuses_and_why(rule: str, reason: str) -> None:
    problem = plurals.problem(rule)
    assert problem is not None and reason in problem
