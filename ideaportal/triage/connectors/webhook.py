"""The signed webhook (the connector every team had before): the hand-off JSON is POSTed,
HMAC-signed, to the team's own receiver; status comes back through the signed callback."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from ideaportal.triage import outbound, signing
from ideaportal.triage.connectors.base import (
    Connector,
    ConnectorError,
    CreatedIssue,
    ExternalStatus,
    HandoffDocument,
    register,
)


def _receipt(excerpt: str | None) -> tuple[str | None, str | None]:
    """A receiver may answer {"key": "SCH-42", "url": "https://..."}; anything else is fine."""
    try:
        answer = json.loads(excerpt or "")
    except ValueError:
        return None, None
    if not isinstance(answer, dict):
        return None, None
    key = answer.get("key")
    url = answer.get("url")
    key = str(key)[:120] if isinstance(key, str | int) and str(key).strip() else None
    url = url[:500] if isinstance(url, str) and url.startswith(("https://", "http://")) else None
    return key, url


@register
class WebhookConnector(Connector):
    kind = "webhook"
    label = "Signed webhook (the team's own receiver)"
    polls = False

    def send(self, event: str, payload: Mapping[str, Any], delivery_id: int) -> CreatedIssue:
        body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
        headers = signing.signed_headers(self.settings.secret, int(time.time()), body)
        headers["X-IdeaPortal-Event"] = event
        headers["X-IdeaPortal-Delivery"] = str(delivery_id)
        result = outbound.post(self.settings.url, body, headers, self.settings.policy)
        if not result.ok:
            raise ConnectorError(
                result.error or f"HTTP {result.status_code}",
                status_code=result.status_code,
                excerpt=result.excerpt,
            )
        key, url = _receipt(result.excerpt)
        return CreatedIssue(key, url, status_code=result.status_code, excerpt=result.excerpt)

    def create_issue(self, handoff: HandoffDocument) -> CreatedIssue:
        return self.send(handoff.event, handoff.payload, handoff.delivery_id)

    def fetch_status(self, key: str) -> ExternalStatus:
        raise ConnectorError("A webhook team reports its status through the signed callback.")
