"""On PostgreSQL a request that only reads sends no BEGIN and no ROLLBACK; a transaction
begins at the first statement that writes or locks, and from there on behaves as before:
all or nothing, locks held until commit, SET LOCAL kept, isolation levels honoured."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from ideaportal.core.lazy_begin import reads_only
from ideaportal.core.rows import lock_rows
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea, Vote
from tests.conftest import PG_URL, login_as
from tests.factories import Factory

needs_postgres = pytest.mark.skipif(
    not PG_URL, reason="needs PostgreSQL; runs in the PostgreSQL suite"
)


@pytest.mark.parametrize(
    ("statement", "plain"),
    [
        ("SELECT idea.id FROM idea WHERE idea.id = %(id)s", True),
        ("\n  select count(*) from vote", True),
        ("SELECT idea.id FROM idea WHERE idea.id IN (%(ids)s) ORDER BY idea.id FOR UPDATE", False),
        ("SELECT * FROM idea FOR NO KEY UPDATE", False),
        ("SELECT * FROM idea FOR SHARE", False),
        ("SELECT nextval('idea_id_seq')", False),
        ("SELECT set_config('hnsw.ef_search', '100', true)", False),
        ("SELECT pg_advisory_xact_lock(1)", False),
        ("SELECT * INTO idea_copy FROM idea", False),
        (
            "WITH moved AS (UPDATE vote SET idea_id = 2 RETURNING id) SELECT count(*) FROM moved",
            False,
        ),
        ("INSERT INTO vote (user_id, idea_id) VALUES (1, 2)", False),
        ("SET LOCAL hnsw.ef_search = 100", False),
        ("SAVEPOINT sa_savepoint_1", False),
        ("SELECT 1; DELETE FROM vote", False),
        ("SELECT pg_notify('ideas', 'x')", False),
    ],
)
def test_only_a_plain_select_runs_outside_a_transaction(statement: str, plain: bool) -> None:
    assert reads_only(statement) is plain


@pytest.fixture()
def round_trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """One entry per round trip: the first word of each statement sent in it (joined by "+"
    when a pipeline sent several together), or COMMIT/ROLLBACK when one was sent."""
    import psycopg
    from psycopg.pq import TransactionStatus

    sent: list[str] = []
    execute = psycopg.Cursor.execute
    pipelined = [False]  # whether the last entry is a pipeline's, still open

    def counted_execute(cursor, query, *args, **kwargs):  # type: ignore[no-untyped-def]
        word = str(query).split()[0].rstrip(";").upper()
        in_pipeline = bool(cursor.connection.pgconn.pipeline_status)
        if in_pipeline and pipelined[0]:
            sent[-1] += f"+{word}"  # the same round trip
        else:
            sent.append(word)
        pipelined[0] = in_pipeline
        return execute(cursor, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", counted_execute)
    pipeline = psycopg.Connection.pipeline

    def new_pipeline(connection):  # type: ignore[no-untyped-def]
        pipelined[0] = False  # a pipeline of its own is a round trip of its own
        return pipeline(connection)

    monkeypatch.setattr(psycopg.Connection, "pipeline", new_pipeline)
    for name in ("commit", "rollback"):
        original = getattr(psycopg.Connection, name)

        def counted(connection, original=original, name=name):  # type: ignore[no-untyped-def]
            pipelined[0] = False
            if connection.info.transaction_status != TransactionStatus.IDLE:
                sent.append(name.upper())  # psycopg sends nothing when no transaction is open
            return original(connection)

        monkeypatch.setattr(psycopg.Connection, name, counted)
    yield sent


@needs_postgres
def test_a_page_that_only_reads_sends_no_begin_and_no_rollback(app_factory, round_trips):
    app = app_factory(REACH_FLUSH_SECONDS=3600)  # page views buffered, as in production
    with app.app_context():
        make = Factory()
        make.idea(title="Export shifts to payroll")
        member = make.user()
        db.session.commit()
        client = app.test_client()
        login_as(client, member)  # a write (the log-in is recorded)
        db.session.remove()
        client.get("/")  # connections opened, caches filled
        round_trips.clear()

        page = client.get("/")  # a member's home: live, with their votes and their bell

        assert page.status_code == 200 and "Export shifts to payroll" in page.text
        # The member with their bell's count and their votes on the listed ideas: one statement.
        assert round_trips == ["SELECT"]


@needs_postgres
def test_a_click_on_vote_reads_in_one_statement_and_writes_in_one(app, make, round_trips):
    idea_id = make.idea(title="Export shifts to payroll").id
    member = make.user()
    db.session.commit()
    client = app.test_client()
    login_as(client, member)
    hx = {"HX-Request": "true"}
    vote_url = f"/ideas/{idea_id}/vote"
    db.session.remove()
    client.post(vote_url, data={"vote": "1"}, headers=hx)  # caches filled
    round_trips.clear()

    again = client.post(vote_url, data={"vote": "1"}, headers=hx)

    assert again.status_code == 200 and 'aria-pressed="true"' in again.text
    # A repeat (a double click): the member, the idea and their vote, and nothing to write.
    assert round_trips == ["SELECT"]
    round_trips.clear()

    back = client.post(vote_url, data={"vote": "0"}, headers=hx)

    assert back.status_code == 200 and '<span class="vote-count">0</span>' in back.text
    # The same read; then the idea locked, the vote and its counter in one statement, sent
    # with its BEGIN and its COMMIT (which does not wait for the log flush).
    assert round_trips == ["SELECT", "BEGIN+SET+WITH+COMMIT"]
    idea = db.session.get(Idea, idea_id)
    assert idea is not None
    assert idea.vote_count == 0 and idea.follower_count == 2  # the voter still follows


@needs_postgres
def test_a_click_on_an_idea_changed_since_it_was_read_is_written_the_careful_way(
    app, make, round_trips
):
    """The write commits with itself only while the idea's row holds what the check read;
    an idea moved to another board after the click's read is written again, checked on its
    locked row before the commit."""
    from sqlalchemy import update

    from ideaportal.ideas import services

    idea = make.idea(title="Export shifts to payroll")
    other_board = make.board()
    member = make.user()
    db.session.commit()
    with db.engine.begin() as other:  # another request, committed after this click's read
        other.execute(update(Idea).where(Idea.id == idea.id).values(board_id=other_board.id))
    round_trips.clear()

    assert services.set_vote(member, idea, True, voted_before=False) is True

    # Guarded: nothing written and committed; then BEGIN with the write, the check, COMMIT.
    assert round_trips == ["BEGIN+SET+WITH+COMMIT", "BEGIN+SET+WITH", "COMMIT"]
    assert idea.board_id == other_board.id and idea.vote_count == 1
    with db.engine.connect() as other:
        assert other.scalar(select(Idea.vote_count).where(Idea.id == idea.id)) == 1


@needs_postgres
def test_writes_after_reads_are_one_transaction_all_or_nothing(app, make, round_trips):
    idea = make.idea(title="Before the change")
    db.session.commit()
    outside = create_engine(PG_URL)
    round_trips.clear()

    assert db.session.scalar(select(Idea.title).where(Idea.id == idea.id)) == "Before the change"
    idea.title = "After the change"
    idea.vote_count = 7
    db.session.flush()
    with outside.connect() as other:  # not committed: nobody else sees it yet
        row = other.execute(
            text("SELECT title, vote_count FROM idea WHERE id = :id"), {"id": idea.id}
        )
        assert tuple(row.one()) == ("Before the change", 0)
    db.session.rollback()

    assert round_trips[0] == "SELECT" and round_trips[1].startswith("BEGIN+")
    assert round_trips[-1] == "ROLLBACK"
    with outside.connect() as other:
        row = other.execute(
            text("SELECT title, vote_count FROM idea WHERE id = :id"), {"id": idea.id}
        )
        assert tuple(row.one()) == ("Before the change", 0)
    outside.dispose()


@needs_postgres
def test_a_first_write_that_fails_raises_as_usual_and_leaves_nothing(app, make, round_trips):
    idea, voter = make.idea(), make.user()
    db.session.commit()
    vote = {"u": voter.id, "i": idea.id}
    add = text("INSERT INTO vote (user_id, idea_id, created_at) VALUES (:u, :i, now())")
    db.session.execute(add, vote)
    db.session.commit()
    round_trips.clear()

    # Sent with its BEGIN in one round trip; the duplicate's error still names the statement.
    with pytest.raises(IntegrityError, match="uq_vote_user_id_idea_id|duplicate key"):
        db.session.execute(add, vote)
    assert round_trips == ["BEGIN+INSERT"]
    db.session.rollback()

    assert round_trips[-1] == "ROLLBACK"  # the failed transaction was open, and is ended
    db.session.execute(text("UPDATE idea SET vote_count = 5 WHERE id = :i"), vote)
    db.session.rollback()  # the connection works on, and a rolled-back write is undone
    assert db.session.scalar(select(Idea.vote_count).where(Idea.id == idea.id)) == 0
    assert db.session.scalar(select(db.func.count()).select_from(Vote)) == 1


@needs_postgres
def test_a_first_write_of_many_rows_is_in_the_transaction_too(app, make):
    idea, voters = make.idea(), [make.user() for _ in range(3)]
    db.session.commit()

    db.session.execute(
        Vote.__table__.insert(),
        [{"user_id": v.id, "idea_id": idea.id, "created_at": idea.created_at} for v in voters],
    )
    db.session.rollback()

    assert db.session.scalar(select(db.func.count()).select_from(Vote)) == 0


@needs_postgres
def test_a_row_lock_holds_until_commit(app, make):
    idea = make.idea()
    db.session.commit()
    outside = create_engine(PG_URL)
    try_lock = text("SELECT id FROM idea WHERE id = :id FOR UPDATE NOWAIT")

    lock_rows(idea)
    with outside.connect() as other, pytest.raises(OperationalError, match="could not obtain lock"):
        other.execute(try_lock, {"id": idea.id})
    db.session.commit()

    with outside.connect() as other:
        assert other.execute(try_lock, {"id": idea.id}).scalar_one() == idea.id
    outside.dispose()


@needs_postgres
def test_set_local_lasts_for_its_transaction(app):
    with db.engine.begin() as conn:
        conn.execute(text("SET LOCAL statement_timeout = '1234ms'"))
        assert conn.execute(text("SHOW statement_timeout")).scalar_one() == "1234ms"
    with db.engine.connect() as conn:
        assert conn.execute(text("SHOW statement_timeout")).scalar_one() != "1234ms"


@needs_postgres
def test_an_isolation_level_chosen_for_a_connection_is_honoured(app, make):
    idea, voter = make.idea(), make.user()
    db.session.commit()
    outside = create_engine(PG_URL)
    count = select(db.func.count()).select_from(Vote)

    with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as snapshot:
        before = snapshot.execute(count).scalar_one()
        with outside.begin() as other:
            other.execute(
                text("INSERT INTO vote (user_id, idea_id, created_at) VALUES (:u, :i, now())"),
                {"u": voter.id, "i": idea.id},
            )
        assert snapshot.execute(count).scalar_one() == before  # its snapshot holds
    with db.engine.connect() as fresh:  # back in the pool: autocommit, reads see the latest
        assert fresh.connection.dbapi_connection.autocommit is True
        assert fresh.execute(count).scalar_one() == before + 1
    outside.dispose()


@needs_postgres
def test_a_server_side_cursor_reads_inside_a_transaction(app, make):
    ideas = [make.idea().id for _ in range(5)]
    db.session.commit()
    with db.engine.connect() as conn:
        streamed = conn.execution_options(yield_per=2).execute(select(Idea.id).order_by(Idea.id))
        assert [row.id for row in streamed] == sorted(ideas)


class _CommitModes:
    """synchronous_commit as it stood when each transaction committed: asked right before
    the COMMIT, in the same pipeline when the COMMIT was sent in one."""

    def __init__(self) -> None:
        self._asked: list[Any] = []  # a mode, or the cursor that will hold it

    def ask(self, connection: Any) -> None:
        cursor = connection.execute("SELECT current_setting('synchronous_commit')")
        self._asked.append(cursor if connection.pgconn.pipeline_status else cursor.fetchone()[0])

    def __call__(self) -> list[str]:
        self._asked = [m if isinstance(m, str) else m.fetchone()[0] for m in self._asked]
        return list(self._asked)

    def clear(self) -> None:
        self._asked.clear()


@pytest.fixture()
def commit_modes(monkeypatch: pytest.MonkeyPatch) -> Iterator[_CommitModes]:
    import psycopg
    from psycopg.pq import TransactionStatus

    modes = _CommitModes()
    commit, execute = psycopg.Connection.commit, psycopg.Connection.execute

    def recording_commit(connection):  # type: ignore[no-untyped-def]
        if connection.info.transaction_status != TransactionStatus.IDLE:
            modes.ask(connection)
        return commit(connection)

    def recording_execute(connection, query, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(query).strip().upper() == "COMMIT":  # a COMMIT sent with its statement
            modes.ask(connection)
        return execute(connection, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "commit", recording_commit)
    monkeypatch.setattr(psycopg.Connection, "execute", recording_execute)
    yield modes


def _member_on_an_idea(app, make):  # type: ignore[no-untyped-def]
    """A logged-in member's client and an idea to click on."""
    idea_id = make.idea(title="Export shifts to payroll").id
    member = make.user()
    db.session.commit()
    client = app.test_client()
    login_as(client, member)
    return client, idea_id


