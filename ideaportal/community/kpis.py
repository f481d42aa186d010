"""The community's health in numbers, from SQL aggregates over the real tables.

Every KPI is computed for a period [start, end) and compared with the period of the same
length just before it. Series are per day, and the chart and the CSV export read the same
series function, so they always agree.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _
from sqlalchemy import Select, distinct, func, select, union

from ideaportal.community.models import CaseState, ModerationCase, PageView, Reaction
from ideaportal.extensions import db
from ideaportal.ideas.models import Comment, Idea, IdeaStatus, StatusChange, Vote
from ideaportal.notifications.models import Notification

Period = tuple[datetime, datetime]


def period(start: date, end: date) -> Period:
    return datetime.combine(start, datetime.min.time()), datetime.combine(end, datetime.min.time())


def previous(p: Period) -> Period:
    length = p[1] - p[0]
    return p[0] - length, p[0]


def _count(stmt: Select[Any]) -> int:
    return int(db.session.scalar(stmt) or 0)


def contributors(p: Period) -> set[int]:
    """Members who voted, commented or posted an idea in the period."""
    q = union(
        select(Vote.user_id).where(Vote.created_at >= p[0], Vote.created_at < p[1]),
        select(Comment.author_id).where(Comment.created_at >= p[0], Comment.created_at < p[1]),
        select(Idea.author_id).where(Idea.created_at >= p[0], Idea.created_at < p[1]),
    )
    return set(db.session.scalars(select(q.subquery().c[0])))


def active_members(p: Period) -> set[int]:
    """Members who were seen in the period: contributed, or read an idea or announcement."""
    readers = {
        uid
        for uid in db.session.scalars(
            select(PageView.user_id)
            .where(
                PageView.user_id.is_not(None),
                PageView.day >= p[0].date(),
                PageView.day < p[1].date(),
            )
            .distinct()
        )
        if uid is not None
    }
    return readers | contributors(p)


def first_answer_hours(p: Period) -> list[float]:
    """Hours from posting to the first official answer, for ideas posted in the period."""
    first = (
        select(Comment.idea_id, func.min(Comment.created_at).label("answered"))
        .where(Comment.is_official.is_(True), Comment.deleted_at.is_(None))
        .group_by(Comment.idea_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Idea.created_at, first.c.answered)
        .join(first, first.c.idea_id == Idea.id)
        .where(Idea.created_at >= p[0], Idea.created_at < p[1])
    ).all()
    return sorted((answered - created).total_seconds() / 3600 for created, answered in rows)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100): an actual observed value, easy to check by hand."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, int(-(-q * len(ordered) // 100)))  # ceil(q/100 * n)
    return ordered[rank - 1]


def loop_closure(p: Period) -> tuple[int, int]:
    """(closed, total): ideas that reached shipped or declined in the period, and how many of
    them had every voter told (an in-app notification about the idea at or after the change)."""
    changes = db.session.execute(
        select(StatusChange.idea_id, func.max(StatusChange.created_at))
        .where(
            StatusChange.to_status.in_([IdeaStatus.SHIPPED, IdeaStatus.DECLINED]),
            StatusChange.created_at >= p[0],
            StatusChange.created_at < p[1],
        )
        .group_by(StatusChange.idea_id)
    ).all()
    closed = 0
    for idea_id, changed_at in changes:
        voters = set(db.session.scalars(select(Vote.user_id).where(Vote.idea_id == idea_id)))
        told = set(
            db.session.scalars(
                select(Notification.user_id).where(
                    Notification.idea_id == idea_id, Notification.created_at >= changed_at
                )
            )
        )
        if voters <= told:
            closed += 1
    return closed, len(changes)


def satisfaction(p: Period) -> tuple[int, int]:
    """(helpful, all) reactions in the period."""
    rows = db.session.execute(
        select(Reaction.helpful, func.count(Reaction.id))
        .where(Reaction.created_at >= p[0], Reaction.created_at < p[1])
        .group_by(Reaction.helpful)
    ).all()
    counts = {bool(k): int(v) for k, v in rows}
    return counts.get(True, 0), sum(counts.values())


def moderation_cases(p: Period) -> int:
    """Cases opened in the period."""
    return _count(
        select(func.count(ModerationCase.id)).where(
            ModerationCase.opened_at >= p[0], ModerationCase.opened_at < p[1]
        )
    )


def moderation_resolve_hours(p: Period) -> float | None:
    """Median hours to resolve, over the cases opened in the period and resolved since."""
    rows = db.session.execute(
        select(ModerationCase.opened_at, ModerationCase.resolved_at).where(
            ModerationCase.opened_at >= p[0],
            ModerationCase.opened_at < p[1],
            ModerationCase.state == CaseState.RESOLVED,
        )
    ).all()
    hours = [(r - o).total_seconds() / 3600 for o, r in rows if r is not None]
    return round(statistics.median(hours), 1) if hours else None


@dataclass
class Kpi:
    key: str
    label: str
    value: float | None
    previous: float | None
    unit: str = ""
    better: str = "up"  # which direction is good

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous in (None, 0):
            return None
        return (self.value - self.previous) / self.previous * 100


def _ratio(pair: tuple[int, int]) -> float | None:
    part, whole = pair
    return round(part / whole * 100, 1) if whole else None


def _views(p: Period) -> int:
    return _count(
        select(func.count(PageView.id)).where(
            PageView.day >= p[0].date(), PageView.day < p[1].date()
        )
    )


def _unique_visitors(p: Period) -> int:
    """Sum of daily unique visitors (the salt changes daily, so days cannot be joined)."""
    per_day = (
        select(PageView.day, func.count(distinct(PageView.visitor_hash)).label("n"))
        .where(PageView.day >= p[0].date(), PageView.day < p[1].date())
        .group_by(PageView.day)
        .subquery()
    )
    return _count(select(func.sum(per_day.c.n)))


def _engagement(p: Period) -> float | None:
    active = active_members(p)
    return round(len(contributors(p)) / len(active) * 100, 1) if active else None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _p90(values: list[float]) -> float | None:
    value = percentile(values, 90)
    return round(value, 1) if value is not None else None


KPI_DEFINITIONS: list[tuple[str, LazyString, Callable[[Period], float | None], str, str]] = [
    ("active_members", _("Active members"), lambda p: len(active_members(p)), "", "up"),
    ("engagement_rate", _("Engagement rate"), _engagement, "%", "up"),
    (
        "new_ideas",
        _("New ideas"),
        lambda p: _count(
            select(func.count(Idea.id)).where(Idea.created_at >= p[0], Idea.created_at < p[1])
        ),
        "",
        "up",
    ),
    (
        "votes",
        _("Votes"),
        lambda p: _count(
            select(func.count(Vote.id)).where(Vote.created_at >= p[0], Vote.created_at < p[1])
        ),
        "",
        "up",
    ),
    (
        "comments",
        _("Comments"),
        lambda p: _count(
            select(func.count(Comment.id)).where(
                Comment.created_at >= p[0], Comment.created_at < p[1]
            )
        ),
        "",
        "up",
    ),
    ("page_views", _("Page views"), _views, "", "up"),
    ("unique_visitors", _("Unique visitors (daily, summed)"), _unique_visitors, "", "up"),
    (
        "first_answer_median",
        _("Time to first official answer (median)"),
        lambda p: _median(first_answer_hours(p)),
        "h",
        "down",
    ),
    (
        "first_answer_p90",
        _("Time to first official answer (90th pct.)"),
        lambda p: _p90(first_answer_hours(p)),
        "h",
        "down",
    ),
    (
        "loop_closure",
        _("Loop closed (all voters told)"),
        lambda p: _ratio(loop_closure(p)),
        "%",
        "up",
    ),
    (
        "satisfaction",
        _("Satisfaction (helpful reactions)"),
        lambda p: _ratio(satisfaction(p)),
        "%",
        "up",
    ),
    ("moderation_cases", _("Moderation cases"), moderation_cases, "", "down"),
    (
        "moderation_hours",
        _("Time to resolve a case (median)"),
        moderation_resolve_hours,
        "h",
        "down",
    ),
]


def dashboard(p: Period) -> list[Kpi]:
    before = previous(p)
    return [
        Kpi(key, str(label), fn(p), fn(before), unit, better)
        for key, label, fn, unit, better in KPI_DEFINITIONS
    ]


# ---- daily series for charts and CSV ----

SERIES: dict[str, tuple[LazyString, Any, Any]] = {
    "new_ideas": (_("New ideas"), Idea.id, Idea.created_at),
    "votes": (_("Votes"), Vote.id, Vote.created_at),
    "comments": (_("Comments"), Comment.id, Comment.created_at),
    "official_answers": (_("Official answers"), Comment.id, Comment.created_at),
    "page_views": (_("Page views"), PageView.id, PageView.day),
    "moderation_cases": (_("Moderation cases"), ModerationCase.id, ModerationCase.opened_at),
}


def series(p: Period) -> dict[str, Any]:
    """{"days": [...], "<name>": [count per day, ...]} for every series."""
    days = [(p[0] + timedelta(days=n)).date() for n in range((p[1] - p[0]).days)]
    out: dict[str, Any] = {"days": [d.isoformat() for d in days]}
    for name, (_label, id_col, time_col) in SERIES.items():
        day = func.date(time_col)
        stmt = select(day, func.count(id_col)).where(time_col >= p[0], time_col < p[1])
        if name == "official_answers":
            stmt = stmt.where(Comment.is_official.is_(True))
        if time_col is PageView.day:
            stmt = select(day, func.count(id_col)).where(
                PageView.day >= p[0].date(), PageView.day < p[1].date()
            )
        counts = {str(d): int(n) for d, n in db.session.execute(stmt.group_by(day)).all()}
        out[name] = [counts.get(d.isoformat(), 0) for d in days]
    return out


def series_csv(p: Period, only: str | None = None) -> str:
    data = series(p)
    names = [only] if only else list(SERIES)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["day", *names])
    for n, day in enumerate(data["days"]):
        writer.writerow([day, *[data[name][n] for name in names]])
    return buffer.getvalue()
