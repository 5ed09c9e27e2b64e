"""Unit tests of press_feeds: feeds and OPML built from plain values, read back by feedparser."""

from __future__ import annotations

import calendar
import email.utils
import hashlib
import os
import re
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import lxml.html
import pytest
from feedparser.mixin import _FeedParserMixin  # its own HTML guess, used below
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from press_feeds.feeds import (
    EPOCH,
    Enclosure,
    FeedError,
    FeedItem,
    FeedSpec,
    build_feed,
    feed_time,
    select_items,
)
from press_feeds.opml import FeedRef, OpmlGroup, build_opml
from press_feeds.plan import Feed, last_uses
from press_feeds.text import absolutize_html, absolutize_srcset, clean_line, xml_safe

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}"
SITE = "https://news.example.org"
PARIS = timezone(timedelta(hours=2))
RNG = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "schemas" / "atom.rng")))
# RFC 822 as RFC 1123 updates it: four-digit year, numeric zone.
RFC822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"
)

SPEC = FeedSpec(
    title="PressClub — Français — Innovation",
    subtitle="Communiqués du sujet Innovation",
    lang="fr",
    rss_url=f"{SITE}/fr/fils/sujets/innovation.xml",
    atom_url=f"{SITE}/fr/fils/sujets/innovation.atom",
    home_url=f"{SITE}/fr/sujets/innovation/",
    author_name="PressClub",
    author_email="presse@news.example.org",
)
GARAGE = FeedItem(
    title="Le Startup Garage ouvre une base d’innovation\u202f!",
    link=f"{SITE}/fr/communiques/2021/05/startup-garage/",
    guid=f"{SITE}/fr/communiques/2021/05/startup-garage/",
    published=datetime(2021, 5, 21, 9, 0, tzinfo=PARIS),
    updated=datetime(2021, 5, 22, 10, 30, tzinfo=PARIS),
    lang="fr",
    summary="Une base commune pour 300 jeunes pousses.",
    content_parts=(
        '<p>Shanghai/Munich. <a href="../../../2020/11/protocole/">Protocole</a>'
        ' <a href="#contacts">contacts</a> <a href="mailto:presse@news.example.org">écrire</a></p>'
        '<p><img src="/images/2021/jib.jpg" alt="Base" srcset="/images/2021/jib.jpg 1x, jib@2x.jpg 2x"></p>',
    ),
    author_name="Marc Belcourt",
    author_email="marc.belcourt@news.example.org",
    categories=(("innovation", "Innovation"), ("chine", "chine")),
    enclosure=Enclosure("/images/2021/jib.jpg", 48213, "image/jpeg"),
)
MOBILITY = FeedItem(
    title="Mobilité urbaine : nouveaux essais",
    link=f"{SITE}/fr/communiques/2021/04/essais/",
    guid=f"{SITE}/fr/communiques/2021/04/essais/",
    published=datetime(2021, 4, 2, 14, 0, tzinfo=ZoneInfo("America/Toronto")),
    lang="fr",
    summary="Des essais dans trois villes.",
    content_parts=("<p>Texte.</p>",),
    author_name="Anne Roy",  # no e-mail: dc:creator in RSS
    categories=(("urban-mobility", "Mobilité urbaine"),),
)
ENGLISH = replace(
    MOBILITY,
    title="Urban mobility: new trials",
    link=f"{SITE}/en/releases/2021/04/trials/",
    guid=f"{SITE}/en/releases/2021/04/trials/",
    lang="en",
)


def parse(document: bytes) -> feedparser.FeedParserDict:
    """Parse a feed with feedparser and insist that it found nothing wrong."""
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def utc_seconds(value: datetime) -> int:
    """Return the whole seconds since the epoch, exactly (no float rounding)."""
    return (value - EPOCH) // timedelta(seconds=1)


def parsed_seconds(struct: time.struct_time) -> int:
    """Return the seconds since the epoch of a feedparser UTC struct_time."""
    return calendar.timegm(struct)


