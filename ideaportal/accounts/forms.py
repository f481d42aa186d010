"""Account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ideaportal.accounts.models import Role
from ideaportal.accounts.services import MIN_PASSWORD_LENGTH
from ideaportal.core.safe_text import form_filter


class SignupForm(FlaskForm):
    email = EmailField(_("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    display_name = StringField(
        _("Display name"),
        validators=[DataRequired(), Length(min=2, max=80)],
        filters=[form_filter],
        description=_("Shown next to your ideas and comments."),
    )
    password = PasswordField(
        _("Password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=f"At least {MIN_PASSWORD_LENGTH} characters.",
    )
    confirm = PasswordField(
        _("Repeat password"),
        validators=[DataRequired(), EqualTo("password", _("The passwords differ."))],
    )


class LoginForm(FlaskForm):
    email = EmailField(_("Email"), validators=[DataRequired(), Email()])
    password = PasswordField(_("Password"), validators=[DataRequired()])
    remember = BooleanField(_("Keep me logged in"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_("Email"), validators=[DataRequired(), Email()])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        _("Repeat password"),
        validators=[DataRequired(), EqualTo("password", _("The passwords differ."))],
    )


class RoleForm(FlaskForm):
    role = SelectField(_("Role"), choices=lambda: [SelectChoice(r.value, r.label) for r in Role])


class ApiTokenForm(FlaskForm):
    name = StringField(
        _("Token name"),
        validators=[DataRequired(), Length(max=80)],
        description=_("Where you use it, e.g. “Jira sync”."),
    )
    write = BooleanField(_("Allow writing (post ideas, vote, comment, follow)"))
    admin = BooleanField(_("Allow staff actions (statuses, merges, hand-offs, moderation)"))
    expires_days = SelectField(
        _("Expires"),
        choices=[
            SelectChoice("", _("Never")),
            SelectChoice("7", _("In 7 days")),
            SelectChoice("30", _("In 30 days")),
            SelectChoice("90", _("In 90 days")),
            SelectChoice("365", _("In a year")),
        ],
        default="30",
    )


class ProfileForm(FlaskForm):
    display_name = StringField(
        _("Display name"),
        validators=[DataRequired(), Length(min=2, max=80)],
        filters=[form_filter],
    )


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_("Current password"), validators=[DataRequired()])
    password = PasswordField(
        _("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        _("Repeat new password"),
        validators=[DataRequired(), EqualTo("password", _("The passwords differ."))],
    )


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_("Your password"), validators=[DataRequired()])
