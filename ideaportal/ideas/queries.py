"""Read side of the ideas module: listing, filtering, sorting, searching, idea page data."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol, TypeVar

from flask import current_app
from flask_sqlalchemy.pagination import Pagination, SelectPagination
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ideaportal.accounts.models import STAFF_ROLES, User
from ideaportal.core import page_cache
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.ideas import pg_fulltext
from ideaportal.ideas.models import (
    Board,
    Comment,
    Follow,
    Idea,
    IdeaStatus,
    StatusChange,
    Tag,
    Vote,
    idea_tag,
)
from ideaportal.ideas.pg_fulltext import WordHits


class HasId(Protocol):
    @property
    def id(self) -> int: ...


class Sort(enum.StrEnum):
    TOP = "top"
    NEW = "new"
    TRENDING = "trending"


@dataclass(frozen=True)
class IdeaFilter:
    board: Board | None = None
    status: IdeaStatus | None = None
    tag: str | None = None
    q: str | None = None
    sort: Sort = Sort.TOP
    author_id: int | None = None


def _is_staff(actor: User | None) -> bool:
    return actor is not None and actor.is_authenticated and actor.role in STAFF_ROLES


def visible_boards(actor: User | None) -> list[Board]:
    stmt = select(Board).order_by(Board.position, Board.name)
    if not _is_staff(actor):
        stmt = stmt.where(Board.is_private.is_(False))
    return list(db.session.scalars(stmt))


def all_tags() -> list[Tag]:
    return list(db.session.scalars(select(Tag).order_by(Tag.name)))


@dataclass(frozen=True)
class BoardTab:
    """What a list page shows of a board: cached across requests, unlike the ORM row."""

    id: int
    slug: str
    name: str
    is_private: bool


@dataclass(frozen=True)
class TagName:
    name: str


def board_tabs(actor: User | None) -> list[BoardTab]:
    """The boards this person may see, for tabs and pickers (cached until a write)."""
    return page_cache.remember(
        f"board-tabs:{'staff' if _is_staff(actor) else 'public'}",
        lambda: [BoardTab(b.id, b.slug, b.name, b.is_private) for b in visible_boards(actor)],
    )


def tag_names() -> list[TagName]:
    """Every tag, for filter pickers (cached until a write)."""
    return page_cache.remember("tag-names", lambda: [TagName(t.name) for t in all_tags()])


def search_idea_ids(text: str, limit: int = 500) -> list[int]:
    """Full-text match, best first: FTS5 on SQLite, PostgreSQL's text search elsewhere.

    Ideas on boards in another language than English are also matched by the stems of
    that language (German: "Schichtpläne exportiert" finds "Schichtplan exportieren")."""
    from ideaportal.ideas import fulltext

    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        found = [i for i, _ in fulltext.search(conn, text, limit=limit, any_term=False)]
    else:
        found = pg_fulltext.search(conn, text, limit)
    for language in _board_languages():
        if language != "en":
            found += [i for i in _stemmed_matches(text, language, limit) if i not in found]
    return found[:limit]


def _board_languages() -> list[str]:
    return list(db.session.scalars(select(Board.language).distinct()))


def _stemmed_matches(text: str, language: str, limit: int) -> list[int]:
    """Ideas on `language` boards holding every word of the text in some form."""
    from ideaportal.ideas import fulltext

    on_boards = select(Idea.id).join(Board, Board.id == Idea.board_id)
    on_boards = on_boards.where(Board.language == language)
    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        hits = [i for i, _ in fulltext.search_stemmed(conn, text, language, limit=limit)]
        if not hits:
            return []
        keep = set(db.session.scalars(on_boards.where(Idea.id.in_(hits))))
        return [i for i in hits if i in keep]
    stems = fulltext.query_stems(text, language)
    if not stems:
        return []
    # The stems are \w+ words, each a prefix ("exporti:*"); the document is the idea's text
    # stemmed by PostgreSQL's configuration of the board's language (migration 0022).
    document = pg_fulltext.STEMMED[language]
    query = func.to_tsquery("simple", " & ".join(f"{s}:*" for s in stems))
    stmt = (
        on_boards.join(pg_fulltext.DOCUMENTS, pg_fulltext.DOCUMENTS.c.idea_id == Idea.id)
        .where(document.op("@@")(query))
        .order_by(func.ts_rank(document, query).desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def similar_text_hits(text: str, limit: int) -> list[tuple[int, float]]:
    """Ideas sharing any meaningful word with the text, best first, as (id, score): the
    lexical side of "similar ideas". FTS5 bm25 on SQLite, ts_rank on PostgreSQL."""
    from ideaportal.ideas import fulltext

    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        counts = _this_apps(_TERM_COUNTS, fulltext.TermCounts)
        return fulltext.search(conn, text, limit=limit, any_term=True, term_counts=counts)
    return pg_fulltext.similar_hits(conn, text, limit, known=_this_apps(_WORD_HITS, WordHits))


def forget_similar_text_hits() -> None:
    """Drop this process's copies of typed words' ideas (pg_fulltext.WordHits): ideas were
    posted or edited. SQLite's side keeps none."""
    known: WordHits | None = current_app.extensions.get(_WORD_HITS)
    if known is not None:
        known.forget()


