"""Full-text search of ideas on PostgreSQL: what `fulltext` is for SQLite's FTS5.

Each idea's text is parsed once, when it is written, into `idea_document` (migration 0022: an
English and a German tsvector with GIN indexes, kept by a trigger on `idea`). The search box
and similar ideas match and rank against the English column here; `ideas.queries` joins the
German one for ideas on German boards.

Similar ideas match any meaningful word of the typed text, so one word found in most ideas
("add", a product name) makes PostgreSQL rank nearly every idea: 250 ms to 2.5 s per request
at 100k ideas. As FTS5's side does, such words are left out of the query: those found in
`fulltext.MAX_TERM_DOCS` ideas or more. PostgreSQL's own statistics of the column say which
(ANALYZE keeps its most common lexemes and their frequencies in `pg_stats`; autovacuum
refreshes them), so the check costs no count and no extra round trip. A word the statistics
do not list is rarer than every word they do, and stays. Before the first ANALYZE, or on a
portal smaller than the cap, nothing is left out.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, column, func, select, table, text
from sqlalchemy.engine import Connection

from ideaportal.ideas import fulltext

DOCUMENTS = table("idea_document", column("idea_id"), column("english"), column("german"))
ENGLISH: ColumnElement[str] = DOCUMENTS.c.english
# Documents stemmed in a board's language, for ideas on boards in that language.
STEMMED: dict[str, ColumnElement[str]] = {"de": DOCUMENTS.c.german}

# The typed words' lexemes (the english configuration stems them and drops stop words), less
# those the column's statistics count in max_docs ideas or more, OR-ed into one tsquery.
# Lexemes of \w+ words are letters and digits only, so quote_literal makes each one tsquery
# operand and nothing else.
_SIMILAR_HITS = text(
    """
    WITH kept AS (
        SELECT typed.lexeme
        FROM unnest(to_tsvector('english', :words)) AS typed
        WHERE NOT EXISTS (
            SELECT 1
            FROM pg_stats AS s
            CROSS JOIN LATERAL unnest(
                s.most_common_elems::text::text[], s.most_common_elem_freqs
            ) AS common (lexeme, frequency)
            WHERE s.schemaname = current_schema()
              AND s.tablename = 'idea_document'
              AND s.attname = 'english'
              AND common.lexeme = typed.lexeme
              AND common.frequency * (
                  SELECT c.reltuples FROM pg_class AS c
                  WHERE c.oid = 'idea_document'::regclass
              ) >= :max_docs
        )
    ), query AS (
        SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery AS q FROM kept
    )
    SELECT d.idea_id, ts_rank(d.english, query.q) AS rank
    FROM idea_document AS d, query
    WHERE d.english @@ query.q
    ORDER BY rank DESC, d.idea_id
    LIMIT :limit
    """
)


def search(conn: Connection, text_: str, limit: int) -> list[int]:
    """The search box: ideas holding every word of the text (web search syntax: quotes,
    "or", "-"), best first."""
    query = func.websearch_to_tsquery("english", text_)
    stmt = (
        select(DOCUMENTS.c.idea_id)
        .where(ENGLISH.op("@@")(query))
        .order_by(func.ts_rank(ENGLISH, query).desc())
        .limit(limit)
    )
    return list(conn.scalars(stmt))


def similar_hits(
    conn: Connection,
    text_: str,
    limit: int,
    max_term_docs: int = fulltext.MAX_TERM_DOCS,
) -> list[tuple[int, float]]:
    """Ideas sharing any meaningful word of the text, best first, as (id, ts_rank)."""
    words = fulltext.meaningful_words(re.findall(r"\w+", text_.lower()))
    if not words or limit <= 0:
        return []
    rows = conn.execute(
        _SIMILAR_HITS,
        {"words": " ".join(words), "max_docs": max_term_docs, "limit": int(limit)},
    )
    return [(int(i), float(r)) for i, r in rows]
