"""One build at a time per output: a lock, a staging folder per build, an atomic swap.

The output folder is never missing: the finished staging folder and the output are
exchanged in one step (Linux renameat2 RENAME_EXCHANGE); where that call does not
exist, the old output is renamed aside first and any build that starts after an
interruption puts it back. Every leftover of an interrupted build is removed by the
next build, under the same lock. Only folders a build noted in the lock file (which it
holds while it runs) count as leftovers: a folder someone else named like one is kept.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
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
    return _hold(
        final.parent / f".{final.name}.lock", wait, "cannot write beside the output",
        "another build is writing this output",
    )  # fmt: skip


def lock_cache(cache: Path, wait: float) -> int:
    """Hold the cache's lock file, waiting up to `wait` seconds; return its fd.

    Builds of other outputs may share a cache (the live preview and a publishing build of
    one site): each removes from it what its own releases no longer use (another
    address's PDFs, a withheld release's photos), so they take turns.
    """
    return _hold(
        cache / ".press-build.lock", wait, "cannot write in the cache folder",
        "another build is using this cache folder",
    )  # fmt: skip


def _hold(path: Path, wait: float, unwritable: str, busy: str) -> int:
    """Hold a lock file, waiting up to `wait` seconds; return its fd."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise StagingError(f"{unwritable} ({error.strerror.lower()})") from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(handle)
                raise StagingError(
                    f"{busy} and did not finish within {wait:g} seconds (PRESS_LOCK_WAIT);"
                    " try again when it ends"
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


def recover(final: Path, handle: int | None) -> None:
    """Undo what an interrupted build left: restore a missing output, drop leftovers.

    A leftover is a folder an earlier build noted in the lock file; the notes are then cleared.
    """
    noted = _noted(handle)
    previous = [path for path in _leftovers(final, "previous") if path.name in noted]
    staging = [path for path in _leftovers(final, "staging") if path.name in noted]
    kept = [path / "site" for path in previous if (path / "site").is_dir()]
    if kept and not final.exists() and not final.is_symlink():
        os.rename(kept[-1], final)
    for path in previous + staging:
        shutil.rmtree(path, ignore_errors=True)
    if handle is not None:
        os.ftruncate(handle, 0)


def _noted_folder(final: Path, kind: str, handle: int | None) -> Path:
    """Make a new private folder beside the output, noted in the held lock file first.

    Noted before it exists: a build killed in between leaves a note of nothing, never
    a folder the next build would not know as its own.
    """
    while True:
        path = final.parent / f".{final.name}.{kind}-{secrets.token_hex(6)}"
        if handle is not None:
            os.lseek(handle, 0, os.SEEK_END)
            os.write(handle, os.fsencode(path.name) + b"\n")
        try:
            path.mkdir(mode=0o700)
            return path
        except FileExistsError:
            continue


def _forget(handle: int | None, *paths: Path) -> None:
    """Drop folders that are gone from the notes in the held lock file."""
    if handle is None:
        return
    gone = {path.name for path in paths}
    kept = "".join(f"{name}\n" for name in sorted(_noted(handle) - gone)).encode()
    os.pwrite(handle, kept, 0)  # then cut: a build killed in between keeps every note
    os.ftruncate(handle, len(kept))


def _noted(handle: int | None) -> set[str]:
    """Return the folders builds noted in the held lock file."""
    if handle is None:
        return set()
    os.lseek(handle, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(handle, 1 << 16):
        chunks.append(chunk)
    return set(os.fsdecode(b"".join(chunks)).splitlines())


def begin(final: Path, handle: int | None) -> Path:
    """Create this build's own empty staging folder beside the output (lock held)."""
    try:
        path = _noted_folder(final, "staging", handle)
        mask = os.umask(0)
        os.umask(mask)
        path.chmod(0o777 & ~mask)  # made private at first; the output must be servable
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


def commit(
    staging: Path,
    final: Path,
    same: Callable[[Path, str], bool] | None = None,
    handle: int | None = None,
) -> None:
    """Put the finished staging folder in place of the output, which is never missing.

    `same(name)` tells whether the old output's file `name` is byte for byte the new
    one's: see discard.
    """
    if not final.exists():
        os.rename(staging, final)
        _forget(handle, staging)
    elif _exchange(staging, final):
        if discard(staging, same):  # it now holds the old output
            _forget(handle, staging)  # else the next build's recovery finishes the removal
    else:
        aside = _noted_folder(final, "previous", handle)
        os.rename(final, aside / "site")
        os.rename(staging, final)
        shutil.rmtree(aside, ignore_errors=True)
        _forget(handle, staging, aside)


def discard(old: Path, same: Callable[[Path, str], bool] | None) -> bool:
    """Remove a replaced output: at once when small, else in the background; True if done.

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
        return True
    for name in files:
        if not same(old, name):
            os.unlink(old / name)
    _detached(partial(shutil.rmtree, old, ignore_errors=True))
    return False


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


def abandon(staging: Path, handle: int | None = None) -> None:
    """Remove this build's staging folder after a failed build."""
    if ".staging-" in staging.name:
        shutil.rmtree(staging, ignore_errors=True)
        _forget(handle, staging)
