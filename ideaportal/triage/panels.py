"""triage's parts of the idea page: where the idea stands in the loop, and the hand-off panel."""

from __future__ import annotations

from typing import Any

from flask import render_template

from ideaportal.core.permissions import can
from ideaportal.ideas import panels
from ideaportal.ideas.models import Idea
from ideaportal.triage import services
from ideaportal.triage.forms import HandoffForm, ProgressForm


def loop_facts(idea: Idea, viewer: Any) -> str:
    return render_template("triage/_loop_facts.html", loop=services.idea_loop(idea))


def handoff_panel(idea: Idea, viewer: Any) -> str | None:
    """For those who may hand ideas off."""
    if not can(viewer, "hand_off", idea):
        return None
    handoffs = services.handoffs_of(idea)
    if not handoffs and not idea.status.is_open:
        return None  # a closed idea that never went to a team: nothing to show or do
    form = HandoffForm(prefix="handoff")
    return render_template(
        "triage/_handoff_panel.html",
        idea=idea,
        handoffs=handoffs,
        handoff_form=form,
        progress_form=ProgressForm(prefix="progress"),
    )


def register() -> None:
    panels.register("triage.loop_facts", "loop_facts", loop_facts)
    panels.register("triage.handoff", "sidebar", handoff_panel, order=10)
