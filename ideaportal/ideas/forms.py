"""Idea, comment and status forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ideaportal.core.safe_text import form_filter
from ideaportal.ideas.models import IdeaStatus
from ideaportal.ideas.services import BODY_MAX, COMMENT_MAX, STATUS_NOTE_MAX, TITLE_MAX, TITLE_MIN


def split_tags(raw: str | None) -> list[str]:
    return [t.strip() for t in (raw or "").replace(";", ",").split(",") if t.strip()]


class IdeaForm(FlaskForm):
    board = SelectField("Board", validators=[DataRequired()])
    title = StringField(
        "Title",
        validators=[DataRequired(), Length(min=TITLE_MIN, max=TITLE_MAX)],
        filters=[form_filter],
        description="One sentence: what should the product do for you?",
    )
    body = TextAreaField(
        "Details",
        validators=[Optional(), Length(max=BODY_MAX)],
        description="Why do you need it? What do you do today instead? Markdown works.",
    )
    tags = StringField(
        "Tags",
        validators=[Optional(), Length(max=200)],
        filters=[form_filter],
        description="Comma-separated, e.g. scheduling, mobile",
    )


class CommentForm(FlaskForm):
    body = TextAreaField("Comment", validators=[DataRequired(), Length(max=COMMENT_MAX)])
    parent_id = HiddenField()
    official = BooleanField("Post as the official answer")


class CommentEditForm(FlaskForm):
    body = TextAreaField("Comment", validators=[DataRequired(), Length(max=COMMENT_MAX)])


class StatusForm(FlaskForm):
    status = SelectField("New status", choices=[(s.value, s.label) for s in IdeaStatus])
    note = TextAreaField(
        "Public note",
        validators=[Optional(), Length(max=STATUS_NOTE_MAX)],
        description="Shown on the idea and sent to every voter and follower.",
    )


class BoardForm(FlaskForm):
    name = StringField(
        "Name", validators=[DataRequired(), Length(min=2, max=80)], filters=[form_filter]
    )
    slug = StringField(
        "Address",
        validators=[DataRequired(), Length(min=2, max=64)],
        description="Lowercase letters, digits and dashes: /boards/<address>",
    )
    description = TextAreaField("Description", validators=[Optional(), Length(max=500)])
    is_private = BooleanField("Private: visible to staff only")
    position = IntegerField("Position", default=0, validators=[Optional(), NumberRange(0, 999)])
