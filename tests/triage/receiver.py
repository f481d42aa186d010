"""A real HTTP receiver on 127.0.0.1 for webhook tests: records requests, can fail on cue."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Receiver:
    def __init__(self, fail_first: int = 0, status: int = 200, get_body: bytes = b"{}") -> None:
        self.requests: list[dict[str, Any]] = []
        self.fail_first = fail_first
        self.status = status
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's hook name
                receiver.requests.append({"headers": dict(self.headers), "path": self.path})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(get_body)

            def do_POST(self) -> None:  # noqa: N802 - http.server's hook name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                failing = len(receiver.requests) <= receiver.fail_first
                self.send_response(503 if failing else receiver.status)
                self.end_headers()
                self.wfile.write(b"x" * 5000 if failing else b'{"key": "PROJ-42"}')

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hook"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)
