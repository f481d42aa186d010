"""Configuration: the secret key is generated once, privately, and shared by all workers."""

from __future__ import annotations

import os
import stat
from concurrent.futures import ThreadPoolExecutor

from ideaportal.config import load_secret_key


def test_secret_key_is_generated_once_with_owner_only_permissions(tmp_path, monkeypatch):
    monkeypatch.delenv("IDEAPORTAL_SECRET_KEY", raising=False)
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: load_secret_key(tmp_path), range(16)))
    assert len(keys) == 1 and len(keys.pop()) == 64
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def test_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("IDEAPORTAL_SECRET_KEY", "from-env")
    assert load_secret_key(tmp_path) == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_one_redis_url_points_queue_rate_limits_and_page_cache_at_redis(tmp_path, monkeypatch):
    from ideaportal.config import build_config

    monkeypatch.setenv("IDEAPORTAL_REDIS_URL", "redis://cache.internal:6379/0")
    monkeypatch.setenv("IDEAPORTAL_QUEUE_URL", "redis://jobs.internal:6379/1")
    config = build_config(tmp_path)
    assert config["CACHE_URL"] == "redis://cache.internal:6379/0"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379/0"
    assert config["QUEUE_URL"] == "redis://jobs.internal:6379/1"  # its own setting wins


def test_without_redis_everything_is_embedded(tmp_path, monkeypatch):
    from ideaportal.config import build_config

    for name in ("REDIS_URL", "QUEUE_URL", "CACHE_URL", "RATELIMIT_STORAGE_URI"):
        monkeypatch.delenv(f"IDEAPORTAL_{name}", raising=False)
    config = build_config(tmp_path)
    assert config["QUEUE_URL"].startswith("sqlite:///") and config["CACHE_URL"] is None
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
