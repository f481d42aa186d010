"""Triage use cases: the ranked queue, product teams, hand-offs and their webhooks, and the
status that comes back from the teams."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import exists, func, or_, select, update

from ideaportal.accounts.models import User
from ideaportal.companies.models import Company
from ideaportal.core import audit, events
from ideaportal.core.errors import Conflict, NotFound, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.links import absolute_url
from ideaportal.core.markdown import plain_excerpt
from ideaportal.core.model_base import utcnow
from ideaportal.core.outbox import Attempt, send_due
from ideaportal.core.permissions import require
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import OPEN_STATUSES, Comment, Idea, IdeaStatus, Vote
from ideaportal.ideas.queries import tagged
from ideaportal.jobs import enqueue_after_commit
from ideaportal.triage import connections, demand, outbound, secrets, signing
from ideaportal.triage.connections import ConnectorInput
from ideaportal.triage.connectors import (
    ConnectorError,
    CreatedIssue,
    ExternalStatus,
    connector_for,
    kinds,
)
from ideaportal.triage.models import (
    Handoff,
    HandoffState,
    InboundEvent,
    ProductTeam,
    TeamConnector,
    WebhookAttempt,
    WebhookDelivery,
)
from ideaportal.triage.tasks import deliver_webhooks
from ideaportal.webhooks import dispatch

log = logging.getLogger(__name__)

# ---- the queue ----


@dataclass(frozen=True)
class QueueFilter:
    board_id: int | None = None
    status: IdeaStatus | None = None
    tag: str | None = None
    team_id: int | None = None
    unanswered: bool = False
    # Only ideas voted for by members of companies in this segment.
    segment: str | None = None


@dataclass
class QueueRow:
    idea: Idea
    demand: demand.Demand
    handoff: Handoff | None


def latest_handoffs(idea_ids: list[int]) -> dict[int, Handoff]:
    if not idea_ids:
        return {}
    rows = db.session.scalars(
        select(Handoff).where(Handoff.idea_id.in_(idea_ids)).order_by(Handoff.id)
    )
    return {h.idea_id: h for h in rows}  # later rows win: the latest hand-off


def triage_queue(
    actor: User, flt: QueueFilter, page: int = 1, per_page: int = 50
) -> tuple[list[QueueRow], Pagination]:
    require(actor, "triage")
    columns = demand.demand_columns(db.session.get_bind().dialect.name)
    w = demand.weights()
    score = demand.score_expression(columns, w).label("score")
    stmt = select(Idea.id).where(Idea.hidden.is_(False))
    if flt.status is not None:
        stmt = stmt.where(Idea.status == flt.status)
    else:
        stmt = stmt.where(Idea.status.in_(OPEN_STATUSES))
    if flt.board_id is not None:
        stmt = stmt.where(Idea.board_id == flt.board_id)
    if flt.tag:
        stmt = stmt.where(tagged(flt.tag))
    if flt.team_id is not None:
        stmt = stmt.where(
            Idea.id.in_(select(Handoff.idea_id).where(Handoff.team_id == flt.team_id))
        )
    if flt.unanswered:
        stmt = stmt.where(
            ~exists().where(
                Comment.idea_id == Idea.id,
                Comment.is_official.is_(True),
                Comment.deleted_at.is_(None),
            )
        )
    if flt.segment:
        stmt = stmt.where(
            Idea.id.in_(
                select(Vote.idea_id)
                .join(User, User.id == Vote.user_id)
                .join(Company, Company.id == User.company_id)
                .where(Company.segment == flt.segment)
            )
        )
    stmt = stmt.order_by(score.desc(), Idea.id)
    pager = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    ids = list(pager.items)
    details = db.session.execute(
        select(Idea, *[columns[n].label(n) for n in demand.PART_NAMES]).where(Idea.id.in_(ids))
    ).all()
    by_id = {row[0].id: row for row in details}
    handoffs = latest_handoffs(ids)
    rows = []
    for idea_id in ids:
        row = by_id[idea_id]
        inputs = {name: row._mapping[name] for name in demand.PART_NAMES}
        rows.append(QueueRow(row[0], demand.explain(inputs, w), handoffs.get(idea_id)))
    return rows, pager


def demand_of(idea: Idea) -> demand.Demand:
    columns = demand.demand_columns(db.session.get_bind().dialect.name)
    row = db.session.execute(
        select(*[columns[n].label(n) for n in demand.PART_NAMES]).where(Idea.id == idea.id)
    ).one()
    return demand.explain(dict(row._mapping), demand.weights())


def bulk_update(
    actor: User,
    idea_ids: list[int],
    *,
    status: IdeaStatus | None = None,
    note: str = "",
    team: ProductTeam | None = None,
    tag: str | None = None,
) -> tuple[int, list[str]]:
    """Apply one action to many ideas; each idea succeeds or fails on its own."""
    require(actor, "triage")
    done, problems = 0, []
    for idea_id in idea_ids:
        try:
            idea = ideas.get_idea(actor, idea_id)
            if status is not None:
                ideas.change_status(actor, idea, status, note)
            if team is not None:
                hand_off(actor, idea, team)
            if tag:
                ideas.add_tag(actor, idea, tag)
            done += 1
        except (ValidationFailed, Conflict, NotFound) as exc:
            db.session.rollback()
            problems.append(f"#{idea_id}: {exc.message}")
    return done, problems


# ---- product teams ----


def _policy() -> outbound.TargetPolicy:
    return outbound.TargetPolicy.from_config("WEBHOOK")


def list_teams() -> list[ProductTeam]:
    return list(db.session.scalars(select(ProductTeam).order_by(ProductTeam.name)))


def get_team(team_id: int) -> ProductTeam:
    team = db.session.get(ProductTeam, team_id)
    if team is None:
        raise NotFound(_("No such team."))
    return team


def save_team(
    actor: User,
    team: ProductTeam | None,
    *,
    name: str,
    webhook_url: str,
    member_ids: list[int],
    connector: ConnectorInput | None = None,
) -> tuple[ProductTeam, str | None]:
    """Create or change a team. Returns the new signing secret (clear) only when one is made.
    `connector` (None: unchanged) says where hand-offs go: the webhook, or a tracker whose
    settings are checked against it before they are kept."""
    require(actor, "manage_teams")
    name = " ".join(name.split())
    if not 2 <= len(name) <= 80:
        raise ValidationFailed(_("Give the team a name of 2-80 characters."), field="name")
    clash = db.session.scalar(select(ProductTeam).where(ProductTeam.name == name))
    if clash is not None and clash is not team:
        raise ValidationFailed(_("Another team has this name."), field="name")
    webhook_url = webhook_url.strip()
    if webhook_url:
        outbound.check_target(webhook_url, _policy())
    created_secret = None
    creating = team is None
    if team is None:
        team = ProductTeam()
        created_secret = secrets.new_secret()
        team.secret_encrypted = secrets.encrypt(created_secret)
        db.session.add(team)
    team.name, team.webhook_url = name, webhook_url
    team.members = list(db.session.scalars(select(User).where(User.id.in_(member_ids))))
    if connector is not None:
        connections.configure(team, connector, _policy())
    db.session.flush()
    tracker = team.connector
    audit.record(
        actor,
        "team.created" if creating else "team.updated",
        team,
        f"Product team {name} {'created' if creating else 'updated'}",
        webhook_url=webhook_url,
        members=member_ids,
        connector=tracker.kind if tracker else "webhook",
        tracker_url=tracker.base_url if tracker else None,
        tracker_project=tracker.project if tracker else None,
        status_map=tracker.status_map if tracker else None,
    )
    db.session.commit()
    return team, created_secret


def rotate_secret(actor: User, team: ProductTeam) -> str:
    require(actor, "manage_teams")
    clear = secrets.new_secret()
    team.secret_encrypted = secrets.encrypt(clear)
    audit.record(actor, "team.secret_rotated", team, f"Signing secret of {team.name} replaced")
    db.session.commit()
    return clear


# ---- hand-offs and webhooks out ----


def _payload(handoff: Handoff, event: str) -> dict[str, Any]:
    idea = handoff.idea
    top = db.session.scalars(
        select(Comment)
        .where(Comment.idea_id == idea.id, Comment.deleted_at.is_(None), Comment.hidden.is_(False))
        .order_by(Comment.is_official.desc(), Comment.created_at.desc())
        .limit(5)
    )
    score = demand_of(idea)
    return {
        "event": event,
        "event_id": f"handoff-{handoff.id}-{event}-{int(time.time() * 1000)}",
        "handoff": {
            "id": handoff.id,
            "team": handoff.team.name,
            "status_callback_url": absolute_url("api.handoff_status", handoff_id=handoff.id),
        },
        "idea": {
            "id": idea.id,
            "title": idea.title,
            "body": idea.body,
            "status": idea.status.value,
            "url": absolute_url("ideas.detail", idea_id=idea.id),
            "board": idea.board.name,
            "tags": [t.name for t in idea.tags],
            "votes": idea.vote_count,
            "followers": idea.follower_count,
            "comments": idea.comment_count,
            "demand": {"score": score.score, "parts": score.parts, "inputs": score.inputs},
            "top_comments": [
                {
                    "author": c.author.display_name,
                    "official": c.is_official,
                    "text": plain_excerpt(c.body, 500),
                }
                for c in top
            ],
        },
        "sent_at": utcnow().isoformat() + "Z",
    }


def _queue_delivery(handoff: Handoff, event: str) -> WebhookDelivery:
    delivery = WebhookDelivery(handoff=handoff, event=event, payload=_payload(handoff, event))
    db.session.add(delivery)
    enqueue_after_commit(deliver_webhooks)
    return delivery


def hand_off(actor: User, idea: Idea, team: ProductTeam) -> Handoff:
    require(actor, "hand_off", idea, _("Only product managers hand ideas off."))
    if idea.status not in OPEN_STATUSES:
        raise ValidationFailed(
            _("An idea in status “%(status)s” cannot be handed off.", status=idea.status.label)
        )
    current = latest_handoffs([idea.id]).get(idea.id)
    if (
        current is not None
        and current.team_id == team.id
        and current.state in (HandoffState.SENT, HandoffState.IN_PROGRESS)
    ):
        raise Conflict(_("%(team)s already has this idea.", team=team.name))
    handoff = Handoff(idea=idea, team=team, created_by_id=actor.id)
    db.session.add(handoff)
    db.session.flush()
    if team.webhook_url or team.connector is not None:
        _queue_delivery(handoff, "handoff.created")
    events.handoff_created.send(handoff, actor=actor)
    audit.record(
        actor,
        "idea.handed_off",
        idea,
        f"Idea #{idea.id} handed off to {team.name}",
        team_id=team.id,
        handoff_id=handoff.id,
    )
    db.session.commit()
    return handoff


def redeliver(actor: User, delivery: WebhookDelivery) -> WebhookDelivery:
    require(actor, "hand_off", delivery.handoff.idea)
    fresh = _queue_delivery(delivery.handoff, delivery.event)
    audit.record(
        actor,
        "webhook.redelivered",
        delivery.handoff,
        f"Webhook {delivery.event} redelivered to {delivery.handoff.team.name}",
    )
    db.session.commit()
    return fresh


def get_delivery(delivery_id: int) -> WebhookDelivery:
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        raise NotFound(_("No such delivery."))
    return delivery


HANDOFF_DELIVERIES = dispatch.outbox(WebhookDelivery)


def deliver_due_webhooks(limit: int = 100) -> int:
    """Send due hand-off deliveries through each team's connector (core.outbox: leases,
    back-off); every attempt is logged, and a team is told when one fails for good."""

    def send(delivery: WebhookDelivery) -> Attempt:
        result = connections.send(delivery, _policy())
        attempt = dispatch.log_attempt(WebhookAttempt, delivery, result)
        if attempt is Attempt.SENT:
            _record_issue(delivery.handoff, result.issue)
        return attempt

    def give_up(delivery: WebhookDelivery) -> None:
        events.handoff_delivery_failed.send(delivery.handoff, delivery=delivery)

    return send_due(
        HANDOFF_DELIVERIES,
        send,
        limit=limit,
        on_retry=lambda: enqueue_after_commit(deliver_webhooks),  # runs again when due
        on_give_up=give_up,
    )


def _record_issue(handoff: Handoff, issue: CreatedIssue | None) -> None:
    """Remember the issue the hand-off became (key, link, first status), when the tool says."""
    if issue is None:
        return
    if issue.key:
        handoff.external_key = issue.key[:120]
    if issue.url:
        handoff.external_url = issue.url[:500]
    if issue.status:
        handoff.external_status = issue.status[:80]


# ---- status coming back ----

CALLBACK_STATES = {
    "in_progress": (HandoffState.IN_PROGRESS, IdeaStatus.IN_PROGRESS),
    "shipped": (HandoffState.SHIPPED, IdeaStatus.SHIPPED),
    "declined": (HandoffState.DECLINED, IdeaStatus.DECLINED),
}


def get_handoff(handoff_id: int) -> Handoff:
    handoff = db.session.get(Handoff, handoff_id)
    if handoff is None:
        raise NotFound(_("No such hand-off."))
    return handoff


def apply_progress(
    handoff: Handoff,
    status: str,
    *,
    note: str = "",
    external_url: str | None = None,
    external_key: str | None = None,
    actor: User | None = None,
) -> None:
    """Record the team's progress on the hand-off and on the idea (notifying its voters)."""
    if status not in CALLBACK_STATES:
        raise ValidationFailed(
            _("status must be in_progress, shipped or declined."), field="status"
        )
    if external_url and not external_url.startswith(("https://", "http://")):
        raise ValidationFailed(_("external_url must be an http(s) link."), field="external_url")
    handoff_state, idea_status = CALLBACK_STATES[status]
    handoff.state = handoff_state
    if external_url:
        handoff.external_url = external_url[:500]
    if external_key:
        handoff.external_key = external_key[:120]
    ideas.record_team_progress(handoff.team.name, handoff.idea, idea_status, note, actor=actor)
    db.session.commit()


