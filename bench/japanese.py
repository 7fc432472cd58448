"""Japanese search analysis compared: Sudachi, fugashi with unidic-lite, character bigrams.

``python -m bench.japanese`` prints, for each analyser, its recall and precision on a small
labelled set (`SENTENCES`, `QUERIES`: sentences written for this benchmark, in the style of news
reports of Vietnam–Japan meetings, quoting no outlet), and its indexing speed: the characters a
second it cuts, and the seconds to write `--articles` Japanese articles (made from the sentences)
into a Whoosh index with the archive's schema field for each analyser.

A query matches a sentence when its units occur in the sentence's units in a row (the archive's
exact phrase: a word that analyses to several units is searched as a phrase). The labels say which
sentences a reader looking for the word wants; a sentence that writes the characters inside
another word (`京都` in `東京都`, `国会` in `両国会談`) is not one of them.

fugashi is optional (`pip install fugashi unidic-lite`); without it its rows are skipped.
The figures are in docs/measurements.md ("Japanese analysis").
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime

# Sentence id -> text.
SENTENCES: dict[str, str] = {
    "s01": "石破茂首相は29日、ハノイでファム・ミン・チン首相と首脳会談を行い、"
    "経済協力の強化で一致した。",
    "s02": "両首脳は会談後に共同声明を発表し、安全保障分野での連携を確認した。",
    "s03": "首相はベトナム訪問中、日本企業の関係者と懇談した。",
    "s04": "外相会談では、技能実習生の受け入れ制度の見直しについて意見を交わした。",
    "s05": "東京都の知事は、ベトナムの首都ハノイとの交流事業を紹介した。",
    "s06": "京都で開かれた国際会議に、ベトナムの代表団が参加した。",
    "s07": "両国会談の冒頭、双方は半導体の供給網について協議した。",
    "s08": "国会では、政府開発援助の予算案が審議された。",
    "s09": "ﾍﾞﾄﾅﾑ政府は、日本からの投資が増えていると説明した。",
    "s10": "在ハノイ日本大使館は、首脳の訪問日程を公表した。",
    "s11": "会談に先立ち、首相は戦没者の慰霊碑に献花した。",
    "s12": "ＡＳＥＡＮ首脳会議に合わせ、日越の外相が短時間会談した。",
    "s13": "ヴェトナムとの経済連携協定は、発効から十年を迎えた。",
    "s14": "首相官邸で開かれた夕食会には、両国の閣僚が出席した。",
    "s15": "実習生の保護について、労働大臣は新たな指針を示した。",
    "s16": "首脳らは気候変動への対応でも協力を深めることを申し合わせた。",
    "s17": "石破首相は記者団に対し、訪問の成果を強調した。",
    "s18": "チン首相は、日本の支援に謝意を表明した。",
    "s19": "大使は記者会見で、両国関係は最良の状態にあると述べた。",
    "s20": "会議の後、両氏は握手を交わし、次回の会談を東京で行うことを確認した。",
}

# Query -> the sentences a reader looking for it wants.
QUERIES: dict[str, set[str]] = {
    "首脳会談": {"s01"},
    "石破": {"s01", "s17"},
    "首相": {"s01", "s03", "s11", "s14", "s17", "s18"},
    "ベトナム": {"s03", "s05", "s06", "s09", "s13"},
    "会談": {"s01", "s02", "s04", "s07", "s11", "s12", "s20"},
    "京都": {"s06"},
    "東京": {"s05", "s20"},
    "国会": {"s08"},
    "大使": {"s19"},
    "大使館": {"s10"},
    "実習生": {"s04", "s15"},
    "首脳": {"s01", "s02", "s10", "s12", "s16"},
    "協力": {"s01", "s16"},
    "ASEAN": {"s12"},
    "共同声明": {"s02"},
    "安全保障": {"s02"},
    "経済": {"s01", "s13"},
    "発表": {"s02"},
    "会議": {"s06", "s12", "s20"},
    "日本": {"s03", "s09", "s10", "s18"},
}


def sudachi_analyzer():
    from archive.search.analysis import analyzer_for

    return analyzer_for("ja")


def bigram_analyzer():
    from archive.search.analysis import analyzer_for

    return analyzer_for("cjk")


def words_analyzer():
    """What Japanese text had before: the other languages' words (a clause is one word)."""
    from archive.search.analysis import analyzer_for

    return analyzer_for("other")


