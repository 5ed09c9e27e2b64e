"""JSON files the build keeps between runs (caches, the manifest): read leniently, written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def read_object(path: Path | None) -> dict[str, Any]:
    """Return the JSON object in a file; {} when there is none or it cannot be read."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_object(path: Path, data: dict[str, Any]) -> None:
    """Write a JSON object through a scratch file renamed in place: readers never see half.

    The text goes to the file piece by piece: the body cache is tens of megabytes, and
    as one string (then its encoded bytes) it would briefly take twice that in memory.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with scratch.open("w", encoding="utf-8") as file:
            json.dump(data, file, sort_keys=True)
        os.replace(scratch, path)
    except OSError as error:
        scratch.unlink(missing_ok=True)  # a full disk leaves no half-written scratch file
        if error.filename:
            raise
        raise OSError(error.errno, error.strerror, str(path)) from None
