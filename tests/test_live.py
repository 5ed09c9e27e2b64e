"""The live preview (`python -m live`): one process builds, serves, rebuilds and reloads pages."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
import urllib.error
import urllib.request
from argparse import ArgumentTypeError
from collections.abc import Callable, Iterator
from pathlib import Path

import inprocess
import pytest
from conftest import AFTER_EMBARGO, ROOT, Build, Running, copy_site, edit, snapshot, stable

from live import fresh, server
from live.__main__ import extra_setting
from tests import axe

SETTINGS = str(ROOT / "pelicanconf.py")
TAG = b'<script src="/__live/reload.js" defer></script>'
ENGLISH_ONLY = "content/releases/2021/2021-english-only.en.md"
FORMAT = "write it like 2021-05-21T09:00:00+02:00"
FAILED = "Build failed: fix the problems above; output still holds the last good build."
SERVING = re.compile(r"Serving output on http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\)")
WAIT_MS = 60000  # bounds a broken page on a busy machine; never slept


def start(site: Path, *settings: str) -> tuple[Running, str]:
    """Run `python -m live` on a site after every embargo; return it and its base URL."""
    extra = [item for setting in settings for item in ("-e", setting)]
    args = ["content", "-s", SETTINGS, "-o", "output", "--port", "0", *extra]
    env = {**os.environ, "PRESS_NOW": AFTER_EMBARGO}
    live = Running(site, *args, env=env, module="live")
    live.wait_for(lambda: any(SERVING.fullmatch(line) for line in live.lines), "the server")
    port = next(SERVING.fullmatch(line)[1] for line in live.lines if SERVING.fullmatch(line))
    return live, f"http://127.0.0.1:{port}"


def setting(key: str, value: str | Path) -> str:
    """Return one `-e KEY=VALUE` with a JSON string value."""
    return f"{key}={json.dumps(str(value))}"


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    """GET a URL; return its status, headers and body, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def replace(path: Path, old: str, new: str) -> None:
    """Change a file in one step (as editors that save by renaming do): one rebuild per edit."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    scratch = path.with_name(f".#{path.name}")  # IGNORE_FILES: never a source
    scratch.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(scratch, path)


def plain_build(site: Path, output: Path, *settings: str) -> Build:
    """Build a site with the plain command after every embargo, `-e` settings given."""
    argv = ["content", "-s", SETTINGS, "-o", str(output)]
    # One -e for all: Pelican keeps only the last -e's pairs (the live preview's own
    # option extends), and a lost CACHE_PATH shares the project's cache with other tests.
    argv += ["-e", *settings] if settings else []
    result = Build(*inprocess.run(site, argv, {"PRESS_NOW": AFTER_EMBARGO}), site, site / output)
    assert result.returncode == 0, result.stderr
    return result


def cold_build(site: Path, theme: Path, output: Path, cache: Path) -> Path:
    """Build the same sources with the plain command, a fresh cache and another output."""
    plain_build(site, output, setting("CACHE_PATH", cache), setting("THEME", theme))
    return output


@pytest.fixture
def running() -> Iterator[list[Running]]:
    """Stop every started preview after the test; each must exit 0 on SIGTERM."""
    started: list[Running] = []
    yield started
    assert [process.stop() for process in started] == [0] * len(started)


# --- rebuilds in one process equal a cold build ---------------------------------------------


def retitle(site: Path, theme: Path) -> None:
    replace(site / ENGLISH_ONLY, "opens in Tel Aviv", "opens in Haifa")


def new_phone(site: Path, theme: Path) -> None:
    replace(site / "content/contacts.yml", '"+1-905-428-5078"', '"+1-905-428-9999"')


def new_footer(site: Path, theme: Path) -> None:
    replace(theme / "templates/base.html", "</footer>", "<p>Edited footer</p></footer>")


def new_catalog_entry(site: Path, theme: Path) -> None:
    path = theme / "translations/fr/LC_MESSAGES/messages.po"
    replace(path, 'msgstr "Contacts de presse"', 'msgstr "Contacts pour la presse"')


def embargo_later(site: Path, theme: Path) -> None:
    for lang in ("en", "fr"):
        path = site / f"content/releases/2021/2021-embargoed-launch.{lang}.md"
        replace(path, "embargo: 2021-06-01T09:00:00-04:00", "embargo: 2031-06-01T09:00:00-04:00")


def delete_release(site: Path, theme: Path) -> None:
    (site / ENGLISH_ONLY).unlink()


def test_every_rebuild_equals_a_cold_build_of_the_same_sources(
    tmp_path: Path, running: list[Running]
) -> None:
    site = copy_site(tmp_path)
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    live, _ = start(site, setting("CACHE_PATH", tmp_path / "cache"), setting("THEME", theme))
    running.append(live)
    for number, change in enumerate(
        [retitle, new_phone, new_footer, new_catalog_entry, embargo_later, delete_release]
    ):
        wanted = live.count("Rebuilt in") + 1
        change(site, theme)
        live.wait_for(lambda n=wanted: live.count("Rebuilt in") >= n, f"the rebuild after {change}")
        cold = cold_build(site, theme, tmp_path / f"cold-{number}", tmp_path / f"cache-{number}")
        assert stable(snapshot(site / "output")) == stable(snapshot(cold)), change.__name__
    assert live.count("Build failed") == 0
    assert not (site / "output/en/releases/2021/03").exists()
    assert "quillotron" not in (site / "output/en/index.html").read_text(encoding="utf-8")
    assert "Contacts pour la presse" in (site / "output/fr/index.html").read_text(encoding="utf-8")


# --- a body edit is shown from memory, then the whole site is built -----------------------

TEL_AVIV = "/en/releases/2021/03/tel-aviv-office/"
SHOWN = f"Shown from memory in {{}} s: {TEL_AVIV}; building the whole site."
SHOWN_LINE = re.compile(re.escape(SHOWN).replace(r"\{\}", r"\d+\.\d\d"))
EMBARGOED_LINK = (
    f"{ENGLISH_ONLY}: body: links to content/releases/2021/2021-embargoed-launch.en.md,"
    " which is embargoed until 2031-06-01T09:00:00-04:00; remove the link or publish both together"
)


def served_when(base: str, path: str, check: Callable[[bytes], bool], what: str) -> bytes:
    """Poll an address until its body passes check; return that body (the reload tag removed)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        status, _, body = get(base + path)
        if status == 200 and check(body):
            assert body.count(TAG) == 1
            return body.replace(TAG, b"", 1)
        time.sleep(0.01)
    raise AssertionError(f"{path} never showed {what}")


