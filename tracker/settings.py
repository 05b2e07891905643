"""Scrapy settings for the tracker. Settings named TRACKER_* are part of the interface (README)."""

from __future__ import annotations

from scrapy.settings import default_settings as _scrapy_defaults

from tracker.items import OUTPUT_FIELDS
from tracker.politeness import DEFAULT_CONTACT_URL, user_agent

BOT_NAME = "tracker"
SPIDER_MODULES = ["tracker.spiders"]
# Imports a spider's module alone for `scrapy crawl <name>`, all of them when a list is needed.
SPIDER_LOADER_CLASS = "tracker.spider_loader.LazySpiderLoader"
NEWSPIDER_MODULE = "tracker.spiders"
COMMANDS_MODULE = "tracker.commands"
TEMPLATES_DIR = "tracker/templates"

# --- The tracker's own settings --------------------------------------------------------------
# Where Markdown files, per-day indexes and rejects.jsonl are written.
TRACKER_OUTPUT_DIR = "output"
# Seen-URL and content-hash store: a SQLite path (default: <TRACKER_OUTPUT_DIR>/state.sqlite3)
# or a redis://host:port/db URL shared by several crawler processes.
TRACKER_STATE = ""
# A redis://host:port/db URL to share the request queue between crawler processes (scrapy-redis,
# tracker.distributed); empty: Scrapy's own in-process scheduler.
TRACKER_QUEUE = ""
# A betamax cassette to answer every request from (no network), or to record into.
TRACKER_REPLAY = ""
TRACKER_RECORD = ""
# A folder to write every HTTP exchange into, as gzipped WARC/1.1 files (tracker.archive,
# docs/archives.md); a file is closed and a new one begun past TRACKER_WARC_MAX_SIZE bytes.
TRACKER_WARC = ""
TRACKER_WARC_MAX_SIZE = 1_000_000_000
# -a ccnews=: where Common Crawl's CC-NEWS path lists and WARC files are served from.
TRACKER_CCNEWS_BASE = "https://data.commoncrawl.org/"
# -a warc= / -a ccnews=: the WARC reader (fastwarc or warcio; bench/warc.py measures both).
TRACKER_WARC_READER = "fastwarc"
# With TRACKER_QUEUE, WARC files are shared units of work: a process holds one for this many
# seconds unless it renews its lease, and looks for work this often while others hold the rest.
TRACKER_WARC_LEASE = 300.0
TRACKER_WARC_POLL = 5.0
# Contact URL put into the User-Agent so publishers can reach whoever runs the crawl.
TRACKER_CONTACT_URL = DEFAULT_CONTACT_URL
# Summariser: a class path with a ``summarise(text, title) -> (summary, method)`` method.
TRACKER_SUMMARISER = "tracker.processing.summarise.TextRankSummariser"
# Extraction runs in worker processes (tracker.workers): "auto" one per usable core, a number,
# or 0 for the crawl's own thread (no time or memory bound per page).
TRACKER_EXTRACT_WORKERS = "auto"
# Per page: seconds before it is rejected (extract_timeout) and its worker replaced, and MB a
# worker may grow by while extracting it (extract_memory).
TRACKER_EXTRACT_TIMEOUT = 30.0
TRACKER_EXTRACT_MEMORY_MB = 1024
# Freeze what start-up and the first article built out of the garbage collector's way
# (tracker.gc_freeze): fewer CPU seconds per article; off only to compare.
TRACKER_GC_FREEZE = True
# Extra category rules, merged over the built-in ones: {"Category": ["keyword", ...]}.
TRACKER_CATEGORY_RULES: dict[str, list[str]] = {}

# Stories across outlets (tracker.story_pipelines, docs/stories.md): near-duplicate texts share a
# story_id; the index keeps articles for TRACKER_STORY_DAYS. Thresholds are MinHash Jaccard
# estimates, chosen by bench/stories.py: copies of the text (word 5-shingles), and related
# stories (headline and lead words) seen within TRACKER_RELATED_HOURS.
TRACKER_STORIES = True
TRACKER_STORY_DAYS = 7
TRACKER_STORY_THRESHOLD = 0.5
TRACKER_RELATED_THRESHOLD = 0.25
TRACKER_RELATED_HOURS = 48
# Revisits (tracker.downloader.revisit): articles published in the last TRACKER_REVISIT_DAYS
# (0: off) are requested again, conditionally, at most every TRACKER_REVISIT_HOURS; at most
# TRACKER_REVISIT_MAX per spider and crawl.
TRACKER_REVISIT_DAYS = 2
TRACKER_REVISIT_HOURS = 6
TRACKER_REVISIT_MAX = 1000

