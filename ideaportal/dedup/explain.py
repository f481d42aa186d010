"""Why two ideas were suggested as alike: the words they share, and those words highlighted.

Owns the explanation shown beside every suggestion (while a customer types, and in the product
managers' duplicates queue) next to the similarity percentage. The embedding itself cannot say
why; the shared meaningful words are what a reader can check at a glance.

Words are matched on a crude stem (lower case, common English endings removed) so "exports"
and "exporting" count as "export"; stop words and single characters never count. Highlighting
escapes every piece of text and adds only <mark> tags, so user text can never inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Set

from markupsafe import Markup, escape

from ideaportal.ideas.fulltext import STOP_WORDS

MAX_SHARED_WORDS = 8
_WORD = re.compile(r"\w+")
_ENDINGS = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    word = word.lower()
    for ending in _ENDINGS:
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def _meaningful(word: str) -> bool:
    return len(word) > 1 and word.lower() not in STOP_WORDS and not word.isdigit()


def stems(text: str) -> set[str]:
    """The meaningful words of a text, each as its crude stem."""
    return {_stem(w) for w in _WORD.findall(text or "") if _meaningful(w)}


def shared_words(text: str, other: str, limit: int = MAX_SHARED_WORDS) -> list[str]:
    """The meaningful words of `other` that `text` also uses (matched on their stems), as
    written in `other`, in order of first use, at most `limit`."""
    return words_with_stems(other, stems(text), limit)


def words_with_stems(other: str, wanted: Set[str], limit: int = MAX_SHARED_WORDS) -> list[str]:
    """The words shared_words gives, with the text's `stems` taken beforehand: for one
    text held against many, its words are stemmed once."""
    out: list[str] = []
    seen: set[str] = set()
    for word in _WORD.findall(other or ""):
        stem = _stem(word)
        if _meaningful(word) and stem in wanted and stem not in seen:
            seen.add(stem)
            out.append(word.lower())
            if len(out) == limit:
                break
    return out


def highlight(text: str, words: list[str] | tuple[str, ...]) -> Markup:
    """The text, escaped, with each occurrence of the given words (by stem) in <mark>."""
    stems = {_stem(w) for w in words}
    parts: list[str] = []
    at = 0
    for match in _WORD.finditer(text or ""):
        if _stem(match.group()) in stems and _meaningful(match.group()):
            parts.append(str(escape(text[at : match.start()])))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            at = match.end()
    parts.append(str(escape((text or "")[at:])))
    return Markup("".join(parts))  # noqa: S704 - every piece above was escaped
