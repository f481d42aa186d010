"""Module boundaries: the ideas module knows neither dedup nor triage; they add their
panels to the idea page through ideas.panels."""

from __future__ import annotations

import ast
from pathlib import Path

import ideaportal

IDEAS = Path(ideaportal.__file__).parent / "ideas"


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_ideas_imports_neither_dedup_nor_triage():
    offenders = {
        f"{path.name}: {name}"
        for path in IDEAS.rglob("*.py")
        for name in _imported_modules(path)
        if name.startswith(("ideaportal.dedup", "ideaportal.triage"))
    }
    assert offenders == set()


def test_dedup_and_triage_fill_the_idea_page_slots(app):
    from ideaportal.ideas import panels

    names = {p.name for slot in panels.SLOTS for p in panels.registered(slot)}
    assert {
        "dedup.merge_box",
        "dedup.merged_banner",
        "triage.handoff",
        "triage.loop_facts",
    } <= names
