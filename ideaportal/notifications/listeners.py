"""Reactions to domain events: who hears about what. Connected once by create_app.

Every text is a function, so each reader gets it in their own language (notify_users)."""

from __future__ import annotations

from typing import Any

from flask import current_app

from ideaportal.accounts.models import User
from ideaportal.core import events
from ideaportal.core.i18n import gettext as _
from ideaportal.core.links import absolute_url, site_path
from ideaportal.core.markdown import plain_excerpt
from ideaportal.ideas.models import Comment, Idea, StatusChange
from ideaportal.ideas.queries import follower_ids
from ideaportal.notifications.outbox import queue_email
from ideaportal.notifications.services import in_language, notify_users
from ideaportal.triage.models import Handoff, WebhookDelivery


def _idea_url(idea: Idea) -> str:
    return absolute_url("ideas.detail", idea_id=idea.id)


def _site() -> str:
    return str(current_app.config["SITE_NAME"])


def on_status_changed(idea: Idea, actor: User | None, change: StatusChange, **_extra: Any) -> None:
    # Voters follow automatically, so followers are everyone who asked to hear back.
    audience = [uid for uid in follower_ids(idea.id) if actor is None or uid != actor.id]
    link = _idea_url(idea)
    note = f"\n\n{change.note}\n" if change.note else ""
    notify_users(
        audience,
        kind="status_changed",
        idea_id=idea.id,
        url=site_path("ideas.detail", idea_id=idea.id),
        message=lambda: _(
            "“%(title)s” is now %(status)s.",
            title=idea.title,
            status=change.to_status.in_sentence,
        ),
        email_subject=lambda: (
            f"[{_site()}] "
            + _(
                "“%(title)s” is now %(status)s",
                title=idea.title,
                status=change.to_status.in_sentence,
            )
        ),
        email_body=lambda: (
            _(
                "An idea you follow changed status: %(old)s → %(new)s.",
                old=change.from_status.label,
                new=change.to_status.label,
            )
            + f"{note}\n{link}"
        ),
    )


def on_comment_posted(comment: Comment, actor: User, idea: Idea, **_extra: Any) -> None:
    if not comment.is_official:
        return
    audience = [uid for uid in follower_ids(idea.id) if uid != actor.id]
    link = _idea_url(idea) + f"#comment-{comment.id}"
    excerpt = plain_excerpt(comment.body, 1500)
    notify_users(
        audience,
        kind="official_answer",
        idea_id=idea.id,
        url=site_path("ideas.detail", idea_id=idea.id) + f"#comment-{comment.id}",
        message=lambda: _("Official answer on “%(title)s”.", title=idea.title),
        email_subject=lambda: (
            f"[{_site()}] " + _("Official answer on “%(title)s”", title=idea.title)
        ),
        email_body=lambda: (
            _("%(name)s answered for the team:", name=actor.display_name)
            + f"\n\n{excerpt}\n\n{link}"
        ),
    )


def on_ideas_merged(
    source: Idea, actor: User | None, target: Idea, audience: list[int], **_extra: Any
) -> None:
    link = _idea_url(target)
    notify_users(
        [uid for uid in audience if actor is None or uid != actor.id],
        kind="idea_merged",
        idea_id=target.id,
        url=site_path("ideas.detail", idea_id=target.id),
        message=lambda: _(
            "“%(source)s” was merged into “%(target)s”; your vote counts there.",
            source=source.title,
            target=target.title,
        ),
        email_subject=lambda: (
            f"[{_site()}] " + _("“%(title)s” joined a similar idea", title=source.title)
        ),
        email_body=lambda: (
            _(
                "“%(source)s” asked for the same thing as “%(target)s”, so the two are now one "
                "idea. Your vote and your follow moved with it: nothing is lost, and you will "
                "hear when it changes.",
                source=source.title,
                target=target.title,
            )
            + f"\n\n{link}"
        ),
    )


def on_ideas_unmerged(
    source: Idea, actor: User, target: Idea, audience: list[int], **_extra: Any
) -> None:
    notify_users(
        [uid for uid in audience if uid != actor.id],
        kind="idea_unmerged",
        idea_id=source.id,
        url=site_path("ideas.detail", idea_id=source.id),
        message=lambda: _(
            "“%(source)s” is its own idea again (no longer merged into “%(target)s”).",
            source=source.title,
            target=target.title,
        ),
    )


def on_password_reset_requested(user: User, token: str, **_extra: Any) -> None:
    link = absolute_url("accounts.reset_password", token=token)
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE_SECONDS"] // 60
    queue_email(
        user.email,
        in_language(lambda: f"[{_site()}] " + _("Reset your password"), user.locale),
        in_language(
            lambda: _(
                "Hello %(name)s,\n\nsomeone (hopefully you) asked to reset your password. "
                "Open this link within %(minutes)s minutes to choose a new one:\n\n%(link)s\n\n"
                "If it was not you, ignore this email: your password stays as it is.",
                name=user.display_name,
                minutes=minutes,
                link=link,
            ),
            user.locale,
        ),
        kind="password_reset",
        user_id=user.id,
    )


def on_handoff_created(handoff: Handoff, actor: User, **_extra: Any) -> None:
    """The team's members hear that an idea is theirs now (in the app)."""
    idea = handoff.idea
    notify_users(
        [m.id for m in handoff.team.members if m.id != actor.id],
        kind="handed_off",
        idea_id=idea.id,
        url=site_path("ideas.detail", idea_id=idea.id) + "#handoff",
        message=lambda: _(
            "“%(title)s” was handed off to %(team)s by %(name)s.",
            title=idea.title,
            team=handoff.team.name,
            name=actor.display_name,
        ),
    )


def on_handoff_delivery_failed(handoff: Handoff, delivery: WebhookDelivery, **_extra: Any) -> None:
    """Whoever handed the idea off hears that it never reached the team's tool."""
    if handoff.created_by_id is None:
        return
    last = delivery.attempt_log[-1].error if delivery.attempt_log else None
    notify_users(
        [handoff.created_by_id],
        kind="handoff_failed",
        idea_id=handoff.idea_id,
        url=site_path("ideas.detail", idea_id=handoff.idea_id) + "#handoff",
        message=lambda: (
            _(
                "The hand-off of “%(title)s” did not reach %(team)s after %(attempts)s attempts"
                "%(reason)s. Redeliver it from the idea page.",
                title=handoff.idea.title,
                team=handoff.team.name,
                attempts=delivery.attempts,
                reason=f" ({last})" if last else "",
            )
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
