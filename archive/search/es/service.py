"""The search service on Elasticsearch: the same SearchParams in, the same SearchPage out.

Two searches, like the Whoosh path's passes:

1. the query and filters, with `track_total_hits` (the exact article count), terms aggregations
   (the facets), a composite aggregation over `event_id` (the exact number of events, paged) and
   `collapse` on `event_id` (this page's events, each by its best hit);
2. the matching versions of those events only.

Then the same database loads as the Whoosh path (`archive.search.hydration`): articles with
outlets and events, snippets from the database text, outlet and people names. The suggestion
comes from a term suggester over the folded, unstemmed `spelling` field, asked in the first
search, its options checked and ranked by the Whoosh path's rules.
"""

from __future__ import annotations

import math
import re

from whoosh.analysis import STOP_WORDS

from archive.ingest.text import fold
from archive.search import hydration
from archive.search.contract import (
    NO_WORDS_NOTICE,
    SearchPage,
    SearchParams,
    check_length,
    ordered_facet,
)
from archive.search.es import query as dsl
from archive.search.es.backend import MAX_RESULT_WINDOW, SPELLING_FIELD
from archive.search.names import name_words, official_suggestion
from archive.search.querysyntax import ParsedQuery, parse
from archive.search.suggestions import MAX_CORRECTIONS_PER_SEARCH

# Versions fetched for one page of events: far above what a page of events holds in practice.
MAX_VERSIONS = 1000


def build_query(params: SearchParams, parsed: ParsedQuery) -> tuple[dict | None, dict | None]:
    """(text query or None, the whole query: text, people boost and filters; None: no search)."""
    text = dsl.compile_tree(parsed.tree)
    clauses = dsl.filters(params)
    if text is None and not clauses:
        return None, None
    main = (
        dsl.MATCH_ALL
        if text is None
        else dsl.with_people_boost(text, hydration.people_named_in(params.q))
    )
    return text, dsl.restricted(main, clauses)


def elasticsearch_page(backend, params: SearchParams, per_page: int = 10) -> SearchPage:
    """One page of results for `params` from the Elasticsearch index of `backend`."""
    check_length(params.q)
    page = SearchPage(params=params, page=params.page, per_page=per_page)
    if params.is_empty():
        return page
    parsed = parse(params.q) if params.q else ParsedQuery(None)
    page.notice = parsed.notice
    text, query = build_query(params, parsed)
    if text is None and params.q and not page.notice:
        page.notice = NO_WORDS_NOTICE
    if query is None:
        return page

    backend.ensure_setup()
    conn, index = backend.conn, backend.index_name
    page.outlet_names = hydration.outlet_names()
    by_relevance = params.sort == "relevance" and text is not None
    # Without words there is no relevance: newest first, as on the Whoosh path.
    sort = (
        None if by_relevance else dsl.sort_clause("oldest" if params.sort == "oldest" else "newest")
    )

    start = (params.page - 1) * per_page
    in_window = start + per_page <= MAX_RESULT_WINDOW
    body = dsl.page_body(query, sort, start if in_window else 0, per_page if in_window else 0)
    words = _suggestable(parsed) if params.q and parsed.tree is not None else []
    if words:  # the suggester's answer comes with the page's: one request fewer
        body["suggest"] = dsl.suggest_body(words, SPELLING_FIELD)["suggest"]
    response = conn.search(index=index, body=body)
    page.count = response["hits"]["total"]["value"]
    aggregations = response.get("aggregations", {})
    page.facets = facets_from(aggregations)
    page.event_count = _event_count(conn, index, query, aggregations.get("events", {}))
    page.pages = math.ceil(page.event_count / per_page) if page.event_count else 0
    if not in_window and start < page.event_count:
        page.notice = (
            f"Only the first {MAX_RESULT_WINDOW // per_page} pages can be shown; "
            "narrow the search to see the rest."
        )

    if params.q and parsed.tree is not None:
        page.suggestion = suggestion(conn, index, params.q, parsed, response.get("suggest", {}))

    event_ids = [hit["_source"]["event_id"] for hit in response["hits"]["hits"] if in_window]
    if event_ids:
        versions = conn.search(
            index=index, body=dsl.versions_body(query, sort, event_ids, MAX_VERSIONS)
        )
        article_ids = [int(hit["_source"]["django_id"]) for hit in versions["hits"]["hits"]]
        page.results = hydration.event_hits(event_ids, article_ids, parsed)

    page.person_names = hydration.person_names([slug for slug, _ in page.facets.get("person", [])])
    return page


