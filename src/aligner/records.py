"""The base of the package's dataclasses: one shared ``__repr__``, standard library only.

``@dataclass`` compiles a ``__repr__`` for every class when the class is defined; with some 60
records that is about a third of what defining them costs, 10 ms of every command's start, for a
method only debugging and test reports call. Records are declared ``@dataclass(..., repr=False)``
on this base, whose ``__repr__`` writes what the generated one would: the class's qualified name
and each field shown in repr, ``name=value!r``.
"""

from __future__ import annotations

from dataclasses import fields


class Record:
    __slots__ = ()

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"
