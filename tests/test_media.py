"""press_media: media checks, cached derivatives, release page, press kits, embargo, Media RSS."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import feedparser
from conftest import BEFORE_EMBARGO, Build, build, copy_site, edit
from media_fixture import EMBARGO_EN, GARAGE_EN, add_front_matter, add_media, photo
from PIL import Image
from press_media.derive import derive, derive_all, forget, source_key, widths_for
from press_media.presskit import press_kit
from press_media.settings import media_settings


def test_file_problems_are_named_by_file_and_field(site: Path) -> None:
    add_media(site)
    content = site / "content"
    (content / "media/broken.jpg").write_text("not a picture", encoding="utf-8")
    (content / "media/tool.exe").write_bytes(b"MZ")
    (content / "media/huge.txt").write_bytes(b"0" * 25_000_001)
    photo(content / "media/located.jpg", (40, 30), (9, 9, 9), gps=True)
    add_front_matter(
        site,
        "content/releases/2020/2020-cloud-agreement.en.md",
        """
images:
- {src: media/nothere.jpg, alt: A, credit: B}
- {src: media/broken.jpg, alt: A, credit: B}
- {src: media/located.jpg, alt: A, credit: B}
attachments:
- {src: media/tool.exe, title: Tool}
- {src: media/huge.txt, title: Huge}
""",
    )
    result = build(site)
    path = "content/releases/2020/2020-cloud-agreement.en.md"
    assert result.returncode == 1
    assert result.problems() == [
        f'{path}: attachments[0].src: "media/tool.exe" is a .exe file; attachments may be'
        " pdf, docx, xlsx, pptx, zip, txt",
        f'{path}: attachments[1].src: "media/huge.txt" is 25.0 MB; the limit is 25.0 MB',
        f'{path}: images[0].src: "media/nothere.jpg" does not exist in content/',
        f'{path}: images[1].src: "media/broken.jpg" is not an image Pillow can read'
        " (JPEG, PNG, WebP, ...)",
        f'{path}: images[2].src: "media/located.jpg" holds a GPS position in its EXIF data;'
        " remove it, or add gps_ok: true to this image if the place may be published",
    ]
    assert not (site / "output").exists()


def test_gps_ok_lets_a_located_original_through(site: Path) -> None:
    photo(site / "content/media/located.jpg", (40, 30), (9, 9, 9), gps=True)
    add_front_matter(
        site,
        GARAGE_EN,
        """
images:
- {src: media/located.jpg, alt: A, credit: B, gps_ok: true}
""",
    )
    result = build(site)
    assert result.returncode == 0, result.stderr
    originals = list((site / "output/media").glob("*/located.jpg"))
    assert len(originals) == 1
    for derivative in (site / "output/media").glob("*/located-*"):
        with Image.open(derivative) as image:
            assert not image.getexif(), derivative


def test_missing_alt_and_credit_are_reported(site: Path) -> None:
    photo(site / "content/media/a.jpg", (40, 30), (9, 9, 9))
    add_front_matter(
        site,
        GARAGE_EN,
        """
