"""Gale-Church length model, calibrated for Chinese characters against English characters.

A Chinese character carries about as much as three English characters; the ratio is measured on
the two texts themselves (total English characters over total Chinese ones), so a terse or a wordy
translation costs nothing by itself. What costs is a bead whose sides disagree with that ratio
more than translations usually do.
"""

from __future__ import annotations

import math

import numpy as np

from aligner import lazyre

# Variance of an English length around its expected value, per expected character. Gale and
# Church measured 6.8 for European pairs; Chinese-English translations spread more.
VARIANCE = 9.0
_MAX_COST = 30.0
_ZH_COUNTED = lazyre.compile(r"\S")
_LATIN_WORD = lazyre.compile(r"[A-Za-z0-9]+")


def zh_length(text: str) -> int:
    """Chinese length: non-space characters, a Latin word or number counting as two."""
    latin = _LATIN_WORD.findall(text)
    return len(_ZH_COUNTED.findall(text)) - sum(len(w) for w in latin) + 2 * len(latin)


def en_length(text: str) -> int:
    return len(text.strip())


def ratio(zh_total: float, en_total: float) -> float:
    """English characters per Chinese character for these two texts, within sane bounds."""
    if zh_total <= 0 or en_total <= 0:
        return 3.0
    return min(6.0, max(1.2, en_total / zh_total))


def cost(zh_len: np.ndarray, en_len: np.ndarray, c: float, variance: float = VARIANCE) -> np.ndarray:
    """-log P(|delta|) of Gale-Church for arrays of bead lengths (broadcasting)."""
    expected = zh_len * c
    mean = np.maximum((expected + en_len) / 2.0, 1.0)
    delta = np.abs(en_len - expected) / np.sqrt(mean * variance)
    # 2 * (1 - Phi(delta)) = erfc(delta / sqrt 2), taken in the log domain so it never underflows.
    return np.minimum(_minus_log_erfc(delta / math.sqrt(2.0)), _MAX_COST)


def _minus_log_erfc(z: np.ndarray) -> np.ndarray:
    """-log erfc(z) for z >= 0 (Numerical Recipes' erfcc, relative error below 1.2e-7)."""
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -1.26551223 + t * (
        1.00002368
        + t
        * (
            0.37409196
            + t
            * (
                0.09678418
                + t
                * (
                    -0.18628806
                    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))
                )
            )
        )
    )
    return -np.log(t) + z * z - poly
