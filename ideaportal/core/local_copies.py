"""A process's own copies of values read from somewhere slower: a bounded map whose entries
expire, least recently used dropped first. The page cache keeps pages and shared values in
one, the similar-ideas text search its word counts, the event webhooks their subscriptions.
Thread-safe (gthread workers)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


class LocalCopies:
    """Up to `size` values, each kept for the seconds it was put with. `get` says None for a
    missing or expired key, so None is not a value to keep."""

    def __init__(self, size: int = 256) -> None:
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] < time.monotonic():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: Hashable, value: Any, seconds: float) -> None:
        with self._lock:
            self._items[key] = (time.monotonic() + seconds, value)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
