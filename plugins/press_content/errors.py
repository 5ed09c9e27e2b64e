"""Problems found in content, reported as one line each: path: field: message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, with the field it concerns."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class PressError(Exception):
    """Base class of the project's own errors."""


class ContentProblems(PressError):
    """Content that cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in content")


class UnsafeOutputPath(PressError):
    """A file would be written outside the output directory."""
