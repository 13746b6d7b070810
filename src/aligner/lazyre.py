"""Regular expressions compiled when first used, not when their module is imported.

A quick command (``check`` on one catalog) imports modules holding some 150 patterns and uses
about half of them; compiling a character class of the CJK blocks costs a millisecond or more in
``re``'s Python code, and nothing carries compiled patterns from one process to the next. A
module-level ``NAME = lazyre.compile(...)`` reads like ``re.compile`` and behaves as the pattern
does; its methods are those of the real pattern from the first call on, so a hot loop pays
nothing extra.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        # What a pattern is made of reads without compiling it (patterns are built from others' .pattern).
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(re.compile(self.pattern, self._flags), name)
        setattr(self, name, value)  # next time found in the instance, like any attribute
        return value

    def __repr__(self) -> str:
        return f"lazyre.compile({self.pattern!r}, {self._flags})"


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled at its first use."""
    return cast("re.Pattern[str]", _Lazy(pattern, int(flags)))
