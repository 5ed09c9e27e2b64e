"""Feed items carry the lead image (alt text, credit, a link to the original) and a person as
author; release pages show an author who is not a contact; JSON-LD names person and publisher."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import yaml
from bs4 import BeautifulSoup
from conftest import Build
from press_core.typography import french_spacing

DEV_URL = "http://localhost:8000"
FEEDS = ("en/feeds/releases.xml", "fr/fils/releases.xml")
SAMPLE_EN = "en/releases/2021/05/startup-garage-china-alibaba-cloud/"
SAMPLE_FR = "fr/communiques/2021/05/startup-garage-chine-alibaba-cloud/"
FACT_SHEET = "en/releases/2019/06/cities-in-progress-at-a-glance-the-2019-bmw-group-dialogues/"


def releases(built: Build) -> dict[str, dict]:
    """Read every release's front matter, by its title as feeds and pages print it."""
    found = {}
    for path in (built.site / "content/releases").rglob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        title = french_spacing(meta["title"]) if meta["lang"] == "fr" else meta["title"]
        found[title] = meta
    return found


def test_every_feed_item_names_a_person_as_author(built: Build) -> None:
    listed = yaml.safe_load((built.site / "content/contacts.yml").read_text(encoding="utf-8"))
    contacts = {contact["id"]: contact for contact in listed}
    metas = releases(built)
    for feed in FEEDS:
        root = ET.parse(built.output / feed).getroot()
        for item in root.iter("item"):
            # RSS 2.0: <author> is an e-mail address, the name in brackets.
            author = item.findtext("author")
            assert re.fullmatch(r"[^\s@]+@[^\s@]+ \([^()]+\)", author), author
        for entry in feedparser.parse(built.output / feed).entries:
            meta = metas[entry.title]
            expected = contacts[meta.get("author") or meta["contacts"][0]]
            assert entry.author_detail.name == expected["name"], entry.title
            assert entry.author_detail.email == expected["email"], entry.title


def test_feed_items_hold_the_lead_image_with_alt_and_credit(built: Build) -> None:
    metas = releases(built)
    seen = 0
    for feed in FEEDS:
        for entry in feedparser.parse(built.output / feed).entries:
            body = BeautifulSoup(entry.content[0].value, "html.parser")
            image = metas[entry.title].get("image")
            figure = body.find("figure")
            if not image:
                assert figure is None or figure.img is None, entry.title
                continue
            seen += 1
            assert figure is body.contents[0]  # first, before highlights and body
            assert figure.img["alt"] == image["alt"]
            assert figure.figcaption.get_text().replace("\u00a0", " ") in (
                f"Photo: {image['credit']}",
                f"Photo : {image['credit']}",
            )
            for url in (figure.img["src"], figure.a["href"]):
                assert url.startswith(f"{DEV_URL}/media/")
                assert (built.output / url.removeprefix(DEV_URL + "/")).is_file()
    assert seen == 2  # the garage pair


def json_ld(result: Build, url: str) -> dict:
    """Return the JSON-LD object of a page."""
    (script,) = result.page(url).find_all("script", type="application/ld+json")
    return json.loads(script.string)


def test_release_page_shows_an_author_who_is_not_a_contact(sample: Build) -> None:
    english = sample.page(SAMPLE_EN).select_one(".author")
    assert english.h2.get_text() == "Author"
    assert english.select_one(".author__name").get_text() == "Daniel Okafor"
    # The French version's author, Marc Belcourt, is its press contact: shown once, there.
    assert sample.page(SAMPLE_FR).select_one(".author") is None


def test_json_ld_names_the_person_as_author_and_the_organisation_as_publisher(
    sample: Build,
) -> None:
    for url, name in ((SAMPLE_EN, "Daniel Okafor"), (SAMPLE_FR, "Marc Belcourt"),
                      (FACT_SHEET, "Marc Belcourt")):  # fmt: skip
        data = json_ld(sample, url)
        assert [(a["@type"], a["name"]) for a in data["author"]] == [("Person", name)], url
        assert data["publisher"]["@type"] == "Organization", url
