"""gunicorn settings for IdeaPortal's web nodes: `gunicorn -c gunicorn.conf.py wsgi:app`.

Everything is read from the environment; command-line flags still win over this file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

# ---- serving ----

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("IDEAPORTAL_WEB_WORKERS", "2"))
# Threads per worker: 1 keeps the sync worker (one request at a time per process); more
# switches to gthread.
threads = int(os.environ.get("IDEAPORTAL_WEB_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("IDEAPORTAL_WEB_TIMEOUT", "60"))  # a silent worker is restarted
graceful_timeout = 30  # on SIGTERM, requests in flight get this long to finish
keepalive = 5

# ---- the embedding model ----
#
# IDEAPORTAL_EMBEDDING_MODE picks how the workers get at the model (bench/similar_latency.py
# --concurrency measures all three against each other):
#   worker  (default) each worker runs the model on ONNX Runtime, loaded right after the fork
#           (about 75 MB per worker; torch is never imported). Four typists at once get 1.7x
#           one typist's requests/s, p99 76 ms at 5k ideas;
#   server  one embedding server process per node, started here before the workers, batches
#           the typed queries of all workers on a unix socket (the least memory: 730 MB PSS
#           for 4 workers against 1,020 MB, but the extra hop gives 4 typists only 1.4x);
#           workers fall back to an in-process model while it is unreachable;
#   preload the master loads the model on torch before forking, so the workers share its
#           pages (the default while the model ran on torch, 580 MB per copy).
# In every mode a process running the model gets its share of the cores as threads
# (IDEAPORTAL_EMBEDDING_THREADS overrides; 0 leaves the library at every core per process).
embedding_mode = os.environ.get("IDEAPORTAL_EMBEDDING_MODE", "worker").strip().lower()


def _model_args() -> tuple[str | None, str]:
    return (
        os.environ.get("IDEAPORTAL_EMBEDDING_MODEL_PATH") or None,
        os.environ.get("IDEAPORTAL_EMBEDDING_MODEL_NAME") or "all-MiniLM-L6-v2",
    )


def _warm_model() -> None:
    """Load this worker's model before its first typist asks (and /readyz says so)."""
    from ideaportal.dedup.encoder import get_encoder, torch_threads

    path, name = _model_args()
    get_encoder(path, name, threads=torch_threads(), for_queries=True).encode(["warm up"])


_embedding: dict[str, object] = {}  # the server process, its folder, whether we are stopping


def _start_embedding_server(log: object) -> bool:
    """Start the node's embedding server and wait until it listens (it loads the model first)."""
    folder = _embedding.get("folder") or tempfile.mkdtemp(prefix="ideaportal-embed-")
    socket_path = os.path.join(str(folder), "embed.sock")
    process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "ideaportal.dedup.embedding_server",
            "--socket",
            socket_path,
            "--parent",
            str(os.getpid()),
        ]
    )
    _embedding.update(folder=folder, process=process, socket=socket_path)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if os.path.exists(socket_path):
            return True
        if process.poll() is not None:
            break
        time.sleep(0.1)
    log.error("the embedding server did not start; workers embed in-process")  # type: ignore[attr-defined]
    return False


def _watch_embedding_server(log: object) -> None:
    """Restart the embedding server if it dies (workers fall back meanwhile)."""
    while not _embedding.get("stopping"):
        process = _embedding.get("process")
        if isinstance(process, subprocess.Popen) and process.poll() is not None:
            log.warning("the embedding server exited (%s); restarting it", process.returncode)  # type: ignore[attr-defined]
            _start_embedding_server(log)
        time.sleep(2)


def on_starting(server: object) -> None:
    """In the master, before any worker exists."""
    from ideaportal.dedup.encoder import torch_threads

    log = server.log  # type: ignore[attr-defined]
    model_processes = workers + (1 if embedding_mode == "server" else 0)
    # Workers read it when they build their encoder (also the server mode's fallback).
    os.environ.setdefault("IDEAPORTAL_EMBEDDING_THREADS", str(torch_threads(workers)))
    if embedding_mode == "server":
        if _start_embedding_server(log):
            os.environ["IDEAPORTAL_EMBEDDING_SOCKET"] = str(_embedding["socket"])
            threading.Thread(target=_watch_embedding_server, args=(log,), daemon=True).start()
    elif embedding_mode == "worker":
        # Export the ONNX graph once, in a process of its own (torch stays out of the master),
        # so the workers do not each export it on a first start.
        subprocess.run(  # noqa: S603 - our own module, fixed arguments
            [sys.executable, "-m", "ideaportal.dedup.onnx_encoder"], check=False
        )
    elif embedding_mode == "preload":
        # Loaded with one thread and never run here: torch's (OpenMP) thread pool must not
        # exist before fork. Each worker sizes its own pool in post_fork.
        import gc

        from ideaportal.dedup.encoder import get_encoder, set_torch_threads

        # torch, whose weights the workers then share: ONNX Runtime's session would start its
        # thread pool here, before the fork. The workers inherit this choice.
        os.environ["IDEAPORTAL_EMBEDDING_BACKEND"] = "torch"
        set_torch_threads(1)
        get_encoder(*_model_args())._load()
        gc.freeze()  # keep the collector from writing to (and so copying) the shared pages
    log.info(
        "embedding mode %s: %d model process(es), %s thread(s) each",
        embedding_mode,
        model_processes,
        os.environ["IDEAPORTAL_EMBEDDING_THREADS"],
    )


def post_fork(server: object, worker: object) -> None:
    if embedding_mode == "worker":
        threading.Thread(target=_warm_model, name="warm-model", daemon=True).start()
    if embedding_mode == "preload":
        from ideaportal.dedup.encoder import set_torch_threads

        set_torch_threads(int(os.environ["IDEAPORTAL_EMBEDDING_THREADS"]))


def on_exit(server: object) -> None:
    """In the master, after the workers stopped."""
    _embedding["stopping"] = True
    process = _embedding.get("process")
    if isinstance(process, subprocess.Popen) and process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    folder = _embedding.get("folder")
    if folder:
        shutil.rmtree(str(folder), ignore_errors=True)
