"""news-tracker: follows news publishers and writes clean, attributed Markdown and JSON lines."""

import os

# Scrapy's cookie middleware builds a tldextract splitter at import time, which fetches the
# Public Suffix List from the web on first use (with no timeout by default). Offline that
# means an error traceback, or a hang where the network drops packets; the snapshot bundled
# with tldextract is enough. An empty URL list turns the download off (set before Scrapy
# loads its middlewares; a value already in the environment wins).
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

PROJECT_NAME = "news-tracker"
PROJECT_URL = "https://github.com/news-tracker/news-tracker"
