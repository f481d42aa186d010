"""Hand-off connectors: where a hand-off becomes work in a team's own tool, and how that
work's status comes back. `base` holds the interface and the registry by kind."""

from ideaportal.triage.connectors import redmine, webhook
from ideaportal.triage.connectors.base import (
    Connector,
    ConnectorError,
    ConnectorSettings,
    CreatedIssue,
    ExternalStatus,
    HandoffDocument,
    connector_for,
    kinds,
)

__all__ = [
    "Connector",
    "ConnectorError",
    "ConnectorSettings",
    "CreatedIssue",
    "ExternalStatus",
    "HandoffDocument",
    "connector_for",
    "kinds",
    "redmine",
    "webhook",
]
