"""flask check-counts: find and fix any counter that differs from its rows."""

from __future__ import annotations

import logging

from sqlalchemy import update

from ideaportal.cli import check_counts_command
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.counters import find_drift, fix_drift
from ideaportal.ideas.models import Idea


def test_exact_counters_report_nothing(app, make):
    idea = make.idea()
    services.set_vote(make.user(), idea, True)
    assert find_drift() == []
    result = app.test_cli_runner().invoke(check_counts_command)
    assert result.exit_code == 0 and "Every counter equals its rows." in result.output


def test_a_drifted_counter_is_named_and_fixed_from_the_rows(app, make):
    idea = make.idea()
    for _ in range(3):
        services.set_vote(make.user(), idea, True)
    db.session.execute(update(Idea).where(Idea.id == idea.id).values(vote_count=7))
    db.session.commit()

    report = app.test_cli_runner().invoke(check_counts_command)
    assert report.exit_code == 1
    assert f"idea #{idea.id}: vote_count is 7, its rows say 3" in report.output

    fixed = fix_drift()
    assert [(d.counter, d.stored, d.rows) for d in fixed] == [("vote_count", 7, 3)]
    db.session.refresh(idea)
    assert idea.vote_count == 3 and find_drift() == []


def test_the_nightly_job_fixes_drift_and_logs_each_fix(app, make, caplog, monkeypatch):
    from ideaportal.ideas.tasks import check_counts_nightly

    idea = make.idea()
    for _ in range(2):
        services.set_vote(make.user(), idea, True)
    db.session.execute(update(Idea).where(Idea.id == idea.id).values(vote_count=9))
    db.session.commit()
    # Alembic's logging set-up (run by the test database's migrations) disables the loggers
    # that existed then; the worker process never runs it.
    monkeypatch.setattr(logging.getLogger("ideaportal.ideas.counters"), "disabled", False)
    with caplog.at_level("WARNING", logger="ideaportal.ideas.counters"):
        check_counts_nightly()  # the worker's periodic job, run inline here
    assert f"idea {idea.id}: vote_count was 9, its rows say 2 (fixed)" in caplog.text
    db.session.refresh(idea)
    assert idea.vote_count == 2 and find_drift() == []
