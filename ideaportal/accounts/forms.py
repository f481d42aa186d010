"""Account forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ideaportal.accounts.models import Role
from ideaportal.accounts.services import MIN_PASSWORD_LENGTH
from ideaportal.core.safe_text import form_filter


class SignupForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email(), Length(max=254)])
    display_name = StringField(
        "Display name",
        validators=[DataRequired(), Length(min=2, max=80)],
        filters=[form_filter],
        description="Shown next to your ideas and comments.",
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=f"At least {MIN_PASSWORD_LENGTH} characters.",
    )
    confirm = PasswordField(
        "Repeat password", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired()])
    remember = BooleanField("Keep me logged in")


class ForgotPasswordForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Email()])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        "New password", validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        "Repeat password", validators=[DataRequired(), EqualTo("password", "The passwords differ.")]
    )


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[(r.value, r.label) for r in Role])


class ApiTokenForm(FlaskForm):
    name = StringField(
        "Token name",
        validators=[DataRequired(), Length(max=80)],
        description="Where you use it, e.g. “Jira sync”.",
    )
    write = BooleanField("Allow writing (post ideas, vote, comment, follow)")
    admin = BooleanField("Allow staff actions (statuses, merges, hand-offs, moderation)")
    expires_days = SelectField(
        "Expires",
        choices=[
            ("", "Never"),
            ("7", "In 7 days"),
            ("30", "In 30 days"),
            ("90", "In 90 days"),
            ("365", "In a year"),
        ],
        default="30",
    )


class ProfileForm(FlaskForm):
    display_name = StringField(
        "Display name",
        validators=[DataRequired(), Length(min=2, max=80)],
        filters=[form_filter],
    )


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired()])
    password = PasswordField(
        "New password", validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)]
    )
    confirm = PasswordField(
        "Repeat new password",
        validators=[DataRequired(), EqualTo("password", "The passwords differ.")],
    )


class DeleteAccountForm(FlaskForm):
    password = PasswordField("Your password", validators=[DataRequired()])
