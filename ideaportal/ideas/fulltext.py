"""Full-text search of ideas with SQLite FTS5 (the embedded default database).

Owns the lexical side of search and of "similar ideas": the FTS5 table and the triggers that
keep it in step with `idea`, turning arbitrary user text into a safe FTS5 query, and bm25
ranking. PostgreSQL deployments search their own stored tsvectors instead (ideas.pg_fulltext).

The table is external-content (`content='idea'`): it stores only the index, the text stays in
`idea`, and the AFTER INSERT/UPDATE/DELETE triggers below are the standard way to keep the two
in sync. User text never reaches FTS5's query language: it is cut into words and each word is
quoted, so AND/OR/NOT/NEAR, `*`, `^`, `:` column filters and parentheses lose their meaning.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from functools import cache
from typing import Any, Generic, TypeVar

import snowballstemmer
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection

from ideaportal.core.local_copies import LocalCopies

Kept = TypeVar("Kept")

FTS_TABLE = "idea_fts"  # the SQL below spells it out, as the frozen migration does
# More terms make an OR query slower without finding better matches (bm25 is dominated by the
# rare words); the first ones typed carry the need.
MAX_TERMS = 32
MAX_TERM_CHARS = 64
# A one-letter prefix expands to a large share of the vocabulary; wait for a second letter.
MIN_PREFIX_CHARS = 2
# In similar-ideas (any-term) mode, words found in this many ideas or more are left out of the
# query: they cost the most and weigh the least (a cost bound that only bites on big portals;
# at 1% of 100k ideas it kept similar-ideas p95 under 6 ms, and changed nothing on the
# 1,076-item labelled set).
MAX_TERM_DOCS = 1000
# bm25 column weights: a word in the title counts this many times one in the body.
TITLE_WEIGHT = 3.0

# Words too common to say what an idea is about; dropped only in any-term ("similar") mode,
# where an OR of them would match nearly every idea. The explicit search box (all terms) keeps
# them, since there the user chose every word.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can cannot could did do does doing down during each either
    else etc even ever every few for from further get gets got had has have having he her here
    hers herself him himself his how however i if in into is it its itself just me more most
    much must my myself neither no nor not now of off often on once only or other our ours
    ourselves out over own please same she should since so some such than thank thanks that
    the their theirs them themselves then there these they this those though through thus to
    too under until up upon us very via was we were what whatever when where whether which
    while who whom whose why will with within without would yet you your yours yourself
    yourselves
    """.split()  # noqa: SIM905 - a word list reads better than 170 quoted strings
)
_WORD = re.compile(r"\w+")

# Board languages and what stems their words: English is the index's own Porter stemmer (and
# PostgreSQL's `english` configuration); other languages are stemmed with Snowball at query
# time (and PostgreSQL's configuration of the same name).
STEMMED_LANGUAGES = {"en": "english", "de": "german"}


@cache
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(STEMMED_LANGUAGES[language])


def query_stems(text: str, language: str) -> list[str]:
    """The stems of the text's words in `language`, each meant as a prefix.

    German verbs change their ending between the idea and the search ("exportieren",
    "exportiert"), and Snowball keeps the "-t" of a participle; so a final "t" is dropped
    from longer words before stemming: "exportiert" -> "exporti", the stem of "exportieren".
    Stems of fewer than MIN_PREFIX_CHARS + 1 letters stay whole words."""
    words = list(dict.fromkeys(w.lower()[:MAX_TERM_CHARS] for w in _WORD.findall(text or "")))
    stems = []
    for word in words[:MAX_TERMS]:
        if language == "de" and len(word) >= 6 and word.endswith("t"):
            word = word[:-1]
        stems.append(_stemmer(language).stemWord(word))
    return stems


def stem_prefix_expression(text: str, language: str) -> str | None:
    """An FTS5 expression matching every word of the text in any of its forms in `language`:
    each stem as a prefix, so "Schichtpläne exportiert" finds "Schichtplan exportieren"
    ("schichtplan"*, "exporti"*). The index folds diacritics (remove_diacritics 2), as the
    German stemmer folds umlauts."""
    terms = [
        _quote(stem) + "*" if len(stem) > MIN_PREFIX_CHARS else _quote(stem)
        for stem in query_stems(text, language)
    ]
    return " AND ".join(terms) if terms else None


