"""Spider health: monitors on every crawl, a run history, `scrapy health` and an HTML report."""
