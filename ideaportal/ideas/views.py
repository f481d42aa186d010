"""Idea pages: list, search, submit, detail, edit, vote, follow, comment, change status."""

from __future__ import annotations

from contextlib import suppress

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from ideaportal.accounts.services import read_with_member
from ideaportal.core.errors import INPUT_ERRORS
from ideaportal.core.forms import attach_error, safe_next
from ideaportal.core.i18n import gettext as _
from ideaportal.core.page_cache import public_page
from ideaportal.core.permissions import can, require
from ideaportal.core.request_input import db_int
from ideaportal.core.web import viewer
from ideaportal.extensions import limiter
from ideaportal.ideas import buttons, listing, panels, queries, services
from ideaportal.ideas.forms import (
    BoardForm,
    CommentEditForm,
    CommentForm,
    IdeaForm,
    StatusForm,
    split_tags,
)
from ideaportal.ideas.models import Idea, IdeaStatus
from ideaportal.ideas.queries import IdeaFilter, Sort

bp = Blueprint("ideas", __name__)


def _write_limit() -> str:
    return str(current_app.config["RATELIMIT_WRITE"])


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _back(default: str) -> Response:
    return redirect(safe_next(request.form.get("next"), default))


def _filter_from_args(board_slug: str | None = None) -> IdeaFilter:
    args = request.args
    board = services.get_board(current_user, board_slug) if board_slug else None
    if board is None and args.get("board"):
        board = services.get_board(current_user, args["board"])
    try:
        status = IdeaStatus(args["status"]) if args.get("status") else None
        sort = Sort(args.get("sort") or "top")
    except ValueError:
        abort(400)
    return IdeaFilter(
        board=board,
        status=status,
        tag=args.get("tag") or None,
        q=(args.get("q") or "").strip()[:200] or None,
        sort=sort,
    )


def _listing(flt: IdeaFilter) -> str:
    page = request.args.get("page", 1, type=db_int)
    looking = viewer()
    shared = listing.shared_listing(looking, flt, page)
    cards = listing.personalised(shared, looking)
    if _is_htmx():
        return cards
    content = listing.around_cards(
        looking,
        cards,
        lambda slot: render_template(
            "ideas/_index_content.html",
            cards=slot,
            total=shared.total,
            flt=flt,
            boards=queries.board_tabs(current_user),
            tags=queries.tag_names(),
            statuses=[s for s in IdeaStatus if s != IdeaStatus.MERGED],
            sorts=list(Sort),
        ),
    )
    return render_template("ideas/index.html", content=content, flt=flt)


@bp.get("/")
@public_page
def index() -> str:
    return _listing(_filter_from_args())


@bp.get("/boards/<slug>")
@public_page
def board(slug: str) -> str:
    return _listing(_filter_from_args(slug))


def _board_choices() -> list[SelectChoice]:
    return [
        SelectChoice(b.slug, b.name)
        for b in queries.visible_boards(current_user)
        if can(current_user, "create_idea", b)
    ]


@bp.route("/ideas/new", methods=["GET", "POST"])
@login_required
@limiter.limit(_write_limit, methods=["POST"])
def new() -> str | Response:
    form = IdeaForm()
    form.board.choices = _board_choices()
    if request.method == "GET" and request.args.get("board"):
        form.board.data = request.args["board"]
    if request.method == "GET" and request.args.get("title"):
        form.title.data = request.args["title"][:140]
    if form.validate_on_submit():
        try:
            board = services.get_board(current_user, form.board.data)
            idea = services.create_idea(
                current_user,
                board,
                form.title.data,
                form.body.data or "",
                split_tags(form.tags.data),
            )
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash(
                _("Your idea is posted. You will hear from us when its status changes."), "success"
            )
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    return render_template("ideas/new.html", form=form)


