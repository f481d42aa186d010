"""One embedding model per node: a small server on a unix socket, and the workers' client.

Why: every gunicorn worker loading its own model costs ~500 MB each, and each worker's torch
pool spinning on every core makes four people typing at once slower in total than one. The
server holds the one model of the node; it takes every query waiting when the model becomes
free and embeds them in one forward pass (batching costs far less than running them one by
one), with torch's threads on all the node's cores. gunicorn's master starts it before the
workers (see gunicorn.conf.py) and stops it with them.

    python -m ideaportal.dedup.embedding_server --socket PATH

Wire format (multiprocessing.connection messages, never pickles): a request is JSON
{"texts": [...]} (or {"hello": true}); the answer is a JSON header line, then for texts the
float32 rows. `RemoteEncoder` is the client: it implements the Encoder interface and, while the
server is unreachable, encodes in-process with the model it loads itself (slower and heavier,
never wrong), trying the server again every RETRY_SECONDS.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import queue
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from multiprocessing.connection import Client, Connection, Listener
from typing import Any

import numpy as np

from ideaportal.core.i18n import gettext as _
from ideaportal.dedup.encoder import (
    DEFAULT_MODEL_NAME,
    Encoder,
    available_cores,
    get_encoder,
    torch_threads,
)

log = logging.getLogger(__name__)

MAX_BATCH = 64  # texts per forward pass
RETRY_SECONDS = 10.0  # how long a client keeps to its fallback before trying the server again
ANSWER_TIMEOUT = 10.0  # seconds a client waits for an answer before giving up on the server


def _pack(header: dict[str, Any], payload: bytes = b"") -> bytes:
    return json.dumps(header).encode() + b"\n" + payload


def _unpack(message: bytes) -> tuple[dict[str, Any], bytes]:
    header, _, payload = message.partition(b"\n")
    found: dict[str, Any] = json.loads(header)
    return found, payload


# ---- the server ----


class EmbeddingServer:
    """Accepts connections (a thread each) and feeds one model thread that batches."""

    def __init__(self, encoder: Encoder, socket_path: str) -> None:
        self.encoder = encoder
        self.socket_path = socket_path
        self._pending: queue.Queue[tuple[list[str], Future[np.ndarray]]] = queue.Queue()
        self._stop = threading.Event()
        self.batches = 0  # forward passes run (for the log and the tests)
        self.listener: Listener | None = None
        self._connections: set[Connection] = set()
        self._connections_lock = threading.Lock()

    def serve_forever(self, ready: Callable[[], None] | None = None) -> None:
        if os.path.exists(self.socket_path):  # left by a server that was killed
            os.unlink(self.socket_path)
        old_mask = os.umask(0o177)  # the socket is for this user's processes only
        try:
            self.listener = Listener(self.socket_path, family="AF_UNIX")
        finally:
            os.umask(old_mask)
        threading.Thread(target=self._model_loop, name="embed-model", daemon=True).start()
        if ready:
            ready()
        try:
            while not self._stop.is_set():
                try:
                    conn = self.listener.accept()
                except OSError:
                    break  # closed by stop()
                threading.Thread(
                    target=self._serve_connection, args=(conn,), name="embed-conn", daemon=True
                ).start()
        finally:
            self.stop()

    def stop(self) -> None:
        self._stop.set()
        if self.listener is not None:
            listener, self.listener = self.listener, None
            listener.close()  # also removes the socket file
        with self._connections_lock:  # clients see the server go at once, and fall back
            for conn in self._connections:
                # shutdown, not close: it wakes the thread blocked reading this connection.
                with (
                    contextlib.suppress(OSError),
                    socket.fromfd(conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM) as sock,
                ):
                    sock.shutdown(socket.SHUT_RDWR)
            self._connections.clear()

    def _serve_connection(self, conn: Connection) -> None:
        with self._connections_lock:
            self._connections.add(conn)
        with contextlib.suppress(OSError):
            self._serve_requests(conn)
        with self._connections_lock:
            self._connections.discard(conn)
        with contextlib.suppress(OSError):
            conn.close()

    def _serve_requests(self, conn: Connection) -> None:
        while not self._stop.is_set():
            try:
                request, _ = _unpack(conn.recv_bytes())
            except (EOFError, OSError):
                return
            except ValueError:
                conn.send_bytes(_pack({"error": "not a request"}))
                continue
            if request.get("hello"):
                load = getattr(self.encoder, "_load", None)
                if load is not None:  # the real model: loaded before anyone is served
                    load()
                conn.send_bytes(_pack({"name": self.encoder.name, "dim": self.encoder.dim}))
                continue
            texts = [str(t) for t in request.get("texts", [])]
            done: Future[np.ndarray] = Future()
            self._pending.put((texts, done))
            try:
                vectors = done.result()
            except Exception as exc:  # the model failed: the client falls back
                conn.send_bytes(_pack({"error": str(exc)}))
                continue
            conn.send_bytes(
                _pack(
                    {"n": int(vectors.shape[0]), "dim": int(vectors.shape[1])},
                    vectors.tobytes(),
                )
            )

    def _model_loop(self) -> None:
        while not self._stop.is_set():
            try:
                first = self._pending.get(timeout=0.5)
            except queue.Empty:
                continue
            # Whatever piled up while the model was busy runs in the same forward pass.
            batch = [first]
            size = len(first[0])
            while size < MAX_BATCH:
                try:
                    item = self._pending.get_nowait()
                except queue.Empty:
                    break
                batch.append(item)
                size += len(item[0])
            try:
                vectors = self.encoder.encode([t for texts, _ in batch for t in texts])
            except Exception as exc:
                log.exception("embedding failed")
                for _, done in batch:
                    done.set_exception(exc)
                continue
            self.batches += 1
            at = 0
            for texts, done in batch:
                done.set_result(np.ascontiguousarray(vectors[at : at + len(texts)]))
                at += len(texts)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=_("IdeaPortal's embedding server (one per node)"))
    parser.add_argument("--socket", required=True, help="unix socket path to listen on")
    parser.add_argument(
        "--parent", type=int, default=0, help="exit when this process (gunicorn's master) is gone"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s embedding-server %(message)s")
    encoder = get_encoder(
        os.environ.get("IDEAPORTAL_EMBEDDING_MODEL_PATH") or None,
        os.environ.get("IDEAPORTAL_EMBEDDING_MODEL_NAME") or DEFAULT_MODEL_NAME,
        threads=torch_threads(1),  # the node's cores: batches run one at a time
        for_queries=True,  # it encodes the workers' typed texts, never a stored idea
    )
    server = EmbeddingServer(encoder, args.socket)
    signal.signal(signal.SIGTERM, lambda *_: server.stop())
    signal.signal(signal.SIGINT, lambda *_: server.stop())
    if args.parent:
        # A master killed with SIGKILL cannot stop us: notice it is gone (we are re-parented).
        def watch_parent() -> None:
            while os.getppid() == args.parent:
                time.sleep(1)
            log.info("parent %d is gone: stopping", args.parent)
            server.stop()
            os._exit(0)  # accept() may not return on its own

        threading.Thread(target=watch_parent, name="watch-parent", daemon=True).start()
    started = time.perf_counter()
    encoder.encode(["warm up"])  # load before listening: a connected client is served fast
    log.info(
        "model %s loaded in %.1f s (%s), %d threads on %d cores, listening on %s",
        encoder.name,
        time.perf_counter() - started,
        type(encoder).__name__,
        getattr(encoder, "threads", 0) or 0,
        available_cores(),
        args.socket,
    )
    server.serve_forever()


# ---- the client ----


class RemoteEncoder:
    """The Encoder of a web worker: asks the node's embedding server, or, while it cannot be
    reached, the in-process model from `fallback` (built on first need)."""

    def __init__(
        self,
        socket_path: str,
        fallback: Callable[[], Encoder],
        *,
        name: str = DEFAULT_MODEL_NAME,
        dim: int = 384,
    ) -> None:
        self.socket_path = socket_path
        self.name = name
        self.dim = dim
        self._fallback_factory = fallback
        self._fallback: Encoder | None = None
        self._local = threading.local()  # one connection per thread
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._verified = False

    @property
    def loaded(self) -> bool:
        """Ready to encode fast: the server answers, or the fallback model is loaded."""
        if self._connection() is not None:
            return True
        return self._fallback is not None and bool(getattr(self._fallback, "loaded", True))

    @property
    def using_server(self) -> bool:
        return self._down_until == 0.0 and self._verified

    def _connection(self) -> Connection | None:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        if time.monotonic() < self._down_until:
            return None
        try:
            conn = Client(self.socket_path, family="AF_UNIX")
            conn.send_bytes(_pack({"hello": True}))
            if not conn.poll(ANSWER_TIMEOUT * 6):  # the server may still be loading
                raise TimeoutError("no answer to hello")
            hello, _ = _unpack(conn.recv_bytes())
            if hello.get("name") != self.name:
                raise ValueError(f"server has model {hello.get('name')}, want {self.name}")
            self.dim = int(hello["dim"])
        except (OSError, EOFError, TimeoutError, ValueError, KeyError) as exc:
            self._server_down(f"cannot reach the embedding server at {self.socket_path}: {exc}")
            return None
        self._local.conn = conn
        self._verified = True
        self._down_until = 0.0
        return conn

    def _server_down(self, why: str) -> None:
        if self._down_until == 0.0:
            log.warning("%s; embedding in this process for now", why)
        self._down_until = time.monotonic() + RETRY_SECONDS
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            conn.close()

    def _in_process(self) -> Encoder:
        if self._fallback is None:
            with self._lock:
                if self._fallback is None:
                    self._fallback = self._fallback_factory()
        return self._fallback

    def encode(
        self, texts: Sequence[str], *, batch_size: int = 64, show_progress: bool = False
    ) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        conn = self._connection()
        if conn is not None:
            try:
                conn.send_bytes(_pack({"texts": list(texts)}))
                if not conn.poll(ANSWER_TIMEOUT):
                    raise TimeoutError("no answer")
                header, payload = _unpack(conn.recv_bytes())
                if "error" in header:
                    raise ValueError(header["error"])
                vectors = np.frombuffer(payload, dtype=np.float32)
                return vectors.reshape(int(header["n"]), int(header["dim"])).copy()
            except (OSError, EOFError, TimeoutError, ValueError, KeyError) as exc:
                self._server_down(f"the embedding server failed: {exc}")
        return self._in_process().encode(texts, batch_size=batch_size, show_progress=show_progress)


if __name__ == "__main__":
    main(sys.argv[1:])
