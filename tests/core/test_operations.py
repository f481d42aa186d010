"""What operators rely on: health checks, JSON logs, task registration."""

from __future__ import annotations

import json
import logging

from ideaportal.core import health
from ideaportal.core.logs import logging_config


def test_healthz_answers_while_the_process_serves(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_readyz_names_every_dependency_and_is_ready_when_they_work(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    checks = response.json["checks"]
    assert {"database", "queue", "page_cache", "embedding_model"} <= set(checks)
    assert all(check["ok"] for check in checks.values())


def test_readyz_answers_503_and_says_why_when_a_dependency_fails(client):
    def broken() -> str:
        raise ConnectionError("connection refused")

    health.register_check("search_cluster", broken)
    try:
        response = client.get("/readyz")
    finally:
        health._checks.pop("search_cluster")
    assert response.status_code == 503 and response.json["status"] == "not ready"
    assert "connection refused" in response.json["checks"]["search_cluster"]["error"]


def test_json_logs_are_one_object_per_line_with_extra_fields(capsys):
    config = logging_config("json")
    formatter = logging.config.DictConfigurator(config).configure_formatter(
        config["formatters"]["default"]
    )
    record = logging.LogRecord("ideaportal.ideas", logging.INFO, __file__, 1, "voted", (), None)
    record.idea_id = 42
    line = json.loads(formatter.format(record))
    assert line["level"] == "INFO" and line["logger"] == "ideaportal.ideas"
    assert line["message"] == "voted" and line["idea_id"] == 42


def test_every_module_task_is_registered_with_the_one_queue(app):
    from ideaportal.jobs import huey

    names = set(huey._registry._registry)
    for task in ("deliver_outbox", "embed_idea", "deliver_webhooks", "publish_scheduled_posts"):
        assert f"ideaportal.jobs.{task}" in names


def test_behind_a_trusted_proxy_rate_limits_see_each_visitor(app_factory, make):
    app = app_factory(TRUSTED_PROXIES=1, RATELIMIT_ENABLED=True, RATELIMIT_AUTH="2 per minute")
    with app.app_context():
        client = app.test_client()

        def attempt(address: str) -> int:
            return client.post(
                "/login",
                data={"email": "nobody@example.com", "password": "wrong"},
                headers={"X-Forwarded-For": address},
            ).status_code

        assert [attempt("198.51.100.7") for _ in range(3)][-1] == 429
        assert attempt("198.51.100.8") != 429  # another visitor behind the same proxy