def _render_detail(
    idea: Idea, comment_form: CommentForm | None = None, status: int = 200
) -> tuple[str, int]:
    # Forms are built only for those who may use them: a form makes a CSRF token, and a page
    # without one is the same for every anonymous visitor (and so can be cached).
    status_form = None
    if can(current_user, "change_status", idea):
        status_form = StatusForm(prefix="status")
        status_form.status.choices = [
            SelectChoice(s.value, s.label) for s in services.allowed_next_statuses(idea)
        ]
    if comment_form is None and can(current_user, "comment", idea):
        comment_form = CommentForm(prefix="comment")
    page = render_template(
        "ideas/detail.html",
        idea=idea,
        threads=queries.comment_threads(current_user, idea),
        timeline=queries.status_timeline(idea),
        voters=queries.voters(idea),
        has_voted=services.has_voted(current_user, idea),
        following=services.is_following(current_user, idea),
        comment_form=comment_form,
        status_form=status_form,
        panels=panels.render_slots(idea, current_user),
    )
    return page, status


@bp.get("/ideas/<int:idea_id>")
@public_page
def detail(idea_id: int) -> tuple[str, int] | Response:
    idea = services.get_idea(current_user, idea_id)
    if idea.status == IdeaStatus.MERGED and idea.merged_into_id and request.args.get("stay") != "1":
        flash(
            _("“%(title)s” was merged into this idea; its votes count here.", title=idea.title),
            "info",
        )
        return redirect(url_for("ideas.detail", idea_id=idea.merged_into_id))
    return _render_detail(idea)


@bp.route("/ideas/<int:idea_id>/edit", methods=["GET", "POST"])
@login_required
def edit(idea_id: int) -> str | Response:
    idea = services.get_idea(current_user, idea_id)
    require(current_user, "edit_idea", idea, _("The time to edit this idea has passed."))
    form = IdeaForm(obj=idea)
    form.board.choices = [SelectChoice(idea.board.slug, idea.board.name)]
    if request.method == "GET":
        form.board.data = idea.board.slug
        form.tags.data = ", ".join(t.name for t in idea.tags)
    if form.validate_on_submit():
        try:
            services.edit_idea(
                current_user,
                idea,
                form.title.data,
                form.body.data or "",
                split_tags(form.tags.data),
            )
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    return render_template("ideas/edit.html", form=form, idea=idea)


# A list page's member, their bell and their votes among the ideas come in one statement.
for _endpoint in ("ideas.index", "ideas.board"):
    read_with_member(
        _endpoint, queries.member_and_voted_among, listing.listed_before, full_page=True
    )

# The member's row, the idea and their vote on it come in one statement.
read_with_member(
    "ideas.vote", services.idea_and_vote_with_member, lambda args: {"idea_id": args["idea_id"]}
)


@bp.post("/ideas/<int:idea_id>/vote")
@login_required
@limiter.limit(_write_limit)
def vote(idea_id: int) -> str | Response:
    member = viewer()
    idea, voted_before = services.get_idea_for_vote(member, idea_id)
    wanted = request.form.get("vote")
    if wanted not in {"0", "1"}:
        # The button always says which state it wants; a toggle would let a double click or
        # a second tab undo the first.
        abort(400, "Say whether to vote (vote=1) or take the vote back (vote=0).")
    voted = services.set_vote(member, idea, wanted == "1", voted_before=voted_before)
    if _is_htmx():
        return buttons.vote_button(idea, voted, small=request.form.get("size") == "small")
    flash(_("Thanks for your vote.") if voted else _("Your vote is taken back."), "success")
    return _back(url_for("ideas.detail", idea_id=idea.id))


@bp.post("/ideas/<int:idea_id>/follow")
@login_required
def follow(idea_id: int) -> str | Response:
    idea = services.get_idea(current_user, idea_id)
    wanted = request.form.get("follow")
    if wanted not in {"0", "1"}:
        abort(400, "Say whether to follow (follow=1) or stop following (follow=0).")
    following = services.set_following(current_user, idea, wanted == "1")
    if _is_htmx():
        return render_template("ideas/_follow_button.html", idea=idea, following=following)
    flash(
        _("You follow this idea.") if following else _("You no longer follow this idea."), "success"
    )
    return _back(url_for("ideas.detail", idea_id=idea.id))


