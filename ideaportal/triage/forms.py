"""Triage forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, Optional

from ideaportal.ideas.models import IdeaStatus
from ideaportal.triage.services import CALLBACK_STATES


class TeamForm(FlaskForm):
    name = StringField(_("Team name"), validators=[DataRequired(), Length(min=2, max=80)])
    webhook_url = URLField(
        _("Webhook URL"),
        validators=[Optional(), Length(max=500)],
        description=_("Hand-offs are POSTed here as signed JSON. https only."),
    )
    members = SelectMultipleField(_("Members"), coerce=int, validators=[Optional()])


class HandoffForm(FlaskForm):
    team = SelectField(_("Team"), coerce=int, validators=[DataRequired()])


class ProgressForm(FlaskForm):
    status = SelectField(
        _("Progress"), choices=lambda: [(k, IdeaStatus(k).label) for k in CALLBACK_STATES]
    )
    note = TextAreaField(_("Public note"), validators=[Optional(), Length(max=2000)])
    external_url = URLField(_("Link in the team's tool"), validators=[Optional(), Length(max=500)])
