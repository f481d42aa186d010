"""Pages of the duplicate workflow: merge an idea into another and undo it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.core.errors import INPUT_ERRORS, NotFound
from ideaportal.core.permissions import require
from ideaportal.dedup import merging
from ideaportal.dedup.forms import MergeForm, idea_number
from ideaportal.ideas import services as ideas

bp = Blueprint("dedup", __name__)


@bp.post("/ideas/<int:idea_id>/merge")
@login_required
def merge(idea_id: int) -> Response:
    source = ideas.get_idea(current_user, idea_id)
    require(current_user, "merge_ideas", source, "Only product managers can merge ideas.")
    form = MergeForm(prefix="merge")
    if not form.validate_on_submit():
        flash(" ".join(form.target.errors) or "Say which idea to merge into.", "danger")
        return redirect(url_for("ideas.detail", idea_id=idea_id))
    try:
        target = ideas.get_idea(current_user, idea_number(form.target.data))
        merging.merge_ideas(current_user, source, target, note=form.note.data or "")
    except NotFound:
        flash("There is no idea with that number.", "danger")
        return redirect(url_for("ideas.detail", idea_id=idea_id))
    except INPUT_ERRORS as exc:
        flash(exc.message, "danger")
        return redirect(url_for("ideas.detail", idea_id=idea_id))
    flash(
        f"Merged “{source.title}” into this idea: {target.vote_count} votes now count here.",
        "success",
    )
    return redirect(url_for("ideas.detail", idea_id=target.id))


@bp.post("/merges/<int:merge_id>/undo")
@login_required
def undo(merge_id: int) -> Response:
    merge = merging.get_merge(merge_id)
    try:
        source = merging.unmerge(current_user, merge)
    except INPUT_ERRORS as exc:
        flash(exc.message, "danger")
        return redirect(url_for("ideas.detail", idea_id=merge.source_id, stay=1))
    flash("The merge is undone: votes, followers and comments are back.", "success")
    return redirect(url_for("ideas.detail", idea_id=source.id))
