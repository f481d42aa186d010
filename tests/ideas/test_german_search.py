"""Search on a German board finds the other forms of German words."""

from __future__ import annotations

import pytest

from ideaportal.extensions import db
from ideaportal.ideas import fulltext, queries
from ideaportal.ideas.queries import IdeaFilter


@pytest.fixture
def german_board(make):
    board = make.board()
    board.language = "de"
    db.session.commit()
    return board


def _found(text: str) -> list[str]:
    return [i.title for i in queries.idea_list(None, IdeaFilter(q=text)).items]


def test_german_board_finds_other_forms_of_the_words(make, german_board):
    make.idea(board=german_board, title="Schichtplan exportieren", body="Als PDF für das Team")
    make.idea(board=german_board, title="Urlaubsanträge genehmigen", body="Mit einem Klick")
    assert _found("Schichtpläne exportiert") == ["Schichtplan exportieren"]
    assert _found("genehmigt Urlaubsantrag") == ["Urlaubsanträge genehmigen"]
    assert _found("Schichtpläne löschen") == []  # every word must still match


def test_english_boards_keep_english_stemming_only(make, german_board):
    make.idea(title="Export timesheets to CSV", body="For payroll")
    make.idea(board=german_board, title="Zeiterfassung exportieren", body="Als CSV")
    assert _found("exporting timesheet") == ["Export timesheets to CSV"]
    # A German stem prefix does not reach ideas on English boards.
    english = make.idea(title="Exportiert nothing", body="x")
    assert english.title not in _found("exportieren")


def test_query_stems_drop_participle_endings():
    assert fulltext.query_stems("Schichtpläne exportiert", "de") == ["schichtplan", "exporti"]


def test_board_language_is_set_on_the_boards_page(client, make):
    from ideaportal.accounts.models import Role
    from tests.conftest import login_as

    login_as(client, make.user(Role.ADMIN))
    client.post(
        "/admin/boards",
        data={"name": "Deutsch", "slug": "deutsch", "language": "de", "position": "0"},
    )
    from sqlalchemy import select

    from ideaportal.ideas.models import Board

    assert db.session.scalar(select(Board.language).where(Board.slug == "deutsch")) == "de"
