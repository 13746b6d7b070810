"""Length: a target much shorter or longer than the catalog's own habit is a likely omission or addition.

English runs at about three letters per Chinese character, but the rate depends on the translator
and the text, so the yardstick is the catalog itself: the median and the median absolute deviation
(MAD) of log(English characters / Han characters). Both are robust to the outliers we look for.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Sequence

from aligner.checks.base import Unit, finding
from aligner.coverage import han_count
from aligner.model import Finding

MIN_UNITS = 20  # below this a catalog has no distribution to speak of
MIN_HAN = 8  # short segments (headings, names) vary too much to judge
THRESHOLD = 4.0  # robust z-score beyond which a unit is reported
MIN_SPREAD = 0.18  # floor for the robust spread: a very uniform catalog must not flag small drift
_MAD_TO_SIGMA = 1.4826


def _size(text: str) -> int:
    return len("".join(text.split()))


def check(units: Sequence[Unit]) -> Iterator[Finding]:
    rows: list[tuple[Unit, float]] = []
    for unit in units:
        han = han_count(unit.source)
        size = _size(unit.target)
        if han >= MIN_HAN and size:
            rows.append((unit, math.log(size / han)))
    if len(rows) < MIN_UNITS:
        return
    logs = [r[1] for r in rows]
    median = statistics.median(logs)
    spread = max(_MAD_TO_SIGMA * statistics.median(abs(x - median) for x in logs), MIN_SPREAD)
    usual = math.exp(median)
    for unit, value in rows:
        z = (value - median) / spread
        if abs(z) < THRESHOLD:
            continue
        ratio = math.exp(value)
        what = "short: a likely omission" if z < 0 else "long: a likely addition"
        yield finding(
            "length.ratio",
            unit.path,
            unit.line,
            unit.msgid,
            f"target is {ratio:.1f} characters per Chinese character against {usual:.1f} in this catalog;"
            f" {ratio / usual:.0%} of the usual length, too {what}",
        )
