"""What a review document carries for each entry, whatever its format.

An entry's id is derived from its gettext key (msgctxt and msgid), so the same entry has the same
id in every export. Each exported entry also carries digests of the English and of the translator
comment as exported, so a merge can tell who changed what since: the reviewer, the catalog, or both.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from aligner import lazyre
from aligner.errors import AlignerError
from aligner.model import Entry, Status
from aligner.paths import digest
from aligner.records import Record

ID_LENGTH = 16  # hex digits of SHA-256: 64 bits, no collision in any catalog
DIGEST_LENGTH = 8  # hex digits of a text's digest: enough to notice that it changed


class ExchangeError(AlignerError):
    """A review document that cannot be written or read: malformed, hostile, or not ours."""


class Changes(StrEnum):
    """What merge does with tracked changes left in a Word document."""

    ACCEPT = "accept"  # insertions in, deletions out
    REJECT = "reject"  # the text as it was before the tracked changes
    REFUSE = "refuse"  # a document with tracked changes is refused: accept or reject them in Word first


_NOT_XML = lazyre.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # what XML 1.0 cannot carry


def xml_text(text: str) -> str:
    """``text``, or ``ExchangeError`` when it holds a character no XML document can carry."""
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise ExchangeError(
            f"a string holds the character U+{ord(bad.group()):04X}, which XML 1.0 cannot carry",
            hint="remove it from the catalog",
        )
    return text


def entry_id(msgctxt: str | None, msgid: str) -> str:
    """The stable id of an entry: its gettext key (context, EOT, msgid) hashed."""
    key = msgid if msgctxt is None else f"{msgctxt}\x04{msgid}"
    return digest(key.encode("utf-8"))[:ID_LENGTH]


def text_digest(text: str) -> str:
    return digest(text.encode("utf-8"))[:DIGEST_LENGTH]


def english(entry: Entry) -> str:
    """The English of an entry as one text: plural forms joined by a NUL (never in a PO string)."""
    return "\x00".join(entry.targets)


@dataclass(frozen=True, repr=False, eq=False)
class Exported(Record):
    """One entry as a review document shows it."""

    id: str
    entry: Entry
    english_digest: str
    comment_digest: str

    @classmethod
    def of(cls, entry: Entry) -> Exported:
        return cls(entry_id(entry.msgctxt, entry.msgid), entry, text_digest(english(entry)), text_digest(entry.comment))


def exported(entries: tuple[Entry, ...]) -> list[Exported]:
    """The live entries of a catalog, in catalog order (obsolete ones are not reviewed)."""
    return [Exported.of(entry) for entry in entries if not entry.obsolete]


def status_word(entry: Entry) -> str:
    return Status.UNTRANSLATED.value if entry.status is Status.UNTRANSLATED else entry.status.value


@dataclass(frozen=True, repr=False, eq=False)
class Row(Record):
    """One entry as the reviewer sent it back.

    ``source`` is the Chinese the document holds (msgid, and msgid_plural after a NUL); ``targets``
    the English (one per plural form); ``comment`` the translator comment as the document now has
    it, or None when the document says nothing about it; digests as exported (``None``: unknown).
    """

    row: int  # where the reviewer finds it: the entry's number in the table, the unit's position
    id: str | None
    source: str
    targets: tuple[str, ...]
    fuzzy: bool
    comment: str | None
    english_digest: str | None
    comment_digest: str | None
    remarks: tuple[str, ...] = ()  # Word comments on the row (``author: text``), added to the translator comment


@dataclass(frozen=True, repr=False, eq=False)
class Reviewed(Record):
    """A review document read back: which catalog it came from, and its rows."""

    path: str
    catalog: str  # the catalog's path relative to the project, as exported
    language: str
    rows: tuple[Row, ...]
    stray: tuple[str, ...] = ()  # what the reviewer wrote outside every entry row (Word comments), never merged
