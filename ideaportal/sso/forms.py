"""Forms of the single sign-on admin page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional


class ProviderForm(FlaskForm):
    name = StringField(
        "Button label", validators=[DataRequired(), Length(max=80)], description="“Log in with …”"
    )
    slug = StringField(
        "Short name",
        validators=[DataRequired(), Length(max=40)],
        description="Lower-case, part of the redirect URL, e.g. okta.",
    )
    issuer = StringField(
        "Issuer URL",
        validators=[DataRequired(), Length(max=500)],
        description="e.g. https://login.example.com/realms/acme (we read "
        "/.well-known/openid-configuration below it).",
    )
    client_id = StringField("Client ID", validators=[DataRequired(), Length(max=255)])
    client_secret = PasswordField(
        "Client secret",
        validators=[Optional(), Length(max=500)],
        description="Stored encrypted. Leave empty to keep the current one.",
    )
    scopes = StringField("Scopes", default="openid email profile", validators=[Length(max=200)])
    claim_email = StringField("Email claim", default="email", validators=[Length(max=60)])
    claim_name = StringField("Name claim", default="name", validators=[Length(max=60)])
    claim_company = StringField(
        "Company claim", validators=[Length(max=60)], description="Optional, e.g. organization."
    )
    claim_role = StringField(
        "Role claim",
        validators=[Length(max=60)],
        description="Optional. Its value (member, moderator, product_manager, "
        "community_manager, admin) sets the person's role at each log-in.",
    )
    allowed_domains = StringField(
        "Allowed email domains",
        validators=[Length(max=1000)],
        description="Space-separated, e.g. acme.com acme.de. Empty: any domain.",
    )
    enabled = BooleanField("Show this provider on the log-in page", default=True)


class StaffOnlyForm(FlaskForm):
    staff_only = BooleanField("Staff must log in with single sign-on (passwords refused)")
