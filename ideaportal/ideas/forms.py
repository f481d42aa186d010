"""Idea, comment and status forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
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
    board = SelectField(_("Board"), validators=[DataRequired()])
    title = StringField(
        _("Title"),
        validators=[DataRequired(), Length(min=TITLE_MIN, max=TITLE_MAX)],
        filters=[form_filter],
        description=_("One sentence: what should the product do for you?"),
    )
    body = TextAreaField(
        _("Details"),
        validators=[Optional(), Length(max=BODY_MAX)],
        description=_("Why do you need it? What do you do today instead? Markdown works."),
    )
    tags = StringField(
        _("Tags"),
        validators=[Optional(), Length(max=200)],
        filters=[form_filter],
        description=_("Comma-separated, e.g. scheduling, mobile"),
    )


class CommentForm(FlaskForm):
    body = TextAreaField(_("Comment"), validators=[DataRequired(), Length(max=COMMENT_MAX)])
    parent_id = HiddenField()
    official = BooleanField(_("Post as the official answer"))


class CommentEditForm(FlaskForm):
    body = TextAreaField(_("Comment"), validators=[DataRequired(), Length(max=COMMENT_MAX)])


class StatusForm(FlaskForm):
    status = SelectField(
        _("New status"), choices=lambda: [SelectChoice(s.value, s.label) for s in IdeaStatus]
    )
    note = TextAreaField(
        _("Public note"),
        validators=[Optional(), Length(max=STATUS_NOTE_MAX)],
        description=_("Shown on the idea and sent to every voter and follower."),
    )


class BoardForm(FlaskForm):
    name = StringField(
        _("Name"), validators=[DataRequired(), Length(min=2, max=80)], filters=[form_filter]
    )
    slug = StringField(
        _("Address"),
        validators=[DataRequired(), Length(min=2, max=64)],
        description=_("Lowercase letters, digits and dashes: /boards/<address>"),
    )
    description = TextAreaField(_("Description"), validators=[Optional(), Length(max=500)])
    is_private = BooleanField(_("Private: visible to staff only"))
    language = SelectField(
        _("Language of the ideas"),
        choices=lambda: [SelectChoice("en", _("English")), SelectChoice("de", _("German"))],
        default="en",
        description=_("Search finds the forms of a word in this language."),
    )
    position = IntegerField(_("Position"), default=0, validators=[Optional(), NumberRange(0, 999)])
