"""Listing pages, contacts directory, vCards and the language chooser (press_pages)."""

from __future__ import annotations

import re
from datetime import datetime
from posixpath import normpath
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT, Build, build, copy_site
from press_core.calendar import year_month
from press_pages.listings import (
    month_groups,
    page_window,
    paginate,
    tag_groups,
    topic_groups,
    year_groups,
)
from press_pages.vcard import Card, fold, vcard

GARAGE_EN = "en/releases/2021/05/startup-garage-opens-an-innovation-base-in-shanghai/"
GARAGE_FR = "fr/communiques/2021/05/le-startup-garage-ouvre-une-base-d-innovation-a-shanghai/"
FR_PO = ROOT / "theme" / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
LISTINGS = {  # the same listing in English and French
    "home": ("en/", "fr/"),
    "topics": ("en/topics/", "fr/sujets/"),
    "topic": ("en/topics/innovation/", "fr/sujets/innovation/"),
    "tags": ("en/tags/", "fr/mots-cles/"),
    "archive": ("en/archive/", "fr/archives/"),
    "year": ("en/archive/2021/", "fr/archives/2021/"),
    "contacts": ("en/contacts/", "fr/contacts/"),
}


# --- Helpers ----------------------------------------------------------------------


def release(
    key: str, lang: str, date: str, topics: tuple = (), tags: tuple = ()
) -> SimpleNamespace:
    """Return a stand-in for a visible release with the values listings read."""
    meta = SimpleNamespace(
        key=key, lang=lang, date=datetime.fromisoformat(date), topics=list(topics), tags=list(tags)
    )
    filed = year_month(meta.date, ZoneInfo("America/Toronto"))
    return SimpleNamespace(lang=lang, press=SimpleNamespace(meta=meta, filed=filed))


def resolve(page: str, href: str) -> str:
    """Return the site-relative URL a link of a page leads to."""
    joined = normpath("/" + page + href).lstrip("/")
    return "" if joined == "." else joined + ("/" if href.endswith("/") and joined else "")


def switcher(built: Build, url: str) -> dict[str, str]:
    """Return lang -> target of the language switcher of a page."""
    links = built.page(url).select("nav.lang-switch a[hreflang]")
    return {a["hreflang"]: resolve(url, a["href"]) for a in links}


def hreflang(built: Build, url: str) -> dict[str, str]:
    """Return lang -> URL of the <link rel=alternate hreflang> of a page."""
    links = built.page(url).select("link[rel=alternate][hreflang]")
    return {link["hreflang"]: resolve(url, link["href"]) for link in links}


def teaser_links(built: Build, url: str) -> list[str]:
    """Return the releases a listing page shows, in order."""
    return [
        resolve(url, a["href"])
        for a in built.page(url).select(
            "ol.release-list .teaser a[href], .lead-story__title a[href],"
            " ol.release-grid .teaser-title a[href]"
        )
    ]


def parse_vcard(data: bytes) -> list[tuple[str, dict[str, str], str]]:
    """Read a vCard back: unfold lines, split name;params:value (an independent oracle)."""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "every line must end with CRLF"
    lines = text.replace("\r\n ", "").split("\r\n")
    assert lines[-1] == "", "the last line must end with CRLF"
    found = []
    for line in lines[:-1]:
        head, value = re.match(r"([^:]*):(.*)", line).groups()
        name, *params = head.split(";")
        found.append((name, dict(p.split("=", 1) for p in params), value))
    return found


def unescape(value: str) -> str:
    """Undo vCard TEXT escaping."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value)


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with one release per page, and "Startups" spelled two ways."""
    site = copy_site(tmp_path_factory.mktemp("paged"))
    source = site / "content" / "releases" / "2021" / "2021-english-only.en.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("tags: [israel]", "tags: [israel, Startups]"),
        encoding="utf-8",
    )
    conf = site / "pagedconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\nPRESS_PAGE_SIZE = 1\n"
    )
    result = build(site, conf=str(conf))
    assert result.returncode == 0, result.stderr
    return result


# --- Pure functions -----------------------------------------------------------------


