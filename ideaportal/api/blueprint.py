"""The /api/v1 blueprint every resource module declares its operations on."""

from __future__ import annotations

from flask import Blueprint

from ideaportal.api import auth, errors
from ideaportal.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # writes need a Bearer token (see auth.py), so there is no cookie to forge
bp.before_request(auth.resolve_caller)
errors.init_blueprint(bp)
