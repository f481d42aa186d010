"""Forms of the widget's admin page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length


class OriginsForm(FlaskForm):
    origins = TextAreaField(
        _("Sites that may embed the widget"),
        validators=[Length(max=4000)],
        description=_(
            "One origin per line, e.g. https://app.example.com. Every other site is "
            "refused by the browser (CSP frame-ancestors)."
        ),
    )


class RotateSecretForm(FlaskForm):
    pass
