"""Text bound for a terminal: control characters shown as escapes, never sent raw.

A msgid or msgstr comes from whoever edited the catalog. Printed raw, an ESC sequence can recolour
or clear the screen, set the window title or hide a line (``\\r``, backspace), and a bidi override
(U+202E) can make a finding read backwards. Every line that quotes catalog text goes through
``visible``; JSON keeps the exact text and only spells the same characters as ``\\uXXXX``.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

from aligner import lazyre

# Besides C0: DEL and C1, the bidi embeddings, overrides, isolates and marks, and the Unicode line
# and paragraph separators (a terminal or a log viewer may break the line there).
_OTHERS = r"\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_ANY = lazyre.compile(rf"[\x00-\x1f{_OTHERS}]")
_BUT_LINES = lazyre.compile(rf"[\x00-\x08\x0b-\x1f{_OTHERS}]")  # keeps tab and newline
_JSON_ONLY = lazyre.compile(rf"[{_OTHERS}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\u202e``).

    ``lines=True`` keeps tab and newline, for a message that is meant to span lines.
    """
    return (_BUT_LINES if lines else _ANY).sub(_escape, text)


def json_text(document: str) -> str:
    """A JSON document with DEL, C1 controls and bidi marks written as ``\\uXXXX``.

    ``json.dumps`` already escapes C0; these others it leaves raw. Outside strings JSON has no
    such characters, so the replacement cannot change what the document means.
    """
    return _JSON_ONLY.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def columns(stream: TextIO) -> int | None:
    """The columns a table printed on ``stream`` must fit: ``$COLUMNS`` when set, else the
    terminal's width; None off a terminal (a file or a pipe takes lines of any length)."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    if not stream.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def colour(stream: TextIO, *, no_color: bool = False) -> bool:
    """Whether to colour what goes to ``stream``: only a terminal, and never when the user said no
    (``--no-color``, or ``NO_COLOR`` set to anything but the empty string: https://no-color.org)."""
    return not no_color and not os.environ.get("NO_COLOR") and stream.isatty()