def test_pagination_uses_page_folders_and_never_repeats_a_url() -> None:
    pages = paginate(list(range(25)), 10, "en/tags/tag4/")
    assert [p.url for p in pages] == [
        "en/tags/tag4/",
        "en/tags/tag4/page/2/",
        "en/tags/tag4/page/3/",
    ]
    assert [p.save_as for p in pages][1] == "en/tags/tag4/page/2/index.html"
    assert [len(p.items) for p in pages] == [10, 10, 5]
    assert (pages[0].previous_url, pages[0].next_url) == (None, "en/tags/tag4/page/2/")
    assert (pages[2].previous_url, pages[2].next_url) == ("en/tags/tag4/page/2/", None)
    # Tag "tag4" page 2 and tag "tag42" page 1 were one file with Pelican's {name}{number}.
    other = paginate(list(range(25)), 10, "en/tags/tag42/")
    urls = [p.url for p in pages + other]
    assert len(urls) == len(set(urls))


def test_an_empty_listing_still_has_one_page() -> None:
    (page,) = paginate([], 10, "fr/")
    assert (page.url, page.count, page.items, page.next_url) == ("fr/", 1, (), None)


def test_the_pagination_bar_shows_first_last_and_neighbours() -> None:
    assert page_window(1, 3) == [1, 2, 3]
    assert page_window(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_window(2, 20) == [1, 2, 3, 4, None, 20]
    links = paginate(list(range(100)), 10, "en/")[4].links
    assert [link.number for link in links if link.current] == [5]


def test_tags_spelled_differently_share_one_page_named_by_the_usual_spelling() -> None:
    articles = [
        release("a", "en", "2021-05-01T09:00:00+00:00", tags=("startups",)),
        release("b", "en", "2021-04-01T09:00:00+00:00", tags=("Startups", "China")),
        release("c", "en", "2021-03-01T09:00:00+00:00", tags=("startups", "startups")),
    ]
    groups = tag_groups(articles, lambda slug: f"en/tags/{slug}/")
    assert [(g.id, g.label, g.count) for g in groups] == [
        ("china", "China", 1),
        ("startups", "startups", 3),
    ]
    assert groups[1].url == "en/tags/startups/"
    assert [a.press.meta.key for a in groups[1].items] == ["a", "b", "c"]


def test_topics_are_ordered_by_their_label_in_the_language() -> None:
    labels = {"events": "Événements", "digital": "Numérique", "corporate": "Entreprise"}
    articles = [
        release("a", "fr", "2021-05-01T09:00:00+00:00", topics=("digital", "events", "corporate"))
    ]
    groups = topic_groups(articles, labels.get, lambda t: f"fr/sujets/{t}/")
    assert [g.label for g in groups] == ["Entreprise", "Événements", "Numérique"]


def test_years_and_months_follow_the_newsroom_time_zone() -> None:
    articles = [
        release("a", "fr", "2021-01-01T02:00:00+01:00"),  # 2020-12-31 20:00 in Toronto
        release("b", "fr", "2020-12-01T12:00:00-05:00"),
        release("c", "fr", "2021-05-21T09:00:00+02:00"),
    ]
    years = year_groups(articles, lambda y: f"fr/archives/{y}/")
    assert [(g.id, [a.press.meta.key for a in g.items]) for g in years] == [
        ("2021", ["c"]),
        ("2020", ["a", "b"]),
    ]
    months = month_groups(years[1].items, "fr_CA")
    assert [name for name, _ in months] == ["Décembre 2020"]
    assert [name for name, _ in month_groups(years[0].items, "en_CA")] == ["May 2021"]


def test_vcard_escapes_text_and_structured_values() -> None:
    card = Card(
        "x",
        "Anne; Marie\\Ortiz",
        "Ville, Inc.; Comms",
        "Porte-parole, Québec\nNuit",
        "fr",
        "a@example.com",
    )
    lines = vcard(card).split("\r\n")
    assert r"FN:Anne; Marie\\Ortiz" in lines
    assert r"N:Ortiz;Anne\; Marie\\;;;" not in lines  # the last word is the family name
    assert r"N:Marie\\Ortiz;Anne\;;;;" in lines
    assert r"ORG:Ville\, Inc.\; Comms" in lines
    assert r"TITLE;LANGUAGE=fr:Porte-parole\, Québec\nNuit" in lines


def test_vcard_lines_are_folded_at_75_octets_never_inside_a_character() -> None:
    line = "TITLE;LANGUAGE=fr:" + "é" * 100
    folded = fold(line).split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(folded)) == line
    card = Card("x", "A B", "O", "é" * 100, "fr", "a@example.com")
    assert max(len(raw) for raw in vcard(card).encode("utf-8").split(b"\r\n")) <= 75


# --- The fixture site -------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(LISTINGS))
def test_each_listing_exists_in_both_languages(built: Build, kind: str) -> None:
    for url, lang in zip(LISTINGS[kind], ("en", "fr"), strict=True):
        page = built.page(url)
        assert page.find("html")["lang"] == lang, url
        assert page.find("h1").get_text(strip=True), url
        assert len(page.find_all("main")) == 1, url


