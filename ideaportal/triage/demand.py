"""The demand score: a transparent sum of weighted parts, computed in SQL so the queue sorts
by it, and shown part by part so a product manager can see why an idea ranks where it does.

    score = w_votes·votes + w_velocity·votes in the last N days + w_followers·followers
            + w_comments·comments + w_age·age in months   (w_age is negative: old ideas fade)
            + w_revenue·monthly revenue of the distinct companies whose members voted
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, Float, cast, func, select

from ideaportal.accounts.models import User
from ideaportal.companies.models import Company
from ideaportal.core.model_base import utcnow
from ideaportal.ideas.models import Idea, Vote

DEFAULT_WEIGHTS = "votes=1,velocity=2,followers=0.5,comments=0.25,age=-0.5"
PART_NAMES = ("votes", "velocity", "followers", "comments", "age", "revenue")
# One point per 1,000 of monthly revenue: a 12k/month customer counts like 12 votes.
DEFAULT_REVENUE_WEIGHT = 0.001


@dataclass(frozen=True)
class Weights:
    votes: float
    velocity: float
    followers: float
    comments: float
    age: float
    revenue: float = 0.0

    @classmethod
    def parse(cls, text: str) -> Weights:
        values = dict.fromkeys(PART_NAMES, 0.0)
        for item in text.split(","):
            name, _, raw = item.partition("=")
            name = name.strip()
            if name not in values:
                raise ValueError(f"unknown demand weight {name!r} in {text!r}")
            values[name] = float(raw)
        return cls(**values)


def weights() -> Weights:
    parsed = Weights.parse(current_app.config.get("DEMAND_WEIGHTS") or DEFAULT_WEIGHTS)
    revenue = current_app.config.get("DEMAND_REVENUE_WEIGHT")
    if revenue is None:
        return parsed
    return replace(parsed, revenue=float(revenue))


def velocity_window_days() -> int:
    return int(current_app.config.get("DEMAND_VELOCITY_DAYS") or 30)


def demand_columns(dialect_name: str) -> dict[str, ColumnElement[Any]]:
    """SQL expressions for each input of the score, correlated to Idea."""
    since = utcnow() - timedelta(days=velocity_window_days())
    velocity = (
        select(func.count(Vote.id))
        .where(Vote.idea_id == Idea.id, Vote.created_at >= since)
        .correlate(Idea)
        .scalar_subquery()
    )
    # Each company counts once however many of its people voted: demand by who is asking.
    revenue = (
        select(func.coalesce(func.sum(Company.monthly_revenue), 0))
        .where(
            Company.id.in_(
                select(User.company_id)
                .join(Vote, Vote.user_id == User.id)
                .where(Vote.idea_id == Idea.id, User.company_id.is_not(None))
                # Two levels down: without this, Idea would join the inner FROM and every
                # idea would count every company that voted anywhere.
                .correlate(Idea)
            )
        )
        .correlate(Idea)
        .scalar_subquery()
    )
    if dialect_name == "sqlite":
        age_days = func.julianday(func.datetime("now")) - func.julianday(Idea.created_at)
    else:
        age_days = func.extract("epoch", func.timezone("utc", func.now()) - Idea.created_at) / 86400
    return {
        "votes": Idea.vote_count.expression,
        "velocity": velocity,
        "followers": Idea.follower_count.expression,
        "comments": Idea.comment_count.expression,
        "age": cast(age_days, Float) / 30.0,
        "revenue": revenue,
    }


def score_expression(columns: dict[str, ColumnElement[Any]], w: Weights) -> ColumnElement[Any]:
    return sum(
        (columns[name] * getattr(w, name) for name in PART_NAMES),
        start=cast(0.0, Float),
    )


@dataclass(frozen=True)
class Demand:
    """The score and its parts, for display ("why is this idea here?")."""

    inputs: dict[str, float]
    parts: dict[str, float]

    @property
    def score(self) -> float:
        return round(sum(self.parts.values()), 1)


def explain(inputs: dict[str, float], w: Weights) -> Demand:
    parts = {name: round(float(inputs[name] or 0) * getattr(w, name), 1) for name in PART_NAMES}
    return Demand({k: float(v or 0) for k, v in inputs.items()}, parts)
