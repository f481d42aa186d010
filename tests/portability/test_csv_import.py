"""flask import-csv: ideas and votes from a spreadsheet, checked row by row."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from ideaportal.accounts.models import User
from ideaportal.demo.seed import check_counters
from ideaportal.extensions import db
from ideaportal.ideas.models import Follow, Idea, IdeaStatus, StatusChange, Vote
from tests.accounts.test_accounts import _reset_link
from tests.conftest import login_as

SHEET = (
    "title,details,author email,created,status,voter emails\n"
    'Export timesheets to Excel,"Payroll wants .xlsx, not CSV.",Ann@Example.com,2024-03-31,'
    'planned,"bo@example.com, cy@example.com"\n'
    "Shift reminders by SMS,Texts an hour before a shift.,new.person@example.org,"
    "2024-04-02 09:30,,bo@example.com\n"
    "Export timesheets to Excel,Pasted twice.,ann@example.com,,,\n"
)


def _write(tmp_path: Path, content: str, name: str = "ideas.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_text(content, encoding=encoding)
    return str(path)


def _counts() -> tuple[int, int, int]:
    return (
        db.session.scalar(select(func.count(Idea.id))) or 0,
        db.session.scalar(select(func.count(User.id))) or 0,
        db.session.scalar(select(func.count(Vote.id))) or 0,
    )


def test_dry_run_says_what_it_would_create_and_creates_nothing(app, make, tmp_path):
    make.user(email="ann@example.com")
    before = _counts()
    result = app.test_cli_runner().invoke(args=["import-csv", _write(tmp_path, SHEET), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "row 2: 'Export timesheets to Excel' by ann@example.com on General, planned" in (
        result.output
    )
    assert "Would create 2 idea(s), 3 vote(s) and 3 member account(s)" in result.output
    assert "new.person@example.org" in result.output
    assert "row 4: skipped, it repeats row 2" in result.output
    assert _counts() == before


def test_import_creates_ideas_votes_and_members_who_can_set_a_password(app, client, make, tmp_path):
    ann = make.user(email="ann@example.com")
    result = app.test_cli_runner().invoke(args=["import-csv", _write(tmp_path, SHEET)])
    assert result.exit_code == 0, result.output
    assert "Created 2 idea(s), 3 vote(s) and 3 member account(s)" in result.output

    excel = db.session.scalar(select(Idea).where(Idea.title == "Export timesheets to Excel"))
    assert excel is not None and excel.author_id == ann.id
    assert excel.status == IdeaStatus.PLANNED and excel.vote_count == 2
    assert excel.created_at == datetime(2024, 3, 31)
    assert excel.follower_count == 3  # the author and both voters
    assert db.session.scalar(select(func.count(Follow.id)).where(Follow.idea_id == excel.id)) == 3
    change = db.session.scalars(select(StatusChange).where(StatusChange.idea_id == excel.id)).one()
    assert change.to_status == IdeaStatus.PLANNED and change.source == "spreadsheet import"
    assert check_counters() == []

    newcomer = db.session.scalar(select(User).where(User.email == "new.person@example.org"))
    assert newcomer is not None and newcomer.display_name == "New Person"
    refused = client.post("/login", data={"email": newcomer.email, "password": "!no-password-yet"})
    assert refused.status_code != 302
    client.post("/forgot-password", data={"email": newcomer.email})
    new = {"password": "my-own-password", "confirm": "my-own-password"}
    assert client.post(_reset_link(newcomer.email), data=new).status_code == 302
    client.post("/logout")
    login_as(client, newcomer, "my-own-password")
    assert "Shift reminders by SMS" in client.get("/?sort=new").get_data(as_text=True)

    again = app.test_cli_runner().invoke(args=["import-csv", _write(tmp_path, SHEET, "b.csv")])
    assert again.exit_code == 0
    assert "row 2: skipped" in again.output and "Nothing new to import." in again.output
    assert db.session.scalar(select(func.count(Idea.id)).where(Idea.title.like("%Excel%"))) == 1


def test_every_bad_row_is_reported_and_nothing_is_imported(app, make, tmp_path):
    sheet = (
        "title,details,author email,created,status,voter emails,board\n"
        "Short,,ann@example.com,,,,\n"
        "A perfectly fine idea title,,not-an-email,,,,\n"
        "Another perfectly fine title,,ann@example.com,31/03/2024,,,\n"
        "A third perfectly fine title,,ann@example.com,,almost done,,\n"
        "A fourth perfectly fine title,,ann@example.com,,,bo@,\n"
        "A fifth perfectly fine title,,ann@example.com,,,,no-such-board\n"
        "A sixth perfectly fine title,,ann@example.com,2999-01-01,,,\n"
        "This row alone would be fine,,ann@example.com,,,,\n"
    )
    before = _counts()
    result = app.test_cli_runner().invoke(args=["import-csv", _write(tmp_path, sheet)])
    assert result.exit_code != 0
    for expected in (
        "row 2: The title needs 8 to 140 characters.",
        "row 3: author email 'not-an-email' is not an email address.",
        "row 4: created '31/03/2024' is not a date; write it as 2024-03-31",
        "row 5: status 'almost done' is not one of: New, Under review, Planned",
        "row 6: voter email 'bo@' is not an email address.",
        "row 7: there is no board 'no-such-board'.",
        "row 8: created '2999-01-01' is in the future.",
        "7 row(s) have errors; nothing was imported.",
    ):
        assert expected in result.output
    assert "row 9" not in result.output
    assert _counts() == before


def test_a_spreadsheet_saved_by_excel_with_semicolons_is_read(app, make, tmp_path):
    board = make.board(slug="mobile", name="Mobile apps")
    sheet = (
        "Title;Description;Author;Date;Status;Voters;Board\r\n"
        "Offline mode for the app;Works in the cellar;ann@example.com;2024-05-01T08:00:00Z;"
        "Under review;;Mobile apps\r\n"
    )
    path = _write(tmp_path, sheet, encoding="utf-8-sig")  # Excel writes a byte-order mark
    result = app.test_cli_runner().invoke(args=["import-csv", path])
    assert result.exit_code == 0, result.output
    idea = db.session.scalar(select(Idea).where(Idea.title == "Offline mode for the app"))
    assert idea is not None and idea.board_id == board.id
    assert idea.status == IdeaStatus.UNDER_REVIEW and idea.body == "Works in the cellar"
    assert idea.created_at == datetime(2024, 5, 1, 8, 0)


def test_a_file_without_the_needed_columns_is_refused(app, tmp_path):
    path = _write(tmp_path, "name,text\nx,y\n")
    result = app.test_cli_runner().invoke(args=["import-csv", path])
    assert result.exit_code != 0
    assert "needs the columns title and author email" in result.output
