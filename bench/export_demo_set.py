"""Write the demo catalogue as a labelled duplicate set (the format of shared/data/...), so
bench/dedup_quality.py can measure the pipeline on short, product-idea-like texts too.

    .venv/bin/python bench/export_demo_set.py /tmp/demo-set
    .venv/bin/python bench/dedup_quality.py --data /tmp/demo-set
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ideaportal.demo.catalog import IDEAS  # noqa: E402

EPOCH = 1_767_225_600  # 2026-01-01: "created" is only used to order the items


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "demo-set")
    out.mkdir(parents=True, exist_ok=True)
    items = [
        {
            "id": idea["key"],
            "title": idea["title"],
            "body": idea["body"],
            "created": EPOCH - idea["age_days"] * 86400 + n,
            "group": idea["dup_group"],
        }
        for n, idea in enumerate(IDEAS)
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
