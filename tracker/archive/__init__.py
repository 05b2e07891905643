"""Web archives in and out (docs/archives.md).

- Out: ``-s TRACKER_WARC=DIR`` writes every HTTP exchange of a crawl into gzipped WARC/1.1 files
  (:mod:`tracker.archive.middleware`, :mod:`tracker.archive.writer`,
  :mod:`tracker.archive.records`).
- In: ``-a warc=PATH_OR_URL[,...]`` and ``-a ccnews=YYYY-MM[-DD]`` read WARC files as a crawl's
  pages (:mod:`tracker.archive.reader`, :mod:`tracker.archive.ccnews`,
  :mod:`tracker.archive.source`), one file at a time, through the shared work queue when
  ``TRACKER_QUEUE`` is set (:mod:`tracker.archive.units`).
"""
