"""A long-running child process (the live preview): its output logged by line, waited on, stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.measure import tail

STOP_SECONDS = 30.0
FAILED = "Build failed:"


class LiveError(Exception):
    """The live preview could not be measured; the message says why."""


def free_port() -> int:
    """Return a TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A child process in its own session, each output line kept and written to `log`."""

    def __init__(self, command: Sequence[str], cwd: Path, env: dict[str, str], log: Path) -> None:
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log = log
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self._file = log.open("w", encoding="utf-8")
        self.note("$ " + " ".join(command))
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,  # so stop() reaches its workers and Pagefind too
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        """Keep and log every line the child prints."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            self._write(line)

    def _write(self, text: str) -> None:
        """Append text to the log, one writer at a time."""
        with self._lock:
            self._file.write(text)
            self._file.flush()

    def note(self, line: str) -> None:
        """Add the harness's own line to the log."""
        self._write(line + "\n")

    def count(self, text: str) -> int:
        """Count the output lines that contain `text`."""
        return sum(text in line for line in list(self.lines))

    def wait(self, check: Callable[[], bool], what: str, timeout: float, poll: float) -> None:
        """Wait until check() is true; raise LiveError if the child stops, fails or times out."""
        failures, deadline = self.count(FAILED), time.monotonic() + timeout
        while not check():
            if self.process.poll() is not None:
                raise LiveError(self._why(f"it stopped (exit {self.process.returncode})", what))
            if self.count(FAILED) > failures:
                raise LiveError(self._why("its build failed", what))
            if time.monotonic() > deadline:
                raise LiveError(self._why(f"nothing within {timeout:.0f} s", what))
            time.sleep(poll)

    def wait_for_serving(self, output: Path, timeout: float) -> None:
        """Wait for the one line the live preview prints once its first build is served."""
        opening = f"Serving {output} on http://"
        self.wait(lambda: self.count(opening) > 0, f"the line '{opening}...'", timeout, 0.05)

    def _why(self, cause: str, what: str) -> str:
        """Say what was awaited, what happened instead, and show the end of the log."""
        self._reader.join(timeout=1)  # the last lines of a child that stopped
        return f"live preview: waited for {what}: {cause}; log {self.log}:\n{tail(self.log)}"

    def stop(self) -> int | None:
        """Stop the child and its process group (SIGTERM, then SIGKILL); return its exit code."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._reader.join(timeout=5)
        self.note(f"[bench] live preview stopped (exit {self.process.returncode})")
        self._file.close()
        return self.process.returncode
