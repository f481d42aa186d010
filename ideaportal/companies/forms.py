"""Company forms for the admin page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional


class CompanyForm(FlaskForm):
    name = StringField("Company name", validators=[DataRequired(), Length(min=2, max=120)])
    plan = StringField("Plan", validators=[Optional(), Length(max=40)], description="e.g. Pro")
    monthly_revenue = StringField(
        "Monthly revenue",
        validators=[Optional(), Length(max=20)],
        description="Whole currency units; weighs its members' votes in the triage queue.",
    )
    segment = StringField(
        "Segment", validators=[Optional(), Length(max=40)], description="e.g. Enterprise, SMB"
    )


class CompanyImportForm(FlaskForm):
    file = FileField(
        "CSV file",
        validators=[FileRequired("Choose a CSV file.")],
        description="Columns: name, plan, monthly_revenue, segment, members (emails).",
    )
