"""The records' shared repr writes what dataclasses would write."""

from __future__ import annotations

import dataclasses

from aligner.model import Coverage, Kind, Segment
from aligner.records import Record


def test_the_repr_is_the_dataclass_one() -> None:
    @dataclasses.dataclass(frozen=True)
    class Generated:
        path: str
        count: int = 0
        hidden: tuple[str, ...] = dataclasses.field(default=(), repr=False)

    @dataclasses.dataclass(frozen=True, repr=False)
    class Shared(Record):
        path: str
        count: int = 0
        hidden: tuple[str, ...] = dataclasses.field(default=(), repr=False)

    for args in (("a.po",), ("路径\n'q'.po", 3, ("x",))):
        assert repr(Shared(*args)).replace("Shared", "Generated", 1) == repr(Generated(*args))


def test_records_of_the_model_read_as_before() -> None:
    coverage = Coverage("a.po", 3, 2, 1, 0, 0)
    assert repr(coverage) == (
        "Coverage(path='a.po', total=3, translated=2, fuzzy=1, untranslated=0, obsolete=0, source_chars=0, target_words=0)"
    )
    segment = Segment("会议。", Kind.BODY, 1, 1, 0, 3, 1, 1)
    assert repr(segment) == (
        "Segment(text='会议。', kind=<Kind.BODY: 'body'>, line=1, end_line=1, start=0, end=3, paragraph=1, sentence=1)"
    )


def test_equality_and_hash_are_the_frozen_dataclass_ones() -> None:
    @dataclasses.dataclass(frozen=True)
    class Generated:
        path: str
        line: int = 0
        seen: int = dataclasses.field(default=0, compare=False)
        meta: dict[str, str] = dataclasses.field(default_factory=dict, hash=False)

    @dataclasses.dataclass(frozen=True, repr=False, eq=False)
    class Shared(Record):
        path: str
        line: int = 0
        seen: int = dataclasses.field(default=0, compare=False)
        meta: dict[str, str] = dataclasses.field(default_factory=dict, hash=False)

    pairs = [
        (("a.po", 3, 1), ("a.po", 3, 9)),
        (("a.po", 3), ("a.po", 4)),
        (("路径", 1, 0, {"k": "v"}), ("路径", 1, 0, {})),
    ]
    for left, right in pairs:
        assert (Shared(*left) == Shared(*right)) == (Generated(*left) == Generated(*right))
        assert hash(Shared(*left)) == hash(Generated(*left))  # the same tuple: sets iterate alike
    assert Shared("a") != Generated("a") and Shared("a").__eq__(Generated("a")) is NotImplemented
    assert len({Shared("a", 1, 5), Shared("a", 1, 7), Shared("b")}) == 2

    @dataclasses.dataclass(frozen=True, repr=False, eq=False)
    class One(Record):
        text: str

    assert hash(One("x")) == hash(("x",)) and One("x") == One("x") != One("y")
