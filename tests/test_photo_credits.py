"""Photos journalists take away: credits inside every file (read back with exiftool, not with
the code that wrote them), pixels untouched, web and print downloads, the media library."""

from __future__ import annotations

import io
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from conftest import Build, build, copy_site, snapshot
from media_fixture import add_front_matter, add_media, photo
from PIL import Image
from press_media.view import high_resolution

DEV_URL = "http://localhost:8000"
CLOUD_EN = "content/releases/2020/2020-cloud-agreement.en.md"
CLOUD_URL = f"{DEV_URL}/en/releases/2020/10/memorandum-signed-on-digital-cooperation/"
CLOUD_MEDIA = """
images:
- {src: media/big.jpg, alt: "A wide hall", credit: "Studio Nord", caption: "The signing hall."}
- {src: media/wide.png, alt: "A chart", credit: "Studio Nord & Co", caption: 'Sales & "services" → 2021', licence: "CC BY 4.0"}
- {src: media/square.webp, alt: "A badge", credit: "Studio Nord"}
- {src: media/clear.webp, alt: "A logo", credit: "Studio Nord"}
"""
# Tag names (after the group) that say where: GPS*, *Location*, City, Country*, State.
PLACE_TAGS = re.compile(r":(GPS\w*|\w*Location\w*|City|Country\w*|Province-State|State)$")
IMAGE_SUFFIXES = {".jpg", ".png", ".webp"}


