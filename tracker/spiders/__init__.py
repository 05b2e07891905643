"""The spiders: ``base`` (NewsSpider, every publisher's base), ``sources`` (Feed, Sitemap, ...),
``article`` (the generic spider) and one small module per publisher.

:func:`publisher_spiders` is the one answer to "which spiders are publishers?": crawlall, the
generic spider, ``scrapy publishers``, ``scrapy checkpublisher`` and the tests all ask it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

    from tracker.spiders.base import NewsSpider


def publisher_spiders(settings: BaseSettings | None = None) -> dict[str, type[NewsSpider]]:
    """Name -> class of every publisher spider the project's spider loader knows, by name.

    A publisher spider is a NewsSpider with a ``name`` and a ``publisher`` (one outlet); the
    generic ``article`` spider has no publisher of its own.
    """
    # Imported here: every scrapy command imports this package, and most never need spiders.
    from scrapy.spiderloader import get_spider_loader
    from scrapy.utils.project import get_project_settings

    from tracker.spiders.base import NewsSpider

    loader = get_spider_loader(settings if settings is not None else get_project_settings())
    found: dict[str, type[NewsSpider]] = {}
    for name in sorted(loader.list()):
        cls = loader.load(name)
        if isinstance(cls, type) and issubclass(cls, NewsSpider) and cls.is_publisher():
            found[name] = cls
    return found
