"""Duplicate detection use cases: embed ideas, find similar ones, keep candidate pairs, cluster.

The database rows (IdeaEmbedding) are the source of truth; each process keeps an in-memory
vector index built from them and catches up with rows written by other processes (the job
worker) before it answers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache, cached_property, partial
from typing import Any

import numpy as np
from flask import Flask, current_app
from sqlalchemy import Select, bindparam, case, func, or_, select

from ideaportal.accounts.models import STAFF_ROLES, User
from ideaportal.core.errors import NotFound
from ideaportal.core.i18n import gettext as _
from ideaportal.core.model_base import database_now, id_in, utcnow
from ideaportal.core.permissions import can, require
from ideaportal.dedup import explain, ranking
from ideaportal.dedup.clustering import adaptive_threshold, connected_groups
from ideaportal.dedup.clustering import cluster as cluster_vectors
from ideaportal.dedup.encoder import Encoder, encode_in_background, get_encoder, torch_threads
from ideaportal.dedup.models import CandidateState, DuplicateCandidate, IdeaEmbedding
from ideaportal.dedup.text import idea_text, text_hash
from ideaportal.dedup.vector_index import (
    IndexFilter,
    NumpyVectorIndex,
    PgVectorIndex,
    VectorIndex,
    pgvector_available,
)
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea, IdeaStatus
from ideaportal.ideas.queries import board_tabs, forget_similar_text_hits, similar_text_hits

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
EXTENSION_KEY = "ideaportal.dedup"
# Statuses whose ideas may still be suggested as "already asked" or as duplicates.
LIVE_STATUSES = tuple(s for s in IdeaStatus if s != IdeaStatus.MERGED)


# ---- the per-process engine: encoder + index, synchronised from the database ----


@dataclass
class Engine:
    encoder: Encoder  # of ideas: the vectors stored, float32
    index: VectorIndex
    # Of typed texts (similar-as-you-type): the same model, by default its int8 graph
    # (encoder.queries_in_int8); never used for a vector that is stored.
    query_encoder: Encoder
    synced_until: datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    # time.monotonic() of the last look for other processes' rows (none yet: -inf, since
    # monotonic time may start near zero on a machine just booted)
    looked_at: float = float("-inf")
    loaded: bool = False  # the first look (everything stored) is done
    own_rows_waiting: bool = False  # this process stored vectors its index has not loaded
    # The rows a look would read again (see _settling_since) that this process has loaded,
    # with the stamp it loaded: idea_id -> updated_at.
    settling: dict[int, datetime] = field(default_factory=dict)


# How often a process looks for embeddings other processes wrote (the job worker's): once a
# second at most, not on every keystroke of every typist. Its own writes are seen at once.
CATCH_UP_EVERY_SECONDS = 1.0

# A row's updated_at is stamped before its transaction commits, so rows become visible out of
# stamp order: two embedding jobs commit in the other order than they stamped. Reading only
# rows newer than the newest seen would skip the later-committed older one in this process
# until it restarts. Each look therefore also reads again the ids and stamps of the rows
# stamped in the last this many seconds, and loads the ones it has not loaded in that
# version. Once writing stops, that is nothing: a portal loaded in bulk long ago is not
# read again. Stamps and the look's "now" both come from the database's clock
# (`database_now`): a node whose own clock is off by more than this would otherwise stamp
# rows that every other node's look skips.
SETTLE_SECONDS = 30.0


def _make_encoders(app: Flask) -> tuple[Encoder, Encoder]:
    """The encoder of ideas and the encoder of typed texts (see Engine)."""
    factory = app.config.get("EMBEDDING_ENCODER_FACTORY")
    if factory is not None:  # tests plug a small deterministic encoder in here
        encoder: Encoder = factory()
        return encoder, encoder
    path = app.config.get("EMBEDDING_MODEL_PATH")
    name = app.config["EMBEDDING_MODEL_NAME"]

    def in_process(*, for_queries: bool = False) -> Encoder:
        # Threads: the cores shared among this node's model-running processes (gunicorn.conf.py
        # exports the share for its workers); all of them in a process of its own.
        return get_encoder(path, name, threads=torch_threads(), for_queries=for_queries)

    socket_path = app.config.get("EMBEDDING_SOCKET")
    if socket_path:  # the node's embedding server (see gunicorn.conf.py) runs typed texts
        from ideaportal.dedup.embedding_server import RemoteEncoder

        fallback = partial(in_process, for_queries=True)
        return in_process(), RemoteEncoder(socket_path, fallback, name=name)
    return in_process(), in_process(for_queries=True)


def engine() -> Engine:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    found: Engine | None = app.extensions.get(EXTENSION_KEY)
    if found is None:
        with _engine_lock:
            found = app.extensions.get(EXTENSION_KEY)
            if found is None:
                encoder, query_encoder = _make_encoders(app)
                found = Engine(
                    encoder=encoder, index=_make_index(app, encoder), query_encoder=query_encoder
                )
                app.extensions[EXTENSION_KEY] = found
    _catch_up(found)
    return found


_engine_lock = threading.Lock()


def _make_index(app: Flask, encoder: Encoder) -> VectorIndex:
    """pgvector when the database has it (IDEAPORTAL_VECTOR_INDEX=auto, the default), else
    the in-process NumPy index; `numpy` or `pgvector` force one."""
    wanted = str(app.config.get("VECTOR_INDEX") or "auto").lower()
    if wanted != "numpy":
        with db.engine.connect() as conn:
            available = pgvector_available(conn)
        if available:
            return PgVectorIndex(db.engine, model_name=encoder.name, dim=encoder.dim)
        if wanted == "pgvector":
            raise RuntimeError("IDEAPORTAL_VECTOR_INDEX=pgvector, but the database has no pgvector")
    return NumpyVectorIndex()


def _catch_up(eng: Engine) -> None:
    """Load embeddings written since the last look (by this or another process)."""
    if not eng.own_rows_waiting and time.monotonic() - eng.looked_at < CATCH_UP_EVERY_SECONDS:
        return
    # Cleared before the look: rows this process commits while the look runs set it again,
    # so the next search loads them rather than waiting out the second.
    eng.own_rows_waiting = False
    _load_new_rows(eng)
    # Only once the look is done: a thread that comes while another loads (the first load
    # of 100k vectors takes seconds) waits for it on the lock, as it always did.
    eng.looked_at = time.monotonic()


def _load_new_rows(eng: Engine) -> None:
    with eng.lock:
        now = database_now(db.session.connection())
        if isinstance(eng.index, PgVectorIndex):
            changed = _copy_new_rows(eng, eng.index, now)
        elif not eng.loaded:  # the first look: every stored vector of this model
            _settle(eng, _add_rows(eng, db.session.execute(_embedding_rows(eng)).all()), now)
            changed = True
        else:
            loaded: list[tuple[int, datetime]] = []
            fresh = _fresh(eng, _stamps(eng, now))
            for start in range(0, len(fresh), _LOAD_CHUNK):  # a reindex restamps every row
                chunk = fresh[start : start + _LOAD_CHUNK]
                rows = db.session.execute(
                    _embedding_rows(eng).where(IdeaEmbedding.idea_id.in_(chunk))
                )
                loaded += _add_rows(eng, rows.all())
            _settle(eng, loaded, now)  # only once all are in: a failed look is read again in full
            changed = bool(fresh)
        if changed:
            # Ideas posted or edited: the text side's copies of typed words' ideas go too, so
            # an idea is found by its words as soon as by its meaning.
            forget_similar_text_hits()
        eng.loaded = True


def _copy_new_rows(eng: Engine, index: PgVectorIndex, now: datetime) -> bool:
    """pgvector's look: its table is shared, so the catch-up copies what it lacks. True when
    there were rows it had not seen."""
    first = not eng.loaded
    if first:  # on from the newest stamp (the catch-up fills the table)
        eng.synced_until = db.session.scalar(
            select(func.max(IdeaEmbedding.updated_at)).where(
                IdeaEmbedding.model_name == eng.encoder.name
            )
        )
    stamps = _stamps(eng, now)
    changed = first or bool(_fresh(eng, stamps))
    if changed:
        # After the stamps were read: every row they name is copied by this catch-up.
        index.catch_up(db.session.connection())
    _settle(eng, stamps, now)
    return changed


def _stamps(eng: Engine, now: datetime) -> Sequence[Any]:
    """(idea_id, updated_at) of this model's rows newer than the newest seen, or settling."""
    return db.session.execute(
        select(IdeaEmbedding.idea_id, IdeaEmbedding.updated_at).where(
            IdeaEmbedding.model_name == eng.encoder.name,
            IdeaEmbedding.updated_at > _settling_since(eng, now),
        )
    ).all()


