"""Real servers for the multi-node tests, each on loopback and stopped with its test:
Redis (Debian's redis-server), PostgreSQL with pgvector (the pgserver package), and
IdeaPortal processes (gunicorn web nodes, the job worker)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(check: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    last: object = None
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except Exception as exc:  # not up yet
            last = exc
        time.sleep(0.25)
    raise TimeoutError(f"{what} not ready after {seconds:.0f} s ({last})")


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """A throwaway Redis on a free loopback port (its own, so rate-limit counts and queued
    jobs of other runs never leak in)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server not found: run `make test-deps` (apt install redis-server)")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - a fixed binary with fixed arguments
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(
            lambda: socket.create_connection(("127.0.0.1", port), 1).close() is None, 20, "redis"
        )
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def postgres_database(folder: Path, name: str) -> Iterator[str]:
    """A fresh database on a throwaway PostgreSQL with pgvector (pgserver runs the server
    as an unprivileged user when the tests run as root)."""
    import pgserver

    server = pgserver.get_server(folder, cleanup_mode="stop")
    server.psql(f'CREATE DATABASE "{name}";')
    try:
        yield f"postgresql+psycopg://postgres:@/{name}?host={folder}"
    finally:
        server.cleanup()


class Node:
    """One IdeaPortal process (a gunicorn web node or the job worker)."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path, port: int | None):
        self.port = port
        self.log = log
        self._out = log.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - our own entry points
            args,
            cwd=ROOT,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, seconds: float = 180) -> None:
        def ready() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"exited: {self.log.read_text()[-2000:]}")
            return httpx.get(f"{self.url}/readyz", timeout=5).status_code == 200

        wait_until(ready, seconds, f"node on port {self.port}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self._out.close()


def flask(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own CLI
        [str(BIN / "flask"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def web_node(env: dict[str, str], log: Path, workers: int = 1) -> Node:
    port = free_port()
    node_env = {**env, "IDEAPORTAL_WEB_WORKERS": str(workers), "PORT": str(port)}
    args = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    if (ROOT / "gunicorn.conf.py").exists():
        args = [
            str(BIN / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ]
    return Node([*args, "wsgi:app"], node_env, log, port)


def worker_node(env: dict[str, str], log: Path) -> Node:
    return Node([str(BIN / "flask"), "worker", "--workers", "2"], env, log, None)