@needs_postgres
def test_a_click_commits_without_waiting_for_the_log_flush_and_other_writes_wait(
    app, make, commit_modes
):
    board = make.board().slug
    client, idea_id = _member_on_an_idea(app, make)
    hx = {"HX-Request": "true"}
    commit_modes.clear()

    voted = client.post(f"/ideas/{idea_id}/vote", data={"vote": "1"}, headers=hx)
    unfollowed = client.post(f"/ideas/{idea_id}/follow", data={"follow": "0"}, headers=hx)

    assert voted.status_code == 200 and unfollowed.status_code == 200
    # A vote and a follow are clicks: like SQLite's WAL mode, a crash of the machine may lose
    # the last moments of them (whole: the row with its counter), and nothing else.
    assert commit_modes() == ["off", "off"]
    commit_modes.clear()

    posted = client.post(
        "/ideas/new",
        data={"board": board, "title": "Print the weekly rota", "body": "On A4, please."},
    )
    comment = client.post(f"/ideas/{idea_id}/comments", data={"comment-body": "Yes, monthly too"})

    assert posted.status_code == 302 and comment.status_code == 302
    # An idea (its author's follow written in the same transaction) and a comment wait for
    # the flush, and the click before them left nothing behind on the connection.
    assert len(commit_modes()) >= 2 and set(commit_modes()) == {"on"}
    idea = db.session.get(Idea, idea_id)
    assert idea is not None and idea.vote_count == 1 and idea.follower_count == 1