def receive_status_callback(
    handoff_id: int, body: bytes, timestamp: str | None, given_signature: str | None
) -> tuple[bool, Handoff]:
    """Verify and apply a signed callback. Returns (applied, handoff); a replayed event id is
    acknowledged without applying it twice."""
    handoff = get_handoff(handoff_id)
    signing.verify(
        secrets.decrypt(handoff.team.secret_encrypted),
        timestamp,
        given_signature,
        body,
        int(time.time()),
    )
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise ValidationFailed(_("The body must be JSON.")) from exc
    if not isinstance(data, dict):
        raise ValidationFailed(_("The body must be a JSON object."))
    event_id = str(data.get("event_id") or "").strip()
    if not event_id or len(event_id) > 120:
        raise ValidationFailed(
            _("event_id is required (at most 120 characters)."), field="event_id"
        )
    seen = db.session.scalar(
        select(InboundEvent).where(
            InboundEvent.handoff_id == handoff.id, InboundEvent.event_id == event_id
        )
    )
    if seen is not None:
        return False, handoff
    status = str(data.get("status") or "")
    db.session.add(InboundEvent(handoff_id=handoff.id, event_id=event_id, status=status))
    apply_progress(
        handoff,
        status,
        note=str(data.get("note") or ""),
        external_url=data.get("external_url"),
        external_key=data.get("external_key"),
    )
    return True, handoff


