"""A portal never loses its last admin: not by deleting the account, not by two admins
taking the role from each other at the same moment."""

from __future__ import annotations

import threading

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import Role, User
from ideaportal.core import audit
from ideaportal.core.errors import Conflict
from ideaportal.extensions import db
from tests.conftest import login_as


def test_the_last_admin_cannot_delete_their_account(client, make):
    admin = make.user(Role.ADMIN)
    login_as(client, admin)
    page = client.post(
        "/me/settings", data={"form": "delete", "del-password": make.PASSWORD}
    ).get_data(as_text=True)
    assert "You are the last admin" in page
    db.session.refresh(admin)
    assert admin.deleted_at is None and admin.role == Role.ADMIN
    assert client.get("/admin/users").status_code == 200  # still logged in, still in charge


def test_an_admin_can_delete_their_account_while_another_admin_remains(client, make):
    admin, _other = make.user(Role.ADMIN), make.user(Role.ADMIN)
    login_as(client, admin)
    client.post("/me/settings", data={"form": "delete", "del-password": make.PASSWORD})
    db.session.refresh(admin)
    assert admin.deleted_at is not None


def test_two_admins_demoting_each_other_at_once_leave_one_admin(app, make, monkeypatch):
    first, second = make.user(Role.ADMIN), make.user(Role.ADMIN)
    ids = (first.id, second.id)
    first_holds_its_lock = threading.Event()
    let_first_commit = threading.Event()
    record = audit.record

    def first_waits_before_commit(*args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "first":
            first_holds_its_lock.set()
            assert let_first_commit.wait(10)
        return record(*args, **kwargs)

    monkeypatch.setattr(audit, "record", first_waits_before_commit)
    refused: list[Exception] = []

    def demote(actor_id: int, target_id: int) -> None:
        with app.app_context():
            actor, target = db.session.get(User, actor_id), db.session.get(User, target_id)
            try:
                accounts.change_role(actor, target, Role.MEMBER)
            except Conflict as exc:
                refused.append(exc)
            finally:
                db.session.remove()

    one = threading.Thread(target=demote, args=ids, name="first")
    other = threading.Thread(target=demote, args=ids[::-1], name="second")
    one.start()
    assert first_holds_its_lock.wait(10)
    other.start()  # its check waits for the first one's lock
    other.join(0.3)
    let_first_commit.set()
    one.join(10)
    other.join(10)

    db.session.expire_all()
    roles = {db.session.get(User, i).role for i in ids}
    assert roles == {Role.ADMIN, Role.MEMBER}
    assert len(refused) == 1 and "last admin" in refused[0].message
