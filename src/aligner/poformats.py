"""Format strings as msgfmt -c checks them in entries flagged ``c-format``, ``python-format`` or
``python-brace-format``: the msgstr must take the same arguments, of the same types, as the msgid.

``problem(flags, msgid, msgstr)`` gives msgfmt's reason, or None. An msgid that is not a valid
format string of its kind is not checked (msgfmt does the same).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from aligner import lazyre

_C_DIRECTIVE = lazyre.compile(
    r"%(?:(\d+)\$)?[-+ #0'I]*"  # argument number, flags
    r"(\*(?:\d+\$)?|\d+)?(?:\.(\*(?:\d+\$)?|\d*))?"  # width, precision
    r"(hh|h|ll|l|L|q|j|z|Z|t)?([diouxXeEfFgGaAcspn%])"  # length, conversion
)
_C_TYPES = {"d": "int", "i": "int", "c": "char", "s": "string", "p": "pointer", "n": "count"}
_C_TYPES.update(dict.fromkeys("ouxX", "unsigned"))
_C_TYPES.update(dict.fromkeys("eEfFgGaA", "double"))
_PY_DIRECTIVE = lazyre.compile(r"%(?:\((\w+)\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])")
_PY_TYPES = dict.fromkeys("diouxX", "integer") | dict.fromkeys("eEfFgG", "float") | {"c": "char"}
_PY_TYPES |= dict.fromkeys("sra", "string")
_BRACE = lazyre.compile(r"\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::[^{}]*)?\}")


class _Invalid(Exception):
    pass


def problem(flags: tuple[str, ...], msgid: str, msgstr: str) -> str | None:
    """msgfmt -c's complaint about the format string of a translated, non-fuzzy entry, or None."""
    for kind, parse in (("c", _c_arguments), ("python", _python_arguments), ("python-brace", _brace_arguments)):
        if f"{kind}-format" not in flags or f"no-{kind}-format" in flags:
            continue
        try:
            wanted = parse(msgid)
        except _Invalid:
            continue
        try:
            given = parse(msgstr)
        except _Invalid:
            return f"'msgstr' is not a valid {kind} format string, unlike 'msgid'"
        found = _compare(kind, wanted, given)
        if found is not None:
            return found
    return None


def _compare(kind: str, wanted: dict[str | int, str], given: dict[str | int, str]) -> str | None:
    named = any(isinstance(key, str) for key in (*wanted, *given))
    if not named:
        if len(wanted) != len(given):
            return "number of format specifications in 'msgid' and 'msgstr' does not match"
        for key in sorted(wanted, key=int):
            if given.get(key) != wanted[key]:
                return f"format specifications in 'msgid' and 'msgstr' for argument {key} are not the same"
        return None
    for key in sorted(wanted, key=str):
        if key not in given:
            return f"a format specification for argument '{key}' doesn't exist in 'msgstr'"
    for key in sorted(given, key=str):
        if key not in wanted:
            return f"a format specification for argument '{key}', as in 'msgstr', doesn't exist in 'msgid'"
        if kind != "python-brace" and given[key] != wanted[key]:
            return f"format specifications in 'msgid' and 'msgstr' for argument '{key}' are not the same"
    return None


def _directives(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[Any, ...]]:
    """The groups of each ``%`` directive of ``text`` in order, ``%%`` left out (its last group,
    the conversion, is ``%``); a ``%`` that starts no directive is ``_Invalid``."""
    position = 0
    while (start := text.find("%", position)) >= 0:
        match = pattern.match(text, start)
        if match is None:
            raise _Invalid
        position = match.end()
        groups = match.groups()
        if groups[-1] != "%":
            yield groups


def _c_arguments(text: str) -> dict[str | int, str]:
    arguments: dict[str | int, str] = {}
    sequence = 0
    for number, width, precision, length, conversion in _directives(text, _C_DIRECTIVE):
        for star in (width, precision):
            if star and star.startswith("*"):
                sequence += 1
                arguments[int(star[1:-1]) if len(star) > 1 else sequence] = "int"
        sequence += 1
        arguments[int(number) if number else sequence] = (length or "") + _C_TYPES[conversion]
    return arguments


def _python_arguments(text: str) -> dict[str | int, str]:
    arguments: dict[str | int, str] = {}
    sequence = 0
    for name, width, precision, conversion in _directives(text, _PY_DIRECTIVE):
        if name is not None:
            arguments[name] = _PY_TYPES[conversion]
            continue
        for star in (width, precision):
            if star == "*":
                sequence += 1
                arguments[sequence] = "integer"
        sequence += 1
        arguments[sequence] = _PY_TYPES[conversion]
    if any(isinstance(k, str) for k in arguments) and any(isinstance(k, int) for k in arguments):
        raise _Invalid  # named and unnamed directives cannot be mixed
    return arguments


def _brace_arguments(text: str) -> dict[str | int, str]:
    arguments: dict[str | int, str] = {}
    stripped = _BRACE.sub(lambda m: arguments.setdefault(m.group(1) or "", "any") and "", text)
    if "{" in stripped or "}" in stripped:
        raise _Invalid
    return {key if key else "0": value for key, value in arguments.items()}
