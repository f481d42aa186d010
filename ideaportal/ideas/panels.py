"""Panels other modules put on the idea page, so the ideas module knows none of them by name.

A module registers a renderer for a slot when the app starts (dedup: the merge box and the
"merged into" banner; triage: the hand-off panel and the loop facts). The page renders each
slot's panels in order; a renderer returns None when the viewer has nothing to see there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ideaportal.ideas.models import Idea

# Where a panel goes on the idea page.
SLOTS = ("banner", "loop_facts", "sidebar", "staff_tools")

Renderer = Callable[[Idea, Any], str | None]


@dataclass(frozen=True)
class Panel:
    name: str
    slot: str
    render: Renderer
    order: int


_panels: dict[str, Panel] = {}


def register(name: str, slot: str, render: Renderer, order: int = 100) -> None:
    """Add (or replace, by name) a panel; called by a module when the app is built."""
    if slot not in SLOTS:
        raise ValueError(f"unknown idea page slot {slot!r}; choose from {SLOTS}")
    _panels[name] = Panel(name, slot, render, order)


def registered(slot: str) -> list[Panel]:
    return sorted((p for p in _panels.values() if p.slot == slot), key=lambda p: p.order)


def render_slots(idea: Idea, viewer: Any) -> dict[str, list[Markup]]:
    """Every slot's HTML for this idea and viewer, ready for the template."""
    out: dict[str, list[Markup]] = {}
    for slot in SLOTS:
        parts = [p.render(idea, viewer) for p in registered(slot)]
        # Renderers return the output of render_template, which autoescaped every value.
        out[slot] = [Markup(html) for html in parts if html]  # noqa: S704
    return out
