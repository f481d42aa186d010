"""dedup's parts of the idea page: the "merged into" banner with undo, and the merge box."""

from __future__ import annotations

from typing import Any

from flask import render_template

from ideaportal.core.permissions import can
from ideaportal.dedup.forms import MergeForm
from ideaportal.dedup.merging import latest_merge_of
from ideaportal.ideas import panels
from ideaportal.ideas.models import Idea, IdeaStatus


def merged_banner(idea: Idea, viewer: Any) -> str | None:
    if idea.status != IdeaStatus.MERGED or idea.merged_into is None:
        return None
    merge = latest_merge_of(idea) if can(viewer, "merge_ideas", idea) else None
    return render_template("dedup/_merged_banner.html", idea=idea, merge=merge)


def merge_box(idea: Idea, viewer: Any) -> str | None:
    if idea.status == IdeaStatus.MERGED or not can(viewer, "merge_ideas", idea):
        return None
    return render_template("dedup/_merge_box.html", idea=idea, merge_form=MergeForm(prefix="merge"))


def register() -> None:
    panels.register("dedup.merged_banner", "banner", merged_banner)
    panels.register("dedup.merge_box", "staff_tools", merge_box, order=20)
