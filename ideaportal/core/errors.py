"""Domain errors raised by services; one handler maps them to HTML or JSON responses."""

from __future__ import annotations


class DomainError(Exception):
    """A use case refused: the message is safe to show to the user."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(DomainError):
    status_code = 422


class NotFound(DomainError):
    status_code = 404


class Forbidden(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409


# Refusals caused by what the user typed: shown beside the form field, not as an error page.
INPUT_ERRORS = (ValidationFailed, Conflict)
