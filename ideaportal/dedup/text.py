"""The text of an idea that is embedded and matched: its title plus the start of its body.

Owns what "the words of an idea" means for duplicate detection, so the encoder, the vector
index, the full-text side and the quality benchmark all see the same string. Markdown syntax
is stripped because `**`, `[..](https://...)` and code fences are noise to a sentence model
and would eat the short body budget; whitespace is collapsed so edits that only reflow text
keep the same hash (and are not embedded again).
"""

from __future__ import annotations

import hashlib
import re

# MiniLM reads at most 256 word pieces; title + ~300 characters of body stays well inside
# that and is where people state the need (the rest is detail, logs, pleasantries).
BODY_CHARS = 300

_FENCED_BLOCK = re.compile(r"^[ \t]*(```|~~~).*?(^[ \t]*\1[^\n]*$|\Z)", re.DOTALL | re.MULTILINE)
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # keep the visible text
_REFERENCE_LINK = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^[ \t]*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]*(>[ \t]?)+", re.MULTILINE)
_LIST_MARKER = re.compile(r"^[ \t]*([-*+]|\d{1,9}[.)])[ \t]+(\[[ xX]\][ \t]+)?", re.MULTILINE)
_TABLE_PIPE = re.compile(r"[ \t]*\|[ \t]*")
_TABLE_RULE = re.compile(r"^[ \t|:-]+$", re.MULTILINE)
# Emphasis and inline code markers; `_` only at word edges, so snake_case survives.
_EMPHASIS = re.compile(r"\*{1,3}|~~|`+|(?<!\w)_{1,3}|_{1,3}(?!\w)")
_SPACE = re.compile(r"\s+")


def strip_markdown(source: str) -> str:
    """Plain text of a Markdown source, on one line."""
    text = _FENCED_BLOCK.sub(" ", source)  # code and logs say little about the need
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _LINK_DEFINITION.sub(" ", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _TABLE_RULE.sub(" ", text)
    text = _HEADING.sub(" ", text)
    text = _RULE.sub(" ", text)
    text = _QUOTE.sub("", text)
    text = _LIST_MARKER.sub("", text)
    text = _TABLE_PIPE.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    return _SPACE.sub(" ", text).strip()


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, ending at a word boundary when one is near (half a word
    becomes odd word pieces for the model and a bogus term for the lexical side)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space >= limit - 30 else cut


def idea_text(title: str, body: str, body_chars: int = BODY_CHARS) -> str:
    """Title, then the first `body_chars` characters of the body without Markdown."""
    head = _SPACE.sub(" ", title or "").strip()  # titles are plain text, not Markdown
    start = _cut(strip_markdown(body or ""), max(body_chars, 0))
    if not start:
        return head
    if not head:
        return start
    # A full stop keeps the title a sentence of its own for the model.
    joiner = " " if head[-1] in ".!?:;" else ". "
    return f"{head}{joiner}{start}"


def text_hash(text: str) -> str:
    """SHA-256 (hex) of the text: an embedding is stale when its text's hash changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
