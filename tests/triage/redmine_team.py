"""The team's side in a real Redmine (REST API, admin key): a project of its own per test,
and moving an issue's status the way a developer would."""

from __future__ import annotations

import os
import uuid
from typing import Any

import httpx


class RedmineTeam:
    def __init__(self) -> None:
        self.url = os.environ["IDEAPORTAL_TEST_REDMINE_URL"].rstrip("/")
        self.key = os.environ["IDEAPORTAL_TEST_REDMINE_KEY"]
        self.http = httpx.Client(
            base_url=self.url, headers={"X-Redmine-API-Key": self.key}, timeout=10
        )
        self.project = f"sched-{uuid.uuid4().hex[:10]}"
        response = self.http.post(
            "/projects.json",
            json={"project": {"name": f"Scheduling {self.project}", "identifier": self.project}},
        )
        assert response.status_code == 201, response.text

    def issues(self) -> list[dict[str, Any]]:
        response = self.http.get(
            "/issues.json", params={"project_id": self.project, "status_id": "*"}
        )
        response.raise_for_status()
        issues: list[dict[str, Any]] = response.json()["issues"]
        return issues

    def set_status(self, issue_key: str, status_name: str) -> None:
        statuses = self.http.get("/issue_statuses.json").json()["issue_statuses"]
        status_id = next(s["id"] for s in statuses if s["name"] == status_name)
        response = self.http.put(
            f"/issues/{issue_key.lstrip('#')}.json", json={"issue": {"status_id": status_id}}
        )
        assert response.status_code == 204, response.text

    def close(self) -> None:
        self.http.delete(f"/projects/{self.project}.json")
        self.http.close()
