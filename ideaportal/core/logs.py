"""Logging set-up: readable lines by default, one JSON object per line for log collectors.

IDEAPORTAL_LOG_FORMAT=json switches the app, the worker and gunicorn (its gunicorn.conf.py
uses the same dictionary) to JSON lines with time, level, logger and message, plus any
extra fields a log call passes.
"""

from __future__ import annotations

import logging.config
from typing import Any

from ideaportal.config import env

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"


def logging_config(log_format: str | None = None, level: str | None = None) -> dict[str, Any]:
    """A logging.config dictionary for the chosen format ("text" or "json")."""
    log_format = (log_format or env("LOG_FORMAT", "text") or "text").lower()
    if log_format not in {"text", "json"}:
        raise ValueError(f"IDEAPORTAL_LOG_FORMAT must be text or json, not {log_format!r}")
    formatter: dict[str, Any] = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
        if log_format == "json"
        else {"format": TEXT_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "default"},
        },
        "root": {"level": level or env("LOG_LEVEL", "INFO"), "handlers": ["console"]},
        "loggers": {
            # gunicorn's own loggers, when it takes this dictionary as logconfig_dict
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }


_configured = False


def configure_logging() -> None:
    """Once per process (create_app may run several times, as in tests)."""
    global _configured
    if not _configured:
        logging.config.dictConfig(logging_config())
        _configured = True
