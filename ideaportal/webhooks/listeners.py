"""Domain events -> event webhooks: each handler shapes the documented payload and queues it
for the subscribers; no module calls the webhooks by name."""

from __future__ import annotations

from typing import Any

from ideaportal.core import events
from ideaportal.core.links import absolute_url
from ideaportal.webhooks.services import record_event, wants_event


def idea_summary(idea: Any) -> dict[str, Any]:
    return {
        "id": idea.id,
        "title": idea.title,
        "status": idea.status.value,
        "board": idea.board.slug,
        "author": {"id": idea.author_id, "display_name": idea.author.display_name},
        "vote_count": idea.vote_count,
        "url": absolute_url("ideas.detail", idea_id=idea.id),
    }


def _person(user: Any) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.id, "display_name": user.display_name}


def _on_idea_created(idea: Any, **kw: Any) -> None:
    record_event("idea.created", lambda: {"idea": {**idea_summary(idea), "body": idea.body}})


def _on_status_changed(idea: Any, change: Any, **kw: Any) -> None:
    record_event(
        "idea.status_changed",
        lambda: {
            "idea": idea_summary(idea),
            "from": change.from_status.value,
            "to": change.to_status.value,
            "note": change.note,
            "reported_by": change.source,
            "actor": _person(kw.get("actor")),
        },
    )


def _on_merged(source: Any, target: Any, merge: Any, **kw: Any) -> None:
    record_event(
        "idea.merged",
        lambda: {
            "merge_id": merge.id,
            "source": idea_summary(source),
            "target": idea_summary(target),
            "actor": _person(kw.get("actor")),
        },
    )


def _vote_is_an_event(voted: bool, **kw: Any) -> bool:
    return voted and wants_event("vote.created")


def _on_vote(idea: Any, voted: bool, **kw: Any) -> None:
    if voted:
        record_event(
            "vote.created", lambda: {"idea": idea_summary(idea), "voter": _person(kw["actor"])}
        )


def _on_comment(comment: Any, idea: Any, **kw: Any) -> None:
    record_event(
        "comment.created",
        lambda: {
            "comment": {
                "id": comment.id,
                "body": comment.body,
                "official": comment.is_official,
                "parent_id": comment.parent_id,
                "author": _person(comment.author),
            },
            "idea": idea_summary(idea),
        },
    )


def _on_announcement(item: Any, **kw: Any) -> None:
    record_event(
        "announcement.published",
        lambda: {
            "announcement": {
                "id": item.id,
                "title": item.title,
                "kind": item.kind.value,
                "body": item.body,
                "published_at": item.published_at.isoformat() + "Z" if item.published_at else None,
                "idea_ids": [i.id for i in item.ideas],
                "url": absolute_url("community.announcement", announcement_id=item.id),
            }
        },
    )


def connect() -> None:
    # weak=False: the handlers are module functions, kept alive for the app's lifetime anyway.
    events.idea_created.connect(_on_idea_created, weak=False)
    events.idea_status_changed.connect(_on_status_changed, weak=False)
    events.ideas_merged.connect(_on_merged, weak=False)
    events.vote_toggled.connect(_on_vote, weak=False)
    events.writes_when(events.vote_toggled, _on_vote, _vote_is_an_event)
    events.comment_posted.connect(_on_comment, weak=False)
    events.announcement_published.connect(_on_announcement, weak=False)
