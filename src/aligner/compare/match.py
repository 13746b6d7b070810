"""Pair the units of two versions and say how each changed.

1. Units whose text (references masked) is the same and found once in each version anchor the
   order (the longest run in order of such pairs).
2. Between anchors, a monotone alignment pairs the units that are alike (``PAIR``): a unit
   modified in its place.
3. Units left over are paired across the order when alike (``MOVE``): moved.
4. Units still left in the same gap are paired when loosely alike (``LOOSE``): heavily rewritten
   in place.
5. A unit still left that, joined to its neighbour's counterpart, makes the other version's unit
   much better is part of a split (one old, several new) or a merge (several old, one new).
6. Everything else is added or deleted. A pair whose texts differ only in cross-references that
   follow the renumbering (依照本法第十二条 -> 第十四条) says ``references``.

Similarities are rapidfuzz's normalized Indel ratio (2 * common / total, 0-1) on the folded
texts (``units.fold``): white space, line wrapping and punctuation width never count.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from aligner import figures
from aligner.compare.units import Change, Side, fold
from aligner.records import Record

PAIR = 0.5
MOVE = 0.6
LOOSE = 0.3
JOINED = 0.8  # a split or merge: the joined text is at least this alike
GAIN = 0.15  # and at least this much more alike than the first part alone
WORK = 400_000  # unit pairs compared all with all at most (beyond: a band along the order)

Edit = tuple[int, str]  # diff-match-patch's (op, text): -1 deleted, 0 kept, 1 inserted


@dataclass(frozen=True, repr=False, eq=False)
class Unit(Record):
    """One unit of the comparison: its old and new sides, how it changed, the changes in its Chinese."""

    status: Change
    old: Side | None
    new: Side | None
    similarity: float  # 0-1, of the folded texts (1.0 for unchanged)
    changes: tuple[Edit, ...] = ()  # old text -> new text, character by character (empty when unchanged)
    others: tuple[Side, ...] = ()  # the further new units of a split, old units of a merge


def _masked(body: str, *, own: bool = True) -> str:
    """``body`` with its cross-references to articles masked (第#条): to its own document's and to
    other laws' (``own`` True), or to other laws' only."""
    references = [r for r in figures.article_references(body, others=True) if own or not r.own]
    if not references:
        return body
    parts: list[str] = []
    last = 0
    for reference in references:
        parts.append(body[last : reference.start])
        parts.append("第#条")
        last = reference.end
    parts.append(body[last:])
    return "".join(parts)


class _Scores:
    """Similarities of old and new units, computed only for the stretches that need them.

    Anchored units need none; the units between two anchors are compared with each other, and
    the units left over with each other: far fewer pairs than every old unit with every new one
    (a law of 600 articles: seconds saved)."""

    def __init__(self, old: Sequence[Side], new: Sequence[Side], old_masked: list[str], new_masked: list[str]) -> None:
        import numpy as np

        self.old_masked, self.new_masked = old_masked, new_masked
        self.old_articles = np.array([side.role == "article" for side in old], dtype=bool)
        self.new_articles = np.array([side.role == "article" for side in new], dtype=bool)

    def block(self, olds: list[int], news: list[int]):  # type: ignore[no-untyped-def]
        """The similarities of ``olds`` with ``news`` (a len(olds) x len(news) array)."""
        import numpy as np
        from rapidfuzz import fuzz, process

        if not olds or not news:
            return np.zeros((len(olds), len(news)), dtype=np.float32)
        # Scores under LOOSE are never used: the cut-off lets rapidfuzz stop early on unlike pairs.
        block = process.cdist(
            [self.old_masked[i] for i in olds],
            [self.new_masked[j] for j in news],
            scorer=fuzz.ratio,
            workers=1,
            dtype=np.float32,
            score_cutoff=LOOSE * 100,
        )
        block /= 100.0
        # An article is compared with articles only; a heading or paragraph with the others.
        block[self.old_articles[olds][:, None] != self.new_articles[news][None, :]] = 0.0
        return block


def _longest_run(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by old index) increasing in the new index."""
    tails: list[int] = []  # new index ending the best run of each length
    ends: list[int] = []  # position in pairs of that run's end
    back: list[int] = []
    for position, (_old, new) in enumerate(pairs):
        length = bisect.bisect_left(tails, new)
        if length == len(tails):
            tails.append(new)
            ends.append(position)
        else:
            tails[length] = new
            ends[length] = position
        back.append(ends[length - 1] if length else -1)
    run: list[tuple[int, int]] = []
    position = ends[-1] if ends else -1
    while position >= 0:
        run.append(pairs[position])
        position = back[position]
    return run[::-1]


def _align(scores: _Scores, olds: list[int], news: list[int], threshold: float) -> list[tuple[int, int]]:
    """The monotone pairing of ``olds`` with ``news`` that maximises the sum of (score - threshold).

    A stretch too long for that (two unrelated documents of thousands of paragraphs) is paired
    in bounded time: each old unit with its most alike new one near the same place, then the
    longest run of those pairs in order."""
    if not olds or not news:
        return []
    if len(olds) * len(news) > WORK:
        return _banded(scores, olds, news, threshold)
    block = scores.block(olds, news) - threshold
    rows, cols = len(olds), len(news)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for r in range(rows - 1, -1, -1):
        line, below = best[r], best[r + 1]
        weights = block[r].tolist()
        for c in range(cols - 1, -1, -1):
            value = below[c] if below[c] >= line[c + 1] else line[c + 1]
            weight = weights[c]
            if weight >= 0 and below[c + 1] + weight + 1e-9 > value:
                value = below[c + 1] + weight + 1e-9  # a pair beats skipping at equal sums
            line[c] = value
    pairs: list[tuple[int, int]] = []
    r = c = 0
    while r < rows and c < cols:
        weight = float(block[r, c])
        if weight >= 0 and abs(best[r][c] - (best[r + 1][c + 1] + weight + 1e-9)) < 1e-12:
            pairs.append((olds[r], news[c]))
            r, c = r + 1, c + 1
        elif best[r + 1][c] >= best[r][c + 1]:
            r += 1
        else:
            c += 1
    return pairs


def _banded(scores: _Scores, olds: list[int], news: list[int], threshold: float) -> list[tuple[int, int]]:
    band = max(50, WORK // (4 * len(olds)))
    pairs: list[tuple[int, int]] = []
    for r, i in enumerate(olds):
        middle = r * len(news) // len(olds)
        window = news[max(0, middle - band) : middle + band]
        row = scores.block([i], window)[0]
        best = int(row.argmax())
        if row[best] >= threshold:
            pairs.append((i, window[best]))
    return _longest_run(pairs)


def _gaps(in_order: list[tuple[int, int]], n_old: int, n_new: int) -> list[tuple[range, range]]:
    """The stretches of old and new units between consecutive in-order pairs."""
    gaps: list[tuple[range, range]] = []
    previous = (-1, -1)
    for pair in [*sorted(in_order), (n_old, n_new)]:
        gaps.append((range(previous[0] + 1, pair[0]), range(previous[1] + 1, pair[1])))
        previous = pair
    return gaps


def pair_units(old: Sequence[Side], new: Sequence[Side]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(in-order pairs, moved pairs) of indexes into ``old`` and ``new``."""
    old_masked = [_masked(side.body) for side in old]
    new_masked = [_masked(side.body) for side in new]
    scores = _Scores(old, new, old_masked, new_masked)
    # 1. anchors: texts found once on each side
    where_old: dict[tuple[bool, str], list[int]] = {}
    where_new: dict[tuple[bool, str], list[int]] = {}
    for i, text in enumerate(old_masked):
        where_old.setdefault((old[i].role == "article", text), []).append(i)
    for j, text in enumerate(new_masked):
        where_new.setdefault((new[j].role == "article", text), []).append(j)
    unique = sorted(
        (found[0], where_new[key][0])
        for key, found in where_old.items()
        if len(found) == 1 and len(where_new.get(key, ())) == 1
    )
    in_order = _longest_run(unique)
    # 2. alike units between anchors, in order
    for olds, news in _gaps(in_order, len(old), len(new)):
        in_order.extend(_align(scores, list(olds), list(news), PAIR))
    in_order.sort()
    # 3. moved
    taken_old = {i for i, _ in in_order}
    taken_new = {j for _, j in in_order}
    free_old = [i for i in range(len(old)) if i not in taken_old]
    free_new = [j for j in range(len(new)) if j not in taken_new]
    candidates: list[tuple[float, int, int]] = []
    # Moves are looked for while the units left over are few enough to compare all with all.
    if free_old and free_new and len(free_old) * len(free_new) <= WORK:
        import numpy as np

        block = scores.block(free_old, free_new)
        for r, c in np.argwhere(block >= MOVE).tolist():
            candidates.append((-float(block[r, c]), free_old[r], free_new[c]))
    candidates.sort()
    moved: list[tuple[int, int]] = []
    for _negative, i, j in candidates:
        if i in taken_old or j in taken_new:
            continue
        taken_old.add(i)
        taken_new.add(j)
        moved.append((i, j))
    # A "moved" pair that sits between its neighbours' counterparts is in order after all.
    olds_in_order = [i for i, _ in in_order]
    for pair in list(moved):
        at = bisect.bisect_left(olds_in_order, pair[0])
        low = in_order[at - 1][1] if at else -1
        high = in_order[at][1] if at < len(in_order) else len(new)
        if low < pair[1] < high:
            moved.remove(pair)
            in_order.insert(at, pair)
            olds_in_order.insert(at, pair[0])
    # 4. heavily rewritten units in their place
    for olds, news in _gaps(in_order, len(old), len(new)):
        free_olds = [i for i in olds if i not in taken_old]
        free_news = [j for j in news if j not in taken_new]
        for i, j in _align(scores, free_olds, free_news, LOOSE):
            in_order.append((i, j))
            taken_old.add(i)
            taken_new.add(j)
    in_order.sort()
    return in_order, sorted(moved)


def compare_units(old: Sequence[Side], new: Sequence[Side]) -> list[Unit]:
    """Every unit of both versions in exactly one ``Unit``: new version's order, deleted units where they stood."""
    in_order, moved = pair_units(old, new)
    partner_of_old = dict(in_order + moved)
    partner_of_new = {j: i for i, j in partner_of_old.items()}
    # 5. splits and merges: a leftover unit next to a pair whose joined text is far more alike
    others_new: dict[int, list[int]] = {}  # old index -> further new units
    others_old: dict[int, list[int]] = {}  # new index -> further old units
    for j in range(len(new)):
        if j in partner_of_new:
            continue
        for neighbour in (j - 1, j + 1):
            i = partner_of_new.get(neighbour)
            if i is None:
                continue
            parts = sorted([neighbour, j, *others_new.get(i, [])])
            if _joined_gain(old[i].body, [new[k].body for k in parts], new[neighbour].body):
                others_new.setdefault(i, []).append(j)
                partner_of_new[j] = i
                break
    for i in range(len(old)):
        if i in partner_of_old:
            continue
        for neighbour in (i - 1, i + 1):
            j = partner_of_old.get(neighbour)
            if j is None or j in {k for ks in others_new.values() for k in ks} or neighbour in others_new:
                continue
            parts = sorted([neighbour, i, *others_old.get(j, [])])
            if _joined_gain(new[j].body, [old[k].body for k in parts], old[neighbour].body):
                others_old.setdefault(j, []).append(i)
                partner_of_old[i] = j
                break
    numbers = {
        old[i].number: new[j].number
        for i, j in in_order + moved
        if old[i].number is not None and new[j].number is not None
    }
    moved_set = set(moved)
    split_parts = {k for ks in others_new.values() for k in ks}
    merged_parts = {k for ks in others_old.values() for k in ks}
    # The new version's order; a deleted unit follows the new counterpart of the unit before it.
    placed_after: dict[int, list[int]] = {}
    last_new = -1
    in_order_old = dict(in_order)
    for i in range(len(old)):
        if i in in_order_old:
            last_new = in_order_old[i]
        elif i not in partner_of_old:
            placed_after.setdefault(last_new, []).append(i)
    units: list[Unit] = [_deleted(old[i]) for i in placed_after.get(-1, [])]
    for j in range(len(new)):
        if j not in split_parts:
            i = partner_of_new.get(j)
            if i is None:
                units.append(Unit(Change.ADDED, None, new[j], 0.0, ()))
            elif i in others_new:
                parts = [new[k] for k in sorted([j, *others_new[i]])]
                units.append(_joined(Change.SPLIT, [old[i]], parts, old[i], parts[0]))
            elif j in others_old:
                parts = [old[k] for k in sorted([i, *others_old[j]])]
                units.append(_joined(Change.MERGED, parts, [new[j]], parts[0], new[j]))
            else:
                units.append(_paired(old[i], new[j], (i, j) in moved_set, numbers))
        units.extend(_deleted(old[i]) for i in placed_after.get(j, []) if i not in merged_parts)
    return units


def _heading_title(side: Side) -> str | None:
    """A numbered heading's text without its number (第十二章　附则 -> 附则), folded; else None."""
    if side.role == "article":
        return None
    text = side.text.lstrip(" \t\u3000")
    mark = figures.HEADING_MARK.match(text)
    if mark is None:
        return None
    return fold(text[mark.end() :]) or None


def _joined_gain(whole: str, parts: list[str], first: str) -> bool:
    from rapidfuzz import fuzz

    joined = fuzz.ratio(whole, "".join(parts)) / 100.0
    alone = fuzz.ratio(whole, first) / 100.0
    return joined >= JOINED and joined >= alone + GAIN


def _deleted(side: Side) -> Unit:
    return Unit(Change.DELETED, side, None, 0.0, ())


def _joined(status: Change, olds: list[Side], news: list[Side], old: Side, new: Side) -> Unit:
    from rapidfuzz import fuzz

    old_text = "\n".join(side.text for side in olds)
    new_text = "\n".join(side.text for side in news)
    similarity = fuzz.ratio("".join(s.body for s in olds), "".join(s.body for s in news)) / 100.0
    others = tuple(side for side in (news if status is Change.SPLIT else olds) if side is not new and side is not old)
    return Unit(status, old, new, round(similarity, 3), edits(old_text, new_text), others)


def _paired(
    old: Side, new: Side, moved: bool, numbers: dict[figures.ArticleNumber | None, figures.ArticleNumber | None]
) -> Unit:
    from rapidfuzz import fuzz

    if old.body == new.body and not moved:
        status = Change.UNCHANGED if old.label == new.label else Change.RENUMBERED
        if status is Change.UNCHANGED:
            return Unit(status, old, new, 1.0, ())
        return Unit(status, old, new, 1.0, edits(old.text, new.text))
    if not moved and _heading_title(old) is not None and _heading_title(old) == _heading_title(new):
        # A chapter put in or taken out renumbers the chapters after it (第二章 法律责任 -> 第三章).
        return Unit(Change.RENUMBERED, old, new, 1.0, edits(old.text, new.text))
    similarity = round(fuzz.ratio(old.body, new.body) / 100.0, 3)
    if moved:
        status = Change.MOVED
    elif _masked(old.body) == _masked(new.body) and _masked(
        figures.renumber_references(old.body, numbers),  # type: ignore[arg-type]
        own=False,
    ) == _masked(new.body, own=False):
        # Only references changed: the document's own ones as its articles were renumbered, other
        # laws' as those laws were (刑事诉讼法第三十二条 -> 第三十三条).
        status = Change.REFERENCES
    else:
        status = Change.MODIFIED
    return Unit(status, old, new, similarity, edits(old.text, new.text))


def edits(old: str, new: str) -> tuple[Edit, ...]:
    """The changes from ``old`` to ``new``, character by character, cleaned up to read as words
    (diff-match-patch's semantic clean-up), without a time limit (the same result every run)."""
    from diff_match_patch import diff_match_patch

    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    diffs = engine.diff_main(old, new, False)
    engine.diff_cleanupSemantic(diffs)
    return tuple((op, text) for op, text in diffs)
