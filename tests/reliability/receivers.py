"""Receivers that behave like careful real ones: they record every arrival and dedupe by the
sender's delivery id (webhooks: X-IdeaPortal-Delivery; email: Message-ID). Each can hold
its first arrival without answering, so a test can kill the sender mid-delivery."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections import Counter
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class DedupingLog:
    def __init__(self) -> None:
        self.arrivals: list[str] = []
        self.lock = threading.Lock()
        self.first_arrived = threading.Event()
        self.release = threading.Event()
        self.hold_first = False

    def arrive(self, delivery_id: str) -> bool:
        """Record an arrival; True when this one must be held (the first, if asked)."""
        with self.lock:
            self.arrivals.append(delivery_id)
            hold = self.hold_first and len(self.arrivals) == 1
        self.first_arrived.set()
        return hold

    @property
    def delivered(self) -> Counter[str]:
        """What the receiver acts on: each delivery id once, however often it arrived."""
        return Counter(set(self.arrivals))


class WebhookReceiver(DedupingLog):
    def __init__(self) -> None:
        super().__init__()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's hook name
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if receiver.arrive(self.headers.get("X-IdeaPortal-Delivery", "")):
                    receiver.release.wait(60)
                try:
                    self.send_response(200)
                    self.end_headers()
                    self.wfile.write(b"{}")
                except BrokenPipeError:
                    pass  # the sender died waiting: exactly the case under test

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hook"

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.thread.join(timeout=5)


class SmtpReceiver(DedupingLog):
    def __init__(self) -> None:
        super().__init__()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message_id = str(message_from_bytes(envelope.content)["Message-ID"])
        if self.arrive(message_id):
            while not self.release.is_set():  # hold the answer without blocking the loop
                await asyncio.sleep(0.05)
        return "250 OK"

    def __enter__(self) -> SmtpReceiver:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.controller.stop()
