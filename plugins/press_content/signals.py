"""Signals press_content sends for plugins that work on the finished output."""

from __future__ import annotations

from blinker import signal

# Sent with the staging directory once every page is written, just before it is swapped
# in: a receiver may add files there, or stop the build (output.stop) and keep the old one.
output_ready = signal("press_content.output_ready")

# Sent with the staging directory when a build stops (a problem, a refused write), just
# before that folder is removed: a receiver ends any work still writing into it.
output_stopped = signal("press_content.output_stopped")

# Sent with a release file's path and `text=` its text each time the reader reads one
# from disk, only when something listens: the live preview keeps the text each page of
# its last good build was made from, to tell a body edit from a front matter edit.
release_read = signal("press_content.release_read")
