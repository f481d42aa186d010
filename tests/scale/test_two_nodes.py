"""Two gunicorn web nodes on two ports sharing PostgreSQL (with pgvector), Redis and one job
worker, as in the scale deployment: what one node does, the other shows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.scale.servers import (
    ROOT,
    Node,
    flask,
    postgres_database,
    redis_server,
    wait_until,
    web_node,
    worker_node,
)

PASSWORD = "two-nodes-password"
AUTH_LIMIT = 8
SEED = f"""
from ideaportal import create_app
from ideaportal.accounts import services as accounts
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import Board
from ideaportal.extensions import db
app = create_app()
with app.app_context():
    member = accounts.register("member@example.com", "Mia Member", "{PASSWORD}")
    board = db.session.query(Board).first()
    idea = ideas.create_idea(member, board, "Export the shift plan to PDF", "For the wall.", [])
    print(idea.id)
"""


@dataclass
class Cluster:
    a: Node
    b: Node
    worker: Node
    idea_id: int


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    folder = tmp_path_factory.mktemp("nodes")
    with (
        postgres_database(folder / "pg", "ideaportal_nodes") as database_url,
        redis_server(folder) as redis_url,
    ):
        env = {
            **os.environ,
            "FLASK_APP": "ideaportal:create_app",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "IDEAPORTAL_DATABASE_URL": database_url,
            "IDEAPORTAL_REDIS_URL": redis_url,
            "IDEAPORTAL_SECRET_KEY": "shared-by-both-nodes",
            "IDEAPORTAL_RATELIMIT_AUTH": f"{AUTH_LIMIT} per minute",
            "IDEAPORTAL_CACHE_KEY_PREFIX": f"nodes-{os.getpid()}:",
        }
        env.pop("IDEAPORTAL_TEST_DATABASE_URL", None)
        flask(env, "db", "upgrade")
        seeded = subprocess.run(  # noqa: S603 - our own code
            [sys.executable, "-c", SEED],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        idea_id = int(seeded.stdout.strip().splitlines()[-1])
        nodes = [
            web_node(env, folder / "a.log"),
            web_node(env, folder / "b.log"),
            worker_node(env, folder / "worker.log"),
        ]
        try:
            nodes[0].wait_ready()
            nodes[1].wait_ready()
            yield Cluster(nodes[0], nodes[1], nodes[2], idea_id)
        finally:
            for node in nodes:
                node.stop()


def _log_in(node: Node) -> httpx.Client:
    client = httpx.Client(base_url=node.url, timeout=30)
    page = client.get("/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, page[:500]
    response = client.post(
        "/login",
        data={"email": "member@example.com", "password": PASSWORD, "csrf_token": token.group(1)},
    )
    assert response.status_code == 302, re.findall(
        r"(?:invalid-feedback|alert)[^>]*>([^<]+)", response.text
    )
    return client


def _csrf_header(client: httpx.Client, path: str = "/") -> dict[str, str]:
    token = re.search(r'X-CSRFToken": "([^"]+)"', client.get(path).text)
    assert token
    return {"X-CSRFToken": token.group(1), "HX-Request": "true"}


def _vote_count(html: str) -> int:
    found = re.search(r'<span class="vote-count">(\d+)</span>', html)
    assert found, html[:500]
    return int(found.group(1))


def test_a_vote_on_node_a_shows_on_node_b_at_once_also_in_cached_pages(cluster: Cluster):
    page = f"/ideas/{cluster.idea_id}"
    anonymous_b = httpx.Client(base_url=cluster.b.url, timeout=30)
    before = anonymous_b.get(page)
    assert _vote_count(before.text) == 0
    assert anonymous_b.get(page).headers.get("X-Page-Cache") == "hit"  # cached on B

    on_a = _log_in(cluster.a)
    voted = on_a.post(f"{page}/vote", data={"vote": "1"}, headers=_csrf_header(on_a, page))
    assert voted.status_code == 200 and 'aria-pressed="true"' in voted.text

    # The same member on node B (sessions are signed with the shared key).
    on_b = httpx.Client(base_url=cluster.b.url, cookies=on_a.cookies, timeout=30)
    member_view = on_b.get(page).text
    assert 'aria-pressed="true"' in member_view and _vote_count(member_view) == 1
    # B's cached anonymous page was invalidated by A's write.
    after = anonymous_b.get(page)
    assert after.headers.get("X-Page-Cache") == "miss" and _vote_count(after.text) == 1


def test_an_idea_posted_on_a_is_found_by_similar_ideas_on_b_within_seconds(cluster: Cluster):
    on_a = _log_in(cluster.a)
    form = on_a.get("/ideas/new").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    board = re.search(r'<option[^>]*value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    posted = on_a.post(
        "/ideas/new",
        data={
            "csrf_token": token,
            "board": board,
            "title": "Night shift bonus in payroll export",
            "body": "Payroll needs the night premium as its own column.",
            "tags": "",
        },
    )
    assert posted.status_code == 302, posted.text[:500]
    new_id = int(posted.headers["location"].rstrip("/").split("/")[-1])

    def found_on_b() -> bool:
        answer = httpx.get(
            f"{cluster.b.url}/api/v1/ideas/similar",
            params={"q": "payroll export with the night shift premium", "k": 5},
            timeout=10,
        )
        return new_id in [item["idea"]["id"] for item in answer.json()["items"]]

    wait_until(found_on_b, 30, "the new idea in node B's similar ideas")


def test_rate_limits_count_across_nodes(cluster: Cluster):
    statuses = []
    for attempt in range(AUTH_LIMIT + 2):
        node = cluster.a if attempt % 2 == 0 else cluster.b
        client = httpx.Client(base_url=node.url, timeout=30)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/login").text)
        response = client.post(
            "/login",
            data={
                "email": "member@example.com",
                "password": "wrong password",
                "csrf_token": token.group(1) if token else "",
            },
        )
        statuses.append(response.status_code)
    # Alone, each node would allow AUTH_LIMIT attempts; together they allow AUTH_LIMIT.
    assert 429 in statuses and statuses.index(429) <= AUTH_LIMIT, statuses
    assert statuses[-1] == 429 and statuses[-2] == 429, statuses
