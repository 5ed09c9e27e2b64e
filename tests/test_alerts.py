"""E-mail alerts in process, against a real SMTP server on 127.0.0.1: what is sent, once, when."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, edit
from mailserver import Hub, MailServer, free_port
from press_core.alerts import AlertSettings, AlertSettingsError, LanguageAlerts, read_alerts

import tasks
from publishing import ledger as ledgers
from publishing.alerts import Alerting, Announcer, announce
from publishing.message import AlertView, Contact, compose, message_id
from publishing.targets import WebrootTarget
from publishing.websub import changed_feeds, notify

SITE_URL = "https://press.example.com"
EMBARGOED = ("2021-embargoed-launch", "en"), ("2021-embargoed-launch", "fr")
LISTS = {
    "en": LanguageAlerts("press-en@lists.example.com"),
    "fr": LanguageAlerts(
        "press-fr@lists.example.com", topics={"innovation": "innovation-fr@lists.example.com"}
    ),
}


def moment(text: str) -> datetime:
    """Return an ISO instant."""
    return datetime.fromisoformat(text)


@pytest.fixture
def mail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A running mail server, its login and CA in the environment as the publisher reads them."""
    server = MailServer(tmp_path).start()
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    yield server
    server.stop()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


class Setup:
    """One site, one webroot target with its ledger, and an Alerting over them."""

    def __init__(self, site: Path, target: object, port: int, clock=None) -> None:
        self.lines: list[str] = []
        settings = AlertSettings(LISTS, "PressClub Newsroom <press@example.com>", "127.0.0.1", port)
        views, catalogs = tasks.alert_source(site, SITE_URL, "PressClub")
        extra = {"clock": clock} if clock else {}
        self.alerting = Alerting(
            target, settings, SITE_URL, views, catalogs.of, self.lines.append, **extra
        )
        releases, _, _ = tasks.read_releases(site)
        self.names = frozenset(release.save_as for release in releases)

    def at(self, when: str, every: bool = False) -> datetime | None:
        """Announce after a publication of the site as at an instant."""
        return announce(self.alerting, moment(when), self.names, every)


@pytest.fixture
def webroot(tmp_path: Path) -> WebrootTarget:
    """A webroot target (only its ledger is used here)."""
    return WebrootTarget(str(tmp_path / "webroot"))


def by_language(messages: list[EmailMessage]) -> dict[str, EmailMessage]:
    """Return the messages by their Content-Language."""
    return {message["Content-Language"]: message for message in messages}


def parts(message: EmailMessage) -> tuple[str, str]:
    """Return the plain text and the HTML of a multipart/alternative message."""
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def test_an_embargo_lift_sends_one_message_per_language_in_that_language(
    site: Path, webroot: WebrootTarget, mail: MailServer
) -> None:
    edit(
        site, "content/releases/2021/2021-embargoed-launch.en.md", "type: press-release",
        'type: press-release\nhighlights: ["Ships <b>today</b> & on time"]',
    )  # fmt: skip
    setup = Setup(site, webroot, mail.port)
    setup.at(BEFORE_EMBARGO)  # the first publication: what is public is not news
    assert mail.messages == [] and setup.lines == [
        "alerts: ledger started; 5 versions already public, none sent"
    ]
    setup.at(AFTER_EMBARGO)
    found = by_language(mail.wait_for(2))
    assert sorted(found) == ["en", "fr"] and len(mail.messages) == 2
    assert all(received.encrypted for received in mail.inbox.received)  # STARTTLS first
    en, fr = found["en"], found["fr"]
    assert en["Subject"] == "Press release: Embargoed launch of the quillotron"
    assert fr["Subject"] == "Communiqué de presse\u00a0: Lancement sous embargo du quillotron"
    assert en["From"] == "PressClub Newsroom <press@example.com>"
    assert en["To"] == "press-en@lists.example.com"
    assert fr["To"] == "press-fr@lists.example.com, innovation-fr@lists.example.com"
    assert mail.inbox.received[1].recipients == [
        "press-fr@lists.example.com", "innovation-fr@lists.example.com"
    ]  # fmt: skip
    assert en["Message-ID"] == "<press-alert.2021-embargoed-launch.en@press.example.com>"
    url = f"{SITE_URL}/en/releases/2021/06/embargoed-launch-of-the-quillotron/"
    text, html = parts(en)
    assert "- Ships <b>today</b> & on time" in text and f"Read the release: {url}" in text
    assert "Marc Belcourt" in text or "Julie Gagnon" in text
    assert "Ships &lt;b&gt;today&lt;/b&gt; &amp; on time" in html and "<b>" not in html
    assert f'<a href="{url}">' in html and '<html lang="en">' in html
    fr_text, fr_html = parts(fr)
    assert "Lire le communiqué\u00a0: https://press.example.com/fr/communiques/2021/06/" in fr_text
    assert "Julie Gagnon, Porte-parole, Québec" in fr_text and '<html lang="fr">' in fr_html
    assert "Contact de presse" in fr_html and "Courriel\u00a0:" in fr_html
    assert setup.lines[-1].startswith("alert sent: 2021-embargoed-launch [fr] to press-fr@")