def _fresh(eng: Engine, stamps: Sequence[Any]) -> list[int]:
    """The ideas among the stamps not loaded in that version."""
    return [idea_id for idea_id, stamp in stamps if eng.settling.get(idea_id) != stamp]


# Ids per statement when loading fresh rows: well under the databases' bound parameter limits
# (PostgreSQL 65,535; SQLite 32,766 by default).
_LOAD_CHUNK = 1000


def _settling_since(eng: Engine, now: datetime) -> datetime:
    """Stamps after this are read again: newer than the newest seen, or still settling
    (`now` is the database's clock at the look)."""
    recent = now - timedelta(seconds=SETTLE_SECONDS)
    return recent if eng.synced_until is None else min(eng.synced_until, recent)


def _embedding_rows(eng: Engine) -> Select[int, bytes, int, datetime]:
    return (
        select(IdeaEmbedding.idea_id, IdeaEmbedding.vector, Idea.board_id, IdeaEmbedding.updated_at)
        .join(Idea, Idea.id == IdeaEmbedding.idea_id)
        .where(IdeaEmbedding.model_name == eng.encoder.name)
    )


def _add_rows(eng: Engine, rows: Sequence[Any]) -> list[tuple[int, datetime]]:
    """Put the rows' vectors into the NumPy index; their ids and stamps."""
    if rows:
        vectors = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
        eng.index.add([r[0] for r in rows], vectors, [r[2] for r in rows])
    return [(r[0], r[3]) for r in rows]


