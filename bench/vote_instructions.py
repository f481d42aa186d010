"""CPU instructions per request in process, counted by valgrind: a figure that does not move.

    .venv/bin/python bench/vote_instructions.py [--what vote,home] [--requests 200]
        [--compare GIT_REV]

Wall-clock figures on shared machines move by a fifth from minute to minute, more than most
single changes to a hot path are worth. Instructions do not: the same code on the same data
counts the same to within a few tenths of a percent. So this serves the demo database through
Flask's test client (no server, no network) under valgrind's callgrind, with counting
switched on only around the measured requests, and prints instructions per request:

- vote: the demo member's htmx vote on five open ideas, vote or take back at random (a
  fixed seed, so every run sends the same clicks to the same database);
- home: the demo member's home page.

With --compare REV the same is counted for that commit (checked out into a temporary git
worktree, same database copy, same clicks; its schema must match this tree's) and the
change is printed as a ratio. Use it to
decide between two versions of a hot path; the web figures (`bench/web_load.py`) still say
what a user gets. The count includes the test client's own work (about a fifth of a vote),
which is the same on both sides.

Needs valgrind (Debian: `apt install valgrind`). A run takes about a minute per version
and figure.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The web figures' environment and flask commands: the same settings for both benchmarks.
from web_load import ROOT, base_env, flask_cli

# Runs inside valgrind: the app on a copy of the database, logged in as the demo member.
CHILD = r"""
import os, random, re, subprocess, sys
sys.path.insert(0, os.environ["SOURCE"])
from ideaportal import create_app
from ideaportal.extensions import db
from sqlalchemy import text

app = create_app()
client = app.test_client()
env = {"HTTP_USER_AGENT": "Mozilla/5.0 bench", "REMOTE_ADDR": "127.0.0.1"}
page = client.get("/login", environ_base=env).text
token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
answer = client.post("/login", environ_base=env, data={
    "csrf_token": token, "email": "member@example.com", "password": "demo-password"})
assert answer.status_code == 302, answer.status_code
home = client.get("/", environ_base=env).text
token = re.search(r'X-CSRFToken[^A-Za-z0-9]+([A-Za-z0-9._-]{20,})', home).group(1)
with app.app_context():
    ideas = list(db.session.execute(text(
        "select id from idea where status in ('new', 'under_review', 'planned', 'in_progress')"
        " and merged_into_id is null order by id limit 5")).scalars())
what = os.environ["WHAT"]
random.seed(7)

def one():
    if what == "vote":
        answer = client.post(
            f"/ideas/{random.choice(ideas)}/vote", environ_base=env,
            data={"csrf_token": token, "vote": str(random.randint(0, 1))},
            headers={"HX-Request": "true"})
    else:
        answer = client.get("/", environ_base=env)
    assert answer.status_code == 200, answer.status_code

for _ in range(50):
    one()
control = ["callgrind_control", "-i"]
subprocess.run([*control, "on", str(os.getpid())], capture_output=True, check=True)
for _ in range(int(os.environ["REQUESTS"])):
    one()
subprocess.run([*control, "off", str(os.getpid())], capture_output=True, check=True)
"""


def flask_env(database: Path) -> dict[str, str]:
    return base_env() | {
        "IDEAPORTAL_DATABASE_URL": f"sqlite:///{database}",
        "IDEAPORTAL_CACHE_URL": f"filesystem://{database.parent / 'page-cache'}",
    }


def demo_database(work: Path) -> Path:
    database = work / "demo.sqlite3"
    flask_cli(flask_env(database), "db", "upgrade")
    flask_cli(flask_env(database), "seed-demo")
    return database


def count(source: Path, demo: Path, work: Path, what: str, requests: int) -> int:
    """Instructions for `requests` requests of kind `what` by the code in `source`."""
    database = work / f"run-{what}.sqlite3"
    for suffix in ("", "-wal", "-shm", "-writers"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(demo, database)
    env = flask_env(database) | {
        "SOURCE": str(source),
        "WHAT": what,
        "REQUESTS": str(requests),
        "PYTHONHASHSEED": "0",  # the same set and dict orders, run after run
    }
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={work / 'callgrind.out'}",
            sys.executable,
            "-c",
            CHILD,
        ],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or found is None:
        raise RuntimeError(f"the counted run failed:\n{result.stderr[-3000:]}")
    return int(found.group(1))


def worktree(rev: str, work: Path) -> Path:
    path = work / "compare"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "-f", str(path), rev],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--what", default="vote,home", help="vote,home")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--compare", metavar="GIT_REV", help="also count this commit")
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        sys.exit("valgrind is not installed (Debian: apt install valgrind)")
    kinds = [k for k in args.what.split(",") if k]
    if not kinds or set(kinds) - {"vote", "home"}:
        sys.exit("--what takes vote, home or both")
    with tempfile.TemporaryDirectory(prefix="ideaportal-instructions-") as folder:
        work = Path(folder)
        demo = demo_database(work)
        other = worktree(args.compare, work) if args.compare else None
        try:
            for what in kinds:
                mine = count(ROOT, demo, work, what, args.requests) / args.requests
                line = f"{what}: {mine / 1e6:.3f}M instructions per request (this tree)"
                if other is not None:
                    theirs = count(other, demo, work, what, args.requests) / args.requests
                    line += (
                        f", {theirs / 1e6:.3f}M at {args.compare}:"
                        f" {mine / theirs:.3f}x ({(mine / theirs - 1) * 100:+.1f}%)"
                    )
                print(line, flush=True)
        finally:
            if other is not None:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(other)],
                    cwd=ROOT,
                    check=False,
                    capture_output=True,
                )


if __name__ == "__main__":
    main()