def _fugashi_tokenizer_class():
    from archive.search.segmenting import SegmentingTokenizer, fold_term

    class FugashiTokenizer(SegmentingTokenizer):
        """fugashi (MeCab) with unidic-lite: each unit's surface, folded as the archive folds."""

        def segment(self, word):
            out, at = [], 0
            for unit in _tagger()(word):
                surface = unit.surface
                start = word.find(surface, at)
                if start < 0:
                    continue
                at = start + len(surface)
                term = fold_term(surface)
                if any(char.isalnum() for char in term):
                    out.append((term, start, at))
            return out

    FugashiTokenizer.__module__, FugashiTokenizer.__qualname__ = __name__, "FugashiTokenizer"
    return FugashiTokenizer


_TAGGER = []


def _tagger():
    if not _TAGGER:
        import fugashi

        _TAGGER.append(fugashi.Tagger())
    return _TAGGER[0]


def fugashi_analyzer():
    try:
        import fugashi  # noqa: F401
    except ImportError:
        return None
    from whoosh.analysis import CompositeAnalyzer

    global FugashiTokenizer
    FugashiTokenizer = _fugashi_tokenizer_class()
    return CompositeAnalyzer(FugashiTokenizer())


FugashiTokenizer = None

ANALYZERS = {
    "words": words_analyzer,
    "sudachi": sudachi_analyzer,
    "fugashi": fugashi_analyzer,
    "bigrams": bigram_analyzer,
}


def units(analyzer, text: str) -> list[str]:
    return [token.text for token in analyzer(text, mode="index")]


def matches(query_units: list[str], text_units: list[str]) -> bool:
    n = len(query_units)
    return n > 0 and any(
        text_units[i : i + n] == query_units for i in range(len(text_units) - n + 1)
    )


def quality(analyzer) -> dict:
    """Recall and precision (micro-averaged over the queries) and the misses and wrong hits."""
    cut = {sid: units(analyzer, text) for sid, text in SENTENCES.items()}
    found = wanted = right = 0
    missed, wrong = [], []
    for query, labels in QUERIES.items():
        query_units = [token.text for token in analyzer(query, mode="query")]
        hits = {sid for sid, text_units in cut.items() if matches(query_units, text_units)}
        found += len(hits)
        wanted += len(labels)
        right += len(hits & labels)
        missed += [f"{query}:{sid}" for sid in sorted(labels - hits)]
        wrong += [f"{query}:{sid}" for sid in sorted(hits - labels)]
    return {
        "recall": right / wanted,
        "precision": right / found if found else 0.0,
        "missed": missed,
        "wrong": wrong,
    }


def articles(count: int, seed: int = 7) -> list[str]:
    """`count` Japanese articles of 12 to 30 sentences each (about 600 to 1,500 characters)."""
    rng = random.Random(seed)
    texts = list(SENTENCES.values())
    out = []
    for n in range(count):
        day = f"{n % 28 + 1}日"
        lines = [rng.choice(texts).replace("29日", day) for _ in range(rng.randint(12, 30))]
        out.append("\n".join(lines))
    return out


def _fresh(analyzer):
    """A copy of `analyzer` that remembers nothing yet."""
    return type(analyzer)(*[type(item)() for item in analyzer.items])