def _settle(eng: Engine, loaded: Sequence[Any], now: datetime) -> None:
    """Note what was loaded; forget the stamps no later look reads again."""
    for idea_id, stamp in loaded:
        eng.settling[idea_id] = stamp
        if eng.synced_until is None or stamp > eng.synced_until:
            eng.synced_until = stamp
    since = _settling_since(eng, now)
    eng.settling = {i: t for i, t in eng.settling.items() if t > since}


def reset_engine(app: Flask) -> None:
    app.extensions.pop(EXTENSION_KEY, None)


# ---- embedding ----


def _text_of(idea: Idea) -> str:
    return idea_text(idea.title, idea.body)


def _title_of(idea: Idea) -> str:
    return idea_text(idea.title, "")  # what the typed text is while only a title is typed


def embed_ideas(
    ideas: Sequence[Idea],
    *,
    batch_size: int = 64,
    progress: Progress | None = None,
    force: bool = False,
) -> int:
    """Store a vector for each idea whose text changed (or all with force). Returns how many."""
    eng = engine()
    existing = {
        e.idea_id: e
        for e in db.session.scalars(
            select(IdeaEmbedding).where(IdeaEmbedding.idea_id.in_([i.id for i in ideas]))
        )
    }
    todo = []
    for idea in ideas:
        text = _text_of(idea)
        row = existing.get(idea.id)
        if (
            force
            or row is None
            or row.text_hash != text_hash(text)
            or row.model_name != eng.encoder.name
            or row.title_vector is None
        ):
            todo.append((idea, text))
    done = 0
    for start in range(0, len(todo), batch_size):
        chunk = todo[start : start + batch_size]
        # Texts and titles in one call: the titles are short, so this adds little per idea.
        both = eng.encoder.encode(
            [t for _, t in chunk] + [_title_of(i) for i, _ in chunk], batch_size=batch_size
        )
        vectors, titles = both[: len(chunk)], both[len(chunk) :]
        now = database_now(db.session.connection())  # see SETTLE_SECONDS
        for (idea, text), vector, title in zip(chunk, vectors, titles, strict=True):
            row = existing.get(idea.id) or IdeaEmbedding(idea_id=idea.id)
            row.model_name = eng.encoder.name
            row.text_hash = text_hash(text)
            row.dim = int(vector.shape[0])
            row.vector = np.asarray(vector, dtype=np.float32).tobytes()
            row.title_vector = np.asarray(title, dtype=np.float32).tobytes()
            row.updated_at = now
            db.session.add(row)
        db.session.commit()
        eng.own_rows_waiting = True  # this process's next search loads them
        done += len(chunk)
        if progress:
            progress(len(chunk))
    return done


