"""Embeddings off the request path, similar ideas while typing, duplicate suggestions,
the duplicates queue, reindex and recluster (with the small deterministic encoder)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, update

from ideaportal.accounts.models import Role
from ideaportal.core.model_base import utcnow
from ideaportal.dedup import services
from ideaportal.dedup.models import CandidateState, DuplicateCandidate, IdeaEmbedding
from ideaportal.dedup.vector_index import NumpyVectorIndex
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import IdeaStatus
from tests.conftest import login_as
from tests.factories import Factory


@pytest.fixture
def loose(app):
    # The stand-in encoder is cruder than MiniLM: a lower bar makes its neighbours count.
    app.config["DUPLICATE_THRESHOLD"] = 0.5
    return app


def test_posting_embeds_the_idea_and_editing_reembeds_only_on_change(make):
    author = make.user()
    idea = make.idea(author=author, title="Dark mode for the scheduler", body="Night shifts")
    row = db.session.get(IdeaEmbedding, idea.id)
    assert row is not None and row.model_name == "fake-bag-of-words" and len(row.vector) == 64 * 4
    first_hash = row.text_hash
    assert services.embed_ideas([idea]) == 0  # unchanged text: nothing to do
    ideas.edit_idea(author, idea, "Dark theme for the scheduler", "Night shifts", None)
    db.session.expire_all()
    assert db.session.get(IdeaEmbedding, idea.id).text_hash != first_hash


def test_similar_ideas_rank_shared_meaning_and_hide_what_the_user_cannot_see(make):
    board = make.board()
    dark = make.idea(board=board, title="Dark mode for the shift scheduler")
    make.idea(board=board, title="Export payroll hours to DATEV")
    private = make.board("internal", private=True)
    secret = make.idea(
        board=private, title="Dark mode internal staff experiment", author=make.user(Role.ADMIN)
    )
    hits = services.similar_ideas(None, "scheduler dark theme please", k=5)
    assert hits[0].idea.id == dark.id
    assert secret.id not in [h.idea.id for h in hits]
    staff_hits = services.similar_ideas(make.user(Role.MODERATOR), "dark mode", k=5)
    assert secret.id in [h.idea.id for h in staff_hits]


def test_merged_and_hidden_ideas_are_never_suggested(make):
    board = make.board()
    a = make.idea(board=board, title="Calendar sync with Outlook")
    b = make.idea(board=board, title="Outlook calendar sync please")
    from ideaportal.dedup.merging import merge_ideas

    merge_ideas(make.pm(), b, a)
    a.hidden = True
    db.session.commit()
    assert services.similar_ideas(None, "outlook calendar sync", k=5) == []


def test_similar_box_while_typing_and_the_json_api(client, make):
    idea = make.idea(title="Shift swap between employees")
    login_as(client, make.user())
    box = client.get("/ideas/similar?title=swap+shifts+employees", headers={"HX-Request": "true"})
    html = box.get_data(as_text=True)
    assert "Already asked?" in html and idea.title in html and "vote-btn-small" in html
    # What the form's live region says (app.js copies it there), rather than the whole list.
    assert 'data-status="1 similar idea found below"' in html
    nothing = client.get("/ideas/similar?title=zz").get_data(as_text=True)
    assert "similar-box" not in nothing and 'data-status="No similar ideas found"' in nothing
    api = client.get("/api/v1/ideas/similar?q=swap%20shifts%20employees&k=3").get_json()
    # The fused score only orders the hits (a sole hit scores 0); the cosine is its own field.
    assert api["items"][0]["idea"]["id"] == idea.id and api["items"][0]["vector_score"] > 0
    assert client.get("/api/v1/ideas/similar?q=a").status_code == 422


def test_a_near_duplicate_becomes_a_candidate_pair(loose, make):
    board = make.board()
    first = make.idea(
        board=board,
        title="Export timesheets to payroll",
        body="Monthly payroll export of timesheets",
    )
    second = make.idea(
        board=board,
        title="Payroll export of timesheets",
        body="Export the timesheets for payroll monthly",
    )
    pair = db.session.scalar(select(DuplicateCandidate))
    assert pair is not None and (pair.idea_low_id, pair.idea_high_id) == (first.id, second.id)
    assert pair.state == CandidateState.OPEN and pair.similarity >= 0.5


def test_duplicates_queue_merges_and_not_a_duplicate_is_remembered(loose, client, make):
    board = make.board()
    a = make.idea(board=board, title="Export timesheets to payroll", body="payroll timesheets")
    b = make.idea(board=board, title="Payroll export for timesheets", body="timesheets payroll")
    c = make.idea(board=board, title="Geofenced clock in for staff", body="clock in geofence")
    d = make.idea(board=board, title="Clock in only inside the geofence", body="geofence clock")
    ideas.toggle_vote(make.user(), a)
    pm = make.pm()
    login_as(client, pm)
    page = client.get("/triage/duplicates").get_data(as_text=True)
    # Titles of the suggested duplicates carry <mark>s on the words they share.
    assert f"#{a.id}" in page and f"#{b.id}" in page and f"#{c.id}" in page
    client.post("/triage/duplicates/merge", data={"target": str(a.id), "sources": [str(b.id)]})
    db.session.refresh(b)
    assert b.status == IdeaStatus.MERGED and b.merged_into_id == a.id
    client.post("/triage/duplicates/dismiss", data={"ideas": [str(c.id), str(d.id)]})
    services.recluster()
    open_pairs = db.session.scalar(
        select(func.count(DuplicateCandidate.id)).where(
            DuplicateCandidate.state == CandidateState.OPEN
        )
    )
    assert open_pairs == 0
    assert "No open duplicate suggestions." in client.get("/triage/duplicates").get_data(
        as_text=True
    )


def test_members_cannot_see_the_duplicates_queue(client, make):
    login_as(client, make.user())
    assert client.get("/triage/duplicates").status_code == 403


def test_auto_merge_only_when_configured(app, make):
    app.config["DUPLICATE_THRESHOLD"] = 0.5
    board = make.board()
    old = make.idea(board=board, title="Dark mode for the scheduler", body="dark mode scheduler")
    twin = make.idea(board=board, title="Dark mode for the scheduler!", body="dark mode scheduler")
    db.session.refresh(twin)
    assert twin.status == IdeaStatus.NEW  # off by default
    app.config["AUTO_MERGE_THRESHOLD"] = 0.99
    triplet = make.idea(
        board=board, title="Dark mode for the scheduler?", body="dark mode scheduler"
    )
    db.session.expire_all()
    assert triplet.status == IdeaStatus.MERGED and triplet.merged_into_id in (old.id, twin.id)


def test_reindex_and_recluster_commands(app, loose, make):
    board = make.board()
    for title in (
        "Export timesheets to payroll",
        "Payroll export of timesheets",
        "Offline mode for the mobile app",
    ):
        make.idea(board=board, title=title, body=title)
    db.session.execute(IdeaEmbedding.__table__.delete())
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "Embedded 3 idea(s)." in result.output
    assert db.session.scalar(select(func.count(IdeaEmbedding.idea_id))) == 3
    result = runner.invoke(args=["recluster"])
    assert result.exit_code == 0 and "1 duplicate cluster(s) with 2 ideas." in result.output


def test_similar_searches_are_rate_limited(app_factory, make):
    app = app_factory(RATELIMIT_ENABLED=True, RATELIMIT_SIMILAR="3 per minute")
    with app.app_context():
        client = app.test_client()
        make.idea(title="Shift swap between employees")
        codes = [client.get("/api/v1/ideas/similar?q=shift%20swap").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert client.get("/api/v1/ideas/similar?q=shift").get_json()["error"]["status"] == 429


def test_titles_are_embedded_and_reach_the_ranking(app, make):
    board = make.board()
    for title in ("Export payroll hours", "Holiday calendar import", "Slack reminders for shifts"):
        make.idea(board=board, title=title, body="Teams would like this.")
    titled = make.idea(
        board=board,
        title="Dark mode for the scheduler",
        body="Night shifts at the front desk: bright pages glare on tablets and drain batteries.",
    )
    mentioned = make.idea(
        board=board, title="Wishes for us", body="Dark mode for the scheduler, for night shifts."
    )
    row = db.session.get(IdeaEmbedding, titled.id)
    assert row.title_vector is not None and len(row.title_vector) == len(row.vector)
    # The stored titles reach the ranking: weighed heavily (the text side left out, as bm25
    # and ts_rank weigh titles apart), the idea whose title it is comes first; without them
    # the one whose whole text is closer does (the crude test encoder: ranking's own tests
    # cover the weights).
    app.config["SIMILAR_RANKING_PARAMS"] = {"lexical_weight": 0.0, "title_weight": 2.0}
    hits = services.similar_ideas(None, "Dark mode for the scheduler", k=2)
    assert [h.idea.id for h in hits] == [titled.id, mentioned.id]
    app.config["SIMILAR_RANKING_PARAMS"] = {"lexical_weight": 0.0, "title_weight": 0.0}
    hits = services.similar_ideas(None, "Dark mode for the scheduler", k=2)
    assert [h.idea.id for h in hits] == [mentioned.id, titled.id]
    app.config["SIMILAR_RANKING_PARAMS"] = {}
    # An idea embedded before titles were stored is embedded again, and then has one.
    row.title_vector = None
    db.session.commit()
    assert services.embed_ideas([titled]) == 1
    assert db.session.get(IdeaEmbedding, titled.id).title_vector is not None


def test_the_similar_api_loads_the_hits_tags_in_one_query(client, make):
    board = make.board()
    for n, words in enumerate(("shift swap", "swap shifts", "shift swapping", "trade shifts")):
        idea = make.idea(board=board, title=f"{words} between employees {n}")
        if n < 2:  # the third idea has none
            ideas.add_tag(make.pm(), idea, f"tag{n}")
    ideas.add_tag(make.pm(), idea, "a-first")  # the last idea: two tags, by name
    ideas.add_tag(make.pm(), idea, "b-second")
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        api = client.get("/api/v1/ideas/similar?q=swap%20shifts%20employees&k=4").get_json()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert len(api["items"]) == 4
    tags = sorted(item["idea"]["tags"] for item in api["items"])
    assert tags == [[], ["a-first", "b-second"], ["tag0"], ["tag1"]]
    # Not one query per hit: all four ideas' tags come in one.
    assert sum("idea_tag" in s for s in statements) == 1


def test_other_processes_embeddings_are_looked_for_at_most_once_a_second(app_factory, monkeypatch):
    monkeypatch.setattr(services, "CATCH_UP_EVERY_SECONDS", 3600.0)  # a slow machine's second
    # Two processes on one database: a web worker answering typists, and the job worker
    # that embeds new ideas (each app runs its own jobs here).
    web, worker = app_factory(), app_factory()
    with worker.app_context():
        Factory().idea(title="Shift swap between employees")
    with web.app_context():
        assert services.similar_ideas(None, "shift swap employees")  # loads what is there
    with worker.app_context():
        new_id = Factory().idea(title="Payroll export to DATEV").id
    looks: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if "idea_embedding.updated_at >" in statement:
            looks.append(statement)

    with web.app_context():
        event.listen(db.engine, "before_cursor_execute", record)
        services.similar_ideas(None, "payroll export datev")
        assert looks == []  # a keystroke a moment later does not ask again
        index = web.extensions[services.EXTENSION_KEY].index
        if isinstance(index, NumpyVectorIndex):  # (pgvector's table is shared: already there)
            assert new_id not in index
        monkeypatch.setattr(services, "CATCH_UP_EVERY_SECONDS", 0.0)
        hits = services.similar_ideas(None, "payroll export datev")
        event.remove(db.engine, "before_cursor_execute", record)
    assert len(looks) == 1 and new_id in index
    assert new_id in [h.idea.id for h in hits]


def _web_worker_and_loaded_index(app_factory):  # type: ignore[no-untyped-def]
    """Two processes on one database, a web worker and the job worker that embeds, each with
    the in-process index (pgvector's table is shared: the writer's row would already be
    there); the web worker has made its first look. Returns (web, worker, web's index)."""
    web, worker = app_factory(VECTOR_INDEX="numpy"), app_factory(VECTOR_INDEX="numpy")
    with worker.app_context():
        Factory().idea(title="Shift swap between employees")
    with web.app_context():
        services.similar_ideas(None, "shift swap employees")
        return web, worker, web.extensions[services.EXTENSION_KEY].index


def test_an_embedding_committed_after_a_newer_one_still_reaches_the_index(app_factory, monkeypatch):
    # Two embedding jobs stamp their rows, then commit in the other order. A process that
    # looked between the two commits must still load the row stamped first.
    monkeypatch.setattr(services, "CATCH_UP_EVERY_SECONDS", 0.0)
    web, worker, index = _web_worker_and_loaded_index(app_factory)
    with worker.app_context():
        late = Factory().idea(title="Payroll export to DATEV").id
        newest = db.session.get(IdeaEmbedding, late).updated_at
    with web.app_context():
        services.similar_ideas(None, "payroll export")  # sees the newer row, stamped `newest`
        assert index.known_vectors([late])[0] == [late]
    with worker.app_context():
        stamped_first = Factory().idea(title="Dark mode for the scheduler").id
        row = db.session.get(IdeaEmbedding, stamped_first)
        row.updated_at = newest - timedelta(seconds=2)  # stamped before, committed after
        db.session.commit()
    with web.app_context():
        services.similar_ideas(None, "dark mode scheduler")
        assert index.known_vectors([stamped_first])[0] == [stamped_first]


def test_an_embedding_from_a_node_whose_clock_is_behind_still_reaches_the_index(
    app_factory, monkeypatch
):
    # Two nodes: the web node has loaded a row, then the job worker runs on a machine whose
    # clock is two minutes behind. Stamped by that clock, its row would be older than the
    # newest the web node has seen and older than the last 30 s: no look would read it.
    monkeypatch.setattr(services, "CATCH_UP_EVERY_SECONDS", 0.0)
    web, worker, index = _web_worker_and_loaded_index(app_factory)
    real_utcnow = services.utcnow
    with worker.app_context():
        monkeypatch.setattr(services, "utcnow", lambda: real_utcnow() - timedelta(minutes=2))
        late_clock = Factory().idea(title="Payroll export to DATEV").id
        monkeypatch.setattr(services, "utcnow", real_utcnow)
    with web.app_context():
        hits = services.similar_ideas(None, "payroll export datev")
    assert late_clock in index
    assert late_clock in [h.idea.id for h in hits]


def test_many_new_vectors_are_loaded_a_bounded_number_of_ids_at_a_time(app_factory, monkeypatch):
    # After a reindex every row is new to a process that was idle: its look must not put
    # 100k ids into one statement (PostgreSQL takes at most 65,535 parameters).
    monkeypatch.setattr(services, "CATCH_UP_EVERY_SECONDS", 0.0)
    monkeypatch.setattr(services, "_LOAD_CHUNK", 2)
    web, worker, index = _web_worker_and_loaded_index(app_factory)
    with worker.app_context():
        new = [Factory().idea(title=f"Payroll export number {n}").id for n in range(5)]
    reads: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if "idea_embedding.vector, idea.board_id" in statement:  # the index's loads
            reads.append(statement)

    with web.app_context():
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            services.similar_ideas(None, "payroll export")
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    assert all(idea_id in index for idea_id in new)
    assert len(reads) == 3  # 2 + 2 + 1 ids


def test_a_look_reads_back_no_rows_stored_long_ago(app, monkeypatch):
    # A portal whose vectors were all stored at one time (an import) long ago: once loaded,
    # a look once a second must not read them back again (it once did, every second).
    monkeypatch.setattr(services, "CATCH_UP_EVERY_SECONDS", 0.0)
    for title in ("Shift swap", "Payroll export", "Dark mode"):
        Factory().idea(title=title)
    db.session.execute(update(IdeaEmbedding).values(updated_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    services.reset_engine(app)  # a process started after the import
    services.similar_ideas(None, "shift swap")  # its first look loads them
    read_back: list[int] = []

    def count_stamps(state):  # type: ignore[no-untyped-def]
        if "idea_embedding.updated_at >" in str(state.statement):
            frozen = state.invoke_statement().freeze()
            read_back.append(len(frozen().all()))
            return frozen()
        return None

    event.listen(db.session, "do_orm_execute", count_stamps)
    try:
        services.similar_ideas(None, "payroll export")
    finally:
        event.remove(db.session, "do_orm_execute", count_stamps)
    assert read_back == [0]


def test_vectors_stored_while_a_look_runs_are_loaded_by_the_next_search(app_factory, monkeypatch):
    # One process, two threads: a typist's search looks for new rows while the process
    # stores vectors itself (as `flask reindex` does). The next search must load them, not
    # wait out the second between looks. (The in-process index: pgvector's table is
    # shared by every process, so it has nothing to load.)
    monkeypatch.setattr(services, "CATCH_UP_EVERY_SECONDS", 3600.0)
    app = app_factory(VECTOR_INDEX="numpy")
    looked, stored = threading.Event(), threading.Event()
    real_load = services._load_new_rows

    def look_then_pause(engine):  # type: ignore[no-untyped-def]
        real_load(engine)
        if threading.current_thread() is not threading.main_thread():
            looked.set()
            stored.wait(10)  # the vectors are committed before this look is marked done

    def typist() -> None:
        with app.app_context():
            services.similar_ideas(None, "shift swap")

    with app.app_context():
        idea = Factory().idea(title="Payroll export to DATEV")
        services.similar_ideas(None, "payroll export")
        eng = app.extensions[services.EXTENSION_KEY]
        eng.index.remove([idea.id])  # as if never embedded: embed_ideas stores it below
        db.session.delete(db.session.get(IdeaEmbedding, idea.id))
        db.session.commit()
        eng.looked_at = float("-inf")  # a second has passed: the typist's next search looks
        monkeypatch.setattr(services, "_load_new_rows", look_then_pause)
        search = threading.Thread(target=typist)
        search.start()
        assert looked.wait(10)
        assert services.embed_ideas([idea]) == 1
        stored.set()
        search.join(10)
        assert not search.is_alive()
        services.similar_ideas(None, "payroll export datev")
        assert idea.id in eng.index


def test_the_candidates_cosines_and_titles_come_in_one_read(make, monkeypatch):
    monkeypatch.setattr(services, "CATCH_UP_EVERY_SECONDS", 3600.0)  # no look in between
    board = make.board()
    swap = make.idea(board=board, title="Shift swap between employees")
    make.idea(board=board, title="Payroll export to DATEV", body="shift totals per employee")
    services.similar_ideas(None, "warm up the index")
    reads: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if "FROM idea_embedding" in statement:
            reads.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        hits = services.similar_ideas(None, "employees swap shifts")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert hits[0].idea.id == swap.id and hits[0].vector_score is not None
    assert len(reads) == 1 and "title_vector" in reads[0]