def cutting_speed(analyzer, texts: list[str]) -> float:
    """Characters a second the analyser cuts (each text once, as indexing does), remembering
    no run: the articles here repeat their sentences, real ones rarely do."""
    from archive.search import segmenting

    fresh = _fresh(analyzer)
    kept, segmenting._MAX_CACHED_RUN = segmenting._MAX_CACHED_RUN, 0
    try:
        start = time.perf_counter()
        for text in texts:
            for _ in fresh(text, positions=True, mode="index"):
                pass
        return sum(map(len, texts)) / (time.perf_counter() - start)
    finally:
        segmenting._MAX_CACHED_RUN = kept


def indexing_seconds(analyzer, texts: list[str]) -> float:
    """Seconds to write `texts` into a new Whoosh index (in a temporary folder), one field
    analysed by `analyzer` as the archive's text fields are (positions, spelling words), one
    writer, one commit."""
    import tempfile

    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    from archive.search import segmenting

    fresh = _fresh(analyzer)
    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=fresh, phrase=True, spelling=True))
    kept, segmenting._MAX_CACHED_RUN = segmenting._MAX_CACHED_RUN, 0
    try:
        with tempfile.TemporaryDirectory() as folder:
            index = whoosh_index.create_in(folder, schema)
            start = time.perf_counter()
            writer = index.writer()
            for n, text in enumerate(texts):
                writer.add_document(id=str(n), text=text)
            writer.commit()
            return time.perf_counter() - start
    finally:
        segmenting._MAX_CACHED_RUN = kept


# English sentences of the same kind, for the same measurement on English articles.
ENGLISH = [
    "Prime Minister Ishiba Shigeru held talks with Prime Minister Pham Minh Chinh in Hanoi.",
    "The two leaders agreed to strengthen cooperation in the economy and in economic security.",
    "They signed a joint statement and discussed supply chains for semiconductors.",
    "The foreign ministers reviewed the programme for technical intern trainees.",
    "The governor of Tokyo presented exchanges with the Vietnamese capital.",
    "A Vietnamese delegation attended an international conference held in Kyoto.",
    "The ambassador told reporters that relations between the two countries were at their best.",
    "After the meeting the two men shook hands and agreed to meet next in Tokyo.",
]


def english_articles(count: int, seed: int = 7) -> list[str]:
    """`count` English articles of 12 to 30 sentences each."""
    rng = random.Random(seed)
    return [
        "\n".join(rng.choice(ENGLISH) for _ in range(rng.randint(12, 30))) for _ in range(count)
    ]


SEARCHES = [
    "首脳会談", "石破", "ベトナム", '"首脳会談を行い"', "首相 会談", "京都", "Ishiba",
    "cooperation", '"joint statement"', "leaders agreed",
]  # fmt: skip