def embed_idea_and_find_duplicates(idea_id: int) -> list[DuplicateCandidate]:
    """The job run after an idea is posted or edited."""
    idea = db.session.get(Idea, idea_id)
    if idea is None or idea.status == IdeaStatus.MERGED:
        return []
    embed_ideas([idea])
    found = refresh_candidates(idea)
    _maybe_auto_merge(idea, found)
    return found


# ---- similar ideas ----


@dataclass(frozen=True)
class SimilarIdea:
    idea: Idea
    score: float
    vector_score: float | None
    lexical_score: float | None
    # The typed text's stems (dedup.explain.stems), taken once for all its hits.
    typed_stems: frozenset[str] = frozenset()

    @cached_property
    def shared_words(self) -> tuple[str, ...]:
        """Why it was suggested: the words the typed text and the idea share. Worked out
        only when shown (the JSON API does not return them)."""
        idea = self.idea
        return tuple(explain.words_with_stems(idea_text(idea.title, idea.body), self.typed_stems))

    @property
    def similarity(self) -> float:
        """The cosine similarity shown to people as a percentage (0 when unknown)."""
        return max(0.0, self.vector_score or 0.0)


def _visible_board_ids(actor: User | None) -> frozenset[int] | None:
    if actor is not None and actor.is_authenticated and actor.role in STAFF_ROLES:
        return None
    # The board tabs' copy (kept until a write): a read per keystroke cost a tenth of a search.
    return frozenset(tab.id for tab in board_tabs(actor) if not tab.is_private)


def similar_ideas(
    actor: User | None,
    text: str,
    *,
    k: int = 5,
    board_ids: Iterable[int] | None = None,
    exclude: Iterable[int] = (),
    body: str = "",
) -> list[SimilarIdea]:
    """The ideas most like the text: vector similarity fused with the full-text rank."""
    text = " ".join(text.split())
    if len(text) < 3:
        return []
    # Shaped like the stored idea texts (title + start of the body), which also bounds the
    # time the model needs for a long paste.
    text = idea_text(text, body)
    eng = engine()
    allowed = _visible_board_ids(actor)
    if board_ids is not None:
        wanted = frozenset(board_ids)
        allowed = wanted if allowed is None else allowed & wanted
    excluded = frozenset(exclude)
    pool = max(k * 10, 50)
    encoding = encode_in_background(eng.query_encoder, text)
    lexical_hits = [hit for hit in similar_text_hits(text, pool) if hit[0] not in excluded]
    query = encoding.result()
    vector_hits = eng.index.search(
        query, pool, IndexFilter(board_ids=allowed, exclude_ids=excluded)
    )
    cosines, title_cosines = _candidate_cosines(
        eng, query, [i for i, _ in vector_hits], [i for i, _ in lexical_hits]
    )
    fused = ranking.fuse(
        vector_hits,
        lexical_hits,
        k=pool,
        cosines=cosines,
        title_cosines=title_cosines,
        **_ranking_params(),
    )
    # Lexical hits may come from boards the actor cannot see: _load_hits checks each idea.
    return _load_hits(actor, fused, k, text)


