"""Cost of press_media: our build of the corpus without media, then with photos, cold and warm.

Each pair gets one gallery photo (1600x1000 JPEG, drawn here, listed by both languages) and one
TXT attachment. Cold: empty caches. Warm: the derivative cache kept, the output built again.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from bench.corpus import Corpus
from bench.layouts import ours
from bench.measure import Sample, count_files, run_build
from bench.tools import PRESS_NOW, child_env, pelican_command

PHOTO_SIZE = (1600, 1000)


@dataclass(frozen=True)
class MediaRun:
    """One measured build of the media benchmark."""

    name: str
    sample: Sample
    files: int


def draw_photo(path: Path, seed: int) -> None:
    """Write one distinct photo: a gradient and a few discs placed by the seed."""
    image = Image.new("RGB", PHOTO_SIZE, ((seed * 37) % 256, (seed * 91) % 256, 120))
    draw = ImageDraw.Draw(image)
    for n in range(6):
        x, y = (seed * 131 + n * 257) % PHOTO_SIZE[0], (seed * 71 + n * 199) % PHOTO_SIZE[1]
        draw.ellipse(
            [x - 120, y - 120, x + 120, y + 120], fill=((n * 40) % 256, 200, (seed * 13) % 256)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=80)


def add_media(content: Path, corpus: Corpus) -> None:
    """Give every release pair a photo and an attachment, listed in both languages."""
    for index, release in enumerate(corpus.releases):
        photo = f"media/{release.key}.jpg"
        note = f"media/{release.key}.txt"
        draw_photo(content / photo, index)
        (content / note).write_text(f"Notes for {release.key}.\n", encoding="utf-8")
        block = (
            f"images:\n- {{src: {photo}, alt: Generated photo, credit: PressClub bench}}\n"
            f"attachments:\n- {{src: {note}, title: Notes}}\n"
        )
        for lang in ("en", "fr"):
            path = ours.release_path(content, corpus.version(release.key, lang))
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("\n---\n", f"\n{block}---\n", 1), encoding="utf-8")


def measure_media(work: Path, source: Path, corpus: Corpus, settings: Path) -> list[MediaRun]:
    """Build without media (cold), then with media cold and warm; return the three runs."""
    runs = []
    for name, with_media, keep_cache in (
        ("no media, cold", False, False),
        ("media, cold", True, False),
        ("media, warm", True, True),
    ):
        content = work / "media-src" / ("with" if with_media else "without") / "content"
        if not content.exists():
            shutil.copytree(source, content)
            if with_media:
                add_media(content, corpus)
        output, cache = (
            work / "media-out",
            work / "media-cache" / ("with" if with_media else "without"),
        )
        shutil.rmtree(output, ignore_errors=True)
        if not keep_cache:
            shutil.rmtree(cache, ignore_errors=True)
        command = pelican_command(content, settings, output, cache)
        log = work / "logs" / f"media-{name.replace(', ', '-').replace(' ', '-')}.log"
        sample = run_build(command, settings.parent, child_env(PRESS_NOW=PRESS_NOW), log)
        runs.append(MediaRun(name, sample, count_files(output) if sample.ok else 0))
    return runs


def media_report(runs: list[MediaRun], pairs: int) -> str:
    """Format the media runs as a Markdown section."""
    lines = [
        f"## Media ({pairs:,} pairs: one 1600x1000 photo and one TXT attachment per pair)",
        "",
        "| build | wall s | CPU s | peak MiB | files | ok |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        s = run.sample
        ok = "yes" if s.ok else f"exit {s.returncode}, log {s.log}"
        lines.append(
            f"| {run.name} | {s.seconds:.1f} | {s.cpu_seconds:.1f} | {s.peak_mib:.0f} | {run.files:,} | {ok} |"
        )
    return "\n".join(lines) + "\n"