@needs_postgres
def test_an_operator_can_make_clicks_wait_for_the_flush(app_factory, commit_modes):
    app = app_factory(DB_CLICKS_WAIT_FOR_FLUSH=True)
    with app.app_context():
        client, idea_id = _member_on_an_idea(app, Factory())
        commit_modes.clear()

        voted = client.post(
            f"/ideas/{idea_id}/vote", data={"vote": "1"}, headers={"HX-Request": "true"}
        )

        assert voted.status_code == 200 and 'aria-pressed="true"' in voted.text
        assert commit_modes() == ["on"]


@needs_postgres
def test_a_vote_an_integrator_will_hear_of_waits_for_the_flush(app, make, commit_modes):
    from ideaportal.webhooks.models import EventDelivery, EventSubscription

    db.session.add(
        EventSubscription(
            url="https://hooks.example.com/in", events="vote.created", secret_encrypted="x"
        )
    )
    client, idea_id = _member_on_an_idea(app, make)
    hx = {"HX-Request": "true"}
    commit_modes.clear()

    voted = client.post(f"/ideas/{idea_id}/vote", data={"vote": "1"}, headers=hx)
    back = client.post(f"/ideas/{idea_id}/vote", data={"vote": "0"}, headers=hx)

    assert voted.status_code == 200 and back.status_code == 200
    # The new vote queued an event for the subscriber: once sent, it must survive a crash.
    # Taking the vote back is not an event it subscribed to, and stays a plain click.
    # (The delivery job runs in between, in transactions of its own.)
    modes = commit_modes()
    assert modes[0] == "on" and modes[-1] == "off"
    assert db.session.scalar(select(db.func.count()).select_from(EventDelivery)) == 1
