"""Generations: a short random value that moves whenever what it stands for changes, read
by every process of a node (a file in the node's cache folder) or of every node (Redis)
almost for free, so a per-process copy of anything keyed by it is never stale.

The page cache keys every page by one (`page_cache`: any committed write to a table a public
page shows moves it). Other per-process copies name their own and the tables whose
committed writes move it (`bump_on_commit`): the event webhooks' active subscriptions, read
by every vote, are read from the database only when a subscription changed.

A generation lives where the app's cache lives (IDEAPORTAL_CACHE_URL): a file beside the
embedded cache, a key in Redis (with pub/sub so that a read costs no round trip), or, for
the per-process caches (simple://, null://), an entry only this process sees. Only the
first two are `shared`; a copy kept under one that is not could miss another process's
change, so callers keep none there.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
import weakref
from collections.abc import Iterable
from typing import Any

from flask import Flask, current_app
from flask_caching import Cache

log = logging.getLogger(__name__)


class GenerationInCache:
    """The generation as one more entry of the per-process caches (simple://, null://),
    which keep it to themselves: no other process sees it (`shared` is False)."""

    shared = False

    def __init__(self, cache: Cache, key: str) -> None:
        self._cache = cache
        self._key = key

    def read(self) -> str | None:
        value = self._cache.get(self._key)
        return None if value is None else str(value)

    def write(self, value: str) -> None:
        # Longer than anything stored under it lives, so no key can outlive its generation.
        self._cache.set(self._key, value, timeout=0)


class GenerationFile:
    """The embedded cache's generation: 16 bytes at the start of a file in the cache folder,
    read and written with one pread/pwrite (a few microseconds) instead of a pickled cache
    entry that is written to a temporary file and renamed (0.1-0.5 ms). Every write that
    invalidates pages and every page request pays this, so it is worth its own path. A read
    that races a write sees the old value, the new one or a mix of both; any of them names a
    generation no stale page is stored under, so the worst case is one more render."""

    SIZE = 16
    shared = True  # by every process of the node

    def __init__(self, folder: str, key: str) -> None:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        self._path = os.path.join(folder, f"{key}.bin")
        self._fd: int | None = None
        self._pid = 0
        self._opening = threading.Lock()  # two threads' first use opens one descriptor

    def _file(self) -> int:
        fd, pid = self._fd, os.getpid()
        if fd is not None and self._pid == pid:
            return fd
        with self._opening:
            if self._fd is None or self._pid != pid:  # not a descriptor from before a fork
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
                self._pid = pid
            return self._fd

    def read(self) -> str | None:
        raw = os.pread(self._file(), self.SIZE, 0)
        return raw.decode("ascii") if len(raw) == self.SIZE else None

    def write(self, value: str) -> None:
        os.pwrite(self._file(), value.encode("ascii")[: self.SIZE].ljust(self.SIZE, b"0"), 0)


_SET_AND_PUBLISH = """
redis.call('SET', KEYS[1], ARGV[1])
return redis.call('PUBLISH', KEYS[1], ARGV[1])
"""


class GenerationInRedis:
    """The generation of a page cache that several nodes share in Redis, held in each
    process and kept current by Redis pub/sub, so a page request reads no Redis at all
    (one round trip per anonymous page was most of what Redis added to it).

    A write SETs the generation and PUBLISHes it in one Lua script (one command, run
    atomically: the messages then come in the order of the writes, so the last one names
    the value Redis holds; MULTI, SET, PUBLISH and EXEC cost the writer four commands).
    Each process has a listener thread subscribed to that channel that takes the
    value from every message, and reads it from Redis after every quiet second (a lost
    message, a node of the previous version that writes without one). Until the listener
    has confirmed a value within the last few seconds (at start, after this process's own
    write, while Redis is unreachable) every read goes to Redis, so a silent listener can
    never serve stale pages for long."""

    shared = True  # by every process of every node on this Redis
    CONFIRM_EVERY_SECONDS = 1.0
    TRUST_FOR_SECONDS = 3.0
    # A listener whose process has not read the generation for this long stops (an idle
    # worker, an app a test has finished with); the next read starts it again.
    STOP_WHEN_UNREAD_SECONDS = 10.0

    def __init__(self, url: str, key: str) -> None:
        self._url = url
        self._key = key
        self._lock = threading.Lock()
        self._pid = 0
        self._client: Any = None
        self._set_and_publish: Any = None
        self._value: str | None = None
        self._confirmed_at = 0.0
        self._read_at = 0.0
        self._listening = False

    def _redis(self) -> Any:
        if self._pid != os.getpid():  # first use in this process (after gunicorn's fork)
            with self._lock:
                if self._pid != os.getpid():
                    import redis

                    self._client = redis.Redis.from_url(self._url)
                    self._set_and_publish = self._client.register_script(_SET_AND_PUBLISH)
                    self._value, self._confirmed_at, self._listening = None, 0.0, False
                    self._pid = os.getpid()
        return self._client

    def read(self) -> str | None:
        client = self._redis()
        self._read_at = time.monotonic()
        if not self._listening:
            self._start_listening()
        value = self._value
        if value is not None and time.monotonic() - self._confirmed_at < self.TRUST_FOR_SECONDS:
            return value
        return _text(client.get(self._key))

    def write(self, value: str) -> None:
        self._redis()
        self._set_and_publish(keys=[self._key], args=[value])  # loads itself when missing
        # Until the listener has this write's message, this process reads from Redis. (A
        # read of the listener's that began before this write may still land after it; the
        # message of this write is then waiting for it and corrects that at once.)
        if self._value != value:
            self._confirmed_at = 0.0

    def _start_listening(self) -> None:
        with self._lock:
            if not self._listening:
                self._listening = True
                threading.Thread(
                    target=_listen,
                    args=(weakref.ref(self), self._pid),
                    name=f"generation-{self._key}",
                    daemon=True,
                ).start()

    def _stop_if_unread(self) -> bool:
        with self._lock:
            if time.monotonic() - self._read_at < self.STOP_WHEN_UNREAD_SECONDS:
                return False
            self._confirmed_at = 0.0  # from now on reads ask Redis, until a listener is back
            self._listening = False
            return True

    def _refresh(self, raw: bytes | None) -> None:
        self._value = _text(raw)
        self._confirmed_at = time.monotonic() if raw is not None else 0.0


def _listen(ref: weakref.ref[GenerationInRedis], pid: int) -> None:
    """The listener thread of one store in one process. It holds the store only for a
    moment at a time, and ends when the store is gone or has not been read for a while."""
    import redis

    def store() -> GenerationInRedis | None:
        found = ref()
        return found if found is not None and found._pid == pid else None

    while (current := store()) is not None:
        pubsub, key = current._client.pubsub(), current._key
        del current
        try:
            pubsub.subscribe(key)
            # Subscribed for sure before the first read: no write can fall in between.
            deadline = time.monotonic() + 5
            while (pubsub.get_message(timeout=1.0) or {}).get("type") != "subscribe":
                if time.monotonic() > deadline:
                    raise redis.TimeoutError("no confirmation of the subscription")
            message = None
            while (current := store()) is not None:
                if current._stop_if_unread():
                    return
                # A message names the new value; after a quiet second, Redis is asked.
                current._refresh(message["data"] if message else current._client.get(key))
                del current
                message = pubsub.get_message(
                    ignore_subscribe_messages=True,
                    timeout=GenerationInRedis.CONFIRM_EVERY_SECONDS,
                )
        except (redis.RedisError, OSError):
            if (current := store()) is not None:
                current._confirmed_at = 0.0  # reads go to Redis until this is back
                del current
            time.sleep(GenerationInRedis.CONFIRM_EVERY_SECONDS)
        finally:
            pubsub.close()


def _text(raw: bytes | None) -> str | None:
    # Any bytes give one and the same text: a node of the previous version still writes
    # the generation pickled, under this same key, during a rolling upgrade.
    return None if raw is None else raw.decode("ascii", "backslashreplace")


GenerationStore = GenerationInCache | GenerationFile | GenerationInRedis


def generations_folder(cache_dir: str) -> str:
    """Where a file cache's generations live: beside its folder, not in it. The file cache
    prunes its folder once it holds more than its threshold of entries (500), and takes any
    file there for one of its own: it reads the first bytes as an expiry time, which for
    16 hex digits lies in the past, and deletes it. Processes started after that (a worker
    restarted, the job worker) would make a new file the older ones never read."""
    folder = os.path.abspath(cache_dir)
    return os.path.join(os.path.dirname(folder), os.path.basename(folder) + "-generations")


def store_for(config: dict[str, Any], key: str, cache: Cache) -> GenerationStore:
    """The store of generation `key` beside the cache that `config` (Flask-Caching's) sets up."""
    if config["CACHE_TYPE"] == "FileSystemCache":
        return GenerationFile(generations_folder(config["CACHE_DIR"]), key)
    if config["CACHE_TYPE"] == "RedisCache":
        return GenerationInRedis(config["CACHE_REDIS_URL"], f"{config['CACHE_KEY_PREFIX']}{key}")
    return GenerationInCache(cache, key)


_EXTENSION = "ideaportal.generations"
# table -> the generations a committed write to it moves (registered at import time)
_MOVED_BY: dict[str, set[str]] = {}


def init_app(app: Flask, config: dict[str, Any], cache: Cache) -> None:
    """Generations live beside the app's cache (`config`, as page_cache set it up)."""
    app.extensions[_EXTENSION] = (config, cache, {})


def named(key: str) -> GenerationStore:
    """The app's store of generation `key` (made on first use)."""
    config, cache, stores = current_app.extensions[_EXTENSION]
    store: GenerationStore | None = stores.get(key)
    if store is None:
        store = stores.setdefault(key, store_for(config, key, cache))
    return store


def current(key: str) -> str | None:
    """The value of generation `key` (started when there is none yet), or None when its
    store cannot be reached (Redis down): callers then do without their copy."""
    try:
        return named(key).read() or bump(key)
    except _unreachable():
        log.warning("generation %s unreadable", key, exc_info=True)
        return None


def _unreachable() -> tuple[type[Exception], ...]:
    try:
        import redis
    except ImportError:  # the embedded set-up has no Redis client
        return (OSError,)
    return (OSError, redis.RedisError)


def bump(key: str) -> str:
    """Start a new generation of `key`; returns it."""
    value = secrets.token_hex(8)
    named(key).write(value)
    return value


def bump_on_commit(table: str, key: str) -> None:
    """Every committed transaction that wrote `table` moves generation `key`."""
    _MOVED_BY.setdefault(table, set()).add(key)


def moved_by(tables: Iterable[str]) -> set[str]:
    """The generations that a commit writing these tables moves."""
    return {key for table in tables for key in _MOVED_BY.get(table, ())}
