"""flask commands: seed-demo, create-admin, send-due, worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when data exists.")
@with_appcontext
def seed_demo_command(if_empty: bool) -> None:
    """Load the demo community: 3 public boards, ~300 ideas, 40 users of every role."""
    from ideaportal.demo.seed import DEMO_PASSWORD, check_counters, database_is_empty, seed_demo

    if not database_is_empty():
        if if_empty:
            click.echo("Demo data: the database already has data; nothing loaded.")
            return
        raise click.ClickException("The database already has users; demo data needs an empty one.")
    report = seed_demo()
    problems = check_counters()
    if problems:
        raise click.ClickException("counter mismatch after seeding: " + "; ".join(problems[:5]))
    click.echo(
        f"Loaded {report.users} users, {report.ideas} ideas, {report.votes} votes, "
        f"{report.comments} comments."
    )
    _embed_and_cluster()
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for role, email in report.logins:
        click.echo(f"  {role:<18} {email}")


def _embed_and_cluster() -> None:
    """Embed every idea (progress bar) and group duplicates, so the demo's similar-idea search
    and duplicates queue work from the first page view."""
    from ideaportal.dedup.services import embed_ideas, recluster
    from ideaportal.extensions import db
    from ideaportal.ideas.models import Idea

    ideas = list(db.session.query(Idea))
    with click.progressbar(
        length=len(ideas), label="Embedding ideas for duplicate detection"
    ) as bar:
        embed_ideas(ideas, progress=bar.update)
    groups = recluster()
    click.echo(f"{len(groups)} duplicate cluster(s) suggested to product managers.")


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", "display_name", prompt="Display name")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def create_admin_command(email: str, display_name: str, password: str) -> None:
    """Create an admin account (or make an existing account admin)."""
    from ideaportal.accounts.services import create_admin
    from ideaportal.core.errors import DomainError

    try:
        user = create_admin(email, display_name, password)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"{user.email} is an admin.")


@click.command("send-due")
@with_appcontext
def send_due_command() -> None:
    """Publish scheduled posts and deliver emails and webhooks that are due now (the worker
    does this every minute)."""
    from ideaportal.community.announcements import publish_due
    from ideaportal.notifications.outbox import deliver_due_emails
    from ideaportal.triage.services import deliver_due_webhooks

    click.echo(f"Published {publish_due()} scheduled post(s).")
    click.echo(f"Sent {deliver_due_emails()} email(s).")
    click.echo(f"Delivered {deliver_due_webhooks()} webhook(s).")


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Worker threads.")
@click.option(
    "--shutdown-timeout",
    default=30,
    show_default=True,
    help="Seconds a stopping worker waits for running jobs to finish.",
)
@with_appcontext
def worker_command(workers: int, shutdown_timeout: int) -> None:
    """Run the job queue consumer (emails, embeddings, schedules).

    SIGTERM (what systemd, Docker and Kubernetes send) stops it gracefully: it takes no new
    job and lets running ones finish; queued jobs stay in the queue's storage for the next
    start. A second SIGTERM, or SIGINT, stops it at once."""
    from ideaportal.jobs import enqueue_start_sweeps, huey

    enqueue_start_sweeps()
    consumer = huey.create_consumer(
        workers=workers,
        worker_type="thread",
        periodic=True,
        graceful_signal="TERM",
        shutdown_timeout=shutdown_timeout,
    )
    consumer.run()


@click.command("check-counts")
@click.option("--fix", is_flag=True, help="Recount the ideas whose counters differ.")
@with_appcontext
def check_counts_command(fix: bool) -> None:
    """Report every idea whose vote, follower or comment count differs from its rows."""
    from ideaportal.ideas.counters import find_drift, fix_drift

    drift = fix_drift() if fix else find_drift()
    for d in drift:
        click.echo(f"idea #{d.idea_id}: {d.counter} is {d.stored}, its rows say {d.rows}")
    if not drift:
        click.echo("Every counter equals its rows.")
    elif fix:
        click.echo(f"Fixed {len(drift)} counter(s).")
    else:
        raise SystemExit(1)


@click.command("reindex")
@click.option("--changed-only", is_flag=True, help="Only ideas whose text changed.")
@with_appcontext
def reindex_command(changed_only: bool) -> None:
    """Embed every idea again with the configured model (progress bar)."""
    from ideaportal.dedup.services import reindex

    bar: dict[str, Any] = {}

    def on_total(total: int) -> None:
        bar["bar"] = click.progressbar(length=total, label="Embedding ideas")
        bar["bar"].__enter__()

    try:
        count = reindex(
            force=not changed_only, progress=lambda n: bar["bar"].update(n), on_total=on_total
        )
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    click.echo(f"Embedded {count} idea(s).")


@click.command("recluster")
@with_appcontext
def recluster_command() -> None:
    """Group all ideas into duplicate clusters and refresh the suggestions."""
    from ideaportal.dedup.services import embed_ideas, recluster
    from ideaportal.extensions import db
    from ideaportal.ideas.models import Idea

    ideas = list(db.session.query(Idea))
    with click.progressbar(length=len(ideas), label="Embedding new or changed ideas") as bar:
        embed_ideas(ideas, progress=bar.update)
    groups = recluster()
    click.echo(f"{len(groups)} duplicate cluster(s) with {sum(map(len, groups))} ideas.")


@click.command("export-duplicate-labels")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_duplicate_labels_command(folder: Path) -> None:
    """Write the product managers' duplicate decisions as a labelled set for
    bench/dedup_quality.py --data FOLDER."""
    from ideaportal.dedup.labels import export_labels

    done = export_labels(folder)
    click.echo(
        f"{done.ideas} idea(s), {done.groups} duplicate group(s), {done.queries} query(ies), "
        f"{done.not_duplicates} pair(s) marked not duplicates -> {folder}"
    )


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit log."""


@audit_group.command("verify")
@with_appcontext
def audit_verify_command() -> None:
    """Check the audit log's hash chain; name every edited or deleted entry (exit 1)."""
    from ideaportal.core.audit import verify_chain

    checked, problems = verify_chain()
    for problem in problems:
        click.echo(f"TAMPERED {problem}")
    if problems:
        click.echo(f"{len(problems)} problem(s) in {checked} audit entries.")
        raise SystemExit(1)
    click.echo(f"All {checked} audit entries are intact.")


def init_app(app: Flask) -> None:
    app.cli.add_command(audit_group)
    for command in (
        seed_demo_command,
        create_admin_command,
        send_due_command,
        worker_command,
        check_counts_command,
        reindex_command,
        recluster_command,
        export_duplicate_labels_command,
    ):
        app.cli.add_command(command)