images:
- {src: media/a.jpg, credit: B}
- {src: media/a.jpg, alt: A, gps_ok: maybe}
""",
    )
    result = build(site)
    assert result.problems() == [
        f"{GARAGE_EN}: images[0].alt: required field is missing",
        f"{GARAGE_EN}: images[1].credit: required field is missing",
        f'{GARAGE_EN}: images[1].gps_ok: expected true or false, found "maybe"',
    ]


def test_derivatives_are_made_once_and_carry_no_exif(tmp_path: Path) -> None:
    source = tmp_path / "big.jpg"
    photo(source, (2000, 1000), (200, 10, 10), gps=True)
    settings = media_settings({}, str(tmp_path / "cache"))
    first = derive(source, source.read_bytes(), settings)
    stamps = {p: p.stat().st_mtime_ns for p in first.folder.iterdir()}
    second = derive(source, source.read_bytes(), settings)
    assert (first.made, second.made) == (True, False)
    assert {p: p.stat().st_mtime_ns for p in first.folder.iterdir()} == stamps
    assert [(r.kind, r.width, r.height) for r in first.renditions] == [
        (kind, w, w // 2) for w in (480, 800, 1200, 1600) for kind in ("webp", "jpg")
    ] + [("og", 1200, 630)]
    for rendition in first.renditions:
        with Image.open(first.folder / rendition.name) as image:
            assert image.size == (rendition.width, rendition.height)
            assert not image.getexif()
    other = media_settings({"PRESS_MEDIA_QUALITY": 60}, str(tmp_path / "cache"))
    assert derive(source, source.read_bytes(), other).made


def test_derive_all_makes_only_what_the_cache_lacks(tmp_path: Path) -> None:
    sources = [tmp_path / f"{n}.jpg" for n in range(3)]
    for n, source in enumerate(sources):
        photo(source, (600, 400), (n * 80, 50, 90))  # distinct bytes: (0, ...) and (1, ...) are not
    settings = media_settings({}, str(tmp_path / "cache"))
    assert derive_all(sources[:2], settings, workers=2) == 2
    assert derive_all(sources + sources, settings, workers=2) == 1
    assert derive_all(sources, settings, workers=1) == 0


def test_forget_removes_only_what_withheld_releases_alone_list(tmp_path: Path) -> None:
    held, shared, public = (tmp_path / f"{name}.jpg" for name in ("held", "shared", "public"))
    for n, source in enumerate((held, shared, public)):
        photo(source, (300, 200), (n * 80, 90, 50))  # distinct bytes
    copy = tmp_path / "shared-copy.jpg"
    copy.write_bytes(shared.read_bytes())  # the same bytes under another name
    settings = media_settings({}, str(tmp_path / "cache"))
    folders = [derive(p, p.read_bytes(), settings).folder for p in (held, shared, public)]
    missing = tmp_path / "missing.jpg"
    keep = {source_key(p.read_bytes(), settings) for p in (copy, public)}
    assert forget([held, shared, missing], keep, settings) == 1
    assert [folder.is_dir() for folder in folders] == [False, True, True]
    assert forget([held], set(), settings) == 0


def test_files_with_the_same_bytes_are_derived_once(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jpg", tmp_path / "copy-of-a.jpg"
    photo(first, (600, 400), (10, 50, 90))
    second.write_bytes(first.read_bytes())
    settings = media_settings({}, str(tmp_path / "cache"))
    # Two workers on one cache entry used to race for its manifest: one job per key now.
    assert derive_all([first, second, first], settings, workers=2) == 1
    assert derive_all([second], settings, workers=2) == 0


def test_widths_stop_at_the_original() -> None:
    assert widths_for(1000, (480, 800, 1200, 1600)) == [480, 800, 1000]
    assert widths_for(3000, (480, 800, 1200, 1600)) == [480, 800, 1200, 1600]
    assert widths_for(300, (480, 800)) == [300]


def test_release_page_shows_sized_pictures_downloads_and_kit(media_site: Build) -> None:
    (index,) = media_site.output.glob("fr/communiques/2021/05/*base-d-innovation*/index.html")
    folder = index.parent
    page = media_site.page(folder.relative_to(media_site.output).as_posix() + "/")
    lead = page.select_one(".lead-image img")
    assert lead["fetchpriority"] == "high" and "loading" not in lead.attrs
    images = page.select(".gallery img")
    assert [img["loading"] for img in images] == ["lazy", "lazy"]
    for img in [lead, *images]:
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        for candidate in img["srcset"].split(", "):
            url, width = candidate.split(" ")
            target = folder / url
            with Image.open(target.resolve()) as image:
                assert f"{image.width}w" == width
    originals = [folder / a["href"] for a in page.select(".gallery a.download")[1::2]]
    assert [p.name for p in originals] == ["garage-hall.jpg", "garage-desk.jpg"]
    sizes = [round(path.resolve().stat().st_size / 1000) for path in originals]
    links = [a.get_text() for a in page.select(".gallery a.download")[1::2]]
    assert links == [
        f"Télécharger l’original (1\u00a0000 × 600 px, {sizes[0]} ko)",
        f"Télécharger l’original (400 × 300 px, {sizes[1]} ko)",
    ]
    assert page.select_one(".gallery__licence").get_text() == "Licence\u00a0: CC BY 4.0"
    assert page.select_one(".attachments .download__meta").get_text() == "(TXT, 1 ko)"
    assert page.select_one(".press-kit a").get_text() == "Télécharger le dossier de presse"


def kit_of(build_result: Build, lang: str) -> bytes:
    """Return the garage pair's press kit in a language."""
    (path,) = build_result.output.rglob(f"2021-garage-base-{lang}-press-kit.zip")
    return path.read_bytes()


