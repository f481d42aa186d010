"""Forms of the widget's admin page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length


class OriginsForm(FlaskForm):
    origins = TextAreaField(
        "Sites that may embed the widget",
        validators=[Length(max=4000)],
        description="One origin per line, e.g. https://app.example.com. Every other site is "
        "refused by the browser (CSP frame-ancestors).",
    )


class RotateSecretForm(FlaskForm):
    pass