def test_nothing_twice_on_republish_restart_or_a_second_machine(
    site: Path, webroot: WebrootTarget, mail: MailServer
) -> None:
    Setup(site, webroot, mail.port).at(BEFORE_EMBARGO)
    Setup(site, webroot, mail.port).at(AFTER_EMBARGO)
    assert len(mail.wait_for(2)) == 2
    again = Setup(site, WebrootTarget(str(webroot.path)), mail.port)  # another process, same target
    again.at(AFTER_EMBARGO)
    again.at(AFTER_EMBARGO, every=True)
    assert len(mail.messages) == 2 and again.lines == []
    saved = ledgers.load(webroot.read_ledger())
    assert set(EMBARGOED) <= saved.public and saved.waiting == {}


class DiesAfterSending:
    """A target whose process dies (KeyboardInterrupt) the first time an alert is struck off."""

    def __init__(self, target: WebrootTarget) -> None:
        self.target, self.writes = target, 0

    def read_ledger(self) -> bytes | None:
        return self.target.read_ledger()

    def write_ledger(self, data: bytes) -> None:
        self.writes += 1
        if self.writes == 2:  # 1: the alerts recorded as waiting; 2: the first one struck off
            raise KeyboardInterrupt
        self.target.write_ledger(data)


def test_a_crash_between_sending_and_recording_sends_that_alert_again_with_the_same_id(
    site: Path, webroot: WebrootTarget, mail: MailServer
) -> None:
    Setup(site, webroot, mail.port).at(BEFORE_EMBARGO)
    with pytest.raises(KeyboardInterrupt):
        Setup(site, DiesAfterSending(webroot), mail.port).at(AFTER_EMBARGO)
    assert [m["Content-Language"] for m in mail.wait_for(1)] == ["en"]  # sent, not recorded
    assert set(ledgers.load(webroot.read_ledger()).waiting) == set(EMBARGOED)
    Setup(site, webroot, mail.port).at(AFTER_EMBARGO)  # the restart
    messages = mail.wait_for(3)
    assert [m["Content-Language"] for m in messages] == ["en", "en", "fr"]
    assert messages[0]["Message-ID"] == messages[1]["Message-ID"]  # receivers can drop the copy
    Setup(site, webroot, mail.port).at(AFTER_EMBARGO)
    assert len(mail.messages) == 3


def test_a_crash_after_the_switch_before_any_alert_sends_them_on_restart(
    site: Path, webroot: WebrootTarget, mail: MailServer
) -> None:
    Setup(site, webroot, mail.port).at(BEFORE_EMBARGO)
    # The site went live as after the embargo, then the process died: no ledger change at all.
    Setup(site, webroot, mail.port).at(AFTER_EMBARGO)  # the restart publishes nothing new
    assert sorted(m["Content-Language"] for m in mail.wait_for(2)) == ["en", "fr"]


