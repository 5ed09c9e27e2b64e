"""The phases features hook into, in order; every receiver gets the run's `build=`.

Sent by pipeline.PressBuild only (the Pelican signals that drive the ones marked "inside
Pelican" are connected in pipeline.py and nowhere else). Receivers are called in the
order they connected: the order of PLUGINS.
"""

from __future__ import annotations

from blinker import signal

# lock: sender the PressBuild; the settings are read and the output is locked and staged;
# a feature reads what the whole run shares (press_content: contacts.yml, its caches).
started = signal("press_build.started")
# read: sender each generator, made and not yet reading (its readers, before any file).
reading = signal("press_build.reading")
# gate (inside Pelican): sender the articles generator; every release is read, nothing is
# listed or written: validate them together, withhold what is not due, stop on a problem.
gate = signal("press_build.gate")
# gate (inside Pelican): sender the static generator; the files to copy are known.
gate_files = signal("press_build.gate_files")
# views (inside Pelican): sender the articles generator; the gated releases are final
# (translations linked): each feature gives them what templates read.
views = signal("press_build.views")
# plan: sender the PressBuild, with `generators=`; every context is complete, nothing is
# written; the site's digest is taken after the receivers ran.
planned = signal("press_build.planned")
# index: sender the PressBuild, with `staging=`; every page is written: a receiver may add
# files there (the search index) or stop the build and keep the old output.
output_ready = signal("press_build.output_ready")
# any phase stopped: sender the PressBuild; undo what a receiver started (running indexers).
abandoned = signal("press_build.abandoned")
