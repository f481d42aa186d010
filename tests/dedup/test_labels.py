"""Product managers' duplicate decisions become a labelled set in the bench's format."""

from __future__ import annotations

import json

from ideaportal.dedup.labels import export_labels
from tests.conftest import login_as


def read(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_merges_and_not_a_duplicate_feedback_are_exported(app, client, make, tmp_path):
    app.config["DUPLICATE_THRESHOLD"] = 0.5
    board = make.board()
    a = make.idea(board=board, title="Export timesheets to payroll", body="payroll timesheets")
    b = make.idea(board=board, title="Payroll export for timesheets", body="timesheets payroll")
    c = make.idea(board=board, title="Geofenced clock in for staff", body="clock in geofence")
    d = make.idea(board=board, title="Clock in only inside the geofence", body="geofence clock")
    login_as(client, make.pm())
    client.post("/triage/duplicates/merge", data={"target": str(a.id), "sources": [str(b.id)]})
    client.post("/triage/duplicates/dismiss", data={"ideas": [str(c.id), str(d.id)]})

    result = app.test_cli_runner().invoke(args=["export-duplicate-labels", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (
        "1 duplicate group(s)" in result.output
        and "1 pair(s) marked not duplicates" in result.output
    )

    corpus = {row["id"]: row for row in read(tmp_path / "corpus.jsonl")}
    assert set(corpus) >= {a.id, b.id, c.id, d.id}
    assert corpus[a.id]["group"] is not None and corpus[a.id]["group"] == corpus[b.id]["group"]
    assert corpus[c.id]["group"] is None and corpus[d.id]["group"] is None
    assert corpus[a.id]["title"] == "Export timesheets to payroll"
    assert read(tmp_path / "queries.jsonl") == [{"query": b.id, "relevant": [a.id]}]
    assert read(tmp_path / "not_duplicates.jsonl") == [{"a": c.id, "b": d.id}]


def test_an_undone_merge_counts_as_not_a_duplicate(app, client, make, tmp_path):
    from ideaportal.dedup import merging

    board = make.board()
    a = make.idea(board=board, title="Dark mode", body="night theme")
    b = make.idea(board=board, title="Night theme", body="dark mode")
    pm = make.pm()
    merge = merging.merge_ideas(pm, b, a)
    merging.unmerge(pm, merge)
    done = export_labels(tmp_path)
    assert done.groups == 0 and done.queries == 0
    pair = (min(a.id, b.id), max(a.id, b.id))
    assert read(tmp_path / "not_duplicates.jsonl") == [{"a": pair[0], "b": pair[1]}]