def test_press_kit_lists_release_photos_attachments_contacts(media_site: Build) -> None:
    archive = zipfile.ZipFile(io.BytesIO(kit_of(media_site, "en")))
    assert archive.namelist() == [
        "release.md", "release.txt", "CREDITS.txt", "release.pdf", "photos/base.jpg",
        "photos/garage-hall.jpg", "photos/garage-desk.jpg", "attachments/garage-facts.txt",
        "contacts/marc-belcourt.vcf",
    ]  # fmt: skip
    # Dated at the last update (10:00 in Munich), in the newsroom's zone (Toronto).
    assert {info.date_time for info in archive.infolist()} == {(2021, 5, 22, 4, 0, 0)}
    assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}
    credits = archive.read("CREDITS.txt").decode()
    assert (
        "garage-hall.jpg\nCredit: Fixture studio\nLicence: CC BY 4.0\nCaption: The hall." in credits
    )
    assert "\n# Startup Garage opens an innovation base in Shanghai\n" in archive.read(
        "release.md"
    ).decode("utf-8")


def test_press_kits_are_byte_identical_across_builds(media_site: Build, tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    add_media(site)
    again = build(site)
    assert again.returncode == 0, again.stderr
    for lang in ("en", "fr"):
        assert kit_of(again, lang) == kit_of(media_site, lang)
    assert press_kit([("a.txt", b"x")]) == press_kit([("a.txt", b"x")])


def test_withheld_media_never_reach_the_output(site: Path) -> None:
    add_media(site)
    secrets = {path.read_bytes() for path in (site / "content").rglob("xylophrastic-*")}
    result = build(site, now=BEFORE_EMBARGO)
    assert result.returncode == 0, result.stderr
    everything = sorted(result.output.rglob("*"))
    assert not [p for p in everything if "xylophrastic" in p.name or "zanzibarquill" in p.name]
    # Shared with the published garage pair: published through it, once per language
    # version (each copy carries its own release's credits and address).
    assert len(list(result.output.glob("media/*/garage-hall.jpg"))) == 2
    assert not [p for p in everything if p.is_file() and p.read_bytes() in secrets]
    assert not [p for p in everything if "embargoed-launch" in p.name]
    assert not [p for p in everything if p.is_file() and b"xylophrastic" in p.read_bytes()]
    after = build(site)
    assert after.returncode == 0, after.stderr
    assert len(list(after.output.rglob("media/*/xylophrastic-secret.jpg"))) == 2  # en, fr
    # Once due, a listed photo is published with its credits inside (media/), en and fr.
    assert len(list(after.output.rglob("media/*/xylophrastic-static.jpg"))) == 2
    assert list(after.output.rglob("2021-embargoed-launch-en-press-kit.zip"))


def test_media_rss_lists_every_photo_with_real_lengths(media_site: Build) -> None:
    feed = feedparser.parse((media_site.output / "en/feeds/releases.xml").read_bytes())
    (entry,) = [e for e in feed.entries if "innovation-base" in e.link]
    urls = [content["url"] for content in entry.media_content]
    assert [url.rsplit("/", 1)[-1] for url in urls] == [
        "base.jpg",
        "garage-hall.jpg",
        "garage-desk.jpg",
    ]
    for content in entry.media_content:
        local = media_site.output / content["url"].split("localhost:8000/", 1)[1]
        assert int(content["filesize"]) == local.stat().st_size
    assert [t["url"].rsplit("/", 1)[-1] for t in entry.media_thumbnail] == [
        "base-64w.jpg", "garage-hall-480w.jpg", "garage-desk-400w.jpg",
    ]  # fmt: skip
    assert entry.media_credit[1]["content"] == "Fixture studio"
    (enclosure,) = entry.enclosures
    local = media_site.output / enclosure["href"].split("localhost:8000/", 1)[1]
    assert int(enclosure["length"]) == local.stat().st_size


def test_embargoed_release_text_is_not_in_kits_before_it_is_due(site: Path) -> None:
    add_media(site)
    edit(site, EMBARGO_EN, "title: Embargoed launch", "title: Embargoed launch")
    result = build(site, now=BEFORE_EMBARGO)
    for kit in result.output.rglob("*.zip"):
        archive = zipfile.ZipFile(kit)
        for name in archive.namelist():
            assert b"xylophrastic" not in archive.read(name), (kit, name)


def test_open_graph_image_is_a_1200_by_630_crop(media_site: Build) -> None:
    (index,) = media_site.output.glob("en/releases/2021/05/*innovation-base*/index.html")
    page = media_site.page(index.parent.relative_to(media_site.output).as_posix() + "/")
    url = page.find("meta", property="og:image")["content"]
    with Image.open(media_site.output / url.split("localhost:8000/", 1)[1]) as image:
        assert image.size == (1200, 630)


def test_media_library_lists_photos_newest_first_with_their_releases(media_site: Build) -> None:
    page = media_site.page("en/media/")
    links = [a["href"].split("/")[-2] for a in page.select(".library-group h2 a")]
    assert links == [
        "embargoed-launch-of-the-quillotron", "startup-garage-opens-an-innovation-base-in-shanghai"
    ]  # fmt: skip
    counts = [len(group.select(".gallery__item")) for group in page.select(".library-group")]
    assert counts == [3, 3]
    names = [a["href"].rsplit("/", 1)[-1] for a in page.select(".gallery__item a.download")][1::2]
    assert names == [
        "xylophrastic-secret.jpg", "garage-hall.jpg", "xylophrastic-static.jpg", "base.jpg",
        "garage-hall.jpg", "garage-desk.jpg",
    ]  # fmt: skip
    french = media_site.page("fr/medias/sujets/innovation/")
    assert french.h1.get_text() == "Photos\u00a0: Innovation"
    assert len(french.select(".gallery__item")) == 6
    assert [a.get_text() for a in page.select('nav[aria-labelledby="filter-topics"] a')] == [
        "Digital",
        "Innovation",
    ]


def test_media_library_is_paginated_and_skips_releases_without_photos() -> None:
    from types import SimpleNamespace

    from press_media.library import library_pages
    from press_media.view import MediaView

    settings = SimpleNamespace(
        langs=("en",), sections={"en": {"topics": "topics"}}, section=lambda lang, name: name,
        topic_label=lambda topic, lang: topic.title(),
    )  # fmt: skip
    pictures = [SimpleNamespace(original=f"m/{n}.jpg") for n in range(5)]

    def release(n: int, photos: list) -> SimpleNamespace:
        meta = SimpleNamespace(title=f"R{n}", topics=["tech"] if n else [])
        view = MediaView(None, tuple(photos), (), None)
        filed = SimpleNamespace(year_text="2021")
        return SimpleNamespace(
            press=SimpleNamespace(meta=meta, filed=filed), url=f"r{n}/",
            view=SimpleNamespace(media=view, date=None),
        )  # fmt: skip

    articles = [release(0, pictures[:3]), release(1, []), release(2, pictures[3:])]
    site = SimpleNamespace(settings=settings, in_lang=lambda lang: articles)
    pages = library_pages(site, 2)
    assert [p.save_as for p in pages] == [
        "en/media/index.html", "en/media/page/2/index.html", "en/media/page/3/index.html",
        "en/media/topics/tech/index.html", "en/media/2021/index.html",
        "en/media/2021/page/2/index.html", "en/media/2021/page/3/index.html",
    ]  # fmt: skip
    items = [
        item.release_url for p in pages[:3] for item in p.values["library"]["pagination"].items
    ]
    assert items == ["r0/", "r0/", "r0/", "r2/", "r2/"]


def test_dev_check_reports_media_problems_without_building(site: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    add_front_matter(
        site,
        GARAGE_EN,
        """
attachments:
- {src: media/missing.pdf, title: Missing}
""",
    )
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "check"]
    result = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f'{GARAGE_EN}: attachments[0].src: "media/missing.pdf" does not exist in content/'
    )
    assert not (site / "output").exists()


