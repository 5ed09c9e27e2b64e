"""Signals press_content sends (the build's phases are press_build.signals)."""

from __future__ import annotations

from blinker import signal

# Sent with a release file's path and `text=` its text each time the reader reads one
# from disk, only when something listens: the live preview keeps the text each page of
# its last good build was made from, to tell a body edit from a front matter edit.
release_read = signal("press_content.release_read")
