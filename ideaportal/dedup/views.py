"""Pages of the duplicate workflow: similar ideas while typing, the duplicates queue,
merge and undo."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.core.errors import INPUT_ERRORS, NotFound
from ideaportal.core.i18n import gettext as _
from ideaportal.core.permissions import require
from ideaportal.core.request_input import db_int
from ideaportal.dedup import merging, services
from ideaportal.dedup.explain import highlight
from ideaportal.dedup.forms import MergeForm, idea_number
from ideaportal.extensions import limiter
from ideaportal.ideas import services as ideas
from ideaportal.ideas.queries import visible_boards, voted_idea_ids

bp = Blueprint("dedup", __name__)
# {{ idea.title | highlight_shared(words) }}: escaped text, shared words in <mark>.
bp.add_app_template_filter(highlight, "highlight_shared")


@bp.post("/ideas/<int:idea_id>/merge")
@login_required
def merge(idea_id: int) -> Response:
    source = ideas.get_idea(current_user, idea_id)
    require(current_user, "merge_ideas", source, _("Only product managers can merge ideas."))
    form = MergeForm(prefix="merge")
    if not form.validate_on_submit():
        flash(" ".join(form.target.errors) or _("Say which idea to merge into."), "danger")
        return redirect(url_for("ideas.detail", idea_id=idea_id))
    try:
        target = ideas.get_idea(current_user, idea_number(form.target.data))
        merging.merge_ideas(current_user, source, target, note=form.note.data or "")
    except NotFound:
        flash(_("There is no idea with that number."), "danger")
        return redirect(url_for("ideas.detail", idea_id=idea_id))
    except INPUT_ERRORS as exc:
        flash(exc.message, "danger")
        return redirect(url_for("ideas.detail", idea_id=idea_id))
    flash(
        _(
            "Merged “%(title)s” into this idea: %(num)s votes now count here.",
            title=source.title,
            num=target.vote_count,
        ),
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
    flash(_("The merge is undone: votes, followers and comments are back."), "success")
    return redirect(url_for("ideas.detail", idea_id=source.id))


@bp.get("/ideas/similar")
@limiter.limit(lambda: str(current_app.config["RATELIMIT_SIMILAR"]))
def similar() -> str:
    """The "already asked?" box on the submit form (htmx, while the user types)."""
    text = (request.args.get("title") or request.args.get("q") or "").strip()
    board_slug = request.args.get("board") or None
    boards = None
    if board_slug:
        try:
            boards = [ideas.get_board(current_user, board_slug).id]
        except NotFound:
            boards = None
    body = (request.args.get("body") or "")[:2000]
    hits = (
        services.similar_ideas(current_user, text, k=5, board_ids=boards, body=body) if text else []
    )
    return render_template(
        "dedup/_similar.html",
        hits=hits,
        voted=voted_idea_ids(current_user, [h.idea for h in hits]),
    )


@bp.get("/triage/duplicates")
@login_required
def duplicates() -> str:
    require(current_user, "triage")
    board_slug = request.args.get("board") or None
    board = ideas.get_board(current_user, board_slug) if board_slug else None
    return render_template(
        "dedup/duplicates.html",
        clusters=services.duplicate_clusters(current_user, board.id if board else None),
        boards=visible_boards(current_user),
        board=board,
    )


@bp.post("/triage/duplicates/merge")
@login_required
def merge_cluster() -> Response:
    require(current_user, "triage")
    target_id = request.form.get("target", type=db_int)
    source_ids = [int(v) for v in request.form.getlist("sources") if v.isdigit()]
    if target_id is None or not source_ids:
        flash(_("Pick the idea that stays and at least one to merge into it."), "danger")
        return redirect(url_for("dedup.duplicates"))
    target = ideas.get_idea(current_user, target_id)
    sources = [ideas.get_idea(current_user, i) for i in source_ids]
    merged, refused = merging.merge_many(current_user, target, sources)
    for message in refused:
        flash(message, "danger")
    if merged:
        flash(
            _(
                "Merged %(merged)s idea(s) into “%(title)s”; it now has %(num)s votes.",
                merged=merged,
                title=target.title,
                num=target.vote_count,
            ),
            "success",
        )
    return redirect(url_for("dedup.duplicates"))


@bp.post("/triage/duplicates/dismiss")
@login_required
def dismiss_cluster() -> Response:
    ids = [int(v) for v in request.form.getlist("ideas") if v.isdigit()]
    count = services.dismiss_cluster(current_user, ids)
    flash(
        _("Marked as not duplicates; %(num)s suggestion(s) will not come back.", num=count),
        "success",
    )
    return redirect(url_for("dedup.duplicates"))
