"""Support for tests, benchmarks and contributors' commands: fixture pages and their scoring
(:mod:`tools.fixtures`), the extraction metrics of METRICS.md (:mod:`tools.metrics`), and scripts
that build cassettes. Not part of the deployable package (the Scrapyd egg holds tracker/ only)."""
