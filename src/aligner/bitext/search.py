"""The bead search: a monotone dynamic programme inside a band of sure sentence pairs.

Every cell (i, j) means "the first i Chinese and j English sentences are aligned"; a bead of a
Chinese and b English sentences moves from (i - a, j - b) to (i, j). Its cost adds the
dictionary similarity of the two blocks (discounted when one sentence of the block adds
nothing), the Gale-Church length cost, a prior against beads of several sentences, and the
structure (paragraph breaks, heading numbers). The band is the union of the rectangles between
consecutive sure pairs (Bertalign's idea of a first pass on confident 1-1 pairs), so time and
memory grow with the length of the texts, not their product; a corridor caps any rectangle
where no sure pair is found. The rows are solved with numpy, one row at a time.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from aligner.bitext import lengths
from aligner.bitext.features import Side
from aligner.bitext.units import Bead
from aligner.records import Record

INF = math.inf
_FULL_CELLS = 60_000  # below this many cells the whole matrix is searched
_ROW_BLOCK = 64
# A genuine part of a bead carries part of the meaning: its cosine with the whole other side is
# lower than the bead's by about this factor.
PART_SCALE = 1.4
# Sure pairs for the band: best match this many deviations above unrelated pairs, and this far
# above the runner-up; searched this share of the English text (at least this many sentences) away
# from where the lengths put it.
_ANCHOR_Z = 6.0
_ANCHOR_MARGIN = 1.5
_ANCHOR_REACH = 0.08
_ANCHOR_REACH_MIN = 60
_CORRIDOR = 150  # half-width of the band where no sure pair narrows it
_SURE = 0.8  # a bead this confident holds its neighbours in place
_HELD = 0.6  # lowest confidence of a pair held between two sure ones
_STRETCH = 6  # this many weak beads in a row are searched again through their own anchors
_LOCAL_Z = 4.0  # an anchor inside a stretch: this many deviations above the stretch's pairs
_GAIN = 0.02  # the new reading of a stretch must be this much more confident on average


@dataclass(frozen=True, repr=False, eq=False)
class Params(Record):
    """Weights of the signals. The defaults were tuned on the Bible and WMT22 benchmarks; those
    of m-n beads, merges and speech tags (max_cross, cross_step, absorb, cover_z, tail) on the
    tuning parts of benchmarks/align only (the first half of the Bible, even documents)."""

    max_bead: int = 6  # most sentences on one side of a bead (1-1 up to 1-6, 6-1, m-n up to 7 in all)
    max_cross: int = 0  # most sentences in all of an m-n bead (0: max_bead + 1)
    lexical: float = 8.0  # weight of (1 - cosine) of the dictionary vectors, per sentence in the bead
    length: float = 0.5  # weight of the Gale-Church length cost
    skip: float = 5.0  # cost of leaving one sentence unpaired (1-0, 0-1)
    merge: float = 0.6  # cost of each sentence beyond the first on a side (prior against n:m beads)
    cross: float = 1.5  # extra cost of a bead with several sentences on both sides (2-2)
    cross_step: float = 1.0  # and for each sentence beyond four in it (2-3, 3-3, ...)
    paragraph: float = 0.5  # cost of a bead running over a paragraph break on one side
    boundary: float = 0.3  # cost of a bead that opens a paragraph on one side only
    heading: float = 3.0  # reward for two headings with the same label; cost for different labels
    window: int = 8  # slack of the band around the rectangles between sure pairs
    shift: float = 1.5  # extra cost accepted to pair a skipped sentence rather than shift its neighbours
    second_pass: bool = True  # realign with word pairs learned from the first alignment
    embed: bool = False  # add the optional multilingual sentence encoder (aligner[embed])
    embed_weight: float = 0.5  # share of the encoder's cosine in the similarity when it is used
    parts: float = 0.4  # how much a bead's weakest sentence pulls its similarity down
    threshold: float = 0.5  # below this confidence a bead is marked for review
    reanchor: bool = True  # search long stretches of weak beads again through their own anchors
    tail: float = 2.0  # cost of a bead that opens with a speech tag cut off its quotation (他说。)
    absorb: float = 3.0  # extra cost accepted to merge an unpaired sentence its neighbour covers
    cover_z: float = 2.0  # how far above chance the neighbour must match the unpaired sentence


def bead_types(max_bead: int, max_cross: int = 0) -> list[tuple[int, int]]:
    """1-1, 1-0, 0-1, then 1-n and n-1 up to ``max_bead``, and m-n beads with several sentences
    on both sides (2-2, 2-3, 3-2, 3-3, ...) of at most ``max_cross`` sentences in all (default:
    ``max_bead + 1``, so 2-5, 3-4, 4-3 and 5-2 at the default 6; larger ones are rarer than the
    errors they would invite). Each type costs one pass over the band: time stays linear."""
    total = max_cross or max_bead + 1
    types = [(1, 1), (1, 0), (0, 1)]
    for k in range(2, max_bead + 1):
        types += [(1, k), (k, 1)]
    for size in range(4, total + 1):
        types += [(a, size - a) for a in range(2, size - 1) if a <= max_bead and size - a <= max_bead]
    return types


@dataclass(repr=False)
class _Level(Record):
    z: np.ndarray  # (n, D) vectors
    e: np.ndarray
    zl: np.ndarray  # lengths
    el: np.ndarray
    zfirst: np.ndarray | None  # structure
    efirst: np.ndarray | None
    zlab: tuple[str, ...] = ()
    elab: tuple[str, ...] = ()
    zemb: np.ndarray | None = None  # sentence embeddings, when the encoder is used
    eemb: np.ndarray | None = None
    embed_weight: float = 0.0
    ztail: np.ndarray | None = None  # speech tags that belong with the sentence before
    etail: np.ndarray | None = None
    _cache: dict[tuple[str, int], np.ndarray] = field(default_factory=dict)

    def block_z(self, a: int) -> np.ndarray:
        """Row i = unit vector of the Chinese sentences i-a .. i-1; 0 when i < a."""
        return self._block("z", a)

    def block_e(self, b: int) -> np.ndarray:
        return self._block("e", b)

    def unit_z(self) -> np.ndarray:
        """Row k = unit vector of Chinese sentence k."""
        return self.block_z(1)[1:]

    def unit_e(self) -> np.ndarray:
        return self.block_e(1)[1:]

    def _block(self, side: str, a: int) -> np.ndarray:
        key = (side, a)
        if key not in self._cache:
            vectors, embeddings = (self.z, self.zemb) if side == "z" else (self.e, self.eemb)
            block = _blocks(vectors, a)
            if embeddings is not None and self.embed_weight > 0:
                # Concatenated unit parts scaled so that a dot product is the weighted mean of
                # the two cosines: (1 - w) * dictionary + w * encoder.
                block = np.hstack(
                    [block * np.sqrt(1.0 - self.embed_weight), _blocks(embeddings, a) * np.sqrt(self.embed_weight)]
                ).astype(np.float32, copy=False)
            self._cache[key] = block
        return self._cache[key]


def _blocks(vectors: np.ndarray, a: int) -> np.ndarray:
    """Row i = normalised sum of rows i-a .. i-1 (a bead of a sentences ending before i); 0 when i < a."""
    n, dim = vectors.shape
    out = np.zeros((n + 1, dim), dtype=np.float32)
    for k in range(1, a + 1):  # a is small: shifted sums beat a prefix sum of the whole matrix
        if k <= n:
            out[a:] += vectors[a - k : n + 1 - k]
    return _unit(out)


def _block_sums(values: np.ndarray, a: int) -> np.ndarray:
    prefix = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    out = np.full(len(values) + 1, np.nan)
    if a <= len(values):
        out[a:] = prefix[a:] - prefix[: len(values) + 1 - a]
    return out


def _inner_breaks(first: np.ndarray, a: int) -> np.ndarray:
    """Row i = paragraph starts strictly inside the block i-a .. i-1."""
    n = len(first)
    prefix = np.concatenate([[0], np.cumsum(first.astype(np.int64))])
    out = np.zeros(n + 1)
    if 2 <= a <= n:
        # the block is rows i-a .. i-1; a start at its own first row is no break inside it
        out[a:] = prefix[a : n + 1] - prefix[1 : n + 2 - a]
    return out


def _opens(first: np.ndarray, a: int) -> np.ndarray:
    """Row i = the block i-a .. i-1 opens a paragraph."""
    n = len(first)
    out = np.zeros(n + 1, dtype=bool)
    if a <= n:
        out[a:] = first[: n + 1 - a]
    return out


def _sum_norms(vectors: np.ndarray, a: int) -> np.ndarray:
    """Row i = length of the sum of rows i-a .. i-1 (0 when i < a)."""
    n, dim = vectors.shape
    out = np.zeros((n + 1, dim), dtype=np.float64)
    for k in range(1, a + 1):
        if k <= n:
            out[a:] += vectors[a - k : n + 1 - k]
    return np.sqrt(np.einsum("ij,ij->i", out, out))


class _Window:
    """Similarities of every bead type over one rectangle of the band, from one matrix product.

    The dot product of two blocks of sentences is a sum of sentence-by-sentence dot products,
    so one product of the raw vectors and its prefix sums give every block (and every part of a
    block against the other side) in a few operations per cell: each further bead type costs
    arithmetic on the rectangle, not another product over the vector dimensions.
    """

    def __init__(self, level: _Level, r0: int, r1: int, c0: int, c1: int, depth_z: int, depth_e: int) -> None:
        n, m = len(level.zl), len(level.el)
        self.level, self.r0, self.r1, self.c0, self.c1 = level, r0, r1, c0, c1
        self.zs, self.es = max(r0 - depth_z, 0), max(c0 - depth_e, 0)
        self.rows = np.arange(r0, r1)
        self.cols = np.arange(c0, c1)
        spaces = [(level.z, level.e, 1.0 - level.embed_weight if level.zemb is not None else 1.0, "d")]
        if level.zemb is not None and level.eemb is not None and level.embed_weight > 0:
            spaces.append((level.zemb, level.eemb, level.embed_weight, "m"))
        self.spaces = []
        for zv, ev, weight, tag in spaces:
            raw = (zv[self.zs : min(r1, n)] @ ev[self.es : min(c1, m)].T).astype(np.float64)
            both = np.zeros((raw.shape[0] + 1, raw.shape[1] + 1))
            both[1:, 1:] = raw.cumsum(axis=0).cumsum(axis=1)
            along = np.zeros((raw.shape[0], raw.shape[1] + 1))  # along[x, y]: row x, columns < y
            along[:, 1:] = raw.cumsum(axis=1)
            down = np.zeros((raw.shape[0] + 1, raw.shape[1]))  # down[x, y]: column y, rows < x
            down[1:, :] = raw.cumsum(axis=0)
            self.spaces.append((zv, ev, weight, tag, both, along, down))

    def _norm(self, side: str, vectors: np.ndarray, tag: str, a: int) -> np.ndarray:
        key = (f"n{side}{tag}", a)
        cache = self.level._cache
        if key not in cache:
            cache[key] = _sum_norms(vectors, a)  # type: ignore[assignment]
        return cache[key]

    def sims(self, a: int, b: int, part_weight: float) -> np.ndarray:
        """Cosine of each block pair ending at (i, j), discounted as ``_with_parts`` does."""
        i = self.rows[:, None]
        j = self.cols[None, :]
        valid = (i >= a) & (j >= b)
        x1, x0 = np.clip(i - self.zs, 0, None), np.clip(i - a - self.zs, 0, None)
        y1, y0 = np.clip(j - self.es, 0, None), np.clip(j - b - self.es, 0, None)
        total = np.zeros((len(self.rows), len(self.cols)))
        weakest = np.full(total.shape, np.inf) if a > 1 or b > 1 else None
        parts_z: list[np.ndarray] = []
        parts_e: list[np.ndarray] = []
        for zv, ev, weight, tag, both, along, down in self.spaces:
            nz = np.maximum(self._norm("z", zv, tag, a)[self.rows], 1e-9)[:, None]
            ne = np.maximum(self._norm("e", ev, tag, b)[self.cols], 1e-9)[None, :]
            dot = both[x1, y1] - both[x0, y1] - both[x1, y0] + both[x0, y0]
            total += weight * np.where(valid, dot / (nz * ne), 0.0)
            if weakest is None:
                continue
            if a > 1:
                single = np.maximum(self._norm("z", zv, tag, 1), 1e-9)
                for k in range(1, a + 1):  # sentence i-k of each block ending at i
                    row = i - k - self.zs
                    ok = (i - k >= 0) & (row >= 0)
                    row = np.clip(row, 0, along.shape[0] - 1)
                    part = (along[row, y1] - along[row, y0]) / (single[np.clip(i - k + 1, 0, None)] * ne)
                    part = weight * np.where(ok & valid, part, 0.0)
                    if len(parts_z) < a:
                        parts_z.append(part)
                    else:
                        parts_z[k - 1] = parts_z[k - 1] + part
            if b > 1:
                single = np.maximum(self._norm("e", ev, tag, 1), 1e-9)
                for k in range(1, b + 1):
                    col = j - k - self.es
                    ok = (j - k >= 0) & (col >= 0)
                    col = np.clip(col, 0, down.shape[1] - 1)
                    part = (down[x1, col] - down[x0, col]) / (nz * single[np.clip(j - k + 1, 0, None)])
                    part = weight * np.where(ok & valid, part, 0.0)
                    if len(parts_e) < b:
                        parts_e.append(part)
                    else:
                        parts_e[k - 1] = parts_e[k - 1] + part
        if weakest is None:
            return total
        for part in parts_z + parts_e:
            weakest = np.minimum(weakest, part)
        return total - part_weight * np.maximum(0.0, total - PART_SCALE * weakest)


def _cost_rows(
    level: _Level, types: list[tuple[int, int]], lo: list[int], hi: list[int], ratio: float, params: Params
) -> dict[tuple[int, int], list[np.ndarray]]:
    n, m = len(level.zl), len(level.el)
    costs: dict[tuple[int, int], list[np.ndarray]] = {t: [] for t in types}
    paired = [(a, b) for a, b in types if a and b]
    for a, b in types:
        if a == 0 or b == 0:
            for i in range(n + 1):
                row = np.full(hi[i] - lo[i] + 1, params.skip if i >= a else INF)
                # a speech tag left alone is as wrong as one given to the next bead
                if a and i >= 1 and level.ztail is not None and level.ztail[i - 1]:
                    row += params.tail
                if b and level.etail is not None:
                    j0 = max(lo[i], 1)
                    row[j0 - lo[i] :] += params.tail * level.etail[j0 - 1 : hi[i]]
                if b and lo[i] == 0:
                    row[0] = INF
                costs[(a, b)].append(row)
    if not paired:
        return costs
    depth_z = max(a for a, _b in paired)
    depth_e = max(b for _a, b in paired)
    fixed: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, float, np.ndarray, np.ndarray, object, object]] = {}
    for a, b in paired:
        # Sums of several sentences compare better than single ones (less noise), so a bead with
        # several sentences on both sides must beat its 1-1 decomposition by a clear margin.
        prior = params.merge * (a + b - 2) + _cross(a, b, params)
        zextra = np.zeros(n + 1)
        eextra = np.zeros(m + 1)
        zopen = eopen = None
        if level.zfirst is not None and level.efirst is not None:
            zextra = params.paragraph * _inner_breaks(level.zfirst, a)
            eextra = params.paragraph * _inner_breaks(level.efirst, b)
            zopen = _opens(level.zfirst, a)
            eopen = _opens(level.efirst, b)
        if level.ztail is not None:
            zextra = zextra + params.tail * _opens(level.ztail, a)
        if level.etail is not None:
            eextra = eextra + params.tail * _opens(level.etail, b)
        fixed[(a, b)] = (_block_sums(level.zl, a), _block_sums(level.el, b), prior, zextra, eextra, zopen, eopen)
    for r0 in range(0, n + 1, _ROW_BLOCK):
        r1 = min(n + 1, r0 + _ROW_BLOCK)
        c0 = min(lo[r0:r1])
        c1 = max(hi[r0:r1]) + 1
        window = _Window(level, r0, r1, c0, c1, depth_z, depth_e)
        for a, b in paired:
            zlen, elen, prior, zextra, eextra, zopen, eopen = fixed[(a, b)]
            sims = window.sims(a, b, params.parts)
            lex = params.lexical * (1.0 - sims) * (a + b) / 2.0
            gc = params.length * lengths.cost(zlen[r0:r1, None], elen[None, c0:c1], ratio)
            block = lex + gc + prior + zextra[r0:r1, None] + eextra[None, c0:c1]
            if zopen is not None and eopen is not None:
                block = block + params.boundary * (zopen[r0:r1, None] != eopen[None, c0:c1])  # type: ignore[index]
            block = np.where(np.isnan(block), INF, block)
            rows = costs[(a, b)]
            for k, i in enumerate(range(r0, r1)):
                rows.append(block[k, lo[i] - c0 : hi[i] - c0 + 1])
    if (1, 1) in costs and level.zlab and level.elab:
        rows = costs[(1, 1)]
        for i in range(1, n + 1):
            zl = level.zlab[i - 1]
            for j in range(max(lo[i], 1), hi[i] + 1):
                el = level.elab[j - 1]
                if zl and el:
                    rows[i][j - lo[i]] += -params.heading if zl == el else params.heading
                elif zl or el:
                    rows[i][j - lo[i]] += params.heading / 3.0
    return costs


def _cross(a: int, b: int, params: Params) -> float:
    """Prior against a bead with several sentences on both sides, growing with its size beyond 2-2."""
    return params.cross + params.cross_step * (a + b - 4) if a > 1 and b > 1 else 0.0


def _bead_cost(level: _Level, i: int, j: int, a: int, b: int, ratio: float, params: Params) -> float:
    """Cost of the one bead of ``a`` Chinese and ``b`` English sentences ending at (i, j): the
    formula of ``_cost_rows`` for a single cell (kept equal to it by a test)."""
    if a == 0 or b == 0:
        tail = level.ztail if a else level.etail
        return params.skip + (params.tail * bool(tail[(i if a else j) - 1]) if tail is not None else 0.0)
    sims = np.array([[float(level.block_z(a)[i] @ level.block_e(b)[j])]], dtype=np.float32)
    if a > 1 or b > 1:
        sims = _with_parts(sims, level, level.block_z(a), level.block_e(b), a, b, i, i + 1, j, j + 1, params.parts)
    cost = params.lexical * (1.0 - float(sims[0, 0])) * (a + b) / 2.0
    zlen, elen = float(level.zl[i - a : i].sum()), float(level.el[j - b : j].sum())
    cost += params.length * float(lengths.cost(np.array([zlen]), np.array([elen]), ratio)[0])
    cost += params.merge * (a + b - 2) + _cross(a, b, params)
    if level.zfirst is not None and level.efirst is not None:
        cost += params.paragraph * (int(level.zfirst[i - a + 1 : i].sum()) + int(level.efirst[j - b + 1 : j].sum()))
        cost += params.boundary * (bool(level.zfirst[i - a]) != bool(level.efirst[j - b]))
    if level.ztail is not None:
        cost += params.tail * bool(level.ztail[i - a])
    if level.etail is not None:
        cost += params.tail * bool(level.etail[j - b])
    if (a, b) == (1, 1) and level.zlab and level.elab:
        zl, el = level.zlab[i - 1], level.elab[j - 1]
        if zl and el:
            cost += -params.heading if zl == el else params.heading
        elif zl or el:
            cost += params.heading / 3.0
    return cost


def _repair(
    level: _Level, path: list[tuple[int, int, int, int]], ratio: float, params: Params
) -> list[tuple[int, int, int, int]]:
    """Give a skipped sentence back the partner its neighbouring bead took.

    The search may leave a sentence unpaired and hand its translation to the next (or previous)
    bead as an extra sentence: the pairs after it then read shifted by one. Where pairing it
    costs at most ``shift`` more than that, the unshifted reading is kept.
    """
    beads = list(path)
    k = 0
    while k + 1 < len(beads):
        (i1, j1, a1, b1), (i2, j2, a2, b2) = beads[k], beads[k + 1]
        current = _bead_cost(level, i1, j1, a1, b1, ratio, params) + _bead_cost(level, i2, j2, a2, b2, ratio, params)
        options: list[tuple[tuple[int, int, int, int], tuple[int, int, int, int]]] = []
        if (a1, b1) == (1, 0) and a2 == 1 and b2 >= 2:  # zh skipped, next bead took two English
            options.append(((i1, j1 + 1, 1, 1), (i2, j2, 1, b2 - 1)))
        if (a2, b2) == (1, 0) and a1 == 1 and b1 >= 2:  # previous bead took two English, zh skipped
            options.append(((i1, j1 - 1, 1, b1 - 1), (i2, j2, 1, 1)))
        if (a1, b1) == (0, 1) and b2 == 1 and a2 >= 2:  # en skipped, next bead took two Chinese
            options.append(((i1 + 1, j1, 1, 1), (i2, j2, a2 - 1, 1)))
        if (a2, b2) == (0, 1) and b1 == 1 and a1 >= 2:
            options.append(((i1 - 1, j1, a1 - 1, 1), (i2, j2, 1, 1)))
        for first, second in options:
            cost = _bead_cost(level, *first, ratio, params) + _bead_cost(level, *second, ratio, params)
            if cost <= current + params.shift:
                beads[k], beads[k + 1] = first, second
                break
        k += 1
    return beads


def _chance(level: _Level) -> tuple[float, float]:
    """Mean and spread of the similarity of unrelated sentence pairs (a fixed random sample)."""
    rng = np.random.default_rng(0)
    zu, eu = level.unit_z(), level.unit_e()
    ri = rng.integers(0, len(zu), 2000)
    rj = rng.integers(0, len(eu), 2000)
    random_sims = np.einsum("kd,kd->k", zu[ri], eu[rj])
    return float(random_sims.mean()), float(random_sims.std()) + 1e-6


def _absorb(
    level: _Level, path: list[tuple[int, int, int, int]], ratio: float, params: Params
) -> list[tuple[int, int, int, int]]:
    """Merge a sentence left unpaired into its neighbour's bead where that bead covers it.

    A translation that merges two sentences into one reads, to the search, as a 1-1 bead and a
    1-0 one whenever the merged bead's weaker half pulls its similarity down. The merge wins when
    the unpaired sentence stands above chance against the neighbour's other side (the dictionary
    sees it covered) and the merged bead costs at most ``absorb`` more than the two apart (the
    lengths do not object). A swapped pair read as 1-0, 1-1, 0-1 becomes one 2-2 bead the same way.
    """
    if params.absorb <= 0 or len(path) < 2:
        return path
    mu, sigma = _chance(level)
    zu, eu = level.unit_z(), level.unit_e()
    limit = params.max_bead

    def covered(a: int, b: int, i: int, j: int, lone_z: int | None, lone_e: int | None) -> bool:
        if lone_z is not None and (float(zu[lone_z] @ level.block_e(b)[j]) - mu) / sigma < params.cover_z:
            return False
        return lone_e is None or (float(level.block_z(a)[i] @ eu[lone_e]) - mu) / sigma >= params.cover_z

    def cost(bead: tuple[int, int, int, int]) -> float:
        return _bead_cost(level, *bead, ratio, params)

    beads = list(path)
    k = 0
    while k < len(beads):
        i, j, a, b = beads[k]
        if a and b:
            k += 1
            continue
        best: tuple[float, int, int, tuple[int, int, int, int]] | None = None
        # the bead after, or the bead before, takes the lone sentence
        for first, second in ((k, k + 1), (k - 1, k)):
            if first < 0 or second >= len(beads):
                continue
            (_i1, _j1, a1, b1), (i2, j2, a2, b2) = beads[first], beads[second]
            merged = (i2, j2, a1 + a2, b1 + b2)
            pair = beads[second] if first == k else beads[first]
            if not (pair[2] and pair[3]) or max(merged[2], merged[3]) > limit:
                continue
            if min(merged[2], merged[3]) > 1 and merged[2] + merged[3] > (params.max_cross or limit + 1):
                continue
            lone_z = (i - 1) if a else None
            lone_e = (j - 1) if b else None
            if not covered(merged[2], merged[3], merged[0], merged[1], lone_z, lone_e):
                continue
            extra = cost(merged) - cost(beads[first]) - cost(beads[second])
            if extra <= params.absorb and (best is None or extra < best[0]):
                best = (extra, first, second, merged)
        # 1-0, 1-1, 0-1 (or 0-1, 1-1, 1-0): a swapped pair
        if k + 2 < len(beads):
            (_, _, a1, b1), (_, _, a2, b2), (i3, j3, a3, b3) = beads[k], beads[k + 1], beads[k + 2]
            if {(a1, b1), (a3, b3)} == {(1, 0), (0, 1)} and (a2, b2) == (1, 1):
                merged = (i3, j3, 2, 2)
                extra = cost(merged) - sum(cost(beads[t]) for t in (k, k + 1, k + 2))
                lone_z = beads[k][0] - 1 if a1 else i3 - 1
                lone_e = beads[k][1] - 1 if b1 else j3 - 1
                if (
                    covered(2, 2, i3, j3, lone_z, lone_e)
                    and extra <= params.absorb
                    and (best is None or extra < best[0])
                ):
                    best = (extra, k, k + 2, merged)
        if best is None:
            k += 1
            continue
        _extra, first, last, merged = best
        beads[first : last + 1] = [merged]
        k = max(first, 0)
    return beads


def _with_parts(
    sims: np.ndarray,
    level: _Level,
    za: np.ndarray,
    eb: np.ndarray,
    a: int,
    b: int,
    r0: int,
    r1: int,
    c0: int,
    c1: int,
    part_weight: float = 0.5,
) -> np.ndarray:
    """Similarity of a bead of several sentences, discounted when one of them adds nothing.

    A sentence with no counterpart glued to a good pair barely lowers the cosine of the whole,
    so an omission would hide inside a 2-1 bead; the weakest part's own similarity with the
    other side exposes it.
    """
    weakest = np.full(sims.shape, np.inf, dtype=np.float32)
    height, width = sims.shape
    if a > 1:
        # One product for all parts: row t of ``parts`` is Chinese sentence r0 - a + t.
        start = r0 - a
        single = level.unit_z()[max(start, 0) : r1]
        parts = single @ eb[c0:c1].T
        if start < 0:
            parts = np.vstack([np.zeros((-start, width), dtype=parts.dtype), parts])
        for k in range(1, a + 1):  # sentence i-k of each block ending at i
            weakest = np.minimum(weakest, parts[a - k : a - k + height])
    if b > 1:
        start = c0 - b
        single = level.unit_e()[max(start, 0) : c1]
        parts = za[r0:r1] @ single.T
        if start < 0:
            parts = np.hstack([np.zeros((height, -start), dtype=parts.dtype), parts])
        for k in range(1, b + 1):
            weakest = np.minimum(weakest, parts[:, b - k : b - k + width])
    return sims - part_weight * np.maximum(0.0, sims - PART_SCALE * weakest)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))[:, None]
    return (vectors / np.maximum(norms, 1e-9)).astype(np.float32, copy=False)


def _dp(
    n: int,
    m: int,
    types: list[tuple[int, int]],
    lo: list[int],
    hi: list[int],
    costs: dict[tuple[int, int], list[np.ndarray]],
) -> list[tuple[int, int, int, int]]:
    """Cheapest monotone path from (0, 0) to (n, m) inside the band; beads as (i, j, a, b) ends.

    Row by row with numpy: beads that consume Chinese read the finished rows above; a 0-1 bead
    moves along the same row, which is a running minimum over prefix sums of its costs.
    """
    score: list[np.ndarray] = []
    back: list[np.ndarray] = []
    along = types.index((0, 1)) if (0, 1) in types else -1
    for i in range(n + 1):
        l_i, h_i = lo[i], hi[i]
        best = np.full(h_i - l_i + 1, INF)
        arg = np.full(h_i - l_i + 1, -1, dtype=np.int8)
        if i == 0 and l_i == 0:
            best[0] = 0.0
        for k, (a, b) in enumerate(types):
            if a == 0:
                continue
            pi = i - a
            if pi < 0:
                continue
            j0 = max(l_i, lo[pi] + b)
            j1 = min(h_i, hi[pi] + b)
            if j0 > j1:
                continue
            prev = score[pi][j0 - b - lo[pi] : j1 - b - lo[pi] + 1]
            cand = prev + costs[(a, b)][i][j0 - l_i : j1 - l_i + 1]
            window = best[j0 - l_i : j1 - l_i + 1]
            better = cand < window
            window[better] = cand[better]
            arg[j0 - l_i : j1 - l_i + 1][better] = k
        if along >= 0 and len(best) > 1:
            step = np.asarray(costs[(0, 1)][i], dtype=np.float64).copy()
            step[0] = 0.0  # the first cell of a row has no left neighbour inside the band
            prefix = np.cumsum(step)
            values = best - prefix
            running = np.minimum.accumulate(values)
            moved = running < values
            best = np.where(moved, running + prefix, best)
            arg[moved] = along
        score.append(best)
        back.append(arg)
    if not lo[n] <= m <= hi[n] or score[n][m - lo[n]] == INF:
        raise RuntimeError("no path inside the band")
    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = types[int(back[i][j - lo[i]])]
        path.append((i, j, a, b))
        i, j = i - a, j - b
    path.reverse()
    return path


Band = tuple[list[int], list[int]]


def band(zh: Side, en: Side, params: Params | None = None) -> Band | None:
    """The rows' column ranges to search, or None when the whole matrix is small enough."""
    params = params or Params()
    n, m = zh.size, en.size
    if (n + 1) * (m + 1) <= _FULL_CELLS or n < 4 or m < 4:
        return None
    ratio = lengths.ratio(float(zh.lengths.sum()), float(en.lengths.sum()))
    return _anchor_band(_level(zh, en, params.embed_weight), ratio, params.window)


