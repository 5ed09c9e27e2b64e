"""The press kit and release PDF as a journalist takes them away, read with outside tools.

pdftotext, pdffonts and pdfinfo (Debian's poppler-utils) read the PDFs; zipfile the kits;
icalendar the calendar files.
"""

from __future__ import annotations

import socket
import subprocess
import zipfile
from pathlib import Path

import icalendar
import pytest
from conftest import AFTER_EMBARGO, BEFORE_EMBARGO, Build, build, copy_site
from press_media import layout, pdf
from press_media.kits import kit_key, made_entry, text_entry
from press_media.layout import OnlyListedFiles, RefusedFetchError
from press_media.pdf import PdfJob, render
from press_media.release_text import plain_text

ALIBABA_EN = "en/releases/2021/05/startup-garage-china-alibaba-cloud/"
INVITATION_FR = "fr/communiques/2019/06/invitation-dejeuner-causerie-echanges-montreal/"
ADDRESS = "http://localhost:8000/"


def poppler(tool: str, path: Path, *options: str) -> str:
    """Run one of poppler-utils' readers on a PDF and return what it prints."""
    command = [tool, *options, str(path), *(["-"] if tool == "pdftotext" else [])]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def kit(result: Build, page: str, name: str) -> zipfile.ZipFile:
    """Open the press kit of a release page."""
    return zipfile.ZipFile(result.output / page / f"{name}-press-kit.zip")


def test_release_txt_holds_every_fact_with_link_addresses(sample: Build) -> None:
    text = kit(sample, ALIBABA_EN, "2021-startup-garage-alibaba-en").read("release.txt").decode()
    lines = text.splitlines()
    assert lines[0] == "Press release · May 21, 2021, 3:00\u202fa.m.\u00a0EDT"
    assert lines[1] == "Updated: May 22, 2021, 4:00\u202fa.m.\u00a0EDT"
    assert "BMW Startup Garage and Alibaba Cloud launch a Joint Innovation Base" in lines[3]
    assert "+++ The BMW Group widens its open innovation ecosystem in China" in lines
    assert "\nShanghai/Munich. A new home for Chinese technology startups" in text
    assert "The BMW Startup Garage (https://www.bmwstartupgarage.com) looks for" in text
    assert "\nPress contact\n\nMarc Belcourt\nCorporate Communications, BMW Group Canada\n" in text
    assert "\nEmail: marc.belcourt@bmwgroup.ca\n" in text
    assert "\nAbout the company\n\nBMW Group Canada, headquartered in Richmond Hill" in text
    assert lines[-1] == f"Online: {ADDRESS}{ALIBABA_EN}"


def test_release_md_keeps_the_dateline_and_frames_the_body(sample: Build) -> None:
    md = kit(sample, INVITATION_FR, "2019-invitation-echanges-montreal-fr").read("release.md")
    text = md.decode()
    assert text.startswith("Invitation · 10 juin 2019, 10\u00a0h\u00a000\u00a0HAE\n\n# Invitation")
    assert "- **Inscription obligatoire d’ici le vendredi 14 juin**" in text
    assert "\n**Montréal.** Les Échanges de BMW Group" in text
    assert "[elise.gagnon@bmwgroup.ca](mailto:elise.gagnon@bmwgroup.ca)" in text
    assert "## Contact de presse\n\nÉlise Gagnon  \n" in text
    assert "Courriel\u00a0: elise.gagnon@bmwgroup.ca" in text
    assert "## À propos de l’entreprise\n\nÉtablie à Richmond Hill" in text
    assert text.endswith(f"En ligne\u00a0: {ADDRESS}{INVITATION_FR}\n")


def test_plain_text_gives_every_link_its_absolute_address() -> None:
    html = (
        '<p>See <a href="https://example.com/a">the site</a>, <a href="/fr/x/">ours</a>,'
        ' <a href="mailto:a@b.ca">a@b.ca</a> and <a href="https://e.org/">https://e.org/</a>'
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>'
        '<ul><li>one</li><li>two</li></ul><div class="footnote"><ol><li id="fn:1">'
        '<p>Note.&#160;<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li></ol></div>'
    )
    assert (
        plain_text(html, "https://news.example/en/r/")
        == (
            "See the site (https://example.com/a), ours (https://news.example/fr/x/),"
            " a@b.ca and https://e.org/1.\n\n- one\n- two\n\n- Note.\u00a0"
        ).strip()
    )


