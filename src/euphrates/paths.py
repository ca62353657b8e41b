"""Where Euphrates keeps built data (the gazetteer index) on this machine."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """`$EUPHRATES_DATA`, else `~/.local/share/euphrates`; created on demand."""
    root = os.environ.get("EUPHRATES_DATA")
    path = Path(root) if root else Path.home() / ".local" / "share" / "euphrates"
    path.mkdir(parents=True, exist_ok=True)
    return path
