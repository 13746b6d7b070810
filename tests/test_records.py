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