def test_home_lists_the_releases_of_its_language_newest_first(built: Build) -> None:
    assert teaser_links(built, "en/") == [
        "en/releases/2021/06/embargoed-launch-of-the-quillotron/",
        GARAGE_EN,
        "en/releases/2021/03/technology-office-opens-in-tel-aviv/",
        "en/releases/2020/10/memorandum-signed-on-digital-cooperation/",
    ]
    assert teaser_links(built, "fr/")[1:] == [
        GARAGE_FR,
        "fr/communiques/2021/04/journee-portes-ouvertes-a-montreal/",
    ]
    teaser = built.page("fr/").select("ol.release-grid .card")[0]
    assert teaser.find("time")["datetime"] == "2021-05-21T03:00:00-04:00"
    assert teaser.find("time").get_text() == "21 mai 2021"
    assert "Communiqué de presse" in teaser.get_text()


def test_listings_leave_out_drafts(built: Build) -> None:
    pages = [p for p in built.files() if p.suffix in (".html", ".vcf")]
    assert not [
        p
        for p in pages
        if "zanzibarquill" in p.read_text(encoding="utf-8")
        or "draft-note" in p.read_text(encoding="utf-8")
    ]


def test_listings_leave_out_embargoed_releases_until_due(published: Build) -> None:
    listing_pages = [
        p for p in published.files() if p.suffix == ".html" and "/releases/" not in str(p)
    ]
    assert listing_pages
    assert not [p for p in listing_pages if "quillotron" in p.read_text(encoding="utf-8")]
    assert len(teaser_links(published, "fr/sujets/innovation/")) == 1


def test_topic_labels_are_translated_on_french_pages(built: Build) -> None:
    topics = built.page("fr/sujets/")
    labels = {a.get_text(strip=True) for a in topics.select("ul.group-list a")}
    assert labels == {"Événements", "Innovation"}
    assert built.page("fr/sujets/evenements/").find("h1").get_text(strip=True) == "Événements"
    assert (
        built.page("en/topics/research-and-development/").find("h1").get_text(strip=True)
        == "Research and development"
    )
    assert "Sujets" in built.page("fr/sujets/evenements/").find("title").get_text()


def test_french_listing_pages_show_no_english_interface_text(built: Build) -> None:
    with FR_PO.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    english = set()
    for message in catalog:
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        targets = " ".join([message.string] if isinstance(message.string, str) else message.string)
        for source in filter(None, sources):
            # Fragments between placeholders that the French text does not also contain.
            english |= {
                f.strip()
                for f in re.split(r"%\(\w+\)s", source)
                if len(f.strip()) > 3 and f.strip() not in targets
            }
    pages = [url for urls in LISTINGS.values() for url in urls if url.startswith("fr/")] + [
        "fr/mots-cles/jeunes-pousses/"
    ]
    for url in pages:
        page = built.page(url)
        text = page.get_text(" ") + " ".join(
            str(e.get(a, "")) for e in page.find_all(True) for a in ("aria-label", "title")
        )
        found = sorted(
            phrase for phrase in english if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
        )
        assert not found, f"{url}: English interface text {found}"


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("en/", "fr/"), ("fr/", "en/"),
        ("en/topics/", "fr/sujets/"), ("fr/sujets/", "en/topics/"),
        ("en/topics/innovation/", "fr/sujets/innovation/"), ("fr/sujets/innovation/", "en/topics/innovation/"),
        # A topic, tag or year the other language lacks: that language's index of them.
        ("en/topics/research-and-development/", "fr/sujets/"), ("fr/sujets/evenements/", "en/topics/"),
        ("en/tags/", "fr/mots-cles/"), ("fr/mots-cles/", "en/tags/"),
        # Tags paired by PRESS_TAG_PAIRS (pelicanconf.py); an unpaired one: the tags index.
        ("en/tags/startups/", "fr/mots-cles/jeunes-pousses/"), ("fr/mots-cles/jeunes-pousses/", "en/tags/startups/"),
        ("en/tags/china/", "fr/mots-cles/chine/"), ("en/tags/israel/", "fr/mots-cles/"),
        ("en/archive/", "fr/archives/"), ("fr/archives/", "en/archive/"),
        ("en/archive/2021/", "fr/archives/2021/"), ("fr/archives/2021/", "en/archive/2021/"),
        ("en/archive/2020/", "fr/archives/"),
        ("en/contacts/", "fr/contacts/"), ("fr/contacts/", "en/contacts/"),
    ],
)  # fmt: skip
def test_language_switcher_leads_to_the_same_listing_or_the_index_above_it(
    built: Build, url: str, target: str
) -> None:
    other = "fr" if url.startswith("en/") else "en"
    assert switcher(built, url) == {other: target}


