"""Community pages: flagging, the moderation queue, appeals, guidelines, response duty."""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from ideaportal.community import announcements as announcements_service
from ideaportal.community import kpis, moderation, services
from ideaportal.community.forms import (
    ActionForm,
    AnnouncementForm,
    AppealForm,
    FlagForm,
    GuidelinesForm,
    parse_idea_numbers,
)
from ideaportal.community.models import AnnouncementKind, CaseState, FlagReason
from ideaportal.core.errors import INPUT_ERRORS
from ideaportal.core.forms import attach_error, flash_outcome
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import utcnow
from ideaportal.core.page_cache import public_page
from ideaportal.core.permissions import require
from ideaportal.core.request_input import day, db_int, moment
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
            flash(_("Thank you. A moderator will look at it."), "success")
    else:
        flash(_("Choose a reason."), "danger")
    return redirect(url_for("ideas.detail", idea_id=idea_id))


@bp.get("/moderation")
@login_required
def moderation_queue() -> str:
    level = request.args.get("level", type=db_int)
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
        flash(_("Say why: the author is told."), "danger")
    else:
        flash_outcome(
            lambda: moderation.act(
                current_user,
                case,
                action,
                reason=form.reason.data,
                new_text=form.new_text.data,
                days=form.days.data,
            ),
            _(
                "Done: %(action)s on case #%(id)s.",
                action=moderation.action_label(action),
                id=case.id,
            ),
        )
    return redirect(url_for("community.moderation_queue"))


@bp.post("/moderation/cases/<int:case_id>/escalate")
@login_required
def escalate(case_id: int) -> Response:
    case = moderation.get_case(current_user, case_id)
    flash_outcome(
        lambda: moderation.escalate(
            current_user,
            case,
            request.form.get("level", type=db_int) or 0,
            request.form.get("note", ""),
        ),
        lambda c: _("Case #%(id)s is now at level %(level)s.", id=c.id, level=c.level),
    )
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
    flash(_("Appeal decided; the author is told."), "success")
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
            flash(_("Your appeal is with the community managers."), "success")
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
    flash_outcome(
        lambda: moderation.set_board_mode(
            current_user, board, request.form.get("mode", ""), request.form.get("reason", "")
        ),
        lambda b: _("%(board)s is now in mode: %(mode)s.", board=b.name, mode=b.mode),
    )
    return redirect(url_for("ideas.board", slug=slug))


@bp.get("/guidelines")
@public_page
def guidelines() -> str:
    return render_template(
        "community/guidelines.html",
        body=services.guidelines_text(),
        current=services.current_guidelines(),
    )


@bp.route("/guidelines/edit", methods=["GET", "POST"])
@login_required
def edit_guidelines() -> str | Response:
    require(
        current_user, "edit_guidelines", None, _("Only community managers edit the guidelines.")
    )
    form = GuidelinesForm(body=services.guidelines_text())
    if form.validate_on_submit():
        try:
            services.save_guidelines(current_user, form.body.data)
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash(_("Guidelines published."), "success")
            return redirect(url_for("community.guidelines"))
    return render_template("community/edit_guidelines.html", form=form)


@bp.get("/community/response-duty")
@login_required
def response_duty() -> str:
    rows, target = services.response_duty(current_user)
    if request.args.get("overdue") == "1":
        rows = [r for r in rows if r.overdue]
    return render_template("community/response_duty.html", rows=rows, target=target)


bp.add_app_template_filter(moderation.action_label, "moderation_action")


@bp.app_context_processor
def _flag_form() -> dict[str, object]:
    return {"flag_reasons": [r for r in FlagReason if r != FlagReason.AUTOMATIC]}


# ---- announcements ----


@bp.get("/announcements")
@public_page
def announcements() -> str:
    kind = request.args.get("kind")
    try:
        chosen = AnnouncementKind(kind) if kind else None
    except ValueError:
        abort(400)
    return render_template(
        "community/announcements.html",
        items=announcements_service.published(chosen),
        kind=chosen,
        kinds=list(AnnouncementKind),
    )


@bp.get("/changelog")
@public_page
def changelog() -> str:
    return render_template(
        "community/announcements.html",
        items=announcements_service.published(AnnouncementKind.CHANGELOG),
        kind=AnnouncementKind.CHANGELOG,
        kinds=list(AnnouncementKind),
    )


@bp.get("/announcements/<int:announcement_id>")
@public_page
def announcement(announcement_id: int) -> str:
    item = announcements_service.get(current_user, announcement_id)
    helpful, unhelpful = announcements_service.reaction_counts(item)
    return render_template(
        "community/announcement.html", item=item, helpful=helpful, unhelpful=unhelpful
    )


@bp.post("/announcements/<int:announcement_id>/react")
@login_required
def react(announcement_id: int) -> Response:
    item = announcements_service.get(current_user, announcement_id)
    announcements_service.react(current_user, item, request.form.get("helpful") == "1")
    flash(_("Thanks for telling us."), "success")
    return redirect(url_for("community.announcement", announcement_id=item.id))


@bp.get("/announcements.atom")
@public_page
def announcements_feed() -> Response:
    items = announcements_service.published()
    body = render_template("community/announcements.atom", items=items)
    return Response(body, mimetype="application/atom+xml")