def handoffs_of(idea: Idea) -> list[Handoff]:
    return list(
        db.session.scalars(
            select(Handoff).where(Handoff.idea_id == idea.id).order_by(Handoff.id.desc())
        )
    )


def idea_loop(idea: Idea) -> dict[str, Any]:
    """Triage's part of the idea's loop, for its page: triaged when, with which team. (When
    voters were last told is the notifications module's to say.)"""
    from ideaportal.ideas.models import StatusChange

    triaged = db.session.scalar(
        select(func.min(StatusChange.created_at)).where(StatusChange.idea_id == idea.id)
    )
    current = latest_handoffs([idea.id]).get(idea.id)
    return {"triaged_at": triaged, "handoff": current}


# ---- status read from the teams' trackers ----


def _tracker_since(tc: TeamConnector) -> tuple[bool, Any]:
    """Where to start reading: the tracker's own time of the last change read; before the
    first read, a day before the team's first hand-off that became an issue (allowing for a
    tracker clock that differs from ours). (False, None): no issue yet, nothing to read."""
    if tc.synced_until is not None:
        return True, tc.synced_until
    first = db.session.scalar(
        select(func.min(Handoff.created_at)).where(
            Handoff.team_id == tc.team_id, Handoff.external_key.is_not(None)
        )
    )
    return (first is not None), (first - timedelta(days=1) if first else None)