# --- feedparser reads back every field ---------------------------------------


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_feedparser_reads_back_every_field(fmt):
    rss, atom = build_feed(SPEC, [MOBILITY, GARAGE])
    parsed = parse(rss if fmt == "rss" else atom)
    feed, entry = parsed.feed, parsed.entries[0]
    assert parsed.version == ("rss20" if fmt == "rss" else "atom10")
    assert feed.title == SPEC.title
    assert feed.subtitle == SPEC.subtitle
    assert feed.language == "fr"
    assert feed.link == SPEC.home_url
    self_links = [link.href for link in feed.links if link.rel == "self"]
    assert self_links == [SPEC.rss_url if fmt == "rss" else SPEC.atom_url]
    assert parsed_seconds(feed.updated_parsed) == utc_seconds(GARAGE.updated)
    assert [e.title for e in parsed.entries] == [GARAGE.title, MOBILITY.title]
    assert entry.link == GARAGE.link
    assert entry.id == GARAGE.guid
    assert parsed_seconds(entry.published_parsed) == utc_seconds(GARAGE.published)
    if fmt == "atom":
        assert parsed_seconds(entry.updated_parsed) == utc_seconds(GARAGE.updated)
    else:  # feedparser sets guidislink only when <link> is missing
        assert entry.id == entry.link
    assert entry.summary == GARAGE.summary
    body = entry.content[0]
    assert body.type == "text/html"
    assert f'src="{SITE}/images/2021/jib.jpg"' in body.value
    assert f'href="{SITE}/fr/communiques/2020/11/protocole/"' in body.value
    assert entry.author_detail.email == "marc.belcourt@news.example.org"
    assert "Marc Belcourt" in entry.author
    labels = [tag.label or tag.term for tag in entry.tags]
    assert labels == ["Innovation", "chine"]
    assert [(e.href, int(e.length), e.type) for e in entry.enclosures] == [
        (f"{SITE}/images/2021/jib.jpg", 48213, "image/jpeg")
    ]
    assert parsed.entries[1].author == "Anne Roy"


def test_times_keep_their_offset_in_rfc822_and_rfc3339():
    rss, atom = build_feed(SPEC, [MOBILITY])
    assert b"<pubDate>Fri, 02 Apr 2021 14:00:00 -0400</pubDate>" in rss
    assert b"<published>2021-04-02T14:00:00-04:00</published>" in atom


