"""What all checks share: units, and at most a handful of findings of one check on one entry."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import checks_seed
from aligner import catalog, checks
from aligner.checks import numbers
from aligner.checks.base import MAX_PER_ENTRY, capped, finding, units
from aligner.model import Severity

MSGID = "召开3次专项工作组会议，签订合作协议2份。"
ENGLISH = " ".join(s for _m, s, _n in checks_seed.PAIRS[20:60])  # real sentences, full of numbers


def long_catalog(tmp_path: Path, size: int) -> Path:
    target = (ENGLISH * (size // len(ENGLISH) + 1))[:size]
    return checks_seed.write(tmp_path / "en" / "long.po", [*checks_seed.PAIRS[:30], (MSGID, target, 40)])


def test_a_long_msgstr_gives_a_handful_of_findings_that_count_the_rest(tmp_path: Path) -> None:
    loaded = catalog.load(long_catalog(tmp_path, 100_000))
    raw = [f for f in numbers.check(list(units(loaded))) if f.msgid == MSGID]
    assert len(raw) > 300  # every number of the English has no counterpart in this msgid
    found = [f for f in checks.run([loaded]) if f.msgid == MSGID]
    per_check = Counter(f.check for f in found)
    assert per_check and max(per_check.values()) <= MAX_PER_ENTRY
    extra = [f for f in found if f.check == "numbers.extra"]
    assert len(extra) == MAX_PER_ENTRY
    (rest,) = [f for f in extra if f.message.startswith("and ")]
    shown = [f for f in extra if f is not rest]
    counted = sum(
        int(f.message.rsplit("(", 1)[1].split()[0].replace(",", "")) if "times)" in f.message else 1 for f in shown
    )
    more = int(rest.message.split()[1].replace(",", ""))
    assert counted + more == sum(1 for f in raw if f.check == "numbers.extra")


def test_identical_findings_are_one_that_says_how_many() -> None:
    same = [finding("numbers.extra", "a.po", 3, "x", "“5” in the target has no counterpart") for _ in range(3)]
    other = finding("numbers.extra", "a.po", 9, "y", "“5” in the target has no counterpart")
    assert [f.message for f in capped([*same, other])] == [
        "“5” in the target has no counterpart (3 times)",
        "“5” in the target has no counterpart",
    ]


def test_past_the_cap_the_count_keeps_the_worst_severity() -> None:
    many = [finding("numbers.extra", "a.po", 3, "x", f"“{n}” in the target has no counterpart") for n in range(8)]
    many.append(finding("numbers.missing", "a.po", 3, "x", "“7” is missing", Severity.WARNING))
    many.append(finding("numbers.extra", "a.po", 3, "x", "an error among warnings", Severity.ERROR))
    out = capped(many)
    extra = [f for f in out if f.check == "numbers.extra"]
    assert [f.message for f in extra[:-1]] == [f"“{n}” in the target has no counterpart" for n in range(4)]
    assert extra[-1].message == "and 5 more numbers.extra findings in this entry"
    assert extra[-1].severity is Severity.ERROR
    assert [f.message for f in out if f.check == "numbers.missing"] == ["“7” is missing"]


def test_the_seed_findings_are_untouched_by_the_cap(tmp_path: Path) -> None:
    pairs = [(m, s.replace("34.06 billion", "3.406 billion"), n) for m, s, n in checks_seed.PAIRS]
    loaded = catalog.load(checks_seed.write(tmp_path / "en" / "seed.po", pairs))
    found = checks.run([loaded])
    assert not any("times)" in f.message or f.message.startswith("and ") for f in found)
    assert any(f.check == "numbers.magnitude" for f in found)