def test_bench_measures_media_cold_and_warm(tmp_path: Path) -> None:
    from bench.corpus import build_corpus
    from bench.layouts import ours
    from bench.media import measure_media, media_report
    from bench.tools import OUR_SETTINGS

    corpus = build_corpus(3, 2021)
    source = ours.write(tmp_path / "src", corpus)
    runs = measure_media(tmp_path, source, corpus, OUR_SETTINGS)
    assert [run.name for run in runs] == ["no media, cold", "media, cold", "media, warm"]
    assert all(run.sample.ok for run in runs), [run.sample.log for run in runs]
    # Each of 3 photos in 2 languages (each version carries its own credits): 4 derivative
    # widths x 2 formats + an OG crop + the original; a TXT each.
    media = [p for p in (tmp_path / "media-out/media").rglob("*") if p.is_file()]
    assert len(media) == 3 * 2 * (8 + 1 + 1) + 3
    assert runs[1].files > runs[0].files + len(media)  # and the media library pages
    assert runs[2].files == runs[1].files
    assert "| media, warm |" in media_report(runs, 3)
    cache = tmp_path / "media-cache/with/press-media"
    assert len(list(cache.glob("*/*/renditions.json"))) == 3


def test_markup_in_photo_and_attachment_texts_is_reported(site: Path) -> None:
    photo(site / "content/media/a.jpg", (40, 30), (9, 9, 9))
    (site / "content/media/facts.txt").write_text("facts", encoding="utf-8")
    add_front_matter(
        site,
        GARAGE_EN,
        """
images:
- {src: media/a.jpg, alt: "<b>A</b>", credit: "<i>B</i>", caption: "C<br>", licence: "<a href=x>CC</a>"}
attachments:
- {src: media/facts.txt, title: "<script>x</script>", description: "3 < 5 <!-- hidden -->"}
""",
    )
    result = build(site)
    tag = "contains HTML markup ({}); write plain text"
    assert result.returncode == 1
    assert result.problems() == [
        f"{GARAGE_EN}: attachments[0].description: " + tag.format("<!-- -->"),
        f"{GARAGE_EN}: attachments[0].title: " + tag.format("<script>"),
        f"{GARAGE_EN}: images[0].alt: " + tag.format("<b>"),
        f"{GARAGE_EN}: images[0].caption: " + tag.format("<br>"),
        f"{GARAGE_EN}: images[0].credit: " + tag.format("<i>"),
        f"{GARAGE_EN}: images[0].licence: " + tag.format("<a ...>"),
    ]
    assert not (site / "output").exists()


def test_withheld_media_spelled_oddly_are_still_withheld(site: Path) -> None:
    content = site / "content"
    photo(content / "images/2021/xylophrastic-odd.jpg", (30, 20), (7, 8, 9))
    secret = (content / "images/2021/xylophrastic-odd.jpg").read_bytes()
    add_front_matter(
        site,
        EMBARGO_EN,
        """
images:
- {src: images/./2021/xylophrastic-odd.jpg, alt: "Odd", credit: "Fixture studio"}
""",
    )
    result = build(site, now=BEFORE_EMBARGO)
    assert result.returncode == 0, result.stderr
    files = [p for p in result.output.rglob("*") if p.is_file()]
    assert files
    assert not [p for p in files if p.read_bytes() == secret]


def test_menu_links_to_the_media_library_of_each_language(media_site: Build) -> None:
    home = (media_site.output / "fr/index.html").read_text(encoding="utf-8")
    assert '/fr/medias/">Médiathèque</a>' in home
    library = (media_site.output / "en/media/index.html").read_text(encoding="utf-8")
    assert '/en/media/" aria-current="page">Media library</a>' in library
