"""The Gale-Church (1993) baseline: sentence lengths only, the classic six bead types and priors.

Kept beside the real aligner so the benchmark measures both in one run. Lengths are Chinese
characters against English characters, with the ratio measured on the texts; the search is the
same dynamic programme, in a band around the diagonal.
"""

from __future__ import annotations

import math

import numpy as np

from aligner.bitext import lengths, search
from aligner.bitext.units import Bead

# Gale and Church's bead probabilities (their Table 5).
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
VARIANCE = 6.8
_MIN_BAND = 50


def align(zh_lengths: list[float], en_lengths: list[float]) -> list[Bead]:
    n, m = len(zh_lengths), len(en_lengths)
    zl = np.asarray(zh_lengths, dtype=np.float64)
    el = np.asarray(en_lengths, dtype=np.float64)
    c = lengths.ratio(float(zl.sum()), float(el.sum()))
    width = max(_MIN_BAND, (n + m) // 10)
    lo = [max(0, round(i * m / max(n, 1)) - width) for i in range(n + 1)]
    hi = [min(m, round(i * m / max(n, 1)) + width) for i in range(n + 1)]
    lo[0], hi[n] = 0, m
    types = list(PRIORS)
    zp = np.concatenate([[0.0], np.cumsum(zl)])
    ep = np.concatenate([[0.0], np.cumsum(el)])
    costs: dict[tuple[int, int], list[np.ndarray]] = {}
    for a, b in types:
        prior = -math.log(PRIORS[(a, b)])
        rows = []
        for i in range(n + 1):
            js = np.arange(lo[i], hi[i] + 1)
            if i < a:
                rows.append(np.full(len(js), math.inf))
                continue
            zlen = zp[i] - zp[i - a]
            valid = js >= b
            elen = np.where(valid, ep[js] - ep[np.maximum(js - b, 0)], 0.0)
            cost = prior + lengths.cost(np.full(len(js), zlen), elen, c, VARIANCE)
            rows.append(np.where(valid, cost, math.inf))
        costs[(a, b)] = rows
    path = search._dp(n, m, types, lo, hi, costs)
    return [Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), 1.0) for i, j, a, b in path]
