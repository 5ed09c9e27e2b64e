"""One run reads the settings, contacts.yml and the body cache once, with one "now"."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import AFTER_EMBARGO, ROOT, copy_site

# Counts the calls the build makes, then runs the ordinary pelican command in-process.
COUNTING = """
import json, sys
import press_build.pipeline as pipeline
import press_content.build as build
import press_content.bodycache as bodycache
calls = {"read_settings": 0, "load_contacts": 0, "BodyCache": 0}
def counted(name, function):
    def wrapper(*args, **kwargs):
        calls[name] += 1
        return function(*args, **kwargs)
    return wrapper
pipeline.read_settings = counted("read_settings", pipeline.read_settings)
build.load_contacts = counted("load_contacts", build.load_contacts)
build.BodyCache = counted("BodyCache", bodycache.BodyCache)
from pelican import main
try:
    main(sys.argv[1:])
finally:
    print("CALLS " + json.dumps(calls))
"""


def test_settings_contacts_and_body_cache_are_read_once_per_run(tmp_path) -> None:
    site = copy_site(tmp_path)
    command = [
        sys.executable,
        "-c",
        COUNTING,
        "content",
        "-s",
        str(ROOT / "pelicanconf.py"),
        "-o",
        "output",
        "-e",  # a cache of this test's own, never the project's
        f"CACHE_PATH={json.dumps(str(tmp_path / 'cache'))}",
    ]
    env = {**os.environ, "PRESS_NOW": AFTER_EMBARGO, "PYTHONPATH": str(ROOT / "plugins")}
    result = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("CALLS "))
    assert json.loads(line.removeprefix("CALLS ")) == {
        "read_settings": 1,
        "load_contacts": 1,
        "BodyCache": 1,
    }


# Runs the pelican command in-process, then names the plugin modules it loaded.
LOADED = """
import sys
from pelican import main
try:
    main(sys.argv[1:])
finally:
    print("LOADED " + " ".join(sorted(m for m in sys.modules if m.startswith("press_"))))
"""


def loaded_modules(site, tmp_path, now: str) -> tuple[int, str, set[str]]:
    """Build the site with the ordinary command; return its exit, stderr and plugin modules."""
    command = [sys.executable, "-c", LOADED, "content", "-s", str(ROOT / "pelicanconf.py")]
    command += ["-o", "output", "-e", f"CACHE_PATH={json.dumps(str(tmp_path / 'cache'))}"]
    env = {**os.environ, "PRESS_NOW": now, "PYTHONPATH": str(ROOT / "plugins")}
    result = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=300)
    line = next(line for line in result.stdout.splitlines() if line.startswith("LOADED "))
    return result.returncode, result.stderr, set(line.split()[1:])


def test_a_build_found_up_to_date_never_loads_the_features(tmp_path) -> None:
    site = copy_site(tmp_path)
    code, _, first = loaded_modules(site, tmp_path, AFTER_EMBARGO)
    assert code == 0 and {"press_media.press_media", "press_feeds.press_feeds"} <= first
    code, _, again = loaded_modules(site, tmp_path, AFTER_EMBARGO)
    assert code == 0
    features = {name for name in again if name.count(".") and name.split(".")[0] != "press_core"}
    # Only the engine and the plugins' declarations: no reader, template or feature code.
    assert {name.split(".")[0] for name in features} == {
        "press_build",
        "press_media",
        "press_pages",
    }
    assert {name for name in features if not name.startswith("press_build")} == {
        "press_media.settings",
        "press_pages.options",
    }
    # A release edited: the whole build runs, every feature loaded.
    release = sorted((site / "content").rglob("*.md"))[0]
    release.write_text(release.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    code, stderr, changed = loaded_modules(site, tmp_path, AFTER_EMBARGO)
    assert code == 0, stderr
    assert {"press_media.press_media", "press_feeds.press_feeds"} <= changed