@bp.route("/community/announcements/new", methods=["GET", "POST"])
@bp.route("/community/announcements/<int:announcement_id>/edit", methods=["GET", "POST"])
@login_required
def edit_announcement(announcement_id: int | None = None) -> str | Response:
    require(current_user, "edit_announcements", None, _("Only community managers write posts."))
    item = announcements_service.get(current_user, announcement_id) if announcement_id else None
    form = AnnouncementForm(obj=item)
    if request.method == "GET" and item is not None:
        form.kind.data = item.kind.value
        form.ideas.data = ", ".join(f"#{i.id}" for i in item.ideas)
    if request.method == "GET" and request.args.get("date") and item is None:
        with suppress(ValueError):  # a day picked in the calendar; anything else is ignored
            form.publish_at.data = moment(request.args["date"]).replace(hour=9)
    if form.validate_on_submit():
        try:
            saved = announcements_service.save(
                current_user,
                item,
                title=form.title.data,
                body=form.body.data or "",
                kind=AnnouncementKind(form.kind.data),
                idea_ids=parse_idea_numbers(form.ideas.data),
                publish_at=form.publish_at.data,
            )
            if request.form.get("publish_now") == "1":
                announcements_service.publish_now(current_user, saved)
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash(
                _("“%(title)s” is %(state)s.", title=saved.title, state=saved.state.label),
                "success",
            )
            return redirect(url_for("community.calendar"))
    return render_template("community/edit_announcement.html", form=form, item=item)


@bp.post("/community/announcements/preview")
@login_required
def preview_announcement() -> str:
    require(current_user, "edit_announcements", None)
    return render_template("community/_preview.html", body=request.form.get("body", ""))


@bp.post("/community/announcements/<int:announcement_id>/archive")
@login_required
def archive_announcement(announcement_id: int) -> Response:
    item = announcements_service.get(current_user, announcement_id)
    announcements_service.archive(current_user, item)
    flash(_("Archived."), "success")
    return redirect(url_for("community.calendar"))


@bp.post("/community/announcements/<int:announcement_id>/reschedule")
@login_required
def reschedule(announcement_id: int) -> Response:
    item = announcements_service.get(current_user, announcement_id)
    try:
        when = moment(request.form.get("date", ""))
    except ValueError:
        flash(_("Give a date like 2026-12-01."), "danger")
        return redirect(url_for("community.calendar"))
    if when.hour == 0 and when.minute == 0 and item.publish_at is not None:
        when = when.replace(hour=item.publish_at.hour, minute=item.publish_at.minute)
    try:
        announcements_service.reschedule(current_user, item, when)
    except INPUT_ERRORS as exc:
        flash(exc.message, "danger")
    else:
        flash(
            _("“%(title)s” moved to %(date)s.", title=item.title, date=format_date(when)), "success"
        )
    return redirect(url_for("community.calendar", month=when.strftime("%Y-%m")))


@bp.get("/community/calendar")
@login_required
def calendar() -> str:
    view = request.args.get("view", "month")
    today = utcnow().date()
    try:
        if view == "week":
            anchor = day(request.args.get("week") or today.isoformat())
            start = anchor - timedelta(days=anchor.weekday())
            end = start + timedelta(days=7)
        else:
            month = request.args.get("month") or today.strftime("%Y-%m")
            first = day(month + "-01")
            start = first - timedelta(days=first.weekday())
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            end = following + timedelta(days=(7 - following.weekday()) % 7)
    except ValueError:
        abort(400)
    cal = announcements_service.calendar(current_user, start, end)
    reference = start + timedelta(days=10) if view != "week" else start
    return render_template(
        "community/calendar.html",
        cal=cal,
        view=view,
        today=today,
        month=reference.replace(day=1),
        prev_month=(reference.replace(day=1) - timedelta(days=1)).strftime("%Y-%m"),
        next_month=(reference.replace(day=28) + timedelta(days=4)).strftime("%Y-%m"),
        prev_week=(start - timedelta(days=7)).isoformat(),
        next_week=(start + timedelta(days=7)).isoformat(),
    )


# ---- KPI dashboard ----


def _period_from_args() -> kpis.Period:
    today = utcnow().date()
    try:
        end = day(request.args["end"]) if request.args.get("end") else today + timedelta(days=1)
        start = (
            day(request.args["start"]) if request.args.get("start") else end - timedelta(days=30)
        )
    except ValueError:
        abort(400)
    if not start < end or (end - start).days > 366:
        abort(400)
    return kpis.period(start, end)


@bp.get("/community/dashboard")
@login_required
def dashboard() -> str:
    require(current_user, "community_dashboard", None, _("The dashboard is for staff."))
    p = _period_from_args()
    return render_template(
        "community/dashboard.html",
        kpis=kpis.dashboard(p),
        series=kpis.series(p),
        labels={k: str(v[0]) for k, v in kpis.SERIES.items()},
        start=p[0].date(),
        end=p[1].date(),
    )


@bp.get("/community/dashboard.csv")
@login_required
def dashboard_csv() -> Response:
    require(current_user, "community_dashboard", None, _("The dashboard is for staff."))
    p = _period_from_args()
    only = request.args.get("series") or None
    if only is not None and only not in kpis.SERIES:
        abort(400)
    name = f"ideaportal-{only or 'all'}-{p[0]:%Y%m%d}-{p[1]:%Y%m%d}.csv"
    return Response(
        kpis.series_csv(p, only),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )
