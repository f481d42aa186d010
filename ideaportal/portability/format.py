"""The export format: which tables travel, how each value is written, and the manifest.

An export is a folder with one NDJSON file per table (`<table>.ndjson`, one JSON object per
row, keys sorted, rows ordered by primary key) and `manifest.json` naming the format
version, each file's row count and SHA-256. Every value is written the same way on SQLite
and PostgreSQL, so the same portal always gives the same bytes.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Date, DateTime, LargeBinary, Table

from ideaportal.core.errors import DomainError
from ideaportal.core.model_base import as_naive_utc

FORMAT_NAME = "ideaportal-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

# Every table that holds portal data, in the order the manifest lists them. A new model must
# be added here or to DERIVED_TABLES (tests/portability/test_coverage.py fails otherwise).
EXPORTED_TABLES: tuple[str, ...] = (
    "company",
    "user",
    "api_token",
    "board",
    "tag",
    "idea",
    "idea_tag",
    "vote",
    "follow",
    "comment",
    "status_change",
    "idea_embedding",
    "duplicate_candidate",
    "merge",
    "product_team",
    "team_member",
    "team_connector",
    "handoff",
    "webhook_delivery",
    "webhook_attempt",
    "inbound_event",
    "notification",
    "outbox_email",
    "moderation_case",
    "flag",
    "appeal",
    "guidelines",
    "announcement",
    "announcement_idea",
    "reaction",
    "page_view",
    "audit_entry",
    "audit_chain_head",
    "sso_provider",
    "sso_identity",
    "portal_setting",
    "event_subscription",
    "event_delivery",
    "event_delivery_attempt",
)

# Tables rebuilt from the exported ones (or describing the schema, not the portal), by name
# or name prefix, with the reason they stay behind.
DERIVED_TABLES: dict[str, str] = {
    "idea_fts": "SQLite full-text index of ideas (and its shadow tables), kept by triggers",
    "idea_document": "PostgreSQL full-text documents of ideas, kept by a trigger on idea",
    "idea_vector": "pgvector copy of the embeddings, rebuilt when ideas are embedded",
    "alembic_version": "the schema revision; the importing database has its own",
    "login_throttle": "failed log-in counters: short-lived security state, not portal data",
}

# Columns that stay behind: the vectors are recomputed after an import (the embeddings file
# keeps which ideas were embedded, by which model, from which text), and their time with them.
DERIVED_COLUMNS: dict[tuple[str, str], str] = {
    ("idea_embedding", "vector"): "recomputed from the idea's text after import",
    ("idea_embedding", "title_vector"): "recomputed from the idea's title after import",
    ("idea_embedding", "updated_at"): "the time the vector was recomputed",
}

# Secrets encrypted with this portal's SECRET_KEY, which another server does not share: sealed
# under the operator's passphrase in an export (portability/team_secrets.py), or left out.
SECRET_COLUMNS: dict[str, str] = {
    "product_team": "secret_encrypted",  # the webhook signing secret
    "team_connector": "api_key_encrypted",  # the issue tracker's API key
    "sso_provider": "client_secret_encrypted",  # the identity provider's client secret
    "portal_setting": "value",  # only the settings named in SECRET_SETTINGS
    "event_subscription": "secret_encrypted",  # an integrator's webhook signing secret
}
# Portal settings whose value is an encrypted secret (the rest are plain configuration).
SECRET_SETTINGS = frozenset({"widget.secret"})  # widget/services.py SECRET_SETTING

# Rows of these tables are not inserted on import: they are rebuilt from their file.
REBUILT_ON_IMPORT = frozenset({"idea_embedding"})


def secret_owner(table: str, row_id: int | str) -> int | str:
    """What a sealed secret is bound to: the team id (as first exported), else table:id."""
    return row_id if table == "product_team" else f"{table}:{row_id}"


def holds_secret(table: str, row: dict[str, Any]) -> bool:
    """Whether this row's SECRET_COLUMNS column is a secret (every row, except settings)."""
    return table != "portal_setting" or row.get("key") in SECRET_SETTINGS


def row_key(row: dict[str, Any]) -> int | str:
    return row["id"] if "id" in row else row["key"]


class PortabilityError(DomainError):
    """An export or import that cannot go ahead; the message says why and what to do."""


def is_derived_table(name: str) -> bool:
    return any(name == prefix or name.startswith(prefix + "_") for prefix in DERIVED_TABLES)


def exported_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if (table.name, c.name) not in DERIVED_COLUMNS]


def file_name(table: str) -> str:
    return f"{table}.ndjson"


# ---- values ----


def encode_value(value: Any) -> Any:
    """A database value as JSON: datetimes to the microsecond, naive UTC; enums by value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return as_naive_utc(value).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict | list):
        return value
    raise TypeError(f"cannot export a value of type {type(value).__name__}")


def decode_value(column: Column[Any], value: Any) -> Any:
    """The inverse of encode_value, driven by the column's type."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    return value  # JSON, strings, numbers, booleans and enum values as they are


def encode_row(row: dict[str, Any]) -> str:
    return json.dumps(
        {k: encode_value(v) for k, v in row.items()},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )


# ---- files ----


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    path.chmod(0o600)


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise PortabilityError(f"{folder} has no {MANIFEST}: it is not an IdeaPortal export.")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise PortabilityError(f"{path} is not valid JSON: {exc}") from exc
    if manifest.get("format") != FORMAT_NAME:
        raise PortabilityError(f"{path} is not an IdeaPortal export manifest.")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise PortabilityError(f"{path} names no format version.")
    if version > FORMAT_VERSION:
        raise PortabilityError(
            f"This export has format version {version}; this IdeaPortal reads versions up to "
            f"{FORMAT_VERSION}. Upgrade IdeaPortal, then import again."
        )
    return manifest


def verify_files(folder: Path, manifest: dict[str, Any]) -> None:
    """Every listed file is there, whole: same row count and SHA-256 as when it was written."""
    for table, entry in manifest.get("tables", {}).items():
        path = folder / entry["file"]
        if not path.is_file():
            raise PortabilityError(f"{entry['file']} is listed in the manifest but missing.")
        if sha256_of(path) != entry["sha256"]:
            raise PortabilityError(
                f"{entry['file']} does not match its checksum in the manifest: the file was "
                "changed or damaged after the export."
            )
        lines = sum(1 for _ in read_rows(path))
        if lines != entry["rows"]:
            raise PortabilityError(
                f"{entry['file']} has {lines} rows; the manifest says {entry['rows']}."
            )
        if table not in EXPORTED_TABLES:
            raise PortabilityError(f"{entry['file']}: this IdeaPortal has no table {table!r}.")


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise PortabilityError(f"{path.name} line {number}: not JSON ({exc}).") from exc
            if not isinstance(row, dict):
                raise PortabilityError(f"{path.name} line {number}: not a JSON object.")
            yield row


def unlisted_tables(names: Iterable[str]) -> list[str]:
    """Tables that are neither exported nor known to be derived: an export would lose them."""
    return sorted(n for n in names if n not in EXPORTED_TABLES and not is_derived_table(n))
