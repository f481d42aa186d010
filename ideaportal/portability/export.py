"""`flask export`: the whole portal as NDJSON files plus a manifest, from one snapshot."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Connection, Table, Text, select, text

from ideaportal.extensions import db
from ideaportal.portability import format as fmt
from ideaportal.portability.team_secrets import Sealer

Row = dict[str, Any]

# Short free-text columns that may name people (besides every Text and JSON column).
_NAMED_STRING_COLUMNS = frozenset(
    {
        ("idea", "title"),
        ("announcement", "title"),
        ("outbox_email", "subject"),
        ("outbox_email", "to_address"),
        ("webhook_attempt", "error"),
        ("webhook_attempt", "response_excerpt"),
    }
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Matches no password: nobody can log in to an anonymised copy.
ANONYMOUS_PASSWORD_HASH = "!anonymised"  # noqa: S105


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    counts: dict[str, int]
    team_secrets: str


def export_portal(
    folder: Path,
    *,
    anonymise: bool = False,
    passphrase: str | None = None,
    omit_team_secrets: bool = False,
    dates_relative_to: datetime | None = None,
) -> ExportResult:
    """Write every exported table of the current database to `folder` (new or empty).

    Team signing secrets are sealed under `passphrase`, or left out with
    `omit_team_secrets` (an anonymised export always leaves them and webhook addresses out).
    `dates_relative_to` marks the export's timestamps as relative to that moment, so an
    import can move them to its own "now" (the demo community does).
    """
    _prepare_folder(folder)
    omit_team_secrets = omit_team_secrets or anonymise
    counts: dict[str, int] = {}
    tables: dict[str, dict[str, Any]] = {}
    with _snapshot() as conn:
        secrets_mode = _team_secrets_mode(conn, passphrase, omit_team_secrets)
        sealer = Sealer(passphrase) if secrets_mode == "sealed" and passphrase else None
        transform = _Anonymiser(conn) if anonymise else None
        for name in fmt.EXPORTED_TABLES:
            table = db.metadata.tables[name]
            path = folder / fmt.file_name(name)
            rows = 0
            with _private_file(path) as handle:
                for row in _rows(conn, table):
                    if name in fmt.SECRET_COLUMNS:
                        row = _secret_row(name, row, secrets_mode, sealer, anonymise)
                    if transform is not None:
                        row = transform(name, row)
                    handle.write(fmt.encode_row(row) + "\n")
                    rows += 1
            counts[name] = rows
            tables[name] = {"file": path.name, "rows": rows, "sha256": fmt.sha256_of(path)}
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    manifest: dict[str, Any] = {
        "format": fmt.FORMAT_NAME,
        "format_version": fmt.FORMAT_VERSION,
        "schema_revision": revision,
        "anonymised": anonymise,
        "team_secrets": secrets_mode,
        "tables": tables,
        "derived": {
            "tables": fmt.DERIVED_TABLES,
            "columns": {f"{t}.{c}": why for (t, c), why in fmt.DERIVED_COLUMNS.items()},
        },
    }
    if dates_relative_to is not None:
        manifest["dates_relative_to"] = fmt.encode_value(dates_relative_to)
    fmt.write_manifest(folder, manifest)
    return ExportResult(folder=folder, counts=counts, team_secrets=secrets_mode)


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise fmt.PortabilityError(f"{folder} exists and is not an empty folder; name a new one.")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)


@contextmanager
def _private_file(path: Path) -> Iterator[Any]:
    """Owner-only from the first byte: the files hold password hashes and emails."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        yield handle


@contextmanager
def _snapshot() -> Iterator[Connection]:
    """One read transaction for every table, so the files agree with each other while the
    portal keeps taking writes."""
    engine = db.engine
    if engine.dialect.name == "postgresql":
        with (
            engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn,
            conn.begin(),
        ):
            yield conn
        return
    with engine.connect() as conn:
        # pysqlite opens no transaction for reads; without one each SELECT sees its own moment.
        conn.exec_driver_sql("BEGIN")
        try:
            yield conn
        finally:
            conn.rollback()


def _rows(conn: Connection, table: Table) -> Iterator[Row]:
    columns = fmt.exported_columns(table)
    query = select(*columns).order_by(*table.primary_key.columns)
    for row in conn.execution_options(yield_per=2000).execute(query).mappings():
        yield dict(row)