def add_photos(site: Path) -> None:
    """Give the 2020 statement a high-resolution JPEG (own EXIF and XMP), a PNG and two WebPs."""
    media = site / "content/media"
    media.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x013B] = "Staff photographer"  # Artist: the staff's EXIF stays
    stale = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    Image.new("RGB", (2400, 1350), (30, 90, 150)).save(
        media / "big.jpg", "JPEG", quality=90, exif=exif, xmp=stale
    )
    Image.new("RGBA", (900, 500), (200, 40, 40, 128)).save(media / "wide.png")
    Image.new("RGB", (600, 600), (40, 160, 40)).save(media / "square.webp", "WEBP")
    Image.new("RGBA", (300, 200), (9, 9, 200, 100)).save(
        media / "clear.webp", "WEBP", lossless=True
    )
    add_front_matter(site, CLOUD_EN, CLOUD_MEDIA)


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with galleries in three formats, built after every embargo."""
    site = copy_site(tmp_path_factory.mktemp("photos"))
    add_media(site)
    add_photos(site)
    result = build(site)
    assert result.returncode == 0, result.stderr
    return result


def exiftool(*paths: Path) -> list[dict]:
    """Read files' metadata with exiftool, tags named by group (XMP-dc:Rights, IPTC:Credit)."""
    out = subprocess.run(
        ["exiftool", "-j", "-G1", "-a", *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def published(result: Build, name: str) -> list[Path]:
    """Return every published copy of a source file (originals, not derivatives)."""
    return sorted(result.output.glob(f"media/*/{name}"))


def test_every_published_photo_carries_credits_and_no_place(photo_site: Build) -> None:
    files = [p for p in photo_site.output.glob("media/*/*") if p.suffix in IMAGE_SUFFIXES]
    assert len(files) > 40
    for tags in exiftool(*files):
        name = tags["SourceFile"]
        assert tags.get("XMP-photoshop:Credit"), name
        assert tags.get("XMP-dc:Description"), name
        assert tags["XMP-dc:Rights"].startswith("© 20"), name
        assert tags.get("XMP-xmpRights:UsageTerms"), name
        page = tags["XMP-xmpRights:WebStatement"]
        assert tags["XMP-dc:Source"] == page
        assert (photo_site.output / page.removeprefix(DEV_URL + "/") / "index.html").is_file()
        if name.endswith(".jpg"):
            assert tags["IPTC:Credit"] == tags["XMP-photoshop:Credit"], name
            assert tags["IPTC:Caption-Abstract"] == tags["XMP-dc:Description"], name
            assert tags["IPTC:CopyrightNotice"] == tags["XMP-dc:Rights"], name
        assert not [key for key in tags if PLACE_TAGS.search(key)], name


def test_the_place_check_sees_what_exiftool_reports_of_a_located_photo(tmp_path: Path) -> None:
    photo(tmp_path / "located.jpg", (40, 30), (9, 9, 9), gps=True)
    tags = exiftool(tmp_path / "located.jpg")[0]
    assert {"GPS:GPSLatitude", "GPS:GPSLongitude"} <= {k for k in tags if PLACE_TAGS.search(k)}


def test_a_photo_says_its_caption_credit_copyright_licence_and_release(photo_site: Build) -> None:
    (big,) = published(photo_site, "big.jpg")
    tags = exiftool(big)[0]
    expected = {
        "XMP-dc:Description": "The signing hall.",
        "XMP-photoshop:Credit": "Studio Nord",
        "XMP-dc:Rights": "© 2020 Studio Nord",
        "XMP-xmpRights:UsageTerms": "Free for editorial use with the credit shown",
        "XMP-xmpRights:WebStatement": CLOUD_URL,
        "IPTC:Caption-Abstract": "The signing hall.",
        "IPTC:Credit": "Studio Nord",
        "IPTC:CopyrightNotice": "© 2020 Studio Nord",
        "IPTC:SpecialInstructions": "Free for editorial use with the credit shown",
        "IPTC:Headline": "Memorandum signed on digital cooperation",
        "IFD0:Artist": "Staff photographer",
    }
    assert {key: tags.get(key) for key in expected} == expected
    # The staff's own XMP packet is replaced, not kept beside the build's.
    signature = b"http://ns.adobe.com/xap/1.0/\x00"
    source = photo_site.site / "content/media/big.jpg"
    assert source.read_bytes().count(signature) == big.read_bytes().count(signature) == 1
    (png,) = published(photo_site, "wide.png")
    tags = exiftool(png)[0]
    assert tags["XMP-xmpRights:UsageTerms"] == "CC BY 4.0"
    assert tags["XMP-dc:Description"] == 'Sales & "services" → 2021'
    assert tags["XMP-dc:Rights"] == "© 2020 Studio Nord & Co"


def test_each_language_version_carries_its_own_words(photo_site: Build) -> None:
    # The lead image without a caption: its alt text is its caption.
    by_url = {t["XMP-dc:Source"]: t for t in exiftool(*published(photo_site, "base.jpg"))}
    french = next(t for url, t in by_url.items() if "/fr/" in url)
    english = next(t for url, t in by_url.items() if "/en/" in url)
    assert french["XMP-dc:Description-fr"] == "L'entrée de la base d'innovation"
    assert french["IPTC:Credit"] == "Photo de test"
    assert english["XMP-dc:Description"] == "The entrance of the innovation base"
    desks = exiftool(*published(photo_site, "garage-desk.jpg"))
    assert sorted(t["XMP-xmpRights:UsageTerms"] for t in desks) == [
        "Free for editorial use with the credit shown",
        "Libre pour un usage rédactionnel, avec la mention indiquée",
    ]


def jpeg_scan(data: bytes) -> bytes:
    """Return a JPEG from its first quantization table on: everything but its headers."""
    return data[data.index(b"\xff\xdb") :]


def chunks(data: bytes, start: int, header: str) -> dict[bytes, list[bytes]]:
    """Split a PNG (start 8, ">I4s") or WebP (start 12, "<4sI") file into chunk payloads."""
    found: dict[bytes, list[bytes]] = {}
    at = start
    while at + 8 <= len(data):
        first, second = struct.unpack(header, data[at : at + 8])
        kind, size = (second, first) if header.startswith(">") else (first, second)
        found.setdefault(kind, []).append(data[at + 8 : at + 8 + size])
        at += (
            8
            + size
            + (0 if header.startswith(">") else size % 2)
            + (4 if header.startswith(">") else 0)
        )
    return found


def test_originals_keep_their_pixels_byte_for_byte(photo_site: Build) -> None:
    content = photo_site.site / "content/media"
    source, (out,) = (content / "big.jpg").read_bytes(), published(photo_site, "big.jpg")
    assert jpeg_scan(out.read_bytes()) == jpeg_scan(source)
    source, (out,) = (content / "wide.png").read_bytes(), published(photo_site, "wide.png")
    assert chunks(out.read_bytes(), 8, ">I4s")[b"IDAT"] == chunks(source, 8, ">I4s")[b"IDAT"]
    for name, bitstream in (("square.webp", b"VP8 "), ("clear.webp", b"VP8L")):
        source, (out,) = (content / name).read_bytes(), published(photo_site, name)
        assert (
            chunks(out.read_bytes(), 12, "<4sI")[bitstream] == chunks(source, 12, "<4sI")[bitstream]
        )
        with Image.open(out) as after, Image.open(io.BytesIO(source)) as before:
            assert after.mode == before.mode and after.tobytes() == before.tobytes()
            assert after.info.get("xmp")  # Pillow finds the packet too


def test_published_photos_are_the_same_bytes_on_every_build(
    photo_site: Build, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(photo_site.site, site, ignore=shutil.ignore_patterns("output"))
    again = build(site, output="again")
    assert again.returncode == 0, again.stderr
    first = {k: v for k, v in snapshot(photo_site.output).items() if k.startswith("media/")}
    second = {k: v for k, v in snapshot(again.output).items() if k.startswith("media/")}
    assert first == second and len(first) > 40


def kilobytes(path: Path) -> int:
    """Return a file's size as the pages round it."""
    return round(path.stat().st_size / 1000)


def test_downloads_offer_web_and_print_with_true_sizes(photo_site: Build) -> None:
    page = photo_site.page("en/releases/2020/10/memorandum-signed-on-digital-cooperation/")
    links = page.select(".gallery__item")[0].select(".downloads a")
    web, original = (photo_site.output / a["href"].removeprefix("../../../../../") for a in links)
    assert web.name == "big-1600w.jpg" and original.name == "big.jpg"
    with Image.open(web) as image:
        assert image.size == (1600, 900)
    assert [a.get_text() for a in links] == [
        f"Download web size (1,600 × 900 px, {kilobytes(web)} kB)",
        f"Download for print, high resolution (2,400 × 1,350 px, {kilobytes(original)} kB)",
    ]
    small = page.select(".gallery__item")[1].select(".downloads a")[1]
    assert small.get_text().startswith("Download the original (900 × 500 px, ")
    french = photo_site.page("fr/medias/")
    texts = [a.get_text() for a in french.select(".downloads a")]
    assert any(t.startswith("Télécharger en taille web (1\u00a0000 × 600 px, ") for t in texts)
    assert not any("haute résolution" in t for t in texts)  # no French photo is one


def test_high_resolution_starts_at_2000_pixels_or_3_megapixels() -> None:
    assert high_resolution(2000, 100) and high_resolution(100, 2000)
    assert high_resolution(1800, 1700)  # 3.06 megapixels
    assert not high_resolution(1999, 1500)  # 2.99 megapixels
    assert not high_resolution(1600, 900)


def test_media_library_groups_photos_by_release_with_captions(photo_site: Build) -> None:
    page = photo_site.page("en/media/")
    groups = page.select(".library-group")
    titles = [group.h2.get_text() for group in groups]
    assert titles[-1] == "Memorandum signed on digital cooperation"
    assert len(titles) == len(set(titles))
    assert groups[-1].time["datetime"].startswith("2020-10-1")
    for figure in page.select(".library-group figure"):
        assert figure.select_one(".gallery__caption").get_text().strip()
        assert figure.select_one(".gallery__credit").get_text().startswith("Photo: ")
        assert figure.select_one(".gallery__licence").get_text().startswith("Licence: ")
        assert len(figure.select(".downloads a[download]")) == 2
    garage = next(g for g in groups if "Shanghai" in g.h2.get_text())
    captions = [c.get_text() for c in garage.select(".gallery__caption")]
    assert captions[:2] == ["The entrance of the innovation base", "The hall."]


def test_media_library_has_a_page_per_year_and_language(photo_site: Build) -> None:
    page = photo_site.page("en/media/")
    years = [a.get_text() for a in page.select('nav[aria-labelledby="filter-years"] a')]
    assert years == ["2021", "2020"]
    year = photo_site.page("en/media/2020/")
    assert year.h1.get_text() == "Photos of 2020"
    assert [g.h2.get_text() for g in year.select(".library-group")] == [
        "Memorandum signed on digital cooperation"
    ]
    current = year.select_one('nav[aria-labelledby="filter-years"] a[aria-current="page"]')
    assert current.get_text() == "2020"
    french = photo_site.page("fr/medias/2021/")
    assert french.h1.get_text() == "Photos de 2021"
    assert not (photo_site.output / "fr/medias/2020").exists()  # no French 2020 photos


def test_a_listed_photo_is_published_only_with_its_credits_inside(photo_site: Build) -> None:
    # The lead image of the fixture's garage release: only its media/ copies, which carry
    # credits, are published; the plain file under images/ would be the staff's bytes.
    assert not (photo_site.output / "images/2021/base.jpg").exists()
    copies = published(photo_site, "base.jpg")
    assert copies
    assert all(tags.get("XMP-photoshop:Credit") for tags in exiftool(*copies))
    published_images = [p for p in photo_site.output.rglob("*") if p.suffix in IMAGE_SUFFIXES]
    plain = [p for p in published_images if "media" not in p.relative_to(photo_site.output).parts]
    assert plain == []  # no body links a photo of this site, and its contacts have none


def test_a_photo_a_body_links_is_still_published_as_the_body_needs_it(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    release = site / "content/releases/2021/2021-garage-base.en.md"
    text = release.read_text(encoding="utf-8")
    release.write_text(text + "\n![The base]({static}/images/2021/base.jpg)\n", encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert (result.output / "images/2021/base.jpg").is_file()
    assert published(result, "base.jpg")