def _level(zh: Side, en: Side, embed_weight: float = 0.0) -> _Level:
    weight = embed_weight if zh.embeddings is not None and en.embeddings is not None else 0.0
    return _Level(
        zh.vectors,
        en.vectors,
        zh.lengths,
        en.lengths,
        zh.first,
        en.first,
        zh.labels,
        en.labels,
        zh.embeddings,
        en.embeddings,
        weight,
        zh.tails,
        en.tails,
    )


def _anchor_band(level: _Level, ratio: float, slack: int) -> tuple[list[int], list[int]]:
    """The band from sure 1-1 pairs: between two consecutive anchors the path stays inside their
    rectangle (plus ``slack``), so dense anchors give a narrow band and a false one costs little.

    A pair is sure when the Chinese sentence's best English match, searched around the diagonal
    that the lengths predict, stands far above unrelated pairs and above its runner-up; the
    longest chain of sure pairs that is monotone on both sides is kept.
    """
    n, m = len(level.zl), len(level.el)
    zu, eu = level.unit_z(), level.unit_e()
    zc = np.concatenate([[0.0], np.cumsum(level.zl)])
    ec = np.concatenate([[0.0], np.cumsum(level.el)])
    # English position that the lengths predict for each Chinese sentence.
    expected = np.interp(zc[:-1] / max(zc[-1], 1.0) * ec[-1], ec[:-1], np.arange(m))
    reach = max(_ANCHOR_REACH_MIN, int(_ANCHOR_REACH * m))
    rng = np.random.default_rng(0)
    sample = eu[rng.integers(0, m, min(m, 500))]
    best_j = np.full(n, -1)
    best_z = np.zeros(n)
    # The best Chinese match of each English sentence: an anchor must be best both ways.
    column_sim = np.full(m, -np.inf)
    column_i = np.full(m, -1)
    for r0 in range(0, n, _ROW_BLOCK):
        r1 = min(n, r0 + _ROW_BLOCK)
        c0 = max(0, int(expected[r0]) - reach)
        c1 = min(m, int(expected[r1 - 1]) + reach + 1)
        sims = zu[r0:r1] @ eu[c0:c1].T
        noise = zu[r0:r1] @ sample.T
        mu, sigma = noise.mean(axis=1), noise.std(axis=1) + 1e-6
        order = np.argpartition(-sims, 1, axis=1)[:, :2] if sims.shape[1] > 2 else np.argsort(-sims, axis=1)[:, :2]
        rows_best = sims.argmax(axis=0)
        cols_best = sims[rows_best, np.arange(c1 - c0)]
        better = cols_best > column_sim[c0:c1]
        column_sim[c0:c1] = np.where(better, cols_best, column_sim[c0:c1])
        column_i[c0:c1] = np.where(better, rows_best + r0, column_i[c0:c1])
        top = np.take_along_axis(sims, order, axis=1)
        if top.shape[1] > 1:  # argpartition leaves the two best unordered
            swap = top[:, 1] > top[:, 0]
            order[swap] = order[swap][:, ::-1]
            top[swap] = top[swap][:, ::-1]
        for k in range(r1 - r0):
            j = c0 + int(order[k, 0])
            if abs(j - expected[r0 + k]) > reach:
                continue
            z1 = (top[k, 0] - mu[k]) / sigma[k]
            z2 = (top[k, 1] - mu[k]) / sigma[k] if top.shape[1] > 1 else 0.0
            if z1 >= _ANCHOR_Z and z1 - z2 >= _ANCHOR_MARGIN:
                best_j[r0 + k] = j
                best_z[r0 + k] = z1
    mutual = [(int(i), int(best_j[i])) for i in np.flatnonzero(best_j >= 0) if column_i[best_j[i]] == i]
    chain = _monotone_chain(mutual)
    chain = _drop_outliers(chain)
    return _chain_band(chain, n, m, slack)