def _team_secrets_mode(conn: Connection, passphrase: str | None, omit: bool) -> str:
    with_secret = any(
        fmt.holds_secret(name, dict(row)) and row[column] not in (None, "")
        for name, column in fmt.SECRET_COLUMNS.items()
        for row in conn.execute(select(db.metadata.tables[name])).mappings()
    )
    if not with_secret:
        return "none"
    if omit:
        return "omitted"
    if not passphrase:
        raise fmt.PortabilityError(
            "The portal holds secrets (teams' webhook signing secrets, tracker API keys, "
            "single sign-on client secrets, the widget secret): give a passphrase to seal "
            "them in the export (--passphrase, or IDEAPORTAL_EXPORT_PASSPHRASE), or leave "
            "them out with --without-team-secrets (the import then gives each team a new "
            "secret; the others are entered again)."
        )
    return "sealed"


def _secret_row(table: str, row: Row, mode: str, sealer: Sealer | None, anonymise: bool) -> Row:
    from ideaportal.triage.secrets import decrypt

    row = dict(row)
    column = fmt.SECRET_COLUMNS[table]
    if fmt.holds_secret(table, row) and row[column]:
        if mode == "sealed" and sealer is not None:
            owner = fmt.secret_owner(table, fmt.row_key(row))
            row[column] = sealer.seal(decrypt(row[column]), owner)
        else:
            row[column] = None
    if anonymise and table in _ADDRESS_COLUMNS:
        row[_ADDRESS_COLUMNS[table]] = ""
    return row


# Addresses an anonymised copy leaves out with the secrets.
_ADDRESS_COLUMNS = {
    "product_team": "webhook_url",
    "team_connector": "base_url",
    "event_subscription": "url",
}


class _Anonymiser:
    """Replaces what identifies a person, deterministically (the same portal gives the same
    anonymised export): each account's email, name and password hash are derived from its
    id, and those emails and names are replaced wherever they appear in free text."""

    def __init__(self, conn: Connection) -> None:
        users = db.metadata.tables["user"]
        self.emails: dict[str, str] = {}
        names: dict[str, str] = {}
        for user_id, email, name in conn.execute(
            select(users.c.id, users.c.email, users.c.display_name).order_by(users.c.id)
        ):
            self.emails[email.casefold()] = self.email_of(user_id)
            if len(name.strip()) >= 3:
                names[name] = self.name_of(user_id)
        self.names = names
        ordered = sorted(names, key=lambda n: (-len(n), n))
        self._names_re = (
            re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in ordered))
            if ordered
            else None
        )

    @staticmethod
    def email_of(user_id: int) -> str:
        return f"user-{user_id}@anonymised.invalid"

    @staticmethod
    def name_of(user_id: int) -> str:
        return f"Member {user_id}"

    def __call__(self, table: str, row: Row) -> Row:
        if table == "user":
            return {
                **row,
                "email": self.email_of(row["id"]),
                "display_name": self.name_of(row["id"]),
                "password_hash": ANONYMOUS_PASSWORD_HASH,
            }
        if table == "api_token":
            digest = hashlib.sha256(f"anonymised-token-{row['id']}".encode()).hexdigest()
            return {**row, "token_hash": digest, "prefix": "anonymised"}
        columns = db.metadata.tables[table].columns
        out = dict(row)
        for key, value in row.items():
            column = columns[key]
            if isinstance(column.type, Text | JSON) or (table, key) in _NAMED_STRING_COLUMNS:
                out[key] = self._scrub(value)
        return out

    def _scrub(self, value: Any) -> Any:
        if isinstance(value, str):
            value = _EMAIL.sub(self._email, value)
            if self._names_re is not None:
                value = self._names_re.sub(lambda m: self.names[m.group(0)], value)
            return value
        if isinstance(value, list):
            return [self._scrub(v) for v in value]
        if isinstance(value, dict):
            return {k: self._scrub(v) for k, v in value.items()}
        return value

    def _email(self, match: re.Match[str]) -> str:
        return self.emails.get(match.group(0).casefold(), "someone@anonymised.invalid")
