"""Every table that holds portal data travels in an export, or is listed as derived."""

from __future__ import annotations

from sqlalchemy import MetaData, Table, inspect

from ideaportal.extensions import db
from ideaportal.portability.format import (
    DERIVED_COLUMNS,
    EXPORTED_TABLES,
    is_derived_table,
    unlisted_tables,
)


def test_every_model_is_exported_or_listed_as_derived(app):
    assert unlisted_tables(db.metadata.tables) == [], (
        "add the new table to EXPORTED_TABLES (ideaportal/portability/format.py), or to "
        "DERIVED_TABLES with the reason it can be rebuilt"
    )


def test_every_table_of_the_migrated_database_is_exported_or_derived(app):
    assert unlisted_tables(inspect(db.engine).get_table_names()) == []


def test_exported_and_derived_names_are_real_and_distinct(app):
    assert set(EXPORTED_TABLES) <= set(db.metadata.tables)
    assert len(set(EXPORTED_TABLES)) == len(EXPORTED_TABLES)
    assert not [t for t in EXPORTED_TABLES if is_derived_table(t)]
    for table, column in DERIVED_COLUMNS:
        assert column in db.metadata.tables[table].columns


def test_a_new_table_nobody_listed_is_caught(app):
    scratch = MetaData()
    Table("idea_reaction", scratch)
    Table("idea_fts_data", scratch)  # a shadow table of the full-text index: derived
    assert unlisted_tables(scratch.tables) == ["idea_reaction"]
