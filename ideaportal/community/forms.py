"""Community forms."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ideaportal.community.models import AnnouncementKind, FlagReason


class FlagForm(FlaskForm):
    reason = SelectField(
        "Reason",
        choices=[(r.value, r.label) for r in FlagReason if r != FlagReason.AUTOMATIC],
    )
    details = TextAreaField("What is wrong?", validators=[Optional(), Length(max=2000)])


class ActionForm(FlaskForm):
    reason = TextAreaField(
        "Why (the author is told)", validators=[DataRequired(), Length(max=2000)]
    )
    new_text = TextAreaField("Edited text", validators=[Optional(), Length(max=10_000)])
    days = IntegerField("Days", validators=[Optional(), NumberRange(1, 365)])


class GuidelinesForm(FlaskForm):
    body = TextAreaField("Guidelines (Markdown)", validators=[DataRequired(), Length(max=20_000)])


class AppealForm(FlaskForm):
    text = TextAreaField(
        "Why should we reconsider?", validators=[DataRequired(), Length(min=10, max=2000)]
    )


class AnnouncementForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(min=4, max=140)])
    kind = SelectField("Kind", choices=[(k.value, k.label) for k in AnnouncementKind])
    body = TextAreaField("Text (Markdown)", validators=[Optional(), Length(max=20_000)])
    ideas = StringField(
        "Linked ideas",
        validators=[Optional(), Length(max=500)],
        description="Idea numbers, e.g. #12, #40. A changelog entry ships them when it goes out.",
    )
    publish_at = DateTimeLocalField(
        "Publish at (UTC)",
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
        description="Leave empty to keep a draft.",
    )


def parse_idea_numbers(raw: str | None) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", raw or "")]
