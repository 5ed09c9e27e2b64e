"""One build at a time per output: a lock, a staging folder per build, an atomic swap.

The output folder is never missing: the finished staging folder and the output are
exchanged in one step (Linux renameat2 RENAME_EXCHANGE); where that call does not
exist, the old output is renamed aside first and any build that starts after an
interruption puts it back. Every leftover of an interrupted build is removed by the
next build, under the same lock.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100
POLL = 0.1  # seconds between two tries of a busy lock
HELD: list[int] = []  # lock handles this process holds; released on commit or stop


class StagingError(OSError):
    """The output folder cannot be prepared; the message says why in plain words."""


def _leftovers(final: Path, kind: str) -> list[Path]:
    return sorted(final.parent.glob(f".{final.name}.{kind}*"))


def lock(final: Path, wait: float) -> int:
    """Hold the lock file beside the output, waiting up to `wait` seconds; return its fd."""
    path = final.parent / f".{final.name}.lock"
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise StagingError(f"cannot write beside the output ({error.strerror.lower()})") from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            HELD.append(handle)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(handle)
                raise StagingError(
                    f"another build is writing this output and did not finish within"
                    f" {wait:g} seconds (PRESS_LOCK_WAIT); try again when it ends"
                ) from None
            time.sleep(POLL)


def unlock() -> None:
    """Let the next build of this output start."""
    while HELD:
        handle = HELD.pop()
        try:
            fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            os.close(handle)


def recover(final: Path) -> None:
    """Undo what an interrupted build left: restore a missing output, drop leftovers."""
    kept = [path / "site" for path in _leftovers(final, "previous") if (path / "site").is_dir()]
    if kept and not final.exists() and not final.is_symlink():
        os.rename(kept[-1], final)
    for path in _leftovers(final, "previous") + _leftovers(final, "staging"):
        shutil.rmtree(path, ignore_errors=True)


def begin(final: Path) -> Path:
    """Create this build's own empty staging folder beside the output (lock held)."""
    try:
        path = Path(tempfile.mkdtemp(prefix=f".{final.name}.staging-", dir=final.parent))
        mask = os.umask(0)
        os.umask(mask)
        path.chmod(0o777 & ~mask)  # mkdtemp makes it private; the output must be servable
        return path
    except OSError as error:
        raise StagingError(f"cannot write beside the output ({error.strerror.lower()})") from None


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def commit(staging: Path, final: Path) -> None:
    """Put the finished staging folder in place of the output, which is never missing."""
    if not final.exists():
        os.rename(staging, final)
    elif _exchange(staging, final):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old output
    else:
        aside = Path(tempfile.mkdtemp(prefix=f".{final.name}.previous-", dir=final.parent))
        os.rename(final, aside / "site")
        os.rename(staging, final)
        shutil.rmtree(aside, ignore_errors=True)


def abandon(staging: Path) -> None:
    """Remove this build's staging folder after a failed build."""
    if ".staging-" in staging.name:
        shutil.rmtree(staging, ignore_errors=True)