def saved_and_rebuilt(live: Running, change: Callable[[], None]) -> None:
    """Make a change and wait for the whole build that follows it to end, good or not."""
    wanted = live.count("Rebuilt in") + live.count(FAILED) + 1
    change()
    live.wait_for(
        lambda: live.count("Rebuilt in") + live.count(FAILED) >= wanted, "the build after a save"
    )


def tel_aviv_site(tmp_path: Path) -> tuple[Path, Path, tuple[str, str]]:
    """Copy the site and theme, give the English-only release a fixed URL (TEL_AVIV); return
    the site, the theme and the `-e` settings that build them with a cache of their own."""
    site = copy_site(tmp_path)
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    edit(site, ENGLISH_ONLY, "lang: en\n", "lang: en\nslug: tel-aviv-office\n")
    return site, theme, (setting("CACHE_PATH", tmp_path / "cache"), setting("THEME", theme))


def test_a_body_edit_is_shown_from_memory_then_written_by_the_whole_build(
    tmp_path: Path, running: list[Running]
) -> None:
    site, theme, extra = tel_aviv_site(tmp_path)
    live, base = start(site, *extra)
    running.append(live)
    page = site / "output" / TEL_AVIV.strip("/") / "index.html"
    sentence = "The office hires a quantum xenolinguist."

    # (a) the page is served with the new sentence while the output does not hold it yet
    replace(site / ENGLISH_ONLY, "tests electric shuttles.", f"tests electric shuttles. {sentence}")
    shown = served_when(base, TEL_AVIV, lambda body: sentence.encode() in body, "the sentence")
    assert sentence.encode() not in page.read_bytes()
    live.wait_for(lambda: live.count("Rebuilt in") >= 1, "the whole build after the body edit")
    lines = [line for line in live.lines if SHOWN_LINE.fullmatch(line) or "Rebuilt in" in line]
    assert len(lines) == 2 and SHOWN_LINE.fullmatch(lines[0]) and "Rebuilt in" in lines[1]
    # (b) the whole build wrote exactly the bytes shown from memory, and they are served now
    assert page.read_bytes() == shown
    assert served_when(base, TEL_AVIV, lambda body: True, "the page") == shown

    # (c) a front matter edit takes the whole build only
    saved_and_rebuilt(
        live, lambda: replace(site / ENGLISH_ONLY, "opens in Tel Aviv", "opens in Haifa")
    )
    assert live.count("Shown from memory") == 1
    assert b"opens in Haifa" in page.read_bytes()

    # (e) a body that now links to a withheld release is not shown, and the build says why
    saved_and_rebuilt(live, lambda: embargo_later(site, theme))
    before = page.read_bytes()
    link = "[the launch]({filename}2021-embargoed-launch.en.md)"
    saved_and_rebuilt(live, lambda: replace(site / ENGLISH_ONLY, sentence, f"See {link}."))
    assert live.count("Shown from memory") == 1
    assert live.count(EMBARGOED_LINK) == 1 and live.count(FAILED) == 1
    assert served_when(base, TEL_AVIV, lambda body: True, "the page") == before
    assert b"the launch" not in before and b"quillotron" not in before

    # (d) the output holds what a whole build of the sources writes, and nothing else
    saved_and_rebuilt(
        live, lambda: replace(site / ENGLISH_ONLY, f"See {link}.", "A second sentence.")
    )
    assert live.count("Shown from memory") == 1  # the last build failed: nothing kept to compare
    cold = cold_build(site, theme, tmp_path / "cold", tmp_path / "cold-cache")
    assert stable(snapshot(site / "output")) == stable(snapshot(cold))
    saved_and_rebuilt(live, lambda: replace(site / ENGLISH_ONLY, "A second sentence.", "A third."))
    assert live.count("Shown from memory") == 2  # a good build again: the fast path is back
    assert served_when(base, TEL_AVIV, lambda body: True, "the page") == page.read_bytes()


