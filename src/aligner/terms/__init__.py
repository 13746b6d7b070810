"""Terminology: bilingual terms mined from what was translated, and term bases in TBX.

- ``mine``: term candidates from zh-en pairs (C-value on jieba n-grams, Dice and CC-CEDICT on English)
- ``tbx``: read TBX-Basic v3 and TBX 2008 term bases, write either
- this module: the pairs of catalogs, TMX files and the memory folder; the output formats
  (TSV in the glossary's own form, JSON, TBX); ``run``, what ``aligner terms`` does
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.errors import ConfigError

if TYPE_CHECKING:
    from aligner.checks.glossary import Glossary
    from aligner.config import Project
    from aligner.terms.mine import Candidate, Pair
    from aligner.terms.tbx import Concept

FORMATS = ("tsv", "json", "tbx", "tbx-2008")
SUFFIXES = (".po", ".tmx")
TARGET = "en"


def source_files(paths: Sequence[Path], project: Project | None) -> list[tuple[Path, str]]:
    """The catalogs and TMX files to mine, each with the name shown for it: ``paths`` (a folder
    gives its .po and .tmx files), else the project's catalogs and memory folders."""
    if not paths:
        if project is None:
            return []
        from aligner import memory

        return memory.memory_files(project)
    from aligner import paths as files_io

    found: dict[str, Path] = {}
    for place in paths:
        if place.is_dir():
            for path in sorted(place.rglob("*")):
                if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
                    files_io.within(place, path, what="catalog or TMX file")
                    found[path.as_posix()] = path
        elif not place.exists():
            raise ConfigError("no such catalog, TMX or folder", path=place, hint="give .po or .tmx files or folders")
        elif place.suffix.lower() not in SUFFIXES:
            raise ConfigError("not a catalog (.po) or TMX file", path=place, hint="give .po or .tmx files or folders")
        else:
            found[place.as_posix()] = place
    return sorted((path, shown) for shown, path in found.items())


def read_pairs(files: Sequence[tuple[Path, str]]) -> list[Pair]:
    """The Chinese-English pairs of catalogs (translated entries) and TMX files, with their origin."""
    from aligner import paths as files_io
    from aligner.memory.units import read_file
    from aligner.terms.mine import Pair

    pairs: list[Pair] = []
    for path, shown in files:
        if path.suffix.lower() == ".tmx":
            # Read through the one reader (capped, noted as an input that -o may not replace); a
            # catalog's reader does the same.
            files_io.read_bytes(path, what="TMX", shown=shown)
        for unit in read_file(path, shown):
            if unit.lang == TARGET:
                pairs.append(Pair(unit.zh, unit.en, f"{unit.path}:{unit.line}"))
    return pairs


def run(paths: Sequence[Path], project: Project | None, *, min_count: int = 2, top: int = 100, fmt: str = "tsv") -> str:
    """``aligner terms``: the term candidates of ``paths`` (else the project's catalogs and memory)
    in ``fmt``; ``top`` 0 gives every candidate."""
    from aligner.terms.mine import mine

    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", hint="use " + ", ".join(FORMATS))
    if min_count < 1:
        raise ConfigError("--min-count must be 1 or more")
    if top < 0:
        raise ConfigError("--top must be 0 (every candidate) or more")
    files = source_files(paths, project)
    if not files:
        raise ConfigError("no catalogs or TMX files to mine", hint="give .po or .tmx files or folders")
    candidates = mine(read_pairs(files), min_count=min_count, top=top or None)
    return render(candidates, fmt)


def render(candidates: Sequence[Candidate], fmt: str) -> str:
    if fmt == "json":
        return to_json(candidates)
    if fmt in ("tbx", "tbx-2008"):
        return to_tbx(candidates, version="2008" if fmt == "tbx-2008" else "v3")
    return to_tsv(candidates)


def to_json(candidates: Sequence[Candidate]) -> str:
    """``{"terms": [{zh, en, count, score, share, variants: [{en, count}], example: {zh, en, origin}}]}``."""
    terms = [
        {
            "zh": c.zh,
            "en": c.en,
            "count": c.count,
            "score": c.score,
            "share": c.share,
            "variants": [{"en": v.en, "count": v.count} for v in c.variants],
            "example": {"zh": c.example.zh, "en": c.example.en, "origin": c.example.origin},
        }
        for c in candidates
    ]
    return json.dumps({"terms": terms}, ensure_ascii=False, indent=2) + "\n"


def note(candidate: Candidate) -> str:
    """What a reviewer wants beside a candidate: how often, how consistently, what else, where."""
    parts = [f"{candidate.count} pairs, {round(100 * candidate.share)}% with this English"]
    if candidate.variants:
        parts.append("also " + ", ".join(f"{v.en} ({v.count})" for v in candidate.variants))
    parts.append(f"e.g. {candidate.example.origin}")
    return "; ".join(parts)


def to_tsv(candidates: Sequence[Candidate]) -> str:
    """The glossary's own form (source, target, note): the file can become ``translations/glossary.tsv``."""
    lines = ["source\ttarget\tnote"]
    lines.extend(f"{c.zh}\t{_field(c.en)}\t{_field(note(c))}" for c in candidates)
    return "\n".join(lines) + "\n"


def _field(text: str) -> str:
    # A TSV field holds no tab or line break; "|" separates accepted renderings in the glossary.
    return " ".join(text.replace("|", "/").split())


def concepts(candidates: Sequence[Candidate]) -> list[Concept]:
    """Candidates as TBX concepts: the usual English preferred, the variants admitted, the example
    pair as context, its origin as source, the counts as the note."""
    from aligner.terms import tbx
    from aligner.terms.mine import part_of_speech

    found = []
    for c in candidates:
        pos = part_of_speech(c.cut)
        origin = c.example.origin
        zh = (tbx.TermItem(c.zh, tbx.PREFERRED, pos, c.example.zh, origin),)
        en = (
            tbx.TermItem(c.en, tbx.PREFERRED, pos, c.example.en, origin),
            *(tbx.TermItem(v.en, tbx.ADMITTED, pos) for v in c.variants),
        )
        found.append(tbx.Concept(zh, en, note(c)))
    return found


def to_tbx(candidates: Sequence[Candidate], *, version: str = "v3") -> str:
    from aligner.terms import tbx

    return tbx.write(concepts(candidates), version=version)


def glossary_concepts(glossary: Glossary) -> list[Concept]:
    """A glossary's terms as TBX concepts (one per term: its renderings preferred, then admitted;
    forbidden ones deprecated), so a TSV glossary can be handed to a CAT tool as a term base."""
    from aligner.terms import tbx

    found = []
    for term in glossary.terms:
        en = [tbx.TermItem(t, tbx.PREFERRED if k == 0 else tbx.ADMITTED) for k, t in enumerate(term.targets)]
        en.extend(tbx.TermItem(t, tbx.DEPRECATED) for t in term.forbidden)
        found.append(tbx.Concept((tbx.TermItem(term.source, tbx.PREFERRED),), tuple(en), term.note))
    return found
