"""Problems found in content, reported as one line each: path: field: message."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, with the field it concerns."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


def shown(path: str | os.PathLike) -> str:
    """Return a path as staff know it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


class PressError(Exception):
    """Base class of the project's own errors."""
