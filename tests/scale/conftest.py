"""Real servers for the concurrency and multi-node tests: the app behind a threaded WSGI
server on loopback, and helpers to start Redis, PostgreSQL and gunicorn nodes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from werkzeug.serving import make_server


@pytest.fixture
def live_url(app: Any) -> Iterator[str]:
    """The test's app behind a real threaded HTTP server: every request on its own thread,
    with its own database connection, as under gunicorn."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def logged_in(base_url: str, email: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=30)
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.text[:300]
    return client


def same_session(client: httpx.Client, n: int) -> list[httpx.Client]:
    """n connections of one person (one browser's cookies, e.g. several tabs)."""
    return [
        httpx.Client(base_url=client.base_url, cookies=client.cookies, timeout=30) for _ in range(n)
    ]
