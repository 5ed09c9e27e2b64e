"""Invitations: validated event fields, an .ics per language, an Event in JSON-LD."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import lxml.html
import pytest
from conftest import BEFORE_EMBARGO, build
from press_events import press_events

NBSP = "\u00a0"

INVITATION = """---
key: {key}
lang: {lang}
title: {title}
date: 2021-05-10T09:00:00-04:00
{extra}type: {type}
summary: {summary}
contacts: [julie-gagnon]
{event}---
Body.
"""

EVENT = """event:
  start: 2021-05-20T08:00:00-04:00
  end: 2021-05-20T09:30:00-04:00
  venue:
    name: Salle Laurier
    address: 1 rue Exemple, Montréal
  rsvp: julie.gagnon@example.com
"""

EN = "content/releases/2021/2021-breakfast.en.md"
FR = "content/releases/2021/2021-breakfast.fr.md"


def write(site: Path, name: str, **fields: str) -> None:
    """Write one release file into the site."""
    values = {"extra": "", "type": "invitation", "event": EVENT, **fields}
    (site / name).write_text(INVITATION.format(**values), encoding="utf-8")


def add_invitation(site: Path) -> None:
    """Add a bilingual invitation and an embargoed one to the fixture site."""
    write(site, EN, key="2021-breakfast", lang="en", title="Press breakfast",
          summary="Breakfast with the press.")  # fmt: skip
    write(site, FR, key="2021-breakfast", lang="fr", title="Petit-déjeuner de presse",
          summary="Petit-déjeuner avec la presse.")  # fmt: skip
    write(site, "content/releases/2021/2021-secret.en.md", key="2021-secret", lang="en",
          title="Secret visit", summary="Not yet.",
          extra="embargo: 2021-06-01T09:00:00-04:00\n")  # fmt: skip


def the_event(path: Path) -> icalendar.Event:
    """Parse an .ics file and return its only VEVENT."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    zones = [zone["TZID"] for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["America/Toronto"]
    return events[0]


BEFORE_BREAKFAST = "2021-05-19T00:00:00+00:00"  # the breakfast is to come, the secret embargoed


def test_ics_per_language_with_time_zone_and_stable_uid(site: Path) -> None:
    add_invitation(site)
    result = build(site, now=BEFORE_BREAKFAST)
    assert result.returncode == 0, result.stderr
    calendars = sorted(
        p.relative_to(result.output).as_posix() for p in result.output.rglob("*.ics")
    )
    # One per invitation and language; the embargoed invitation has none.
    assert [name.split("/")[0] for name in calendars] == ["en", "fr", "fr"], calendars
    assert all("secret" not in name for name in calendars)
    calendars = [name for name in calendars if "breakfast" in name or "dejeuner" in name]
    events = {}
    for name in calendars:
        event = the_event(result.output / name)
        lang = name.split("/")[0]
        events[lang] = event
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert str(start.tzinfo) == "America/Toronto"
        assert event["dtstart"].params["TZID"] == "America/Toronto"
        eastern = timezone(timedelta(hours=-4))
        assert start == datetime(2021, 5, 20, 8, 0, tzinfo=eastern)
        assert end == datetime(2021, 5, 20, 9, 30, tzinfo=eastern)
        assert str(event["location"]) == "Salle Laurier, 1 rue Exemple, Montréal"
        page = result.page(str(event["url"]).split("localhost:8000/", 1)[1])
        link = page.select_one(".event__calendar a")
        assert link["href"].endswith(name.rsplit("/", 1)[1])
        data = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
        (ld,) = [d for d in data if d["@type"] == "Event"]
        assert ld["startDate"] == "2021-05-20T08:00:00-04:00"
        assert ld["location"]["name"] == "Salle Laurier"
    assert str(events["en"]["summary"]) == "Press breakfast"
    assert str(events["fr"]["summary"]) == "Petit-déjeuner de presse"
    assert events["fr"]["summary"].params["LANGUAGE"] == "fr-CA"
    assert str(events["en"]["uid"]) == str(events["fr"]["uid"]) == "2021-breakfast@localhost"


def test_bad_events_are_reported_each_on_one_line(site: Path) -> None:
    bad = EVENT.replace("start: 2021-05-20T08:00:00-04:00", "start: 2021-05-20T08:00:00")
    write(site, "content/releases/2021/a.en.md", key="a-a", lang="en", title="A", summary="A",
          event=bad)  # fmt: skip
    backwards = EVENT.replace("end: 2021-05-20T09:30:00-04:00", "end: 2021-05-20T07:30:00-04:00")
    write(site, "content/releases/2021/b.en.md", key="b-b", lang="en", title="B", summary="B",
          event=backwards.replace("julie.gagnon@example.com", "call us"))  # fmt: skip
    write(site, "content/releases/2021/c.en.md", key="c-c", lang="en", title="C", summary="C",
          type="press-release")  # fmt: skip
    write(site, "content/releases/2021/d.en.md", key="d-d", lang="en", title="D", summary="D",
          event="")  # fmt: skip
    write(site, "content/releases/2021/e.en.md", key="e-e", lang="en", title="E", summary="E",
          event=EVENT.replace("    name: Salle Laurier\n", ""))  # fmt: skip
    result = build(site)
    assert result.returncode == 1
    assert sorted(result.problems()) == [
        'content/releases/2021/a.en.md: event.start: "2021-05-20T08:00:00" has no UTC offset; write it like 2021-05-21T09:00:00+02:00',
        "content/releases/2021/b.en.md: event.end: must be later than event.start",
        'content/releases/2021/b.en.md: event.rsvp: "call us" is neither an e-mail address nor a web address starting with https://',
        "content/releases/2021/c.en.md: event: only an invitation has an event; remove it or set type: invitation",
        "content/releases/2021/d.en.md: event: an invitation needs an event with start, end and venue",
        "content/releases/2021/e.en.md: event.venue.name: required field is missing",
    ]
    assert not result.output.exists()


