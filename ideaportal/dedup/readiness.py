"""Readiness of duplicate detection: a node serves similar-as-you-type only with its model."""

from __future__ import annotations

from ideaportal.core import health


def embedding_model() -> str | None:
    from ideaportal.dedup.services import engine

    encoder = engine().query_encoder  # what a typist waits for
    if not getattr(encoder, "loaded", True):
        return "the embedding model is still loading"
    return None


def register() -> None:
    health.register_check("embedding_model", embedding_model)
