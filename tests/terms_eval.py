"""The sets mining is judged on, and how: precision of the top 50 against a hand-checked table,
recall of a hand list of term pairs among the top 300. Shared by the corpus tests and ``benchmarks/terms``.

Sets (from the shared corpus): ``whitepapers`` (two SCIO white papers, aligned by the project's own
``align``) and ``constitution`` (the Constitution and the NPC's English, aligned the same way) are
the sets the weights were tuned on; ``ntrex`` (NTREX news, line by line) was kept apart until the
weights were set (see docs/terms.md for the figures before and after the last changes);
``wmt22`` (the WMT22 zh-en test set, every document with a reference, segment by segment) is held
out: its hand list and its list of non-terms (``nonterms.tsv``) were made from its text, not from
what mining proposed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.terms.mine import Candidate, Pair, english_key

DATA = Path(__file__).resolve().parent / "data" / "terms"
SETS = ("whitepapers", "constitution", "ntrex", "wmt22")


@dataclass(frozen=True)
class Figures:
    judged_good: int  # of the top 50, candidates the table marks right
    unjudged: list[str]  # of the top 50, candidates the table does not know (counted wrong)
    found: int  # hand-list pairs among the top 300 with an accepted English
    listed: int
    missed: list[str]

    @property
    def precision(self) -> float:
        return self.judged_good / 50

    @property
    def recall(self) -> float:
        return self.found / self.listed


def pairs_of(name: str, parallel: Path, workdir: Path) -> list[Pair]:
    """The sentence pairs of a set: NTREX as it is, the others aligned by ``bitext`` (as ``aligner align``)."""
    from aligner.bitext import core, formats
    from aligner.terms import read_pairs

    if name == "wmt22":
        return _wmt22(parallel / "wmt22-zh-en" / "wmttest2022.zh-en.xml")
    if name == "ntrex":
        zh = (parallel / "ntrex-en-zh" / "newstest2019-ref.zho-CN.txt").read_text(encoding="utf-8").split("\n")
        en = (parallel / "ntrex-en-zh" / "newstest2019-src.eng.txt").read_text(encoding="utf-8").split("\n")
        return [Pair(z, e, f"ntrex:{n}") for n, (z, e) in enumerate(zip(zh, en, strict=True), 1) if z and e]
    sources = {
        "whitepapers": [("scio-whitepapers-zh-en/001.zh.txt", "scio-whitepapers-zh-en/001.en.txt"),
                        ("scio-whitepapers-zh-en/002.zh.txt", "scio-whitepapers-zh-en/002.en.txt")],
        "constitution": [("constitution-2018/zh.txt", "constitution-2018/en.txt")],
    }[name]  # fmt: skip
    files = []
    for number, (zh_name, en_name) in enumerate(sources):
        bitext = core.read(parallel / zh_name, parallel / en_name)
        tmx = workdir / f"{name}-{number}.tmx"
        tmx.write_text(formats.tmx_text(bitext, core.align(bitext), 0.5), encoding="utf-8")
        files.append((tmx, tmx.name))
    return read_pairs(files)


def _wmt22(path: Path) -> list[Pair]:
    import xml.etree.ElementTree as ElementTree

    pairs: list[Pair] = []
    for doc in ElementTree.parse(path).getroot().iter("doc"):
        source, refs = doc.find("src"), doc.findall("ref")
        first = [r for r in refs if r.get("translator") == "A"] or refs
        if source is None or not first:
            continue  # the conversations have no reference
        english = {seg.get("id"): "".join(seg.itertext()) for seg in first[0].iter("seg")}
        for seg in source.iter("seg"):
            zh, en = "".join(seg.itertext()), english.get(seg.get("id"), "")
            if zh.strip() and en.strip():
                pairs.append(Pair(zh, en, f"wmt22:{doc.get('id')}:{seg.get('id')}"))
    return pairs


def non_terms(name: str) -> set[str]:
    """The set's fragments and common phrases that must not be proposed (nonterms.tsv)."""
    rows = (line.split("\t") for line in (DATA / "nonterms.tsv").read_text(encoding="utf-8").splitlines()[1:])
    return {zh for which, zh in rows if which == name}


def judge(name: str, candidates: Sequence[Candidate]) -> Figures:
    table: dict[tuple[str, str], bool] = {}
    for line in (DATA / "top50.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        which, zh, en, verdict = line.split("\t")
        if which == name:
            table[zh, en] = verdict == "1"
    top = list(candidates[:50])
    good = sum(1 for c in top if table.get((c.zh, c.en), False))
    unjudged = [f"{c.zh}={c.en}" for c in top if (c.zh, c.en) not in table]
    english = {c.zh: english_key(c.en) for c in candidates[:300]}
    found, listed, missed = 0, 0, []
    for line in (DATA / "handlist.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        which, zh, accepted = line.split("\t")
        if which != name:
            continue
        listed += 1
        if english.get(zh) in {english_key(a) for a in accepted.split("|")}:
            found += 1
        else:
            missed.append(zh)
    return Figures(good, unjudged, found, listed, missed)