def test_feed_items_show_the_event_in_the_newsroom_zone_and_item_language(site: Path) -> None:
    add_invitation(site)
    # Written in UTC: the feed still shows the newsroom's time (8:00 EDT).
    utc = EVENT.replace("2021-05-20T08:00:00-04:00", "2021-05-20T12:00:00+00:00")
    write(site, FR, key="2021-breakfast", lang="fr", title="Petit-déjeuner de presse",
          summary="Petit-déjeuner avec la presse.", event=utc)  # fmt: skip
    result = build(site, now=BEFORE_EMBARGO)
    assert result.returncode == 0, result.stderr
    parsed = feedparser.parse((result.output / "feeds/releases.atom").read_bytes())
    shown = {}
    for entry in parsed.entries:
        html = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
        for heading in html.iter("h2"):
            if heading.text_content() in ("Event", "Événement"):
                shown[entry.link.split("/")[3], "dejeuner" in entry.link] = (
                    heading.getnext().text_content()
                )
    # The fixture's French-only invitation, and this one in both languages.
    assert sorted(shown) == [("en", False), ("fr", False), ("fr", True)]
    french = shown["fr", True]
    assert french.startswith(f"Début 20 mai 2021, 8{NBSP}h{NBSP}00{NBSP}HAE")
    assert "Lieu Salle Laurier, 1 rue Exemple, Montréal" in french
    assert "Inscription julie.gagnon@example.com" in french
    assert shown["en", False].startswith("Starts May 20, 2021, 8:00")


def test_an_invitation_says_its_event_is_over_without_sign_up_or_calendar(site: Path) -> None:
    add_invitation(site)
    before, after = build(site, now=BEFORE_BREAKFAST), None
    assert before.returncode == 0, before.stderr
    pages = {
        lang: p.relative_to(before.output).parent.as_posix() + "/"
        for lang, p in (("en", next(before.output.rglob("en/**/press-breakfast/index.html"))),
                        ("fr", next(before.output.rglob("fr/**/petit-dejeuner-de-presse/index.html"))))
    }  # fmt: skip
    for url in pages.values():
        page = before.page(url)
        assert page.select_one(".event__over") is None
        assert page.select_one(".event__calendar a") and page.select_one(
            '.event a[href^="mailto:"]'
        )
    home = before.page("fr/")
    assert [a.get_text() for a in home.select(".upcoming-list a")] == ["Petit-déjeuner de presse"]
    # The breakfast ends at 9:30 EDT on 20 May; one second later its pages say so.
    after = build(site, now="2021-05-20T13:30:01+00:00")
    assert after.returncode == 0, after.stderr
    said = {"en": "This event is over.", "fr": "Cet événement est terminé."}
    for lang, url in pages.items():
        page = after.page(url)
        assert page.select_one(".event__over").get_text() == said[lang]
        assert page.select_one(".event__calendar") is None
        assert page.select_one('.event a[href^="mailto:"]') is None
        assert page.select_one(".event__facts time")["datetime"] == "2021-05-20T08:00:00-04:00"
    assert not after.page("fr/").select(".upcoming-list")


def test_the_calendar_names_the_first_contact_as_organizer(site: Path) -> None:
    add_invitation(site)
    result = build(site, now=BEFORE_BREAKFAST)
    assert result.returncode == 0, result.stderr
    (path,) = result.output.rglob("petit-dejeuner-de-presse.ics")
    event = the_event(path)
    assert str(event["organizer"]) == "mailto:julie.gagnon@example.com"
    assert event["organizer"].params["CN"] == "Julie Gagnon"
    assert str(event["description"]) == (
        "Petit-déjeuner avec la presse.\n\n"
        f"http://localhost:8000/{path.relative_to(result.output).parent.as_posix()}/"
    )


def test_a_rebuild_makes_again_only_the_calendars_whose_facts_changed(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_invitation(site)
    assert build(site, now=BEFORE_BREAKFAST).returncode == 0
    made: list[str] = []
    make = press_events.calendar_bytes

    def counted(facts: Any, *args: Any) -> bytes:
        made.append(facts.language)
        return make(facts, *args)

    monkeypatch.setattr(press_events, "calendar_bytes", counted)
    body = site / EN
    body.write_text(body.read_text(encoding="utf-8") + "One more line.\n", encoding="utf-8")
    result = build(site, now=BEFORE_BREAKFAST)
    assert result.returncode == 0, result.stderr
    assert made == []  # no calendar shows the body: each is the last build's file
    write(site, FR, key="2021-breakfast", lang="fr", title="Petit-déjeuner des médias",
          summary="Petit-déjeuner avec la presse.")  # fmt: skip
    result = build(site, now=BEFORE_BREAKFAST)
    assert result.returncode == 0, result.stderr
    assert made == ["fr-CA"]  # the French title is the French calendar's summary
    french = next(path for path in result.output.rglob("*.ics") if "dejeuner" in path.name)
    assert str(the_event(french)["summary"]) == "Petit-déjeuner des médias"