_TERM_COUNTS = "ideaportal.ideas.term_counts"  # this app's fulltext.TermCounts
_WORD_HITS = "ideaportal.ideas.word_hits"  # this app's pg_fulltext.WordHits
Kept = TypeVar("Kept")


def _this_apps(key: str, make: Callable[[], Kept]) -> Kept:
    found: Kept | None = current_app.extensions.get(key)
    if found is None:
        found = current_app.extensions.setdefault(key, make())
    return found


def tagged(tag: str) -> ColumnElement[bool]:
    """Condition: the idea carries this tag (used by every filtered list)."""
    return Idea.id.in_(
        select(idea_tag.c.idea_id).join(Tag, Tag.id == idea_tag.c.tag_id).where(Tag.name == tag)
    )


def _visible(stmt: Select[Idea], actor: User | None) -> Select[Idea]:
    if _is_staff(actor):
        return stmt
    stmt = stmt.join(Board, Board.id == Idea.board_id).where(Board.is_private.is_(False))
    if actor is not None and actor.is_authenticated:
        return stmt.where(or_(Idea.hidden.is_(False), Idea.author_id == actor.id))
    return stmt.where(Idea.hidden.is_(False))


def _filtered(actor: User | None, flt: IdeaFilter) -> tuple[Select[Idea], list[int] | None]:
    """The ideas the actor may see that match the filter (unordered), and the full-text
    matches best first when there is a search."""
    stmt = select(Idea).options(selectinload(Idea.tags))
    stmt = _visible(stmt, actor)
    if flt.status is None:
        stmt = stmt.where(Idea.status != IdeaStatus.MERGED)
    else:
        stmt = stmt.where(Idea.status == flt.status)
    if flt.board is not None:
        stmt = stmt.where(Idea.board_id == flt.board.id)
    if flt.author_id is not None:
        stmt = stmt.where(Idea.author_id == flt.author_id)
    if flt.tag:
        stmt = stmt.where(tagged(flt.tag))
    ids = None
    if flt.q:
        ids = search_idea_ids(flt.q)
        stmt = stmt.where(Idea.id.in_(ids)) if ids else stmt.where(Idea.id.is_(None))
    return stmt, ids


# Keyset orders: the page after a given row stays the same however many ideas are posted
# meanwhile (new ones sort before it under "new", and after every voted one under "top").
KEYSET_SORTS = (Sort.NEW, Sort.TOP)