def test_pdf_has_text_links_contacts_photo_and_embedded_fonts(sample: Build) -> None:
    path = sample.output / ALIBABA_EN / "2021-startup-garage-alibaba-en.pdf"
    text = poppler("pdftotext", path)
    assert "BMW Startup Garage and Alibaba Cloud" in text
    assert "Shanghai/Munich. A new home" in text
    assert "<https://www.bmwstartupgarage.com>" in text
    assert "Marc Belcourt" in text and "marc.belcourt@bmwgroup.ca" in text
    assert f"{ADDRESS}{ALIBABA_EN}" in text.replace("\n", "")
    fonts = poppler("pdffonts", path).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the emb column
    assert all("DejaVu" in line for line in fonts)
    images = poppler("pdfimages", path, "-list").splitlines()[2:]
    assert [line.split()[3:5] for line in images] == [["1200", "675"]]  # the lead photo
    info = poppler("pdfinfo", path, "-isodates")
    assert "\nModDate:         2021-05-22T10:00:00+02\n" in info  # the last update, fixed
    assert "\nCreationDate:    2021-05-21T09:00:00+02\n" in info


def test_pdf_is_offered_on_its_own_and_inside_the_kit(sample: Build) -> None:
    page = sample.page(ALIBABA_EN)
    link = page.select_one(".press-kit__pdf a")
    assert link.get_text() == "Download the release as a PDF"
    assert link["href"].endswith(f"/{ALIBABA_EN}2021-startup-garage-alibaba-en.pdf")
    alone = (sample.output / ALIBABA_EN / "2021-startup-garage-alibaba-en.pdf").read_bytes()
    assert kit(sample, ALIBABA_EN, "2021-startup-garage-alibaba-en").read("release.pdf") == alone
    assert alone.startswith(b"%PDF-")


def test_kit_entries_are_dated_at_the_last_update(sample: Build) -> None:
    archive = kit(sample, ALIBABA_EN, "2021-startup-garage-alibaba-en")
    # updated: 2021-05-22T10:00:00+02:00, 4:00 in the newsroom's zone (Toronto)
    assert {info.date_time for info in archive.infolist()} == {(2021, 5, 22, 4, 0, 0)}
    photos = [name for name in archive.namelist() if name.startswith("photos/")]
    credits = archive.read("CREDITS.txt").decode()
    assert photos and all(name.removeprefix("photos/") in credits for name in photos)
    # As each photo file carries them: the licence is the default one when none is stated.
    assert credits.count("Credit: ") == credits.count("Licence: ") == len(photos)


def test_invitation_kit_holds_its_calendar_with_organizer_and_vcard(sample: Build) -> None:
    archive = kit(sample, INVITATION_FR, "2019-invitation-echanges-montreal-fr")
    names, ics = archive.namelist(), "invitation-dejeuner-causerie-echanges-montreal.ics"
    assert ics in names and "contacts/elise-gagnon.vcf" in names and "release.pdf" in names
    calendar = icalendar.Calendar.from_ical(archive.read(ics))
    (event,) = calendar.walk("VEVENT")
    assert str(event["organizer"]) == "mailto:elise.gagnon@bmwgroup.ca"
    assert event["organizer"].params["CN"] == "Élise Gagnon"
    assert str(event["url"]) == f"{ADDRESS}{INVITATION_FR}"
    assert event["summary"].params["LANGUAGE"] == "fr-CA"
    assert str(event["summary"]).startswith("Invitation aux médias")
    assert str(event["description"]).endswith(f"\n\n{ADDRESS}{INVITATION_FR}")
    assert archive.read(ics) == (sample.output / INVITATION_FR / ics).read_bytes()


