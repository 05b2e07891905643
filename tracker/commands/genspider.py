"""``scrapy genspider``, with what the project's ``publisher`` template needs.

    scrapy genspider -t publisher examplenews www.example.com
    scrapy genspider -t publisher examplenews www.example.com --page saved.html

The allowed domain drops a leading ``www.`` (``example.com`` covers ``www.example.com``, as the
data sheet in docs/adding-a-publisher.md shows). With ``--page``, a saved page of the outlet
gives the publisher's name (its og:site_name or JSON-LD publisher), its language and its feeds
(``<link rel="alternate">``); without one they are placeholders to fill in.
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

from scrapy.commands.genspider import Command as ScrapyGenspiderCommand
from scrapy.exceptions import UsageError

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


class Command(ScrapyGenspiderCommand):
    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--page",
            metavar="FILE",
            help="a saved page of the outlet (.html or .html.gz): publisher name, language, feeds",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        self._page = Path(opts.page) if opts.page else None
        if self._page is not None and not self._page.is_file():
            raise UsageError(f"--page {self._page}: not a file", print_help=False)
        super().run(args, opts)

    def _generate_template_variables(
        self, module: str, name: str, url: str, template_name: str
    ) -> dict[str, Any]:
        tvars = super()._generate_template_variables(module, name, url, template_name)
        parsed = urlparse(url)
        host = (parsed.hostname or tvars["domain"]).lower()
        domain = host.removeprefix("www.")
        site = f"{parsed.scheme or 'https'}://{host}"
        saved: Path | None = getattr(self, "_page", None)
        page = _page_facts(saved, site) if saved is not None else {}
        feeds = [u for u in page.get("feeds", []) if _on(u, domain)]
        if feeds:
            sources = [f'        Feed("{u}"),' for u in feeds]
            note = ["From the saved page's feed links; add a news sitemap (robots.txt lists them)."]
        else:
            sources = [
                f'        Feed("{site}/feed"),',
                f'        NewsSitemap("{site}/news-sitemap.xml"),',
            ]
            note = [
                'TODO: real URLs. The home page\'s <link rel="alternate"> feeds, /feed, /rss;',
                "robots.txt lists sitemaps.",
            ]
        sources_note = "\n".join(f"    # {line}" for line in note)
        publisher = page.get("publisher") or domain
        tvars.update(
            domain=domain,
            url=site,
            publisher=publisher.replace('"', "'"),
            publisher_note="" if page.get("publisher") else " TODO: the real name",
            language=page.get("language") or "en",
            sources="\n".join(sources),
            sources_note=sources_note,
        )
        return tvars


def _on(url: str, domain: str) -> bool:
    host = (urlparse(url).hostname or "").lower()
    return host == domain or host.endswith("." + domain)


def _page_facts(path: Path, site: str) -> dict[str, Any]:
    """What a saved page says about its outlet: site name, language, feed links."""
    from lxml import html as lxml_html

    from tracker.extract import extract_article

    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    fields = extract_article(data, site).fields
    tree = lxml_html.fromstring(data)
    feeds = []
    for link in tree.xpath('//link[@rel="alternate"][@href]'):
        if (link.get("type") or "").lower() in FEED_TYPES:
            feeds.append(urljoin(site + "/", link.get("href").strip()))
    language = (fields.get("language") or tree.get("lang") or "").split("-")[0].lower()
    return {
        "publisher": fields.get("site_name"),
        "language": language or None,
        "feeds": list(dict.fromkeys(feeds)),
    }