def idea_keyset_page(
    actor: User | None, flt: IdeaFilter, after: Sequence[object] | None, limit: int
) -> list[Idea]:
    """Up to `limit` ideas after the row whose sort key is `after` (None: from the start).
    Keys: NEW (created_at, id); TOP (vote_count, created_at, id); all descending."""
    if flt.sort not in KEYSET_SORTS:
        raise ValueError(f"keyset pages sort by {KEYSET_SORTS}")
    stmt, _ids = _filtered(actor, flt)
    if flt.sort == Sort.NEW:
        stmt = stmt.order_by(Idea.created_at.desc(), Idea.id.desc())
        if after is not None:
            created, last_id = after
            stmt = stmt.where(
                or_(
                    Idea.created_at < created,
                    and_(Idea.created_at == created, Idea.id < last_id),
                )
            )
    else:
        stmt = stmt.order_by(Idea.vote_count.desc(), Idea.created_at.desc(), Idea.id.desc())
        if after is not None:
            votes, created, last_id = after
            stmt = stmt.where(
                or_(
                    Idea.vote_count < votes,
                    and_(
                        Idea.vote_count == votes,
                        or_(
                            Idea.created_at < created,
                            and_(Idea.created_at == created, Idea.id < last_id),
                        ),
                    ),
                )
            )
    return list(db.session.scalars(stmt.limit(limit)))


def search_ideas(actor: User | None, text: str, limit: int = 20) -> list[Idea]:
    """The ideas the actor may see that match the text, most relevant first."""
    stmt, ids = _filtered(actor, IdeaFilter(q=text))
    if not ids:
        return []
    stmt = stmt.order_by(case({i: n for n, i in enumerate(ids)}, value=Idea.id))
    return list(db.session.scalars(stmt.limit(limit)))


def idea_list(actor: User | None, flt: IdeaFilter, page: int = 1) -> Pagination:
    stmt, ids = _filtered(actor, flt)
    if ids and flt.sort == Sort.TOP:
        # With a search, "top" means relevance first, as users expect.
        stmt = stmt.order_by(case({i: n for n, i in enumerate(ids)}, value=Idea.id))
    if flt.sort == Sort.NEW:
        stmt = stmt.order_by(Idea.created_at.desc(), Idea.id.desc())
    elif flt.sort == Sort.TRENDING:
        since = utcnow() - timedelta(days=current_app.config["TRENDING_WINDOW_DAYS"])
        recent = (
            select(func.count(Vote.id))
            .where(Vote.idea_id == Idea.id, Vote.created_at >= since)
            .correlate(Idea)
            .scalar_subquery()
        )
        stmt = stmt.order_by(recent.desc(), Idea.vote_count.desc(), Idea.id.desc())
    else:
        stmt = stmt.order_by(Idea.vote_count.desc(), Idea.created_at.desc(), Idea.id.desc())
    per_page = current_app.config["IDEAS_PER_PAGE"]
    return LeanCountPagination(
        select=stmt, session=db.session(), page=page, per_page=per_page, error_out=False
    )


class LeanCountPagination(SelectPagination):
    """Counts the matching ideas without selecting (and eagerly joining) every column in a
    subquery first: the default count cost more than the page's own query on every list."""

    def _query_count(self) -> int:
        stmt = self._query_args["select"]
        count = stmt.with_only_columns(func.count(Idea.id)).order_by(None)
        return int(self._query_args["session"].execute(count).scalar() or 0)


def list_audience(actor: User | None) -> str | None:
    """Who sees the same idea lists as this person: "staff", "public", or None for a member
    whose own hidden ideas make their lists theirs alone."""
    if _is_staff(actor):
        return "staff"
    if actor is None or not actor.is_authenticated:
        return "public"
    author_id = actor.id

    def has_hidden_ideas() -> bool:
        own = select(Idea.id).where(Idea.author_id == author_id, Idea.hidden.is_(True))
        return bool(db.session.scalar(select(own.exists())))

    # Asked on every list page a member opens; the answer changes only with a write.
    hidden = page_cache.remember(f"has-hidden-ideas:{author_id}", has_hidden_ideas)
    return None if hidden else "public"


def voted_idea_ids(user: User | None, ideas: Sequence[HasId]) -> set[int]:
    """One query for a whole page of vote buttons."""
    if user is None or not user.is_authenticated or not ideas:
        return set()
    params = {"user_id": user.id, "idea_ids": [i.id for i in ideas]}
    return set(db.session.connection().execute(_VOTED_AMONG, params).scalars())


# Built once, run through Core on every list a member opens: a statement built anew costs
# SQLAlchemy a fresh cache key, and the ORM layer more than the query itself.
_VOTED_AMONG = select(Vote.__table__.c.idea_id).where(
    Vote.__table__.c.user_id == bindparam("user_id"),
    Vote.__table__.c.idea_id.in_(bindparam("idea_ids", expanding=True)),
)


