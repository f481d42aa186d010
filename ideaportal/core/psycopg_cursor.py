"""psycopg's cursor with a result description that is built only when something reads it.

psycopg builds `cursor.description` anew on every access: one `Column` object per column
of the result, each decoding the column's name and looking up its type. SQLAlchemy reads
the description after every statement, but for a statement it has run before (its compiled
form and result metadata are cached) it only asks whether there is one. So every
statement paid for objects nobody looked at: about 40 of them for the vote's read (the
member, the idea and its board in one row), some 0.5 million CPU instructions per vote,
a tenth of the vote's cost in process on PostgreSQL.

Here the description is a sequence that knows its length and builds psycopg's own `Column`
objects on first access, from the result it was taken from (even when the cursor has moved
on to another one since). SQLite's driver builds its description in C: nothing to do there.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, overload

from sqlalchemy.engine import make_url


def engine_options(database_uri: str, options: dict[str, Any]) -> dict[str, Any]:
    """The engine options with this cursor on PostgreSQL through psycopg 3."""
    url = make_url(database_uri)
    if url.get_backend_name() != "postgresql" or url.get_driver_name() != "psycopg":
        return options
    connect_args = {"cursor_factory": cursor_class(), **options.get("connect_args", {})}
    return {**options, "connect_args": connect_args}


@cache
def cursor_class() -> type:
    """The cursor class, defined on first use: psycopg is an optional dependency."""
    import psycopg

    class DescribedOnDemand(psycopg.Cursor[Any]):
        __slots__ = ()

        @property  # the DB-API asks for a sequence; psycopg's own happens to be a list
        def description(self) -> Sequence[psycopg.Column] | None:  # type: ignore[override]
            result = self.pgresult
            if result is None or not result.nfields:
                return super().description  # None, or [] for a result without columns
            return _Columns(self, result)

    return DescribedOnDemand


class _Columns(Sequence[Any]):
    """One result's column descriptions: its length at once, psycopg's Column objects when
    first read."""

    __slots__ = ("_cursor", "_result", "_built")

    def __init__(self, cursor: Any, result: Any) -> None:
        self._cursor = cursor
        self._result = result
        self._built: list[Any] | None = None

    def __len__(self) -> int:
        return int(self._result.nfields)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if self._built is None:
            import psycopg

            as_of = _CursorAt(self._cursor, self._result)
            self._built = [psycopg.Column(as_of, i) for i in range(len(self))]  # type: ignore[arg-type]
        return self._built[index]

    def __repr__(self) -> str:
        return repr(self[:])


class _CursorAt:
    """The cursor as it was when it held this result: what psycopg's Column reads."""

    __slots__ = ("_cursor", "pgresult")

    def __init__(self, cursor: Any, result: Any) -> None:
        self._cursor = cursor
        self.pgresult = result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)
