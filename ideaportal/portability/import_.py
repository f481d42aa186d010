"""`flask import`: load an export into an empty, migrated database, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Date, DateTime, Table, func, insert, select, text, update

from ideaportal.core import audit
from ideaportal.core.model_base import utcnow
from ideaportal.extensions import db
from ideaportal.portability import format as fmt
from ideaportal.portability.team_secrets import Sealer

_BATCH = 1000
_EMBED_CHUNK = 500


@dataclass
class ImportResult:
    counts: dict[str, int] = field(default_factory=dict)
    ideas_to_embed: int = 0
    new_team_secrets: int = 0
    shifted_by: timedelta | None = None


def import_portal(
    folder: Path, *, passphrase: str | None = None, shift_dates: bool = False
) -> ImportResult:
    """Check the export (format version, checksums, row counts), refuse a database that
    already holds data, then insert every row with its id in one transaction.

    With `shift_dates`, every timestamp moves by the time since the export's
    `dates_relative_to` moment, so "posted 3 days ago" stays 3 days ago (the demo uses it);
    times inside JSON values (a merge's undo record, a webhook payload) stay as they are.
    Vectors are not in an export: the ideas that had one are queued for embedding after the
    commit. Team secrets are unsealed with `passphrase` and encrypted with this portal's
    SECRET_KEY; teams exported without one get a new secret.
    """
    manifest = fmt.read_manifest(folder)
    fmt.verify_files(folder, manifest)
    sealer = None
    if manifest.get("team_secrets") == "sealed":
        if not passphrase:
            raise fmt.PortabilityError(
                "This export holds sealed team secrets: give the passphrase it was made with "
                "(--passphrase, or IDEAPORTAL_EXPORT_PASSPHRASE)."
            )
        sealer = Sealer(passphrase)
    result = ImportResult()
    if shift_dates:
        if "dates_relative_to" not in manifest:
            raise fmt.PortabilityError("This export's dates are not relative to a moment.")
        result.shifted_by = utcnow() - datetime.fromisoformat(manifest["dates_relative_to"])
    _refuse_unless_empty()

    loader = _Loader(folder, manifest, sealer, result)
    try:
        # The install's empty default board gives way to the boards of the export, and the
        # empty audit chain's head to the exported one.
        for name in ("board", "audit_chain_head"):
            db.session.execute(db.metadata.tables[name].delete())
        for table in db.metadata.sorted_tables:
            if table.name in fmt.EXPORTED_TABLES:
                loader.load(table)
        _reset_sequences()
        if result.shifted_by is not None or not loader.result.counts.get("audit_chain_head"):
            # Moved dates change what each entry's hash covers, and an older export has no
            # chain at all: chain the imported entries afresh.
            audit.rechain_all()
        _queue_embeddings(loader.embedded_ideas)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    result.ideas_to_embed = len(loader.embedded_ideas)
    return result


def _refuse_unless_empty() -> None:
    """Only a freshly migrated database: no rows, except the default board (no ideas)."""
    found = []
    for name in fmt.EXPORTED_TABLES:
        table = db.metadata.tables[name]
        query = select(func.count()).select_from(table)
        if name == "board":
            query = query.where(table.c.slug != "general")
        if name == "audit_chain_head":  # a new database's chain: empty, at its start
            query = query.where(table.c.seq != 0)
        count = db.session.scalar(query) or 0
        if count:
            found.append(f"{count} row(s) in {name}")
    if found:
        raise fmt.PortabilityError(
            "The database is not empty (" + ", ".join(found[:4]) + "). An import goes into a "
            "new database: create one, run `flask db upgrade`, then import."
        )


class _Loader:
    def __init__(
        self,
        folder: Path,
        manifest: dict[str, Any],
        sealer: Sealer | None,
        result: ImportResult,
    ) -> None:
        self.folder = folder
        self.tables: dict[str, Any] = manifest.get("tables", {})
        self.sealer = sealer
        self.result = result
        self.embedded_ideas: list[int] = []

    def load(self, table: Table) -> None:
        entry = self.tables.get(table.name)
        self.result.counts[table.name] = 0
        if entry is None:
            return
        self_refs = [
            c for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)
        ]
        later: list[dict[str, Any]] = []
        batch: list[dict[str, Any]] = []
        for raw in fmt.read_rows(self.folder / entry["file"]):
            row = self._decode(table, raw, entry["file"])
            if table.name in fmt.REBUILT_ON_IMPORT:
                self.embedded_ideas.append(row["idea_id"])
                continue
            if table.name == "product_team":
                row = self._team(row)
            elif table.name in fmt.SECRET_COLUMNS:
                kept = self._sealed_secret(table.name, row)
                if kept is None:
                    continue
                row = kept
            if any(row.get(c.name) is not None for c in self_refs):
                later.append(row)
                row = {**row, **{c.name: None for c in self_refs}}
            batch.append(row)
            if len(batch) >= _BATCH:
                self._insert(table, batch)
                batch = []
        if batch:
            self._insert(table, batch)
        # Rows pointing at rows of their own table (a merged idea, a reply) get the link once
        # every row is in, whatever their order.
        keep_on_update = [c for c in table.columns if c.onupdate is not None]
        for row in later:
            where = [pk == row[pk.name] for pk in table.primary_key.columns]
            values = {c.name: row.get(c.name) for c in (*self_refs, *keep_on_update)}
            db.session.execute(update(table).where(*where).values(**values))

    def _insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        db.session.execute(insert(table), rows)
        self.result.counts[table.name] += len(rows)

    def _decode(self, table: Table, raw: dict[str, Any], file: str) -> dict[str, Any]:
        row = {}
        for key, value in raw.items():
            column = table.columns.get(key)
            if column is None:
                raise fmt.PortabilityError(
                    f"{file}: this IdeaPortal's {table.name} table has no column {key!r}."
                )
            row[key] = self._shift(column, fmt.decode_value(column, value))
        return row

    def _shift(self, column: Column[Any], value: Any) -> Any:
        delta = self.result.shifted_by
        if delta is None or value is None:
            return value
        if isinstance(column.type, DateTime):
            return value + delta
        if isinstance(column.type, Date) and isinstance(value, date):
            return (datetime.combine(value, time()) + delta).date()
        return value

    def _team(self, row: dict[str, Any]) -> dict[str, Any]:
        from ideaportal.triage.secrets import encrypt, new_secret

        sealed = row.get("secret_encrypted")
        if sealed is None:
            row["secret_encrypted"] = encrypt(new_secret())
            self.result.new_team_secrets += 1
        elif sealed:
            if self.sealer is None:
                raise fmt.PortabilityError(f"team {row['id']}: a sealed secret, no passphrase.")
            row["secret_encrypted"] = encrypt(self.sealer.unseal(sealed, row["id"]))
        return row

    def _sealed_secret(self, table: str, row: dict[str, Any]) -> dict[str, Any] | None:
        """A secret other than a team's (tracker API key, SSO client secret, widget secret):
        unsealed and encrypted again; left out of the export, it is entered again by an
        admin (None: a secret setting with nothing to keep is not inserted)."""
        from ideaportal.triage.secrets import encrypt, new_secret

        column = fmt.SECRET_COLUMNS[table]
        if not fmt.holds_secret(table, row):
            return row
        sealed = row.get(column)
        if sealed is None:
            if table == "portal_setting":
                return None
            # A signing secret is never empty: the subscriber gets a new one to copy.
            row[column] = encrypt(new_secret()) if table == "event_subscription" else ""
            if table == "team_connector":
                row["last_error"] = "The import did not carry the API key over: enter it again."
        elif sealed:
            if self.sealer is None:
                raise fmt.PortabilityError(f"{table} {fmt.row_key(row)}: sealed, no passphrase.")
            owner = fmt.secret_owner(table, fmt.row_key(row))
            row[column] = encrypt(self.sealer.unseal(sealed, owner))
        return row


def _reset_sequences() -> None:
    """PostgreSQL hands out ids from sequences, which inserted ids do not move: point each
    past the highest id, so the next idea posted does not collide with an imported one."""
    if db.engine.dialect.name != "postgresql":
        return
    quote = db.engine.dialect.identifier_preparer.quote
    for name in fmt.EXPORTED_TABLES:
        table = db.metadata.tables[name]
        column = table.autoincrement_column
        if column is None:
            continue
        # Names come from the models, quoted; nothing here comes from the export's files.
        highest = f"COALESCE(MAX({quote(column.name)}), 0) + 1"
        statement = (
            f"SELECT setval(pg_get_serial_sequence(:t, :c), {highest}, false) FROM {quote(name)}"  # noqa: E501, S608
        )
        db.session.execute(text(statement), {"t": quote(name), "c": column.name})


def _queue_embeddings(idea_ids: list[int]) -> None:
    if not idea_ids:
        return
    from ideaportal.dedup.tasks import embed_imported_ideas
    from ideaportal.jobs import enqueue_after_commit

    for start in range(0, len(idea_ids), _EMBED_CHUNK):
        enqueue_after_commit(embed_imported_ideas, idea_ids[start : start + _EMBED_CHUNK])
