"""Run the Nu HTML checker (npm vnu-jar, on Java) over a folder and return its messages."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Message:
    """One message of the checker, named by the file it concerns."""

    type: str
    file: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.type}: {self.message}\n    {self.extract!r}"


def checker_command() -> list[str]:
    """Return the command that runs the checker; fail the test with a fix when a tool is missing."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is not installed: the Nu HTML checker needs it. Run ./dev test (as root it installs default-jre-headless) or apt-get install default-jre-headless."
        )
    if not JAR.is_file():
        pytest.fail(
            f"{JAR.relative_to(ROOT)} is missing: run `npm ci` in {ROOT} (./dev test does it)."
        )
    return [java, "-jar", str(JAR), "--errors-only", "--format", "json", "--skip-non-html"]


def check_folder(folder: Path) -> list[Message]:
    """Check every HTML file under a folder; return the errors, named relative to it."""
    result = subprocess.run(
        [*checker_command(), str(folder)], capture_output=True, text=True, timeout=600
    )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"the Nu HTML checker did not answer in JSON (exit {result.returncode}):\n{result.stderr[-2000:]}"
        )
    prefix = f"file:{folder.resolve()}/"
    return [
        Message(
            m.get("type", "?"),
            m.get("url", "").removeprefix(prefix),
            m.get("lastLine"),
            m.get("message", ""),
            m.get("extract", ""),
        )
        for m in report.get("messages", [])
        # --errors-only already drops warnings; "non-document-error" (unreadable file) counts too.
        if m.get("type") != "info"
    ]
