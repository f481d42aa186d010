"""Triage forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, Optional

from ideaportal.triage.connectors import kinds
from ideaportal.triage.services import CALLBACK_STATES


class TeamForm(FlaskForm):
    name = StringField("Team name", validators=[DataRequired(), Length(min=2, max=80)])
    webhook_url = URLField(
        "Webhook URL",
        validators=[Optional(), Length(max=500)],
        description="Hand-offs are POSTed here as signed JSON. https only.",
    )
    members = SelectMultipleField("Members", coerce=int, validators=[Optional()])
    connector_kind = SelectField(
        "Hand-offs go to",
        choices=[(kind, cls.label) for kind, cls in kinds().items()],
        default="webhook",
    )
    tracker_url = URLField(
        "Redmine address",
        validators=[Optional(), Length(max=500)],
        description="The address you open Redmine at. https only.",
    )
    tracker_project = StringField(
        "Project identifier",
        validators=[Optional(), Length(max=100)],
        description="As in the project's address: …/projects/<identifier>.",
    )
    tracker_api_key = PasswordField(
        "API key",
        validators=[Optional(), Length(max=200)],
        description="Of a Redmine user who may add issues to the project (My account → API "
        "access key). Stored encrypted; leave empty to keep the stored key.",
    )
    status_map = TextAreaField(
        "Status mapping",
        validators=[Optional(), Length(max=4000)],
        description="One per line: “Redmine status = idea status” (in_progress, shipped, "
        "declined). Statuses not listed change nothing for the idea.",
    )


class HandoffForm(FlaskForm):
    team = SelectField("Team", coerce=int, validators=[DataRequired()])


class ProgressForm(FlaskForm):
    status = SelectField(
        "Progress", choices=[(k, k.replace("_", " ").capitalize()) for k in CALLBACK_STATES]
    )
    note = TextAreaField("Public note", validators=[Optional(), Length(max=2000)])
    external_url = URLField("Link in the team's tool", validators=[Optional(), Length(max=500)])