def test_pdfs_and_kits_are_byte_identical_across_cold_builds(tmp_path: Path) -> None:
    made = []
    for run in ("one", "two"):
        site = copy_site(tmp_path / run)
        result = build(site, settings={"CACHE_PATH": str(tmp_path / run / "cache")})
        assert result.returncode == 0, result.stderr
        made.append({
            p.relative_to(result.output).as_posix(): p.read_bytes()
            for p in result.output.rglob("*") if p.suffix in (".pdf", ".zip")
        })  # fmt: skip
    assert any(name.endswith("-en.pdf") for name in made[0])
    assert made[0] == made[1]


def test_a_warm_build_takes_pdfs_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, cache = copy_site(tmp_path), str(tmp_path / "cache")
    first = build(site, settings={"CACHE_PATH": cache, "PRESS_WORKERS": 1})
    assert first.returncode == 0, first.stderr
    cached = sorted((tmp_path / "cache" / "press-media" / "pdf").glob("*/*.pdf"))
    assert cached

    def refuse(job: PdfJob) -> bytes:
        raise AssertionError("a PDF was laid out again")

    monkeypatch.setattr(pdf, "render", refuse)
    (site / "output").rename(tmp_path / "first")  # a cold output, a warm cache
    again = build(site, settings={"CACHE_PATH": cache, "PRESS_WORKERS": 1})
    assert again.returncode == 0, again.stderr
    assert sorted((tmp_path / "cache" / "press-media" / "pdf").glob("*/*.pdf")) == cached


def test_the_pdf_setting_turns_pdfs_off(site: Path) -> None:
    result = build(site, settings={"PRESS_MEDIA_PDF": False})
    assert result.returncode == 0, result.stderr
    assert not [p for p in result.output.rglob("*.pdf") if "/media/" not in p.as_posix()]
    (kit_path,) = result.output.rglob("2021-garage-base-en-press-kit.zip")
    assert "release.pdf" not in zipfile.ZipFile(kit_path).namelist()
    assert not result.page(kit_path.parent.relative_to(result.output).as_posix() + "/").select(
        ".press-kit__pdf"
    )
    bad = build(site, settings={"PRESS_MEDIA_PDF": "no"})
    assert bad.problems() == ["PRESS_MEDIA_PDF: 'no' is not True or False; write True or False"]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/tracker.png",
        "http://127.0.0.1:8000/x.css",
        "file:///etc/passwd",
        "file:///tmp/listed.jpg/../../etc/passwd",
        "ftp://example.com/a.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///tmp/listed.jpg?x=1",
    ],
)
def test_the_pdf_fetcher_serves_only_listed_files(url: str) -> None:
    fetcher = OnlyListedFiles({"file:///tmp/listed.jpg": "/tmp/listed.jpg"})
    with pytest.raises(RefusedFetchError):
        fetcher.fetch(url)


def test_laying_out_a_pdf_never_opens_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def connect(*args: object) -> None:
        raise AssertionError("WeasyPrint opened a connection")

    monkeypatch.setattr(socket.socket, "connect", connect)
    html = (
        '<html><head><link rel="stylesheet" href="https://example.com/a.css"></head><body>'
        '<p>Text</p><img src="https://example.com/b.png"><img src="file:///etc/hostname">'
        "</body></html>"
    )
    css = "@import url(http://example.com/c.css); body { background: url(https://e.org/d.png) }"
    data = render(PdfJob(html, css, ()))
    assert data.startswith(b"%PDF-")
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data


