"""Duplicate-detection jobs: embed a written idea, and re-cluster every night."""

from __future__ import annotations

from huey import crontab

from ideaportal.jobs import periodic_task, task


@task(retries=2, retry_delay=10)
def embed_idea(idea_id: int) -> int:
    """Embed a new or edited idea and record its duplicate candidates."""
    from ideaportal.dedup.services import embed_idea_and_find_duplicates

    return len(embed_idea_and_find_duplicates(idea_id))


@periodic_task(crontab(minute="17", hour="3"))
def recluster_nightly() -> int:
    """Re-cluster every board once a night, so pairs the per-idea pass missed surface too."""
    from ideaportal.dedup.services import embed_ideas, recluster
    from ideaportal.extensions import db
    from ideaportal.ideas.models import Idea

    embed_ideas(list(db.session.query(Idea)))  # catches anything a failed job left out
    return len(recluster())


@task(retries=2, retry_delay=10)
def embed_imported_ideas(idea_ids: list[int]) -> int:
    """Compute the vectors of imported ideas (an export carries no vectors). Their duplicate
    candidates came with the import, so they are left as they are."""
    from sqlalchemy import select

    from ideaportal.dedup.services import embed_ideas
    from ideaportal.extensions import db
    from ideaportal.ideas.models import Idea

    ideas = list(db.session.scalars(select(Idea).where(Idea.id.in_(idea_ids)).order_by(Idea.id)))
    return embed_ideas(ideas)
