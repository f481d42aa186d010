"""Forms of the single sign-on admin page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional


class ProviderForm(FlaskForm):
    name = StringField(
        _("Button label"),
        validators=[DataRequired(), Length(max=80)],
        description=_("“Log in with …”"),
    )
    slug = StringField(
        _("Short name"),
        validators=[DataRequired(), Length(max=40)],
        description=_("Lower-case, part of the redirect URL, e.g. okta."),
    )
    issuer = StringField(
        _("Issuer URL"),
        validators=[DataRequired(), Length(max=500)],
        description=_(
            "e.g. https://login.example.com/realms/acme (we read "
            "/.well-known/openid-configuration below it)."
        ),
    )
    client_id = StringField(_("Client ID"), validators=[DataRequired(), Length(max=255)])
    client_secret = PasswordField(
        _("Client secret"),
        validators=[Optional(), Length(max=500)],
        description=_("Stored encrypted. Leave empty to keep the current one."),
    )
    scopes = StringField(_("Scopes"), default="openid email profile", validators=[Length(max=200)])
    claim_email = StringField(_("Email claim"), default="email", validators=[Length(max=60)])
    claim_name = StringField(_("Name claim"), default="name", validators=[Length(max=60)])
    claim_company = StringField(
        _("Company claim"),
        validators=[Length(max=60)],
        description=_("Optional, e.g. organization."),
    )
    claim_role = StringField(
        _("Role claim"),
        validators=[Length(max=60)],
        description=_(
            "Optional. Its value (member, moderator, product_manager, "
            "community_manager, admin) sets the person's role at each log-in."
        ),
    )
    allowed_domains = StringField(
        _("Allowed email domains"),
        validators=[Length(max=1000)],
        description=_("Space-separated, e.g. acme.com acme.de. Empty: any domain."),
    )
    enabled = BooleanField(_("Show this provider on the log-in page"), default=True)


class StaffOnlyForm(FlaskForm):
    staff_only = BooleanField(_("Staff must log in with single sign-on (passwords refused)"))