def fts_ddl() -> list[str]:
    """Create the index and its sync triggers, then fill it from existing rows.

    Migration 0006 holds a frozen copy of these statements; change both together (with a new
    migration) if the tokenizer or columns change.
    """
    return [
        "CREATE VIRTUAL TABLE idea_fts USING fts5(title, body, content='idea', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER idea_fts_ai AFTER INSERT ON idea BEGIN "
        "INSERT INTO idea_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
        # External content: the index must be told the OLD values to forget them.
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
        "DROP TABLE IF EXISTS idea_fts",
    ]


def _quote(word: str) -> str:
    # Inside an FTS5 string only `"` is special (doubled); \w+ words hold none, but the quoting
    # is what makes the word a literal, so it stays even if the tokenising changes.
    return '"' + word.replace('"', '""') + '"'


def meaningful_words(words: Iterable[str]) -> list[str]:
    """Of these lower-case words, those an any-word (similar ideas) query looks for: no single
    letters or stop words, each once (repeats add cost, not evidence), the first MAX_TERMS
    in typing order. Both databases' similar-ideas search use it."""
    return list(dict.fromkeys(w for w in words if len(w) > 1 and w not in STOP_WORDS))[:MAX_TERMS]


def _terms(text: str, *, any_term: bool, prefix_last: bool) -> list[str]:
    """The quoted FTS5 terms for the user's text (see match_expression)."""
    typed = [w.lower()[:MAX_TERM_CHARS] for w in _WORD.findall(text or "")]
    # Repeated words add cost, not evidence.
    words = meaningful_words(typed) if any_term else list(dict.fromkeys(typed))[:MAX_TERMS]
    terms = [_quote(w) for w in words]
    # Only the word under the cursor is a prefix: not one that ends in a space, and not an
    # earlier word when the last one was a dropped stop word.
    still_typing = prefix_last and bool(words) and (text[-1].isalnum() or text[-1] == "_")
    if still_typing and words[-1] == typed[-1] and len(words[-1]) >= MIN_PREFIX_CHARS:
        terms[-1] += "*"
    return terms


def match_expression(text: str, *, any_term: bool, prefix_last: bool = False) -> str | None:
    """A safe FTS5 MATCH expression for arbitrary user text, or None if nothing is searchable.

    any_term=False (the search box): every word must occur (AND). any_term=True (similar
    ideas): any word may occur (OR), stop words and single letters dropped, bm25 ranks.
    prefix_last: the user is still typing the last word, so it matches as a prefix ("mo"
    finds "mode") when the text does not end in a space.
    """
    terms = _terms(text, any_term=any_term, prefix_last=prefix_last)
    return (" OR " if any_term else " AND ").join(terms) if terms else None


def _execute(conn: Connection | sqlite3.Connection, query: str, params: dict[str, Any]) -> Any:
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(query, params).fetchall()
    return conn.execute(sql_text(query), params).all()


class WordCopies(Generic[Kept]):
    """One process's copies of what the database said about each typed word, under a cap
    (the word and the cap are the key): someone typing sends the whole text again at every
    pause, so the same words are asked about over and over. A copy is kept for at most
    SECONDS; a "word" longer than LONGEST characters is pasted noise and not kept. One per
    database (per app)."""

    SECONDS: float
    SIZE: int
    LONGEST = 64

    def __init__(self) -> None:
        self._copies = LocalCopies(self.SIZE)

    def get(self, word: str, cap: int) -> Kept | None:
        found: Kept | None = self._copies.get((word, cap))
        return found

    def put(self, word: str, cap: int, value: Kept) -> None:
        if len(word) <= self.LONGEST:
            self._copies.put((word, cap), value, self.SECONDS)

    def forget(self) -> None:
        """Drop every copy."""
        self._copies = LocalCopies(self.SIZE)


