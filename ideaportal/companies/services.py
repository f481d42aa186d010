"""Company use cases: create and change companies, put people in them, import a CSV, and tell
staff which companies asked for an idea. Only staff ever see another company's data."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ideaportal.accounts.models import User
from ideaportal.companies.models import Company
from ideaportal.core import audit
from ideaportal.core.errors import NotFound, ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.core.permissions import require
from ideaportal.core.safe_text import clean_line
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea, Vote

CSV_COLUMNS = ("name", "plan", "monthly_revenue", "segment", "members")


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _clean_name(name: str) -> str:
    name = clean_line(name)  # no bidi tricks or invisible characters in a company's name
    if not 2 <= len(name) <= 120:
        raise ValidationFailed(_("Give the company a name of 2-120 characters."), field="name")
    return name


def _clean_label(value: str | None, field_name: str) -> str | None:
    value = " ".join((value or "").split())
    if len(value) > 40:
        raise ValidationFailed(_("Use at most 40 characters."), field=field_name)
    return value or None


def parse_revenue(raw: object) -> int:
    """Whole currency units per month; '12,500' and '12500.00' are both 12500."""
    if raw is None or raw == "":
        return 0
    text = str(raw).strip().replace(",", "").replace("_", "")
    try:
        value = float(text)
    except ValueError as exc:
        raise ValidationFailed(
            _("Monthly revenue must be a number, not %(value)s.", value=repr(raw)),
            field="monthly_revenue",
        ) from exc
    if value < 0 or value > 10**12:
        raise ValidationFailed(_("Monthly revenue must be 0 or more."), field="monthly_revenue")
    return round(value)


def find_company(name: str) -> Company | None:
    return db.session.scalar(select(Company).where(Company.name_key == _name_key(name)))


def get_company(actor: User, company_id: int) -> Company:
    require(actor, "manage_companies")
    company = db.session.get(Company, company_id)
    if company is None:
        raise NotFound(_("No such company."))
    return company


def list_companies(actor: User, segment: str | None = None) -> list[Company]:
    require(actor, "manage_companies")
    stmt = select(Company).order_by(Company.monthly_revenue.desc(), Company.name)
    if segment:
        stmt = stmt.where(Company.segment == segment)
    return list(db.session.scalars(stmt))


def member_counts() -> dict[int, int]:
    rows = db.session.execute(
        select(User.company_id, func.count(User.id))
        .where(User.company_id.is_not(None), User.deleted_at.is_(None))
        .group_by(User.company_id)
    )
    return {int(company_id): count for company_id, count in rows if company_id is not None}


def segments() -> list[str]:
    """The segments in use, for the queue's filter."""
    return list(
        db.session.scalars(
            select(Company.segment)
            .where(Company.segment.is_not(None))
            .distinct()
            .order_by(Company.segment)
        )
    )


def _apply(
    company: Company,
    *,
    plan: str | None,
    monthly_revenue: object,
    segment: str | None,
) -> None:
    company.plan = _clean_label(plan, "plan")
    company.monthly_revenue = parse_revenue(monthly_revenue)
    company.segment = _clean_label(segment, "segment")


def save_company(
    actor: User | None,
    company: Company | None,
    *,
    name: str,
    plan: str | None = None,
    monthly_revenue: object = 0,
    segment: str | None = None,
    commit: bool = True,
) -> Company:
    """Create or change a company (actor None: the CLI import, which is trusted)."""
    if actor is not None:
        require(actor, "manage_companies")
    name = _clean_name(name)
    clash = find_company(name)
    if clash is not None and clash is not company:
        raise ValidationFailed(_("Another company has this name."), field="name")
    creating = company is None
    if company is None:
        company = Company(name=name, name_key=_name_key(name))
        db.session.add(company)
    old = _snapshot(company) if not creating else None
    company.name, company.name_key = name, _name_key(name)
    _apply(company, plan=plan, monthly_revenue=monthly_revenue, segment=segment)
    db.session.flush()
    audit.record(
        actor,
        "company.created" if creating else "company.updated",
        company,
        f"Company {name} {'created' if creating else 'updated'}",
        old=old,
        new=_snapshot(company),
    )
    if commit:
        db.session.commit()
    return company


def _snapshot(company: Company) -> dict[str, object]:
    return {
        "name": company.name,
        "plan": company.plan,
        "monthly_revenue": company.monthly_revenue,
        "segment": company.segment,
    }