def _apply_tracker_status(tc: TeamConnector, change: ExternalStatus) -> bool:
    """Record one issue's status; when the team maps it to an idea status, change the idea
    (its voters and followers are told). True when the idea changed."""
    handoff = db.session.scalar(
        select(Handoff)
        .where(Handoff.team_id == tc.team_id, Handoff.external_key == change.key)
        .order_by(Handoff.id.desc())
        .limit(1)
    )
    if handoff is None:
        return False  # an issue the portal did not open
    status = change.status[:80]
    # Claimed by a conditional update: two workers polling at once apply a change once.
    claimed = db.session.execute(
        update(Handoff)
        .where(
            Handoff.id == handoff.id,
            or_(Handoff.external_status.is_(None), Handoff.external_status != status),
        )
        .values(external_status=status)
        .execution_options(synchronize_session=False)
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        return False
    target = tc.status_map.get(change.status)
    current = latest_handoffs([handoff.idea_id]).get(handoff.idea_id)
    if target is None or current is None or current.id != handoff.id:
        db.session.commit()  # noted; it means nothing for the idea (or a later team has it)
        return False
    tool = kinds()[tc.kind].label if tc.kind in kinds() else tc.kind
    try:
        apply_progress(
            handoff, target, note=f"{change.status} in {tool} ({change.key}).", actor=None
        )
    except (ValidationFailed, Conflict) as exc:
        db.session.rollback()
        log.warning("tracker status %s of %s not applied: %s", status, change.key, exc.message)
        db.session.execute(
            update(Handoff).where(Handoff.id == handoff.id).values(external_status=status)
        )
        db.session.commit()
        return False
    return True


def poll_trackers() -> int:
    """Read every polling tracker's status changes since the last read and apply them.
    Returns how many ideas changed status. A tracker that fails is retried next time."""
    changed = 0
    for tc_id in db.session.scalars(select(TeamConnector.id).order_by(TeamConnector.id)).all():
        tc = db.session.get(TeamConnector, tc_id)
        if tc is None:
            continue
        try:
            settings = connections.settings_of(tc.team, _policy())
            connector = connector_for(settings) if settings else None
            if connector is None or not connector.polls:
                continue
            due, since = _tracker_since(tc)
            if not due:
                continue
            updates = connector.changed_since(since)
        except (ConnectorError, KeyError, TypeError, ValueError) as exc:
            # One team's tracker failing (or answering oddly) must not stop the others.
            message = exc.message if isinstance(exc, ConnectorError) else f"odd answer: {exc!r}"
            log.warning("reading %s tracker of team %s failed: %s", tc.kind, tc.team_id, message)
            tc.last_error = message[:500]
            tc.last_polled_at = utcnow()
            db.session.commit()
            continue
        for change in updates:
            changed += _apply_tracker_status(tc, change)
        tc = db.session.get(TeamConnector, tc_id)
        assert tc is not None
        newest = max((c.updated_at for c in updates if c.updated_at), default=None)
        if newest is not None and (tc.synced_until is None or newest > tc.synced_until):
            tc.synced_until = newest
        tc.last_error = None
        tc.last_polled_at = utcnow()
        db.session.commit()
    return changed
