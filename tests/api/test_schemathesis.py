"""The API against its own OpenAPI document: schemathesis, with every check and every
phase (examples, coverage, fuzzing, stateful), sends valid and invalid requests to the live
app with an admin token and must find nothing: no 500, only documented status codes and
content types, responses that match their schemas, invalid input refused and valid input
accepted, 405 with Allow for undeclared methods, 401 without the token."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import Role
from ideaportal.community import announcements
from ideaportal.community.models import AnnouncementKind
from ideaportal.ideas import services as ideas
from ideaportal.triage import services as triage

# Bounded so the whole run stays under a minute on 2 cores; a fixed seed keeps CI stable
# (IDEAPORTAL_SCHEMATHESIS_SEED=random explores further by hand).
MAX_EXAMPLES = 10
SEED = os.environ.get("IDEAPORTAL_SCHEMATHESIS_SEED", "7")


@pytest.fixture
def live_api(app: Any, make: Any) -> Iterator[tuple[str, str]]:
    admin = make.user(Role.ADMIN)
    board = make.board("general-ideas")
    idea = make.idea(board=board, title="Export every vote as CSV")
    make.idea(board=board, title="Dark mode for the dashboard")
    ideas.add_comment(admin, idea, "An official look at this.", official=True)
    triage.save_team(admin, None, name="Payments", webhook_url="", member_ids=[admin.id])
    announcements.save(
        admin,
        None,
        title="Spring release",
        body="What shipped.",
        kind=AnnouncementKind.CHANGELOG,
        idea_ids=[idea.id],
        publish_at=None,
    )
    _, token = accounts.create_api_token(admin, "schemathesis", ["read", "write", "admin"])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", token
    server.shutdown()
    thread.join(timeout=5)


def test_schemathesis_finds_nothing_with_all_checks(
    live_api: tuple[str, str], tmp_path: Path
) -> None:
    base, token = live_api
    command = [
        sys.executable,
        "-c",
        "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())",
        "run",
        f"{base}/api/v1/openapi.json",
        "--checks",
        "all",
        "--header",
        f"Authorization: Bearer {token}",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--workers",
        "1",
        "--request-timeout",
        "20",
        "--no-color",
        # Strings a database can store: the API refuses NUL and unpaired surrogates (a 422
        # its document states), so generating them would test that refusal as "valid data".
        "--generation-allow-x00",
        "false",
        "--generation-codec",
        "utf-8",
    ]
    if SEED != "random":
        command += ["--seed", SEED]
    result = subprocess.run(  # noqa: S603 - our interpreter running the schemathesis CLI
        command, capture_output=True, text=True, timeout=240, check=False, cwd=tmp_path
    )
    report = result.stdout[-20_000:] + result.stderr[-5_000:]
    assert result.returncode == 0, report
    tested = re.search(r"Tested: (\d+)", report)
    assert tested is not None and int(tested.group(1)) >= 40, report
