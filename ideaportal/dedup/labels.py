"""Product managers' duplicate decisions, exported as a labelled set for the quality bench.

Owns turning the decisions the duplicates queue already stores into the format of the bench's
labelled sets (bench/dedup_quality.py --data DIR), so every portal grows evaluation data of
its own texts: a merge (not undone) says "duplicate", "Not duplicates" (a dismissed
suggestion, or an undone merge) says "not a duplicate". No table of its own: the
DuplicateCandidate states and the Merge rows are the record.

Files written: corpus.jsonl (every idea: id, title, body, created, group), queries.jsonl
(each later idea of a group, with the earlier ones as relevant) and not_duplicates.jsonl
(the pairs a product manager said are distinct, {"a", "b"}; the bench reports them too).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ideaportal.dedup.clustering import connected_groups
from ideaportal.dedup.models import CandidateState, DuplicateCandidate, Merge
from ideaportal.extensions import db
from ideaportal.ideas.models import Idea


@dataclass(frozen=True)
class ExportedLabels:
    ideas: int
    groups: int
    queries: int
    not_duplicates: int


def duplicate_pairs() -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(pairs judged duplicates, pairs judged distinct), each as (lower id, higher id)."""
    same: set[tuple[int, int]] = set()
    for source, target in db.session.execute(
        select(Merge.source_id, Merge.target_id).where(Merge.undone_at.is_(None))
    ):
        same.add((min(source, target), max(source, target)))
    distinct: set[tuple[int, int]] = set()
    for low, high, state in db.session.execute(
        select(
            DuplicateCandidate.idea_low_id,
            DuplicateCandidate.idea_high_id,
            DuplicateCandidate.state,
        ).where(DuplicateCandidate.state != CandidateState.OPEN)
    ):
        (same if state == CandidateState.MERGED else distinct).add((low, high))
    return same, distinct - same


def export_labels(folder: Path) -> ExportedLabels:
    """Write the portal's ideas and its product managers' decisions as a labelled set."""
    folder.mkdir(parents=True, exist_ok=True)
    same, distinct = duplicate_pairs()
    groups = connected_groups(same)
    group_of = {idea_id: n for n, members in enumerate(groups, start=1) for idea_id in members}
    ideas = list(db.session.scalars(select(Idea).order_by(Idea.created_at, Idea.id)))
    created = {i.id: i.created_at.timestamp() for i in ideas}
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for idea in ideas:
            row = {
                "id": idea.id,
                "title": idea.title,
                "body": idea.body or "",
                "created": created[idea.id],
                "group": group_of.get(idea.id),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    queries = 0
    with (folder / "queries.jsonl").open("w", encoding="utf-8") as out:
        for members in groups:
            ordered = sorted((m for m in members if m in created), key=lambda m: (created[m], m))
            for n, query in enumerate(ordered[1:], start=1):
                out.write(json.dumps({"query": query, "relevant": ordered[:n]}) + "\n")
                queries += 1
    with (folder / "not_duplicates.jsonl").open("w", encoding="utf-8") as out:
        for a, b in sorted(distinct):
            out.write(json.dumps({"a": a, "b": b}) + "\n")
    return ExportedLabels(len(ideas), len(groups), queries, len(distinct))
