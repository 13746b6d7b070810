"""Scores of one translation against another with sacrebleu: BLEU, chrF, TER, and the worst segments.

The only importer of sacrebleu, lazily: ``aligner --help`` must not pay for it. Each side is a PO
catalog (segments matched by msgid; a "↑" entry joins its segment to the previous one) or plain
text (one segment per line, matched by line number), told apart by what the file holds, not by
its name: a catalog saved as .txt is still a catalog. Segments present on one side only are
returned as ``mismatched``, never dropped in silence: a score over fewer segments than the
reader believes is worse than no score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner import lazyre
from aligner.errors import AlignerError
from aligner.model import JOINED_MARK, Status
from aligner.records import Record
from aligner.terminal import json_text, visible

# A catalog's first line that is neither blank nor a comment opens an entry (the header's msgid "").
_PO_START = lazyre.compile(r'(?:msgctxt|msgid)\s+"')
_SNIFF = 64 * 1024


class ScoreError(AlignerError):
    """The two sides cannot be scored against each other."""


@dataclass(frozen=True, repr=False, eq=False)
class Side(Record):
    path: str
    kind: str  # "po" or "text"
    groups: list[tuple[tuple[str, ...], str]]  # (keys, text): a key is a msgid or a line number
    lines: dict[str, int] = field(default_factory=dict)  # key -> line in the file


@dataclass(frozen=True, repr=False, eq=False)
class Pair(Record):
    key: str
    line: int  # line in the reference
    hypothesis: str
    reference: str


@dataclass(frozen=True, repr=False, eq=False)
class Mismatch(Record):
    key: str
    line: int
    only_in: str  # "hypothesis" or "reference"
    path: str


@dataclass(frozen=True, repr=False, eq=False)
class Report(Record):
    hypothesis: str
    reference: str
    scores: dict[str, Any]  # bleu/chrf/ter -> sacrebleu's JSON object for the corpus score
    signatures: dict[str, str]
    segments: list[dict[str, Any]]  # every scored pair with its sentence chrF, in reference order
    mismatched: list[Mismatch]

    def worst(self, count: int = 10) -> list[dict[str, Any]]:
        """The ``count`` lowest sentence chrF scores; a perfect segment (100) is never among them."""
        imperfect = [s for s in self.segments if s["chrf"] < 100]
        return sorted(imperfect, key=lambda s: (s["chrf"], s["line"]))[:count]

    def to_json(self, worst: int = 10) -> str:
        data = {
            "hypothesis": self.hypothesis,
            "reference": self.reference,
            **self.scores,
            "signatures": self.signatures,
            "segments": self.segments,
            "worst": [s["key"] for s in self.worst(worst)],
            "mismatched": [m.__dict__ for m in self.mismatched],
            "counts": {"scored": len(self.segments), "mismatched": len(self.mismatched)},
        }
        return json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def kind_of(path: Path) -> str:
    """ "po" when the file reads as a gettext catalog, else "text" (whatever its name says)."""
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "no such file"
        raise ScoreError(what, path=path, hint="give a .po catalog or a text file, one segment a line")
    with path.open("rb") as handle:
        head = handle.read(_SNIFF).decode("utf-8-sig", errors="replace")
    for line in head.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return "po" if _PO_START.match(stripped) else "text"
    return "text"


def read_side(path: str | Path) -> Side:
    p = Path(path)
    if kind_of(p) == "po":
        return _read_po(p)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScoreError("not valid UTF-8", path=p) from exc
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line, it does not start a new one
    groups = [((str(n),), line.rstrip("\r")) for n, line in enumerate(lines, start=1)]
    return Side(str(p), "text", groups, {str(n): n for n in range(1, len(lines) + 1)})


def _read_po(path: Path) -> Side:
    from aligner import catalog

    cat = catalog.load(path)
    groups: list[tuple[tuple[str, ...], str]] = []
    lines: dict[str, int] = {}
    previous: str | None = None
    for entry in cat.entries:
        if entry.obsolete:
            continue
        lines[entry.msgid] = entry.line
        done = entry.status in (Status.TRANSLATED, Status.FUZZY) and entry.msgstr.strip()
        if done and entry.msgstr.strip() == JOINED_MARK:
            if groups and groups[-1][0][-1] == previous:
                keys, text = groups[-1]
                groups[-1] = ((*keys, entry.msgid), text)
        elif done:
            groups.append(((entry.msgid,), entry.msgstr))
        previous = entry.msgid
    return Side(str(path), "po", groups, lines)


def pair(hypothesis: Side, reference: Side) -> tuple[list[Pair], list[Mismatch]]:
    """Match segments; a group joined on either side is scored as one segment on both."""
    if hypothesis.kind != reference.kind:
        raise ScoreError(
            "one side is a PO catalog and the other plain text",
            path=hypothesis.path,
            hint="give both as .po (matched by msgid) or both as text (matched by line)",
        )
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for side in (reference, hypothesis):
        for keys, _text in side.groups:
            for key in keys[1:]:
                parent[find(key)] = find(keys[0])
    texts: dict[str, dict[str, list[str]]] = {"hypothesis": {}, "reference": {}}
    covered: dict[str, set[str]] = {"hypothesis": set(), "reference": set()}
    order: dict[str, int] = {}
    for name, side in (("reference", reference), ("hypothesis", hypothesis)):
        for keys, text in side.groups:
            root = find(keys[0])
            texts[name].setdefault(root, []).append(text)
            covered[name].update(keys)
            for key in keys:
                order.setdefault(key, len(order))
    members: dict[str, list[str]] = {}
    for key in order:
        members.setdefault(find(key), []).append(key)
    pairs: list[Pair] = []
    mismatched: list[Mismatch] = []
    for root, keys in sorted(members.items(), key=lambda item: order[item[1][0]]):
        missing = {name: [k for k in keys if k not in covered[name]] for name in ("hypothesis", "reference")}
        if missing["hypothesis"] or missing["reference"]:
            for name, other in (("hypothesis", reference), ("reference", hypothesis)):
                for key in missing[name]:
                    only_in = "reference" if name == "hypothesis" else "hypothesis"
                    mismatched.append(Mismatch(key, other.lines.get(key, 0), only_in, other.path))
            continue
        pairs.append(
            Pair(
                root,
                reference.lines.get(root, 0),
                " ".join(texts["hypothesis"][root]),
                " ".join(texts["reference"][root]),
            )
        )
    return pairs, mismatched


def score(hypothesis: str | Path, reference: str | Path) -> Report:
    from sacrebleu.metrics import BLEU, CHRF, TER

    hyp_side, ref_side = read_side(hypothesis), read_side(reference)
    pairs, mismatched = pair(hyp_side, ref_side)
    if not pairs:
        raise ScoreError(
            "no segment is on both sides", path=hyp_side.path, hint="check that both files are of one document"
        )
    hyps = [p.hypothesis for p in pairs]
    refs = [[p.reference for p in pairs]]
    scores: dict[str, Any] = {}
    signatures: dict[str, str] = {}
    for name, metric in (("bleu", BLEU()), ("chrf", CHRF()), ("ter", TER())):
        result = metric.corpus_score(hyps, refs)
        signature = str(metric.get_signature())
        data = json.loads(result.format(width=4, signature=signature, is_json=True))
        data["score"] = result.score  # full precision; sacrebleu's CLI rounds to one decimal
        scores[name] = data
        signatures[name] = signature
    sentence = CHRF()
    segments = [
        {
            "key": p.key,
            "line": p.line,
            "hypothesis": p.hypothesis,
            "reference": p.reference,
            "chrf": round(sentence.sentence_score(p.hypothesis, [p.reference]).score, 4),
        }
        for p in pairs
    ]
    return Report(hyp_side.path, ref_side.path, scores, signatures, segments, mismatched)


def format_text(report: Report, worst: int = 10) -> str:
    out = []
    for name in ("bleu", "chrf", "ter"):
        data = report.scores[name]
        verbose = f" {data['verbose_score']}" if data.get("verbose_score") else ""
        out.append(f"{data['name']} = {data['score']:.2f}{verbose}")
    out.append("")
    for name in ("bleu", "chrf", "ter"):
        out.append(f"{name}: {report.signatures[name]}")
    out.append("")
    out.append(f"{len(report.segments)} segments scored, {len(report.mismatched)} on one side only")
    rows = report.worst(worst)
    if rows:
        out.append(f"\nworst {len(rows)} by sentence chrF:")
        for row in rows:
            where = f"line {row['line']}" if row["line"] else row["key"]
            out.append(f"  {row['chrf']:6.2f}  {visible(where)}")
            out.append(f"          hyp: {visible(row['hypothesis'])}")
            out.append(f"          ref: {visible(row['reference'])}")
    return "\n".join(out) + "\n"
