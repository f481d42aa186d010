"""Webhook signing secrets, encrypted at rest with a key derived from SECRET_KEY (Fernet)."""

from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet
from flask import current_app


def _fernet() -> Fernet:
    material = hashlib.sha256(
        b"ideaportal-webhook-secrets:" + current_app.config["SECRET_KEY"].encode()
    )
    return Fernet(base64.urlsafe_b64encode(material.digest()))


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()
