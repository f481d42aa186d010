"""The portal's Flask class: the session cookie's signer is built once per set of keys, and
whether a view is a coroutine function is remembered, without changing what either does."""

from __future__ import annotations

import pytest
from flask import session

from tests.conftest import login_as


def test_session_cookies_are_signed_by_one_signer_per_set_of_keys(app):
    interface = app.session_interface
    signer = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is signer

    app.config["SECRET_KEY_FALLBACKS"] = ["an-older-key"]
    rotated = interface.get_signing_serializer(app)
    assert rotated is not signer  # the keys changed: so does the signer


def test_a_cookie_signed_with_a_retired_key_holds_only_while_that_key_is_a_fallback(
    app_factory, make
):
    old = app_factory(SECRET_KEY="the-key-before-rotation")
    with old.app_context():
        client = old.test_client()
        user = make.user()
        login_as(client, user)
        cookie = client.get_cookie("session").value

    new = app_factory(SECRET_KEY="the-key-after-rotation")
    with new.app_context():
        browser = new.test_client()
        browser.set_cookie("session", cookie)
        assert browser.get("/me/settings").status_code == 302  # signed with an unknown key

        new.config["SECRET_KEY_FALLBACKS"] = ["the-key-before-rotation"]
        browser.set_cookie("session", cookie)
        assert browser.get("/me/settings").status_code == 200  # the old key is still accepted

        new.config["SECRET_KEY_FALLBACKS"] = []
        browser.set_cookie("session", cookie)
        assert browser.get("/me/settings").status_code == 302  # retired again


def test_the_session_cookie_carries_no_address_and_browser_hash(client, make):
    login_as(client, make.user())
    with client.session_transaction() as stored:
        # Flask-Login's hash is only for its session protection, which is off.
        assert "_id" not in stored and stored["_user_id"]
    # Every request sends it: with the hash it was over 300 characters.
    assert len(client.get_cookie("session").value) < 260
    assert client.get("/me/settings").status_code == 200


def test_views_and_hooks_run_as_flask_runs_them(app):
    calls: list[str] = []

    @app.get("/_test/sync")
    def _sync() -> str:
        calls.append("sync")
        return "sync " + str(session.get("sid", "-"))

    async def _coroutine() -> str:
        return "async"

    client = app.test_client()
    assert client.get("/_test/sync").text == "sync -"
    assert client.get("/_test/sync").text == "sync -"  # the remembered answer: still run
    assert calls == ["sync", "sync"]

    handed: list[object] = []

    def fake_async_to_sync(func: object) -> object:
        handed.append(func)
        return lambda: "ran through async_to_sync"

    app.async_to_sync = fake_async_to_sync  # type: ignore[method-assign]
    for _ in range(2):  # asked twice: a coroutine function is handed over both times
        assert app.ensure_sync(_coroutine)() == "ran through async_to_sync"
    assert handed == [_coroutine, _coroutine]
    assert app.ensure_sync(_sync) is _sync


def test_an_unhashable_callable_is_still_checked():
    from ideaportal.core.flask_app import PortalFlask

    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

        def __call__(self) -> str:
            return "called"

    portal = PortalFlask(__name__)
    view = Unhashable()
    assert portal.ensure_sync(view) is view
    with pytest.raises(TypeError):
        hash(view)