def archive_index(
    texts: dict[str, list[str]], folder: str, searches: list[str], runs: int = 20
) -> dict:
    """The archive's own schema and analysis (haystack's index, our backend's schema) in a new
    Whoosh index under `folder`: seconds to write each language's articles (one writer, one
    commit, as a batch of the sync queue), then each search's median and 95th percentile over
    20 runs, compiled as the search page compiles it (ms): through Whoosh's searcher ("search")
    and through the search page's own pass over the hits ("archive": `service.collect_hits`,
    which needs a migrated database, for the people a query names)."""
    from haystack import connections
    from whoosh import index as whoosh_index

    from archive.search.backend import ArchiveWhooshBackend
    from archive.search.contract import TEXT_FIELD_BY_GROUP, SearchParams
    from archive.search.querysyntax import Compiler, parse
    from archive.search.service import collect_hits

    fields = connections["default"].get_unified_index().all_searchfields()
    backend = connections["default"].get_backend()
    _, schema = ArchiveWhooshBackend.build_schema(backend, fields)
    index = whoosh_index.create_in(folder, schema)
    out: dict = {"write": {}, "search": {}, "archive": {}}
    number = 0
    from archive.search import segmenting

    kept, segmenting._MAX_CACHED_RUN = segmenting._MAX_CACHED_RUN, 0  # as in cutting_speed
    for language, articles in texts.items():
        start = time.perf_counter()
        writer = index.writer()
        for text in articles:
            number += 1
            day = datetime(2015 + number % 10, number % 12 + 1, number % 28 + 1)
            writer.add_document(
                id=f"archive.article.{number}", django_ct="archive.article",
                django_id=str(number), language=language, language_exact=language,
                event_id=number // 3, event=f"event-{number // 3}", outlet=f"outlet-{number % 40}",
                outlet_exact=f"outlet-{number % 40}", published_on=day, year=day.year,
                year_exact=day.year, month=day.month, month_exact=day.month,
                person=f"official-{number % 500}", person_exact=f"official-{number % 500}",
                **{TEXT_FIELD_BY_GROUP[language_group(language)]: text},
            )  # fmt: skip
        writer.commit()
        out["write"][language] = time.perf_counter() - start
    segmenting._MAX_CACHED_RUN = kept
    compiler = Compiler(TEXT_FIELD_BY_GROUP, lambda prefix, slug: None)
    with index.searcher() as searcher:
        for q in searches:
            query = compiler.compile(parse(q).tree)
            out["search"][q] = _timed(
                lambda query=query: len(searcher.search(query, limit=10)), runs
            )
            # The search page's own path: one pass over every hit (counts, facets, events).
            params = SearchParams(q=q)
            out["archive"][q] = _timed(
                lambda params=params: collect_hits(params, 10, searcher).page.count, runs
            )
    return out


def _timed(run, times: int = 20) -> tuple[float, float, int]:
    """Median and 95th percentile (ms) of `times` runs, and what the last one returned."""
    spent = []
    for _ in range(times):
        start = time.perf_counter()
        found = run()
        spent.append((time.perf_counter() - start) * 1000)
    spent.sort()
    return spent[len(spent) // 2], spent[int(len(spent) * 0.95) - 1], found


def language_group(language: str) -> str:
    from archive.search.analysis import language_group as group

    return group(language)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.japanese", description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--index",
        type=int,
        default=0,
        metavar="N",
        help="also write N Japanese and N English articles into an index of the archive's "
        "schema, and time searches in it",
    )
    args = parser.parse_args(argv)
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    django.setup()
    texts = articles(args.articles)
    chars = sum(map(len, texts))
    print(
        f"labelled set: {len(SENTENCES)} sentences, {len(QUERIES)} queries, "
        f"{sum(map(len, QUERIES.values()))} relevant pairs"
    )
    print(f"indexing: {len(texts)} articles, {chars:,} characters")
    header = f"{'analyser':<10}{'recall':>8}{'precision':>11}{'chars/s':>12}{'index s':>9}"
    print(header + "  misses / wrong hits")
    for name, make in ANALYZERS.items():
        analyzer = make()
        if analyzer is None:
            print(f"{name:<10} (not installed)")
            continue
        scores = quality(analyzer)
        speed = cutting_speed(analyzer, texts)
        seconds = indexing_seconds(analyzer, texts)
        print(
            f"{name:<10}{scores['recall']:>8.3f}{scores['precision']:>11.3f}{speed:>12,.0f}"
            f"{seconds:>9.2f}  {' '.join(scores['missed']) or '-'} / "
            f"{' '.join(scores['wrong']) or '-'}"
        )
    if args.index:
        import tempfile

        texts = {"ja": articles(args.index), "en": english_articles(args.index)}
        with tempfile.TemporaryDirectory() as folder:
            measured = archive_index(texts, folder, SEARCHES)
        for language, seconds in measured["write"].items():
            chars = sum(map(len, texts[language]))
            print(
                f"index {language}: {args.index} articles ({chars:,} characters) in "
                f"{seconds:.1f} s, {args.index / seconds:,.0f} articles/s"
            )
        for path in ("search", "archive"):
            for q, (median, p95, found) in measured[path].items():
                print(f"{path} {q}: median {median:.2f} ms, p95 {p95:.2f} ms ({found} hits)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