@bp.post("/ideas/<int:idea_id>/comments")
@login_required
@limiter.limit(_write_limit)
def comment(idea_id: int) -> tuple[str, int] | Response:
    idea = services.get_idea(current_user, idea_id)
    form = CommentForm(prefix="comment")
    if form.validate_on_submit():
        parent = None  # a reply names its comment; anything else posts at the top
        with suppress(ValueError):
            parent = db_int(form.parent_id.data or "")
        try:
            posted = services.add_comment(
                current_user, idea, form.body.data, parent_id=parent, official=form.official.data
            )
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash(
                _("Your answer is posted and followers are told.")
                if posted.is_official
                else _("Your comment is posted."),
                "success",
            )
            return redirect(url_for("ideas.detail", idea_id=idea.id) + f"#comment-{posted.id}")
    # The same page again, with the field errors and the text kept.
    return _render_detail(idea, comment_form=form, status=422)


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id: int) -> str | Response:
    comment = services.get_comment(current_user, comment_id)
    require(current_user, "edit_comment", comment)
    form = CommentEditForm(obj=comment)
    if form.validate_on_submit():
        try:
            services.edit_comment(current_user, comment, form.body.data)
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash(_("Comment updated."), "success")
            return redirect(
                url_for("ideas.detail", idea_id=comment.idea_id) + f"#comment-{comment.id}"
            )
    return render_template("ideas/edit_comment.html", form=form, comment=comment)


@bp.post("/comments/<int:comment_id>/delete")
@login_required
def delete_comment(comment_id: int) -> Response:
    comment = services.get_comment(current_user, comment_id)
    services.delete_comment(current_user, comment)
    flash(_("Comment deleted."), "success")
    return redirect(url_for("ideas.detail", idea_id=comment.idea_id))


@bp.post("/ideas/<int:idea_id>/status")
@login_required
def change_status(idea_id: int) -> Response:
    idea = services.get_idea(current_user, idea_id)
    require(
        current_user, "change_status", idea, "Only product managers can change an idea's status."
    )
    form = StatusForm(prefix="status")
    if not form.validate_on_submit():
        flash(_("Choose a status."), "danger")
    else:
        try:
            change = services.change_status(
                current_user, idea, IdeaStatus(form.status.data), form.note.data or ""
            )
        except INPUT_ERRORS as exc:
            flash(exc.message, "danger")
        else:
            flash(
                _(
                    "Status set to %(status)s; %(num)s followers are told.",
                    status=change.to_status.label,
                    num=idea.follower_count,
                ),
                "success",
            )
    return redirect(url_for("ideas.detail", idea_id=idea.id))


@bp.route("/admin/boards", methods=["GET", "POST"])
@bp.route("/admin/boards/<int:board_id>", methods=["GET", "POST"])
@login_required
def manage_boards(board_id: int | None = None) -> str | Response:
    require(current_user, "manage_boards")
    board = services.get_board_by_id(current_user, board_id) if board_id else None
    form = BoardForm(obj=board)
    if form.validate_on_submit():
        try:
            saved = services.save_board(
                current_user,
                board,
                slug=form.slug.data,
                name=form.name.data,
                description=form.description.data or "",
                is_private=form.is_private.data,
                position=form.position.data or 0,
                language=form.language.data or "en",
            )
        except INPUT_ERRORS as exc:
            attach_error(form, exc)
        else:
            flash(_("Board “%(name)s” saved.", name=saved.name), "success")
            return redirect(url_for("ideas.manage_boards"))
    return render_template(
        "admin/boards.html", form=form, board=board, boards=queries.visible_boards(current_user)
    )