class TermCounts(WordCopies[int]):
    """How many ideas hold a typed word, for `_discriminating`: at 100k ideas, counting them
    on every keystroke was a good part of the text side.

    A count is kept for at most SECONDS: a word that has since crossed max_term_docs (ideas
    posted, merged or deleted) is left out, or put back, up to that much later. That moves
    which common words take part, and so the ranks of ideas found through them. A word
    below max_term_docs always takes part, even one no idea held when it was counted, so
    an idea posted a moment ago is found by its words at once."""

    SECONDS = 600.0
    SIZE = 20_000


def _discriminating(
    conn: Connection | sqlite3.Connection,
    terms: list[str],
    max_term_docs: int,
    known: TermCounts | None = None,
) -> list[str]:
    """The terms found in fewer than max_term_docs ideas.

    An OR query costs one bm25 evaluation per idea matching any term, so one word found in
    most ideas ("app", a product name) makes it slow at 100k ideas, while bm25 gives such a
    word almost no weight. Counting stops at max_term_docs, so the check itself is cheap;
    counts `known` holds are not taken again. A word no idea holds costs the query nothing.
    """
    counts: dict[str, int] = {}
    if known is not None:
        for term in terms:
            count = known.get(term, max_term_docs)
            if count is not None:
                counts[term] = count
    ask = [t for t in terms if t not in counts]
    if ask:
        # One round trip; only loop counters are formatted in, the terms are bound parameters.
        parts = [
            f"SELECT {n}, (SELECT count(*) FROM (SELECT 1 FROM idea_fts "  # noqa: S608
            f"WHERE idea_fts MATCH :t{n} LIMIT :cap))"
            for n in range(len(ask))
        ]
        params: dict[str, Any] = {f"t{n}": term for n, term in enumerate(ask)}
        params["cap"] = max_term_docs
        for n, count in _execute(conn, " UNION ALL ".join(parts), params):
            counts[ask[n]] = int(count)
            if known is not None:
                known.put(ask[n], max_term_docs, int(count))
    return [t for t in terms if counts[t] < max_term_docs]


def search_stemmed(
    conn: Connection | sqlite3.Connection, text: str, language: str, *, limit: int
) -> list[tuple[int, float]]:
    """(idea id, score) of ideas holding every word of the text in some form of `language`
    (see stem_prefix_expression); the caller keeps those on boards of that language."""
    expression = stem_prefix_expression(text, language)
    if expression is None or limit <= 0:
        return []
    query = (
        f"SELECT rowid, -bm25(idea_fts, {float(TITLE_WEIGHT)!r}, 1.0) AS score "  # noqa: S608
        "FROM idea_fts WHERE idea_fts MATCH :q ORDER BY score DESC, rowid LIMIT :limit"
    )
    rows = _execute(conn, query, {"q": expression, "limit": int(limit)})
    return [(int(r[0]), float(r[1])) for r in rows]


def search(
    conn: Connection | sqlite3.Connection,
    text: str,
    *,
    limit: int,
    any_term: bool,
    prefix_last: bool = False,
    max_term_docs: int = MAX_TERM_DOCS,
    title_weight: float = TITLE_WEIGHT,
    term_counts: TermCounts | None = None,
) -> list[tuple[int, float]]:
    """(idea id, score) best first; score = -bm25 (higher is better), with a word in the title
    weighing `title_weight` times one in the body (it says more about what the idea is).

    conn is a SQLAlchemy Connection (the app's session connection) or a plain sqlite3 one.
    With any_term (similar ideas), words found in max_term_docs ideas or more are left out
    (see _discriminating); below that many ideas nothing is left out. `term_counts` keeps
    the counts of common words between searches.
    """
    if limit <= 0:
        return []
    terms = _terms(text, any_term=any_term, prefix_last=prefix_last)
    if any_term and terms:
        terms = _discriminating(conn, terms, max_term_docs, term_counts)
    if not terms:
        return []
    query = (
        f"SELECT rowid, -bm25(idea_fts, {float(title_weight)!r}, 1.0) AS score "  # noqa: S608
        "FROM idea_fts WHERE idea_fts MATCH :q ORDER BY score DESC, rowid LIMIT :limit"
    )
    expression = (" OR " if any_term else " AND ").join(terms)
    rows = _execute(conn, query, {"q": expression, "limit": int(limit)})
    return [(int(r[0]), float(r[1])) for r in rows]
