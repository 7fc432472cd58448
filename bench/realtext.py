"""Real news text for the benchmark: Reuters-21578 and BBC News, turned into captures.

Neither dataset is in this repository, and nothing here copies its text into it: both are read
from a folder outside it (``--real-text DIR``, by default ``~/.cache/archive-bench/real/``), and
the captures written from them go to the benchmark's data directory. The folder holds::

    DIR/reuters/reut2-000.sgm … reut2-021.sgm   Reuters-21578 (Distribution 1.0), as published
    DIR/bbc/business/001.txt …                  BBC News (D. Greene and P. Cunningham, ICML 2006):
    DIR/bbc/{entertainment,politics,sport,tech}/  the first line of each file is the title

(the README's benchmark section says where to get them). ``generate(real_dir, folder, n, seed)``
writes ``n`` of their articles as ``.jsonl`` captures (``text``, ``url``, ``outlet``,
``captured_at``, ``language``) under ``folder/captures/`` and a ``folder/manifest.json`` that
lists where they came from but none of their text.

Dates: a Reuters story's is its ``<DATE>`` (1987); the BBC set has none, so each BBC story gets
a day of 2004-2005 (the years it covers) drawn with the seed. The date goes in the capture as
its export field (``date YYYY-MM-DD`` first, as `clean.take_capture_date_prefix` reads it).
Which articles: both sets' articles with a body, shuffled together with the seed, the first
``n`` taken; so any size mixes both outlets.
"""

from __future__ import annotations

import html
import json
import random
import re
from datetime import date, datetime, timedelta
from pathlib import Path

DEFAULT_DIR = Path.home() / ".cache" / "archive-bench" / "real"
PER_FILE = 1000  # captures per .jsonl file

README = """REAL NEWS TEXT FOR THE BENCHMARK — NOT FOR PUBLICATION

Written by bench/realtext.py from Reuters-21578 and the BBC News dataset (D. Greene and
P. Cunningham, ICML 2006) read from {source}. The texts belong to their owners (Reuters, the
BBC); this folder is a working copy for timing the archive. Never commit it or publish it.
The BBC stories' dates are invented (the dataset has none): a day of 2004-2005 drawn at random.
"""

_REUTERS = re.compile(r"<REUTERS\b[^>]*NEWID=\"(?P<id>\d+)\"[^>]*>(?P<doc>.*?)</REUTERS>", re.S)
_TAG = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "BODY")}
_DAY = re.compile(r"\d{1,2}-[A-Z]{3}-\d{4}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SIGN_OFF = re.compile(r"\s*\bReuter\s*$")
_PARAGRAPH = re.compile(r"\n(?:    |\t)")  # Reuters indents each paragraph after the first


def _clean(text: str) -> str:
    return _CONTROL.sub("", html.unescape(text))


def reuters_articles(folder: Path) -> list[dict]:
    """Every Reuters-21578 story with a title and a body, in file order."""
    articles = []
    for path in sorted(folder.glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for match in _REUTERS.finditer(raw):
            doc = match["doc"]
            parts = {name: pattern.search(doc) for name, pattern in _TAG.items()}
            if not (parts["TITLE"] and parts["BODY"] and parts["DATE"]):
                continue
            body = _SIGN_OFF.sub("", _clean(parts["BODY"][1]))
            paragraphs = [" ".join(p.split()) for p in _PARAGRAPH.split(body)]
            paragraphs = [p for p in paragraphs if p]
            if len(" ".join(paragraphs).split()) < 20:  # a one-line price or table
                continue
            written = _DAY.search(parts["DATE"][1])
            if written is None:
                continue
            day = datetime.strptime(written[0], "%d-%b-%Y").date()
            newid = match["id"]
            articles.append(
                {
                    "source": f"reuters:{path.name}:{newid}",
                    "title": " ".join(_clean(parts["TITLE"][1]).split()),
                    "paragraphs": paragraphs,
                    "date": day,
                    "outlet": "Reuters",
                    "url": f"https://www.reuters.com/archive/reuters21578/{newid}",
                }
            )
    return articles


def bbc_articles(folder: Path, rng: random.Random) -> list[dict]:
    """Every BBC News story (title on the first line), with a day of 2004-2005 drawn by `rng`."""
    articles = []
    first, days = date(2004, 1, 1), 731
    for path in sorted(folder.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines = [" ".join(line.split()) for line in _clean(text).splitlines()]
        lines = [line for line in lines if line]
        if len(lines) < 2:
            continue
        topic = path.parent.name
        articles.append(
            {
                "source": f"bbc:{topic}/{path.name}",
                "title": lines[0],
                "paragraphs": lines[1:],
                "date": first + timedelta(days=rng.randrange(days)),
                "outlet": "BBC News",
                "url": f"https://news.bbc.co.uk/archive/{topic}/{path.stem}.stm",
            }
        )
    return articles


def available(real_dir: Path) -> int:
    """How many articles the folder holds (0 when it has neither dataset)."""
    real_dir = Path(real_dir)
    return len(reuters_articles(real_dir / "reuters")) + len(
        bbc_articles(real_dir / "bbc", random.Random(0))
    )


def capture_line(article: dict) -> str:
    day = article["date"]
    text = "\n\n".join([f"date {day.isoformat()}", article["title"], *article["paragraphs"]])
    record = {
        "text": text,
        "url": article["url"],
        "outlet": article["outlet"],
        "captured_at": f"{day.isoformat()}T12:00:00Z",
        "language": "en",
    }
    return json.dumps(record, ensure_ascii=False)


def generate(real_dir: Path, folder: Path, n: int, seed: int) -> dict:
    """Write `n` real articles as captures under `folder/captures/`; return the manifest."""
    real_dir = Path(real_dir).expanduser()
    rng = random.Random(seed)
    articles = reuters_articles(real_dir / "reuters") + bbc_articles(real_dir / "bbc", rng)
    if len(articles) < n:
        raise SystemExit(
            f"{real_dir} holds {len(articles):,} articles of Reuters-21578 and BBC News, "
            f"fewer than the {n:,} asked for (see the README's benchmark section)"
        )
    rng.shuffle(articles)
    chosen = articles[:n]
    captures = Path(folder) / "captures"
    captures.mkdir(parents=True, exist_ok=True)
    for start in range(0, n, PER_FILE):
        lines = [capture_line(article) for article in chosen[start : start + PER_FILE]]
        path = captures / f"real-{start // PER_FILE:04d}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (Path(folder) / "README.txt").write_text(README.format(source=real_dir), encoding="utf-8")
    by_outlet: dict[str, int] = {}
    for article in chosen:
        by_outlet[article["outlet"]] = by_outlet.get(article["outlet"], 0) + 1
    manifest = {
        "real_text": True,
        "note": "Reuters-21578 and BBC News captures written by bench/realtext.py; not ours.",
        "seed": seed,
        "captures": n,
        "source_dir": str(real_dir),
        "by_outlet": dict(sorted(by_outlet.items())),
        "articles": [article["source"] for article in chosen],
        "officials": [],
        "events": [],
    }
    (Path(folder) / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def summary(manifest: dict) -> dict:
    return {
        "captures": manifest["captures"],
        "real_text": True,
        "by_outlet": manifest["by_outlet"],
    }
