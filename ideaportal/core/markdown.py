"""Markdown rendering: CommonMark via markdown-it-py, then sanitised by nh3 (Ammonia)."""

from __future__ import annotations

import functools
import html as html_lib

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Raw HTML in the source is escaped by markdown-it ("html": False); nh3 is the second wall.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.enable(["table", "strikethrough"])

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render_markdown(source: str | None) -> Markup:
    """Safe HTML for user-written markdown; links open nothing but http(s) and mailto."""
    html = _md.render(source or "")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )
    return Markup(cleaned)  # noqa: S704 - sanitised by nh3 just above


def plain_excerpt(source: str | None, length: int = 200) -> str:
    """Text without markup, for lists, emails and feeds."""
    return _plain_excerpt(source or "", length)


# Every idea list renders 20 excerpts of bodies that rarely change: parse each body once
# per process instead of on every page view (a third of a list page's time).
@functools.lru_cache(maxsize=4096)
def _plain_excerpt(source: str, length: int) -> str:
    # nh3 leaves entities escaped; unescape so Jinja escapes exactly once.
    text = html_lib.unescape(nh3.clean(_md.render(source), tags=set()))
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
