"""Triage forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import (
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, Optional

from ideaportal.ideas.models import IdeaStatus
from ideaportal.triage.connectors import kinds
from ideaportal.triage.services import CALLBACK_STATES, list_teams


def _connector_choices() -> list[SelectChoice]:
    # The connectors' labels are English class attributes; the webhook's one is a sentence.
    own = {"webhook": str(_("Signed webhook (the team's own receiver)"))}
    return [SelectChoice(kind, own.get(kind, cls.label)) for kind, cls in kinds().items()]


class TeamForm(FlaskForm):
    name = StringField(_("Team name"), validators=[DataRequired(), Length(min=2, max=80)])
    webhook_url = URLField(
        _("Webhook URL"),
        validators=[Optional(), Length(max=500)],
        description=_("Hand-offs are POSTed here as signed JSON. https only."),
    )
    members = SelectMultipleField(_("Members"), coerce=int, validators=[Optional()])
    connector_kind = SelectField(
        _("Hand-offs go to"),
        choices=lambda: _connector_choices(),
        default="webhook",
    )
    tracker_url = URLField(
        _("Redmine address"),
        validators=[Optional(), Length(max=500)],
        description=_("The address you open Redmine at. https only."),
    )
    tracker_project = StringField(
        _("Project identifier"),
        validators=[Optional(), Length(max=100)],
        description=_("As in the project's address: …/projects/<identifier>."),
    )
    tracker_api_key = PasswordField(
        _("API key"),
        validators=[Optional(), Length(max=200)],
        description=_(
            "Of a Redmine user who may add issues to the project (My account → API "
            "access key). Stored encrypted; leave empty to keep the stored key."
        ),
    )
    status_map = TextAreaField(
        _("Status mapping"),
        validators=[Optional(), Length(max=4000)],
        description=_(
            "One per line: “Redmine status = idea status” (in_progress, shipped, "
            "declined). Statuses not listed change nothing for the idea."
        ),
    )


class HandoffForm(FlaskForm):
    team = SelectField(
        _("Team"),
        coerce=int,
        choices=lambda: [SelectChoice(t.id, t.name) for t in list_teams()],
        validators=[DataRequired()],
    )


class ProgressForm(FlaskForm):
    status = SelectField(
        _("Progress"),
        choices=lambda: [SelectChoice(k, IdeaStatus(k).label) for k in CALLBACK_STATES],
    )
    note = TextAreaField(_("Public note"), validators=[Optional(), Length(max=2000)])
    external_url = URLField(_("Link in the team's tool"), validators=[Optional(), Length(max=500)])
