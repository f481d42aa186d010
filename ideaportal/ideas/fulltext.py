"""Full-text search of ideas with SQLite FTS5 (the embedded default database).

An external-content FTS5 table mirrors idea.title and idea.body, kept in sync by triggers.
User text never reaches FTS5's query language: it is cut into words, each quoted.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

FTS_TABLE = "idea_fts"

_STOP_WORDS = frozenset(
    """a an and are as at be but by can could do does for from has have how i if in into is it
    its me my no not of on or our please should so that the their them then there these they
    this to us was we were what when where which who why will with would you your""".split()  # noqa: SIM905
)
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_ddl() -> list[str]:
    """The index and its triggers (migration 0006 holds a frozen copy of these statements)."""
    return [
        "CREATE VIRTUAL TABLE idea_fts USING fts5(title, body, content='idea', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER idea_fts_ai AFTER INSERT ON idea BEGIN "
        "INSERT INTO idea_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
        "CREATE TRIGGER idea_fts_ad AFTER DELETE ON idea BEGIN "
        "INSERT INTO idea_fts(idea_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); END",
        "CREATE TRIGGER idea_fts_au AFTER UPDATE OF title, body ON idea BEGIN "
        "INSERT INTO idea_fts(idea_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); "
        "INSERT INTO idea_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
        "INSERT INTO idea_fts(idea_fts) VALUES ('rebuild')",
    ]


def fts_drop_ddl() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS idea_fts_ai",
        "DROP TRIGGER IF EXISTS idea_fts_ad",
        "DROP TRIGGER IF EXISTS idea_fts_au",
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
    ]


def match_expression(user_text: str, *, any_term: bool, prefix_last: bool = False) -> str | None:
    """A safe FTS5 query: every word quoted (so AND, NEAR, *, :, ( ) mean nothing), joined
    with AND (search) or OR (similar ideas, where stop words are dropped)."""
    words = [w.lower() for w in _WORD.findall(user_text)]
    if any_term:
        words = [w for w in words if w not in _STOP_WORDS and len(w) > 1]
    words = list(dict.fromkeys(words))[:32]
    if not words:
        return None
    terms = ['"' + w.replace('"', '""') + '"' for w in words]
    if prefix_last:
        terms[-1] += "*"
    return (" OR " if any_term else " AND ").join(terms)


def search(
    conn: Connection, user_text: str, *, limit: int, any_term: bool, prefix_last: bool = False
) -> list[tuple[int, float]]:
    """(idea id, score) best first; the score is -bm25 with the title weighted 3x the body."""
    expression = match_expression(user_text, any_term=any_term, prefix_last=prefix_last)
    if expression is None:
        return []
    rows = conn.execute(
        text(
            "SELECT rowid, -bm25(idea_fts, 3.0, 1.0) AS score FROM idea_fts "
            "WHERE idea_fts MATCH :q ORDER BY score DESC LIMIT :limit"
        ),
        {"q": expression, "limit": limit},
    ).all()
    return [(int(r[0]), float(r[1])) for r in rows]
