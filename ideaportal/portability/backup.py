"""`flask backup`: a consistent copy of a running SQLite portal (SQLite's online backup API).

The copy is taken in one step inside one read transaction: in WAL mode readers do not block
writers, so the portal keeps taking votes while it runs, and the copy holds exactly the
transactions committed before it started. PostgreSQL has its own tool for this (pg_dump).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ideaportal.extensions import db
from ideaportal.portability.format import PortabilityError

PG_DUMP_HINT = (
    "flask backup copies SQLite databases; this portal runs on PostgreSQL. Use pg_dump, "
    "which is consistent while the portal runs: "
    'pg_dump --format=custom --file=ideaportal.dump "$DATABASE" '
    "(restore with pg_restore; see README, Operations)."
)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    pages: int


def backup_sqlite(target: Path) -> BackupResult:
    """Copy the configured SQLite database to `target` (a new file, mode 600), check the
    copy with integrity_check, and leave it as one self-contained file (no WAL beside it)."""
    url = db.engine.url
    if db.engine.dialect.name != "sqlite":
        raise PortabilityError(PG_DUMP_HINT)
    if not url.database or url.database == ":memory:":
        raise PortabilityError("This portal's SQLite database is in memory; there is no file.")
    if target.exists():
        raise PortabilityError(f"{target} exists; name a new file.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            closing(sqlite3.connect(url.database, timeout=30)) as source,
            closing(sqlite3.connect(partial)) as copy,
        ):
            os.chmod(partial, 0o600)
            # pages=-1: the whole database in one step, from one snapshot (a step-wise copy
            # would start over on every write and might never finish on a busy portal).
            source.backup(copy, pages=-1)
            copy.execute("PRAGMA journal_mode=DELETE")
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            pages = copy.execute("PRAGMA page_count").fetchone()[0]
        if verdict != "ok":
            raise PortabilityError(f"The copy failed SQLite's integrity check: {verdict}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=target, size=target.stat().st_size, pages=pages)
