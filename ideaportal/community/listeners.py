"""Automatic moderation: new ideas and comments are checked against the configured rules."""

from __future__ import annotations

from typing import Any

from ideaportal.community.moderation import check_new_content
from ideaportal.core import events
from ideaportal.ideas.models import Comment, Idea


def on_idea_created(idea: Idea, **_: Any) -> None:
    check_new_content(idea)


def on_comment_posted(comment: Comment, **_: Any) -> None:
    check_new_content(comment)


def connect() -> None:
    events.idea_created.connect(on_idea_created, weak=False)
    events.comment_posted.connect(on_comment_posted, weak=False)
