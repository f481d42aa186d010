"""flask commands: seed-demo, create-admin, send-due, worker, export/import, backup,
import-csv, import-companies, api-token create, audit verify."""

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


_SEALING_HELP = (
    "Passphrase sealing the teams' webhook secrets (at least 12 characters); "
    "also read from IDEAPORTAL_EXPORT_PASSPHRASE."
)


@click.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--anonymise",
    is_flag=True,
    help="A copy to share: names, emails and password hashes replaced, team secrets left out.",
)
@click.option("--passphrase", envvar="IDEAPORTAL_EXPORT_PASSPHRASE", help=_SEALING_HELP)
@click.option(
    "--without-team-secrets",
    is_flag=True,
    help="Leave the teams' webhook secrets out (the import gives each team a new one).",
)
@with_appcontext
def export_command(
    folder: Path, anonymise: bool, passphrase: str | None, without_team_secrets: bool
) -> None:
    """Write the whole portal to FOLDER as NDJSON files with a manifest (files mode 600)."""
    from ideaportal.portability.export import export_portal
    from ideaportal.portability.format import PortabilityError

    try:
        done = export_portal(
            folder,
            anonymise=anonymise,
            passphrase=passphrase,
            omit_team_secrets=without_team_secrets,
        )
    except PortabilityError as exc:
        raise click.ClickException(exc.message) from exc
    rows = sum(done.counts.values())
    click.echo(
        f"Exported {rows} rows of {len(done.counts)} tables to {folder} "
        f"({done.counts['user']} users, {done.counts['idea']} ideas; team secrets: "
        f"{done.team_secrets})."
    )


@click.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--passphrase", envvar="IDEAPORTAL_EXPORT_PASSPHRASE", help=_SEALING_HELP)
@with_appcontext
def import_command(folder: Path, passphrase: str | None) -> None:
    """Load an export from FOLDER into this (empty, migrated) database, in one transaction."""
    from ideaportal.portability.format import PortabilityError
    from ideaportal.portability.import_ import import_portal

    try:
        done = import_portal(folder, passphrase=passphrase)
    except PortabilityError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(
        f"Imported {sum(done.counts.values())} rows ({done.counts['user']} users, "
        f"{done.counts['idea']} ideas)."
    )
    if done.ideas_to_embed:
        click.echo(
            f"{done.ideas_to_embed} idea(s) queued for embedding: the worker computes their "
            "vectors (or run `flask reindex`)."
        )
    if done.new_team_secrets:
        click.echo(
            f"{done.new_team_secrets} team(s) got a new webhook secret: rotate it on "
            "/admin/teams to see it and give it to the team."
        )


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Copy the running SQLite portal to FILE, consistently, without stopping it (on
    PostgreSQL: use pg_dump)."""
    from ideaportal.portability.backup import backup_sqlite
    from ideaportal.portability.format import PortabilityError

    try:
        done = backup_sqlite(file)
    except PortabilityError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Backed up to {done.path} ({done.size / 1e6:.1f} MB); integrity check ok.")


@click.command("import-csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--board", "board_slug", help="Board (slug) for rows without a board column.")
@click.option("--dry-run", is_flag=True, help="Check every row and say what would be created.")
@with_appcontext
def import_csv_command(file: Path, board_slug: str | None, dry_run: bool) -> None:
    """Import ideas with their votes from a CSV file (columns: title, details, author email,
    created, status, voter emails, and optionally board)."""
    from ideaportal.portability.csv_import import import_csv
    from ideaportal.portability.format import PortabilityError

    try:
        report = import_csv(file, board_slug=board_slug, dry_run=dry_run)
    except PortabilityError as exc:
        raise click.ClickException(exc.message) from exc
    for row, message in report.errors:
        click.echo(f"row {row}: {message}", err=True)
    if report.errors:
        raise click.ClickException(
            f"{len(report.errors)} row(s) have errors; nothing was imported. Fix them and run "
            "again (--dry-run checks without importing)."
        )
    for row, message in report.skipped:
        click.echo(f"row {row}: skipped, {message}")
    if not dry_run and not report.planned:
        click.echo("Nothing new to import.")
        return
    verb = "Would create" if dry_run else "Created"
    for p in report.planned:
        click.echo(
            f"row {p.row}: {p.title!r} by {p.author} on {p.board.name}, {p.status.label.lower()}"
            f", {len(p.voters)} vote(s)"
        )
    click.echo(
        f"{verb} {len(report.planned)} idea(s), {report.votes} vote(s) and "
        f"{len(report.new_users)} member account(s)"
        + (f" ({', '.join(report.new_users)})" if report.new_users else "")
        + '; new members set a password with "Forgot password?".'
    )


@click.command("import-companies")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
@with_appcontext
def import_companies_command(csv_file: Any) -> None:
    """Create or update customer companies from a CSV (name, plan, monthly_revenue, segment,
    members); all or nothing."""
    from ideaportal.companies.services import import_csv
    from ideaportal.core.errors import ValidationFailed

    try:
        report = import_csv(None, csv_file.read())
    except ValidationFailed as exc:
        raise click.ClickException(exc.message) from exc
    if report.problems:
        raise click.ClickException("nothing imported:\n  " + "\n  ".join(report.problems[:50]))
    click.echo(
        f"{report.created} company(ies) created, {report.updated} updated, "
        f"{report.members} member(s) assigned."
    )


api_token_group = click.Group("api-token", help="API tokens for automation and operators.")


@api_token_group.command("create")
@click.argument("email")
@click.option(
    "--scopes",
    default="read",
    show_default=True,
    help="Comma-separated: read, write, admin (admin only for staff accounts).",
)
@click.option("--name", default="Command line", show_default=True, help="Shown in the list.")
@click.option("--expires-days", type=int, default=None, help="Refused after this many days.")
@with_appcontext
def api_token_create_command(email: str, scopes: str, name: str, expires_days: int | None) -> None:
    """Create an API token for the member with this email; prints it (shown only once)."""
    from ideaportal.accounts.services import create_api_token, find_user_by_email
    from ideaportal.core.errors import DomainError

    user = find_user_by_email(email)
    if user is None or not user.is_active:
        raise click.ClickException(f"No member with the email {email!r}.")
    wanted = [s.strip() for s in scopes.split(",") if s.strip()]
    try:
        token, clear = create_api_token(user, name, wanted, expires_days=expires_days)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    expiry = f", expires {token.expires_at:%Y-%m-%d %H:%M} UTC" if token.expires_at else ""
    click.echo(f"# token “{token.name}” for {user.email}: {token.scopes}{expiry}", err=True)
    click.echo(clear)


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
        export_command,
        import_command,
        backup_command,
        import_csv_command,
        import_companies_command,
        api_token_group,
    ):
        app.cli.add_command(command)
