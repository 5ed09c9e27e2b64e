"""Release page of the fixture site, read as a browser would, in English and French."""

from __future__ import annotations

import posixpath
import re

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

EN = "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/"
FR = "fr/communiques/2021/05/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/"
EN_ONLY = "en/releases/2021/03/technology-office-opens-in-tel-aviv/"
FR_ONLY = "fr/communiques/2021/04/journee-portes-ouvertes-a-montreal/"
CLOUD_EN = "en/releases/2020/10/memorandum-signed-on-digital-cooperation/"
NBSP, NNBSP = "\u00a0", "\u202f"


def resolve(page: str, href: str) -> str:
    """Turn a relative link of a page into a site-relative URL ("" is the root)."""
    assert not re.match(r"[a-z]+:|/", href), f"expected a relative link, found {href}"
    target = posixpath.normpath(posixpath.join(page, href))
    if target == ".":
        return ""
    return target + "/" if href.endswith("/") else target


@pytest.fixture(scope="module")
def en(built):
    return built.page(EN)


@pytest.fixture(scope="module")
def fr(built):
    return built.page(FR)


def hreflang(page, url: str) -> dict[str, str]:
    return {
        link["hreflang"]: resolve(url, link["href"])
        for link in page.select('head link[rel="alternate"][hreflang]')
    }


def switcher(page, url: str) -> dict[str, str]:
    return {a["hreflang"]: resolve(url, a["href"]) for a in page.select("nav.lang-switch a")}


def test_html_lang_and_title(en, fr):
    assert en.html["lang"] == "en"
    assert fr.html["lang"] == "fr"
    assert fr.title.string.startswith("Le Startup Garage ouvre une base")


def test_both_versions_link_each_other(en, fr):
    assert switcher(en, EN) == {"fr": FR}
    assert switcher(fr, FR) == {"en": EN}
    expected = {"en": EN, "fr": FR, "x-default": ""}
    assert hreflang(en, EN) == expected
    assert hreflang(fr, FR) == expected
    link = fr.select_one("nav.lang-switch a")
    # The name, and on a phone its code (hidden from screen readers, which read the name).
    assert (link["lang"], link.select_one(".lang-switch__name").get_text()) == ("en", "English")
    assert link.select_one('.lang-switch__code[aria-hidden="true"]').get_text() == "EN"


def test_a_release_in_one_language_switches_to_a_page_saying_so(built):
    page = built.page(EN_ONLY)
    assert switcher(page, EN_ONLY) == {"fr": "fr/2021-english-only.html"}
    assert hreflang(page, EN_ONLY) == {"en": EN_ONLY, "x-default": ""}
    assert (
        page.select_one(".release-header .note").get_text()
        == "This release is not available in French."
    )
    french = built.page(FR_ONLY)
    assert switcher(french, FR_ONLY) == {"en": "en/2021-french-only.html"}
    assert (
        french.select_one(".release-header .note").get_text()
        == "Ce communiqué n’est pas offert en anglais."
    )


def test_type_and_localized_dates(en, fr):
    assert en.select_one(".release-meta__type").get_text() == "Press release"
    assert fr.select_one(".release-meta__type").get_text() == "Communiqué de presse"
    published = en.select_one(".release-meta time")
    assert published["datetime"] == "2021-05-21T03:00:00-04:00"
    assert published.get_text() == f"May 21, 2021, 3:00{NNBSP}a.m.{NBSP}EDT"
    updated = en.select_one(".release-meta .release-meta__updated")
    assert updated.get_text(" ", strip=True) == f"Updated: May 22, 2021, 4:00{NNBSP}a.m.{NBSP}EDT"
    assert updated.time["datetime"] == "2021-05-22T04:00:00-04:00"
    assert updated.find_previous_sibling("span")["class"] == ["release-meta__date"]
    french = fr.select_one(".release-meta time")
    assert french["datetime"] == "2021-05-21T03:00:00-04:00"
    assert french.get_text() == f"21 mai 2021, 3{NBSP}h{NBSP}00{NBSP}HAE"
    assert fr.select_one(".release-meta__updated") is None