def test_hreflang_names_only_real_versions_and_x_default(built: Build) -> None:
    assert hreflang(built, "en/topics/innovation/") == {
        "en": "en/topics/innovation/",
        "fr": "fr/sujets/innovation/",
        "x-default": "",
    }
    assert hreflang(built, "en/tags/startups/") == {
        "en": "en/tags/startups/",
        "fr": "fr/mots-cles/jeunes-pousses/",
        "x-default": "",
    }
    assert hreflang(built, "en/tags/israel/") == {"en": "en/tags/israel/", "x-default": ""}
    assert hreflang(built, "fr/") == {"en": "en/", "fr": "fr/", "x-default": ""}


def test_topic_and_tag_pages_offer_their_feeds(built: Build) -> None:
    page = built.page("fr/mots-cles/jeunes-pousses/")
    found = {
        resolve("fr/mots-cles/jeunes-pousses/", link["href"])
        for link in page.select("link[rel=alternate][type]")
    }
    assert {
        "fr/fils/mots-cles/jeunes-pousses.xml",
        "fr/fils/mots-cles/jeunes-pousses.atom",
    } <= found
    subscribe = {
        resolve("fr/sujets/innovation/", a["href"])
        for a in built.page("fr/sujets/innovation/").select(".listing-feeds a")
    }
    assert subscribe == {"fr/fils/sujets/innovation.xml", "fr/fils/sujets/innovation.atom"}
    assert (
        built.page("fr/mots-cles/jeunes-pousses/").find("h1").get_text(strip=True)
        == "jeunes pousses"
    )


def test_year_archive_groups_releases_by_month(built: Build) -> None:
    page = built.page("fr/archives/2021/")
    assert [h.get_text(strip=True) for h in page.select("main h2")] == [
        "Juin 2021",
        "Mai 2021",
        "Avril 2021",
    ]
    years = [a.get_text(strip=True) for a in built.page("en/archive/").select("ul.group-list a")]
    assert years == ["2021", "2020"]


def test_pagination_links_every_page_once(paged: Build) -> None:
    seen, url, pages = [], "en/", []
    while url:
        pages.append(url)
        seen += teaser_links(paged, url)
        following = paged.page(url).select_one("nav.pagination a[rel=next]")
        url = resolve(url, following["href"]) if following else None
    assert pages == ["en/", "en/page/2/", "en/page/3/", "en/page/4/"]
    assert len(seen) == len(set(seen)) == 4
    last = paged.page("en/page/4/")
    assert (
        resolve("en/page/4/", last.select_one("nav.pagination a[rel=prev]")["href"]) == "en/page/3/"
    )
    assert last.select_one("nav.pagination a[aria-current=page]").get_text(strip=True) == "4"
    assert "4" in last.find("h1").get_text() and "4" in last.find("title").get_text()
    assert hreflang(paged, "en/page/2/") == {"en": "en/page/2/", "x-default": ""}
    assert switcher(paged, "en/page/2/") == {"fr": "fr/"}


def test_tag_spellings_with_one_slug_build_one_paginated_listing(paged: Build) -> None:
    first = teaser_links(paged, "en/tags/startups/")
    second = teaser_links(paged, "en/tags/startups/page/2/")
    third = teaser_links(paged, "en/tags/startups/page/3/")
    assert len(first + second + third) == 3
    assert "en/releases/2021/03/technology-office-opens-in-tel-aviv/" in first + second + third
    assert paged.page("fr/sujets/innovation/page/2/").find("html")["lang"] == "fr"


