"""Event webhook forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import SelectChoice, StringField, URLField, widgets
from wtforms.fields import SelectMultipleField
from wtforms.validators import DataRequired, Length, Optional

from ideaportal.webhooks.models import EVENT_NAMES


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class SubscriptionForm(FlaskForm):
    url = URLField(
        _("Receiver URL"),
        validators=[DataRequired(), Length(max=500)],
        description=_("Events are POSTed here as signed JSON. https only."),
    )
    description = StringField(
        _("What receives it"),
        validators=[Optional(), Length(max=200)],
        description=_("e.g. “CRM sync”"),
    )
    events = CheckboxesField(
        _("Events"),
        choices=[SelectChoice(e) for e in EVENT_NAMES],
        default=list(EVENT_NAMES),
        validators=[DataRequired(message="Choose at least one event.")],
    )
