"""Form plumbing shared by the modules' forms and views."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from flask import flash
from flask_wtf import FlaskForm

from ideaportal.core.errors import INPUT_ERRORS, DomainError

T = TypeVar("T")


def attach_error(form: FlaskForm, exc: DomainError) -> None:
    """Show a service's refusal beside the field it concerns (or above the form)."""
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None:
        field.errors = [*field.errors, exc.message]
    else:
        form.form_errors.append(exc.message)


def safe_next(target: str | None, default: str) -> str:
    """Only same-site relative paths: a login link must not send users to another site."""
    if not target:
        return default
    # Browsers read "/\\evil.example" as "//evil.example"; control characters can hide one.
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def flash_outcome(action: Callable[[], T], success: str | Callable[[T], str]) -> T | None:
    """Run a service call for a button (no form page to re-render): flash its refusal in red,
    or the success message in green. Returns the result, or None when it was refused."""
    try:
        result = action()
    except INPUT_ERRORS as exc:
        flash(exc.message, "danger")
        return None
    flash(success(result) if callable(success) else success, "success")
    return result