# The default; the ContactUserAgent add-on (ADDONS) rebuilds it from -s TRACKER_CONTACT_URL.
USER_AGENT = user_agent(TRACKER_CONTACT_URL)

# --- Politeness ------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Pages larger than this are not articles; feeds and sitemaps stay well below it.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# Retries wait first (tracker.downloader.retry.BackoffRetryMiddleware): 1 s, 2 s, 4 s ...
# at most TRACKER_RETRY_BACKOFF_MAX, or what the server's Retry-After asks; a Retry-After longer
# than TRACKER_RETRY_AFTER_MAX is not waited for (the article is rejected with its HTTP status).
TRACKER_RETRY_BACKOFF = 1.0
TRACKER_RETRY_BACKOFF_MAX = 30.0
TRACKER_RETRY_AFTER_MAX = 120.0
# Article URLs followed from one sitemap document, newest first (the rest counted, not fetched).
TRACKER_SITEMAP_MAX_URLS = 1000
# Entries followed from one feed, in the feed's order (newest first in practice).
TRACKER_FEED_MAX_ENTRIES = 1000
# Sitemap indexes followed below a source's sitemap (each sitemap is read once per crawl).
TRACKER_SITEMAP_MAX_DEPTH = 3

# --- Components ------------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # Skip article pages already written in an earlier run (incremental crawls).
    "tracker.downloader.seen.SeenUrlFilterMiddleware": 50,
    # -a warc= / -a ccnews=: archived pages answer their requests; nothing else is fetched.
    "tracker.archive.source.ArchiveResponseMiddleware": 55,
    # Conditional headers on revisits; a 304 ends the revisit quietly.
    "tracker.downloader.revisit.RevisitMiddleware": 57,
    # Replay answers before anything reaches the network; recording sits next to the
    # downloader so it stores bodies exactly as received (still compressed).
    "tracker.downloader.cassettes.ReplayMiddleware": 60,
    # Retries with backoff and Retry-After, in place of Scrapy's RetryMiddleware (550).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "tracker.downloader.retry.BackoffRetryMiddleware": 550,
    # Sees redirects before RedirectMiddleware (600) and stops loops with a reject.
    "tracker.downloader.redirects.RedirectLoopMiddleware": 610,
    "tracker.downloader.cassettes.RecordMiddleware": 950,
    # TRACKER_WARC: every exchange into WARC files, bodies as received (tracker.archive).
    "tracker.archive.middleware.WarcMiddleware": 951,
}

SPIDER_MIDDLEWARES = {
    # TRACKER_WARC: items get the file and offset of their page's response record.
    "tracker.archive.middleware.WarcLocationMiddleware": 900,
}

ITEM_PIPELINES = {
    "tracker.pipelines.NormalisePipeline": 100,
    "tracker.pipelines.ValidatePipeline": 200,
    # A revisit: a new revision, or dropped as unchanged (before dedupe, which would drop it).
    "tracker.story_pipelines.RevisitPipeline": 250,
    "tracker.pipelines.DedupePipeline": 300,
    "tracker.pipelines.CategorisePipeline": 400,
    "tracker.pipelines.SummarisePipeline": 500,
    # story_id, story_role, related; a revision's earlier version and diff.
    "tracker.story_pipelines.StoryPipeline": 550,
    "tracker.pipelines.MarkdownExportPipeline": 600,
    # The story's other files, revisit records, <day>/stories.md.
    "tracker.story_pipelines.StoryFilesPipeline": 650,
}
# Scrapy starts this many asyncio tasks (and queue slots) for every response's output, however
# small: with its default of 100 a replayed crawl of 256 articles made ~26,000 tasks, 0.25 CPU s.
# The pipelines above are synchronous, so items never overlapped anyway; 4 leaves room for an
# asynchronous pipeline a deployment adds. Output content is unchanged; `-O` lines come
# closer to the feed's order (no order is promised).
CONCURRENT_ITEMS = 4

ADDONS = {
    # USER_AGENT from TRACKER_CONTACT_URL, unless USER_AGENT itself was set.
    "tracker.politeness.ContactUserAgent": 50,
    # Switches the shared Redis queue on when TRACKER_QUEUE is set (no effect otherwise).
    "tracker.distributed.QueueAddon": 100,
}

