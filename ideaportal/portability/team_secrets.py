"""Webhook signing secrets in an export: sealed under a passphrase, never in clear.

In the database a secret is encrypted with a key derived from SECRET_KEY, which the other
server does not share. The export decrypts it and seals it with AES-SIV under a key derived
from the operator's passphrase (scrypt); the import unseals it and encrypts it again with
its own SECRET_KEY. AES-SIV is deterministic, and so is the key derivation (a fixed salt),
so the same portal and passphrase always give the same export bytes: pick a long random
passphrase (`openssl rand -base64 24`), since a fixed salt gives no protection against
guessing a weak one.
"""

from __future__ import annotations

import base64

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ideaportal.portability.format import PortabilityError

PREFIX = "sealed:v1:"
_SALT = b"ideaportal-export/team-secrets/v1"
MIN_PASSPHRASE = 12


def _key(passphrase: str) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PortabilityError(
            f"The passphrase for team secrets needs at least {MIN_PASSPHRASE} characters."
        )
    return Scrypt(salt=_SALT, length=64, n=2**15, r=8, p=1).derive(passphrase.encode())


class Sealer:
    """Seals and unseals secrets with one passphrase (the key is derived once)."""

    def __init__(self, passphrase: str) -> None:
        self._siv = AESSIV(_key(passphrase))

    def seal(self, secret: str, team_id: int | str) -> str:
        # The owner (a team id, or "<table>:<id>") is bound in: a sealed secret moved to
        # another row does not open.
        sealed = self._siv.encrypt(secret.encode(), [str(team_id).encode()])
        return PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii")

    def unseal(self, sealed: str, team_id: int | str) -> str:
        if not sealed.startswith(PREFIX):
            raise PortabilityError(f"team {team_id}: the secret is not sealed in a known way.")
        try:
            raw = base64.urlsafe_b64decode(sealed.removeprefix(PREFIX))
            return self._siv.decrypt(raw, [str(team_id).encode()]).decode()
        except (InvalidTag, ValueError) as exc:
            raise PortabilityError(
                "The passphrase does not open the team secrets of this export."
            ) from exc
