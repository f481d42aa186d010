"""Folders of this user's own in a place every local user may write to (/dev/shm, /tmp)."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def private_folder(parent: Path, name: str) -> Path | None:
    """`parent/name`, made with mode 0700 if it is missing; None when it cannot be made or
    is not a real folder of this user's (a link, or a folder another local user prepared
    for us, which could hand us their files)."""
    folder = parent / name
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return None
    return folder
