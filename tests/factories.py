"""Small factories: real rows through the real services where a service exists."""

from __future__ import annotations

import itertools
from typing import Any

from ideaportal.accounts import services as accounts
from ideaportal.accounts.models import Role, User
from ideaportal.extensions import db
from ideaportal.ideas import services as ideas
from ideaportal.ideas.models import Board, Idea

_seq = itertools.count(1)


class Factory:
    PASSWORD = "correct-horse-battery"

    def user(self, role: Role | str = Role.MEMBER, **kw: Any) -> User:
        n = next(_seq)
        return accounts.register(
            kw.get("email", f"user{n}@example.com"),
            kw.get("display_name", f"User {n}"),
            kw.get("password", self.PASSWORD),
            role=Role(role),
            locale=kw.get("locale"),
        )

    def pm(self) -> User:
        return self.user(Role.PRODUCT_MANAGER)

    def board(self, slug: str | None = None, private: bool = False, **kw: Any) -> Board:
        n = next(_seq)
        board = Board(
            slug=slug or f"board-{n}",
            name=kw.get("name", f"Board {n}"),
            description=kw.get("description", "A board"),
            is_private=private,
        )
        db.session.add(board)
        db.session.commit()
        return board

    def idea(self, author: User | None = None, board: Board | None = None, **kw: Any) -> Idea:
        n = next(_seq)
        return ideas.create_idea(
            author or self.user(),
            board or self.board(),
            kw.get("title", f"Idea number {n} for the product"),
            kw.get("body", "Some details about why this matters."),
            kw.get("tags"),
        )
