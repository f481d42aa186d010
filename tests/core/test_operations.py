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
