"""Reactions to domain events: a new or edited idea is embedded off the request path."""

from __future__ import annotations

from typing import Any

from ideaportal.core import events
from ideaportal.dedup.tasks import embed_idea
from ideaportal.ideas.models import Idea
from ideaportal.jobs import enqueue_after_commit


def on_idea_written(idea: Idea, **_: Any) -> None:
    enqueue_after_commit(embed_idea, idea.id)


def connect() -> None:
    events.idea_created.connect(on_idea_written, weak=False)
    events.idea_updated.connect(on_idea_written, weak=False)
