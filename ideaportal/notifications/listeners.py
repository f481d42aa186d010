"""Reactions to domain events: who hears about what. Connected once by create_app."""

from __future__ import annotations

from typing import Any

from flask import current_app

from ideaportal.accounts.models import User
from ideaportal.core import events
from ideaportal.core.links import absolute_url, site_path
from ideaportal.core.markdown import plain_excerpt
from ideaportal.ideas.models import Comment, Idea, StatusChange
from ideaportal.ideas.queries import follower_ids
from ideaportal.notifications.outbox import queue_email
from ideaportal.notifications.services import notify_users
from ideaportal.triage.models import Handoff, WebhookDelivery


def _idea_url(idea: Idea) -> str:
    return absolute_url("ideas.detail", idea_id=idea.id)


def on_status_changed(idea: Idea, actor: User | None, change: StatusChange, **_: Any) -> None:
    # Voters follow automatically, so followers are everyone who asked to hear back.
    audience = [uid for uid in follower_ids(idea.id) if actor is None or uid != actor.id]
    link = _idea_url(idea)
    label = change.to_status.label.lower()
    note = f"\n\n{change.note}\n" if change.note else ""
    notify_users(
        audience,
        kind="status_changed",
        idea_id=idea.id,
        url=site_path("ideas.detail", idea_id=idea.id),
        message=f"“{idea.title}” is now {label}.",
        email_subject=f"[{current_app.config['SITE_NAME']}] “{idea.title}” is now {label}",
        email_body=(
            f"An idea you follow changed status: {change.from_status.label} → "
            f"{change.to_status.label}.{note}\n{link}"
        ),
    )


def on_comment_posted(comment: Comment, actor: User, idea: Idea, **_: Any) -> None:
    if not comment.is_official:
        return
    audience = [uid for uid in follower_ids(idea.id) if uid != actor.id]
    link = _idea_url(idea) + f"#comment-{comment.id}"
    notify_users(
        audience,
        kind="official_answer",
        idea_id=idea.id,
        url=site_path("ideas.detail", idea_id=idea.id) + f"#comment-{comment.id}",
        message=f"Official answer on “{idea.title}”.",
        email_subject=f"[{current_app.config['SITE_NAME']}] Official answer on “{idea.title}”",
        email_body=(
            f"{actor.display_name} answered for the team:\n\n"
            f"{plain_excerpt(comment.body, 1500)}\n\n{link}"
        ),
    )


def on_ideas_merged(
    source: Idea, actor: User | None, target: Idea, audience: list[int], **_: Any
) -> None:
    link = _idea_url(target)
    notify_users(
        [uid for uid in audience if actor is None or uid != actor.id],
        kind="idea_merged",
        idea_id=target.id,
        url=site_path("ideas.detail", idea_id=target.id),
        message=f"“{source.title}” was merged into “{target.title}”; your vote counts there.",
        email_subject=f"[{current_app.config['SITE_NAME']}] “{source.title}” joined a similar idea",
        email_body=(
            f"“{source.title}” asked for the same thing as “{target.title}”, so the two are now "
            "one idea. Your vote and your follow moved with it: nothing is lost, and you will "
            f"hear when it changes.\n\n{link}"
        ),
    )


def on_ideas_unmerged(
    source: Idea, actor: User, target: Idea, audience: list[int], **_: Any
) -> None:
    notify_users(
        [uid for uid in audience if uid != actor.id],
        kind="idea_unmerged",
        idea_id=source.id,
        url=site_path("ideas.detail", idea_id=source.id),
        message=f"“{source.title}” is its own idea again (no longer merged into “{target.title}”).",
    )


def on_password_reset_requested(user: User, token: str, **_: Any) -> None:
    link = absolute_url("accounts.reset_password", token=token)
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE_SECONDS"] // 60
    queue_email(
        user.email,
        f"[{current_app.config['SITE_NAME']}] Reset your password",
        f"Hello {user.display_name},\n\nsomeone (hopefully you) asked to reset your password. "
        f"Open this link within {minutes} minutes to choose a new one:\n\n{link}\n\n"
        "If it was not you, ignore this email: your password stays as it is.",
        kind="password_reset",
        user_id=user.id,
    )


def on_handoff_created(handoff: Handoff, actor: User, **_: Any) -> None:
    """The team's members hear that an idea is theirs now (in the app)."""
    idea = handoff.idea
    notify_users(
        [m.id for m in handoff.team.members if m.id != actor.id],
        kind="handed_off",
        idea_id=idea.id,
        url=site_path("ideas.detail", idea_id=idea.id) + "#handoff",
        message=f"“{idea.title}” was handed off to {handoff.team.name} by {actor.display_name}.",
    )


def on_handoff_delivery_failed(handoff: Handoff, delivery: WebhookDelivery, **_: Any) -> None:
    """Whoever handed the idea off hears that it never reached the team's tool."""
    if handoff.created_by_id is None:
        return
    last = delivery.attempt_log[-1].error if delivery.attempt_log else None
    notify_users(
        [handoff.created_by_id],
        kind="handoff_failed",
        idea_id=handoff.idea_id,
        url=site_path("ideas.detail", idea_id=handoff.idea_id) + "#handoff",
        message=(
            f"The hand-off of “{handoff.idea.title}” did not reach {handoff.team.name} after "
            f"{delivery.attempts} attempts{f' ({last})' if last else ''}. Redeliver it from the "
            "idea page."
        )[:500],
    )


def connect() -> None:
    """Subscribe (weak=False: these are module functions that live as long as the process)."""
    events.idea_status_changed.connect(on_status_changed, weak=False)
    events.comment_posted.connect(on_comment_posted, weak=False)
    events.password_reset_requested.connect(on_password_reset_requested, weak=False)
    events.ideas_merged.connect(on_ideas_merged, weak=False)
    events.ideas_unmerged.connect(on_ideas_unmerged, weak=False)
    events.handoff_created.connect(on_handoff_created, weak=False)
    events.handoff_delivery_failed.connect(on_handoff_delivery_failed, weak=False)
