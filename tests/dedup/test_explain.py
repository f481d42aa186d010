"""Every suggestion says why: the similarity as a percentage and the shared words, escaped."""

from __future__ import annotations

from ideaportal.dedup.explain import highlight, shared_words
from tests.conftest import login_as


def test_shared_words_match_on_stems_and_skip_stop_words():
    words = shared_words("Exporting the timesheets to payroll", "Payroll export of a timesheet")
    assert words == ["payroll", "export", "timesheet"]
    assert shared_words("the and of", "the and of") == []


def test_highlight_escapes_user_text_and_marks_only_shared_words():
    html = str(highlight('<script>alert("x")</script> Dark mode & more', ["dark"]))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; more" in html
    assert "<mark>Dark</mark>" in html and html.count("<mark>") == 1


def test_similar_box_shows_percentage_and_the_shared_words(client, make):
    idea = make.idea(title="Shift swap between employees")
    login_as(client, make.user())
    html = client.get("/ideas/similar?title=swap+shifts+employees").get_data(as_text=True)
    assert f"/ideas/{idea.id}" in html
    assert "% similar" in html and "both mention" in html
    assert "<mark>swap</mark>" in html and "<mark>employees</mark>" in html


def test_a_hostile_title_is_escaped_in_the_similar_box(client, make):
    make.idea(title='Dark mode <img src=x onerror="alert(1)"> scheduler')
    html = client.get("/ideas/similar?title=dark+mode+scheduler").get_data(as_text=True)
    assert "<img" not in html and "&lt;img" in html
    assert "<mark>Dark</mark>" in html


def test_duplicates_queue_says_why_two_ideas_look_alike(app, client, make):
    app.config["DUPLICATE_THRESHOLD"] = 0.5
    board = make.board()
    a = make.idea(board=board, title="Export timesheets to payroll", body="payroll timesheets")
    b = make.idea(board=board, title="Payroll export for timesheets", body="timesheets payroll")
    login_as(client, make.pm())
    page = client.get("/triage/duplicates").get_data(as_text=True)
    assert f"#{a.id}" in page and f"#{b.id}" in page
    assert "% similar to #" in page and "both mention" in page
    assert "<mark>payroll</mark>" in page
