"""The real-text corpus (bench/realtext.py) and the uncached pages (bench/uncached.py), on a few
invented stories laid out as Reuters-21578 and BBC News are. No timing is asserted."""

import json
import random
from datetime import date

import pytest

from archive.models import Article
from bench import measure, realtext, uncached
from bench.report import markdown

TOPICS = (
    "harvest rains cocoa growers exporters shipments warehouse",
    "central bank interest rates inflation currency reserves",
    "election campaign parliament minister coalition ballot",
    "football league championship striker transfer stadium",
)


RARE = ("sericulture", "lacquerware", "geothermal", "marquetry", "bookbinding", "glassblowing")


def _story(rng: random.Random, topic: str, rare: str = "") -> str:
    words = topic.split()
    sentences = [f"A note on {rare}."] if rare else []
    for _ in range(6):
        picked = [rng.choice(words) for _ in range(9)]
        sentences.append(f"Maria Lindqvist said the {' '.join(picked)} would matter.")
    return " ".join(sentences)


def _sgm(stories: list[tuple[int, str, str]]) -> str:
    docs = []
    for newid, title, body in stories:
        docs.append(
            f'<REUTERS TOPICS="NO" NEWID="{newid}">\n<DATE> 5-MAR-1987 10:01:02.00</DATE>\n'
            f"<TEXT>&#2;\n<TITLE>{title}</TITLE>\n<DATELINE>    LONDON, March 5 - </DATELINE>"
            f"<BODY>{body[:200]}\n    {body[200:]}\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
        )
    return '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n' + "".join(docs)


@pytest.fixture
def real_dir(tmp_path):
    rng = random.Random(3)
    folder = tmp_path / "real"
    (folder / "reuters").mkdir(parents=True)
    stories = [
        (
            i + 1,
            f"INVENTED STORY {i} ON {TOPICS[i % 4].split()[0].upper()}",
            _story(rng, TOPICS[i % 4], RARE[i // 2]),
        )
        for i in range(12)
    ]
    stories.append((99, "PRICE TABLE", "Cocoa 12.5 13.0"))  # too short: left out
    (folder / "reuters" / "reut2-000.sgm").write_bytes(_sgm(stories).encode("latin-1"))
    for topic, words in (("business", TOPICS[1]), ("sport", TOPICS[3])):
        (folder / "bbc" / topic).mkdir(parents=True)
        for i in range(6):
            text = (
                f"Invented {topic} headline {i}\n\n{_story(rng, words)}\n\n{_story(rng, words)}\n"
            )
            (folder / "bbc" / topic / f"{i + 1:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_real_text_captures_are_what_the_importer_takes(real_dir, tmp_path):
    assert realtext.available(real_dir) == 24
    manifest = realtext.generate(real_dir, tmp_path / "corpus", 20, seed=5)
    assert manifest["captures"] == 20
    assert set(manifest["by_outlet"]) == {"Reuters", "BBC News"}
    assert realtext.summary(manifest)["captures"] == 20
    again = realtext.generate(real_dir, tmp_path / "again", 20, seed=5)
    assert again["articles"] == manifest["articles"]  # the same seed, the same articles
    lines = (tmp_path / "corpus" / "captures" / "real-0000.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 20
    reuters = next(r for r in records if r["outlet"] == "Reuters")
    assert reuters["text"].startswith("date 1987-03-05\n\nINVENTED STORY")
    assert "Reuter\n" not in reuters["text"] and "&#" not in reuters["text"]
    with pytest.raises(SystemExit):
        realtext.generate(real_dir, tmp_path / "too-many", 25, seed=5)


def test_uncached_pages_on_real_text(real_dir, tmp_path, search_index):
    realtext.generate(real_dir, tmp_path / "corpus", 24, seed=5)
    ingest = measure.measure_ingest(tmp_path / "corpus" / "captures", None)
    assert ingest["summary"]["rejected"] == 0, ingest["rejected_examples"]
    stored = Article.objects.public()
    assert stored.count() == 24
    assert set(stored.values_list("outlet__slug", flat=True)) == {"reuters", "bbc"}
    days = set(stored.values_list("published_on", flat=True))
    assert date(1987, 3, 5) in days
    assert all(day.year in (1987, 2004, 2005) for day in days)

    queries = uncached.sample_queries(seed=2)
    assert len(queries) == len({json.dumps(params, sort_keys=True) for _, params in queries})
    kinds = {kind for kind, _ in queries}
    assert {"rare word", "common word", "phrase", "name", "word + filter"} <= kinds
    assert ("name", {"q": "Maria Lindqvist"}) in queries

    result = uncached.measure(seed=2)
    assert result["queries"] == len(queries) and result["errors"] == 0
    for entry in result["per_query"]:
        assert entry["status"] == 200
        steps = entry["steps_ms"]
        assert set(steps) == set(uncached.STEP_NAMES)
        assert sum(steps.values()) <= entry["ms"] + 0.5, entry
    # Words drawn from the stored articles are found in them.
    for entry in result["per_query"]:
        if entry["kind"] in ("rare word", "common word", "phrase", "name"):
            assert entry["hits"] > 0, entry
    assert result["fts5"]["articles"] == 24
    assert result["fts5"]["bare"]["runs"] == len(queries)
    assert {"median_ms_over_fts5_bare", "median_ms_over_fts5_page"} <= set(result["ratios"])

    table = markdown(
        {
            "generated_at": "now",
            "machine": {"python": "3", "platform": "test", "cpus": 1},
            "seed": 5,
            "repeat": 1,
            "runs": [{"n": 24, "corpus": {"real_text": True}, "uncached": result}],
        }
    )
    for heading in ("### Uncached pages", "Reuters-21578", "| rare word |", "| snippets |"):
        assert heading in table
