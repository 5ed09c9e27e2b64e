"""Contacts: topics, organisation per language, photo and url; vCards a strict parser accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject
from conftest import Build, build, edit


def parse(path: Path) -> vobject.base.Component:
    """Parse one vCard strictly: exactly one card, every property validated."""
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8"), validate=True))
    assert len(cards) == 1, path
    cards[0].validate(raiseException=True)
    return cards[0]


def test_every_vcard_of_the_sample_site_parses_strictly(sample: Build) -> None:
    paths = sorted(sample.output.glob("*/contacts/*.vcf"))
    assert len(paths) == 6  # three contacts, two languages
    cards = {path.relative_to(sample.output).as_posix(): parse(path) for path in paths}
    for name, card in cards.items():
        assert card.version.value == "4.0", name
        assert card.fn.value and card.email.value, name
    assert cards["fr/contacts/marc-belcourt.vcf"].org.value == ["BMW Groupe Canada"]
    assert cards["en/contacts/marc-belcourt.vcf"].org.value == ["BMW Group Canada"]
    elise = cards["fr/contacts/elise-gagnon.vcf"]
    assert elise.url.value == "https://www.bmw.ca/"
    assert elise.photo.params["MEDIATYPE"] == ["image/jpeg"]
    assert (sample.output / "images/contacts/elise-gagnon.jpg").is_file()


CONTACTS = "content/contacts.yml"


def test_bad_contact_fields_are_reported_each_on_one_line(site: Path) -> None:
    edit(site, CONTACTS, "  organisation: BMW Group Canada\n  role: {en: Head",
         "  organisation: {en: BMW Group Canada}\n  topics: [innovation, cars]\n"
         "  photo: images/missing.jpg\n  url: www.example.com\n  role: {en: Head")  # fmt: skip
    edit(site, CONTACTS, "  organisation: BMW Group Canada\n  role: {en: \"Spokesperson",
         "  organisation: BMW Group Canada\n  photo: contacts.yml\n  role: {en: \"Spokesperson")  # fmt: skip
    result = build(site)
    assert result.returncode == 1
    topics = "innovation, corporate, sustainability, urban-mobility, electromobility, digital, research, events"
    assert sorted(result.problems()) == [
        f'{CONTACTS}: julie-gagnon.photo: "contacts.yml" must be a photo ending in .jpg, .jpeg, .png, .webp',
        f"{CONTACTS}: marc-belcourt.organisation: give the organisation in every language; missing: fr",
        f'{CONTACTS}: marc-belcourt.photo: "images/missing.jpg" is not a file under content/',
        f'{CONTACTS}: marc-belcourt.topics: unknown topic "cars"; configured topics: {topics}',
        f'{CONTACTS}: marc-belcourt.url: "www.example.com" is not a web address starting with https:// or http://',
    ]
    assert not result.output.exists()


def test_topic_pages_show_the_contacts_covering_them(sample: Build) -> None:
    page = sample.page("fr/sujets/evenements/")
    section = page.select_one(".topic-contacts")
    assert section.h2.get_text(strip=True) == "Contact de presse pour ce sujet"
    names = [h.get_text(strip=True) for h in section.select(".contact-card__name")]
    assert names == ["Élise Gagnon"]
    assert "BMW Groupe Canada" in section.get_text()
    assert (
        sample.page("en/topics/digital/").select_one(".contact-card__name").get_text(strip=True)
        == "Daniel Okafor"
    )


def test_directory_groups_contacts_by_localized_organisation(sample: Build) -> None:
    groups = sample.page("fr/contacts/").select(".contact-group")
    found = [
        (
            g.h2.get_text(strip=True),
            [n.get_text(strip=True) for n in g.select(".contact-card__name")],
        )
        for g in groups
    ]
    assert found == [
        ("BMW Group Technology Office USA", ["Daniel Okafor"]),
        ("BMW Groupe Canada", ["Marc Belcourt", "Élise Gagnon"]),
    ]


def test_the_strict_parser_rejects_a_broken_card(tmp_path: Path) -> None:
    card = tmp_path / "bad.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nN:a;b;;;\r\nEND:VCARD\r\n", encoding="utf-8")
    with pytest.raises(vobject.base.ValidateError, match="FN"):
        parse(card)
    card.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:a\r\nno colon\r\nEND:VCARD\r\n")
    with pytest.raises(vobject.base.ParseError):
        parse(card)