def test_pdfs_rendered_together_or_on_two_cores_are_the_bytes_of_each_alone(
    tmp_path: Path,
) -> None:
    css = (
        "@page { @bottom-right { content: counter(page) ' / ' counter(pages) } } h1 { color: #036 }"
    )
    words = "Le constructeur présente sa nouvelle gamme électrique à Montréal. " * 80
    jobs = [PdfJob(f"<h1>Release {n}</h1><p>{words[: 400 * n]}</p>", css, ()) for n in range(1, 6)]
    alone = [render(job) for job in jobs]
    renderer = layout.Renderer(css)
    assert [renderer.render(job.html, {}) for job in jobs] == alone
    for workers in (1, 2):
        tasks = [(job, tmp_path / str(workers) / f"{n}.pdf") for n, job in enumerate(jobs)]
        assert pdf.make_all(tasks, workers) == len(jobs)
        assert [path.read_bytes() for _, path in tasks] == alone
    assert len(set(alone)) == len(jobs)
    # An edit's few PDFs: one process makes them while the build goes on.
    tasks = [(job, tmp_path / "later" / f"{n}.pdf") for n, job in enumerate(jobs)]
    tasks[0][1].parent.mkdir()
    tasks[0][1].write_bytes(alone[0])  # already in the cache: not made again
    pending, making = pdf.start_all(tasks, 2)
    assert pending == {path for _, path in tasks[1:]} and making.running
    making.wait()
    assert not making.running
    assert [path.read_bytes() for _, path in tasks] == alone
    pending, making = pdf.start_all(tasks, 2)
    assert pending == set() and not making.running  # nothing missing: nothing started


def test_weasyprint_leaves_truncated_images_broken_for_the_media_checks() -> None:
    from PIL import ImageFile

    render(PdfJob("<p>Text</p>", "", ()))  # WeasyPrint imported and used in this process
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_no_pdf_of_a_withheld_release_stays_in_the_cache(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    folders = cache / "press-media" / "pdf"
    launch = {"2021-embargoed-launch-en", "2021-embargoed-launch-fr"}
    out = build(site, now=AFTER_EMBARGO, settings={"CACHE_PATH": str(cache)})
    assert out.returncode == 0, out.stderr
    assert launch <= {p.name for p in folders.iterdir()}
    # The embargo moved later: the next build (published or preview) removes its PDFs.
    for conf in ("publishconf.py", "previewconf.py"):
        held = build(site, now=BEFORE_EMBARGO, conf=conf, settings={"CACHE_PATH": str(cache)})
        assert held.returncode == 0, held.stderr
        assert not launch & {p.name for p in folders.iterdir()}
        assert all(len(list(p.iterdir())) == 1 for p in folders.iterdir())  # current only
    preview = build(
        site, now=BEFORE_EMBARGO, conf="previewconf.py", settings={"CACHE_PATH": str(cache)}
    )
    assert list(preview.output.rglob("2021-embargoed-launch-en.pdf"))  # shown, never cached
    assert not launch & {p.name for p in folders.iterdir()}


def test_the_launcher_installs_what_pdfs_need_on_every_task() -> None:
    import importlib.util
    from importlib.machinery import SourceFileLoader

    from conftest import ROOT

    loader = SourceFileLoader("dev_launcher", str(ROOT / "dev"))
    dev = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(dev)
    assert "poppler-utils" in dev.SYSTEM_TOOLS["pdftotext"]
    assert {"libpango-1.0-0", "fonts-dejavu-core"} <= set(dev.SYSTEM_TOOLS["lib:pango-1.0"])
    assert set(dev.BUILD_TOOLS) <= set(dev.SYSTEM_TOOLS) and "lib:pango-1.0" in dev.BUILD_TOOLS
    assert dev.present("lib:pango-1.0") and dev.present("pdftotext")
    assert not dev.present("lib:no-such-library-here") and not dev.present("no-such-command")


def test_a_kit_entry_kept_in_a_file_is_addressed_by_its_key_and_size(tmp_path: Path) -> None:
    first, second = tmp_path / "aaa.pdf", tmp_path / "bbb.pdf"
    first.write_bytes(b"%PDF-same")
    second.write_bytes(b"%PDF-same")
    texts = [text_entry("release.txt", b"words")]
    key = kit_key([*texts, made_entry("release.pdf", first)])
    assert key == kit_key([*texts, made_entry("release.pdf", first)])
    assert key != kit_key([*texts, made_entry("release.pdf", second)])  # another PDF key
    first.write_bytes(b"%PDF-longer")  # never happens to a cached PDF; the size still counts
    assert key != kit_key([*texts, made_entry("release.pdf", first)])
