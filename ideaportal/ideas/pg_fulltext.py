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

Someone typing sends the same words again at every pause, and ranking their ideas was most
of the database's work per keystroke. So each typed word's ideas are read once, with each
idea's rank for that word alone, and a process keeps them (`WordHits`). PostgreSQL's
`ts_rank` of an OR of words is the sum of its ranks for each word, divided by the number of
words (`calc_rank_or`), so the ideas and their order come out as one OR query would give
them; a test compares the two. Only the words not kept yet go to the database, in one
statement. At 100k ideas, in one run over 200 typed texts: 6.7-7.0 ms per text with the OR
query, 5.3 ms when none of its words is kept yet, 0.4 ms once they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from sqlalchemy import ColumnElement, column, func, select, table, text
from sqlalchemy.engine import Connection

from ideaportal.ideas import fulltext

DOCUMENTS = table("idea_document", column("idea_id"), column("english"), column("german"))
ENGLISH: ColumnElement[str] = DOCUMENTS.c.english
# Documents stemmed in a board's language, for ideas on boards in that language.
STEMMED: dict[str, ColumnElement[str]] = {"de": DOCUMENTS.c.german}

# Each word's lexemes (the english configuration stems it and drops stop words), less those
# the column's statistics count in max_docs ideas or more, each with the ideas holding it and
# their rank for it alone (one row per lexeme; a word with none kept gives no row). Lexemes of
# \w+ words are letters and digits only, so quote_literal makes each one tsquery operand.
_WORD_HITS = text(
    """
    SELECT typed.word, kept.lexeme, hits.ids, hits.ranks
    FROM unnest(CAST(:words AS text[])) AS typed (word)
    CROSS JOIN LATERAL (
        SELECT lexeme.lexeme, EXISTS (
            SELECT 1
            FROM pg_stats AS s
            CROSS JOIN LATERAL unnest(
                s.most_common_elems::text::text[], s.most_common_elem_freqs
            ) AS common (lexeme, frequency)
            WHERE s.schemaname = current_schema()
              AND s.tablename = 'idea_document'
              AND s.attname = 'english'
              AND common.lexeme = lexeme.lexeme
              AND common.frequency * (
                  SELECT c.reltuples FROM pg_class AS c
                  WHERE c.oid = 'idea_document'::regclass
              ) >= :max_docs
        ) AS common
        FROM unnest(to_tsvector('english', typed.word)) AS lexeme
    ) AS kept
    CROSS JOIN LATERAL (
        SELECT
            array_agg(d.idea_id) AS ids,
            array_agg(ts_rank(d.english, quote_literal(kept.lexeme)::tsquery)) AS ranks
        FROM idea_document AS d
        WHERE NOT kept.common AND d.english @@ quote_literal(kept.lexeme)::tsquery
    ) AS hits
    WHERE NOT kept.common
    """
)

# A word's lexemes, each with its ideas' ids and their ranks for it.
Lexemes = tuple[tuple[str, np.ndarray, np.ndarray], ...]


class WordHits(fulltext.WordCopies[Lexemes]):
    """Each typed word's lexemes with their ideas and ranks (module docstring).

    A copy is kept for at most SECONDS, and all are dropped whenever similar ideas learn of
    new or changed embeddings (`dedup.services`): an idea posted or edited is found by its
    words once it is embedded, as it is found by its meaning. An idea deleted or hidden
    meanwhile is left out when the hits are loaded."""

    SECONDS = 300.0
    # Words. A word's copy holds up to fulltext.MAX_TERM_DOCS ideas per lexeme, 8 bytes each:
    # 16 MB at most; 1.4 kB a word on average on the 100k bench portal (3 MB when full).
    SIZE = 2048


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
    known: WordHits | None = None,
) -> list[tuple[int, float]]:
    """Ideas sharing any meaningful word of the text, best first, as (id, rank): the rank
    `ts_rank` gives for the OR of the words' kept lexemes. Words `known` holds are not read
    again."""
    words = list(dict.fromkeys(fulltext.meaningful_words(re.findall(r"\w+", text_.lower()))))
    if not words or limit <= 0:
        return []
    found = {w: known.get(w, max_term_docs) for w in words} if known is not None else {}
    missing = [word for word in words if found.get(word) is None]
    if missing:
        read: dict[str, list[tuple[str, np.ndarray, np.ndarray]]] = {w: [] for w in missing}
        rows = conn.execute(_WORD_HITS, {"words": missing, "max_docs": max_term_docs})
        for word, lexeme, ids, ranks in rows:
            read[word].append(
                (lexeme, np.array(ids or (), np.int32), np.array(ranks or (), np.float32))
            )
        for word, lexemes in read.items():
            found[word] = kept = tuple(lexemes)
            if known is not None:
                known.put(word, max_term_docs, kept)
    return _ranked(found.values(), limit)


def _ranked(words: Iterable[Lexemes | None], limit: int) -> list[tuple[int, float]]:
    """The ideas best first by their summed ranks over the distinct lexemes, divided by their
    number (as ts_rank ranks an OR query), ties by id."""
    lexemes = {lexeme: (ids, ranks) for found in words for lexeme, ids, ranks in found or ()}
    if not lexemes:
        return []
    ids = np.concatenate([ids for ids, _ in lexemes.values()])
    if not len(ids):
        return []
    ranks = np.concatenate([ranks for _, ranks in lexemes.values()])
    unique, slot = np.unique(ids, return_inverse=True)
    scores = np.bincount(slot, weights=ranks) / len(lexemes)
    best = np.lexsort((unique, -scores))[:limit]
    return [(int(unique[i]), float(scores[i])) for i in best]
