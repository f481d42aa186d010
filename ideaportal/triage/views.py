"""Triage pages: the ranked queue with bulk actions, teams, hand-offs, and the roadmap."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from ideaportal.accounts.services import staff_members
from ideaportal.companies import services as companies
from ideaportal.core.errors import INPUT_ERRORS
from ideaportal.core.forms import attach_error, flash_outcome
from ideaportal.core.i18n import gettext as _
from ideaportal.core.page_cache import public_page
from ideaportal.core.permissions import require
from ideaportal.core.request_input import db_int
from ideaportal.ideas import queries
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import OPEN_STATUSES, IdeaStatus
from ideaportal.triage import roadmap, services
from ideaportal.triage.connections import ConnectorInput, format_status_map, parse_status_map
from ideaportal.triage.connectors.redmine import DEFAULT_STATUS_MAP
from ideaportal.triage.forms import HandoffForm, ProgressForm, TeamForm
from ideaportal.triage.models import ProductTeam

bp = Blueprint("triage", __name__)


def _int_arg(name: str) -> int | None:
    return request.args.get(name, type=db_int)


@bp.get("/triage")
@login_required
def queue() -> str:
    require(current_user, "triage")
    try:
        status = IdeaStatus(request.args["status"]) if request.args.get("status") else None
    except ValueError:
        abort(400)
    board_slug = request.args.get("board") or None
    board = ideas.get_board(current_user, board_slug) if board_slug else None
    flt = services.QueueFilter(
        board_id=board.id if board else None,
        status=status,
        tag=request.args.get("tag") or None,
        team_id=_int_arg("team"),
        unanswered=request.args.get("unanswered") == "1",
        segment=request.args.get("segment") or None,
    )
    rows, pager = services.triage_queue(current_user, flt, request.args.get("page", 1, type=db_int))
    return render_template(
        "triage/queue.html",
        rows=rows,
        pager=pager,
        flt=flt,
        board=board,
        boards=queries.board_tabs(current_user),
        tags=queries.tag_names(),
        teams=services.list_teams(),
        segments=companies.segments(),
        statuses=sorted(OPEN_STATUSES, key=list(IdeaStatus).index),
        all_statuses=[s for s in IdeaStatus if s != IdeaStatus.MERGED],
    )


@bp.post("/triage/bulk")
@login_required
def bulk() -> Response:
    require(current_user, "triage")
    ids = [int(v) for v in request.form.getlist("ideas") if v.isdigit()]
    action = request.form.get("action")
    if not ids:
        flash(_("Select at least one idea first."), "warning")
        return redirect(request.referrer or url_for("triage.queue"))
    kwargs: dict[str, object] = {}
    if action == "status":
        try:
            kwargs = {
                "status": IdeaStatus(request.form.get("status", "")),
                "note": request.form.get("note", ""),
            }
        except ValueError:
            flash(_("Choose a status."), "danger")
            return redirect(request.referrer or url_for("triage.queue"))
    elif action == "team":
        kwargs = {"team": services.get_team(request.form.get("team", type=db_int) or 0)}
    elif action == "tag":
        kwargs = {"tag": request.form.get("tag", "")}
    else:
        abort(400)
    done, problems = services.bulk_update(current_user, ids, **kwargs)  # type: ignore[arg-type]
    if done:
        flash(_("Done for %(num)s idea(s).", num=done), "success")
    for problem in problems[:10]:
        flash(problem, "danger")
    return redirect(request.referrer or url_for("triage.queue"))


@bp.post("/ideas/<int:idea_id>/handoff")
@login_required
def hand_off(idea_id: int) -> Response:
    idea = ideas.get_idea(current_user, idea_id)
    form = HandoffForm(prefix="handoff")
    if not form.validate_on_submit():
        flash(_("Choose a team."), "danger")
    else:
        flash_outcome(
            lambda: services.hand_off(current_user, idea, services.get_team(form.team.data)),
            lambda handoff: _("Handed off to %(team)s.", team=handoff.team.name),
        )
    return redirect(url_for("ideas.detail", idea_id=idea_id) + "#handoff")


@bp.post("/handoffs/<int:handoff_id>/progress")
@login_required
def progress(handoff_id: int) -> Response:
    handoff = services.get_handoff(handoff_id)
    require(current_user, "hand_off", handoff.idea)
    form = ProgressForm(prefix="progress")
    if form.validate_on_submit():
        flash_outcome(
            lambda: services.apply_progress(
                handoff,
                form.status.data,
                note=form.note.data or "",
                external_url=form.external_url.data or None,
                actor=current_user,
            ),
            "Progress recorded; voters and followers are told.",
        )
    else:
        flash(" ".join(e for errs in form.errors.values() for e in errs), "danger")
    return redirect(url_for("ideas.detail", idea_id=handoff.idea_id) + "#handoff")


@bp.post("/deliveries/<int:delivery_id>/redeliver")
@login_required
def redeliver(delivery_id: int) -> Response:
    delivery = services.get_delivery(delivery_id)
    services.redeliver(current_user, delivery)
    flash(_("Queued for delivery again."), "success")
    return redirect(url_for("ideas.detail", idea_id=delivery.handoff.idea_id) + "#handoff")


@bp.route("/admin/teams", methods=["GET", "POST"])
@bp.route("/admin/teams/<int:team_id>", methods=["GET", "POST"])
@login_required
def teams(team_id: int | None = None) -> str | Response:
    require(current_user, "manage_teams")
    team = services.get_team(team_id) if team_id else None
    form = TeamForm(obj=team)
    staff = staff_members()
    form.members.choices = [SelectChoice(u.id, f"{u.display_name} ({u.role.label})") for u in staff]
    if request.method == "GET":
        _fill_connector_fields(form, team)
    secret: str | None = None
    if form.validate_on_submit():
        try:
            team, secret = services.save_team(
                current_user,
                team,
                name=form.name.data,
                webhook_url=form.webhook_url.data or "",
                member_ids=form.members.data or [],
                connector=ConnectorInput(
                    kind=form.connector_kind.data,
                    base_url=form.tracker_url.data or "",
                    project=form.tracker_project.data or "",
                    api_key=form.tracker_api_key.data or "",
                    status_map=parse_status_map(form.status_map.data or "")
                    if form.connector_kind.data != "webhook"
                    else {},
                ),
            )
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            # A tracker team needs no signing secret now; "Replace the signing secret" makes
            # one to show when it moves to the webhook.
            if secret is None or team.connector is not None:
                flash(_("Team %(name)s saved.", name=team.name), "success")
                return redirect(url_for("triage.teams"))
    return render_template(
        "triage/teams.html", form=form, team=team, teams=services.list_teams(), secret=secret
    )


def _fill_connector_fields(form: TeamForm, team: ProductTeam | None) -> None:
    if team is not None:
        form.members.data = [m.id for m in team.members]
    tracker = team.connector if team is not None else None
    if tracker is None:
        form.status_map.data = format_status_map(DEFAULT_STATUS_MAP)
        return
    form.connector_kind.data = tracker.kind
    form.tracker_url.data = tracker.base_url
    form.tracker_project.data = tracker.project
    form.status_map.data = format_status_map(tracker.status_map)


@bp.post("/admin/teams/<int:team_id>/rotate-secret")
@login_required
def rotate_secret(team_id: int) -> str:
    team = services.get_team(team_id)
    secret = services.rotate_secret(current_user, team)
    form = TeamForm(obj=team)
    form.members.choices = [SelectChoice(m.id, m.display_name) for m in team.members]
    _fill_connector_fields(form, team)
    return render_template(
        "triage/teams.html", form=form, team=team, teams=services.list_teams(), secret=secret
    )


@bp.get("/roadmap")
@public_page
def roadmap_page() -> str:
    board_slug = request.args.get("board") or None
    board = ideas.get_board(current_user, board_slug) if board_slug else None
    return render_template(
        "triage/roadmap.html",
        columns=roadmap.roadmap(current_user, board),
        board=board,
        boards=queries.board_tabs(current_user),
        shipped_days=current_app.config["ROADMAP_SHIPPED_DAYS"],
    )


@bp.get("/roadmap.atom")
@public_page
def roadmap_feed() -> Response:
    entries = roadmap.status_feed()
    body = render_template(
        "triage/roadmap.atom",
        entries=entries,
        updated=entries[0][0].created_at if entries else None,
    )
    return Response(body, mimetype="application/atom+xml")