def company_for_claim(name: str | None) -> Company | None:
    """The company an identity provider or a widget token names; made on first mention
    (with no plan or revenue: an admin fills them in). Runs in the caller's transaction.
    The name is cleaned as an admin's would be (no bidi or invisible characters), cut to
    120 characters; one of fewer than 2 visible characters names no company. The callers
    have refused a claim that is not text."""
    name = clean_line(name)[:120].rstrip()
    if len(name) < 2:
        return None
    company = find_company(name)
    if company is None:
        company = Company(name=name, name_key=_name_key(name), monthly_revenue=0)
        db.session.add(company)
        db.session.flush()
        audit.record(None, "company.created", company, f"Company {name} created at sign-in")
    return company


def assign_member(actor: User | None, user: User, company: Company | None) -> None:
    """Put a person in a company (or take them out), in the caller's transaction."""
    if actor is not None:
        require(actor, "manage_companies")
    if user.company_id == (company.id if company else None):
        return
    old = user.company.name if user.company else None
    user.company = company
    audit.record(
        actor,
        "user.company_changed",
        user,
        f"{user.display_name}: {old or 'no company'} → {company.name if company else 'no company'}",
    )


def upsert_company(
    actor: User,
    *,
    name: str,
    plan: str | None,
    monthly_revenue: object,
    segment: str | None,
    member_emails: list[str],
) -> tuple[Company, bool]:
    """The API's write: create or update the company by name and put the named people in it,
    in one transaction. Returns the company and whether it was created."""
    require(actor, "manage_companies")
    from ideaportal.accounts.services import find_user_by_email

    members = []
    for email in member_emails:
        user = find_user_by_email(email)
        if user is None:
            raise ValidationFailed(
                _("No account with the email %(email)s.", email=email), field="members"
            )
        members.append(user)
    existing = find_company(name)
    company = save_company(
        actor,
        existing,
        name=name,
        plan=plan,
        monthly_revenue=monthly_revenue,
        segment=segment,
        commit=False,
    )
    for user in members:
        assign_member(actor, user, company)
    db.session.commit()
    return company, existing is None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    members: int = 0
    problems: list[str] = field(default_factory=list)


def import_csv(actor: User | None, text: str) -> ImportReport:
    """Rows of name, plan, monthly_revenue, segment and members (emails separated by spaces
    or semicolons). All or nothing: one bad row and nothing is written."""
    if actor is not None:
        require(actor, "manage_companies")
    from ideaportal.accounts.services import find_user_by_email

    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [h.strip().lower() for h in reader.fieldnames or []]
    if "name" not in headers:
        raise ValidationFailed(
            _(
                "The CSV needs a header row with at least 'name' (columns: %(columns)s).",
                columns=", ".join(CSV_COLUMNS),
            ),
            field="file",
        )
    report = ImportReport()
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not any(row.values()):
            continue
        try:
            existing = find_company(row.get("name", ""))
            company = save_company(
                actor,
                existing,
                name=row.get("name", ""),
                plan=row.get("plan"),
                monthly_revenue=row.get("monthly_revenue"),
                segment=row.get("segment"),
                commit=False,
            )
        except ValidationFailed as exc:
            report.problems.append(_("line %(num)s: %(problem)s", num=line, problem=exc.message))
            continue
        if existing is None:
            report.created += 1
        else:
            report.updated += 1
        for email in row.get("members", "").replace(";", " ").replace(",", " ").split():
            user = find_user_by_email(email)
            if user is None:
                report.problems.append(
                    _("line %(num)s: no account with the email %(email)s", num=line, email=email)
                )
                continue
            assign_member(actor, user, company)
            report.members += 1
    if report.problems:
        db.session.rollback()
        return report
    db.session.commit()
    return report


@dataclass(frozen=True)
class AskingCompany:
    company: Company
    voters: int
    is_author: bool


def companies_asking(actor: User, idea: Idea) -> list[AskingCompany]:
    """Staff only: the companies whose members voted for or posted the idea, biggest first."""
    require(actor, "view_companies")
    rows = db.session.execute(
        select(Company, func.count(Vote.id))
        .join(User, User.company_id == Company.id)
        .join(Vote, Vote.user_id == User.id)
        .where(Vote.idea_id == idea.id)
        .group_by(Company.id)
    ).all()
    by_id = {company.id: AskingCompany(company, count, False) for company, count in rows}
    author_company = idea.author.company if idea.author else None
    if author_company is not None:
        current = by_id.get(author_company.id)
        by_id[author_company.id] = AskingCompany(
            author_company, current.voters if current else 0, True
        )
    return sorted(
        by_id.values(), key=lambda a: (-a.company.monthly_revenue, a.company.name.casefold())
    )
