"""flask export / flask import: lossless, identical bytes on a round trip, and refusals that
leave the database as it was."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from ideaportal.accounts.models import User
from ideaportal.core import settings_store
from ideaportal.dedup.models import IdeaEmbedding
from ideaportal.demo.seed import DEMO_PASSWORD
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import Board, Idea
from ideaportal.portability.format import EXPORTED_TABLES, FORMAT_VERSION
from ideaportal.sso.models import SsoProvider
from ideaportal.triage.models import ProductTeam
from ideaportal.triage.secrets import decrypt
from tests.conftest import login_as
from tests.portability.portal import (
    SSO_CLIENT_SECRET,
    TRACKER_KEY,
    WIDGET_SECRET,
    WIDGET_SECRET_SETTING,
    empty_portal,
    files_of,
    fill_every_table,
    user,
)

PASSPHRASE = "correct horse battery staple"


def _run(app, *args):
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def test_demo_portal_export_import_export_gives_identical_bytes(app, migrated_template, tmp_path):
    app.config["DUPLICATE_THRESHOLD"] = 0.5  # the test encoder is cruder than MiniLM
    fill_every_table(app)
    team_secret = decrypt(db.session.scalars(select(ProductTeam)).one().secret_encrypted)
    ideas_before = db.session.scalar(select(func.count(Idea.id)))
    first, second = tmp_path / "first", tmp_path / "second"
    exported = _run(app, "export", str(first), "--passphrase", PASSPHRASE)
    assert exported.exit_code == 0, exported.output

    manifest = json.loads((first / "manifest.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION
    # The scenario leaves rows in every table, so the round trip below proves each of them.
    assert {t for t, e in manifest["tables"].items() if e["rows"] > 0} == set(EXPORTED_TABLES)
    assert stat.S_IMODE((first / "user.ndjson").stat().st_mode) == 0o600
    assert stat.S_IMODE(first.stat().st_mode) == 0o700
    assert team_secret not in (first / "product_team.ndjson").read_text()
    assert TRACKER_KEY not in (first / "team_connector.ndjson").read_text()
    assert SSO_CLIENT_SECRET not in (first / "sso_provider.ndjson").read_text()

    target = empty_portal(app, migrated_template, tmp_path)
    imported = _run(target, "import", str(first), "--passphrase", PASSPHRASE)
    assert imported.exit_code == 0, imported.output
    assert f"{ideas_before} ideas" in imported.output
    again = _run(target, "export", str(second), "--passphrase", PASSPHRASE)
    assert again.exit_code == 0, again.output

    assert files_of(first) == files_of(second)
    with target.app_context():
        # Vectors were recomputed after the import, one per idea that had one.
        assert (
            db.session.scalar(select(func.count(IdeaEmbedding.idea_id)))
            == manifest["tables"]["idea_embedding"]["rows"]
        )
        # The team signs with the same secret, now encrypted under this portal's key.
        team = db.session.scalars(select(ProductTeam)).one()
        assert decrypt(team.secret_encrypted) == team_secret
        # And its issue tracker's API key came along the same way.
        assert decrypt(team.connector.api_key_encrypted) == TRACKER_KEY
        # So did the single sign-on client secret and the widget secret.
        provider = db.session.scalars(select(SsoProvider)).one()
        assert decrypt(provider.client_secret_encrypted) == SSO_CLIENT_SECRET
        assert decrypt(settings_store.get(WIDGET_SECRET_SETTING)) == WIDGET_SECRET
        # Ids continue after the imported ones (PostgreSQL's sequences were moved on).
        member = user("member@example.com")
        assert check_password_hash(member.password_hash, DEMO_PASSWORD)
        board = db.session.scalars(select(Board).where(Board.is_private.is_(False))).first()
        posted = ideas.create_idea(member, board, "A brand new idea after the move", "Details.")
        assert posted.id > max(db.session.scalars(select(Idea.id).where(Idea.id != posted.id)))
        client = target.test_client()
        login_as(client, member, DEMO_PASSWORD)
        page = client.get(f"/ideas/{posted.id}").get_data(as_text=True)
        assert "A brand new idea after the move" in page


def test_import_refuses_a_database_that_has_data(app, make, tmp_path):
    make.idea()
    assert _run(app, "export", str(tmp_path / "out")).exit_code == 0
    users = db.session.scalar(select(func.count(User.id)))
    result = _run(app, "import", str(tmp_path / "out"))
    assert result.exit_code != 0
    assert "The database is not empty" in result.output and "flask db upgrade" in result.output
    assert db.session.scalar(select(func.count(User.id))) == users


def _export_small(app, make, folder: Path) -> None:
    author = make.user(email="ann@example.com", display_name="Ann Example")
    make.idea(author=author, title="Export the timesheets as CSV")
    assert _run(app, "export", str(folder)).exit_code == 0


def test_import_refuses_a_newer_format_and_says_so(app, make, migrated_template, tmp_path):
    _export_small(app, make, tmp_path / "out")
    manifest_path = tmp_path / "out" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = FORMAT_VERSION + 1
    manifest_path.write_text(json.dumps(manifest))
    target = empty_portal(app, migrated_template, tmp_path)
    result = _run(target, "import", str(tmp_path / "out"))
    assert result.exit_code != 0
    assert f"format version {FORMAT_VERSION + 1}" in result.output
    assert "Upgrade IdeaPortal" in result.output
    with target.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0


def test_import_refuses_a_changed_file(app, make, migrated_template, tmp_path):
    _export_small(app, make, tmp_path / "out")
    ideas_file = tmp_path / "out" / "idea.ndjson"
    ideas_file.write_text(ideas_file.read_text().replace("timesheets", "timesheet"))
    target = empty_portal(app, migrated_template, tmp_path)
    result = _run(target, "import", str(tmp_path / "out"))
    assert result.exit_code != 0
    assert "idea.ndjson does not match its checksum" in result.output
    with target.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0


def test_a_failing_row_leaves_nothing_behind(app, make, migrated_template, tmp_path):
    """One transaction: a vote for an idea that is not in the export fails the import, and
    the users and ideas inserted before it are gone too."""
    from ideaportal.portability.format import sha256_of

    _export_small(app, make, tmp_path / "out")
    folder = tmp_path / "out"
    votes = folder / "vote.ndjson"
    user_id = json.loads((folder / "user.ndjson").read_text().splitlines()[0])["id"]
    votes.write_text(
        json.dumps(
            {
                "created_at": "2026-01-01T00:00:00.000000",
                "id": 1,
                "idea_id": 999,
                "origin_idea_id": None,
                "user_id": user_id,
            }
        )
        + "\n"
    )
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["tables"]["vote"].update(rows=1, sha256=sha256_of(votes))
    (folder / "manifest.json").write_text(json.dumps(manifest))
    target = empty_portal(app, migrated_template, tmp_path)
    result = _run(target, "import", str(folder))
    assert result.exit_code != 0
    with target.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0
        assert db.session.scalar(select(func.count(Idea.id))) == 0
        assert db.session.scalar(select(func.count(Board.id))) == 1  # the default board


def test_team_secrets_need_a_passphrase_or_are_left_out(app, migrated_template, tmp_path):
    pm = user_with_team(app)
    refused = _run(app, "export", str(tmp_path / "a"))
    assert refused.exit_code != 0 and "--without-team-secrets" in refused.output
    short = _run(app, "export", str(tmp_path / "b"), "--passphrase", "short")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    old = decrypt(db.session.scalars(select(ProductTeam)).one().secret_encrypted)
    assert _run(app, "export", str(tmp_path / "c"), "--without-team-secrets").exit_code == 0
    assert json.loads((tmp_path / "c" / "manifest.json").read_text())["team_secrets"] == "omitted"
    sealed = _run(app, "export", str(tmp_path / "d"), "--passphrase", PASSPHRASE)
    assert sealed.exit_code == 0

    target = empty_portal(app, migrated_template, tmp_path)
    wrong = _run(target, "import", str(tmp_path / "d"), "--passphrase", "not the passphrase")
    assert wrong.exit_code != 0 and "does not open the team secrets" in wrong.output
    no_pass = _run(target, "import", str(tmp_path / "d"))
    assert no_pass.exit_code != 0 and "give the passphrase" in no_pass.output
    done = _run(target, "import", str(tmp_path / "c"))
    assert done.exit_code == 0 and "1 team(s) got a new webhook secret" in done.output
    with target.app_context():
        new = decrypt(db.session.scalars(select(ProductTeam)).one().secret_encrypted)
        assert new.startswith("whsec_") and new != old
    assert pm


def user_with_team(app):
    from ideaportal.accounts.models import Role
    from ideaportal.triage.services import save_team
    from tests.factories import Factory

    admin = Factory().user(Role.ADMIN)
    save_team(admin, None, name="Payroll squad", webhook_url="", member_ids=[])
    return admin


def test_anonymised_export_names_nobody_and_is_stable(app, make, migrated_template, tmp_path):
    author = make.user(email="ann.secret@example.com", display_name="Annika Verborgen")
    idea = make.idea(author=author, title="Payroll export for Annika's team")
    ideas.add_comment(author, idea, "Mail me at ann.secret@example.com, Annika Verborgen")
    user_with_team(app)
    for name in ("a", "b"):
        result = _run(app, "export", str(tmp_path / name), "--anonymise")
        assert result.exit_code == 0, result.output
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    everything = "".join(p.read_text() for p in (tmp_path / "a").iterdir())
    for secret in ("ann.secret@example.com", "Annika Verborgen", author.password_hash, "whsec_"):
        assert secret not in everything
    assert "Payroll export for Annika's team" in everything  # content stays, only names go
    target = empty_portal(app, migrated_template, tmp_path)
    assert _run(target, "import", str(tmp_path / "a")).exit_code == 0
    with target.app_context():
        anonymous = db.session.get(User, author.id)
        assert anonymous is not None
        assert anonymous.email == f"user-{author.id}@anonymised.invalid"
        response = target.test_client().post(
            "/login", data={"email": anonymous.email, "password": "!anonymised"}
        )
        assert response.status_code != 302  # nobody can log in to an anonymised copy


def test_an_export_taken_while_the_portal_writes_agrees_with_itself(app, make, tmp_path):
    """One snapshot for every file: a comment and its counter, written in one transaction
    while the export runs, are both in it or both not."""
    import threading

    from tests.portability.test_backup import _wait_for

    idea_id, author_id = make.idea().id, make.user().id
    stop, written, failed = threading.Event(), [0], []

    def comment_all_the_time() -> None:
        with app.app_context():
            try:
                while not stop.is_set():
                    author, idea = db.session.get(User, author_id), db.session.get(Idea, idea_id)
                    # Numbered: the same text again within a minute is the same post.
                    ideas.add_comment(author, idea, f"Comment number {written[0] + 1}")
                    written[0] += 1
            except Exception as exc:  # reported below, instead of hanging the waits
                failed.append(exc)
                raise

    writer = threading.Thread(target=comment_all_the_time)
    writer.start()
    try:
        _wait_for(lambda: written[0] >= 5 or failed)
        result = _run(app, "export", str(tmp_path / "out"))
        at_export = written[0]
        _wait_for(lambda: written[0] >= at_export + 5 or failed)
    finally:
        stop.set()
        writer.join()
    assert not failed
    assert result.exit_code == 0, result.output
    rows = (tmp_path / "out" / "comment.ndjson").read_text().splitlines()
    exported = next(
        json.loads(line)
        for line in (tmp_path / "out" / "idea.ndjson").read_text().splitlines()
        if json.loads(line)["id"] == idea_id
    )
    assert exported["comment_count"] == len(rows) >= 5
    assert len(rows) < written[0]