@pytest.mark.parametrize(
    "local",
    [
        datetime(1890, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Paris")),  # LMT +00:09:21
        datetime(1844, 1, 1, 0, 0, tzinfo=ZoneInfo("Pacific/Saipan")),  # LMT -14:17
    ],
)
def test_offsets_rfc_822_or_xml_schema_cannot_write_become_utc(local):
    assert feed_time(local).utcoffset() == timedelta(0)
    assert feed_time(local) == local.replace(microsecond=0)


@pytest.mark.parametrize(
    "value",
    [datetime(2021, 5, 21, 9, 0), datetime(999, 12, 31, tzinfo=UTC)],
    ids=["naive", "three-digit-year"],
)
def test_dates_no_feed_can_carry_are_refused(value):
    with pytest.raises(FeedError):
        replace(GARAGE, published=value)


@pytest.mark.parametrize("field", ["rss_url", "atom_url", "home_url"])
def test_feed_urls_must_be_absolute(field):
    with pytest.raises(FeedError, match=field):
        replace(SPEC, **{field: "/fr/fils/releases.xml"})


def test_item_links_must_be_absolute():
    with pytest.raises(FeedError, match="absolute"):
        replace(GARAGE, link="/fr/communiques/2021/05/startup-garage/")


# --- empty feeds, other languages ---------------------------------------------


def test_a_feed_without_items_is_valid_and_dated_without_the_clock():
    rss, atom = build_feed(SPEC, [])
    assert parse(rss).entries == [] and parse(atom).entries == []
    assert RNG.validate(etree.fromstring(atom)), RNG.error_log
    assert b"<lastBuildDate>Thu, 01 Jan 1970 00:00:00 +0000</lastBuildDate>" in rss
    dated = replace(SPEC, updated_if_empty=datetime(2021, 1, 4, tzinfo=PARIS))
    assert b"<updated>2021-01-04T00:00:00+02:00</updated>" in build_feed(dated, [])[1]


def entry_langs(atom: bytes) -> dict[str, str | None]:
    """Map each Atom entry's id to its xml:lang."""
    entries = etree.fromstring(atom).findall(f"{ATOM}entry")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    return {e.findtext(f"{ATOM}id"): e.get(xml_lang) for e in entries}


def test_a_feed_mixing_languages_marks_every_item_language():
    rss, atom = build_feed(replace(SPEC, lang="en"), [ENGLISH, GARAGE])
    assert entry_langs(atom) == {GARAGE.guid: "fr", ENGLISH.guid: "en"}
    items = etree.fromstring(rss).findall("channel/item")
    assert [i.findtext(f"{DC}language") for i in items] == ["fr", "en"]
    assert parse(atom).entries[0].title_detail.language == "fr"
    assert RNG.validate(etree.fromstring(atom)), RNG.error_log


def test_an_item_in_another_language_than_its_feed_says_so():
    _, atom = build_feed(replace(SPEC, lang="en"), [GARAGE])
    assert entry_langs(atom) == {GARAGE.guid: "fr"}
    _, atom = build_feed(replace(SPEC, lang="en"), [ENGLISH])
    assert entry_langs(atom) == {ENGLISH.guid: None}


# --- order, limit, newest date -------------------------------------------------


def test_items_newest_first_with_guid_breaking_ties_and_capped():
    same_time = [replace(MOBILITY, link=f"{SITE}/fr/{n}/", guid=f"{SITE}/fr/{n}/") for n in "cab"]
    chosen = select_items([*same_time, GARAGE], limit=3)
    assert [i.guid for i in chosen] == [GARAGE.guid, f"{SITE}/fr/a/", f"{SITE}/fr/b/"]
    rss, _ = build_feed(replace(SPEC, limit=3), [*same_time, GARAGE])
    assert [e.link for e in parse(rss).entries] == [i.link for i in chosen]


def test_last_build_date_is_the_newest_change_not_the_clock():
    # The older release was corrected after the newer one came out.
    corrected = replace(MOBILITY, updated=datetime(2021, 6, 1, 8, 0, tzinfo=UTC))
    rss, atom = build_feed(SPEC, [corrected, GARAGE])
    assert (
        etree.fromstring(rss).findtext("channel/lastBuildDate") == "Tue, 01 Jun 2021 08:00:00 +0000"
    )
    assert etree.fromstring(atom).findtext(f"{ATOM}updated") == "2021-06-01T08:00:00+00:00"
    assert parse(rss).entries[0].link == GARAGE.link  # still ordered by release date


def test_two_items_with_one_guid_are_refused():
    with pytest.raises(FeedError, match="guid"):
        build_feed(SPEC, [GARAGE, replace(GARAGE, published=MOBILITY.published)])


# --- determinism ---------------------------------------------------------------


def test_same_input_same_bytes_whatever_the_input_order():
    first = build_feed(SPEC, [GARAGE, MOBILITY])
    assert build_feed(SPEC, [GARAGE, MOBILITY]) == first
    assert build_feed(SPEC, [MOBILITY, GARAGE]) == first


def test_same_bytes_across_processes_and_hash_seeds():
    script = (
        "import hashlib, test_feeds_unit as t, press_feeds.feeds as f;"
        "print(hashlib.sha256(b''.join(f.build_feed(t.SPEC, [t.GARAGE, t.MOBILITY]))).hexdigest())"
    )
    path = os.pathsep.join([str(Path(__file__).parent), *sys.path])
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONPATH": path, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert digests == {hashlib.sha256(b"".join(build_feed(SPEC, [GARAGE, MOBILITY]))).hexdigest()}


# --- RFC 4287 schema ------------------------------------------------------------


def test_atom_validates_against_the_rfc_4287_schema():
    for items in ([GARAGE, MOBILITY], [ENGLISH, GARAGE], []):
        _, atom = build_feed(SPEC, items)
        assert RNG.validate(etree.fromstring(atom)), RNG.error_log


@pytest.mark.parametrize(
    "old, new",
    [
        (f"<id>{SPEC.atom_url}</id>".encode(), b""),  # 4.1.1: one id
        (b"<updated>2021-05-22T10:30:00+02:00</updated>", b"<updated>2021-05-22</updated>"),  # 3.3
        (b'<content type="html">', b'<content type="html"><p/>'),  # 3.1.1.2: html is text only
        (b"<email>presse@news.example.org</email>", b"<email>presse</email>"),  # 3.2.3
        (b'length="48213"', b'length="big"'),  # 4.2.7.6
        (b"<published>", b"<title>again</title><published>"),  # 4.1.2: one title
    ],
)
def test_the_schema_rejects_what_rfc_4287_forbids(old, new):
    _, atom = build_feed(SPEC, [GARAGE])
    assert old in atom
    broken = atom.replace(old, new, 1)
    assert not RNG.validate(etree.fromstring(broken))


# --- rules the W3C Feed Validation Service applies --------------------------------


def urls_in_feed(root: etree._Element) -> list[str]:
    """Return every URL a feed states: link and guid text, href/url/src, and inside content."""
    urls = [root.findtext("channel/link") or ""]
    for element in root.iter():
        urls += [element.get(name) for name in ("href", "url", "src") if element.get(name)]
        if element.tag in ("link", "guid", f"{ATOM}id", f"{ATOM}icon", f"{ATOM}logo"):
            urls.append(element.text or "")
        if element.tag in (CONTENT_ENCODED, f"{ATOM}content") and element.text:
            urls += urls_in_html(element.text)
    return [url for url in urls if url]


def urls_in_html(html: str) -> list[str]:
    """Return every link, image and srcset URL of an HTML fragment."""
    urls = [
        link
        for _, _, link, _ in lxml.html.fragment_fromstring(html, create_parent="div").iterlinks()
    ]
    for srcset in lxml.html.fragment_fromstring(html, create_parent="div").xpath("//@srcset"):
        urls += [candidate.split()[0] for candidate in srcset.split(", ")]
    return urls


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_w3c_every_url_is_absolute_including_inside_content(fmt):
    rss, atom = build_feed(SPEC, [GARAGE, MOBILITY])
    urls = urls_in_feed(etree.fromstring(rss if fmt == "rss" else atom))
    assert f"{SITE}/images/2021/jib.jpg" in urls and f"{GARAGE.link}jib@2x.jpg" in urls
    relative = [url for url in urls if not re.match(r"(https?://[^/]+/|mailto:)", url)]
    assert relative == []


def test_w3c_self_links_equal_the_published_locations():
    rss, atom = build_feed(SPEC, [GARAGE])
    rss_self = etree.fromstring(rss).find(f"channel/{ATOM}link[@rel='self']")
    assert (rss_self.get("href"), rss_self.get("type")) == (SPEC.rss_url, "application/rss+xml")
    atom_self = etree.fromstring(atom).findall(f"{ATOM}link[@rel='self']")
    assert [(a.get("href"), a.get("type")) for a in atom_self] == [
        (SPEC.atom_url, "application/atom+xml")
    ]
    assert etree.fromstring(atom).findtext(f"{ATOM}id") == SPEC.atom_url


def test_w3c_rss_dates_are_rfc_822_and_mean_the_release_time():
    rss, _ = build_feed(SPEC, [GARAGE, MOBILITY])
    channel = etree.fromstring(rss).find("channel")
    dates = [channel.findtext("lastBuildDate")] + [d.text for d in channel.iter("pubDate")]
    assert all(RFC822.fullmatch(date) for date in dates), dates
    assert email.utils.parsedate_to_datetime(dates[1]) == GARAGE.published


def test_w3c_guids_are_permalinks_and_authors_are_addresses():
    rss, _ = build_feed(SPEC, [GARAGE, MOBILITY])
    for item in etree.fromstring(rss).iter("item"):
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "true" and guid.text == item.findtext("link")
        for author in item.iter("author"):  # RSS 2.0: "email (name)"
            assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+ \(.+\)", author.text)
    other_guid = replace(GARAGE, guid="tag:news.example.org,2021:startup-garage")
    rss, _ = build_feed(SPEC, [other_guid])
    assert etree.fromstring(rss).find("channel/item/guid").get("isPermaLink") == "false"


def test_w3c_atom_rules_a_schema_cannot_state():
    _, atom = build_feed(SPEC, [GARAGE, MOBILITY, replace(ENGLISH, author_name=None)])
    root = etree.fromstring(atom)
    assert root.find(f"{ATOM}author") is not None  # covers entries without an author
    for entry in root.iter(f"{ATOM}entry"):
        links = [
            (link.get("rel", "alternate"), link.get("type"), link.get("hreflang"))
            for link in entry.iter(f"{ATOM}link")
        ]
        alternates = [link for link in links if link[0] == "alternate"]
        assert len(alternates) == len(set(alternates)) == 1
    # feedgen 1.0.0 drops rel/type/length from entry links; ours keep them.
    enclosure = root.find(f"{ATOM}entry/{ATOM}link[@rel='enclosure']")
    assert (enclosure.get("type"), enclosure.get("length")) == ("image/jpeg", "48213")


# --- characters XML cannot carry ------------------------------------------------


def test_control_characters_are_removed_everywhere_not_fatal():
    dirty = replace(
        GARAGE,
        title="Bilan\x0b annuel\x00 2021\ufffe",
        summary="Résumé\x08 du\x1f bilan\ud800.",
        content_parts=("<p>Para\x0cgraphe&#1; \x92guillemets\x93</p>",),
        author_name="Marc\x07 Belcourt",
        categories=(("bilan\x01", "Bilan\x02"),),
    )
    rss, atom = build_feed(SPEC, [dirty])
    for document in (rss, atom):
        entry = parse(document).entries[0]
        assert entry.title == "Bilan annuel 2021"
        assert entry.summary == "Résumé du bilan."
        assert entry.content[0].value == "<p>Paragraphe guillemets</p>"
        assert "Marc Belcourt" in entry.author
        assert [tag.label or tag.term for tag in entry.tags] == ["Bilan"]


def test_xml_safe_and_clean_line_keep_what_xml_and_french_typography_need():
    assert (
        xml_safe("a\tb\nc\rd\x00\x1b\x7f\x85\ud83d\ufffe\uffff\U0001f600") == "a\tb\nc\rd\U0001f600"
    )
    assert (
        clean_line("  Lancement\u202f: la\n\t nouvelle  gamme\u00a0! \u2028")
        == "Lancement\u202f: la nouvelle gamme\u00a0!"
    )


# All of Unicode, lone surrogates included (st.text() leaves them out), with
# extra weight on what word processors paste and what XML refuses or escapes.
ANY_TEXT = st.text(
    st.one_of(
        st.characters(exclude_categories=()),
        st.sampled_from(
            "\x00\x08\x0b\x0c\x1f\x7f\x85\x92\ud800\udfff\ufffe\uffff\xa0\u202f\u2028\r\n\t<&>]"
        ),
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=ANY_TEXT,
    body=ANY_TEXT,
    published=st.datetimes(
        min_value=datetime(1000, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.timezones()
    ),
)
def test_any_unicode_title_and_body_round_trip(title, body, published):
    item = replace(GARAGE, title=title, content_parts=(body,), published=published, updated=None)
    rss, atom = build_feed(SPEC, [item])
    assert RNG.validate(etree.fromstring(atom)), RNG.error_log
    expected_title = as_feedparser_reads(clean_line(title) or item.link)  # empty: the link
    atom_entry, rss_entry = parse(atom).entries[0], parse(rss).entries[0]
    assert atom_entry.title == expected_title
    # RSS 2.0 cannot say whether a title is text or escaped HTML; feedparser
    # guesses HTML (and sanitizes it) when it looks so. Atom says type="text".
    if not _FeedParserMixin.looks_like_html(expected_title):
        assert rss_entry.title == expected_title
    for entry in (atom_entry, rss_entry):
        assert parsed_seconds(entry.published_parsed) == utc_seconds(published)


def as_feedparser_reads(text: str) -> str:
    """Apply feedparser's repair of UTF-8 read as Latin-1 ("Ã©" becomes "é") on reading."""
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except UnicodeError:
        return text


def test_feedparser_repairs_what_looks_like_mojibake_on_its_side():
    rss, atom = build_feed(SPEC, [replace(GARAGE, title="CafÃ©")])
    assert b"<title>Caf\xc3\x83\xc2\xa9</title>" in atom  # written as given
    assert parse(atom).entries[0].title == parse(rss).entries[0].title == "Café"


# --- text helpers ------------------------------------------------------------------


def test_absolutize_html_resolves_against_the_release_page():
    base = f"{SITE}/fr/communiques/2021/05/x/"
    html = (
        '<p><a href="../y/">y</a> <a href="#n">n</a> <a href="tel:+15145550100">t</a>'
        '<img src="i.jpg" alt="" srcset="i.jpg 1x, /a,b.jpg 2x"><q cite="/c">c</q>'
        '<a href="//[::1">bad</a></p>'
    )
    assert absolutize_html(html, base) == (
        f'<p><a href="{SITE}/fr/communiques/2021/05/y/">y</a> <a href="{base}#n">n</a>'
        ' <a href="tel:+15145550100">t</a>'
        f'<img src="{base}i.jpg" alt="" srcset="{base}i.jpg 1x, {SITE}/a,b.jpg 2x">'
        f'<q cite="{SITE}/c">c</q><a>bad</a></p>'
    )


def test_absolutize_srcset_follows_the_html_parsing_rules():
    base = f"{SITE}/en/"
    # A URL may hold commas; only a comma after it, or ending it, separates.
    assert absolutize_srcset(" a.jpg, b,1.jpg 2x , ,c.jpg,, d.jpg\t300w", base) == (
        f"{SITE}/en/a.jpg, {SITE}/en/b,1.jpg 2x, {SITE}/en/c.jpg, {SITE}/en/d.jpg 300w"
    )


# --- OPML ------------------------------------------------------------------------------


def test_opml_groups_feeds_in_order_and_is_deterministic():
    feeds = [
        FeedRef(
            "PressClub — Français — Tous les communiqués",
            f"{SITE}/fr/fils/releases.xml",
            f"{SITE}/fr/fils/releases.atom",
            f"{SITE}/fr/",
            "fr",
        ),
        FeedRef(
            "PressClub — Français — Innovation\x0b",
            SPEC.rss_url,
            SPEC.atom_url,
            SPEC.home_url,
            "fr",
        ),
    ]
    groups = [OpmlGroup("Par langue", (feeds[0],)), OpmlGroup("Sujets\x0b", (feeds[1],))]
    document = build_opml("PressClub — fils en français", groups)
    assert document == build_opml("PressClub — fils en français", groups)
    root = etree.fromstring(document)
    assert (root.tag, root.get("version"), root.findtext("head/title")) == (
        "opml",
        "2.0",
        "PressClub — fils en français",
    )
    folders = root.findall("body/outline")
    assert [(f.get("text"), f.get("title")) for f in folders] == [
        ("Par langue", "Par langue"),
        ("Sujets", "Sujets"),
    ]
    outlines = [dict(outline.attrib) for outline in root.iterfind("body/outline/outline")]
    assert [o["xmlUrl"] for o in outlines] == [feeds[0].rss_url, SPEC.rss_url]
    assert outlines[1] == {
        "type": "rss",
        "text": "PressClub — Français — Innovation",
        "title": "PressClub — Français — Innovation",
        "xmlUrl": SPEC.rss_url,
        "htmlUrl": SPEC.home_url,
        "language": "fr",
        "version": "RSS2",
    }


def test_an_items_absolute_body_is_given_to_the_last_feed_that_shows_it():
    def feed(path, *items):
        return Feed(path, "fr", path, path, "", f"/{path}/", items)

    plan = [feed("fr/fils/releases", GARAGE, MOBILITY), feed("fr/fils/mots-cles/chine", GARAGE)]
    assert last_uses(plan, 1) == {"fr/fils/mots-cles/chine": [GARAGE]}  # MOBILITY: none
    assert last_uses(plan, 50) == {
        "fr/fils/releases": [MOBILITY],
        "fr/fils/mots-cles/chine": [GARAGE],
    }
    item = replace(GARAGE)
    first = item.absolute_content
    item.forget_content()
    assert "absolute_content" not in item.__dict__ and item.absolute_content == first