def _candidate_cosines(
    eng: Engine, query: np.ndarray, vector_ids: Sequence[int], text_ids: Sequence[int]
) -> tuple[dict[int, float], dict[int, float]]:
    """The typed text's cosines with the candidates' stored vectors, from one read of their
    embedding rows (a few dozen, by primary key):
    - with the whole vector of each idea the text side found, so fusion judges every
      candidate on both sides (the vector side's own hits come with theirs);
    - with the title vector of every candidate (the ranking's title side).
    An idea not embedded yet, or by another model, is left out and gets that side's floor.
    On PostgreSQL this is one round trip where the index and the rows took two."""
    found = set(vector_ids)
    text_only = list(dict.fromkeys(i for i in text_ids if i not in found))
    wanted = list(dict.fromkeys([*vector_ids, *text_ids]))
    if not wanted:
        return {}, {}
    params = {"text_only": text_only, "wanted": wanted, "model_name": eng.encoder.name}
    conn = db.session.connection()
    rows = conn.execute(_candidate_vectors(conn.dialect.name), params).all()
    return (
        _cosines_with(query, [(r[0], r[1]) for r in rows if r[1] is not None]),
        _cosines_with(query, [(r[0], r[2]) for r in rows if r[2] is not None]),
    )


@cache  # built once per dialect: built anew per keystroke it cost more than the read
def _candidate_vectors(dialect: str) -> Select[Any]:
    embedding = IdeaEmbedding.__table__
    return select(
        embedding.c.idea_id,
        case((id_in(embedding.c.idea_id, "text_only", dialect), embedding.c.vector), else_=None),
        embedding.c.title_vector,
    ).where(
        id_in(embedding.c.idea_id, "wanted", dialect),
        embedding.c.model_name == bindparam("model_name"),
    )


def _cosines_with(query: np.ndarray, stored: Sequence[tuple[int, bytes]]) -> dict[int, float]:
    """Idea id -> the query's cosine with its stored (normalised float32) vector."""
    if not stored:
        return {}
    matrix = np.vstack([np.frombuffer(vector, dtype=np.float32) for _, vector in stored])
    if matrix.shape[1] != query.shape[0]:
        return {}
    return dict(zip((i for i, _ in stored), (matrix @ query).tolist(), strict=True))


def _ranking_params() -> dict[str, Any]:
    params: dict[str, Any] = current_app.config.get("SIMILAR_RANKING_PARAMS") or {}
    return params


def _load_hits(
    actor: User | None, fused: Sequence[ranking.SimilarHit], k: int, text: str
) -> list[SimilarIdea]:
    # Best first, a few more than asked for at a time: the fused list holds the whole pool
    # (50 and more), and loading every one of those ideas with its text, author and board
    # cost more than the rest of the search. Further batches only when hits were hidden.
    out: list[SimilarIdea] = []
    wanted = frozenset(explain.stems(text))
    batch = max(2 * k, 10)
    for start in range(0, len(fused), batch):
        chunk = fused[start : start + batch]
        ids = [h.idea_id for h in chunk]
        ideas = {i.id: i for i in db.session.scalars(_UNMERGED_IDEAS, {"ids": ids})}
        for hit in chunk:
            idea = ideas.get(hit.idea_id)
            if idea is None or idea.hidden or not can(actor, "view_idea", idea):
                continue
            out.append(SimilarIdea(idea, hit.score, hit.vector_score, hit.lexical_score, wanted))
            if len(out) == k:
                return out
    return out


_UNMERGED_IDEAS = select(Idea).where(
    Idea.id.in_(bindparam("ids", expanding=True)), Idea.status != IdeaStatus.MERGED
)


# ---- candidate pairs ----


THRESHOLD_KEY = "ideaportal.dedup.threshold"