def facets_from(aggregations: dict) -> dict[str, list[tuple[str, int]]]:
    """Facet counts ordered as the Whoosh path orders them."""
    facets: dict[str, list[tuple[str, int]]] = {}
    for name in dsl.FACET_FIELDS:
        counts = [
            (str(bucket["key"]), bucket["doc_count"])
            for bucket in aggregations.get(name, {}).get("buckets", [])
            if bucket["doc_count"] > 0 and str(bucket["key"]) != ""
        ]
        facets[name] = ordered_facet(name, counts)
    return facets


def _event_count(conn, index: str, query: dict, events: dict) -> int:
    total = len(events.get("buckets", []))
    after = events.get("after_key")
    while after is not None and len(events.get("buckets", [])) == dsl.EVENT_COUNT_PAGE:
        body = {
            "query": query,
            "size": 0,
            "track_total_hits": False,
            "aggs": {"events": dsl.event_count_aggregation(after)},
        }
        events = conn.search(index=index, body=body)["aggregations"]["events"]
        total += len(events.get("buckets", []))
        after = events.get("after_key")
    return total


def _visible(conn, index: str, word: str) -> bool:
    """Whether a document still in the index has `word`: the suggester reads the terms of
    deleted documents too (an event hidden after it was indexed) until their segment merges."""
    body = {"size": 0, "terminate_after": 1, "query": {"term": {SPELLING_FIELD: word}}}
    return conn.search(index=index, body=body)["hits"]["total"]["value"] > 0


def _edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def _nearest_first(target: str, options: list[dict]) -> list[str]:
    """The suggester's options as the Whoosh path ranks its candidates: fewer edits first, then
    the most frequent, then alphabetically; never a stop word."""
    ranked = sorted(
        (_edits(target, o["text"]), -o.get("freq", 0), o["text"])
        for o in options
        if o["text"] not in STOP_WORDS
    )
    return [text for _, _, text in ranked]


def _known(conn, index: str, word: str) -> bool:
    """Whether `word`, as each language field analyses it, finds a document (Whoosh's `_known`)."""
    body = {"size": 0, "terminate_after": 1, "query": dsl.text_query(word)}
    return conn.search(index=index, body=body)["hits"]["total"]["value"] > 0


def _suggestable(parsed: ParsedQuery) -> list[str]:
    return list(dict.fromkeys(word for word in parsed.words() if not word.isdigit()))


def suggestion(
    conn, index: str, text: str, parsed: ParsedQuery, suggested: dict | None = None
) -> str | None:
    """`text` with its words unknown to the index replaced by the nearest known words, by the
    Whoosh path's rules (archive.search.suggestions.suggest): a run of words that nearly spells a
    name the archive knows is offered the name, a word of an official's name is left as typed,
    a stop word is never offered, and a few words are corrected per search."""
    words = _suggestable(parsed)
    if not words:
        return None
    if suggested is None:  # not asked with the page
        body = dsl.suggest_body(words, SPELLING_FIELD)
        suggested = conn.search(index=index, body=body).get("suggest", {})
    several = len(parsed.words()) > 1
    result, changed, looked_up = text, False, 0
    for i, word in enumerate(words):
        entries = suggested.get(f"w{i}", [])
        options = [option["text"] for entry in entries for option in entry.get("options", [])]
        if not options and not several:
            continue  # nothing to offer (known, or nothing near)
        if _known(conn, index, word):
            continue
        if several and (named := official_suggestion(text)):
            return named
        if fold(word) in name_words():
            continue
        looked_up += 1
        if looked_up > MAX_CORRECTIONS_PER_SEARCH:
            break
        # One entry per analysed token; a word that folds to several tokens is left alone.
        if len(entries) != 1:
            continue
        candidates = _nearest_first(fold(word), entries[0]["options"])
        better = next((o for o in candidates if _visible(conn, index, o)), None)
        if better is None:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
        result = pattern.sub(better, result)
        changed = True
    return result.strip() if changed else None
