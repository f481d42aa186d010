"""Fragments rendered once per kind, with slots for what each request fills in.

Some fragments are drawn on nearly every request and depend on little: the header and
footer of every page (on the language, the active tab, who is looking), the vote button a
click answers with (on the language, the idea's status, whether the person voted). Their
templates cost more than the rest of such a request. So a `Fragment` is rendered once per
key, language and script root and process, with a slot (`slot("name")`) wherever a request
has its own value: a member's name, an idea's title and count, a CSRF token, the id in a
link (`slotted_url`). Each request fills the slots of the cached rendering.

Slots are filled in one pass and every value is escaped (Markup stays as it is), so a value
that looks like a slot, a display name say, is shown as typed and never filled in turn. A
slot left without a value comes out empty. In development (templates reloaded on change) a
fragment is rendered on every request, so a template edit shows at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from flask import Flask, current_app, render_template, request, url_for
from markupsafe import Markup, escape

from ideaportal.core.i18n import current_language

_SLOT = re.compile(r"__slot_(\w+?)__")
_RENDERED = "slots.rendered"


def slot(name: str) -> Markup:
    """The placeholder a fragment is rendered with where a request's own value goes."""
    return Markup(f"__slot_{name}__")  # noqa: S704 - letters only


def slotted_url(endpoint: str, **slots: str) -> Markup:
    """The link to `endpoint` with a slot for each integer argument: `slotted_url(
    "ideas.vote", idea_id="id")` is "/ideas/__slot_id__/vote", filled per request with the
    value of slot "id". A fragment is then rendered with the link built once, where
    url_for on every request costs more than the rest of filling it."""
    stand_ins: dict[str, Any] = {argument: _STAND_IN + n for n, argument in enumerate(slots)}
    url = str(escape(url_for(endpoint, **stand_ins)))
    for argument, name in slots.items():
        url = url.replace(str(stand_ins[argument]), slot(name))
    return Markup(url)  # noqa: S704 - escaped above, slots are letters only


_STAND_IN = 7_306_150_000  # an integer no link holds by itself


def fill(html: str, values: Mapping[str, str]) -> Markup:
    """`html` with every slot replaced by its value, escaped, in one pass."""
    escaped = {name: escape(value) for name, value in values.items()}
    return Markup(_SLOT.sub(lambda found: escaped.get(found.group(1), ""), html))  # noqa: S704


def _no_context(*_key: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Fragment:
    """A template rendered once per key: `context(*key)` is what it is rendered with, slots
    where each request's values go. The key names everything else its rendering depends on
    (besides the language and the script root, which every key includes)."""

    template: str
    context: Callable[..., dict[str, Any]] = field(default=_no_context)

    def render(self, key: tuple[Any, ...] = (), values: Mapping[str, str] | None = None) -> Markup:
        if current_app.jinja_env.auto_reload:
            html = render_template(self.template, **self.context(*key))
        else:
            html = current_app.extensions[_RENDERED](
                self, current_language(), request.script_root, key
            )
        return fill(html, values or {})


def init_app(app: Flask) -> None:
    # The most recently used renderings are kept, a few per key. One cache per app: two apps
    # in one process (the tests) do not share renderings.
    @lru_cache(maxsize=2048)
    def rendered(
        fragment: Fragment, _language: str, _script_root: str, key: tuple[Any, ...]
    ) -> str:
        return render_template(fragment.template, **fragment.context(*key))

    app.extensions[_RENDERED] = rendered
    app.jinja_env.globals["slot"] = slot
