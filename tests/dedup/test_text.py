"""What text is matched: idea_text / text_hash, and the lexical side (ideas.fulltext, FTS5)."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection

from ideaportal.dedup.text import idea_text, strip_markdown, text_hash
from ideaportal.ideas import fulltext

# ---- idea_text / text_hash ----


def test_markdown_syntax_is_stripped_and_whitespace_collapsed():
    body = (
        "# Why\n\nThe **white** _screen_ hurts, see [the guide](https://x.test/a) "
        "and ![shot](a.png).\n\n```js\nconsole.log('noise')\n```\n"
        "- first point\n* second point\n1. third point\n> quoted `code`\n---\n~~old~~ <br> end"
    )
    assert strip_markdown(body) == (
        "Why The white screen hurts, see the guide and shot. first point second point "
        "third point quoted code old end"
    )


def test_idea_text_is_title_then_start_of_body():
    assert idea_text("Dark mode", "For the **scheduler**") == "Dark mode. For the scheduler"
    assert idea_text("Dark mode?", "Please") == "Dark mode? Please"  # no doubled punctuation
    assert idea_text("  Dark \n mode ", "") == "Dark mode"
    assert idea_text("", "Only a body") == "Only a body"


def test_body_is_cut_at_a_word_boundary():
    body = " ".join(["word"] * 200)
    out = idea_text("T", body, body_chars=50)
    assert out.startswith("T. word")
    assert len(out) <= len("T. ") + 50
    assert out.endswith("word")  # not "wo"
    assert idea_text("T", body, body_chars=0) == "T"


def test_snake_case_and_inline_words_survive():
    assert strip_markdown("set max_retries to 3 in `config.yml`") == (
        "set max_retries to 3 in config.yml"
    )


def test_text_hash_is_sha256_of_utf8_and_ignores_reflow():
    assert (
        text_hash("Nachtmodus für Schichten")
        == hashlib.sha256("Nachtmodus für Schichten".encode()).hexdigest()
    )
    assert len(text_hash("")) == 64
    assert text_hash(idea_text("A", "b\n\n  c")) == text_hash(idea_text("A", "b c"))
    assert text_hash(idea_text("A", "b c")) != text_hash(idea_text("A", "b d"))


@given(st.text(max_size=400), st.text(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_idea_text_is_single_line_and_bounded(title, body):
    out = idea_text(title, body)
    assert "\n" not in out and "  " not in out and out == out.strip()
    assert len(out) <= len(" ".join(title.split())) + 2 + 300


# ---- the lexical side: FTS5 table, triggers and safe queries ----


@pytest.fixture
def conn() -> Connection:
    """An in-memory SQLite shaped like the app's `idea` table, with the product's DDL."""
    connection = create_engine("sqlite://").connect()
    connection.execute(
        text("CREATE TABLE idea (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT)")
    )
    connection.execute(
        text("INSERT INTO idea (id, title, body) VALUES (1, 'Existing idea', 'before the index')")
    )
    for statement in fulltext.fts_ddl():
        connection.execute(text(statement))
    return connection


def _add(conn: Connection, idea_id: int, title: str, body: str) -> None:
    conn.execute(
        text("INSERT INTO idea (id, title, body) VALUES (:id, :t, :b)"),
        {"id": idea_id, "t": title, "b": body},
    )


def _ids(conn: Connection, query: str, any_term: bool = False) -> list[int]:
    return [i for i, _ in fulltext.search(conn, query, limit=20, any_term=any_term)]


def test_rows_present_before_the_index_are_indexed(conn):
    assert _ids(conn, "existing") == [1]


def test_triggers_follow_insert_update_and_delete(conn):
    _add(conn, 2, "Clock in with geofencing", "GPS radius around the depot")
    assert _ids(conn, "geofencing") == [2]
    assert _ids(conn, "depots") == [2]  # porter stemming
    conn.execute(text("UPDATE idea SET title = 'Clock in from a kiosk' WHERE id = 2"))
    assert _ids(conn, "geofencing") == []
    assert _ids(conn, "kiosk") == [2]
    conn.execute(text("UPDATE idea SET body = 'tablet by the door' WHERE id = 2"))
    assert _ids(conn, "depot") == [] and _ids(conn, "tablet") == [2]
    conn.execute(text("DELETE FROM idea WHERE id = 2"))
    assert _ids(conn, "kiosk") == [] and _ids(conn, "tablet") == []
    # The index agrees with its content table (FTS5's own consistency check).
    conn.execute(text("INSERT INTO idea_fts(idea_fts) VALUES ('integrity-check')"))


def test_diacritics_fold_and_title_outranks_body(conn):
    _add(conn, 2, "Something else", "export to the café payroll")
    _add(conn, 3, "Payroll export", "monthly")
    assert _ids(conn, "cafe") == [2]
    assert _ids(conn, "payroll", any_term=True)[:2] == [3, 2]
    scores = [s for _, s in fulltext.search(conn, "payroll", limit=5, any_term=True)]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0  # -bm25, best first


def test_drop_ddl_removes_table_and_triggers(conn):
    for statement in fulltext.fts_drop_ddl():
        conn.execute(text(statement))
    names = conn.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'idea_fts%'")).all()
    assert names == []
    _add(conn, 2, "Still insertable", "without the index")  # no trigger left behind


def test_any_term_mode_ors_words_without_stop_words():
    assert fulltext.match_expression("Please let us export the payroll", any_term=True) == (
        '"let" OR "export" OR "payroll"'
    )
    assert fulltext.match_expression("dark mode", any_term=False) == '"dark" AND "mode"'
    assert fulltext.match_expression("the and of a", any_term=True) is None
    assert fulltext.match_expression("payroll payroll PAYROLL", any_term=True) == '"payroll"'


def test_prefix_only_for_the_word_being_typed():
    assert fulltext.match_expression("dark mo", any_term=True, prefix_last=True) == (
        '"dark" OR "mo"*'
    )
    assert fulltext.match_expression("dark mode ", any_term=True, prefix_last=True) == (
        '"dark" OR "mode"'
    )
    # the last word typed is a dropped stop word: "mode" is complete, no prefix
    assert fulltext.match_expression("dark mode for", any_term=True, prefix_last=True) == (
        '"dark" OR "mode"'
    )
    assert fulltext.match_expression("dark m", any_term=False, prefix_last=True) == (
        '"dark" AND "m"'
    )


HOSTILE = [
    '"',
    '""""',
    "AND",
    "OR NOT",
    "a AND OR NOT b",
    "NEAR(a b, 2)",
    "NEAR/3",
    "*",
    "a*",
    "title:secret",
    "{title body}: x",
    "- excluded",
    "^start",
    "((a)",
    ")",
    "'; DROP TABLE idea; --",
    "ü-ß é 日本語 🙂",
    "",
    "   ",
    "a" * 5000,
    "\x00 nul",
    "+ : , . ; ! ?",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_a_valid_literal_query(conn, hostile):
    _add(conn, 2, "NEAR the title: AND secret", "ordinary body")
    for any_term in (False, True):
        for prefix_last in (False, True):
            expression = fulltext.match_expression(
                hostile, any_term=any_term, prefix_last=prefix_last
            )
            assert expression is None or expression.startswith('"')
            hits = fulltext.search(
                conn, hostile, limit=5, any_term=any_term, prefix_last=prefix_last
            )
            assert all(isinstance(i, int) for i, _ in hits)
    assert conn.execute(text("SELECT count(*) FROM idea")).scalar() == 2


