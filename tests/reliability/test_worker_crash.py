"""A worker killed with SIGKILL in the middle of sending an email and a webhook loses
nothing: its claims are leases that expire, the restarted worker sends both again, and a
receiver that dedupes by delivery id acts on each exactly once."""

from __future__ import annotations

import os
import signal
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ideaportal.accounts.models import Role
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.notifications.models import EmailState, OutboxEmail
from ideaportal.notifications.outbox import queue_email
from ideaportal.triage import services as triage
from ideaportal.triage.models import DeliveryState, WebhookDelivery
from tests.reliability.receivers import SmtpReceiver, WebhookReceiver
from tests.scale.servers import Node, wait_until, worker_node

LEASE_SECONDS = 3


def _worker_env(app, tmp_path: Path, smtp: SmtpReceiver) -> dict[str, str]:
    env = {
        **os.environ,
        "FLASK_APP": "ideaportal:create_app",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "IDEAPORTAL_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "IDEAPORTAL_QUEUE_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}",
        "IDEAPORTAL_SECRET_KEY": app.config["SECRET_KEY"],
        "IDEAPORTAL_BASE_URL": app.config["BASE_URL"],
        "IDEAPORTAL_CACHE_URL": "null://",
        "IDEAPORTAL_SMTP_HOST": "127.0.0.1",
        "IDEAPORTAL_SMTP_PORT": str(smtp.port),
        "IDEAPORTAL_SMTP_STARTTLS": "false",
        "IDEAPORTAL_WEBHOOK_ALLOW_HTTP_LOOPBACK": "true",
        "IDEAPORTAL_CLAIM_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    env.pop("IDEAPORTAL_TEST_DATABASE_URL", None)
    env.pop("IDEAPORTAL_REDIS_URL", None)
    return env


def _rows() -> tuple[OutboxEmail, WebhookDelivery]:
    db.session.expire_all()
    email = db.session.scalars(select(OutboxEmail)).one()
    delivery = db.session.scalars(select(WebhookDelivery)).one()
    return email, delivery


def test_a_killed_worker_leaves_nothing_undelivered_or_doubled(app_factory, tmp_path):
    # The test process only writes rows; sending is the worker's job.
    app = app_factory(QUEUE_IMMEDIATE=False, WEBHOOK_ALLOW_HTTP_LOOPBACK=True)
    with (
        app.app_context(),
        SmtpReceiver() as smtp,
        WebhookReceiver() as hook,
    ):
        from tests.factories import Factory

        make = Factory()
        admin, pm = make.user(Role.ADMIN), make.user(Role.PRODUCT_MANAGER)
        team, _ = triage.save_team(
            admin, None, name="Payroll squad", webhook_url=hook.url, member_ids=[]
        )
        triage.hand_off(pm, make.idea(), team)
        queue_email("ann@example.com", "Your idea shipped", "It is live.", kind="test")
        db.session.commit()
        smtp.hold_first = hook.hold_first = True

        env = _worker_env(app, tmp_path, smtp)
        worker: Node = worker_node(env, tmp_path / "worker-1.log")
        try:
            assert smtp.first_arrived.wait(90), (tmp_path / "worker-1.log").read_text()[-3000:]
            assert hook.first_arrived.wait(30), (tmp_path / "worker-1.log").read_text()[-3000:]
            # Both sends are in flight, their answers held: kill the worker outright.
            os.killpg(worker.process.pid, signal.SIGKILL)
            worker.process.wait(10)
        finally:
            worker.stop()
        smtp.release.set()
        hook.release.set()

        email, delivery = _rows()
        assert email.state == EmailState.PENDING and delivery.state == DeliveryState.PENDING
        # The dead worker's claims are leases with an end, not flags that stick.
        assert isinstance(email.claimed_until, datetime) and email.claimed_until > utcnow()
        assert delivery.claimed_until is not None and delivery.claimed_until > utcnow()
        wait_until(
            lambda: max(email.claimed_until, delivery.claimed_until) < utcnow(),
            LEASE_SECONDS + 5,
            "lease expiry",
        )

        worker = worker_node(env, tmp_path / "worker-2.log")
        try:

            def both_done() -> bool:
                e, d = _rows()
                return e.state == EmailState.SENT and d.state == DeliveryState.DELIVERED

            wait_until(both_done, 90, "redelivery after restart")
        finally:
            worker.stop()

        email, delivery = _rows()
        assert email.attempts == 2 and delivery.attempts == 2
        assert email.claimed_until is None and delivery.claimed_until is None
        # Each arrived twice (the first send's answer never reached the dead worker) and
        # carried the same delivery id both times, so the receivers act on it once.
        assert len(smtp.arrivals) == 2 and len(set(smtp.arrivals)) == 1
        stable_id = f"<outbox-{email.id}.{email.created_at:%Y%m%d%H%M%S}@portal.test>"
        assert smtp.delivered == {stable_id: 1}
        assert len(hook.arrivals) == 2 and hook.delivered == {str(delivery.id): 1}
