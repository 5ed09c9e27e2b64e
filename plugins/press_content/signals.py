"""Signals press_content sends for plugins that work on the finished output."""

from __future__ import annotations

from blinker import signal

# Sent with the staging directory once every page is written, just before it is swapped
# in: a receiver may add files there, or stop the build (output.stop) and keep the old one.
output_ready = signal("press_content.output_ready")
