"""JavaScript pages: browser settings and the automatic fallback to a browser.

A request is fetched by a real headless browser (scrapy-playwright) when its meta has
``playwright`` set: every article request of a spider with ``render_js = True`` (or
``-a render_js=true``), any request a spider marks itself, and the automatic fallback below.
Everything else is fetched over plain HTTP and never starts a browser (tracker.browser.routing).

Automatic fallback: when a page fetched without a browser yields no article and looks
client-rendered (tracker.extract.client_rendered), the spider asks for it once more through the
browser. The second request is marked, so it can never fall back again; both the fallback and its
reason are counted (``tracker/render_js/fallback``, ``tracker/render_js/fallback/<reason>``).

Settings (docs/javascript-pages.md):

- ``TRACKER_BROWSER_PATH``: the Chromium executable. Empty: Debian's ``/usr/lib/chromium/chromium``
  when it exists, else the browser ``playwright install chromium`` downloaded.
- ``TRACKER_BROWSER_ARGS``: extra command-line switches, on top of those in ``BROWSER_ARGS``.
- ``TRACKER_RENDER_JS_FALLBACK``: switch the automatic fallback off with ``False``.
- ``TRACKER_BROWSER_SETTLE_MS``: after the page's load event, wait up to this long for the
  network to go quiet (scripts that fetch the article); 0 reads the page right after load.
- ``TRACKER_BROWSER_BLOCK``: resource types the browser does not fetch (images, fonts, media:
  the DOM is all the tracker reads).

``PLAYWRIGHT_LAUNCH_OPTIONS`` and the other scrapy-playwright settings still work; launch options
given there win over the ones built here.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.http import Request, Response, TextResponse

from tracker.extract.client_rendered import lacks_article, looks_client_rendered

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

# Debian's chromium package: the real binary (/usr/bin/chromium is a wrapper shell script).
DEBIAN_CHROMIUM = "/usr/lib/chromium/chromium"
# Switches that make Chromium work in containers and keep it from phoning home: no GPU, /tmp
# instead of a small /dev/shm, no background updates or first-run work.
BROWSER_ARGS = (
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
# request.meta key set on the browser request the fallback makes; its value is the reason.
META_RENDER_FALLBACK = "tracker_render_js_fallback"
# request.meta key scrapy-playwright reads: fetch this request with the browser.
META_PLAYWRIGHT = "playwright"


class BrowserSettingError(ValueError):
    """A browser setting that cannot work; the message says what to change."""


def browser_path(settings: BaseSettings) -> str | None:
    """The Chromium executable to launch, or None to let Playwright use its own browser."""
    configured = str(settings.get("TRACKER_BROWSER_PATH") or "").strip()
    if configured:
        path = Path(configured).expanduser()
        if not path.is_file() or not os.access(path, os.X_OK):
            raise BrowserSettingError(
                f"TRACKER_BROWSER_PATH={configured} is not an executable file: give the path "
                f"of a Chromium binary (Debian: {DEBIAN_CHROMIUM}) or leave it empty"
            )
        return str(path)
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    return None


def launch_options(settings: BaseSettings) -> dict[str, Any]:
    """Playwright ``launch()`` options from the tracker's settings and PLAYWRIGHT_LAUNCH_OPTIONS."""
    args = list(BROWSER_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to start its sandbox as root.
        args.insert(0, "--no-sandbox")
    args.extend(str(a) for a in settings.getlist("TRACKER_BROWSER_ARGS"))
    options: dict[str, Any] = {"headless": True, "args": args}
    path = browser_path(settings)
    if path:
        options["executable_path"] = path
    explicit = settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")
    if explicit.get("args"):
        options["args"] = args + [a for a in explicit["args"] if a not in args]
    options.update({k: v for k, v in explicit.items() if k != "args"})
    return options


def browser_available(settings: BaseSettings) -> bool:
    """Whether a browser can be launched with these settings (a file check, no launch)."""
    try:
        if browser_path(settings):
            return True
    except BrowserSettingError:
        return False
    # Playwright's own download (``playwright install chromium``).
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return False
    with sync_playwright() as pw:
        return Path(pw.chromium.executable_path).is_file()


def wants_browser(value: str | bool | None) -> bool | None:
    """Parse a ``render_js`` spider argument: true/false/1/0/yes/no, or None when not given."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"-a render_js: expected true or false, got {value!r}")


def browser_retry(
    response: Response,
    fields: Mapping[str, Any],
    settings: BaseSettings,
    stats: StatsCollector | None = None,
) -> Request | None:
    """The browser request to make for ``response`` when its page needs one, else None.

    None when the page was already rendered by a browser (so a fallback never loops), when
    extraction found an article in ``fields``, when the page does not look client-rendered, or
    when ``TRACKER_RENDER_JS_FALLBACK`` is off. The new request keeps the original's callback,
    errback and tracker meta (feed entry), and bypasses the duplicate filter.
    """
    request = response.request
    if request is None or not isinstance(response, TextResponse):
        return None
    if request.meta.get(META_PLAYWRIGHT) or "playwright" in response.flags:
        return None
    if not settings.getbool("TRACKER_RENDER_JS_FALLBACK", True) or not lacks_article(fields):
        return None
    reason = looks_client_rendered(response.text)
    if reason is None:
        return None
    if stats is not None:
        stats.inc_value("tracker/render_js/fallback")
        stats.inc_value(f"tracker/render_js/fallback/{reason}")
    logger.info(
        "No article in %s, which looks client-rendered (%s): using the browser",
        response.url,
        reason,
    )
    # Only the tracker's own keys travel: download state (retry counts, redirect history,
    # download slot) belongs to the first fetch.
    meta = {k: v for k, v in request.meta.items() if k.startswith("tracker_")}
    meta[META_PLAYWRIGHT] = True
    meta[META_RENDER_FALLBACK] = reason
    return request.replace(url=response.url, meta=meta, dont_filter=True)
