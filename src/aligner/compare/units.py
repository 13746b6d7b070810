"""The units two versions of a document are compared by, read from the document's blocks.

A law's article is one unit with its items and further paragraphs (every block that carries its
label); a block outside any article (the title, a chapter heading, a preamble, a notice's
paragraph) is a unit of its own. Nothing is parsed here: the labels are what the blocks carry.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from aligner import figures, structure
from aligner.model import Document, Role
from aligner.records import Record


class Change(StrEnum):
    """How a unit changed from one version to the next."""

    UNCHANGED = "unchanged"  # the same text under the same number (white space and punctuation width aside)
    RENUMBERED = "renumbered"  # the same text under another number
    REFERENCES = "references"  # only its cross-references changed, following the renumbering
    MODIFIED = "modified"  # its text changed, in its place
    MOVED = "moved"  # found elsewhere in the order (its text may also have changed)
    ADDED = "added"
    DELETED = "deleted"
    SPLIT = "split"  # one old unit became several new ones
    MERGED = "merged"  # several old units became one new one


@dataclass(frozen=True, repr=False, eq=False)
class Side(Record):
    """One version's half of a unit: an article (with its items) or a heading or paragraph."""

    label: str  # the article's label (第十二条), else ""
    line: int  # 1-based source line of its first block
    text: str  # its blocks' texts, one per line
    paragraphs: tuple[int, ...]  # the numbers of its blocks
    role: str = "paragraph"  # article, title, heading, paragraph, ...
    body: str = field(default="", repr=False)  # the text compared: label left out, white space and width folded

    @property
    def number(self) -> figures.ArticleNumber | None:
        return figures.article_number(self.label) if self.label else None

    @property
    def name(self) -> str:
        """What the unit is called: its label, else the start of its text."""
        if self.label:
            return self.label
        first = self.text.split("\n", 1)[0]
        return first if len(first) <= 20 else first[:20] + "…"


def fold(text: str) -> str:
    """``text`` as compared: full-width forms folded to ASCII (，to , ; （ to ( ), white space dropped,
    so versions that differ only in spacing, punctuation width or line wrapping compare equal."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def units_of(document: Document) -> list[Side]:
    """The units of a document in order: consecutive blocks with one article label make one unit.

    Roles a format left unsaid (plain text) are inferred first, by the rules the segmenter uses;
    roles an importer gave are kept, and every block gets the article it belongs to."""
    document = structure.infer(document)
    sides: list[Side] = []
    group: list[int] = []
    for index, paragraph in enumerate(document.paragraphs):
        if group and paragraph.article and document.paragraphs[group[0]].article == paragraph.article:
            group.append(index)
            continue
        if group:
            sides.append(_side(document, group))
        group = [index]
    if group:
        sides.append(_side(document, group))
    return sides


def _side(document: Document, indexes: list[int]) -> Side:
    blocks = [document.paragraphs[i] for i in indexes]
    first = blocks[0]
    label = first.article
    text = "\n".join(block.text for block in blocks)
    body = text.lstrip(" \t\u3000")
    if label and body.startswith(label):
        body = body[len(label) :]
    role = "article" if label else (first.role.value if first.role is not None else "paragraph")
    if role == Role.ITEM.value:
        role = "paragraph"
    return Side(label, first.line, text, tuple(b.number for b in blocks), role, fold(body))
