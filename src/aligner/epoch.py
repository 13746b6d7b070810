"""``SOURCE_DATE_EPOCH``: the one reading of the date reproducible builds give every output.

Set, it must be a whole number of seconds from 1970 to the end of year 9999 (what a four-digit
year can show); anything else is one line naming the variable and exit 2, as the
reproducible-builds specification asks of a malformed value, never a traceback or a silent default.
"""

from __future__ import annotations

import os

from aligner.errors import ConfigError

NAME = "SOURCE_DATE_EPOCH"
LAST = 253402300799  # 9999-12-31T23:59:59Z


def seconds() -> int | None:
    """The value of ``SOURCE_DATE_EPOCH`` as seconds, None when unset or empty; ``ConfigError`` when malformed."""
    raw = os.environ.get(NAME, "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit():
        raise ConfigError(
            f"{NAME}={raw[:40]!r} is not a number of seconds",
            hint=f"give whole seconds since 1970-01-01 UTC (e.g. {NAME}=$(git log -1 --format=%ct)) or unset it",
        )
    value = int(raw)
    if value > LAST:
        raise ConfigError(
            f"{NAME}={raw[:40]} is out of range (after the year 9999)",
            hint=f"give whole seconds since 1970-01-01 UTC, at most {LAST}, or unset it",
        )
    return value
