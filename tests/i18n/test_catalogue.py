"""The German catalogue holds every string the code marks for translation, translated."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.checkers import python_format
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = sorted(p.name for p in (ROOT / "ideaportal" / "translations").iterdir() if p.is_dir())


def _extracted() -> Catalog:
    """What `pybabel extract -F babel.cfg` finds, extracted the same way."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog()
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return _extracted()


def test_every_language_folder_has_a_catalogue():
    assert "de" in LANGUAGES
    for language in LANGUAGES:
        assert (
            ROOT / "ideaportal" / "translations" / language / "LC_MESSAGES" / "messages.po"
        ).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_marked_string(extracted, language):
    path = ROOT / "ideaportal" / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as source:
        catalogue = read_po(source)
    missing, untranslated, fuzzy, broken = [], [], [], []
    for message in extracted:
        if not message.id:
            continue
        entry = catalogue.get(message.id)
        if entry is None:
            missing.append(message.id)
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(strings):
            untranslated.append(message.id)
        if entry.fuzzy:
            fuzzy.append(message.id)
        try:
            python_format(catalogue, entry)
        except Exception as exc:  # babel raises TranslationError with the reason
            broken.append(f"{message.id!r}: {exc}")
    hint = "run `make translations`, translate the new entries in " + str(path.relative_to(ROOT))
    assert missing == [], f"not in the catalogue ({hint}): {missing[:20]}"
    assert untranslated == [], f"untranslated ({hint}): {untranslated[:20]}"
    assert fuzzy == [], f"fuzzy, check and clear the flag: {fuzzy[:20]}"
    assert broken == [], f"placeholders differ from the English: {broken[:20]}"
