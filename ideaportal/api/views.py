"""/api/v1: the blueprint with every resource's operations declared on it."""

from __future__ import annotations

# Importing a resource module declares its operations on the blueprint.
from ideaportal.api import (  # noqa: F401
    announcements,
    boards,
    comments,
    companies,
    docs,
    duplicates,
    handoffs,
    ideas,
    kpis,
    moderation,
    search,
    statuses,
    users,
    votes,
    webhooks,
)
from ideaportal.api.blueprint import bp

__all__ = ["bp"]
