"""A form POST's answer carries the token just checked, while the session it belongs to lasts."""

from __future__ import annotations

import re

from flask import session

from ideaportal.core.csrf import form_token


def test_a_session_started_during_the_request_gets_a_token_of_its_own(app_factory):
    app = app_factory(WTF_CSRF_ENABLED=True)

    @app.post("/_test/form-token")
    def _answer() -> str:
        before = form_token()
        if "restart" in app.config:
            session.clear()  # as logging in does
        return f"{before} {form_token()}"

    @app.get("/_test/form")
    def _form() -> str:
        return form_token()

    with app.app_context():
        client = app.test_client()
        token = client.get("/_test/form").text
        same, again = client.post("/_test/form-token", data={"csrf_token": token}).text.split()
        assert same == again == token  # checked, and still the session's: it goes back out

        app.config["restart"] = True
        kept, fresh = client.post("/_test/form-token", data={"csrf_token": token}).text.split()
        assert kept == token and fresh != token
        # The fresh one belongs to the new session: it works there, the old one no longer does.
        del app.config["restart"]
        assert client.post("/_test/form-token", data={"csrf_token": token}).status_code == 400
        ok = client.post("/_test/form-token", data={"csrf_token": fresh})
        assert ok.status_code == 200 and re.fullmatch(r"\S+ \S+", ok.text)