# --- the development server -----------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """One preview of the unchanged fixture site: its folder and base URL."""
    folder = tmp_path_factory.mktemp("live-served")
    site = copy_site(folder)
    live, base = start(site, setting("CACHE_PATH", folder / "cache"))
    yield site, base
    assert live.stop() == 0


def test_pages_are_sent_with_the_reload_script_and_files_stay_as_built(
    served: tuple[Path, str],
) -> None:
    site, base = served
    on_disk = (site / "output/en/index.html").read_bytes()
    status, headers, body = get(f"{base}/en/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == on_disk.replace(b"</body>", TAG + b"</body>")
    assert body.count(TAG) == 1 and b"__live" not in on_disk
    status, _, body = get(f"{base}/fr/nulle-part/")  # the language's own 404 page
    assert status == 404 and body.count(TAG) == 1 and b"Page introuvable" in body
    status, headers, body = get(f"{base}/en/feeds/releases.xml")  # not HTML: sent as built
    assert body == (site / "output/en/feeds/releases.xml").read_bytes()


def test_the_reload_script_and_event_stream_are_served(served: tuple[Path, str]) -> None:
    _, base = served
    status, headers, body = get(f"{base}/__live/reload.js")
    assert status == 200 and headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert body == (ROOT / "live/reload.js").read_bytes()
    with urllib.request.urlopen(f"{base}/__live/events", timeout=10) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        assert stream.readline() == b"retry: 1000\n"


def test_no_built_or_cached_file_mentions_the_live_script(served: tuple[Path, str]) -> None:
    site, _ = served
    files = [path for path in (site / "output").rglob("*") if path.is_file()]
    files += [path for path in (site.parent / "cache").rglob("*") if path.is_file()]
    assert len(files) > 50
    assert [path for path in files if b"__live" in path.read_bytes()] == []


# --- a real browser reloads by itself -------------------------------------------------------


@pytest.mark.browser
def test_an_open_page_reloads_itself_after_a_save_and_not_after_a_mistake(
    tmp_path: Path, running: list[Running]
) -> None:
    site = copy_site(tmp_path)
    edit(site, ENGLISH_ONLY, "lang: en\n", "lang: en\nslug: tel-aviv-office\n")  # a fixed URL
    live, base = start(site, setting("CACHE_PATH", tmp_path / "cache"))
    running.append(live)
    url = f"{base}/en/releases/2021/03/tel-aviv-office/"
    with axe.browser() as chromium:
        page = chromium.new_context().new_page()
        with page.expect_response(lambda response: response.url.endswith("/__live/events")):
            page.goto(url)
        assert page.locator("h1").inner_text() == "Technology office opens in Tel Aviv"
        edit(site, ENGLISH_ONLY, "opens in Tel Aviv", "opens in Haifa")
        page.wait_for_function(
            "() => document.querySelector('h1')?.textContent === 'Technology office opens in Haifa'",
            timeout=WAIT_MS,
        )
        page.evaluate("() => { window.sameDocument = true; }")  # gone if the page reloads
        edit(site, ENGLISH_ONLY, "date: 2021-03-01T08:00:00-05:00", "date: 10:30")
        live.wait_for(lambda: live.count(FAILED), "the failed build")
        problem = f'{ENGLISH_ONLY}: date: "10:30" is not a date and time; {FORMAT}'
        assert live.count(problem) == 1
        assert page.evaluate("() => window.sameDocument") is True
        assert page.locator("h1").inner_text() == "Technology office opens in Haifa"
    assert b"opens in Haifa" in get(url)[2]  # the last good build is still served


# --- plain functions --------------------------------------------------------------------------


def test_the_script_goes_before_the_last_closing_body_tag() -> None:
    assert server.with_reload(b"<p>x</p></BODY></html>") == b"<p>x</p>" + TAG + b"</BODY></html>"
    assert server.with_reload(b"<p>no body end</p>") == b"<p>no body end</p>" + TAG


def test_extra_settings_are_json_values() -> None:
    assert extra_setting('CACHE_PATH="/tmp/x"') == ("CACHE_PATH", "/tmp/x")
    assert extra_setting("PRESS_WORKERS=2") == ("PRESS_WORKERS", 2)
    with pytest.raises(ArgumentTypeError) as caught:
        extra_setting("CACHE_PATH=/tmp/x")
    assert str(caught.value) == (
        "'CACHE_PATH=/tmp/x': the value is not JSON; write a string as"
        " CACHE_PATH='\"text\"', or CACHE_PATH=true, CACHE_PATH=null, CACHE_PATH=3"
    )
    with pytest.raises(ArgumentTypeError) as caught:
        extra_setting("CACHE_PATH")
    assert str(caught.value) == "'CACHE_PATH' is not KEY=VALUE; write it like PORT=8000"


def test_receivers_of_plugin_modules_are_disconnected_and_others_kept() -> None:
    import blinker

    signal = blinker.signal("test_live.unplug")
    kept = signal.connect(lambda sender: "kept")
    dropped = signal.connect(lambda sender: "dropped")
    dropped.__module__ = "press_fake_plugin"
    assert fresh.unplug({"press_fake_plugin"}) == 1
    assert [result for _, result in signal.send(None)] == ["kept"]
    assert kept is not None


def test_modules_under_a_plugin_path_are_found_and_imported_again_once_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "press_live_probe.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(plugins))
    import press_live_probe

    assert press_live_probe.VALUE == 1
    assert fresh.plugin_modules([plugins]) == {"press_live_probe"}
    (plugins / "press_live_probe.py").write_text("VALUE = 22\n", encoding="utf-8")
    fresh.forget({"press_live_probe"})
    assert "press_live_probe" not in sys.modules
    import press_live_probe as again

    assert again.VALUE == 22
    fresh.forget({"press_live_probe"})


def test_an_address_names_its_output_file_and_the_overlay_serves_only_what_it_shows() -> None:
    assert server.output_name("/en/x/") == "en/x/index.html"
    assert server.output_name("/") == "index.html"
    assert server.output_name("/fr/communiqu%C3%A9s/index.html") == "fr/communiqués/index.html"
    overlay = server.Overlay()
    overlay.show({"en/x/index.html": b"<p>shown</p>"})
    assert overlay.page("en/x/index.html") == b"<p>shown</p>" and overlay.page("en/y/") is None
    overlay.clear()
    assert overlay.page("en/x/index.html") is None and overlay.names() == []


def test_a_front_matter_is_the_same_only_when_its_text_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "plugins"))  # fast.py uses press_content's own cut()
    from live.fast import same_front_matter

    old = "---\ntitle: A\n---\nBody.\n"
    assert same_front_matter(old, "---\ntitle: A\n---\nAnother body.\n")
    assert not same_front_matter(old, "---\ntitle: A \n---\nBody.\n")
    assert not same_front_matter(old, "no front matter")


def test_a_preview_started_on_an_up_to_date_output_shows_the_first_body_edit_from_memory(
    tmp_path: Path, running: list[Running]
) -> None:
    site, _, extra = tel_aviv_site(tmp_path)
    for _ in range(2):  # the second plain build finds the output up to date
        done = plain_build(site, Path("output"), *extra)
    assert done.stdout.strip().endswith(
        "Nothing changed since the last build: output is up to date."
    )
    live, base = start(site, *extra)
    running.append(live)
    assert not any("Nothing changed" in line for line in live.lines)  # a real first build
    sentence = "The office adds a second shuttle."
    replace(site / ENGLISH_ONLY, "tests electric shuttles.", f"tests electric shuttles. {sentence}")
    served_when(base, TEL_AVIV, lambda body: sentence.encode() in body, "the sentence")
    live.wait_for(lambda: live.count("Rebuilt in") >= 1, "the whole build after the body edit")
    assert live.count("Shown from memory") == 1
