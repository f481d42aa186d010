"""Community forms."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ideaportal.community.models import AnnouncementKind, FlagReason


class FlagForm(FlaskForm):
    reason = SelectField(
        _("Reason"),
        choices=lambda: [
            SelectChoice(r.value, r.label) for r in FlagReason if r != FlagReason.AUTOMATIC
        ],
    )
    details = TextAreaField(_("What is wrong?"), validators=[Optional(), Length(max=2000)])


class ActionForm(FlaskForm):
    reason = TextAreaField(
        _("Why (the author is told)"), validators=[DataRequired(), Length(max=2000)]
    )
    new_text = TextAreaField(_("Edited text"), validators=[Optional(), Length(max=10_000)])
    days = IntegerField(_("Days"), validators=[Optional(), NumberRange(1, 365)])


class GuidelinesForm(FlaskForm):
    body = TextAreaField(
        _("Guidelines (Markdown)"), validators=[DataRequired(), Length(max=20_000)]
    )


class AppealForm(FlaskForm):
    text = TextAreaField(
        _("Why should we reconsider?"), validators=[DataRequired(), Length(min=10, max=2000)]
    )


class AnnouncementForm(FlaskForm):
    title = StringField(_("Title"), validators=[DataRequired(), Length(min=4, max=140)])
    kind = SelectField(
        _("Kind"), choices=lambda: [SelectChoice(k.value, k.label) for k in AnnouncementKind]
    )
    body = TextAreaField(_("Text (Markdown)"), validators=[Optional(), Length(max=20_000)])
    ideas = StringField(
        _("Linked ideas"),
        validators=[Optional(), Length(max=500)],
        description=_(
            "Idea numbers, e.g. #12, #40. A changelog entry ships them when it goes out."
        ),
    )
    publish_at = DateTimeLocalField(
        _("Publish at (UTC)"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        description=_("Leave empty to keep a draft."),
    )


def parse_idea_numbers(raw: str | None) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", raw or "")]
