"""Where the exported ONNX graph of the model is kept: a read-only home folder (a
container's root, a service user without a home) must not stop the model from starting."""

from __future__ import annotations

import os
import stat
import tempfile

import pytest

from ideaportal.dedup import onnx_encoder


@pytest.fixture
def unwritable_home(tmp_path, monkeypatch):
    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("")
    monkeypatch.delenv("IDEAPORTAL_MODEL_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(blocker))  # ~/.cache/ideaportal cannot be made under it
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    return tmp_path / "tmp"


def test_without_a_writable_home_the_cache_is_a_private_temporary_folder(unwritable_home):
    folder = onnx_encoder.cache_dir()
    assert folder.parent == unwritable_home and folder.is_dir()
    assert folder.stat().st_uid == os.getuid() and stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_temporary_folder_another_user_could_have_prepared_is_refused(unwritable_home):
    elsewhere = unwritable_home / "someone-elses"
    elsewhere.mkdir()
    (unwritable_home / f"ideaportal-models-{os.getuid()}").symlink_to(elsewhere)
    with pytest.raises(RuntimeError, match="IDEAPORTAL_MODEL_CACHE_DIR"):
        onnx_encoder.cache_dir()


def test_the_setting_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("IDEAPORTAL_MODEL_CACHE_DIR", str(tmp_path / "models"))
    assert onnx_encoder.cache_dir() == tmp_path / "models"