def test_headline_highlights_image_body_boilerplate(built, en, fr):
    assert en.h1.get_text() == "Startup Garage opens an innovation base in Shanghai"
    assert [li.get_text() for li in en.select("ul.highlights li")] == [
        "Up to 300 young companies supported over three years",
        "Cloud infrastructure and access to experts",
    ]
    image = fr.select_one("figure.lead-image img")
    assert image["alt"] == "L'entrée de la base d'innovation"
    assert (built.output / resolve(FR, image["src"])).is_file()
    assert fr.select_one("figure.lead-image figcaption").get_text() == f"Photo{NBSP}: Photo de test"
    first = en.select_one(".release-body p")
    assert first.select_one(".dateline").get_text() == "Shanghai/Munich."
    assert en.select_one(".boilerplate h2").get_text() == "About the company"
    assert "Fixture Company makes fixtures" in en.select_one(".boilerplate").get_text()
    assert fr.select_one(".boilerplate h2").get_text() == "À propos de l’entreprise"
    assert "Fixture Company fabrique" in fr.select_one(".boilerplate").get_text()


def card(page, name: str):
    return next(
        c
        for c in page.select(".contact-card")
        if c.select_one(".contact-card__name").get_text() == name
    )


def test_contact_cards_have_working_links(built, en, fr):
    assert [c.get_text() for c in fr.select(".contact-card__name")] == [
        "Julie Gagnon",
        "Marc Belcourt",
    ]
    assert fr.select_one("#contacts-heading").get_text() == "Contacts de presse"
    assert en.select_one("#contacts-heading").get_text() == "Press contact"
    julie = card(fr, "Julie Gagnon")
    assert "Porte-parole, Québec" in julie.select_one(".contact-card__role").get_text()
    links = {a.find_parent("div").dt.get_text(): a["href"] for a in julie.select("dl a")}
    assert links == {
        "Téléphone": "tel:+15145550142",
        "Cellulaire": "tel:+15145550199",
        "Courriel": "mailto:julie.gagnon@example.com",
    }
    vcard = julie.select_one(".contact-card__vcard a")
    assert resolve(FR, vcard["href"]) == "fr/contacts/julie-gagnon.vcf"
    assert vcard.get_text(" ", strip=True) == "Enregistrer le contact (vCard) – Julie Gagnon"
    marc = card(en, "Marc Belcourt")
    assert "Head of corporate communications" in marc.get_text()
    links = {a.find_parent("div").dt.get_text(): a["href"] for a in marc.select("dl a")}
    assert links == {
        "Phone": "tel:+19054285078",
        "Fax": "tel:+19054285071",
        "Email": "mailto:marc.belcourt@example.com",
    }
    assert (
        resolve(EN, marc.select_one(".contact-card__vcard a")["href"])
        == "en/contacts/marc-belcourt.vcf"
    )


def test_author_who_is_the_press_contact_is_not_repeated(en, fr):
    assert [c.get_text() for c in en.select(".contact-card__name")] == ["Marc Belcourt"]
    assert en.select_one(".author") is None  # author: marc-belcourt, also the contact
    assert fr.select_one(".author") is None  # no author