def test_a_mail_server_that_is_down_leaves_alerts_waiting_with_back_off(
    site: Path, webroot: WebrootTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port, clock = free_port(), Clock()
    setup = Setup(site, webroot, port, clock)
    setup.at(BEFORE_EMBARGO)
    retry = setup.at(AFTER_EMBARGO)
    assert retry == clock.now + timedelta(seconds=ledgers.BACKOFF[0])
    assert len(setup.lines) == 2 and setup.lines[-1].startswith(
        f"alerts not sent: 127.0.0.1:{port}: "
    )
    assert setup.lines[-1].endswith("; 2 waiting, next try in 30 s")
    saved = ledgers.load(webroot.read_ledger())
    assert {pair: wait.attempts for pair, wait in saved.waiting.items()} == dict.fromkeys(
        EMBARGOED, 1
    )
    clock.now += timedelta(seconds=10)
    assert setup.at(AFTER_EMBARGO) == retry and len(setup.lines) == 2  # not due: not tried
    clock.now += timedelta(seconds=25)
    setup.at(AFTER_EMBARGO)
    assert setup.lines[-1].endswith("; 2 waiting, next try in 60 s")  # backed off further
    server = MailServer(tmp_path, port)
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    server.start()
    try:
        clock.now += timedelta(seconds=61)
        assert setup.at(AFTER_EMBARGO) is None
        assert sorted(m["Content-Language"] for m in server.wait_for(2)) == ["en", "fr"]
        assert ledgers.load(webroot.read_ledger()).waiting == {}
    finally:
        server.stop()


def test_the_alert_thread_retries_when_the_server_comes_back(
    site: Path, webroot: WebrootTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port, clock = free_port(), Clock()
    setup = Setup(site, webroot, port, clock)
    setup.at(BEFORE_EMBARGO)
    announcer = Announcer(setup.alerting)
    announcer.thread.start()
    server = MailServer(tmp_path, port)
    try:
        announcer.published(moment(AFTER_EMBARGO), setup.names)
        deadline = time.monotonic() + 10
        while not any("alerts not sent" in line for line in setup.lines):
            assert time.monotonic() < deadline, setup.lines
            time.sleep(0.05)
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        server.start()
        clock.now += timedelta(seconds=31)  # the back-off has passed: the thread tries again
        assert sorted(m["Content-Language"] for m in server.wait_for(2, 10)) == ["en", "fr"]
    finally:
        announcer.finish(5)
        server.stop()
    assert not announcer.thread.is_alive()


def test_drafts_future_releases_and_pages_missing_from_the_site_are_never_announced(
    site: Path, webroot: WebrootTarget, mail: MailServer
) -> None:
    setup = Setup(site, webroot, mail.port)
    setup.at("2021-01-01T00:00:00+00:00")
    public = setup.alerting.views(moment(AFTER_EMBARGO), setup.names)
    assert ("2021-draft-note", "en") not in public and set(EMBARGOED) <= set(public)
    # The site was built before the embargo: its pages are not there, so nothing is sent.
    without = frozenset(n for n in setup.names if "quillotron" not in n)
    announce(setup.alerting, moment(AFTER_EMBARGO), without)
    sent = [m["Subject"] for m in mail.messages]  # announce returns once the server has them
    assert sent and not any("quillotron" in subject or "Draft" in subject for subject in sent)


def test_html_part_escapes_every_value_and_ids_are_stable() -> None:
    view = AlertView(
        key="k", lang="en", type_label="Statement", title='<script>alert("x")</script>',
        highlights=("a & b",), summary="<i>s</i>", url="https://press.example.com/en/r/?a=1&b=2",
        contacts=(Contact("A <B>", "Role", "+1 555", "a@example.com"),), topics=(),
        site_name="Press & Co",
    )  # fmt: skip
    from press_i18n.catalogs import Catalogs

    message = compose(view, Catalogs({}, "en").of("en"), "p@example.com", ["l@example.com"],
                      SITE_URL, datetime(2026, 1, 1, tzinfo=UTC))  # fmt: skip
    text, html = parts(message)
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<i>" not in html and "A &lt;B&gt;" in html and "?a=1&amp;b=2" in html
    assert '<script>alert("x")</script>' in text  # plain text is not HTML: left as written
    assert (
        message_id("k", "en", SITE_URL)
        == message["Message-ID"]
        == "<press-alert.k.en@press.example.com>"
    )


def test_wrong_alert_settings_are_one_line_each() -> None:
    settings = {
        "PRESS_LANGUAGES": {"en": {}, "fr": {}},
        "PRESS_ALERTS": {
            "en": {"list": "not an address", "subscribe": "javascript:alert(1)", "fields": []},
            "de": {"list": "press-de@example.com", "topics": {"x": "nope"}},
        },
        "PRESS_ALERTS_FROM": "",
        "PRESS_SMTP_PORT": "smtp",
        "PRESS_WEBSUB_HUB": "ftp://hub.example.com/",
    }
    with pytest.raises(AlertSettingsError) as caught:
        read_alerts(settings)
    assert str(caught.value).splitlines() == [
        "PRESS_ALERTS: 'de' is not in PRESS_LANGUAGES",
        "PRESS_ALERTS['en']: 'list' must be the list's address",
        "PRESS_ALERTS['en']: 'subscribe' must start with https://, http:// or mailto:",
        "PRESS_ALERTS['en']: 'fields' must map form field names to text",
        "PRESS_ALERTS['de']: 'topics' must map topic ids to list addresses",
        "PRESS_ALERTS_FROM: give the sender, like 'Newsroom <press@example.com>'",
        "PRESS_SMTP_PORT: 'smtp' is not a port number; write one like 587",
        "PRESS_WEBSUB_HUB: 'ftp://hub.example.com/' is not an http(s) URL",
    ]
    off = read_alerts({})
    assert not off.sending and off.lists == {} and off.hub == ""


def test_websub_notifies_each_changed_feed_and_a_dead_hub_is_one_line() -> None:
    names = ["en/feeds/releases.xml", "en/feeds/releases.atom", "sitemap.xml", "en/index.html"]
    assert changed_feeds(names, names) == ["en/feeds/releases.atom", "en/feeds/releases.xml"]
    hub, lines = Hub(), []
    try:
        notify(hub.url, SITE_URL, ["en/feeds/releases.atom", "en/feeds/releases.xml"], lines.append)
    finally:
        hub.close()
    assert sorted(p["hub.url"][0] for p in hub.pings) == [
        f"{SITE_URL}/en/feeds/releases.atom", f"{SITE_URL}/en/feeds/releases.xml"
    ]  # fmt: skip
    assert all(p["hub.mode"] == ["publish"] for p in hub.pings)
    assert lines == [f"WebSub: {hub.url} notified of 2 changed feeds"]
    dead, lines = f"http://127.0.0.1:{free_port()}/hub", []
    started = time.monotonic()
    notify(dead, SITE_URL, ["en/feeds/releases.atom"], lines.append)
    assert time.monotonic() - started < 5 and len(lines) == 1
    assert lines[0].startswith(f"WebSub: {dead} not notified of 1 of 1 feeds (")


def test_feeds_pages_offer_the_list_and_every_release_page_links_to_it(built) -> None:
    en = built.page("en/feeds/").select_one("#email-alerts")
    assert en.h2.get_text() == "Get releases by e-mail"
    form = en.form
    assert (form["method"], form["action"]) == (
        "post",
        "https://lists.example.com/subscription/form",
    )
    hidden = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert hidden == {"l": "6f1c2a0e-5b7d-4c1e-9a43-2d8f0b7e9c15"}
    address = form.select_one("input[type=email]")
    assert address["name"] == "email" and form.select_one(f"label[for={address['id']}]")
    fr = built.page("fr/fils/").select_one("#email-alerts")
    assert fr.h2.get_text() == "Recevoir les communiqués par courriel" and fr.form is None
    assert fr.select_one("a")["href"] == "mailto:press-fr-join@lists.example.com"
    for lang, folder, words in (("en", "releases", "Get releases by e-mail"),
                                ("fr", "communiques", "Recevoir les communiqués par courriel")):  # fmt: skip
        pages = list((built.output / lang / folder).glob("*/*/*/index.html"))
        assert pages
        for path in pages:
            line = built.page(path.relative_to(built.output).parent.as_posix() + "/")
            link = line.select_one(".email-alerts-line a")
            assert link.get_text() == words and link["href"].endswith("#email-alerts"), path


def test_without_lists_no_page_offers_e_mail(site: Path) -> None:
    from conftest import build

    result = build(site, settings={"PRESS_ALERTS": {}, "PRESS_ALERTS_FROM": ""})
    assert result.returncode == 0, result.stderr
    assert result.page("en/feeds/").select_one("#email-alerts") is None
    pages = list((result.output / "fr" / "communiques").glob("*/*/*/index.html"))
    assert pages and not any("email-alerts" in p.read_text(encoding="utf-8") for p in pages)


def test_a_server_without_starttls_or_a_wrong_login_is_one_line_without_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiosmtpd.controller import Controller
    from mailserver import Inbox

    from publishing.message import Mailer, MailError

    plain = Controller(Inbox(), hostname="127.0.0.1", port=free_port())
    plain.start()
    try:
        with pytest.raises(MailError) as caught, Mailer("127.0.0.1", plain.port):
            pass
    finally:
        plain.stop()
    assert str(caught.value) == (
        f"127.0.0.1:{plain.port} does not offer STARTTLS; alerts are only sent encrypted"
    )
    server = MailServer(tmp_path).start()
    try:
        for name, value in {**server.env(), "PRESS_SMTP_PASSWORD": "wrong-Secret"}.items():
            monkeypatch.setenv(name, value)
        with pytest.raises(MailError) as caught, Mailer("127.0.0.1", server.port):
            pass
    finally:
        server.stop()
    assert str(caught.value) == (
        f"127.0.0.1:{server.port} refused the login; check PRESS_SMTP_USER and PRESS_SMTP_PASSWORD"
    )
    assert server.messages == []


def test_alerts_waiting_for_a_day_or_for_a_withdrawn_release_are_dropped_with_one_line(
    site: Path, webroot: WebrootTarget
) -> None:
    clock = Clock()
    setup = Setup(site, webroot, free_port(), clock)
    setup.at(BEFORE_EMBARGO)
    setup.at(AFTER_EMBARGO)  # the server is down: both wait
    edit(site, "content/releases/2021/2021-embargoed-launch.fr.md", "type:", "status: draft\ntype:")
    clock.now += timedelta(hours=1)
    setup.at(AFTER_EMBARGO)
    assert "alerts: 2021-embargoed-launch [fr] dropped: no longer public" in setup.lines
    clock.now += timedelta(hours=24)
    assert setup.at(AFTER_EMBARGO) is None
    assert setup.lines[-1] == "alerts: 2021-embargoed-launch [en] dropped: not sent within a day"
    saved = ledgers.load(webroot.read_ledger())
    assert saved.waiting == {} and set(EMBARGOED) <= saved.public  # never sent later either
