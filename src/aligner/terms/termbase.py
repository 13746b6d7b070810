"""The term base as files hold it: the glossary TSV (``source<TAB>target<TAB>note``) or TBX.

Read here, apart from the checks that use it, so that a command which only needs the terms (render
naming an issuer in English) does not load every check family.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aligner.errors import AlignerError
from aligner.records import Record

HEADER = ("source", "target", "note")


class GlossaryError(AlignerError):
    """The glossary file is malformed."""


@dataclass(frozen=True, repr=False, eq=False)
class Term(Record):
    source: str
    targets: tuple[str, ...]  # accepted renderings ("|" separates alternatives in the file)
    note: str
    line: int
    forbidden: tuple[str, ...] = ()  # renderings a term base marks deprecated or superseded (TBX)


@dataclass(frozen=True, repr=False, eq=False)
class Glossary(Record):
    path: str
    terms: tuple[Term, ...]


def load(path: str | Path) -> Glossary:
    """Read ``source<TAB>target<TAB>note`` lines, or a TBX term base (``.tbx``); a malformed line
    or entry raises GlossaryError with its line."""
    from aligner import paths

    p = Path(path)
    if not p.exists():
        raise GlossaryError("no such glossary", path=p)
    # Read as every input is (a regular file, capped); lines end at \n only, as in every file we read.
    raw = paths.read_bytes(p, what="glossary", shown=str(p))
    if p.suffix.lower() == ".tbx":
        return _from_tbx(raw, p)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError("glossary is not valid UTF-8", path=p, hint="save it as UTF-8") from exc
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(text.split("\n"), start=1):
        line = row.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if number == 1 and tuple(f.strip().lower() for f in fields[:3]) == HEADER[: len(fields[:3])]:
            continue
        if len(fields) < 2 or len(fields) > 3:
            raise GlossaryError(
                f"expected source<TAB>target<TAB>note, found {len(fields)} field{'s' if len(fields) != 1 else ''}",
                path=p,
                line=number,
                hint="separate the fields with one tab",
            )
        source, target = fields[0].strip(), fields[1].strip()
        note = fields[2].strip() if len(fields) > 2 else ""
        if not source or not target:
            raise GlossaryError(f"empty {'source' if not source else 'target'} term", path=p, line=number)
        if source in seen:
            raise GlossaryError(f"{source} is already defined on line {seen[source]}", path=p, line=number)
        seen[source] = number
        targets = tuple(t.strip() for t in target.split("|") if t.strip())
        terms.append(Term(source, targets, note, number))
    return Glossary(str(p), tuple(terms))


def _from_tbx(raw: bytes, p: Path) -> Glossary:
    """The terms of a TBX term base: each Chinese term of a concept with the concept's English
    terms (deprecated and superseded ones as forbidden renderings), its note, and its entry's line."""
    from aligner.terms import tbx

    try:
        concepts = tbx.parse(raw, shown=str(p))
    except tbx.TBXError as exc:
        raise GlossaryError(exc.message, path=exc.path, line=exc.line, hint=exc.hint) from None
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for concept in concepts:
        targets = tuple(dict.fromkeys(t.text for t in concept.en if not t.forbidden))
        forbidden = tuple(dict.fromkeys(t.text for t in concept.en if t.forbidden))
        if not targets and not forbidden:
            continue  # a concept without English is another language pair's
        for item in concept.zh:
            if item.text in seen:
                raise GlossaryError(
                    f"{item.text} is already defined on line {seen[item.text]}", path=p, line=concept.line
                )
            seen[item.text] = concept.line
            terms.append(Term(item.text, targets, concept.note, concept.line, forbidden))
    if concepts and not terms:
        raise GlossaryError("no Chinese-English terms in this TBX", path=p, hint="give xml:lang zh and en terms")
    return Glossary(str(p), tuple(terms))
