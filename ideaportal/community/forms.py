"""Community forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ideaportal.community.models import FlagReason


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
