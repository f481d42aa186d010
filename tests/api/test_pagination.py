"""Cursor pages of /api/v1/ideas: every idea exactly once, even while others are posted."""

from __future__ import annotations

from typing import Any

import pytest

from ideaportal.ideas import services as ideas


def _walk(client: Any, query: str, limit: int, between_pages: Any = None) -> list[int]:
    seen: list[int] = []
    cursor = None
    while True:
        url = f"/api/v1/ideas?{query}&limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url).get_json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["meta"]["next_cursor"]
        if cursor is None:
            return seen
        if between_pages is not None:
            between_pages()


@pytest.mark.parametrize("sort", ["new", "top"])
def test_pages_stay_stable_while_ideas_are_posted(client, make, sort):
    board = make.board("api")
    author = make.user()
    original = [
        make.idea(board=board, author=author, title=f"Original idea {n:02d}") for n in range(23)
    ]
    voters = [make.user() for _ in range(3)]
    for n, idea in enumerate(original[:9]):  # some ties, some leaders
        for voter in voters[: n % 4]:
            ideas.set_vote(voter, idea, True)
    posted: list[int] = []

    def someone_posts() -> None:
        for _ in range(2):
            posted.append(make.idea(board=board, author=author, title="Posted meanwhile").id)

    seen = _walk(client, f"board=api&sort={sort}", 5, someone_posts)
    original_ids = {i.id for i in original}
    assert len(seen) == len(set(seen)), "an idea came twice"
    assert original_ids <= set(seen), "an idea was skipped"
    assert set(seen) - original_ids <= set(posted)


def test_top_pages_follow_votes_then_newest(client, make):
    board = make.board("ranked")
    low, high, mid = (make.idea(board=board, title=f"Ranked idea {n}") for n in range(3))
    for voter in (make.user(), make.user()):
        ideas.set_vote(voter, high, True)
    ideas.set_vote(make.user(), mid, True)
    assert _walk(client, "board=ranked&sort=top", 1) == [high.id, mid.id, low.id]
    assert _walk(client, "board=ranked&sort=new", 2) == [mid.id, high.id, low.id]


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("cursor=bm90LWEtY3Vyc29y", 404, "cursor"),
        ("cursor=!!", 422, "cursor"),
        ("limit=0", 422, "limit"),
        ("limit=101", 422, "limit"),
        ("sort=trending", 422, "sort"),
    ],
)
def test_bad_page_requests_say_what_is_wrong(client, query, status, field):
    response = client.get(f"/api/v1/ideas?{query}")
    assert response.status_code == status
    assert field in response.get_json()["error"]["fields"]


def test_a_cursor_of_one_sort_is_refused_by_another(client, make):
    board = make.board("mixed")
    for n in range(3):
        make.idea(board=board, title=f"Mixed sort idea {n}")
    cursor = client.get("/api/v1/ideas?board=mixed&sort=new&limit=1").get_json()["meta"]
    response = client.get(f"/api/v1/ideas?board=mixed&sort=top&cursor={cursor['next_cursor']}")
    assert response.status_code == 404