def _threshold(vectors: np.ndarray | None = None) -> float:
    """The configured duplicate threshold, else the one measured on this portal's ideas
    (clustering.adaptive_threshold): on the given vectors (recluster has them all), else on
    up to 20,000 stored ones, remeasured when the number of ideas moved by a tenth."""
    configured = current_app.config.get("DUPLICATE_THRESHOLD")
    if configured:
        return float(configured)
    if vectors is None:
        count = db.session.scalar(select(func.count()).select_from(IdeaEmbedding)) or 0
        cached: tuple[int, float] | None = current_app.extensions.get(THRESHOLD_KEY)
        if cached is not None and abs(count - cached[0]) <= max(10, cached[0] // 10):
            return cached[1]
        rows = db.session.scalars(
            select(IdeaEmbedding.vector).order_by(IdeaEmbedding.idea_id).limit(20_000)
        ).all()
        vectors = (
            np.vstack([np.frombuffer(r, dtype=np.float32) for r in rows])
            if rows
            else np.zeros((0, 1), dtype=np.float32)
        )
    else:
        count = len(vectors)
    value = adaptive_threshold(vectors, fallback=ranking.DEFAULT_DUPLICATE_THRESHOLD)
    current_app.extensions[THRESHOLD_KEY] = (count, value)
    return value


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _upsert_pairs(pairs: Iterable[tuple[int, int, float]]) -> list[DuplicateCandidate]:
    """Record pairs above the threshold; decided pairs (merged, dismissed) are left alone."""
    made: list[DuplicateCandidate] = []
    wanted = {_pair(a, b): sim for a, b, sim in pairs if a != b}
    if not wanted:
        return made
    existing = {
        (c.idea_low_id, c.idea_high_id): c
        for c in db.session.scalars(
            select(DuplicateCandidate).where(
                or_(
                    *[
                        (DuplicateCandidate.idea_low_id == lo)
                        & (DuplicateCandidate.idea_high_id == hi)
                        for lo, hi in wanted
                    ]
                )
            )
        )
    }
    for (lo, hi), sim in wanted.items():
        row = existing.get((lo, hi))
        if row is None:
            row = DuplicateCandidate(idea_low_id=lo, idea_high_id=hi, similarity=float(sim))
            db.session.add(row)
        elif row.state == CandidateState.OPEN:
            row.similarity = float(sim)
        made.append(row)
    db.session.commit()
    return made


def refresh_candidates(idea: Idea, k: int = 3) -> list[DuplicateCandidate]:
    """The idea's nearest neighbours on its board, above the threshold, become suggestions."""
    eng = engine()
    row = db.session.get(IdeaEmbedding, idea.id)
    if row is None:
        return []
    vector = np.frombuffer(row.vector, dtype=np.float32)
    hits = eng.index.search(
        vector, k + 1, IndexFilter(board_ids=None, exclude_ids=frozenset({idea.id}))
    )
    live = set(
        db.session.scalars(
            select(Idea.id).where(
                Idea.id.in_([h[0] for h in hits]), Idea.status != IdeaStatus.MERGED
            )
        )
    )
    threshold = _threshold()
    return _upsert_pairs(
        (idea.id, other, sim) for other, sim in hits if other in live and sim >= threshold
    )


def _maybe_auto_merge(idea: Idea, candidates: list[DuplicateCandidate]) -> None:
    threshold = current_app.config.get("AUTO_MERGE_THRESHOLD")
    if not threshold:
        return
    best = max(
        (c for c in candidates if c.state == CandidateState.OPEN),
        key=lambda c: c.similarity,
        default=None,
    )
    if best is None or best.similarity < float(threshold):
        return
    from ideaportal.dedup.merging import merge_ideas

    other_id = best.idea_low_id if best.idea_high_id == idea.id else best.idea_high_id
    other = db.session.get(Idea, other_id)
    if other is None or other.status == IdeaStatus.MERGED:
        return
    # The newer idea joins the older one, which already gathered the demand.
    source, target = (idea, other) if idea.created_at >= other.created_at else (other, idea)
    merge_ideas(
        None,
        source,
        target,
        automatic=True,
        note=f"Merged automatically: {best.similarity:.0%} similar to “{target.title}”.",
    )


# ---- whole-board operations (CLI and periodic job) ----


def reindex(
    *,
    force: bool = True,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> int:
    """Embed every idea again (or only changed ones) and rebuild this process's index."""
    ideas = list(db.session.scalars(select(Idea).order_by(Idea.id)))
    if on_total:
        on_total(len(ideas))
    count = embed_ideas(ideas, force=force, progress=progress)
    reset_engine(current_app._get_current_object())  # type: ignore[attr-defined]
    engine()
    return count


def recluster(*, progress: Progress | None = None) -> list[list[int]]:
    """Group every live idea into duplicate clusters (per board) and refresh candidate pairs."""
    rows = db.session.execute(
        select(IdeaEmbedding.idea_id, IdeaEmbedding.vector, Idea.board_id)
        .join(Idea, Idea.id == IdeaEmbedding.idea_id)
        .where(Idea.status != IdeaStatus.MERGED, Idea.hidden.is_(False))
        .order_by(IdeaEmbedding.idea_id)
    ).all()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    vectors = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
    board_ids = [r[2] for r in rows]
    threshold = _threshold(vectors)
    groups = cluster_vectors(ids, vectors, threshold, board_ids=board_ids)
    position = {idea_id: n for n, idea_id in enumerate(ids)}
    pairs: list[tuple[int, int, float]] = []
    for group in groups:
        members = [position[i] for i in group]
        sims = vectors[members] @ vectors[members].T
        for a in range(len(group)):
            for b in range(a + 1, len(group)):
                if sims[a, b] >= threshold:
                    pairs.append((group[a], group[b], float(sims[a, b])))
        if progress:
            progress(1)
    _upsert_pairs(pairs)
    return groups


# ---- the product managers' duplicates queue ----


@dataclass
class DuplicateCluster:
    ideas: list[Idea]
    pairs: list[DuplicateCandidate]

    def shared_words(self, a: Idea, b: Idea) -> list[str]:
        """Why the two look alike: the meaningful words they share (dedup.explain)."""
        return explain.shared_words(idea_text(a.title, a.body), idea_text(b.title, b.body))

    @property
    def best_similarity(self) -> float:
        return max((p.similarity for p in self.pairs), default=0.0)

    def similarity(self, a: Idea, b: Idea) -> float | None:
        lo, hi = _pair(a.id, b.id)
        for p in self.pairs:
            if (p.idea_low_id, p.idea_high_id) == (lo, hi):
                return p.similarity
        return None

    @property
    def suggested_target(self) -> Idea:
        # The idea with the most demand stays; ties go to the oldest.
        return sorted(self.ideas, key=lambda i: (-i.vote_count, i.created_at, i.id))[0]


def duplicate_clusters(actor: User, board_id: int | None = None) -> list[DuplicateCluster]:
    """Open candidate pairs grouped into clusters, strongest first."""
    require(actor, "triage")
    pairs = list(
        db.session.scalars(
            select(DuplicateCandidate).where(DuplicateCandidate.state == CandidateState.OPEN)
        )
    )
    ideas = {
        i.id: i
        for i in db.session.scalars(
            select(Idea).where(
                Idea.id.in_({p.idea_low_id for p in pairs} | {p.idea_high_id for p in pairs}),
                Idea.status != IdeaStatus.MERGED,
            )
        )
    }
    live = [p for p in pairs if p.idea_low_id in ideas and p.idea_high_id in ideas]
    groups = connected_groups((p.idea_low_id, p.idea_high_id) for p in live)
    group_of = {idea_id: n for n, group in enumerate(groups) for idea_id in group}
    grouped = [DuplicateCluster([ideas[i] for i in group], []) for group in groups]
    for p in live:
        grouped[group_of[p.idea_low_id]].pairs.append(p)
    clusters = [
        c for c in grouped if board_id is None or any(i.board_id == board_id for i in c.ideas)
    ]
    return sorted(clusters, key=lambda c: (-c.best_similarity, -sum(i.vote_count for i in c.ideas)))


def dismiss_cluster(actor: User, idea_ids: Sequence[int]) -> int:
    """ "Not a duplicate": every open pair among these ideas is remembered as dismissed."""
    require(actor, "triage")
    ids = list(idea_ids)
    pairs = list(
        db.session.scalars(
            select(DuplicateCandidate).where(
                DuplicateCandidate.state == CandidateState.OPEN,
                DuplicateCandidate.idea_low_id.in_(ids),
                DuplicateCandidate.idea_high_id.in_(ids),
            )
        )
    )
    if not pairs:
        raise NotFound(_("These ideas have no open duplicate suggestion."))
    now = utcnow()
    for p in pairs:
        p.state = CandidateState.DISMISSED
        p.decided_by_id = actor.id
        p.decided_at = now
    from ideaportal.core import audit

    audit.record(
        actor, "duplicates.dismissed", pairs[0], f"{len(pairs)} suggestion(s) dismissed", ideas=ids
    )
    db.session.commit()
    return len(pairs)
