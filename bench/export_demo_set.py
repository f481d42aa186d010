"""Write the demo community as a labelled duplicate set (the format of shared/data/...), so
bench/dedup_quality.py can measure the pipeline on short, product-idea-like texts too.

The ideas come from the demo's data (ideaportal/demo/data/idea.ndjson), the gold groups of
ideas asking for the same thing from ideaportal/demo/duplicate_groups.json (idea ids).

    .venv/bin/python bench/export_demo_set.py /tmp/demo-set
    .venv/bin/python bench/dedup_quality.py --data /tmp/demo-set
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "ideaportal" / "demo"


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "demo-set")
    out.mkdir(parents=True, exist_ok=True)
    group_of = {
        idea_id: name
        for name, ids in json.loads((DEMO / "duplicate_groups.json").read_text()).items()
        for idea_id in ids
    }
    with (DEMO / "data" / "idea.ndjson").open(encoding="utf-8") as handle:
        ideas = [json.loads(line) for line in handle if line.strip()]
    items = [
        {
            "id": f"demo-{idea['id']}",
            "title": idea["title"],
            "body": idea["body"],
            # only used to order the items
            "created": int(datetime.fromisoformat(idea["created_at"]).timestamp()),
            "group": group_of.get(idea["id"]),
        }
        for idea in ideas
    ]
    with (out / "corpus.jsonl").open("w") as handle:
        for item in items:
            handle.write(json.dumps(item) + "\n")
    groups: dict[str, list[dict[str, object]]] = {}
    for item in items:
        if item["group"]:
            groups.setdefault(str(item["group"]), []).append(item)
    queries = []
    for members in groups.values():
        members.sort(key=lambda i: i["created"])  # type: ignore[arg-type, return-value]
        for n, item in enumerate(members[1:], start=1):
            queries.append({"query": item["id"], "relevant": [m["id"] for m in members[:n]]})
    with (out / "queries.jsonl").open("w") as handle:
        for query in queries:
            handle.write(json.dumps(query) + "\n")
    print(f"{len(items)} items, {len(groups)} groups, {len(queries)} queries -> {out}")


if __name__ == "__main__":
    main()
