"""The in-process build the tests use gives what the real `pelican` command gives."""

from __future__ import annotations

from pathlib import Path

from conftest import build, copy_site, edit, snapshot, stable

GARAGE_EN = "content/releases/2021/2021-garage-base.en.md"
BAD_DATE = "date: tomorrow morning"


def test_a_build_writes_the_same_files_as_the_command(tmp_path: Path) -> None:
    here = build(copy_site(tmp_path / "here"))
    command = build(copy_site(tmp_path / "command"), process=True)
    assert (here.returncode, command.returncode) == (0, 0), here.stderr + command.stderr
    assert stable(snapshot(here.output)) == stable(snapshot(command.output))
    assert here.stderr == command.stderr == ""


def test_a_failed_build_prints_the_same_lines_and_exit_code(tmp_path: Path) -> None:
    sites = [copy_site(tmp_path / name) for name in ("here", "command")]
    for site in sites:
        text = (site / GARAGE_EN).read_text(encoding="utf-8")
        date = next(line for line in text.splitlines() if line.startswith("date: "))
        edit(site, GARAGE_EN, date, BAD_DATE)
    here, command = build(sites[0]), build(sites[1], process=True)
    assert here.returncode == command.returncode == 1
    # The closing line names the output folder, which differs only by the site's own path.
    assert here.stderr.replace(str(sites[0]), "SITE") == command.stderr.replace(
        str(sites[1]), "SITE"
    )
    assert here.problems() and "Traceback" not in here.stdout + here.stderr
    assert not here.output.exists() and not command.output.exists()


def test_a_second_build_in_one_process_finds_the_output_up_to_date(site: Path) -> None:
    assert build(site).returncode == 0
    again = build(site)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == (
        "Nothing changed since the last build: output is up to date."
    )
