"""What ``scrapy crawlall`` costs per article as the publisher count grows.

    .venv/bin/python -m bench.crawlall [--repeat 2]

Two offline ``scrapy crawlall`` runs over a cassette of the real fixture pages of every spider
(tests/fixture_cassette.py: each spider's declared feeds and sitemaps answered with hand-made
lists of its fixture pages), in a subprocess as a user runs it, each into a fresh output folder:

- the 49 publishers of the English-language release (listed below), and
- every publisher spider there is now.

Figures are CPU seconds of the crawl process and all its descendants (user + system), which a
shared machine disturbs less than wall time, divided by the articles written. The descendants
include the extraction workers: they are forked by multiprocessing's forkserver, which outlives
the crawl process and so was never waited for by it, and their CPU (the extraction of every page)
was missing from the figures before 2026-12-02. This process now makes itself the subreaper of
the crawl's process tree and waits for every descendant before reading the clock.

The ratio all/49 is the issue's measure: per-article time may grow with the start-up cost of
more spiders, it should not grow with their number otherwise.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# linux/prctl.h
PR_SET_CHILD_SUBREAPER = 36

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixture_cassette import write_fixture_cassette  # noqa: E402
from tracker.spiders import publisher_spiders  # noqa: E402

# The publishers before issue 12 (README of 2026-11-30): 48 English-language outlets and NASA.
ENGLISH_RELEASE = [
    "abcnews",
    "apnews",
    "bbc",
    "businessinsider",
    "cbc",
    "cnbc",
    "dailymail",
    "dailymaverick",
    "dailystar",
    "economictimes",
    "espn",
    "euronews",
    "express",
    "financialpost",
    "foxnews",
    "globalnews",
    "globeandmail",
    "guardian",
    "independent",
    "inews",
    "latimes",
    "metro",
    "mirror",
    "nasa",
    "nationalpost",
    "nature",
    "newyorker",
    "ninenews",
    "ottawacitizen",
    "restofworld",
    "reuters",
    "rollingstone",
    "sciencedaily",
    "standard",
    "techcrunch",
    "techradar",
    "telegraph",
    "thecitizen",
    "theintercept",
    "thenation",
    "theprovince",
    "thesun",
    "timeslive",
    "timesofindia",
    "voanews",
    "washingtonpost",
    "washingtontimes",
    "westaustralian",
    "wired",
]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def adopt_orphans() -> None:
    """Become the reaper of our descendants' orphans (Linux prctl PR_SET_CHILD_SUBREAPER), so that
    the extraction workers' forkserver, left behind when the crawl exits, is reparented here and
    its CPU (and its workers', which it waited for) is counted in RUSAGE_CHILDREN once reaped."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise SystemExit(f"prctl(PR_SET_CHILD_SUBREAPER): {os.strerror(ctypes.get_errno())}")


def reap_descendants() -> None:
    """Wait for every descendant left (the forkserver exits once the crawl has gone)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def crawl(spiders: list[str], work: Path) -> tuple[float, float, int]:
    """CPU seconds, wall seconds and articles written by one crawlall run over ``spiders``."""
    cassette = write_fixture_cassette(work / "fixtures.json", spiders)
    output = work / "output"
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawlall",
        "--only",
        ",".join(spiders),
        "-s",
        f"TRACKER_REPLAY={cassette}",
        "-s",
        f"TRACKER_OUTPUT_DIR={output}",
        "-s",
        "LOG_LEVEL=WARNING",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cpu_before, wall_before = children_cpu(), time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    reap_descendants()
    cpu, wall = children_cpu() - cpu_before, time.perf_counter() - wall_before
    if result.returncode not in (0, 1):  # 1: a publisher's health check failed; still measured
        raise SystemExit(f"crawlall exited {result.returncode}: {result.stderr[-2000:]}")
    written = sum(1 for path in output.rglob("*.md") if path.name not in ("index.md", "stories.md"))
    return cpu, wall, written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each set (best is kept)")
    args = parser.parse_args(argv)
    adopt_orphans()
    everyone = sorted(publisher_spiders())
    sets = {"49 (English release)": ENGLISH_RELEASE, f"{len(everyone)} (all)": everyone}
    per_article: dict[str, float] = {}
    print(f"{'spiders':<22} {'articles':>8} {'CPU s':>8} {'wall s':>8} {'CPU ms/article':>15}")
    for label, spiders in sets.items():
        best: tuple[float, float, int] | None = None
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="bench-crawlall-") as folder:
                measured = crawl(list(spiders), Path(folder))
            if best is None or measured[0] / max(measured[2], 1) < best[0] / max(best[2], 1):
                best = measured
        assert best is not None
        cpu, wall, written = best
        per_article[label] = cpu / max(written, 1)
        print(
            f"{label:<22} {written:>8} {cpu:>8.1f} {wall:>8.1f} {1000 * per_article[label]:>15.0f}"
        )
    first, last = per_article.values()
    print(f"per-article CPU, all / English release: {last / first:.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
