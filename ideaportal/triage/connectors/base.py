"""The connector interface and the registry by kind.

A connector turns a hand-off into an issue in the team's tool (`create_issue`) and reads
that issue's status back (`fetch_status`, or `changed_since` for a tracker that can list
its changes in one request). Connectors know no Flask and no database: the triage services
build a `ConnectorSettings` from the team (decrypting its key, applying the outbound URL
policy) and record what the connector answers. Adding Jira, GitHub or GitLab means one
module with a class like `redmine.RedmineConnector` and one `register()` call.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from ideaportal.triage.outbound import TargetPolicy


@dataclass(frozen=True)
class HandoffDocument:
    """What the portal hands over: the idea, its demand and the link back. `payload` is the
    signed webhook's JSON (README, "Webhooks and status callbacks"), built once per hand-off."""

    event: str
    handoff_id: int
    idea_id: int
    title: str
    body: str
    idea_url: str
    board: str
    tags: list[str]
    votes: int
    followers: int
    comments: int
    demand_score: float
    demand_parts: dict[str, float]
    payload: Mapping[str, Any]
    delivery_id: int = 0

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any], delivery_id: int = 0) -> HandoffDocument:
        idea = payload["idea"]
        return cls(
            delivery_id=delivery_id,
            event=payload["event"],
            handoff_id=int(payload["handoff"]["id"]),
            idea_id=int(idea["id"]),
            title=idea["title"],
            body=idea["body"],
            idea_url=idea["url"],
            board=idea["board"],
            tags=list(idea.get("tags", [])),
            votes=int(idea["votes"]),
            followers=int(idea["followers"]),
            comments=int(idea["comments"]),
            demand_score=float(idea["demand"]["score"]),
            demand_parts={k: float(v) for k, v in idea["demand"]["parts"].items()},
            payload=payload,
        )


@dataclass(frozen=True)
class CreatedIssue:
    """The issue a hand-off became. A webhook receiver may not say (key and url None); its
    tool reports them later through the signed status callback."""

    key: str | None
    url: str | None
    status: str | None = None
    # For the delivery log: what the tool answered.
    status_code: int | None = None
    excerpt: str | None = None


@dataclass(frozen=True)
class ExternalStatus:
    key: str
    status: str
    updated_at: datetime | None = None


class ConnectorError(Exception):
    """The tool refused or could not be reached; the delivery is retried with backoff."""

    def __init__(
        self, message: str, *, status_code: int | None = None, excerpt: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.excerpt = excerpt


@dataclass(frozen=True)
class ConnectorSettings:
    """One team's connection, as the services hand it to a connector (secret in clear)."""

    kind: str
    url: str
    project: str = ""
    secret: str = ""
    status_map: Mapping[str, str] = field(default_factory=dict)
    policy: TargetPolicy = field(default_factory=TargetPolicy)


class Connector(ABC):
    kind: ClassVar[str]
    label: ClassVar[str]
    # True: the worker polls `changed_since`; False: the tool pushes (signed callback).
    polls: ClassVar[bool] = False

    def __init__(self, settings: ConnectorSettings) -> None:
        self.settings = settings

    @abstractmethod
    def create_issue(self, handoff: HandoffDocument) -> CreatedIssue:
        """Create the issue (raises ConnectorError). Called again only after a failure."""

    @abstractmethod
    def fetch_status(self, key: str) -> ExternalStatus:
        """The issue's current status in the tool (raises ConnectorError)."""

    def changed_since(self, since: datetime | None) -> list[ExternalStatus]:
        """Issues of the team's project changed at or after `since` (the tool's clock),
        oldest first. Trackers with a search API override this; it is polled only when
        `polls` is true."""
        raise NotImplementedError

    def check(self) -> list[str]:
        """Check the settings against the tool when they are saved; returns the tool's
        status names (for the mapping), or raises ConnectorError with a clear message."""
        return []


_REGISTRY: dict[str, type[Connector]] = {}


def register(cls: type[Connector]) -> type[Connector]:
    _REGISTRY[cls.kind] = cls
    return cls


def kinds() -> dict[str, type[Connector]]:
    return dict(_REGISTRY)


def connector_for(settings: ConnectorSettings) -> Connector:
    try:
        factory: Callable[[ConnectorSettings], Connector] = _REGISTRY[settings.kind]
    except KeyError:
        raise ConnectorError(f"No connector of kind {settings.kind!r}.") from None
    return factory(settings)
