"""A mixed, realistic load on IdeaPortal for locust (run by bench/web_load.py, or by hand):

    .venv/bin/locust -f bench/locustfile.py --headless -u 24 -r 8 -t 60s \
        --host http://127.0.0.1:8000

Every simulated person is a logged-in demo member who, per action: browses (80%: the home
page, idea pages, a board, the roadmap), votes (10%: the htmx vote button, vote or take it
back), types a new idea (8%: similar-as-you-type requests with a growing title, as the
debounced form sends them) or posts one (2%: the new-idea form with its CSRF token).

What to load comes from the JSON file named by WEB_LOAD_DATA (written by web_load.py:
idea ids, open idea ids, board slugs, member emails, titles); without it, the demo's
defaults and the public API are used.
"""

from __future__ import annotations

import json
import os
import random
import re
from typing import Any
from urllib.parse import quote

from locust import FastHttpUser, between, task

PASSWORD = "demo-password"
CSRF_INPUT = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"'
)
CSRF_HEADER = re.compile(r'X-CSRFToken"\s*:\s*"([^"]+)"')
FALLBACK_TITLES = [
    "Export timesheets to payroll as CSV",
    "Let employees swap shifts without a manager",
    "Show overtime warnings before publishing the schedule",
    "Dark mode for the mobile app",
    "Notify me when an open shift is posted",
    "Recurring availability for part-time staff",
]
WORDS = [
    "shift",
    "swap",
    "export",
    "payroll",
    "schedule",
    "mobile",
    "overtime",
    "availability",
    "reminder",
    "calendar",
    "timesheet",
    "break",
    "approval",
    "template",
    "notification",
    "holiday",
    "team",
    "report",
    "location",
]

_data: dict[str, Any] | None = None


def csrf_token(html: str) -> str | None:
    found = CSRF_HEADER.search(html)
    if found:
        return found.group(1)
    found = CSRF_INPUT.search(html)
    return (found.group(1) or found.group(2)) if found else None


def load_data(user: FastHttpUser) -> dict[str, Any]:
    """Once per process: what to browse and who logs in."""
    global _data
    if _data is not None:
        return _data
    path = os.environ.get("WEB_LOAD_DATA")
    if path:
        with open(path, encoding="utf-8") as handle:
            _data = json.load(handle)
        return _data
    items = user.client.get("/api/v1/ideas?sort=new", name="(setup) /api/v1/ideas").json()["items"]
    _data = {
        "idea_ids": [i["id"] for i in items],
        "open_idea_ids": [i["id"] for i in items if i.get("status") in {"new", "under_review"}],
        "boards": sorted({i["board"]["slug"] for i in items if isinstance(i.get("board"), dict)}),
        "members": ["member@example.com"],
        "titles": [i["title"] for i in items] or FALLBACK_TITLES,
    }
    return _data


class Member(FastHttpUser):
    """A logged-in member of the demo community."""

    wait_time = between(0.5, 2.5)

    def on_start(self) -> None:
        self.data = load_data(self)
        self.token: str | None = None
        email = random.choice(self.data["members"])
        page = self.client.get("/login", name="/login")
        token = csrf_token(page.text or "")
        with self.client.post(
            "/login",
            data={"csrf_token": token or "", "email": email, "password": PASSWORD},
            name="/login [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login as {email} failed ({response.status_code})")
                return
        self.token = csrf_token(self.client.get("/", name="/ (home, after login)").text or "")

    # ---- browsing: 80% ----

    @task(35)
    def home(self) -> None:
        sort = random.choice(["", "", "?sort=new", "?sort=trending"])
        self.client.get(f"/{sort}", name="/ (home)")

    @task(30)
    def idea_page(self) -> None:
        idea_id = random.choice(self.data["idea_ids"])
        self.client.get(f"/ideas/{idea_id}", name="/ideas/[id]")

    @task(10)
    def board(self) -> None:
        if self.data["boards"]:
            self.client.get(f"/boards/{random.choice(self.data['boards'])}", name="/boards/[slug]")

    @task(5)
    def roadmap(self) -> None:
        self.client.get("/roadmap", name="/roadmap")

    # ---- voting: 10% ----

    @task(10)
    def vote(self) -> None:
        if not self.token or not self.data["open_idea_ids"]:
            return
        idea_id = random.choice(self.data["open_idea_ids"])
        self.client.post(
            f"/ideas/{idea_id}/vote",
            data={"csrf_token": self.token, "vote": random.choice("01")},
            headers={"HX-Request": "true"},
            name="/ideas/[id]/vote",
        )

    # ---- typing a new idea: similar-as-you-type, 8% ----

    @task(8)
    def type_idea(self) -> None:
        title = random.choice(self.data["titles"])
        # The form waits for a pause in typing: a request every few characters.
        for end in range(random.randint(5, 8), len(title) + 4, random.randint(3, 6)):
            self.client.get(
                f"/ideas/similar?title={quote(title[:end])}", name="/ideas/similar?title=[typing]"
            )
            self.wait_short()

    # ---- posting an idea: 2% ----

    @task(2)
    def post_idea(self) -> None:
        form = self.client.get("/ideas/new", name="/ideas/new")
        token = csrf_token(form.text or "")
        boards = re.findall(r'<option[^>]*value="([^"]+)"', form.text or "")
        if not token or not boards:
            return
        title = (
            f"{random.choice(WORDS).capitalize()} {random.choice(WORDS)} "
            f"{random.choice(WORDS)} for {random.choice(WORDS)} {random.randint(1, 10**6)}"
        )
        with self.client.post(
            "/ideas/new",
            data={
                "csrf_token": token,
                "board": random.choice(boards),
                "title": title,
                "body": "We do this by hand every week. " * random.randint(1, 5),
                "tags": random.choice(["", "mobile", "scheduling, payroll"]),
            },
            name="/ideas/new [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            where = response.headers.get("Location") or ""
            if response.status_code != 302 or not re.search(r"/ideas/\d+", where):
                response.failure(f"not posted ({response.status_code} {where})")

    def wait_short(self) -> None:
        self._sleep(random.uniform(0.25, 0.6))

    def _sleep(self, seconds: float) -> None:
        import gevent

        gevent.sleep(seconds)
