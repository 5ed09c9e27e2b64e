"""The newsroom front: page descriptions, the home's lead story and card grid."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, Build, build, edit
from PIL import Image
from press_core.images import image_view, pixel_size

GARAGE_EN = "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/"
DESCRIPTIONS = {  # page -> its exact <meta name="description">
    "": "News releases, press contacts and feeds of PressClub.",
    "en/": "The latest news releases of PressClub, newest first.",
    "fr/": "Les derniers communiqués de PressClub, du plus récent au plus ancien.",
    "en/topics/": "The topics of the news releases of PressClub.",
    "fr/mots-cles/": "Les mots-clés des communiqués de PressClub.",
    "en/archive/": "The news releases of PressClub, by year.",
    "fr/sujets/innovation/": "Communiqués de PressClub sur le sujet «\u00a0Innovation\u00a0».",
    "en/archive/2021/": "News releases of PressClub from 2021.",
    "en/contacts/": "Media relations contacts of PressClub, with phone numbers, "
    "email addresses and vCards.",
    GARAGE_EN: "A joint base for young technology companies opens in Shanghai.",
}


def description(built: Build, url: str) -> str:
    """Return the one description of a page (fails if there are none or several)."""
    (meta,) = built.page(url).select('head meta[name="description"]')
    return meta["content"]


def test_each_page_kind_has_its_localized_description(built: Build) -> None:
    assert {url: description(built, url) for url in DESCRIPTIONS} == DESCRIPTIONS


def test_every_page_has_one_non_empty_description(built: Build) -> None:
    pages = [p for p in built.output.rglob("*.html")]
    assert len(pages) > 30
    for path in pages:
        url = path.relative_to(built.output).as_posix().removesuffix("index.html")
        assert description(built, url).strip(), url


def test_a_release_summary_is_escaped_in_its_description(site: Path) -> None:
    name = "content/releases/2021/2021-garage-base.en.md"
    old = "summary: A joint base for young technology companies opens in Shanghai."
    edit(site, name, old, "summary: 'A \"joint\" base & R<D opens in Shanghai.'")
    result = build(site)
    assert result.returncode == 0, result.stderr
    raw = (result.output / GARAGE_EN / "index.html").read_text(encoding="utf-8")
    assert 'content="A &#34;joint&#34; base &amp; R&lt;D opens in Shanghai."' in raw
    assert description(result, GARAGE_EN) == ('A "joint" base & R<D opens in Shanghai.')


def test_home_leads_with_the_newest_release_and_its_image(published: Build) -> None:
    home = published.page("en/")
    (lead,) = home.select("main article.lead-story")
    title = lead.select_one("h2.lead-story__title a")
    assert title.get_text() == "Startup Garage opens an innovation base in Shanghai"
    assert title["href"] == "https://press.example.com/" + GARAGE_EN
    image = lead.select_one("picture img.lead-story__image")
    # press_media's version: media/<first 16 hex of the published photo's digest>/
    folder = re.fullmatch(
        r"(https://press\.example\.com/media/[0-9a-f]{16}/)base-64w\.jpg", image["src"]
    )
    assert folder, image["src"]
    sized = f"{folder[1]}base-64w"
    assert image.attrs == {
        "class": ["lead-story__image"],
        "src": f"{sized}.jpg",
        "srcset": f"{sized}.jpg 64w",
        "sizes": "(min-width: 76rem) 43rem, (min-width: 48rem) 57vw, calc(100vw - 2rem)",
        "alt": "The entrance of the innovation base",
        "width": "64",
        "height": "36",
        "fetchpriority": "high",
    }
    assert lead.select_one("picture source")["srcset"] == f"{sized}.webp 64w"
    assert lead.select_one(".teaser-type").get_text() == "Press release"
    assert lead.select_one("time")["datetime"] == "2021-05-21T03:00:00-04:00"
    assert lead.select_one(".teaser-summary").get_text() == DESCRIPTIONS[GARAGE_EN]


def test_home_shows_the_other_releases_as_cards(built: Build) -> None:
    home = built.page("fr/")
    assert [h.get_text() for h in home.select("main h2")] == [
        "Lancement sous embargo du quillotron",
        "Autres communiqués",
    ]
    cards = home.select("ol.release-grid > li.card")
    assert [c.select_one("h3 a").get_text() for c in cards] == [
        "Le Startup Garage ouvre une base d'innovation à Shanghai",
        "Journée portes ouvertes à Montréal",
    ]
    garage, open_day = cards
    thumb = garage.select_one("picture img.card__image")
    assert (thumb["width"], thumb["height"], thumb["loading"]) == ("64", "36", "lazy")
    assert thumb["srcset"].endswith("/base-64w.jpg 64w") and thumb["sizes"].startswith("(min")
    assert "fetchpriority" not in thumb.attrs
    # No image of its own: a tile in the brand's accent naming its type, hidden from readers.
    assert open_day.select("img") == []
    tile = open_day.select_one(".card__picture > .card__tile")
    assert tile["aria-hidden"] == "true"
    assert tile.get_text(" ", strip=True) == "PressClub Invitation"
    assert garage.select_one(".teaser-type").get_text() == "Communiqué de presse"
    assert garage.select_one("time").get_text() == "21 mai 2021"
    assert [c.select_one(".card__summary").get_text() for c in cards] == [
        "Une base commune pour les jeunes entreprises technologiques ouvre à Shanghai.",
        "Les médias sont invités à visiter le centre de Montréal.",
    ]


def test_later_home_pages_show_cards_only(site: Path) -> None:
    conf = site / "pagedconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa: F403\nPRESS_PAGE_SIZE = 2\n",
        encoding="utf-8",
    )
    result = build(site, conf=str(conf))
    assert result.returncode == 0, result.stderr
    first, second = result.page("en/"), result.page("en/page/2/")
    assert len(first.select(".lead-story")) == 1
    assert len(first.select("ol.release-grid > li.card")) == 1
    assert second.select(".lead-story, h2.home-more") == []
    assert [a.get_text() for a in second.select("ol.release-grid > li.card h2 a")] == [
        "Technology office opens in Tel Aviv",
        "Memorandum signed on digital cooperation",
    ]


def test_pixel_size_reads_the_header_and_refuses_non_images(tmp_path: Path) -> None:
    Image.new("RGB", (64, 36)).save(tmp_path / "wide.png")
    (tmp_path / "fake.jpg").write_text("not an image", encoding="utf-8")
    assert pixel_size(tmp_path / "wide.png") == (64, 36)
    assert pixel_size(tmp_path / "fake.jpg") is None
    assert image_view("fake.jpg", "Alt", tmp_path).width is None


def test_release_lead_image_has_its_size(built: Build) -> None:
    image = built.page(GARAGE_EN).select_one("figure.lead-image img")
    assert (image["width"], image["height"]) == ("64", "36")


def test_home_announces_events_that_have_not_ended(site: Path) -> None:
    before = build(site, now="2021-04-12T00:00:00+00:00")
    assert before.returncode == 0, before.stderr
    (section,) = before.page("fr/").select("main section.upcoming")
    assert section.h2.get_text() == "Événements à venir"
    items = section.select("ul.upcoming-list > li")
    assert [(li.a.get_text(), li.a["href"]) for li in items] == [
        (
            "Journée portes ouvertes à Montréal",
            "../fr/communiques/2021/04/journee-portes-ouvertes-a-montreal/",
        )
    ]
    when = items[0].select_one(".upcoming-when")
    assert when.time["datetime"] == "2021-04-17T09:00:00-04:00"
    assert when.get_text(" ", strip=True).endswith("· Centre de Montréal")
    assert before.page("en/").select("section.upcoming") == []
    after = build(site, now="2021-04-17T16:30:00+00:00")  # 12:30 in Montréal: it has ended
    assert after.returncode == 0, after.stderr
    assert after.page("fr/").select("section.upcoming") == []
