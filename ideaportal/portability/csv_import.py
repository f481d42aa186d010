"""`flask import-csv`: ideas from a spreadsheet or another tool, with their votes.

Columns (header names are case-insensitive; the aliases in brackets work too):
title, details [description, body], author email [author], created [created at, date],
status, voter emails [voters], and optionally board (slug or name). Every row is checked
first; if any row has an error nothing is imported and every error is reported with its
row number. A row whose title the author already has on the board is skipped, so running
the same file twice imports it once.

People the portal does not know are created as members without a password: they set one
with "Forgot password?" on the log-in page. Votes and creation keep the file's date; a
status other than "new" is recorded as one status change from the import. The imported
ideas are queued for embedding and duplicate detection like posted ones.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from ideaportal.accounts.models import Role, User
from ideaportal.accounts.services import normalise_email
from ideaportal.core import audit
from ideaportal.core.errors import ValidationFailed
from ideaportal.core.model_base import as_naive_utc, utcnow
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import Board, Follow, Idea, IdeaStatus, StatusChange, Vote
from ideaportal.jobs import enqueue_after_commit
from ideaportal.portability.format import PortabilityError

# Matches no password (werkzeug refuses the format): the account exists, and its owner
# chooses a password through the reset link.
NO_PASSWORD = "!no-password-yet"  # noqa: S105
SOURCE = "spreadsheet import"

_COLUMNS = {
    "title": ("title",),
    "details": ("details", "description", "body"),
    "author": ("author email", "author_email", "author"),
    "created": ("created", "created at", "created_at", "date"),
    "status": ("status",),
    "voters": ("voter emails", "voter_emails", "voters"),
    "board": ("board",),
}
_STATUSES = {s.value: s for s in IdeaStatus if s != IdeaStatus.MERGED}


@dataclass
class PlannedIdea:
    row: int
    title: str
    body: str
    author: str
    board: Board
    created: datetime
    status: IdeaStatus
    voters: list[str]


@dataclass
class CsvReport:
    planned: list[PlannedIdea] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    new_users: list[str] = field(default_factory=list)
    imported: bool = False

    @property
    def votes(self) -> int:
        return sum(len(p.voters) for p in self.planned)


def import_csv(path: Path, *, board_slug: str | None = None, dry_run: bool = False) -> CsvReport:
    """Check every row of the file, then (unless `dry_run` or a row has an error) create the
    ideas, their authors and voters, votes and follows in one transaction."""
    report = CsvReport()
    default_board = _default_board(board_slug)
    known = {email for (email,) in db.session.execute(select(User.email))}
    seen: dict[tuple[int, str, str], int] = {}
    for number, fields in _read(path):
        try:
            planned = _plan(number, fields, default_board)
        except ValidationFailed as exc:
            report.errors.append((number, exc.message))
            continue
        key = (planned.board.id, planned.title, planned.author)
        if key in seen:
            report.skipped.append((number, f"it repeats row {seen[key]}"))
            continue
        seen[key] = number
        if _already_there(planned):
            report.skipped.append((number, f"“{planned.title}” by {planned.author} is there"))
            continue
        report.planned.append(planned)
        for email in (planned.author, *planned.voters):
            if email not in known:
                known.add(email)
                report.new_users.append(email)
    if report.errors or dry_run or not report.planned:
        return report
    _create(report)
    report.imported = True
    return report


def _read(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PortabilityError(f"{path.name} is not UTF-8 text; save it as CSV (UTF-8).") from exc
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            content[:4096], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(content), dialect)
    header = next(reader, None)
    if not header:
        raise PortabilityError(f"{path.name} is empty.")
    names = [h.strip().casefold().replace("-", " ") for h in header]
    where: dict[str, int] = {}
    for key, aliases in _COLUMNS.items():
        for alias in aliases:
            if alias in names:
                where[key] = names.index(alias)
                break
    missing = [k for k in ("title", "author") if k not in where]
    if missing:
        raise PortabilityError(
            f"{path.name} needs the columns title and author email (found: {', '.join(header)})."
        )
    rows = []
    for number, cells in enumerate(reader, start=2):  # row 1 is the header
        if not any(c.strip() for c in cells):
            continue
        rows.append(
            (number, {k: cells[i].strip() if i < len(cells) else "" for k, i in where.items()})
        )
    return rows


def _default_board(slug: str | None) -> Board:
    if slug:
        board = db.session.scalar(select(Board).where(Board.slug == slug))
        if board is None:
            raise PortabilityError(f"There is no board {slug!r}.")
        return board
    board = db.session.scalar(
        select(Board).where(Board.is_private.is_(False)).order_by(Board.position, Board.id)
    )
    if board is None:
        raise PortabilityError("The portal has no public board; name one with --board.")
    return board


def _plan(number: int, fields: dict[str, str], default_board: Board) -> PlannedIdea:
    title = ideas._clean_title(fields.get("title", ""))  # noqa: SLF001 - the one title rule
    body = ideas._clean_body(fields.get("details", ""))  # noqa: SLF001
    author = _email(fields.get("author", ""), "author email")
    voters = []
    for raw in fields.get("voters", "").replace(";", ",").replace(" ", ",").split(","):
        if raw.strip():
            email = _email(raw, "voter email")
            if email not in voters:
                voters.append(email)
    return PlannedIdea(
        row=number,
        title=title,
        body=body,
        author=author,
        board=_board(fields.get("board", ""), default_board),
        created=_created(fields.get("created", "")),
        status=_status(fields.get("status", "")),
        voters=voters,
    )


def _email(raw: str, what: str) -> str:
    if not raw.strip():
        raise ValidationFailed(f"the {what} is missing.")
    try:
        validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed(f"{what} {raw.strip()!r} is not an email address.") from exc
    return normalise_email(raw)


def _created(raw: str) -> datetime:
    if not raw:
        return utcnow()
    try:
        moment = as_naive_utc(datetime.fromisoformat(raw.replace("Z", "+00:00")))
    except ValueError as exc:
        raise ValidationFailed(
            f"created {raw!r} is not a date; write it as 2024-03-31 or 2024-03-31 14:30."
        ) from exc
    if moment > utcnow():
        raise ValidationFailed(f"created {raw!r} is in the future.")
    return moment


def _status(raw: str) -> IdeaStatus:
    key = raw.strip().casefold().replace(" ", "_").replace("-", "_") or "new"
    if key not in _STATUSES:
        raise ValidationFailed(
            f"status {raw!r} is not one of: " + ", ".join(s.label for s in _STATUSES.values())
        )
    return _STATUSES[key]


def _board(raw: str, default: Board) -> Board:
    if not raw:
        return default
    board = db.session.scalar(
        select(Board).where((Board.slug == raw) | (func.lower(Board.name) == raw.casefold()))
    )
    if board is None:
        raise ValidationFailed(f"there is no board {raw!r}.")
    return board


def _already_there(planned: PlannedIdea) -> bool:
    return (
        db.session.scalar(
            select(Idea.id)
            .join(User, User.id == Idea.author_id)
            .where(
                Idea.board_id == planned.board.id,
                Idea.title == planned.title,
                User.email == planned.author,
            )
        )
        is not None
    )


def _display_name(email: str) -> str:
    local = email.split("@", 1)[0]
    words = local.replace(".", " ").replace("_", " ").replace("-", " ").split()
    return " ".join(w.capitalize() for w in words)[:80] or local[:80]


def _create(report: CsvReport) -> None:
    from ideaportal.dedup.tasks import embed_idea

    now = utcnow()
    people = {u.email: u for u in db.session.scalars(select(User))}
    for email in report.new_users:
        people[email] = User(
            email=email,
            display_name=_display_name(email),
            password_hash=NO_PASSWORD,
            role=Role.MEMBER,
            created_at=now,
        )
        db.session.add(people[email])
    db.session.flush()
    for planned in report.planned:
        idea = Idea(
            board_id=planned.board.id,
            author_id=people[planned.author].id,
            title=planned.title,
            body=planned.body,
            status=planned.status,
            created_at=planned.created,
            updated_at=planned.created,
            last_activity_at=planned.created,
            vote_count=len(planned.voters),
        )
        db.session.add(idea)
        db.session.flush()
        # As in the app: the author follows their idea, and voting follows it too.
        followers = dict.fromkeys([planned.author, *planned.voters])
        for email in planned.voters:
            db.session.add(
                Vote(user_id=people[email].id, idea_id=idea.id, created_at=planned.created)
            )
        for email in followers:
            db.session.add(
                Follow(user_id=people[email].id, idea_id=idea.id, created_at=planned.created)
            )
        idea.follower_count = len(followers)
        if planned.status != IdeaStatus.NEW:
            db.session.add(
                StatusChange(
                    idea_id=idea.id,
                    actor_id=None,
                    from_status=IdeaStatus.NEW,
                    to_status=planned.status,
                    note="",
                    source=SOURCE,
                    created_at=planned.created,
                )
            )
        audit.record(
            None,
            "idea.imported",
            idea,
            f"Idea #{idea.id} imported from a spreadsheet (row {planned.row})",
            votes=len(planned.voters),
        )
        enqueue_after_commit(embed_idea, idea.id)
    db.session.commit()
