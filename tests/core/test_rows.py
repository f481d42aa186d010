"""A row written by another request comes into the loaded object: lock_rows and refresh."""

from __future__ import annotations

from flask_login import current_user, login_user
from sqlalchemy import select, update

from ideaportal.accounts.models import User
from ideaportal.core.model_base import id_in
from ideaportal.core.rows import lock_rows, one_at_a_time, refresh
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea, IdeaStatus


def test_another_requests_change_reaches_the_loaded_idea_with_its_board(make):
    first, second = make.board(), make.board()
    idea = make.idea(board=first, title="Offline mode")
    db.session.commit()
    assert idea.board is first

    # Another request moves the idea and closes it (Core: the loaded object does not see it).
    db.session.execute(
        update(Idea.__table__)
        .where(Idea.__table__.c.id == idea.id)
        .values(board_id=second.id, status=IdeaStatus.DECLINED.value)
    )
    assert idea.board_id == first.id and idea.status is IdeaStatus.NEW
    lock_rows(idea)

    assert idea.board_id == second.id and idea.status is IdeaStatus.DECLINED
    assert idea.board is second  # the relationship on the changed key is loaded again
    assert idea not in db.session.dirty  # the database's state, not a change to write
    db.session.rollback()


def test_refresh_sets_only_what_it_is_given_and_keeps_unchanged_relationships(make):
    board = make.board()
    idea = make.idea(board=board, title="Dark mode")
    db.session.commit()
    idea.title = "Dark mode, edited but not saved"

    refresh(idea, {"vote_count": 5, "board_id": board.id})

    assert idea.vote_count == 5
    assert idea.title == "Dark mode, edited but not saved"  # an unsaved change stays
    assert "board" in idea.__dict__  # same key: the loaded board is kept, not expired
    db.session.rollback()


def test_a_view_may_lock_the_signed_in_member_through_current_user(app, make):
    member = make.user()
    db.session.commit()
    with app.test_request_context():
        login_user(member)
        db.session.execute(
            update(User.__table__).where(User.__table__.c.id == member.id).values(locale="de")
        )
        lock_rows(current_user)  # the proxy, as views hold it
        assert member.locale == "de"
        one_at_a_time(current_user)
    db.session.rollback()


def test_id_in_finds_the_listed_rows_on_this_database(make):
    ideas = [make.idea(title=f"Offline idea {n}") for n in range(4)]
    db.session.commit()
    conn = db.session.connection()
    table = Idea.__table__
    stmt = select(table.c.id).where(id_in(table.c.id, "ids", conn.dialect.name))
    wanted = [ideas[0].id, ideas[2].id, 99_999]
    assert sorted(conn.execute(stmt, {"ids": wanted}).scalars()) == [ideas[0].id, ideas[2].id]
    assert list(conn.execute(stmt, {"ids": []}).scalars()) == []
    many = [i.id for i in ideas] + list(range(100_000, 100_500))  # as long as a pool gets
    assert len(list(conn.execute(stmt, {"ids": many}).scalars())) == 4
