"""Benchmark of the archive: a synthetic corpus, then ingest, search and page timings.

Run it as ``python -m bench`` (see ``bench/run.py`` for the options). The corpus it generates
(``bench/corpus.py``) is synthetic benchmark text in our raw capture formats, not news.
"""
