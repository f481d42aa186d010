"""Redmine: a hand-off becomes an issue in the team's project (REST API, API key), and the
worker reads status changes back with one filtered request per team (`updated_on>=`)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from ideaportal.core.errors import ValidationFailed
from ideaportal.core.model_base import as_naive_utc
from ideaportal.triage import outbound
from ideaportal.triage.connectors.base import (
    Connector,
    ConnectorError,
    CreatedIssue,
    ExternalStatus,
    HandoffDocument,
    register,
)

PAGE_SIZE = 100
# What Redmine's default statuses (`redmine:load_default_data`) mean for an idea; a team
# whose Redmine has other workflows edits this on its settings page.
DEFAULT_STATUS_MAP = {"In Progress": "in_progress", "Closed": "shipped", "Rejected": "declined"}


def _issue_id(key: str) -> int:
    try:
        return int(key.lstrip("#"))
    except ValueError:
        raise ConnectorError(f"{key!r} is not a Redmine issue number.") from None


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    return as_naive_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))


def _errors(response: httpx.Response) -> str:
    try:
        errors = response.json().get("errors")
    except ValueError:
        errors = None
    return "; ".join(str(e) for e in errors) if isinstance(errors, list) else ""


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise ConnectorError(
            "Redmine answered with something that is not JSON (is the address Redmine's?).",
            status_code=response.status_code,
            excerpt=response.text[: outbound.RESPONSE_EXCERPT_CHARS],
        ) from None


def describe(handoff: HandoffDocument) -> str:
    """The issue's description: the idea as written, then its demand and the way back."""
    parts = ", ".join(f"{name} {value:+g}" for name, value in handoff.demand_parts.items())
    tags = f"; tags: {', '.join(handoff.tags)}" if handoff.tags else ""
    return (
        f"{handoff.body.strip()}\n\n"
        "----\n\n"
        f"Demand score {handoff.demand_score:g} ({parts}): {handoff.votes} votes, "
        f"{handoff.followers} followers, {handoff.comments} comments "
        f"on the board {handoff.board}{tags}.\n\n"
        f"The idea, its voters and their discussion: {handoff.idea_url}\n"
        "Its voters are told when this issue changes status.\n\n"
        f"({handoff_marker(handoff)})"
    )


def handoff_marker(handoff: HandoffDocument) -> str:
    """One word naming this hand-off of this portal, written into the issue: a retry whose
    first attempt may have created the issue (the answer lost to a timeout) looks for it
    before it creates one. The portal's address is part of it, since several portals may
    hand off into one Redmine project; it follows the id, so no marker is part of another
    (hand-off 1's is not the start of hand-off 12's)."""
    portal = hashlib.sha256(urlsplit(handoff.idea_url).netloc.encode()).hexdigest()[:10]
    return f"ideaportal-handoff-{handoff.handoff_id}-{portal}"