def test_contacts_directory_shows_cards_with_vcard_links(built: Build) -> None:
    page = built.page("fr/contacts/")
    cards = page.select("main li[id]")
    assert [card["id"] for card in cards] == ["marc-belcourt", "julie-gagnon"]
    marc = cards[0]
    assert "Chef des communications d'entreprise" in marc.get_text()
    assert marc.find("a", href="mailto:marc.belcourt@example.com") is not None
    tel = [a["href"] for a in marc.find_all("a", href=True) if a["href"].startswith("tel:")]
    assert ["".join(filter(str.isdigit, t)) for t in tel] == ["19054285078", "19054285071"]
    vcard_link = marc.find("a", type="text/vcard")
    assert resolve("fr/contacts/", vcard_link["href"]) == "fr/contacts/marc-belcourt.vcf"
    assert "Head of corporate communications" in built.page("en/contacts/").get_text()


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Head of corporate communications"), ("fr", "Chef des communications d'entreprise")],
)
def test_vcards_read_back_with_every_field(built: Build, lang: str, title: str) -> None:
    data = (built.output / lang / "contacts" / "marc-belcourt.vcf").read_bytes()
    props = parse_vcard(data)
    values = {name: (params, unescape(value)) for name, params, value in props if name != "TEL"}
    assert props[0] == ("BEGIN", {}, "VCARD") and props[-1] == ("END", {}, "VCARD")
    assert values["VERSION"][1] == "4.0"
    assert values["FN"][1] == "Marc Belcourt"
    assert values["N"][1] == "Belcourt;Marc;;;"
    assert values["ORG"][1] == "BMW Group Canada"
    assert values["TITLE"] == ({"LANGUAGE": lang}, title)
    assert values["EMAIL"][1] == "marc.belcourt@example.com"
    assert values["LANG"][1] == lang
    phones = {params["TYPE"]: value for name, params, value in props if name == "TEL"}
    assert phones == {"work,voice": "+1-905-428-5078", "work,fax": "+1-905-428-5071"}
    julie = parse_vcard((built.output / lang / "contacts" / "julie-gagnon.vcf").read_bytes())
    assert ("TEL", {"TYPE": "cell"}, "+1-514-555-0199") in julie


def test_vcards_are_the_same_person_in_both_languages(built: Build) -> None:
    uids = {
        lang: [
            v
            for n, _, v in parse_vcard(
                (built.output / lang / "contacts" / "julie-gagnon.vcf").read_bytes()
            )
            if n == "UID"
        ]
        for lang in ("en", "fr")
    }
    assert uids["en"] == uids["fr"] and len(uids["en"]) == 1


def test_chooser_offers_both_languages_with_hreflang(built: Build) -> None:
    page = built.page("")
    assert page.find("html")["lang"] == "en"
    links = {
        a["hreflang"]: (a["href"], a.find_parent(lang=True)["lang"])
        for a in page.select("main a[hreflang]")
    }
    assert {lang: (resolve("", href), own) for lang, (href, own) in links.items()} == {
        "en": ("en/", "en"),
        "fr": ("fr/", "fr"),
    }
    assert hreflang(built, "") == {"en": "en/", "fr": "fr/", "x-default": ""}
    text = page.find("main").get_text(" ", strip=True)
    assert "English" in text and "Français" in text


def test_the_build_writes_no_pelican_listing_of_its_own(built: Build) -> None:
    names = {p.relative_to(built.output).as_posix() for p in built.files()}
    assert not {"archives.html", "tags.html", "categories.html", "authors.html"} & names
    assert not [n for n in names if re.search(r"index\d+\.html$", n)]


def test_home_and_indexes_lead_to_topics_tags_and_archive(built: Build) -> None:
    browse = built.page("fr/").select("nav.browse a")
    assert [resolve("fr/", a["href"]) for a in browse] == [
        "fr/sujets/",
        "fr/mots-cles/",
        "fr/archives/",
    ]
    assert [a.get_text() for a in browse] == ["Sujets", "Mots-clés", "Archives"]
    current = built.page("en/tags/").select("nav.browse a[aria-current=page]")
    assert [resolve("en/tags/", a["href"]) for a in current] == ["en/tags/"]


def test_the_menu_marks_the_current_page_only_where_it_is(built: Build, paged: Build) -> None:
    def current(build: Build, url: str) -> list[str]:
        return [
            resolve(url, a["href"]) for a in build.page(url).select("header a[aria-current=page]")
        ]

    assert "en/" in current(built, "en/")
    assert "en/topics/" in current(built, "en/topics/")
    assert current(built, "en/topics/innovation/") == []
    assert current(paged, "en/page/2/") == []
    assert "fr/contacts/" in current(built, "fr/contacts/")


def test_topic_and_tag_pages_offer_their_own_feed_first(built: Build) -> None:
    for url, own in (
        ("fr/mots-cles/jeunes-pousses/", "fr/fils/mots-cles/jeunes-pousses."),
        ("en/topics/innovation/", "en/feeds/topics/innovation."),
    ):
        links = built.page(url).select("head link[rel=alternate][type]")
        first = [resolve(url, link["href"]) for link in links][:2]
        assert first == [f"{own}xml", f"{own}atom"], url
