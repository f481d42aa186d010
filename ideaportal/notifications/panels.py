"""notifications' part of the idea page: when the voters were last told what happened."""

from __future__ import annotations

from typing import Any

from flask import render_template

from ideaportal.ideas import panels
from ideaportal.ideas.models import Idea
from ideaportal.notifications.services import last_told_at


def last_told(idea: Idea, viewer: Any) -> str:
    return render_template("notifications/_last_told.html", last_told_at=last_told_at(idea.id))


def register() -> None:
    # After triage's loop facts (order 100): the last step of the loop.
    panels.register("notifications.last_told", "loop_facts", last_told, order=110)