def test_related_links_name_the_other_language(en, fr):
    internal, external = en.select(".related__list li")
    assert resolve(EN, internal.a["href"]) == CLOUD_EN
    assert internal.a.get("lang") is None and internal.select_one(".related__note") is None
    assert internal.get_text(" ", strip=True) == (
        "Memorandum signed on digital cooperation Statement October 14, 2020"
    )
    assert internal.select_one(".related__meta time")["datetime"] == "2020-10-14T22:00:00-04:00"
    assert external.a["href"] == "https://www.example.org/garage"
    assert external.a["rel"] == ["noopener", "noreferrer"]
    assert external.select_one(".related__host").get_text() == "example.org"
    assert external.select_one(".related__meta") is None
    (other,) = fr.select(".related__list li")
    assert resolve(FR, other.a["href"]) == CLOUD_EN
    assert (other.a["hreflang"], other.a["lang"]) == ("en", "en")
    assert other.select_one(".related__note").get_text() == "(en anglais)"
    assert other.select_one(".related__type").get_text() == "Déclaration"
    assert other.select_one(".related__meta time").get_text() == "14 octobre 2020"


def test_topics_and_tags_link_their_listing_pages(en, fr):
    assert {a.get_text(): resolve(FR, a["href"]) for a in fr.select(".taxonomy a")} == {
        "Innovation": "fr/sujets/innovation/",
        "jeunes pousses": "fr/mots-cles/jeunes-pousses/",
        "chine": "fr/mots-cles/chine/",
    }
    assert {a.get_text(): resolve(EN, a["href"]) for a in en.select(".taxonomy a")} == {
        "Innovation": "en/topics/innovation/",
        "Digital": "en/topics/digital/",
        "startups": "en/tags/startups/",
        "china": "en/tags/china/",
    }


def test_navigation_stays_in_the_page_language(en, fr):
    assert [resolve(FR, a["href"]) for a in fr.select("nav.site-nav a")] == [
        "fr/",
        "fr/sujets/",
        "fr/archives/",
        "fr/medias/",
        "fr/contacts/",
        "fr/fils/",
    ]
    assert [resolve(EN, a["href"]) for a in en.select("nav.site-nav a")] == [
        "en/",
        "en/topics/",
        "en/archive/",
        "en/media/",
        "en/contacts/",
        "en/feeds/",
    ]
    assert fr.select_one("a.skip-link")["href"] == "#main" and fr.select_one("main#main")
    crumbs = [resolve(FR, a["href"]) for a in fr.select(".breadcrumbs a")]
    assert crumbs == ["fr/", "fr/archives/2021/"]


def test_pages_make_no_external_request(built, en):
    sources = [tag["src"] for tag in en.select("[src]")]
    sources += [link["href"] for link in en.select('link[rel~="stylesheet"], link[rel~="icon"]')]
    assert sources and not [s for s in sources if re.match(r"[a-z]+:|//", s)]
    css = resolve(EN, en.select_one('link[rel="stylesheet"]')["href"])
    text = (built.output / css).read_text(encoding="utf-8")
    assert "@media print" in text and "url(" not in text and "@import" not in text


def interface_strings(lang: str) -> list[str]:
    """Return the English interface strings whose translation differs, without placeholders."""
    with (ROOT / "theme/translations/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += list(zip(sources, targets, strict=False))
    texts = [english if lang == "fr" else french for english, french in pairs if english != french]
    return [
        part.strip()
        for text in texts
        for part in re.split(r"%\(\w+\)\w", text)
        if len(part.strip()) > 3
    ]


def interface_text(page) -> str:
    """Return what the page says around the release: text and accessible names, not content."""
    page = page.__copy__()
    for element in page.select(
        ".release-body, .boilerplate, h1, .highlights, .related__list, [lang]:not(html)"
    ):
        element.decompose()
    for element in page.select("head > :not(title)"):
        element.decompose()
    labels = [
        tag.get(name, "") for tag in page.find_all(True) for name in ("aria-label", "alt", "title")
    ]
    return " ".join([page.get_text(" "), *labels])


@pytest.mark.parametrize(
    ("url", "lang"), [(FR, "fr"), (FR_ONLY, "fr"), (EN, "en"), (EN_ONLY, "en")]
)
def test_no_interface_text_in_the_other_language(built, url, lang):
    text = interface_text(built.page(url))
    found = [s for s in interface_strings(lang) if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
    assert found == []
