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
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

RENAME_EXCHANGE = 2
AT_FDCWD = -100
POLL = 0.1  # seconds between two tries of a busy lock
BACKGROUND_FROM = 2000  # files in a replaced output from which it is removed in the background


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
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(handle)
                raise StagingError(
                    f"another build is writing this output and did not finish within"
                    f" {wait:g} seconds (PRESS_LOCK_WAIT); try again when it ends"
                ) from None
            time.sleep(POLL)


def unlock(handle: int | None) -> None:
    """Let the next build of this output start (None: the lock was never taken)."""
    if handle is None:
        return
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


def commit(staging: Path, final: Path, same: Callable[[Path, str], bool] | None = None) -> None:
    """Put the finished staging folder in place of the output, which is never missing.

    `same(name)` tells whether the old output's file `name` is byte for byte the new
    one's: see discard.
    """
    if not final.exists():
        os.rename(staging, final)
    elif _exchange(staging, final):
        discard(staging, same)  # it now holds the old output
    else:
        aside = Path(tempfile.mkdtemp(prefix=f".{final.name}.previous-", dir=final.parent))
        os.rename(final, aside / "site")
        os.rename(staging, final)
        shutil.rmtree(aside, ignore_errors=True)


def discard(old: Path, same: Callable[[Path, str], bool] | None) -> None:
    """Remove a replaced output: at once when small, else in the background.

    Every file that is not the same in the new output (gone, or different: it may hold
    text that is now withheld) is removed before this returns; only copies of files
    the new output holds identically are left to a detached process, which the next
    build's recovery finishes if it was stopped.
    """
    files = [
        os.path.relpath(os.path.join(root, name), old)
        for root, _, names in os.walk(old)
        for name in names
    ]
    if same is None or len(files) < BACKGROUND_FROM:
        shutil.rmtree(old, ignore_errors=True)
        return
    for name in files:
        if not same(old, name):
            os.unlink(old / name)
    _detached(partial(shutil.rmtree, old, ignore_errors=True))


def _detached(work: Callable[[], Any]) -> None:
    """Run work in a grandchild process that holds none of this process's files or locks."""
    try:
        child = os.fork()
    except OSError:
        work()
        return
    if child:
        os.waitpid(child, 0)
        return
    try:
        if os.fork() == 0:  # the grandchild: init adopts it, so no zombie is left
            os.setsid()
            quiet = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(quiet, stream)
            os.closerange(3, 1 << 16)  # pipes a caller waits on, the build lock, sockets
            work()
    finally:
        os._exit(0)


def abandon(staging: Path) -> None:
    """Remove this build's staging folder after a failed build."""
    if ".staging-" in staging.name:
        shutil.rmtree(staging, ignore_errors=True)
