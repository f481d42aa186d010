"""A team's connection to its tool: the settings a PM admin enters (checked against the
tool before they are kept), and sending one queued hand-off through the team's connector."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from ideaportal.core.errors import ValidationFailed
from ideaportal.core.i18n import gettext as _
from ideaportal.ideas.models import IdeaStatus
from ideaportal.triage import outbound, secrets
from ideaportal.triage.connectors import (
    Connector,
    ConnectorError,
    ConnectorSettings,
    CreatedIssue,
    HandoffDocument,
    connector_for,
    kinds,
)
from ideaportal.triage.models import ProductTeam, TeamConnector, WebhookDelivery

# What a tracker status may mean for an idea: what a team may report (ideas.TEAM_REPORTABLE).
MAPPABLE = (IdeaStatus.IN_PROGRESS, IdeaStatus.SHIPPED, IdeaStatus.DECLINED)
PROJECT_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,99}$")  # Redmine's identifier rule


@dataclass(frozen=True)
class ConnectorInput:
    """The connector part of the team settings form. An empty api_key keeps the stored one."""

    kind: str = "webhook"
    base_url: str = ""
    project: str = ""
    api_key: str = ""
    status_map: dict[str, str] = field(default_factory=dict)


def parse_status_map(text: str) -> dict[str, str]:
    """Lines of `Tracker status = idea status`; blank lines and `#` comments are skipped."""
    mapping: dict[str, str] = {}
    allowed = ", ".join(s.value for s in MAPPABLE)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, status = (part.strip() for part in line.rpartition("="))
        if not sep or not name:
            raise ValidationFailed(
                _("Line %(num)s: write it as “Tracker status = idea status”.", num=number),
                field="status_map",
            )
        if status not in {s.value for s in MAPPABLE}:
            raise ValidationFailed(
                _(
                    "Line %(num)s: “%(status)s” is not an idea status a team can report "
                    "(%(allowed)s).",
                    num=number,
                    status=status,
                    allowed=allowed,
                ),
                field="status_map",
            )
        if name in mapping:
            raise ValidationFailed(
                _("Line %(num)s: “%(name)s” is mapped twice.", num=number, name=name),
                field="status_map",
            )
        mapping[name] = status
    return mapping


def format_status_map(mapping: dict[str, str]) -> str:
    return "\n".join(f"{name} = {status}" for name, status in mapping.items())


def settings_of(team: ProductTeam, policy: outbound.TargetPolicy) -> ConnectorSettings | None:
    """The team's connector settings with the secret decrypted; None: hand-offs stay here."""
    tc = team.connector
    if tc is not None:
        return ConnectorSettings(
            kind=tc.kind,
            url=tc.base_url,
            project=tc.project,
            secret=secrets.decrypt(tc.api_key_encrypted),
            status_map=dict(tc.status_map),
            policy=policy,
        )
    if team.webhook_url:
        return ConnectorSettings(
            kind="webhook",
            url=team.webhook_url,
            secret=secrets.decrypt(team.secret_encrypted),
            policy=policy,
        )
    return None


def configure(team: ProductTeam, given: ConnectorInput, policy: outbound.TargetPolicy) -> None:
    """Validate the connector settings (live, against the tool) and keep them on the team."""
    if given.kind not in kinds():
        raise ValidationFailed(_("Choose a connector."), field="connector_kind")
    if given.kind == "webhook":
        team.connector = None  # hand-offs go to the webhook URL again
        return
    base_url = given.base_url.strip().rstrip("/")
    if not base_url:
        raise ValidationFailed(_("Give the tracker's address."), field="tracker_url")
    outbound.check_target(base_url, policy, field="tracker_url", subject=outbound.TRACKERS)
    project = given.project.strip()
    if not PROJECT_PATTERN.match(project):
        raise ValidationFailed(
            _(
                "Give the project's identifier (as in its address: lower-case letters, digits, "
                "- and _, starting with a letter)."
            ),
            field="tracker_project",
        )
    current = team.connector
    api_key = given.api_key.strip()
    if not api_key and current is not None and current.kind == given.kind:
        api_key = secrets.decrypt(current.api_key_encrypted)
    if not api_key:
        raise ValidationFailed(_("Give the API key."), field="tracker_api_key")
    settings = ConnectorSettings(given.kind, base_url, project, api_key, given.status_map, policy)
    try:
        known = connector_for(settings).check()
    except ConnectorError as exc:
        raise ValidationFailed(exc.message, field="tracker_url") from None
    unknown = [name for name in given.status_map if known and name not in known]
    if unknown:
        raise ValidationFailed(
            _(
                "The tracker has no status “%(status)s”; its statuses are: %(known)s.",
                status=unknown[0],
                known=", ".join(known),
            ),
            field="status_map",
        )
    if current is None or current.kind != given.kind:
        current = TeamConnector(kind=given.kind)
        team.connector = current
    if (current.base_url, current.project) != (base_url, project):
        current.synced_until = None  # another project: read its changes from the start
    current.base_url, current.project = base_url, project
    current.api_key_encrypted = secrets.encrypt(api_key)
    current.status_map = dict(given.status_map)
    current.last_error = None


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status_code: int | None
    duration_ms: int
    excerpt: str | None
    error: str | None
    issue: CreatedIssue | None = None


def send(delivery: WebhookDelivery, policy: outbound.TargetPolicy) -> SendResult:
    """One attempt at a queued delivery through the team's connector; never raises."""
    handoff = delivery.handoff
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        settings = settings_of(handoff.team, policy)
        if settings is None:
            raise ConnectorError("The team has neither a webhook nor a tracker any more.")
        connector: Connector = connector_for(settings)
        if settings.kind != "webhook" and handoff.external_key:
            # A redelivery must not open a second issue for the same hand-off.
            issue = CreatedIssue(
                handoff.external_key,
                handoff.external_url,
                excerpt=f"already in the tracker as {handoff.external_key}",
            )
        else:
            document = HandoffDocument.from_payload(delivery.payload, delivery_id=delivery.id)
            issue = connector.create_issue(document)
    except ConnectorError as exc:
        return SendResult(False, exc.status_code, elapsed(), exc.excerpt, exc.message[:500])
    return SendResult(True, issue.status_code, elapsed(), issue.excerpt, None, issue)
