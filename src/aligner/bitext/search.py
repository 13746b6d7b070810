"""The bead search: a monotone dynamic programme over a band, refined from coarse to fine.

At the finest level every cell (i, j) means "the first i Chinese and j English sentences are
aligned"; a bead of a Chinese and b English sentences moves from (i - a, j - b) to (i, j). The
band comes from the path found on a copy of both texts with neighbouring sentences summed in
pairs (recursively, Vecalign's scheme), widened by a window, so time and memory grow with the
length of the texts, not their product.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from aligner.bitext import lengths
from aligner.bitext.features import Side
from aligner.bitext.units import Bead

INF = math.inf
_FULL_CELLS = 60_000  # below this many cells the whole matrix is searched
_ROW_BLOCK = 64
# A genuine part of a bead carries part of the meaning: its cosine with the whole other side is
# lower than the bead's by about this factor.
PART_SCALE = 1.4


@dataclass(frozen=True)
class Params:
    """Weights of the signals. The defaults were tuned on the Bible and WMT22 benchmarks."""

    max_bead: int = 3  # most sentences on one side of a bead (1-1 up to 1-3, 3-1, 2-2)
    lexical: float = 4.0  # weight of (1 - cosine) of the dictionary vectors, per sentence in the bead
    length: float = 0.5  # weight of the Gale-Church length cost
    skip: float = 2.6  # cost of leaving one sentence unpaired (1-0, 0-1)
    merge: float = 0.6  # cost of each sentence beyond the first on a side (prior against n:m beads)
    paragraph: float = 2.0  # cost of a bead running over a paragraph break on one side
    boundary: float = 0.3  # cost of a bead that opens a paragraph on one side only
    heading: float = 3.0  # reward for two headings with the same label; cost for different labels
    window: int = 8  # half-width of the band around the projected coarse path
    threshold: float = 0.5  # below this confidence a bead is marked for review


def bead_types(max_bead: int) -> list[tuple[int, int]]:
    types = [(1, 1), (1, 0), (0, 1)]
    for total in range(3, max_bead + 2):
        for a in range(1, total):
            b = total - a
            if a <= max_bead and b <= max_bead:
                types.append((a, b))
    return types


@dataclass
class _Level:
    z: np.ndarray  # (n, D) vectors
    e: np.ndarray
    zl: np.ndarray  # lengths
    el: np.ndarray
    zfirst: np.ndarray | None  # structure, finest level only
    efirst: np.ndarray | None
    zlab: tuple[str, ...] = ()
    elab: tuple[str, ...] = ()


def _blocks(vectors: np.ndarray, a: int) -> np.ndarray:
    """Row i = normalised sum of rows i-a .. i-1 (a bead of a sentences ending before i); 0 when i < a."""
    n, dim = vectors.shape
    prefix = np.zeros((n + 1, dim), dtype=np.float64)
    np.cumsum(vectors, axis=0, out=prefix[1:])
    out = np.zeros((n + 1, dim), dtype=np.float32)
    if a <= n:
        out[a:] = prefix[a:] - prefix[: n + 1 - a]
    norms = np.linalg.norm(out, axis=1)
    norms[norms == 0] = 1.0
    out /= norms[:, None]
    return out


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


def _cost_rows(
    level: _Level, types: list[tuple[int, int]], lo: list[int], hi: list[int], ratio: float, params: Params
) -> dict[tuple[int, int], list[list[float]]]:
    n, m = len(level.zl), len(level.el)
    costs: dict[tuple[int, int], list[list[float]]] = {}
    zblocks: dict[int, np.ndarray] = {}
    eblocks: dict[int, np.ndarray] = {}
    for a, b in types:
        rows: list[list[float]] = []
        if a == 0 or b == 0:
            for i in range(n + 1):
                width = hi[i] - lo[i] + 1
                valid = i >= a
                row = (
                    [params.skip if valid and j >= b else INF for j in range(lo[i], hi[i] + 1)]
                    if valid
                    else [INF] * width
                )
                rows.append(row)
            costs[(a, b)] = rows
            continue
        za = zblocks.setdefault(a, _blocks(level.z, a))
        eb = eblocks.setdefault(b, _blocks(level.e, b))
        zlen = _block_sums(level.zl, a)
        elen = _block_sums(level.el, b)
        prior = params.merge * (a + b - 2)
        zextra = np.zeros(n + 1)
        eextra = np.zeros(m + 1)
        zopen = eopen = None
        if level.zfirst is not None and level.efirst is not None:
            zextra = params.paragraph * _inner_breaks(level.zfirst, a)
            eextra = params.paragraph * _inner_breaks(level.efirst, b)
            zopen = _opens(level.zfirst, a)
            eopen = _opens(level.efirst, b)
        for r0 in range(0, n + 1, _ROW_BLOCK):
            r1 = min(n + 1, r0 + _ROW_BLOCK)
            c0 = min(lo[r0:r1])
            c1 = max(hi[r0:r1]) + 1
            sims = za[r0:r1] @ eb[c0:c1].T
            if a > 1 or b > 1:
                sims = _with_parts(sims, level, za, eb, a, b, r0, r1, c0, c1)
            lex = params.lexical * (1.0 - sims) * (a + b) / 2.0
            gc = params.length * lengths.cost(zlen[r0:r1, None], elen[None, c0:c1], ratio)
            block = lex + gc + prior + zextra[r0:r1, None] + eextra[None, c0:c1]
            if zopen is not None and eopen is not None:
                block = block + params.boundary * (zopen[r0:r1, None] != eopen[None, c0:c1])
            block = np.where(np.isnan(block), INF, block)
            for k, i in enumerate(range(r0, r1)):
                rows.append(block[k, lo[i] - c0 : hi[i] - c0 + 1].tolist())
        if (a, b) == (1, 1) and level.zlab and level.elab:
            for i in range(1, n + 1):
                zl = level.zlab[i - 1]
                for j in range(max(lo[i], 1), hi[i] + 1):
                    el = level.elab[j - 1]
                    if zl and el:
                        rows[i][j - lo[i]] += -params.heading if zl == el else params.heading
                    elif zl or el:
                        rows[i][j - lo[i]] += params.heading / 3.0
        costs[(a, b)] = rows
    return costs


def _with_parts(
    sims: np.ndarray, level: _Level, za: np.ndarray, eb: np.ndarray, a: int, b: int, r0: int, r1: int, c0: int, c1: int
) -> np.ndarray:
    """Similarity of a bead of several sentences, discounted when one of them adds nothing.

    A sentence with no counterpart glued to a good pair barely lowers the cosine of the whole,
    so an omission would hide inside a 2-1 bead; the weakest part's own similarity with the
    other side exposes it.
    """
    weakest = np.full(sims.shape, np.inf, dtype=np.float32)
    if a > 1:
        single = _unit(level.z)
        for k in range(1, a + 1):  # sentence i-k of each block ending at i
            rows = np.arange(r0, r1) - k
            part = np.where(rows[:, None] >= 0, single[np.maximum(rows, 0)] @ eb[c0:c1].T, 0.0)
            weakest = np.minimum(weakest, part)
    if b > 1:
        single = _unit(level.e)
        for k in range(1, b + 1):
            cols = np.arange(c0, c1) - k
            part = np.where(cols[None, :] >= 0, za[r0:r1] @ single[np.maximum(cols, 0)].T, 0.0)
            weakest = np.minimum(weakest, part)
    return 0.5 * (sims + np.minimum(sims, PART_SCALE * weakest))


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def _dp(
    n: int,
    m: int,
    types: list[tuple[int, int]],
    lo: list[int],
    hi: list[int],
    costs: dict[tuple[int, int], list[list[float]]],
) -> list[tuple[int, int, int, int]]:
    """Cheapest monotone path from (0, 0) to (n, m) inside the band; beads as (i, j, a, b) ends."""
    score: list[list[float]] = []
    back: list[list[int]] = []
    table = [(t, costs[t]) for t in types]
    for i in range(n + 1):
        l_i = lo[i]
        row = [INF] * (hi[i] - l_i + 1)
        ptr = [-1] * (hi[i] - l_i + 1)
        for j in range(l_i, hi[i] + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, arg = INF, -1
            for k, ((a, b), rows) in enumerate(table):
                pi, pj = i - a, j - b
                if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                prev = row[pj - l_i] if a == 0 else score[pi][pj - lo[pi]]
                if prev == INF:
                    continue
                total = prev + rows[i][j - l_i]
                if total < best:
                    best, arg = total, k
            row[j - l_i] = best
            ptr[j - l_i] = arg
        score.append(row)
        back.append(ptr)
    if not lo[n] <= m <= hi[n] or score[n][m - lo[n]] == INF:
        raise RuntimeError("no path inside the band")
    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = types[back[i][j - lo[i]]]
        path.append((i, j, a, b))
        i, j = i - a, j - b
    path.reverse()
    return path


def _halve(level: _Level) -> _Level:
    def pairs(x: np.ndarray) -> np.ndarray:
        if len(x) % 2:
            x = np.concatenate([x, np.zeros((1, *x.shape[1:]), dtype=x.dtype)])
        return x[0::2] + x[1::2]

    return _Level(pairs(level.z), pairs(level.e), pairs(level.zl), pairs(level.el), None, None)


def _project(path: list[tuple[int, int, int, int]], n: int, m: int, window: int) -> tuple[list[int], list[int]]:
    """Band of the finer level (sizes n, m) around a path found on the halved level."""
    lo = [m] * (n + 1)
    hi = [0] * (n + 1)
    points = [(0, 0)] + [(i, j) for i, j, _a, _b in path]
    for (pi, pj), (ci, cj) in itertools.pairwise(points):
        r0, r1 = min(2 * pi, n), min(2 * ci, n)
        c0, c1 = min(2 * pj, m), min(2 * cj, m)
        for r in range(r0, r1 + 1):
            lo[r] = min(lo[r], c0)
            hi[r] = max(hi[r], c1)
    for r in range(n + 1):
        if lo[r] > hi[r]:
            lo[r], hi[r] = (hi[r - 1], hi[r - 1]) if r else (0, 0)
    lo = [max(0, x - window) for x in lo]
    hi = [min(m, x + window) for x in hi]
    lo[0], hi[n] = 0, m
    for r in range(n - 1, -1, -1):
        lo[r] = min(lo[r], lo[r + 1])
    for r in range(1, n + 1):
        hi[r] = max(hi[r], hi[r - 1])
    return lo, hi


def _solve(
    level: _Level, types: list[tuple[int, int]], ratio: float, params: Params, window: int
) -> list[tuple[int, int, int, int]]:
    n, m = len(level.zl), len(level.el)
    if (n + 1) * (m + 1) <= _FULL_CELLS or n < 4 or m < 4:
        lo, hi = [0] * (n + 1), [m] * (n + 1)
    else:
        coarse = _solve(_halve(level), types, ratio, params, window)
        lo, hi = _project(coarse, n, m, window)
    costs = _cost_rows(level, types, lo, hi, ratio, params)
    return _dp(n, m, types, lo, hi, costs)


def align(zh: Side, en: Side, params: Params | None = None) -> list[Bead]:
    """Beads covering both sides in order: every sentence in exactly one bead."""
    params = params or Params()
    types = bead_types(params.max_bead)
    n, m = zh.size, en.size
    if n == 0 or m == 0:
        return [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
    ratio = lengths.ratio(float(zh.lengths.sum()), float(en.lengths.sum()))
    level = _Level(zh.vectors, en.vectors, zh.lengths, en.lengths, zh.first, en.first, zh.labels, en.labels)
    path = _solve(level, types, ratio, params, params.window)
    return _with_confidence(zh, en, path, ratio)


def _with_confidence(zh: Side, en: Side, path: list[tuple[int, int, int, int]], ratio: float) -> list[Bead]:
    """Confidence of each bead from how its similarity stands against unrelated sentence pairs."""
    rng = np.random.default_rng(0)
    zn = zh.vectors / np.maximum(np.linalg.norm(zh.vectors, axis=1, keepdims=True), 1e-9)
    en_ = en.vectors / np.maximum(np.linalg.norm(en.vectors, axis=1, keepdims=True), 1e-9)
    samples = 2000
    ri = rng.integers(0, zh.size, samples)
    rj = rng.integers(0, en.size, samples)
    random_sims = np.einsum("kd,kd->k", zn[ri], en_[rj])
    mu, sigma = float(random_sims.mean()), float(random_sims.std()) + 1e-6
    beads: list[Bead] = []
    for i, j, a, b in path:
        zs, es = tuple(range(i - a, i)), tuple(range(j - b, j))
        if not a or not b:
            beads.append(Bead(zs, es, 0.0))
            continue
        zv = zh.vectors[i - a : i].sum(axis=0)
        ev = en.vectors[j - b : j].sum(axis=0)
        sim = float(zv @ ev) / max(float(np.linalg.norm(zv) * np.linalg.norm(ev)), 1e-9)
        z = (sim - mu) / sigma
        gc = float(
            lengths.cost(np.array([zh.lengths[i - a : i].sum()]), np.array([en.lengths[j - b : j].sum()]), ratio)[0]
        )
        score = 1.2 * (z - 2.0) - 0.5 * max(0.0, gc - 1.5)
        beads.append(Bead(zs, es, round(1.0 / (1.0 + math.exp(-score)), 3)))
    return beads
