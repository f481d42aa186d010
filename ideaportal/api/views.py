"""API resources: boards, ideas, votes. Each parses with a schema and calls one service."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError

from ideaportal.api import auth
from ideaportal.api.schemas import (
    BoardSchema,
    CompanySchema,
    IdeaCreateSchema,
    IdeaListQuery,
    IdeaSchema,
    SimilarQuery,
)
from ideaportal.core.errors import NotFound
from ideaportal.extensions import csrf, limiter
from ideaportal.ideas import queries, services
from ideaportal.ideas.models import IdeaStatus
from ideaportal.ideas.queries import IdeaFilter, Sort

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # writes need a Bearer token (see auth.py), so there is no cookie to forge
bp.before_request(auth.resolve_caller)

_idea = IdeaSchema()
_ideas = IdeaSchema(many=True)


@bp.errorhandler(ValidationError)
def _invalid(exc: ValidationError) -> ResponseReturnValue:
    messages: Any = exc.messages
    first = next(iter(messages.items())) if isinstance(messages, dict) and messages else None
    summary = f"{first[0]}: {' '.join(map(str, first[1]))}" if first else "Invalid input."
    body = {"error": {"status": 422, "message": summary, "fields": messages}}
    return jsonify(body), 422


def _write_limit() -> str:
    return str(current_app.config["RATELIMIT_WRITE"])


def _json_body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationError(
            {"_body": ["Send a JSON object with Content-Type: application/json."]}
        )
    return data


@bp.get("/boards")
def boards() -> ResponseReturnValue:
    return jsonify(BoardSchema(many=True).dump(queries.visible_boards(auth.caller())))


@bp.get("/ideas")
def list_ideas() -> ResponseReturnValue:
    args = IdeaListQuery().load(request.args)
    actor = auth.caller()
    flt = IdeaFilter(
        board=services.get_board(actor, args["board"]) if args.get("board") else None,
        status=IdeaStatus(args["status"]) if args.get("status") else None,
        tag=args.get("tag"),
        q=(args.get("q") or "").strip() or None,
        sort=Sort(args["sort"]),
    )
    page = queries.idea_list(actor, flt, args["page"])
    return jsonify(
        {
            "items": _ideas.dump(page.items),
            "meta": {
                "page": page.page,
                "pages": page.pages,
                "per_page": page.per_page,
                "total": page.total,
            },
        }
    )


@bp.get("/ideas/similar")
@limiter.limit(lambda: str(current_app.config["RATELIMIT_SIMILAR"]))
def similar_ideas() -> ResponseReturnValue:
    """Ideas like the given text (title being typed), best first: "has someone asked?"."""
    from ideaportal.dedup.services import similar_ideas as find_similar

    args = SimilarQuery().load(request.args)
    actor = auth.caller()
    boards = [services.get_board(actor, args["board"]).id] if args.get("board") else None
    hits = find_similar(actor, args["q"], k=args["k"], board_ids=boards)
    return jsonify(
        {
            "items": [
                {
                    "idea": _idea.dump(hit.idea),
                    "score": round(hit.score, 4),
                    "vector_score": None
                    if hit.vector_score is None
                    else round(hit.vector_score, 4),
                    "lexical_score": None
                    if hit.lexical_score is None
                    else round(hit.lexical_score, 4),
                }
                for hit in hits
            ]
        }
    )


@bp.get("/ideas/<int:idea_id>")
def get_idea(idea_id: int) -> ResponseReturnValue:
    return jsonify(_idea.dump(services.get_idea(auth.caller(), idea_id)))


@bp.post("/ideas")
@limiter.limit(_write_limit)
def create_idea() -> ResponseReturnValue:
    actor = auth.writer()
    data = IdeaCreateSchema().load(_json_body())
    try:
        board = services.get_board(actor, data["board"])
    except NotFound as exc:
        raise ValidationError({"board": ["No such board."]}) from exc
    idea = services.create_idea(actor, board, data["title"], data["body"], data["tags"])
    return jsonify(_idea.dump(idea)), 201


@bp.put("/ideas/<int:idea_id>/vote")
@bp.delete("/ideas/<int:idea_id>/vote")
@limiter.limit(_write_limit)
def vote(idea_id: int) -> ResponseReturnValue:
    actor = auth.writer()
    idea = services.get_idea(actor, idea_id)
    voted = services.set_vote(actor, idea, request.method == "PUT")
    return jsonify({"voted": voted, "vote_count": idea.vote_count})


@bp.get("/companies")
def list_companies() -> ResponseReturnValue:
    from ideaportal.companies import services as companies

    actor = auth.caller()
    if actor is None:
        raise auth.Unauthorized("Send an API token: Authorization: Bearer <token>.")
    return jsonify(CompanySchema(many=True).dump(companies.list_companies(actor)))


@bp.put("/companies")
@limiter.limit(_write_limit)
def put_company() -> ResponseReturnValue:
    """Create or update a company by name, and put people in it (admins' write tokens)."""
    from ideaportal.companies import services as companies

    actor = auth.writer()
    data = CompanySchema().load(_json_body())
    company, created = companies.upsert_company(
        actor,
        name=data["name"],
        plan=data["plan"],
        monthly_revenue=data["monthly_revenue"],
        segment=data["segment"],
        member_emails=data["members"],
    )
    return jsonify(CompanySchema().dump(company)), 201 if created else 200


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    from ideaportal.api.openapi import build_spec

    return jsonify(build_spec(current_app))


@bp.post("/handoffs/<int:handoff_id>/status")
def handoff_status(handoff_id: int) -> ResponseReturnValue:
    """A product team's tool reports progress; authenticated by the team's HMAC signature."""
    from ideaportal.triage.services import receive_status_callback
    from ideaportal.triage.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER

    applied, handoff = receive_status_callback(
        handoff_id,
        request.get_data(),
        request.headers.get(TIMESTAMP_HEADER),
        request.headers.get(SIGNATURE_HEADER),
    )
    return jsonify(
        {
            "applied": applied,
            "duplicate": not applied,
            "handoff": {"id": handoff.id, "state": handoff.state.value},
            "idea": {"id": handoff.idea_id, "status": handoff.idea.status.value},
        }
    )
