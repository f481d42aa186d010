"""Community pages: flagging, the moderation queue, appeals, guidelines, response duty."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.community import moderation, services
from ideaportal.community.forms import ActionForm, AppealForm, FlagForm, GuidelinesForm
from ideaportal.community.models import CaseState, FlagReason
from ideaportal.core.errors import INPUT_ERRORS
from ideaportal.core.forms import attach_error
from ideaportal.core.permissions import require
from ideaportal.extensions import limiter
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import Idea

bp = Blueprint("community", __name__)


@bp.post("/flag/<target_type>/<int:target_id>")
@login_required
@limiter.limit("20 per hour")
def flag(target_type: str, target_id: int) -> Response:
    target = moderation.load_target(target_type, target_id)
    idea_id = target.id if isinstance(target, Idea) else target.idea_id
    ideas.get_idea(current_user, idea_id)  # 404 for what the user cannot see
    form = FlagForm(prefix="flag")
    if form.validate_on_submit():
        try:
            moderation.flag(
                current_user, target, FlagReason(form.reason.data), form.details.data or ""
            )
        except INPUT_ERRORS as exc:
            flash(exc.message, "warning")
        else:
            flash("Thank you. A moderator will look at it.", "success")
    else:
        flash("Choose a reason.", "danger")
    return redirect(url_for("ideas.detail", idea_id=idea_id))


@bp.get("/moderation")
@login_required
def moderation_queue() -> str:
    level = request.args.get("level", type=int)
    state = CaseState.RESOLVED if request.args.get("state") == "resolved" else CaseState.OPEN
    return render_template(
        "community/moderation.html",
        items=moderation.queue(current_user, state=state, level=level),
        level=level,
        state=state,
        action_form=ActionForm(prefix="act"),
    )


@bp.post("/moderation/cases/<int:case_id>/act")
@login_required
def act(case_id: int) -> Response:
    case = moderation.get_case(current_user, case_id)
    form = ActionForm(prefix="act")
    action = request.form.get("action", "")
    if not form.validate_on_submit():
        flash("Say why: the author is told.", "danger")
    else:
        try:
            moderation.act(
                current_user,
                case,
                action,
                reason=form.reason.data,
                new_text=form.new_text.data,
                days=form.days.data,
            )
        except INPUT_ERRORS as exc:
            flash(exc.message, "danger")
        else:
            flash(f"Done: {action.replace('_', ' ')} on case #{case.id}.", "success")
    return redirect(url_for("community.moderation_queue"))


@bp.post("/moderation/cases/<int:case_id>/escalate")
@login_required
def escalate(case_id: int) -> Response:
    case = moderation.get_case(current_user, case_id)
    try:
        moderation.escalate(
            current_user,
            case,
            request.form.get("level", type=int) or 0,
            request.form.get("note", ""),
        )
    except INPUT_ERRORS as exc:
        flash(exc.message, "danger")
    else:
        flash(f"Case #{case.id} is now at level {case.level}.", "success")
    return redirect(url_for("community.moderation_queue"))


@bp.post("/moderation/appeals/<int:case_id>/decide")
@login_required
def decide_appeal(case_id: int) -> Response:
    case = moderation.get_case(current_user, case_id)
    item = moderation.appeal_of(case)
    if item is None:
        abort(404)
    moderation.decide_appeal(
        current_user, item, request.form.get("upheld") == "1", request.form.get("note", "")
    )
    flash("Appeal decided; the author is told.", "success")
    return redirect(url_for("community.moderation_queue"))


@bp.route("/moderation/my/<int:case_id>", methods=["GET", "POST"])
@login_required
def my_case(case_id: int) -> str | Response:
    case = moderation.visible_case_for_author(current_user, case_id)
    form = AppealForm()
    if form.validate_on_submit():
        try:
            moderation.appeal(current_user, case.id, form.text.data)
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash("Your appeal is with the community managers.", "success")
            return redirect(url_for("community.my_case", case_id=case.id))
    return render_template(
        "community/my_case.html",
        case=case,
        form=form,
        target=moderation.load_target(case.target_type, case.target_id),
        appeal=moderation.appeal_of(case),
    )


@bp.post("/ideas/<int:idea_id>/statement")
@login_required
def statement(idea_id: int) -> Response:
    idea = ideas.get_idea(current_user, idea_id)
    try:
        moderation.post_statement(current_user, idea, request.form.get("body", ""))
    except INPUT_ERRORS as exc:
        flash(exc.message, "danger")
    return redirect(url_for("ideas.detail", idea_id=idea_id))


@bp.post("/boards/<slug>/mode")
@login_required
def board_mode(slug: str) -> Response:
    board = ideas.get_board(current_user, slug)
    try:
        moderation.set_board_mode(
            current_user, board, request.form.get("mode", ""), request.form.get("reason", "")
        )
    except INPUT_ERRORS as exc:
        flash(exc.message, "danger")
    else:
        flash(f"{board.name} is now in {board.mode.replace('_', ' ')} mode.", "success")
    return redirect(url_for("ideas.board", slug=slug))


@bp.get("/guidelines")
def guidelines() -> str:
    return render_template(
        "community/guidelines.html",
        body=services.guidelines_text(),
        current=services.current_guidelines(),
    )


@bp.route("/guidelines/edit", methods=["GET", "POST"])
@login_required
def edit_guidelines() -> str | Response:
    require(current_user, "edit_guidelines", None, "Only community managers edit the guidelines.")
    form = GuidelinesForm(body=services.guidelines_text())
    if form.validate_on_submit():
        try:
            services.save_guidelines(current_user, form.body.data)
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash("Guidelines published.", "success")
            return redirect(url_for("community.guidelines"))
    return render_template("community/edit_guidelines.html", form=form)


@bp.get("/community/response-duty")
@login_required
def response_duty() -> str:
    rows, target = services.response_duty(current_user)
    if request.args.get("overdue") == "1":
        rows = [r for r in rows if r.overdue]
    return render_template("community/response_duty.html", rows=rows, target=target)


@bp.app_context_processor
def _flag_form() -> dict[str, object]:
    return {"flag_reasons": [r for r in FlagReason if r != FlagReason.AUTOMATIC]}
