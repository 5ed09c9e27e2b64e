"""Alerts and WebSub through `./dev publish` and `./dev publish --watch`, with real local servers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, ROOT, Running
from mailserver import Hub, MailServer, free_port
from test_publish_local import embargo_soon

PAGE = "en/releases/2021/06/embargoed-launch-of-the-quillotron/index.html"
KEEP_OUT = ("PRESS_NOW", "PRESS_SMTP_HOST", "PRESS_WEBSUB_HUB", "PRESS_PUBLISH_TARGET")


def environment(extra: dict[str, str], now: str | None) -> dict[str, str]:
    """Return the environment of a task: ours without publishing settings, plus `extra`."""
    env = {
        k: v for k, v in os.environ.items() if k not in KEEP_OUT and not k.startswith("PRESS_SMTP")
    }
    return {**env, **extra, **({"PRESS_NOW": now} if now else {})}


def dev(site: Path, *args: str, env: dict[str, str], now: str | None = AFTER_EMBARGO):
    """Run `./dev ARGS` in a site folder."""
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), *args]
    return subprocess.run(
        command, cwd=site, env=environment(env, now), capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def hub():
    """A local WebSub hub."""
    found = Hub()
    yield found
    found.close()


@pytest.fixture
def mail(tmp_path: Path):
    """A local mail server requiring STARTTLS and a login."""
    server = MailServer(tmp_path).start()
    yield server
    server.stop()


def lines_with(result: subprocess.CompletedProcess, text: str) -> list[str]:
    """Return the output lines of a task that contain text."""
    return [line for line in result.stdout.splitlines() if text in line]


def test_publish_sends_each_lifted_embargo_once_and_pings_the_hub(
    site: Path, tmp_path: Path, mail: MailServer, hub: Hub
) -> None:
    webroot, env = tmp_path / "webroot", {**mail.env(), "PRESS_WEBSUB_HUB": hub.url}
    first = dev(site, "publish", "--target", str(webroot), env=env, now=BEFORE_EMBARGO)
    assert first.returncode == 0, first.stderr
    assert lines_with(first, "alerts: ledger started; 5 versions already public, none sent")
    assert mail.messages == [] and (tmp_path / ".webroot.alerts.json").is_file()
    feed = (webroot / "en/feeds/releases.xml").read_text(encoding="utf-8")
    assert f'<atom:link href="{hub.url}" rel="hub"/>' in feed
    assert f'<link href="{hub.url}" rel="hub"/>' in (webroot / "en/feeds/releases.atom").read_text()
    for name in ("en/feeds/releases.xml", "en/feeds/releases.atom"):
        parsed = feedparser.parse((webroot / name).read_bytes())
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        rels = {link.get("rel"): link["href"] for link in parsed.feed.links}
        assert rels["hub"] == hub.url and rels["self"] == f"https://press.example.com/{name}"
    pinged = len(hub.pings)
    assert pinged > 0  # the first publication uploads every feed
    dry = dev(site, "publish", "--target", str(webroot), "--dry-run", env=env)
    assert dry.returncode == 0 and mail.messages == [] and len(hub.pings) == pinged
    assert not (webroot / PAGE).exists()
    second = dev(site, "publish", "--target", str(webroot), env=env)
    assert second.returncode == 0, second.stderr
    assert (webroot / PAGE).is_file()
    assert sorted(m["Content-Language"] for m in mail.messages) == ["en", "fr"]
    assert all(
        "STARTTLS" not in line and "s3cret" not in line for line in second.stdout.splitlines()
    )
    assert len(lines_with(second, "alert sent: 2021-embargoed-launch")) == 2
    urls = {p["hub.url"][0] for p in hub.pings[pinged:]}
    assert "https://press.example.com/en/feeds/releases.atom" in urls
    assert "https://press.example.com/fr/fils/sujets/innovation.xml" in urls
    assert not any(url.endswith("sitemap.xml") for url in urls)
    third = dev(site, "publish", "--target", str(webroot), env=env)
    assert third.returncode == 0 and len(mail.messages) == 2
    schedule = dev(site, "schedule", "--target", str(webroot), env=env)
    assert schedule.stdout.splitlines()[-1] == "No e-mail alert waiting.", schedule.stdout


def test_a_mail_server_that_is_down_never_holds_the_site_back(site: Path, tmp_path: Path) -> None:
    webroot, port = tmp_path / "webroot", free_port()
    server = MailServer(tmp_path, port)
    env = server.env()
    assert (
        dev(site, "publish", "--target", str(webroot), env=env, now=BEFORE_EMBARGO).returncode == 0
    )
    down = dev(site, "publish", "--target", str(webroot), env=env)
    assert down.returncode == 0, down.stderr
    assert (webroot / PAGE).is_file()  # the site went live all the same
    failures = lines_with(down, "alerts not sent")
    assert len(failures) == 1 and failures[0].endswith("; 2 waiting, next try in 30 s"), down.stdout
    waiting = dev(site, "schedule", "--target", str(webroot), env=env)
    found = [line for line in waiting.stdout.splitlines() if "alert waiting" in line]
    pattern = (
        r"  2021-embargoed-launch \[(en|fr)\] alert waiting: 1 failed try, "
        r"next \d{4}-\d\d-\d\d \d\d:\d\d:\d\d E[SD]T \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)"
    )
    assert [re.fullmatch(pattern, line).group(1) for line in found] == ["en", "fr"], found
    assert waiting.stdout.splitlines()[-1] == "2 e-mail alerts waiting."
    server.start()
    try:
        back = dev(site, "publish", "--target", str(webroot), env=env)
        assert back.returncode == 0 and lines_with(back, "nothing changed") == []
        assert sorted(m["Content-Language"] for m in server.messages) == ["en", "fr"]
    finally:
        server.stop()


class Publisher(Running):
    """`./dev publish --watch` with a mail server and a hub in its environment."""

    def __init__(self, site: Path, webroot: Path, env: dict[str, str]) -> None:
        command = ("publish", "--watch", "--target", str(webroot))
        super().__init__(site, *command, env=environment(env, None))


def test_watch_sends_the_alert_within_two_seconds_of_the_instant_never_before(
    site: Path, tmp_path: Path, mail: MailServer, hub: Hub
) -> None:
    webroot = tmp_path / "webroot"
    instant = embargo_soon(site, 25)
    publisher = Publisher(site, webroot, {**mail.env(), "PRESS_WEBSUB_HUB": hub.url})
    try:
        publisher.wait_for(lambda: publisher.count("ready "), "the change built ahead", 25)
        assert mail.messages == [] and datetime.now(UTC) < instant
        mail.wait_for(2, (instant - datetime.now(UTC)).total_seconds() + 10)
        publisher.wait_for(lambda: publisher.count("WebSub:") >= 2, "the hub notified", 10)
    finally:
        code = publisher.stop()
    assert code == 0, publisher.lines
    times = [received.at for received in mail.inbox.received]
    assert len(times) == 2, publisher.lines
    assert all(instant <= at < instant + timedelta(seconds=2) for at in times), (times, instant)
    assert sorted(m["Content-Language"] for m in mail.messages) == ["en", "fr"]
    assert any("/en/feeds/releases.atom" in p["hub.url"][0] for p in hub.pings)
    assert publisher.count("alert sent: ") == 2 and publisher.lines[-1].endswith(" stopped")
