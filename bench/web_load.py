"""Every web figure of the portal beside the bare-Flask ceiling measured in the same run, on
SQLite and on PostgreSQL + Redis, plus a mixed realistic locust scenario: one table.

    .venv/bin/python bench/web_load.py [--quick] [--backends sqlite,postgres] [--json FILE]
        [--shared DIR] [--pg auto|pgserver|debian] [--users 24]

1. The ceiling: the bare-Flask app (`../shared/bench/bare_flask.py` from the repository root,
   or --shared DIR) under gunicorn exactly as the portal (2 sync workers, 127.0.0.1, a free
   port), measured with `wrk -t2 -c16 -d8s --latency`: `/` (hello: the read ceiling) and
   POST /vote/<1..100> (a raw sqlite3 vote toggle: the write ceiling). It is served for the
   whole run and measured right before and right after each portal figure, which is divided
   by the mean of the two (shared machines drift by 2x within minutes).
2. Per backend, a portal of its own: a fresh database (SQLite file in a temporary folder, or
   PostgreSQL), `flask db upgrade`, `flask seed-demo` (300 ideas, 40 users; on PostgreSQL
   then VACUUM ANALYZE, as autovacuum would soon after), rate limits off,
   a fixed secret key, the job queue on a SQLite file (or Redis); served by
   `gunicorn -c gunicorn.conf.py wsgi:app` (2 sync workers) with `flask worker` beside it,
   as in production. Measured with wrk -t2 -c16: the anonymous home page, idea pages, the
   home page of a logged-in member, and the vote button (htmx POST) of ONE member on 16
   connections, vote or take back chosen at random, over a handful of ideas; afterwards the
   counters must equal the rows (sum of vote_count = votes, sum of follower_count = follows).
   Similar-as-you-type (/api/v1/ideas/similar, anonymous) with 1 typist (wrk -t1 -c1) and 4
   at once (wrk -t2 -c4), model warm. Then locust (bench/locustfile.py) headless for 60 s:
   80% browsing, 10% voting, 8% typing a new idea, 2% posting one; per endpoint p50/p95 and
   failures. Memory: PSS (proportional set size, /proc/<pid>/smaps_rollup) of the workers and
   of the whole node (master, workers, embedding server); on SQLite also a short start with
   IDEAPORTAL_WEB_WORKERS=4.
3. PostgreSQL + Redis: IDEAPORTAL_BENCH_DATABASE_URL (an empty database) and
   IDEAPORTAL_BENCH_REDIS_URL when set, else a throwaway redis-server (Debian) and a throwaway
   PostgreSQL: pgserver (PostgreSQL with pgvector, as CI) when installed, else Debian's
   binaries (/usr/lib/postgresql/*/bin, run as the postgres user when we are root). Needs the
   postgres and redis extras (`pip install -e ".[postgres,redis]"`).

Absolute figures move by 2x between runs on shared machines; the ratios measured in one run
are what the targets judge. Every process started here is stopped on exit, Ctrl-C included.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import platform
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEMO_PASSWORD = "demo-password"
SECRET_KEY = "web-load-bench-secret-key-not-for-production"
OPEN_STATUSES = ("new", "under_review", "planned", "in_progress")
# A browser sends the same User-Agent on every request of a session, and Flask-Login's session
# protection checks it: a session logged in under one agent and used under another is marked
# not fresh and its cookie rewritten on every response. The member's log-in and every request
# wrk sends on their behalf carry this one.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) IdeaPortal-bench"

# ---- targets: (what, threshold) ----
TARGET_READ = 0.25  # anonymous home and idea page, of hello
TARGET_MEMBER = 0.12  # member home, of hello
TARGET_VOTE = 0.50  # vote, of the raw sqlite3 toggle
TARGET_SIMILAR_SCALE = 1.5  # 4 typists' req/s over one's
TARGET_SIMILAR_P99_MS = 100.0
TARGET_PSS_4_WORKERS_MB = 1536.0
TARGET_PG_WITHIN = 0.20  # PG+Redis ratios at most 20% below SQLite's


# ---------------------------------------------------------------- processes and cleanup


class Processes:
    """Every process we start, each in its own process group, stopped in reverse order."""

    def __init__(self) -> None:
        self.running: list[tuple[subprocess.Popen[bytes], Any]] = []

    def start(
        self, args: list[str], env: dict[str, str], log: Path, cwd: Path = ROOT
    ) -> subprocess.Popen[bytes]:
        out = log.open("ab")
        process = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running.append((process, out))
        return process

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        # Anything the group left behind (gunicorn's embedding server, say).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        for entry in list(self.running):
            if entry[0] is process:
                entry[1].close()
                self.running.remove(entry)

    def stop_all(self) -> None:
        for process, _ in reversed(list(self.running)):
            self.stop(process)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    last: object = None
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (httpx.HTTPError, OSError) as exc:
            last = exc
        time.sleep(0.3)
    raise TimeoutError(f"{what} not ready after {seconds:.0f} s ({last})")


def tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


# ---------------------------------------------------------------- wrk


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers plus socket errors
    note: str = ""


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value.strip())
    if not found:
        return float("nan")
    return float(found.group(1)) * UNITS[found.group(2)]


def wrk(
    url: str,
    seconds: int,
    threads: int = 2,
    connections: int = 16,
    script: Path | None = None,
    headers: dict[str, str] | None = None,
) -> Load:
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    args += ["--timeout", "10s"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    if script is not None:
        args += ["-s", str(script)]
    result = subprocess.run(
        [*args, url], capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    out = result.stdout
    if result.returncode != 0 or "Requests/sec" not in out:
        raise RuntimeError(f"wrk failed: {result.stderr or out}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return Load(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        p50_ms=_ms(latency.get("50", "")),
        p99_ms=_ms(latency.get("99", "")),
        requests=int(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        errors=errors,
    )


LUA_SEED = """
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  math.randomseed(os.time() * 1000 + (id or 0) * 7919)
end
"""


def lua_list(values: list[str]) -> str:
    return "{" + ", ".join(json.dumps(v) for v in values) + "}"


def lua_get_paths(paths: list[str]) -> str:
    return (
        LUA_SEED
        + f"local paths = {lua_list(paths)}\n"
        + "request = function()\n"
        + '  return wrk.format("GET", paths[math.random(1, #paths)])\nend\n'
    )


LUA_BARE_VOTE = (
    LUA_SEED
    + """request = function()
  return wrk.format("POST", "/vote/" .. math.random(1, 100))
