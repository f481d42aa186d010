"""Scenario helpers: a portal with rows in every exported table, and an empty one to import
into."""

from __future__ import annotations

import shutil
import uuid
from datetime import date, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from ideaportal import create_app
from ideaportal.accounts.models import ApiToken, Role, User
from ideaportal.community import moderation
from ideaportal.community.models import (
    Announcement,
    Appeal,
    FlagReason,
    Guidelines,
    PageView,
    Reaction,
)
from ideaportal.companies.models import Company
from ideaportal.core import settings_store
from ideaportal.core.model_base import utcnow
from ideaportal.dedup.merging import merge_ideas
from ideaportal.extensions import db
from ideaportal.ideas.models import Comment, Idea, IdeaStatus
from ideaportal.sso.models import SsoIdentity, SsoProvider
from ideaportal.triage.models import (
    DeliveryState,
    Handoff,
    InboundEvent,
    TeamConnector,
    WebhookAttempt,
    WebhookDelivery,
)
from ideaportal.triage.secrets import encrypt
from ideaportal.webhooks.models import EventDelivery, EventDeliveryAttempt, EventSubscription
from ideaportal.widget.services import SECRET_SETTING as WIDGET_SECRET_SETTING
from tests.conftest import PG_URL, RealRequestClient, _base_config, _truncate_all

TRACKER_KEY = "redmine-api-key-0123456789"
SSO_CLIENT_SECRET = "okta-client-secret-0123456789"  # noqa: S105 (a test value)
WIDGET_SECRET = "wgsec_widget-secret-0123456789"  # noqa: S105 (a test value)


def seed_demo(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output


def user(email: str) -> User:
    found = db.session.scalar(select(User).where(User.email == email))
    assert found is not None
    return found


def fill_every_table(app: Flask) -> None:
    """The demo community, plus what the demo lacks: a merge (of an older idea into a newer
    one, so a row points forward in its own table), a reply, a flag with an appeal, webhook
    deliveries, an API token, guidelines, a reaction and a page view."""
    seed_demo(app)
    pm, member, cm = user("pm@example.com"), user("member@example.com"), user("cm@example.com")
    open_ideas = list(
        db.session.scalars(
            select(Idea)
            .where(Idea.status == IdeaStatus.NEW, Idea.hidden.is_(False))
            .order_by(Idea.id)
        )
    )
    merge_ideas(pm, open_ideas[0], open_ideas[-1])
    first = db.session.scalars(select(Comment).where(Comment.parent_id.is_(None))).first()
    assert first is not None
    db.session.add(
        Comment(idea_id=first.idea_id, author_id=member.id, parent_id=first.id, body="Agreed!")
    )
    case = moderation.flag(member, open_ideas[1], FlagReason.SPAM, "Looks like an advert")
    db.session.add(Appeal(case_id=case.id, author_id=open_ideas[1].author_id, text="Not spam."))
    handoff = db.session.scalars(select(Handoff).order_by(Handoff.id)).first()
    assert handoff is not None
    delivery = WebhookDelivery(
        handoff_id=handoff.id,
        event="handoff.created",
        payload={"idea": {"id": handoff.idea_id, "voters": [member.email]}, "n": 1.5},
        state=DeliveryState.DELIVERED,
        attempts=1,
        delivered_at=utcnow(),
    )
    db.session.add(delivery)
    db.session.flush()
    db.session.add(WebhookAttempt(delivery_id=delivery.id, status_code=200, duration_ms=12))
    db.session.add(InboundEvent(handoff_id=handoff.id, event_id="evt-1", status="in_progress"))
    db.session.add(
        TeamConnector(
            team_id=handoff.team_id,
            kind="redmine",
            base_url="https://redmine.example.com",
            project="shiftly",
            api_key_encrypted=encrypt(TRACKER_KEY),
            status_map={"Closed": "shipped"},
        )
    )
    db.session.add(
        ApiToken(user_id=member.id, name="CI", token_hash="ab" * 32, prefix="ip_ab", scopes="read")
    )
    company = Company(name="Acme Logistics", name_key="acme logistics", plan="Enterprise")
    company.monthly_revenue, company.segment = 12000, "enterprise"
    db.session.add(company)
    db.session.flush()
    member.company_id = company.id
    provider = SsoProvider(
        slug="okta",
        name="Okta",
        issuer="https://example.okta.com",
        client_id="ideaportal",
        client_secret_encrypted=encrypt(SSO_CLIENT_SECRET),
    )
    db.session.add(provider)
    db.session.flush()
    db.session.add(SsoIdentity(provider_id=provider.id, subject="00u1", user_id=member.id))
    settings_store.put(WIDGET_SECRET_SETTING, encrypt(WIDGET_SECRET))
    subscription = EventSubscription(
        url="https://hooks.example.com/ideaportal",
        events="idea.created vote.created",
        secret_encrypted=encrypt("event-signing-secret-0123456789"),
        created_by_id=cm.id,
    )
    db.session.add(subscription)
    db.session.flush()
    event = EventDelivery(
        subscription_id=subscription.id,
        event="idea.created",
        payload={"idea": {"id": open_ideas[2].id}},
        state=DeliveryState.DELIVERED,
        attempts=1,
        delivered_at=utcnow(),
    )
    db.session.add(event)
    db.session.flush()
    db.session.add(EventDeliveryAttempt(delivery_id=event.id, status_code=204, duration_ms=9))
    db.session.add(Guidelines(body="Be kind; one idea per post.", editor_id=cm.id))
    announcement = db.session.scalars(select(Announcement).order_by(Announcement.id)).first()
    assert announcement is not None
    db.session.add(Reaction(announcement_id=announcement.id, user_id=member.id, helpful=True))
    db.session.add(
        PageView(
            day=date.today() - timedelta(days=1),
            kind="idea",
            target_id=open_ideas[2].id,
            visitor_hash="cd" * 32,
            user_id=None,
        )
    )
    db.session.commit()
    assert member.role == Role.MEMBER


def empty_portal(app: Flask, template: str, folder: Path) -> Flask:
    """An app on a freshly migrated database: a new SQLite file, or on PostgreSQL the same
    database emptied (the test's own data has been exported by then)."""
    if PG_URL:
        db.session.remove()
        _truncate_all()
        return app
    path = folder / f"empty-{uuid.uuid4().hex}.sqlite3"
    shutil.copyfile(template, path)
    fresh = create_app(_base_config(f"sqlite:///{path}", folder))
    fresh.test_client_class = RealRequestClient
    return fresh


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
