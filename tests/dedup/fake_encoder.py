"""A small deterministic encoder for tests: hashed bag of word stems, L2-normalised.

Texts that share words get similar vectors, which is all the app's plumbing needs; the real
model is exercised in its own integration test.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

DIM = 64


class FakeEncoder:
    name = "fake-bag-of-words"
    dim = DIM

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False
    ) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]{3,}", text.lower()):
                stem = word[:5]
                bucket = int(hashlib.md5(stem.encode()).hexdigest(), 16) % DIM  # noqa: S324
                out[row, bucket] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
            else:
                out[row, 0] = 1.0
        return out