@register
class RedmineConnector(Connector):
    kind = "redmine"
    label = "Redmine"
    polls = True

    def _request(
        self, method: str, path: str, *, params: dict[str, Any] | None = None, json: Any = None
    ) -> httpx.Response:
        url = self.settings.url.rstrip("/") + path
        try:
            client = outbound.checked_client(
                url, self.settings.policy, field="tracker_url", subject=outbound.TRACKERS
            )
        except ValidationFailed as exc:
            raise ConnectorError(f"refused: {exc.message}") from None
        headers = {"X-Redmine-API-Key": self.settings.secret, "Accept": "application/json"}
        try:
            with client:
                response = client.request(method, url, params=params, json=json, headers=headers)
        except httpx.HTTPError as exc:
            raise ConnectorError(f"Redmine did not answer: {type(exc).__name__}: {exc}") from None
        if response.is_success:
            return response
        code = response.status_code
        excerpt = response.text[: outbound.RESPONSE_EXCERPT_CHARS]
        if code == 401:
            message = "Redmine refused the API key (401)."
        elif code == 403:
            message = (
                "Redmine refused (403): is its REST API enabled (Administration → Settings → "
                "API), and may the key's user add issues to the project?"
            )
        elif code == 404:
            message = f"Redmine has no {path} (404), or the key's user cannot see it."
        elif code == 422:
            message = f"Redmine refused the issue: {_errors(response) or excerpt}"
        else:
            message = f"Redmine answered HTTP {code}."
        raise ConnectorError(message, status_code=code, excerpt=excerpt)

    def issue_url(self, issue_id: int) -> str:
        return f"{self.settings.url.rstrip('/')}/issues/{issue_id}"

    def create_issue(self, handoff: HandoffDocument) -> CreatedIssue:
        earlier = self._issue_with_marker(handoff_marker(handoff))
        if earlier is not None:
            return CreatedIssue(
                key=f"#{earlier['id']}",
                url=self.issue_url(int(earlier["id"])),
                status=(earlier.get("status") or {}).get("name"),
                status_code=200,
                excerpt=f"Redmine issue #{earlier['id']} was created by an earlier attempt",
            )
        body = {
            "issue": {
                "project_id": self.settings.project,
                "subject": handoff.title[:255],
                "description": describe(handoff),
            }
        }
        response = self._request("POST", "/issues.json", json=body)
        try:
            issue = _json(response)["issue"]
            issue_id = int(issue["id"])
        except (KeyError, TypeError):
            raise ConnectorError(
                "Redmine's answer names no issue.",
                status_code=response.status_code,
                excerpt=response.text[: outbound.RESPONSE_EXCERPT_CHARS],
            ) from None
        return CreatedIssue(
            key=f"#{issue_id}",
            url=self.issue_url(issue_id),
            status=(issue.get("status") or {}).get("name"),
            status_code=response.status_code,
            excerpt=f"Redmine issue #{issue_id} created",
        )

    def _issue_with_marker(self, marker: str) -> dict[str, Any] | None:
        """The project's issue (open or closed) whose description holds the marker."""
        params = {
            "project_id": self.settings.project,
            "set_filter": "1",
            "f[]": ["status_id", "description"],
            "op[status_id]": "*",
            "op[description]": "~",
            "v[description][]": marker,
            "sort": "id",
            "limit": 1,
        }
        found = _json(self._request("GET", "/issues.json", params=params)).get("issues") or []
        return found[0] if found and marker in (found[0].get("description") or "") else None

    def fetch_status(self, key: str) -> ExternalStatus:
        issue = _json(self._request("GET", f"/issues/{_issue_id(key)}.json"))["issue"]
        return ExternalStatus(
            f"#{issue['id']}", issue["status"]["name"], _when(issue["updated_on"])
        )

    def changed_since(self, since: datetime | None) -> list[ExternalStatus]:
        params: dict[str, Any] = {
            "project_id": self.settings.project,
            "status_id": "*",  # closed issues too: closing is the news we wait for
            "sort": "updated_on",
            "limit": PAGE_SIZE,
        }
        if since is not None:
            params["updated_on"] = ">=" + since.strftime("%Y-%m-%dT%H:%M:%SZ")
        changes: list[ExternalStatus] = []
        offset = 0
        while True:
            page = self._request("GET", "/issues.json", params={**params, "offset": offset})
            data = _json(page)
            issues = data.get("issues", [])
            changes += [
                ExternalStatus(f"#{i['id']}", i["status"]["name"], _when(i.get("updated_on")))
                for i in issues
            ]
            offset += len(issues)
            if not issues or offset >= int(data.get("total_count", 0)):
                return changes

    def status_names(self) -> list[str]:
        statuses = _json(self._request("GET", "/issue_statuses.json"))["issue_statuses"]
        return [s["name"] for s in statuses]

    def check(self) -> list[str]:
        # Redmine answers an unknown key as an anonymous visitor on public projects: ask who
        # the key belongs to first.
        self._request("GET", "/users/current.json")
        self._request("GET", f"/projects/{self.settings.project}.json")
        return self.status_names()