# The same question asked with the member's own row (a list page's one statement, see
# ideas.listing): the member `ident` and, as "id,id,...", which of the ideas `listed` they
# voted for.
_MEMBER_AND_VOTED_AMONG = select(
    User,
    select(func.aggregate_strings(cast(Vote.__table__.c.idea_id, String), ","))
    .where(
        Vote.__table__.c.user_id == User.id,
        Vote.__table__.c.idea_id.in_(bindparam("listed", expanding=True)),
    )
    .scalar_subquery(),
).where(User.id == bindparam("ident"))


def member_and_voted_among() -> Select[Any]:
    """For accounts.read_with_member: read `voted_among(column)` from the column after User."""
    return _MEMBER_AND_VOTED_AMONG


def voted_among(column: str | None) -> set[int]:
    """The idea ids member_and_voted_among's column holds."""
    return {int(i) for i in (column or "").split(",") if i}


def load_tags(ideas: Sequence[Idea]) -> None:
    """The tags of these ideas in one query, for lists loaded without them (similar ideas):
    serialising each idea's tags would otherwise load them one idea at a time. Only the
    tags are read (selectinload from a second select of the ideas took twice as long)."""
    missing = {i.id: i for i in ideas if "tags" in inspect(i).unloaded}
    if not missing:
        return
    found: dict[int, list[Tag]] = {idea_id: [] for idea_id in missing}
    rows = db.session.execute(_TAGS_OF, {"idea_ids": list(missing)})
    for idea_id, tag in rows:
        found[idea_id].append(tag)
    for idea_id, tags in found.items():
        set_committed_value(missing[idea_id], "tags", tags)  # as loaded, not as a change


# Ordered as the relationship orders them (Idea.tags).
_TAGS_OF = (
    select(idea_tag.c.idea_id, Tag)
    .join(Tag, Tag.id == idea_tag.c.tag_id)
    .where(idea_tag.c.idea_id.in_(bindparam("idea_ids", expanding=True)))
    .order_by(Tag.name)
)


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


def comment_threads(actor: User | None, idea: Idea) -> list[Thread]:
    """Official answers pinned first, then conversation in order; one level of replies."""
    stmt = (
        select(Comment).where(Comment.idea_id == idea.id).order_by(Comment.created_at, Comment.id)
    )
    if not _is_staff(actor):
        stmt = stmt.where(Comment.hidden.is_(False))
    comments = list(db.session.scalars(stmt))
    threads: dict[int, Thread] = {}
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.id] = Thread(comment)
    for comment in comments:
        if comment.parent_id is not None and comment.parent_id in threads:
            threads[comment.parent_id].replies.append(comment)
    visible = [
        t
        for t in threads.values()
        if not t.comment.is_deleted or any(not r.is_deleted for r in t.replies)
    ]
    return sorted(
        visible,
        key=lambda t: (not t.comment.is_pinned, not t.comment.is_official, t.comment.created_at),
    )


def status_timeline(idea: Idea) -> list[StatusChange]:
    stmt = (
        select(StatusChange)
        .where(StatusChange.idea_id == idea.id)
        .options(selectinload(StatusChange.actor))
        .order_by(StatusChange.created_at.desc(), StatusChange.id.desc())
    )
    return list(db.session.scalars(stmt))


def voters(idea: Idea, limit: int = 12) -> list[User]:
    stmt = (
        select(User)
        .join(Vote, Vote.user_id == User.id)
        .where(Vote.idea_id == idea.id)
        .order_by(Vote.created_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def follower_ids(idea_id: int) -> list[int]:
    return list(db.session.scalars(select(Follow.user_id).where(Follow.idea_id == idea_id)))


def voted_ideas(user: User, page: int = 1) -> Pagination:
    """What became of the ideas this user voted for."""
    stmt = (
        select(Idea)
        .join(Vote, Vote.idea_id == Idea.id)
        .where(Vote.user_id == user.id)
        .order_by(Idea.last_activity_at.desc())
    )
    return db.paginate(stmt, page=page, per_page=20, error_out=False)
