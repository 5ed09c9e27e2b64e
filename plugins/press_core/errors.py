"""Problems found in content, reported as one line each: path: field: message."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Characters that would break a message over lines or hide in it: controls, format
# characters (bidi overrides, zero-width), line and paragraph separators, surrogates.
UNSHOWN = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def one_line(text: str) -> str:
    """Return text with every unshown character written as an escape like \\x00 or \\u2028."""
    if text.isprintable():
        return text
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in UNSHOWN
        else char
        for char in text
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, with the field it concerns."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.path}: {self.field}: {self.message}")


def shown(path: str | os.PathLike) -> str:
    """Return a path as staff know it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


class PressError(Exception):
    """Base class of the project's own errors."""


class UnreadableError(PressError):
    """A content file exists but cannot be read as UTF-8 text."""


def read_text(path: str | os.PathLike) -> str:
    """Read a content file as UTF-8; any failure but a missing file is an UnreadableError."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise
    except UnicodeDecodeError as error:
        byte = error.object[error.start]
        raise UnreadableError(
            f"is not UTF-8 text (byte {byte:#04x} at position {error.start}); save it as UTF-8"
        ) from None
    except IsADirectoryError:
        raise UnreadableError("is a folder, not a file") from None
    except PermissionError:
        raise UnreadableError("cannot be read: permission denied") from None
    except (OSError, RuntimeError) as error:  # RuntimeError: a symbolic link loop
        reason = getattr(error, "strerror", None) or "the file system refused"
        raise UnreadableError(f"cannot be read: {reason.lower()}") from None


class BuildStopped(PressError):  # noqa: N818 -- names the outcome staff see
    """The build stopped before publishing, with one line per problem still to be shown.

    Raised deep in a plugin; only the edges (the `pelican` command through PressPelican,
    the live preview) print the lines and turn the stop into an exit code.
    """

    exit_code = 1

    def __init__(self, lines: list[str] | None = None) -> None:
        self.lines = list(lines or [])  # the lines staff see, one per problem
        super().__init__(self.lines)  # args as given: a copy made by pickle has the same lines

    def __str__(self) -> str:
        return "\n".join(self.lines)


class UpToDate(PressError):  # noqa: N818 -- not an error: nothing needed building
    """The output already matches every input and "now": nothing was built or swapped."""

    exit_code = 0
