"""The event page with many long versions.

``python -m bench.event_page [--versions 6] [--words 2000]``

Builds one event of N synthetic versions (near-copies in one language, two in another) in a
throwaway data dir, then times the page through Django's test client: the first view (aligning and
diffing) and warm views (the comparison is kept until a version changes), with the SQL count.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.size import configure_environment

VOCABULARY = (
    "cooperation partnership investment Vietnam Japan ministers agreed trade labour "
    "infrastructure science technology localities exchange growth energy"
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.event_page", description=__doc__)
    parser.add_argument("--versions", type=int, default=6)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-event-") as data_dir:
        configure_environment(Path(data_dir))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        print(measure(args.versions, args.words, args.repeat))


def measure(versions: int, words: int, repeat: int) -> str:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from archive.models import Article, Event, Outlet

    rng = random.Random(1)
    words_used = VOCABULARY.split()
    base = [" ".join(rng.choice(words_used) for _ in range(50)) + "." for _ in range(words // 50)]
    day = datetime.date(2025, 4, 3)
    event = Event.objects.create(title="Many versions", slug="many-versions", date=day)
    for n in range(versions):
        outlet = Outlet.objects.create(name=f"Outlet {n}", slug=f"outlet-{n}")
        paragraphs = [
            p.replace("trade", "commerce") if (i + n) % 7 == 0 else p for i, p in enumerate(base)
        ]
        if n % 2:  # one paragraph fewer at the top, one of its own at the end
            paragraphs = [*paragraphs[1:], f"A closing paragraph of version {n}."]
        Article.objects.create(
            event=event, outlet=outlet, title=f"Version {n}", body="\n\n".join(paragraphs),
            language="en" if n < versions - 2 else "no", raw=str(n), content_hash=f"h{n}",
            published_on=day,
        )  # fmt: skip
    client = Client()
    start = time.perf_counter()
    assert client.get("/events/many-versions/").status_code == 200
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/events/many-versions/").status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    return (
        f"event page, {versions} versions x {len(base) * 50} words: first view {first:.0f} ms; "
        f"then median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, {len(queries)} queries"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
