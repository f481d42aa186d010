"""The page cache: anonymous visitors get one shared rendering, never a stale or private one."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from ideaportal.community.models import PageView
from ideaportal.community.reach import buffer_of
from ideaportal.extensions import db
from ideaportal.ideas import services
from ideaportal.ideas.models import Idea
from tests.conftest import REDIS_URL, login_as
from tests.factories import Factory
from tests.scale.servers import wait_until

needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs Redis; runs in the PostgreSQL suite")


def test_anonymous_home_is_served_from_the_cache_until_a_vote_changes_it(app, client, make):
    idea = make.idea(title="Export timesheets to CSV")
    first = client.get("/")
    assert first.headers["X-Page-Cache"] == "miss"
    second = client.get("/")
    assert second.headers["X-Page-Cache"] == "hit" and second.data == first.data
    assert "public" in second.headers["Cache-Control"] and "Cookie" in second.headers["Vary"]

    services.set_vote(make.user(), idea, True)  # any committed write a page shows

    fresh = client.get("/")
    assert fresh.headers["X-Page-Cache"] == "miss"
    assert '<span class="vote-count">1</span>' in fresh.get_data(as_text=True)


def test_a_repeated_vote_changes_nothing_and_keeps_the_cached_page(app, client, make):
    idea = make.idea(title="Export timesheets to CSV")
    voter = make.user()
    services.set_vote(voter, idea, True)
    assert client.get("/").headers["X-Page-Cache"] == "miss"
    # A double click: the same wanted state again locks the idea's row but writes nothing.
    services.set_vote(voter, idea, True)
    again = client.get("/")
    assert again.headers["X-Page-Cache"] == "hit"
    assert '<span class="vote-count">1</span>' in again.get_data(as_text=True)


def test_a_core_statement_on_the_sessions_connection_invalidates_too(app, client, make):
    idea = make.idea(title="Export timesheets to CSV")
    assert client.get("/").headers["X-Page-Cache"] == "miss"
    table = Idea.__table__
    db.session.connection().execute(
        table.update().where(table.c.id == idea.id).values(title="Export timesheets to Excel")
    )
    db.session.commit()
    fresh = client.get("/")
    assert fresh.headers["X-Page-Cache"] == "miss"
    assert "Export timesheets to Excel" in fresh.get_data(as_text=True)


def test_an_unchanged_page_answers_304_to_its_etag(client, make):
    idea = make.idea()
    page = client.get(f"/ideas/{idea.id}")
    again = client.get(f"/ideas/{idea.id}", headers={"If-None-Match": page.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_anonymous_pages_carry_no_csrf_token(client, make):
    make.idea()
    html = client.get("/").get_data(as_text=True)
    assert "csrf_token" not in html and "X-CSRFToken" not in html
    assert "Log in to vote" in html


def test_members_always_get_a_live_page_with_their_own_vote(client, make):
    idea = make.idea()
    member = make.user()
    client.get("/")  # an anonymous rendering is in the cache now
    login_as(client, member)
    services.set_vote(member, idea, True)
    page = client.get("/")
    assert "X-Page-Cache" not in page.headers
    html = page.get_data(as_text=True)
    assert 'aria-pressed="true"' in html and 'name="csrf_token"' in html


def test_a_pending_flash_message_is_never_served_from_or_into_the_cache(client, make):
    make.idea()
    client.get("/")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Only for this visitor.")]
    page = client.get("/")
    assert "Only for this visitor." in page.get_data(as_text=True)
    assert "X-Page-Cache" not in page.headers
    assert "Only for this visitor." not in client.get("/").get_data(as_text=True)


def test_page_views_are_written_in_batches_off_the_request(app_factory, make):
    app = app_factory(REACH_FLUSH_SECONDS=3600)
    with app.app_context():
        idea = make.idea()
        client = app.test_client()
        for _ in range(3):
            assert client.get(f"/ideas/{idea.id}").status_code == 200
        assert db.session.query(PageView).count() == 0  # nothing written by the requests
        assert buffer_of(app).flush() == 3
        db.session.expire_all()
        assert db.session.query(PageView).count() == 3


def test_the_embedded_cache_is_a_private_folder_shared_by_the_node(tmp_path):
    import os
    import stat

    from ideaportal.core.page_cache import cache_config

    folder = cache_config(None, str(tmp_path))["CACHE_DIR"]
    assert folder == cache_config(None, str(tmp_path))["CACHE_DIR"]  # every worker: the same
    parent = os.path.dirname(folder)
    if parent != str(tmp_path):  # in memory (/dev/shm): only this user may enter
        assert stat.S_IMODE(os.stat(parent).st_mode) == 0o700
    assert cache_config(None, str(tmp_path / "other"))["CACHE_DIR"] != folder


def test_a_write_in_one_worker_renews_the_page_in_every_worker_of_the_node(app_factory, tmp_path):
    # Two apps on one cache folder and one database: two gunicorn workers of one node.
    shared = {"CACHE_URL": f"filesystem://{tmp_path / 'page-cache'}"}
    reader, writer = app_factory(**shared), app_factory(**shared)
    with writer.app_context():
        make = Factory()
        idea = make.idea(title="Export timesheets to CSV")
        idea_id, voter = idea.id, make.user()
    with reader.app_context():
        client = reader.test_client()
        assert client.get("/").headers["X-Page-Cache"] == "miss"
        assert client.get("/").headers["X-Page-Cache"] == "hit"
    with writer.app_context():
        services.set_vote(voter, db.session.get(Idea, idea_id), True)
    with reader.app_context():
        fresh = reader.test_client().get("/")
        assert fresh.headers["X-Page-Cache"] == "miss"
        assert '<span class="vote-count">1</span>' in fresh.get_data(as_text=True)


def test_the_generation_outlives_the_file_caches_pruning(app_factory, tmp_path):
    # Past its threshold (500 entries) the file cache prunes its folder, taking every file
    # there for one of its own; the generation must not be among them.
    from ideaportal.core import generations, page_cache

    shared = {"CACHE_URL": f"filesystem://{tmp_path / 'page-cache'}"}
    with app_factory(**shared).app_context():
        before = page_cache.invalidate()
        for n in range(600):
            page_cache.cache.set(f"filler-{n}", "x")
        assert page_cache.cache.get("filler-599") == "x"
    # A process started after the pruning (a restarted worker) reads the same generation.
    with app_factory(**shared).app_context():
        assert generations.named(page_cache.GENERATION_KEY).read() == before


def _nodes_on_one_redis(app_factory):  # type: ignore[no-untyped-def]
    # Two apps on one Redis (cache and generation) and one database: two web nodes.
    shared = {"CACHE_URL": REDIS_URL, "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}:"}
    return app_factory(**shared), app_factory(**shared)


def _page_cache_of(app, path: str = "/") -> str:  # type: ignore[no-untyped-def]
    with app.app_context():
        return str(app.test_client().get(path).headers["X-Page-Cache"])


@needs_redis
def test_a_write_on_one_node_renews_the_page_on_the_other_through_redis(app_factory):
    reader, writer = _nodes_on_one_redis(app_factory)
    with writer.app_context():
        make = Factory()
        idea_id, voter = make.idea(title="Export timesheets to CSV").id, make.user()
    assert _page_cache_of(reader) == "miss"
    assert _page_cache_of(reader) == "hit"
    with writer.app_context():
        services.set_vote(voter, db.session.get(Idea, idea_id), True)
    # The writer published the new generation; the reader's listener picks it up at once
    # (across processes, tests/scale/test_two_nodes.py checks with no wait at all).
    wait_until(lambda: _page_cache_of(reader) == "miss", 1.0, "the renewed page")
    with reader.app_context():
        fresh = reader.test_client().get("/").get_data(as_text=True)
    assert '<span class="vote-count">1</span>' in fresh


@needs_redis
def test_a_generation_changed_without_a_message_is_still_noticed_within_seconds(app_factory):
    # A node of the previous version during a rolling upgrade writes no message, and a
    # message can be lost while a connection drops: the listener re-reads every second.
    import redis

    from ideaportal.core.page_cache import GENERATION_KEY

    reader, _ = _nodes_on_one_redis(app_factory)
    assert _page_cache_of(reader) == "miss"
    assert _page_cache_of(reader) == "hit"
    key = reader.config["CACHE_KEY_PREFIX"] + GENERATION_KEY
    redis.Redis.from_url(REDIS_URL).set(key, "written-elsewhere")
    wait_until(lambda: _page_cache_of(reader) == "miss", 5.0, "the renewed page")


@needs_redis
def test_after_a_quiet_spell_the_first_page_still_sees_the_latest_write(app_factory, monkeypatch):
    # An idle worker's listener stops (tests leave many apps behind); its next read must
    # not trust what the listener knew before it stopped.
    import redis

    from ideaportal.core import generations, page_cache

    monkeypatch.setattr(generations.GenerationInRedis, "STOP_WHEN_UNREAD_SECONDS", 0.2)
    reader, _ = _nodes_on_one_redis(app_factory)
    assert _page_cache_of(reader) == "miss"
    assert _page_cache_of(reader) == "hit"
    with reader.app_context():
        store = generations.named(page_cache.GENERATION_KEY)
    wait_until(lambda: not store._listening, 3.0, "the idle listener stopping")
    key = reader.config["CACHE_KEY_PREFIX"] + page_cache.GENERATION_KEY
    redis.Redis.from_url(REDIS_URL).set(key, "written-while-idle")  # no message
    assert _page_cache_of(reader) == "miss"


def test_threads_first_reading_a_generation_file_share_one_descriptor(tmp_path, monkeypatch):
    # A gthread worker's threads may all read the generation for the first time at once.
    from ideaportal.core import generations

    opened: list[int] = []
    real_open = generations.os.open

    def slow_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(tmp_path)):
            time.sleep(0.05)  # widen the window between "no descriptor yet" and having one
        fd = real_open(path, *args, **kwargs)
        if str(path).startswith(str(tmp_path)):
            opened.append(fd)
        return fd

    monkeypatch.setattr(generations.os, "open", slow_open)
    store = generations.GenerationFile(str(tmp_path), "page-generation")
    store.write("1" * generations.GenerationFile.SIZE)
    opened.clear()
    fresh = generations.GenerationFile(str(tmp_path), "page-generation")
    readers = [threading.Thread(target=fresh.read) for _ in range(4)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    assert len(opened) == 1  # not one descriptor per thread, all but one left open
    assert fresh.read() == "1" * generations.GenerationFile.SIZE
