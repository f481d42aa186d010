"""PostgreSQL: each idea's search documents move to a side table, kept by a trigger

Revision ID: 0022_idea_document
Revises: 0021_german_search_vector

0019 and 0021 stored the parsed English and German documents as generated columns of
`idea`, with GIN indexes. PostgreSQL computes a stored generated column again on every
UPDATE of the row, and a vote's UPDATE changes indexed columns (vote_count,
last_activity_at), so it is never a HOT update: each vote parsed the idea's text twice and
added every lexeme of it to both GIN indexes. The documents now live in `idea_document`, one
row per idea, written by a trigger only when an idea is created or its title or body
changes. A vote touches b-tree indexes only. SQLite keeps its FTS5 index (0006).
"""

from alembic import op

revision = "0022_idea_document"
down_revision = "0021_german_search_vector"
branch_labels = None
depends_on = None

ENGLISH = "to_tsvector('english'::regconfig, {row}title || ' ' || {row}body)"
GERMAN = "to_tsvector('german'::regconfig, {row}title || ' ' || {row}body)"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE idea_document ("
        " idea_id integer PRIMARY KEY REFERENCES idea (id) ON DELETE CASCADE,"
        " english tsvector NOT NULL,"
        " german tsvector NOT NULL)"
    )
    op.execute(
        "INSERT INTO idea_document (idea_id, english, german) "
        "SELECT id, search_vector, search_vector_german FROM idea"
    )
    op.execute("CREATE INDEX ix_idea_document_english ON idea_document USING gin (english)")
    op.execute("CREATE INDEX ix_idea_document_german ON idea_document USING gin (german)")
    new = ENGLISH.format(row="NEW."), GERMAN.format(row="NEW.")
    op.execute(
        "CREATE FUNCTION idea_document_write() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        "INSERT INTO idea_document (idea_id, english, german) "
        f"VALUES (NEW.id, {new[0]}, {new[1]}) "
        "ON CONFLICT (idea_id) DO UPDATE "
        "SET english = EXCLUDED.english, german = EXCLUDED.german; "
        "RETURN NULL; "
        "END $$"
    )
    op.execute(
        "CREATE TRIGGER idea_document_on_insert AFTER INSERT ON idea "
        "FOR EACH ROW EXECUTE FUNCTION idea_document_write()"
    )
    op.execute(
        "CREATE TRIGGER idea_document_on_edit AFTER UPDATE OF title, body ON idea "
        "FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title "
        "OR OLD.body IS DISTINCT FROM NEW.body) "
        "EXECUTE FUNCTION idea_document_write()"
    )
    op.execute("ALTER TABLE idea DROP COLUMN search_vector, DROP COLUMN search_vector_german")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE idea "
        f"ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({ENGLISH.format(row='')}) STORED, "
        "ADD COLUMN search_vector_german tsvector "
        f"GENERATED ALWAYS AS ({GERMAN.format(row='')}) STORED"
    )
    op.execute("CREATE INDEX ix_idea_search_vector ON idea USING gin (search_vector)")
    op.execute(
        "CREATE INDEX ix_idea_search_vector_german ON idea USING gin (search_vector_german)"
    )
    op.execute("DROP TRIGGER idea_document_on_edit ON idea")
    op.execute("DROP TRIGGER idea_document_on_insert ON idea")
    op.execute("DROP FUNCTION idea_document_write()")
    op.execute("DROP TABLE idea_document")
