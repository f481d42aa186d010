"""The audit log is a hash chain: an entry edited or deleted behind the portal's back is
found and named by `flask audit verify`."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from ideaportal.core import audit
from ideaportal.core.audit import AuditEntry, verify_chain
from ideaportal.extensions import db
from tests.conftest import PG_URL


def _some_history(make) -> list[AuditEntry]:
    board = make.board()
    for n in range(3):
        make.idea(board=board, title=f"An idea worth auditing {n}")
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def _verify(app) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    return result.exit_code, result.output


def test_every_entry_is_chained_to_the_one_before(app, make):
    entries = _some_history(make)
    assert len(entries) >= 6  # sign-ups and ideas
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == audit.GENESIS_HASH
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.entry_hash
    code, output = _verify(app)
    assert code == 0 and f"All {len(entries)} audit entries are intact." in output


def test_an_entry_edited_by_sql_is_named(app, make):
    entries = _some_history(make)
    victim = entries[2]
    db.session.execute(
        text("UPDATE audit_entry SET summary = 'nothing happened here' WHERE id = :id"),
        {"id": victim.id},
    )
    db.session.commit()
    code, output = _verify(app)
    assert code == 1
    assert f"entry {victim.id} (position {victim.seq})" in output
    assert "does not match its hash" in output
    assert output.count("TAMPERED") == 1  # the neighbours are intact


def test_an_edit_that_recomputes_its_own_hash_still_breaks_the_next_link(app, make):
    entries = _some_history(make)
    victim, follower = entries[1], entries[2]
    victim.actor_id = None
    victim.entry_hash = audit.entry_digest(victim, victim.prev_hash or "")
    db.session.execute(
        text("UPDATE audit_entry SET actor_id = NULL, entry_hash = :h WHERE id = :id"),
        {"h": victim.entry_hash, "id": victim.id},
    )
    db.session.commit()
    db.session.expire_all()
    code, output = _verify(app)
    assert code == 1
    assert f"entry {follower.id} (position {follower.seq}): its link" in output


def test_a_deleted_entry_is_named_by_its_place(app, make):
    entries = _some_history(make)
    gone, before, after = entries[3], entries[2], entries[4]
    db.session.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": gone.id})
    db.session.commit()
    code, output = _verify(app)
    assert code == 1
    assert f"position {gone.seq} (after entry {before.id}) was deleted" in output
    assert f"entry {after.id}" in output


def test_deleting_the_newest_entries_is_found_through_the_head(app, make):
    entries = _some_history(make)
    db.session.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": entries[-1].id})
    db.session.commit()
    code, output = _verify(app)
    assert code == 1 and "were deleted" in output and f"after entry {entries[-2].id}" in output


def test_an_entry_slipped_in_by_hand_is_named(app, make):
    _some_history(make)
    db.session.execute(
        text(
            "INSERT INTO audit_entry (action, target_type, summary, details, created_at) "
            "VALUES ('user.role_changed', 'user', 'made admin', '{}', CURRENT_TIMESTAMP)"
        )
    )
    db.session.commit()
    forged = db.session.scalar(select(func.max(AuditEntry.id)))
    code, output = _verify(app)
    assert code == 1 and f"entry {forged}: it is not in the chain" in output


def test_concurrent_writers_extend_one_unbroken_chain(app, make):
    board = make.board()
    author = make.user()

    def post(n: int) -> None:
        with app.app_context():
            from ideaportal.accounts.models import User
            from ideaportal.ideas import services
            from ideaportal.ideas.models import Board

            services.create_idea(
                db.session.get(User, author.id),
                db.session.get(Board, board.id),
                f"Concurrent idea number {n}",
                "",
                None,
            )
            db.session.remove()

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(post, range(24)))
    checked, problems = verify_chain()
    assert problems == [] and checked >= 26


def test_the_migration_chains_entries_written_before_it(app, make):
    if PG_URL:  # shares one database; the SQLite run proves the migration's chaining
        return
    _some_history(make)
    db.session.remove()
    downgrade(revision="0011_embedding_updated_at_index")
    upgrade()
    checked, problems = verify_chain()
    assert problems == [] and checked >= 6
