"""The two things the aligner deals in: sentences of either side and the beads that pair them."""

from __future__ import annotations

from dataclasses import dataclass

from aligner.records import Record


@dataclass(frozen=True, repr=False, eq=False)
class Sentence(Record):
    """One sentence of either side, with where it sits in its text."""

    text: str
    paragraph: int  # 1-based paragraph number within its side
    first: bool  # the sentence opens its paragraph
    line: int = 0  # 1-based source line, 0 when unknown
    heading: str = ""  # structural label ("1", "1.2") when the sentence is a numbered heading


@dataclass(frozen=True, repr=False, eq=False)
class Bead(Record):
    """Consecutive sentences of both sides that translate each other.

    ``zh`` or ``en`` is empty for an omission (1-0: Chinese left untranslated) or an addition
    (0-1: English with no Chinese counterpart). Indices are 0-based sentence positions.
    """

    zh: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float

    @property
    def kind(self) -> str:
        return f"{len(self.zh)}-{len(self.en)}"
