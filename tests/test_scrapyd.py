"""Deploy on a real Scrapyd: scrapyd-deploy builds and uploads the egg, schedule.json runs nasa.

The Scrapyd (conftest ``scrapyd`` fixture) listens on 127.0.0.1 with its own config in a temporary
folder; it runs without the project on its path, so the job imports the tracker from the egg.
The crawl replays tests/cassettes/nasa.json (absolute path: the job's working directory is
Scrapyd's, not the project's).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Scrapyd

pytestmark = [pytest.mark.scrapyd, pytest.mark.slow]

CASSETTE = ROOT / "tests" / "cassettes" / "nasa.json"
BIN = Path(sys.executable).parent


def api(scrapyd: Scrapyd, endpoint: str, data: list[tuple[str, str]] | None = None) -> Any:
    url = f"{scrapyd.url}/{endpoint}"
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=30) as response:
        return json.load(response)


def deploy(scrapyd: Scrapyd, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``scrapyd-deploy test`` from the project, with a target that points at this Scrapyd.

    The target lives in a scrapy.cfg under XDG_CONFIG_HOME, which Scrapy reads before the
    project's own scrapy.cfg, so the project file is used as committed.
    """
    config_home = tmp_path / "xdg"
    config_home.mkdir()
    (config_home / "scrapy.cfg").write_text(
        f"[deploy:test]\nurl = {scrapyd.url}\nproject = tracker\n"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home)}
    return subprocess.run(
        [str(BIN / "scrapyd-deploy"), "test", "--version", "r1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def wait_finished(scrapyd: Scrapyd, job: str, timeout: float = 240.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = api(scrapyd, "listjobs.json?project=tracker")
        for entry in jobs["finished"]:
            if entry["id"] == job:
                return dict(entry)
        time.sleep(0.5)
    log = (scrapyd.workdir / "scrapyd.out").read_text(errors="replace")[-3000:]
    raise AssertionError(f"job {job} did not finish in {timeout}s; scrapyd said:\n{log}")


def test_egg_holds_the_tracker_package_only(tmp_path: Path) -> None:
    egg = tmp_path / "tracker.egg"
    result = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "--build-egg", str(egg)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    names = zipfile.ZipFile(egg).namelist()
    top = {name.split("/")[0] for name in names}
    assert top == {"tracker", "EGG-INFO"}, top
    assert "tracker/spiders/nasa.py" in names
    entry_points = zipfile.ZipFile(egg).read("EGG-INFO/entry_points.txt").decode()
    assert "settings = tracker.settings" in entry_points


def test_deploy_and_schedule_nasa_in_replay_mode(scrapyd: Scrapyd, tmp_path: Path) -> None:
    result = deploy(scrapyd, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == "ok" and answer["project"] == "tracker", answer
    assert api(scrapyd, "listversions.json?project=tracker")["versions"] == ["r1"]
    spiders = api(scrapyd, "listspiders.json?project=tracker")["spiders"]
    assert "nasa" in spiders

    out = tmp_path / "node-output"
    scheduled = api(
        scrapyd,
        "schedule.json",
        [
            ("project", "tracker"),
            ("spider", "nasa"),
            ("setting", f"TRACKER_REPLAY={CASSETTE}"),
            ("setting", f"TRACKER_OUTPUT_DIR={out}"),
        ],
    )
    assert scheduled["status"] == "ok", scheduled
    job = scheduled["jobid"]
    wait_finished(scrapyd, job)

    log = (scrapyd.logs_dir / "tracker" / "nasa" / f"{job}.log").read_text()
    assert "'finish_reason': 'finished'" in log, log[-3000:]
    assert "Traceback" not in log, log[-3000:]

    items_file = scrapyd.items_dir / "tracker" / "nasa" / f"{job}.jl"
    items = [json.loads(line) for line in items_file.read_text().splitlines() if line.strip()]
    assert len(items) >= 5, f"only {len(items)} items in {items_file}"

    written = sorted(p for p in out.rglob("*.md") if p.name not in ("index.md", "stories.md"))
    assert len(written) == len(items), (len(written), len(items))
    for item in items:
        assert item["spider"] == "nasa" and item["publisher"] == "NASA"
        assert item["title"] and item["body"] and item["url"].startswith("https://")
        markdown = (out / item["path"]).read_text()
        assert markdown.startswith("# ")
        assert f"**Source:** [{item['url']}]({item['url']})" in markdown
    assert list(out.rglob("index.md")), "per-day indexes are written on the node too"