def test_operators_are_words_not_syntax(conn):
    _add(conn, 2, "NEAR the title: AND secret", "ordinary body")
    # "title:secret" is not a column filter, "AND" and "NEAR" are plain words to find.
    assert _ids(conn, "title:secret") == [2]
    assert _ids(conn, "near AND") == [2]
    assert _ids(conn, "NOT ordinary") == []  # NOT is a word to match, not negation


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_text_compiles(user_text):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE idea (id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
    for statement in fulltext.fts_ddl():
        db.execute(statement)
    for any_term in (False, True):
        # A plain sqlite3 connection works too; a syntax error would raise here.
        assert fulltext.search(db, user_text, limit=3, any_term=any_term, prefix_last=True) == []


def test_common_words_are_left_out_of_similar_queries(conn):
    for n in range(2, 12):
        _add(conn, n, f"Common idea {n}", "portal")
    _add(conn, 20, "Rare gizmo", "portal")
    # "portal" is in 11 ideas: at max_term_docs=5 it no longer takes part, "gizmo" does.
    assert _ids(conn, "portal gizmo", any_term=True)[0] == 20
    hits = fulltext.search(conn, "portal gizmo", limit=20, any_term=True, max_term_docs=5)
    assert [i for i, _ in hits] == [20]
    assert fulltext.search(conn, "portal", limit=20, any_term=True, max_term_docs=5) == []
    # The search box (all terms) never leaves words out.
    assert len(fulltext.search(conn, "portal", limit=20, any_term=False)) == 11


def test_typed_words_are_counted_once_and_new_words_found_at_once(conn):
    for n in range(2, 12):
        _add(conn, n, f"Common idea {n}", "portal")
    known = fulltext.TermCounts()
    counted: list[str] = []

    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if "count(*)" in statement:
            counted.append(statement)

    event.listen(conn, "before_cursor_execute", record)

    def similar(query: str) -> list[int]:
        hits = fulltext.search(
            conn, query, limit=20, any_term=True, max_term_docs=5, term_counts=known
        )
        return [i for i, _ in hits]

    assert similar("portal") == [] and len(counted) == 1  # in 5 ideas or more: left out
    # Typed on: "portal" is not counted again, only the new word.
    assert similar("portal zapper") == [] and len(counted) == 2
    assert counted[1].count("count(*)") == 1  # one word asked about, not two
    # A word no idea held still takes part, uncounted: an idea just posted with it is found.
    _add(conn, 30, "Zapper for the portal", "")
    assert similar("portal zapper") == [30] and len(counted) == 2
