"""What a build may replace, and one line instead of a traceback when a write fails.

A build replaces its whole output folder. It does so only when every entry in that
folder was left there by an earlier build of it, as the manifest beside the folder
(`.<output>.manifest.json`, "made") lists; a new or empty folder is fine too.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from press_core.errors import Problem, shown

from . import output
from .memo import OutputMemo, manifest_path, pending_path

# Errors of a write the disk refused: full, over a quota or size limit, read-only, broken.
WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO})
NAMED = 3  # foreign entries named in the refusal; the rest are counted


def unmarked_problem(final: Path, shown_final: str) -> Problem | None:
    """Refuse, before anything is written beside it, a non-empty output with no manifest."""
    marked = manifest_path(final).exists() or pending_path(final).exists()  # see memo.recover
    if marked or not final.is_dir() or not any(final.iterdir()):
        return None
    return foreign_problem(OutputMemo.open(final), shown_final)


def foreign_problem(memo: OutputMemo, shown_final: str) -> Problem | None:
    """Refuse an output holding entries no build of it made (a user's files, a stray folder)."""
    foreign = memo.foreign()
    if not foreign:
        return None
    named = ", ".join(foreign[:NAMED])
    more = f" and {len(foreign) - NAMED} more" if len(foreign) > NAMED else ""
    return Problem(
        shown_final,
        "OUTPUT_PATH",
        f"holds files that no build of this site made ({named}{more}); a build replaces"
        " its output, so move them out or choose a new or empty folder",
    )


def write_problem(error: OSError, staging: Path, final: Path) -> Problem:
    """Describe a failed write as one line, the file named as inside the output."""
    name = str(error.filename2 or error.filename or "")  # shutil's copies: filename2 is the copy
    if name.startswith(f"{staging}/"):
        name = f"{shown(final)}/{name[len(str(staging)) + 1 :]}"
    elif name:
        name = shown(Path(name))
    what = f"could not write {name}" if name else "a write failed"
    return Problem(shown(final), "OUTPUT_PATH", f"{what}: {error.strerror}")


def refused_write(pelican: Any, error: OSError) -> None:
    """Stop the build with one line when the disk refused a write; re-raise anything else.

    The staging folder is removed and the output is left as it was, as for any problem.
    """
    if error.errno not in WRITE_ERRORS:
        raise error
    final = output.final_path(pelican.settings["OUTPUT_PATH"])
    staging = Path(pelican.output_path)
    pending_path(final).unlink(missing_ok=True)
    output.stop([write_problem(error, staging, final)], staging, shown(final))