def _chain_band(chain: list[tuple[int, int]], n: int, m: int, slack: int) -> tuple[list[int], list[int]]:
    """The union of the rectangles between consecutive points of ``chain`` (plus ``slack``)."""
    points = [(0, 0), *((i, j) for i, j in chain), (n, m)]
    lo = [m] * (n + 1)
    hi = [0] * (n + 1)
    for (i1, j1), (i2, j2) in itertools.pairwise(points):
        for i in range(i1, i2 + 1):
            # Without sure pairs for a long stretch, a corridor around the straight line keeps
            # the search linear: the rectangle could be as large as the whole matrix.
            centre = j1 + (j2 - j1) * (i - i1) / max(i2 - i1, 1)
            low = max(j1, int(centre) - _CORRIDOR) - slack
            high = min(j2, int(centre) + _CORRIDOR) + 1 + slack
            lo[i] = min(lo[i], max(0, low))
            hi[i] = max(hi[i], min(m, high))
    lo[0], hi[n] = 0, m
    for r in range(n - 1, -1, -1):
        lo[r] = min(lo[r], lo[r + 1])
    for r in range(1, n + 1):
        hi[r] = max(hi[r], hi[r - 1])
    return lo, hi


def _drop_outliers(chain: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Anchors off the line through their neighbours are formulaic repeats matched to the wrong copy."""
    kept = list(chain)
    for _round in range(2):
        out = []
        for k, (i, j) in enumerate(kept):
            if 0 < k < len(kept) - 1:
                (i0, j0), (i2, j2) = kept[k - 1], kept[k + 1]
                predicted = j0 + (j2 - j0) * (i - i0) / max(i2 - i0, 1)
                if abs(j - predicted) > max(3.0, 0.25 * (j2 - j0)):
                    continue
            out.append((i, j))
        kept = out
    return kept


def _monotone_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing on both sides (pairs come sorted by i; patience sorting)."""
    import bisect

    tails: list[int] = []  # smallest j ending a chain of each length
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        previous[k] = tail_index[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    chain.reverse()
    return chain


def align(zh: Side, en: Side, params: Params | None = None, within: Band | None = None) -> list[Bead]:
    """Beads covering both sides in order: every sentence in exactly one bead.

    ``within`` is a band from ``band`` (computed here when not given)."""
    params = params or Params()
    types = bead_types(params.max_bead, params.max_cross)
    n, m = zh.size, en.size
    if n == 0 or m == 0:
        return [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
    ratio = lengths.ratio(float(zh.lengths.sum()), float(en.lengths.sum()))
    limits = within if within is not None else band(zh, en, params)
    lo, hi = limits if limits is not None else ([0] * (n + 1), [m] * (n + 1))
    level = _level(zh, en, params.embed_weight)
    path = _solve(level, types, lo, hi, ratio, params)
    if params.reanchor:
        path = _reanchor(level, path, ratio, params, types)
    return _with_confidence(level, path, ratio)


def _solve(
    level: _Level, types: list[tuple[int, int]], lo: list[int], hi: list[int], ratio: float, params: Params
) -> list[tuple[int, int, int, int]]:
    """The cheapest path inside the band, then the repairs of shifted and merged sentences."""
    n, m = len(level.zl), len(level.el)
    path = _dp(n, m, types, lo, hi, _cost_rows(level, types, lo, hi, ratio, params))
    if params.shift > 0:
        path = _repair(level, path, ratio, params)
    return _absorb(level, path, ratio, params)


def _sub_level(level: _Level, i0: int, i1: int, j0: int, j1: int) -> _Level:
    """The sentences i0 .. i1-1 and j0 .. j1-1 as a level of their own."""

    def cut(values: np.ndarray | None, a: int, b: int) -> np.ndarray | None:
        return None if values is None else values[a:b]

    return _Level(
        level.z[i0:i1],
        level.e[j0:j1],
        level.zl[i0:i1],
        level.el[j0:j1],
        cut(level.zfirst, i0, i1),
        cut(level.efirst, j0, j1),
        level.zlab[i0:i1] if level.zlab else (),
        level.elab[j0:j1] if level.elab else (),
        cut(level.zemb, i0, i1),
        cut(level.eemb, j0, j1),
        level.embed_weight,
        cut(level.ztail, i0, i1),
        cut(level.etail, j0, j1),
    )


def _local_anchors(level: _Level, mu: float, sigma: float) -> list[tuple[int, int]]:
    """Pairs that stand out inside a stretch: best both ways, ``_LOCAL_Z`` deviations above
    unrelated pairs of the whole text (``mu``, ``sigma``) and clear of the runner-up, in one
    monotone chain. The bar is lower than the band's: only the stretch is searched for them."""
    zu, eu = level.unit_z(), level.unit_e()
    if len(zu) < 2 or len(eu) < 2:
        return []
    sims = zu @ eu.T
    best_j = sims.argmax(axis=1)
    best_i = sims.argmax(axis=0)
    ordered = np.sort(sims, axis=1)
    pairs = []
    for i, j in enumerate(best_j):
        z1 = (ordered[i, -1] - mu) / sigma
        z2 = (ordered[i, -2] - mu) / sigma
        if best_i[j] == i and z1 >= _LOCAL_Z and z1 - z2 >= _ANCHOR_MARGIN:
            pairs.append((i, int(j)))
    return _monotone_chain(pairs)


def _reanchor(
    level: _Level, path: list[tuple[int, int, int, int]], ratio: float, params: Params, types: list[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """Realign each long stretch of weak beads through the pairs that stand out inside it.

    Where the dictionary says little (loose or literary translation), the search can follow a
    wrong diagonal for many beads between two sure pairs. Inside such a stretch, pairs far above
    the stretch's own level of similarity are anchors: the stretch is searched again through them
    and the new reading kept when its beads are more confident on average.
    """
    beads = _with_confidence(level, path, ratio)
    mu, sigma = _chance(level)
    weak = [not (b.zh and b.en) or b.confidence < params.threshold for b in beads]
    sure = [bool(b.zh and b.en) and b.confidence >= _SURE for b in beads]
    stretches: list[tuple[int, int]] = []
    k = 0
    while k < len(path):
        end = k
        while end < len(path) and weak[end]:
            end += 1
        if end - k >= _STRETCH:
            # from the sure pair before the stretch to the sure pair after it
            while k > 0 and not sure[k - 1] and (not stretches or k > stretches[-1][1]):
                k -= 1
            while end < len(path) and not sure[end]:
                end += 1
            stretches.append((k, end))
        k = max(end, k + 1)
    out = list(path)
    for k, end in reversed(stretches):  # from the end, so earlier indices stay valid
        i0, j0 = (path[k - 1][0], path[k - 1][1]) if k else (0, 0)
        i1, j1 = path[end - 1][0], path[end - 1][1]
        if i1 <= i0 or j1 <= j0:
            continue
        sub = _sub_level(level, i0, i1, j0, j1)
        anchors = _local_anchors(sub, mu, sigma)
        if not anchors:
            continue
        old = [(i - i0, j - j0, a, b) for i, j, a, b in path[k:end]]
        lo, hi = _chain_band([(i + 1, j + 1) for i, j in anchors], i1 - i0, j1 - j0, 1)
        try:
            new = _solve(sub, types, lo, hi, ratio, params)
        except RuntimeError:
            continue
        if new != old and _mean_confidence(sub, new, ratio) > _mean_confidence(sub, old, ratio) + _GAIN:
            out[k:end] = [(i + i0, j + j0, a, b) for i, j, a, b in new]
    return out


def _mean_confidence(level: _Level, path: list[tuple[int, int, int, int]], ratio: float) -> float:
    return float(np.mean([b.confidence for b in _with_confidence(level, path, ratio)]))


def _with_confidence(level: _Level, path: list[tuple[int, int, int, int]], ratio: float) -> list[Bead]:
    """Confidence of each bead from how its similarity stands against unrelated sentence pairs,
    lowered when the lengths disagree or one sentence of the bead adds nothing, raised when two
    headings with the same number meet."""
    rng = np.random.default_rng(0)
    zu, eu = level.unit_z(), level.unit_e()
    samples = 2000
    ri = rng.integers(0, len(zu), samples)
    rj = rng.integers(0, len(eu), samples)
    random_sims = np.einsum("kd,kd->k", zu[ri], eu[rj])
    mu, sigma = float(random_sims.mean()), float(random_sims.std()) + 1e-6
    beads: list[Bead] = []
    for i, j, a, b in path:
        zs, es = tuple(range(i - a, i)), tuple(range(j - b, j))
        if not a or not b:
            beads.append(Bead(zs, es, 0.0))
            continue
        zb, eb = level.block_z(a)[i], level.block_e(b)[j]
        sim = float(zb @ eb)
        parts = [float(zu[k] @ eb) for k in zs[1:] or ()] if a > 1 else []
        parts += [float(zb @ eu[k]) for k in es] if b > 1 else []
        if parts:
            sim = 0.5 * (sim + min(sim, PART_SCALE * min(parts)))
        z = (sim - mu) / sigma
        gc = float(lengths.cost(np.array([level.zl[i - a : i].sum()]), np.array([level.el[j - b : j].sum()]), ratio)[0])
        score = 1.2 * (z - 2.0) - 0.5 * max(0.0, gc - 1.5)
        if a == b == 1 and level.zlab and level.elab and level.zlab[i - 1] and level.zlab[i - 1] == level.elab[j - 1]:
            score += 4.0
        beads.append(Bead(zs, es, round(1.0 / (1.0 + math.exp(-score)), 3)))
    return _sandwiched(beads)


def _sandwiched(beads: list[Bead]) -> list[Bead]:
    """A weak pair between two sure ones (or a text edge) is held in place by its neighbours.

    Run-in headings such as 加强资金保障。/ Increasing financial support. share no dictionary word;
    on the WMT22 sets every such pair between sure neighbours was right, so it is raised above
    the default review threshold, keeping its order among the others.
    """

    def sure(k: int) -> bool:
        if k < 0 or k >= len(beads):
            return True
        return bool(beads[k].zh and beads[k].en) and beads[k].confidence >= _SURE

    out = list(beads)
    for k, bead in enumerate(beads):
        if bead.zh and bead.en and bead.confidence < _SURE and sure(k - 1) and sure(k + 1):
            out[k] = Bead(bead.zh, bead.en, round(_HELD + (1.0 - _HELD) * bead.confidence, 3))
    return out
