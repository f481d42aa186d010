"""Triage forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, Optional

from ideaportal.triage.services import CALLBACK_STATES


class TeamForm(FlaskForm):
    name = StringField("Team name", validators=[DataRequired(), Length(min=2, max=80)])
    webhook_url = URLField(
        "Webhook URL",
        validators=[Optional(), Length(max=500)],
        description="Hand-offs are POSTed here as signed JSON. https only.",
    )
    members = SelectMultipleField("Members", coerce=int, validators=[Optional()])


class HandoffForm(FlaskForm):
    team = SelectField("Team", coerce=int, validators=[DataRequired()])


class ProgressForm(FlaskForm):
    status = SelectField(
        "Progress", choices=[(k, k.replace("_", " ").capitalize()) for k in CALLBACK_STATES]
    )
    note = TextAreaField("Public note", validators=[Optional(), Length(max=2000)])
    external_url = URLField("Link in the team's tool", validators=[Optional(), Length(max=500)])