end
"""
)


def lua_member_vote(idea_ids: list[int], token: str) -> str:
    return (
        LUA_SEED
        + f"local ideas = {{{', '.join(map(str, idea_ids))}}}\n"
        + f"local token = {json.dumps(quote(token, safe=''))}\n"
        + """wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["HX-Request"] = "true"
request = function()
  local idea = ideas[math.random(1, #ideas)]
  local body = "csrf_token=" .. token .. "&vote=" .. (math.random(0, 1))
  return wrk.format("POST", "/ideas/" .. idea .. "/vote", nil, body)
end
"""
    )


# ---------------------------------------------------------------- memory


def pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) if found else 0


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@dataclass
class Memory:
    workers: int
    workers_mb: float
    node_mb: float  # master + workers + embedding server (+ anything else they started)
    model_server_mb: float


def node_memory(master: int) -> Memory:
    workers_kb = server_kb = 0
    workers = 0
    total_kb = pss_kb(master)
    stack = children(master)
    while stack:
        pid = stack.pop()
        kb = pss_kb(pid)
        total_kb += kb
        if "embedding_server" in cmdline(pid):
            server_kb += kb
        elif "gunicorn" in cmdline(pid):
            workers += 1
            workers_kb += kb
        stack += children(pid)
    return Memory(workers, workers_kb / 1024, total_kb / 1024, server_kb / 1024)


# ---------------------------------------------------------------- backends


@dataclass
class Backend:
    name: str
    env: dict[str, str]
    database_url: str
    label: str


@contextlib.contextmanager
def redis_url(procs: Processes, work: Path) -> Iterator[str]:
    given = os.environ.get("IDEAPORTAL_BENCH_REDIS_URL")
    if given:
        yield given
        return
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server not found: apt-get install redis-server")
    port = free_port()
    process = procs.start(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--dir", str(work)],
        dict(os.environ),
        work / "redis.log",
        cwd=work,
    )

    def up() -> bool:
        socket.create_connection(("127.0.0.1", port), 1).close()
        return True

    try:
        wait_until(up, 20, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        procs.stop(process)


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@contextlib.contextmanager
def debian_postgres(work: Path) -> Iterator[str]:
    """A throwaway cluster of Debian's PostgreSQL (the server refuses to run as root)."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not bins:
        raise SystemExit("no PostgreSQL: apt-get install postgresql, or pip install pgserver")
    bindir = bins[-1].parent
    folder = work / "pg"
    folder.mkdir()
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        work.chmod(0o755)
    data, port = folder / "data", free_port()
    run = dict(capture_output=True, text=True, timeout=120, check=True)
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
        **run,  # type: ignore[call-overload]
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    started = False
    try:
        subprocess.run(
            _as_postgres(
                [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w"]
                + ["-o", options, "start"]
            ),
            **run,  # type: ignore[call-overload]
        )
        started = True
        subprocess.run(
            _as_postgres(
                [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port)]
                + ["-U", "postgres", "ideaportal_bench"]
            ),
            **run,  # type: ignore[call-overload]
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/ideaportal_bench"
    finally:
        if started:
            subprocess.run(
                _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
                capture_output=True,
                timeout=60,
                check=False,
            )


@contextlib.contextmanager
def pgserver_postgres(work: Path) -> Iterator[str]:
    """PostgreSQL with pgvector from the pgserver package (as CI and the scale tests)."""
    import pgserver

    folder = work / "pg"
    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        server.psql('CREATE DATABASE "ideaportal_bench";')
        yield f"postgresql+psycopg://postgres:@/ideaportal_bench?host={folder}"
    finally:
        server.cleanup()


@contextlib.contextmanager
def postgres_url(work: Path, choice: str) -> Iterator[tuple[str, str]]:
    given = os.environ.get("IDEAPORTAL_BENCH_DATABASE_URL")
    if given:
        yield given, "IDEAPORTAL_BENCH_DATABASE_URL"
        return
    if choice == "auto":
        try:
            import pgserver  # noqa: F401

            choice = "pgserver"
        except ImportError:
            choice = "debian"
    if choice == "pgserver":
        with pgserver_postgres(work) as url:
            yield url, "pgserver (PostgreSQL 16 + pgvector)"
    else:
        with debian_postgres(work) as url:
            yield url, "Debian PostgreSQL"


def base_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("IDEAPORTAL_") and k not in {"HOST", "PORT"}
    }
    env.update(
        FLASK_APP="ideaportal:create_app",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        IDEAPORTAL_SECRET_KEY=SECRET_KEY,
        IDEAPORTAL_RATELIMIT_ENABLED="false",
        IDEAPORTAL_LOG_LEVEL="WARNING",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


# ---------------------------------------------------------------- the portal


class Portal:
    """One IdeaPortal node (gunicorn) and its job worker."""

    def __init__(self, procs: Processes, env: dict[str, str], work: Path, workers: int = 2):
        self.procs, self.work = procs, work
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "IDEAPORTAL_WEB_WORKERS": str(workers), "HOST": "127.0.0.1"}
        self.env["PORT"] = str(self.port)
        self.log = work / f"gunicorn-{self.port}.log"
        if (ROOT / "gunicorn.conf.py").exists():
            args = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"]
        else:
            args = [str(BIN / "gunicorn"), "--workers", str(workers)]
            args += ["--bind", f"127.0.0.1:{self.port}", "wsgi:app"]
        self.web = procs.start(args, self.env, self.log)
        self.worker: subprocess.Popen[bytes] | None = None

    def start_worker(self) -> None:
        self.worker = self.procs.start(
            [str(BIN / "flask"), "worker"], self.env, self.work / f"worker-{self.port}.log"
        )

    def wait_ready(self, seconds: float = 240) -> None:
        def ready() -> bool:
            if self.web.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{tail(self.log)}")
            return httpx.get(f"{self.url}/readyz", timeout=10).status_code == 200

        wait_until(ready, seconds, f"the portal on port {self.port}")

    def stop(self) -> None:
        if self.worker is not None:
            self.procs.stop(self.worker)
        self.procs.stop(self.web)


def flask_cli(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "flask"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
CSRF_HEADER = re.compile(r'X-CSRFToken"\s*:\s*"([^"]+)"')


def csrf_token(html: str) -> str:
    found = CSRF_HEADER.search(html)
    if found:
        return found.group(1)
    found = CSRF.search(html)
    if not found:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1) or found.group(2)


def log_in(url: str, email: str) -> tuple[httpx.Client, str]:
    """A member's session (GET /login for the CSRF token, POST the form) and a CSRF token."""
    client = httpx.Client(base_url=url, timeout=30, headers={"User-Agent": USER_AGENT})
    token = csrf_token(client.get("/login").text)
    response = client.post(
        "/login", data={"csrf_token": token, "email": email, "password": DEMO_PASSWORD}
    )
    if response.status_code != 302:
        raise RuntimeError(f"login as {email} failed: {response.status_code}")
    home = client.get("/")
    # Only a logged-in page carries the CSRF header for htmx on <body>.
    found = CSRF_HEADER.search(home.text)
    if home.status_code != 200 or not found:
        raise RuntimeError("the member home page does not look logged in")
    return client, found.group(1)


@dataclass
class Demo:
    idea_ids: list[int]
    open_idea_ids: list[int]
    boards: list[str]
    members: list[str]
    titles: list[str]


def read_demo(database_url: str) -> Demo:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as c:
            visible = (
                "from idea i join board b on b.id = i.board_id where not b.is_private "
                "and not i.hidden and i.merged_into_id is null"
            )
            open_ = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
            return Demo(
                idea_ids=list(c.scalars(text(f"select i.id {visible} order by i.id"))),
                open_idea_ids=list(
                    c.scalars(
                        text(f"select i.id {visible} and i.status in ({open_}) order by i.id")
                    )
                ),
                boards=list(c.scalars(text("select slug from board where not is_private"))),
                members=list(
                    c.scalars(
                        text(
                            "select email from \"user\" where role = 'member' and "
                            "deleted_at is null and suspended_until is null order by id"
                        )
                    )
                ),
                titles=list(c.scalars(text(f"select i.title {visible} order by i.id"))),
            )
    finally:
        engine.dispose()


@dataclass
class Counters:
    vote_counts: int
    votes: int
    follower_counts: int
    follows: int
    ideas_off: int

    @property
    def exact(self) -> bool:
        return (
            self.vote_counts == self.votes
            and self.follower_counts == self.follows
            and self.ideas_off == 0
        )

    def __str__(self) -> str:
        verdict = "exact" if self.exact else "MISMATCH"
        return (
            f"{verdict}: sum(vote_count) {self.vote_counts} vs {self.votes} votes, "
            f"sum(follower_count) {self.follower_counts} vs {self.follows} follows, "
            f"{self.ideas_off} idea(s) off"
        )


def check_counters(database_url: str) -> Counters:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as c:
            row = c.execute(
                text(
                    "select (select coalesce(sum(vote_count), 0) from idea),"
                    " (select count(*) from vote),"
                    " (select coalesce(sum(follower_count), 0) from idea),"
                    " (select count(*) from follow),"
                    " (select count(*) from idea i where i.vote_count !="
                    "   (select count(*) from vote v where v.idea_id = i.id)"
                    "  or i.follower_count !="
                    "   (select count(*) from follow f where f.idea_id = i.id))"
                )
            ).one()
            return Counters(*(int(v) for v in row))
    finally:
        engine.dispose()


def prefixes(titles: list[str], count: int = 200) -> list[str]:
    """Partial titles as someone types them (at least 3 characters, cut at random)."""
    import random

    rng = random.Random(7)
    out = []
    for _ in range(count):
        title = rng.choice(titles)
        out.append(title[: rng.randint(min(len(title), 6), len(title))])
    return out


def warm_similar(url: str, queries: list[str], seconds: float = 60) -> None:
    """Until similar answers quickly on every worker (the model loads lazily)."""
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=url, timeout=60) as client:
        fast = 0
        n = 0
        while time.monotonic() < deadline and fast < 12:
            q = queries[n % len(queries)]
            n += 1
            started = time.perf_counter()
            response = client.get("/api/v1/ideas/similar", params={"q": q, "k": 5})
            response.raise_for_status()
            fast = fast + 1 if time.perf_counter() - started < 0.2 else 0


def warm_all_workers(url: str, queries: list[str], parallel: int, rounds: int = 6) -> None:
    def one(i: int) -> None:
        with httpx.Client(base_url=url, timeout=120) as client:
            for r in range(rounds):
                q = queries[(i * rounds + r) % len(queries)]
                client.get("/api/v1/ideas/similar", params={"q": q, "k": 5})

    threads = [threading.Thread(target=one, args=(i,)) for i in range(parallel)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)


# ---------------------------------------------------------------- locust


def run_locust(url: str, demo: Demo, work: Path, seconds: int, users: int) -> dict[str, Any]:
    data = work / "locust-data.json"
    data.write_text(json.dumps(asdict(demo)))
    prefix = work / f"locust-{free_port()}"
    env = {**os.environ, "WEB_LOAD_DATA": str(data)}
    args = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
    args += ["-u", str(users), "-r", str(max(1, users // 3)), "-t", f"{seconds}s"]
    args += ["--host", url, "--csv", str(prefix), "--only-summary", "--stop-timeout", "5"]
    args += ["--loglevel", "ERROR"]
    result = subprocess.run(
        args,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=False,
        start_new_session=True,
    )
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise RuntimeError(f"locust produced no statistics:\n{result.stdout}\n{result.stderr}")
    endpoints: dict[str, Any] = {}
    with stats_file.open() as handle:
        for row in csv.DictReader(handle):
            name = "all requests" if row["Name"] == "Aggregated" else row["Name"]
            endpoints[name] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50_ms": float(row["50%"] or "nan"),
                "p95_ms": float(row["95%"] or "nan"),
            }
    failures = Path(f"{prefix}_failures.csv")
    sample = failures.read_text()[:1500] if failures.exists() else ""
    return {"users": users, "seconds": seconds, "endpoints": endpoints, "failures": sample}


# ---------------------------------------------------------------- the measurements


@dataclass
class Result:
    backend: str
    label: str
    loads: dict[str, Load] = field(default_factory=dict)
    ceilings: dict[str, Load] = field(default_factory=dict)  # per figure: mean around it
    counters_after_vote: Counters | None = None
    counters_after_locust: Counters | None = None
    memory: Memory | None = None
    memory_4_workers: Memory | None = None
    locust: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


class Ceiling:
    """The bare-Flask app, served beside the portal for the whole run. Every portal figure is
    divided by the ceiling measured right before and right after it (their mean): the
    machine's speed drifts by 2x within minutes when others share it."""

    def __init__(self, procs: Processes, shared: Path, work: Path, seconds: int):
        app = shared / "bare_flask.py"
        if not app.exists():
            raise SystemExit(f"bare-Flask app not found: {app} (give --shared DIR)")
        self.seconds = seconds
        self.samples: dict[str, list[float]] = {"hello": [], "toggle": []}
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = procs.start(
            [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2"]
            + ["--chdir", str(shared), "bare_flask:app"],
            base_env(),
            work / "bare.log",
            # gunicorn reads ./gunicorn.conf.py by default: not the portal's here.
            cwd=shared,
        )
        wait_until(lambda: httpx.get(self.url, timeout=5).status_code == 200, 60, "bare Flask")
        self.vote_script = work / "bare-vote.lua"
        self.vote_script.write_text(LUA_BARE_VOTE)
        httpx.post(f"{self.url}/vote/1", timeout=10).raise_for_status()

    def measure(self, kind: str) -> Load:
        if kind == "hello":
            load = wrk(self.url + "/", self.seconds)
        else:
            load = wrk(self.url, self.seconds, script=self.vote_script)
        self.samples[kind].append(load.rps)
        return load

    def around(self, kind: str, before: Load, measure: Callable[[], Load]) -> tuple[Load, Load]:
        """Run measure(), then the ceiling again; returns (the figure, the ceiling's mean of
        before and after) and the after-sample (for the next figure's before)."""
        figure = measure()
        after = self.measure(kind)
        mean = Load(
            rps=(before.rps + after.rps) / 2,
            p50_ms=(before.p50_ms + after.p50_ms) / 2,
            p99_ms=(before.p99_ms + after.p99_ms) / 2,
            requests=before.requests + after.requests,
            errors=before.errors + after.errors,
            note=f"{before.rps:,.0f} / {after.rps:,.0f}",
        )
        self._last = after
        return figure, mean

    def median_around(
        self, kind: str, before: Load, measure: Callable[[], Load], rounds: int
    ) -> tuple[Load, Load]:
        """around() `rounds` times in a row; the round whose ratio to its ceiling is the
        median (each round's ratio in its note). A neighbour on a shared machine can halve
        one 8-second window: one of three rounds hit that way no longer decides the figure."""
        tried: list[tuple[float, Load, Load]] = []
        for _ in range(rounds):
            figure, mean = self.around(kind, before, measure)
            tried.append((figure.rps / mean.rps if mean.rps else 0.0, figure, mean))
            before = self.last
        ratios = ", ".join(f"{ratio:.0%}" for ratio, _, _ in tried)
        _, figure, mean = sorted(tried, key=lambda t: t[0])[len(tried) // 2]
        if rounds > 1:
            figure.note = f"median of {rounds} rounds: {ratios}"
            say(f"    {rounds} rounds, ratio to the {kind}: {ratios}; the median is kept")
        return figure, mean

    @property
    def last(self) -> Load:
        return self._last


def prepare(backend: Backend) -> None:
    flask_cli(backend.env, "db", "upgrade")
    flask_cli(backend.env, "seed-demo")
    settle(backend.database_url)


def settle(database_url: str) -> None:
    """On PostgreSQL, VACUUM ANALYZE after the demo load: the state autovacuum reaches in the
    minutes after such a load, and what a portal that grew to this size has. Measured right
    after the load instead, autovacuum works through it on the same two cores during some
    runs and not others (votes moved by a third from one run to the next)."""
    from sqlalchemy import create_engine, text

    if not database_url.startswith("postgresql"):
        return
    engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as c:
            c.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


def measure_backend(
    procs: Processes,
    backend: Backend,
    work: Path,
    seconds: int,
    args: argparse.Namespace,
    ceiling: Ceiling,
) -> Result:
    result = Result(backend.name, backend.label)
    say(f"[{backend.name}] migrating and loading the demo community ...")
    prepare(backend)
    demo = read_demo(backend.database_url)
    if len(demo.open_idea_ids) < 5 or not demo.members:
        raise RuntimeError("the demo data has too few open ideas or no members")
    queries = prefixes(demo.titles)
    portal = Portal(procs, backend.env, work)
    try:
        portal.start_worker()
        say(f"[{backend.name}] starting gunicorn (2 workers) and the job worker ...")
        portal.wait_ready()
        url = portal.url
        ideas = demo.open_idea_ids[:: max(1, len(demo.open_idea_ids) // 20)][:20]
        for idea in ideas[:3]:
            httpx.get(f"{url}/ideas/{idea}", timeout=30).raise_for_status()
        httpx.get(url + "/", timeout=30).raise_for_status()

        scripts = work / backend.name
        scripts.mkdir(exist_ok=True)
        (scripts / "ideas.lua").write_text(lua_get_paths([f"/ideas/{i}" for i in ideas]))
        say(f"[{backend.name}] wrk: anonymous home, idea pages (each between two hellos) ...")
        hello = ceiling.measure("hello")
        result.loads["home"], result.ceilings["home"] = ceiling.median_around(
            "hello", hello, lambda: wrk(url + "/", seconds), args.rounds
        )
        result.loads["idea"], result.ceilings["idea"] = ceiling.median_around(
            "hello",
            ceiling.last,
            lambda: wrk(url, seconds, script=scripts / "ideas.lua"),
            args.rounds,
        )

        member = "member@example.com" if "member@example.com" in demo.members else demo.members[0]
        client, token = log_in(url, member)
        cookie = "; ".join(f"{c.name}={c.value}" for c in client.cookies.jar)
        browser = {"Cookie": cookie, "User-Agent": USER_AGENT}
        say(f"[{backend.name}] wrk: member home, votes of one member on 16 connections ...")
        # wrk sends only these headers: make sure they alone are a logged-in member who may vote.
        page = httpx.get(url + "/", headers=browser, timeout=30)
        if not CSRF_HEADER.search(page.text):
            raise RuntimeError("the session cookie alone does not log the member in")
        result.loads["member_home"], result.ceilings["member_home"] = ceiling.median_around(
            "hello", ceiling.last, lambda: wrk(url + "/", seconds, headers=browser), args.rounds
        )
        vote_ideas = demo.open_idea_ids[1:6]
        check = httpx.post(
            f"{url}/ideas/{vote_ideas[0]}/vote",
            data={"csrf_token": token, "vote": "1"},
            headers={"HX-Request": "true", **browser},
            timeout=30,
        )
        if check.status_code != 200:
            raise RuntimeError(f"a vote was refused: {check.status_code} {check.text[:300]}")
        client.close()
        (scripts / "vote.lua").write_text(lua_member_vote(vote_ideas, token))
        toggle = ceiling.measure("toggle")
        result.loads["vote"], result.ceilings["vote"] = ceiling.median_around(
            "toggle",
            toggle,
            lambda: wrk(url, seconds, script=scripts / "vote.lua", headers=browser),
            args.rounds,
        )
        result.counters_after_vote = check_counters(backend.database_url)
        say(f"[{backend.name}] counters after the votes: {result.counters_after_vote}")

        say(f"[{backend.name}] similar-as-you-type: warming the model, 1 and 4 typists ...")
        warm_similar(url, queries)
        warm_all_workers(url, queries, parallel=4)
        paths = [
            "/api/v1/ideas/similar?" + urlencode({"q": q, "k": 5}) for q in queries if len(q) >= 3
        ]
        (scripts / "similar.lua").write_text(lua_get_paths(paths))
        result.loads["similar_1"] = wrk(
            url, seconds, threads=1, connections=1, script=scripts / "similar.lua"
        )
        result.loads["similar_4"] = wrk(
            url, seconds, threads=2, connections=4, script=scripts / "similar.lua"
        )

        say(f"[{backend.name}] locust: {args.locust_seconds} s mixed scenario ...")
        result.locust = run_locust(url, demo, work, args.locust_seconds, args.users)
        result.counters_after_locust = check_counters(backend.database_url)
        say(f"[{backend.name}] counters after locust: {result.counters_after_locust}")
        result.memory = node_memory(portal.web.pid)
    except Exception:
        say(f"[{backend.name}] gunicorn log:\n{tail(portal.log)}")
        raise
    finally:
        portal.stop()

    if args.pss_4_workers:
        say(f"[{backend.name}] memory with IDEAPORTAL_WEB_WORKERS=4 ...")
        big = Portal(procs, backend.env, work, workers=4)
        try:
            big.wait_ready()
            warm_all_workers(big.url, queries, parallel=8, rounds=4)
            result.memory_4_workers = node_memory(big.web.pid)
        finally:
            big.stop()
    return result


def sqlite_backend(work: Path) -> Backend:
    folder = work / "sqlite"
    folder.mkdir()
    url = f"sqlite:///{folder / 'ideaportal.sqlite3'}"
    env = base_env()
    env.update(
        IDEAPORTAL_DATABASE_URL=url,
        IDEAPORTAL_QUEUE_URL=f"sqlite:///{folder / 'jobs.sqlite3'}",
        IDEAPORTAL_CACHE_URL=f"filesystem://{folder / 'page-cache'}",
    )
    return Backend("sqlite", env, url, "SQLite file, SQLite queue, page cache in a folder")


def postgres_backend(database: str, redis: str, label: str) -> Backend:
    env = base_env()
    env.update(
        IDEAPORTAL_DATABASE_URL=database,
        IDEAPORTAL_QUEUE_URL=redis,
        IDEAPORTAL_RATELIMIT_STORAGE_URI=redis,
        IDEAPORTAL_CACHE_URL=redis,
        IDEAPORTAL_CACHE_KEY_PREFIX=f"web-load-{os.getpid()}:",
    )
    return Backend("postgres", env, database, f"{label} + Redis (queue, limits, page cache)")


# ---------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        found = re.search(r"^model name\s*:\s*(.*)$", Path("/proc/cpuinfo").read_text(), re.M)
        model = found.group(1) if found else ""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    return {
        "cpu": model or platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "kernel": platform.release(),
        "wrk": (wrk_version.stdout or wrk_version.stderr).split("\n")[0].strip(),
        "commit": commit,
    }


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fmt_load(load: Load | None) -> str:
    if load is None:
        return "-"
    text = f"{load.rps:,.0f}/s p50 {load.p50_ms:.1f} p99 {load.p99_ms:.0f}ms"
    if load.errors:
        text += f" ERR {load.errors}"
    return text


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or not b:
        return None
    return a / b


def fmt_ratio(value: float | None, percent: bool = True) -> str:
    if value is None:
        return "-"
    return f"{value:.0%}" if percent else f"{value:.2f}x"


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("pass" if ok else "FAIL")


def build_rows(results: dict[str, Result]) -> tuple[list[list[str]], dict[str, Any]]:
    """The table's rows and the same figures for --json."""
    sq, pg = results.get("sqlite"), results.get("postgres")
    rows: list[list[str]] = []
    figures: dict[str, Any] = {}

    def load_row(key: str, what: str, ceiling_key: str, target: float, extra: str = "") -> None:
        cs = sq.ceilings.get(key) if sq else None
        cp = pg.ceilings.get(key) if pg else None
        s = sq.loads.get(key) if sq else None
        p = pg.loads.get(key) if pg else None
        rs, rp = ratio(s and s.rps, cs and cs.rps), ratio(p and p.rps, cp and cp.rps)
        clean_s = s is not None and s.errors == 0
        clean_p = p is not None and p.errors == 0
        ok_s = None if rs is None else (rs >= target and clean_s)
        ok_p = None if rp is None else (rp >= target and clean_p)
        if key == "vote":
            if sq and sq.counters_after_vote:
                ok_s = bool(ok_s) and sq.counters_after_vote.exact
            if pg and pg.counters_after_vote:
                ok_p = bool(ok_p) and pg.counters_after_vote.exact
        pg_vs = ratio(rp, rs)
        within = f"{1 - TARGET_PG_WITHIN:.0%}"
        ok_within = None if pg_vs is None else pg_vs >= 1 - TARGET_PG_WITHIN
        rows.append(
            [
                what,
                f"{ceiling_key} "
                + " · ".join(f"{c.rps:,.0f}" for c in (cs, cp) if c is not None)
                + "/s",
                fmt_load(s),
                fmt_ratio(rs),
                fmt_load(p),
                fmt_ratio(rp),
                fmt_ratio(pg_vs, percent=False),
                f">= {target:.0%} of {ceiling_key}{extra}; PG >= {within} of SQLite's",
                f"{verdict(ok_s)} / {verdict(ok_p)} / {verdict(ok_within)}",
            ]
        )
        figures[key] = {
            "ceiling_sqlite": asdict(cs) if cs else None,
            "ceiling_postgres": asdict(cp) if cp else None,
            "sqlite": asdict(s) if s else None,
            "sqlite_ratio": rs,
            "postgres": asdict(p) if p else None,
            "postgres_ratio": rp,
            "postgres_vs_sqlite": pg_vs,
            "pass": {"sqlite": ok_s, "postgres": ok_p, "postgres_within_20pct": ok_within},
        }

    load_row("home", "anonymous home /", "hello", TARGET_READ)
    load_row("idea", "idea page /ideas/<id>", "hello", TARGET_READ)
    load_row("member_home", "member home / (logged in)", "hello", TARGET_MEMBER)
    load_row("vote", "vote (1 member, 16 conns)", "toggle", TARGET_VOTE, ", counters exact")

    def counters_text(r: Result | None, attr: str) -> str:
        c = getattr(r, attr, None) if r else None
        if c is None:
            return "-"
        return "exact" if c.exact else f"MISMATCH ({c})"

    for attr, what in (
        ("counters_after_vote", "counters after the votes"),
        ("counters_after_locust", "counters after locust"),
    ):
        cs, cp = (getattr(r, attr, None) if r else None for r in (sq, pg))
        rows.append(
            [
                what,
                "-",
                counters_text(sq, attr),
                "",
                counters_text(pg, attr),
                "",
                "",
                "sum(vote_count)=votes, sum(follower_count)=follows",
                f"{verdict(cs.exact if cs else None)} / {verdict(cp.exact if cp else None)}",
            ]
        )
        figures[attr] = {
            "sqlite": asdict(cs) if cs else None,
            "postgres": asdict(cp) if cp else None,
        }

    def similar(r: Result | None) -> tuple[Load | None, Load | None, float | None, bool | None]:
        if r is None or "similar_1" not in r.loads:
            return None, None, None, None
        one, four = r.loads["similar_1"], r.loads["similar_4"]
        scale = ratio(four.rps, one.rps)
        ok = (
            scale is not None
            and scale >= TARGET_SIMILAR_SCALE
            and four.p99_ms < TARGET_SIMILAR_P99_MS
            and one.errors == four.errors == 0
        )
        return one, four, scale, ok

    s1, s4, ss, ok_ss = similar(sq)
    p1, p4, ps, ok_ps = similar(pg)
    rows.append(
        [
            "similar, 1 typist",
            "-",
            fmt_load(s1),
            "",
            fmt_load(p1),
            "",
            fmt_ratio(ratio(p1 and p1.rps, s1 and s1.rps), percent=False),
            "",
            "",
        ]
    )
    rows.append(
        [
            "similar, 4 typists",
            "-",
            fmt_load(s4),
            "",
            fmt_load(p4),
            "",
            fmt_ratio(ratio(p4 and p4.rps, s4 and s4.rps), percent=False),
            "",
            "",
        ]
    )
    rows.append(
        [
            "similar, 4-vs-1 typists",
            "-",
            fmt_ratio(ss, percent=False),
            "",
            fmt_ratio(ps, percent=False),
            "",
            "",
            f">= {TARGET_SIMILAR_SCALE}x one, p99 < {TARGET_SIMILAR_P99_MS:.0f} ms",
            f"{verdict(ok_ss)} / {verdict(ok_ps)}",
        ]
    )
    figures["similar"] = {
        "sqlite": {
            "one": asdict(s1) if s1 else None,
            "four": asdict(s4) if s4 else None,
            "scale": ss,
            "pass": ok_ss,
        },
        "postgres": {
            "one": asdict(p1) if p1 else None,
            "four": asdict(p4) if p4 else None,
            "scale": ps,
            "pass": ok_ps,
        },
    }

    def mem(m: Memory | None) -> str:
        if m is None:
            return "-"
        return (
            f"{m.workers} workers {m.workers_mb:,.0f} MB, model server "
            f"{m.model_server_mb:,.0f} MB; node {m.node_mb:,.0f} MB"
        )

    rows.append(
        [
            "PSS after the run (2 workers)",
            "-",
            mem(sq.memory if sq else None),
            "",
            mem(pg.memory if pg else None),
            "",
            "",
            "node = master + workers + embedding server",
            "",
        ]
    )
    m4 = next((r.memory_4_workers for r in (sq, pg) if r and r.memory_4_workers), None)
    ok_m4 = None if m4 is None else m4.node_mb < TARGET_PSS_4_WORKERS_MB
    rows.append(
        [
            "PSS, 4 workers with the model",
            "-",
            mem(sq.memory_4_workers if sq else None),
            "",
            mem(pg.memory_4_workers if pg else None),
            "",
            "",
            f"node < {TARGET_PSS_4_WORKERS_MB / 1024:.1f} GB",
            verdict(ok_m4),
        ]
    )
    figures["memory"] = {
        "sqlite": asdict(sq.memory) if sq and sq.memory else None,
        "postgres": asdict(pg.memory) if pg and pg.memory else None,
        "four_workers": asdict(m4) if m4 else None,
        "four_workers_pass": ok_m4,
    }

    # The mixed scenario, per endpoint.
    names: list[str] = []
    for r in (sq, pg):
        if r and r.locust:
            names += [n for n in r.locust["endpoints"] if n not in names]
    names.sort(key=lambda n: (n == "all requests", n))

    def lc(r: Result | None, name: str) -> str:
        if not r or not r.locust or name not in r.locust["endpoints"]:
            return "-"
        e = r.locust["endpoints"][name]
        text = f"{e['requests']} req p50 {e['p50_ms']:.0f} p95 {e['p95_ms']:.0f}ms"
        return text + (f" FAIL {e['failures']}" if e["failures"] else "")

    for name in names:
        rows.append([f"locust {name}", "-", lc(sq, name), "", lc(pg, name), "", "", "", ""])
    figures["locust"] = {"sqlite": sq.locust if sq else None, "postgres": pg.locust if pg else None}
    return rows, figures


HEADER = [
    "what",
    "ceiling",
    "SQLite",
    "ratio",
    "PG+Redis",
    "ratio",
    "PG/SQLite",
    "target",
    "SQLite / PG / PG~SQLite",
]


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    print(line(HEADER))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))


# ---------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short runs: a smoke test")
    parser.add_argument(
        "--rounds",
        type=int,
        help="wrk rounds per page and vote figure, the median kept (default 3; --quick 1)",
    )
    parser.add_argument("--backends", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared" / "bench",
        help="folder of bare_flask.py (default: ../shared/bench from the repository root)",
    )
    parser.add_argument("--pg", choices=["auto", "pgserver", "debian"], default="auto")
    parser.add_argument("--users", type=int, default=24, help="locust users")
    parser.add_argument("--logs", type=Path, help="copy the servers' logs into this folder")
    parser.add_argument(
        "--no-pss-4-workers",
        dest="pss_4_workers",
        action="store_false",
        help="skip the extra start with 4 workers",
    )
    args = parser.parse_args()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    if shutil.which("wrk") is None:
        parser.error("wrk not found: apt-get install wrk")
    seconds = 2 if args.quick else 8
    args.locust_seconds = 12 if args.quick else 60
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3

    # Ctrl-C stops everything even when started from a shell that ignores SIGINT for
    # background jobs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    signal.signal(signal.SIGHUP, _raise_interrupt)
    procs = Processes()
    results: dict[str, Result] = {}
    info = machine()
    say(
        f"machine: {info['cpu']}, {info['cores']} cores ({info['cores_usable']} usable), "
        f"load {info['load_average']}, commit {info['commit']}"
    )
    with tempfile.TemporaryDirectory(prefix="ideaportal-web-load-") as tmp:
        work = Path(tmp)
        try:
            say("ceiling: bare Flask under gunicorn (hello, raw sqlite3 vote toggle) ...")
            ceiling = Ceiling(procs, args.shared.resolve(), work, seconds)
            for name in backends:
                if name == "sqlite":
                    results[name] = measure_backend(
                        procs, sqlite_backend(work), work, seconds, args, ceiling
                    )
                    args.pss_4_workers = False  # once is enough: the model is the same
                else:
                    with (
                        redis_url(procs, work) as redis,
                        postgres_url(work, args.pg) as (
                            database,
                            label,
                        ),
                    ):
                        backend = postgres_backend(database, redis, label)
                        results[name] = measure_backend(
                            procs, backend, work, seconds, args, ceiling
                        )
        finally:
            procs.stop_all()
            if args.logs:
                args.logs.mkdir(parents=True, exist_ok=True)
                for log in work.glob("*.log"):
                    shutil.copy(log, args.logs / log.name)

    rows, figures = build_rows(results)
    print()
    print(
        f"IdeaPortal web load, {'quick' if args.quick else 'full'} run: wrk -t2 -c16 -d{seconds}s, "
        f"locust {args.users} users {args.locust_seconds} s; gunicorn 2 sync workers"
    )
    print(
        f"machine: {info['cpu']}, {info['cores']} cores ({info['cores_usable']} usable), "
        f"load average before {info['load_average']}, Python {info['python']}, "
        f"{info['wrk']}, commit {info['commit']}"
    )
    spread = {
        k: f"{min(v):,.0f}-{max(v):,.0f} req/s over {len(v)} runs" if v else "not measured"
        for k, v in ceiling.samples.items()
    }
    print(
        f"ceiling (bare Flask, 2 sync workers, served beside the portal): hello {spread['hello']}, "
        f"raw sqlite3 toggle {spread['toggle']}; each figure is divided by the mean of the "
        "ceiling measured right before and right after it"
        + (f"; pages and votes: the median of {args.rounds} such rounds" if args.rounds > 1 else "")
    )
    for r in results.values():
        print(f"{r.backend}: {r.label}")
    print()
    print_table(rows)
    print()
    print("cells: req/s, latency p50 and p99 in ms; ERR n = non-2xx answers or socket errors.")
    print("verdict: SQLite / PG+Redis / PG ratio within 20% of SQLite's; '-' = not measured.")
    for r in results.values():
        if r.locust and r.locust["failures"].count("\n") > 1:
            print(f"\nlocust failures on {r.backend}:\n{r.locust['failures']}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": info,
                    "quick": args.quick,
                    "wrk_seconds": seconds,
                    "rounds": args.rounds,
                    "ceiling_samples_rps": ceiling.samples,
                    "backends": {k: v.label for k, v in results.items()},
                    "figures": figures,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        say("interrupted: every process started here was stopped")
        sys.exit(130)
