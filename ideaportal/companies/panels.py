"""companies' part of the idea page: which customer companies ask for it (staff only)."""

from __future__ import annotations

from typing import Any

from flask import render_template

from ideaportal.companies.services import companies_asking
from ideaportal.core.permissions import can
from ideaportal.ideas import panels
from ideaportal.ideas.models import Idea


def asking_panel(idea: Idea, viewer: Any) -> str | None:
    if not can(viewer, "view_companies", idea):
        return None  # members never see other companies' data
    return render_template("companies/_asking.html", asking=companies_asking(viewer, idea))


def register() -> None:
    panels.register("companies.asking", "sidebar", asking_panel, order=20)
