"""Signals the tracker's components send one another (data still flows one way).

``article_rejected``: an article was found but will not be written. Sent with keyword arguments
``url``, ``reason`` (a short stable code: ``http_503``, ``timeout``, ``no_body``, ...), ``detail``
(a sentence for a person) and ``spider``. The rejects log (tracker.export.rejects) appends it to
``<output>/rejects.jsonl`` and counts it; pipelines reject by raising
``tracker.export.rejects.RejectItem``.
"""

article_rejected = object()
