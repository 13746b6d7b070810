"""The base of the package's dataclasses: one shared ``__repr__``, ``__eq__`` and ``__hash__``.

``@dataclass`` compiles every method it adds, for every class, when the class is defined: with
some 60 records that is most of what defining them costs, 10 to 20 ms of every command's start.
Records are declared ``@dataclass(frozen=True, repr=False, eq=False)`` (or ``repr=False`` alone
when mutable) on this base, whose methods do what the generated ones do, from the class's fields:
the repr names the class and each field shown in repr (``name=value!r``); two records are equal
when they are of one class and their compared fields are equal; the hash is that of the tuple of
the fields that take part in it (``hash=``, else ``compare=``), as for a frozen dataclass.
Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any

Key = Callable[[Any], tuple[Any, ...]]
_KEYS: dict[type, tuple[Key, Key]] = {}


class Record:
    __slots__ = ()

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            compared = _keys(self.__class__)[0]
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(_keys(self.__class__)[1](self))


def _keys(cls: type) -> tuple[Key, Key]:
    found = _KEYS.get(cls)
    if found is None:
        known = fields(cls)
        compared = [f.name for f in known if f.compare]
        hashed = [f.name for f in known if (f.compare if f.hash is None else f.hash)]
        found = _KEYS[cls] = (_getter(compared), _getter(hashed))
    return found


def _getter(names: list[str]) -> Key:
    # attrgetter builds the tuple in C; one name gives a bare value, so it is wrapped.
    if len(names) >= 2:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    return lambda record: ()