EXTENSIONS = {
    # The state store (seen URLs, content hashes): components fetch it with
    # crawler.get_extension(StateStoreExtension).
    "tracker.state.StateStoreExtension": 50,
    "tracker.export.rejects.RejectsLog": 100,
    # Spidermon health checks when a spider closes, the run history and the HTML report.
    "tracker.health.extension.HealthExtension": 200,
    # Start-up's objects kept out of the garbage collector's full passes (tracker.gc_freeze).
    "tracker.gc_freeze.GcFreezeExtension": 300,
    # Debug records no handler prints are not made (tracker.log_level).
    "tracker.log_level.LogLevelExtension": 310,
    # Scrapy's remote control imports aiohttp's server even when off: imported only when on
    # (and left out of EXTENSIONS_BASE below).
    "tracker.remote_control.RemoteControlWhenEnabled": 0,
}
# Scrapy's base extensions without its remote control. Listing it here as None would not do:
# Scrapy imports every key of EXTENSIONS to normalise it, and that import is aiohttp's web
# server (~0.2 CPU s at every crawl's start).
EXTENSIONS_BASE = {
    path: order
    for path, order in _scrapy_defaults.EXTENSIONS_BASE.items()
    if path != "scrapy.extensions.remote_control.RemoteControl"
}

# --- Health checks (docs/health.md) ------------------------------------------------------------
# Every threshold (TRACKER_HEALTH_MIN_ITEMS_SHARE, TRACKER_HEALTH_COVERAGE, ...) has its default in
# tracker.health.config and may be overridden per spider (its ``health`` attribute or
# TRACKER_HEALTH_SPIDERS). Here: the switches and the alerts.
TRACKER_HEALTH_ENABLED = True
# Rewrite <TRACKER_OUTPUT_DIR>/health/ (index.html and the spider's page) after each crawl.
TRACKER_HEALTH_REPORT = True
# Spidermon actions (class paths) run when a check fails, e.g. e-mail, Slack, Sentry, a file;
# each reads its own SPIDERMON_* settings. None by default.
TRACKER_HEALTH_ACTIONS: list[str] = []
# Spidermon actions run after every crawl, whatever the verdict.
TRACKER_HEALTH_FINISHED_ACTIONS: list[str] = []
# scrapy crawlall logs a progress line every this many seconds (0: only when a spider finishes).
TRACKER_PROGRESS_INTERVAL = 60

# An unattended tracker needs no interactive consoles listening on ports.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# --- JavaScript pages (docs/javascript-pages.md) ---------------------------------------------
# Plain HTTP for every request except those with meta["playwright"] (render_js spiders and the
# automatic fallback), which a headless Chromium renders. Playwright is imported and the browser
# started only when the first such request arrives: crawls that never need it pay nothing.
DOWNLOAD_HANDLERS = {
    "http": "tracker.browser.routing.BrowserDownloadHandler",
    "https": "tracker.browser.routing.BrowserDownloadHandler",
}
# Chromium executable; empty: Debian's /usr/lib/chromium/chromium when present, else the browser
# that `playwright install chromium` downloaded.
TRACKER_BROWSER_PATH = ""
# Extra Chromium switches, on top of tracker.browser.BROWSER_ARGS.
TRACKER_BROWSER_ARGS: list[str] = []
# Fetch a page once more through the browser when it yields no article and looks client-rendered.
TRACKER_RENDER_JS_FALLBACK = True
# After the load event, wait up to this long for the network to go quiet (scripts fetching the
# article); 0 reads the DOM right after load.
TRACKER_BROWSER_SETTLE_MS = 3000
# Resource types the browser does not fetch: the tracker reads the DOM only.
TRACKER_BROWSER_BLOCK = ["image", "media", "font"]
# A browser page costs ~140 MB and ~0.3 s: at most 4 at once, whatever CONCURRENT_REQUESTS says.
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000

# Items in "Dropped" and "Error processing" lines named by URL, not dumped whole.
LOG_FORMATTER = "tracker.logformatter.TrackerLogFormatter"

FEED_EXPORT_ENCODING = "utf-8"
# What -O/-o feeds write: the item's output fields, not the hints meant for the pipelines.
FEED_EXPORT_FIELDS = list(OUTPUT_FIELDS)
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
