"""Company forms for the admin page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional


class CompanyForm(FlaskForm):
    name = StringField(_("Company name"), validators=[DataRequired(), Length(min=2, max=120)])
    plan = StringField(
        _("Plan"), validators=[Optional(), Length(max=40)], description=_("e.g. Pro")
    )
    monthly_revenue = StringField(
        _("Monthly revenue"),
        validators=[Optional(), Length(max=20)],
        description=_("Whole currency units; weighs its members' votes in the triage queue."),
    )
    segment = StringField(
        _("Segment"), validators=[Optional(), Length(max=40)], description=_("e.g. Enterprise, SMB")
    )


class CompanyImportForm(FlaskForm):
    file = FileField(
        _("CSV file"),
        validators=[FileRequired("Choose a CSV file.")],
        description=_("Columns: name, plan, monthly_revenue, segment, members (emails)."),
    )
