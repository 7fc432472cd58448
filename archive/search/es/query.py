"""The search box's parse tree and the search filters, as Elasticsearch query DSL.

The same tree as the Whoosh path (archive/search/querysyntax.py) compiles to the same meaning:
a word or phrase matches, as a phrase of its analysed terms, any of the three language fields
(each analyses it its own way, so a Norwegian word is stemmed the Norwegian way against Norwegian
articles); `AND` children are required, `NOT` / `-` exclude, `OR` needs one; `person:` and
`outlet:` are exact facet values. Filters never score (`bool.filter`).
"""

from __future__ import annotations

from datetime import date

from archive.search.contract import (
    FACET_FIELDS,
    ORIGINAL_OUTLET_FIELD,
    PERSON_BOOST,
    TEXT_FIELD_BY_GROUP,
)
from archive.search.querysyntax import And, FieldValue, Node, Not, Or, Phrase, Word

# Facet values returned per facet: far above what a page shows (the sample has tens of outlets).
FACET_SIZE = 1000
# Events counted per request of the exact event count (a composite aggregation, paged).
EVENT_COUNT_PAGE = 10_000
MATCH_ALL: dict = {"match_all": {}}


def text_query(text: str) -> dict:
    """`text` as a phrase of its analysed terms in any language field (one term: a term query)."""
    return {
        "multi_match": {
            "query": text,
            "type": "phrase",
            "fields": list(TEXT_FIELD_BY_GROUP.values()),
        }
    }


def compile_tree(node: Node | None) -> dict | None:
    """The query of a parse tree; None when it has nothing to search for."""
    if node is None:
        return None
    if isinstance(node, (Word, Phrase)):
        return text_query(node.text) if node.text.strip() else None
    if isinstance(node, FieldValue):
        return {"term": {FACET_FIELDS[node.field]: node.value}}
    if isinstance(node, Not):
        child = compile_tree(node.child)
        return None if child is None else {"bool": {"must_not": [child]}}
    if isinstance(node, Or):
        children = [q for q in map(compile_tree, node.children) if q is not None]
        if not children:
            return None
        if len(children) == 1:
            return children[0]
        return {"bool": {"should": children, "minimum_should_match": 1}}
    assert isinstance(node, And)
    required: list[dict] = []
    excluded: list[dict] = []
    for child in node.children:
        if isinstance(child, Not):
            compiled = compile_tree(child.child)
            if compiled is not None:
                excluded.append(compiled)
        else:
            compiled = compile_tree(child)
            if compiled is not None:
                required.append(compiled)
    if not required and not excluded:
        return None
    if not excluded and len(required) == 1:
        return required[0]
    query: dict = {"must": required or [MATCH_ALL]}
    if excluded:
        query["must_not"] = excluded
    return {"bool": query}


def with_people_boost(text: dict, named: list[str]) -> dict:
    """A name typed in any spelling puts that person's articles first; it filters nothing."""
    if not named:
        return text
    boost = [{"term": {"person_exact": {"value": slug, "boost": PERSON_BOOST}}} for slug in named]
    return {"bool": {"must": [text], "should": boost}}


def filters(params) -> list[dict]:
    """The SearchParams filters as non-scoring clauses."""
    out: list[dict] = []
    if params.outlet:
        # Its stories: published by it, or republished from it by others.
        fields = (FACET_FIELDS["outlet"], ORIGINAL_OUTLET_FIELD)
        out.append({"bool": {"should": [{"terms": {f: list(params.outlet)}} for f in fields]}})
    if params.language:
        out.append({"terms": {FACET_FIELDS["language"]: list(params.language)}})
    if params.person:
        out.append({"terms": {FACET_FIELDS["person"]: list(params.person)}})
    if params.year:
        out.append({"term": {FACET_FIELDS["year"]: params.year}})
    if params.month:
        out.append({"term": {FACET_FIELDS["month"]: params.month}})
    if params.date_from or params.date_to:
        bounds: dict = {"format": "strict_date"}
        if params.date_from:
            bounds["gte"] = _iso(params.date_from)
        if params.date_to:
            bounds["lte"] = _iso(params.date_to)  # a day: the whole day is inside
        out.append({"range": {"published_on": bounds}})
    return out


def _iso(day: date) -> str:
    return day.isoformat()


def restricted(query: dict, clauses: list[dict]) -> dict:
    """`query` restricted by filter clauses, its score unchanged."""
    if not clauses:
        return query
    return {"bool": {"must": [query], "filter": clauses}}


def sort_clause(sort: str) -> list:
    """Newest or oldest first, undated articles last either way; then a stable tie-break."""
    order = "desc" if sort == "newest" else "asc"
    return [
        {"published_on": {"order": order, "missing": "_last"}},
        {"event_id": {"order": "desc"}},
    ]


def facet_aggregations() -> dict:
    aggs: dict = {
        name: {"terms": {"field": field, "size": FACET_SIZE}}
        for name, field in FACET_FIELDS.items()
    }
    aggs["events"] = event_count_aggregation()
    return aggs


def event_count_aggregation(after: dict | None = None) -> dict:
    """Distinct events, paged: exact where `cardinality` would only estimate."""
    composite: dict = {
        "size": EVENT_COUNT_PAGE,
        "sources": [{"event": {"terms": {"field": "event_id"}}}],
    }
    if after is not None:
        composite["after"] = after
    return {"composite": composite}


def page_body(query: dict, sort: list | None, start: int, size: int) -> dict:
    """Pass 1: exact article count, facets, event count, and this page of events (each event's
    best hit, by score or by `sort`)."""
    body: dict = {
        "query": query,
        "track_total_hits": True,
        "aggs": facet_aggregations(),
        "collapse": {"field": "event_id"},
        "from": start,
        "size": size,
        "_source": ["django_id", "event_id"],
    }
    if sort:
        body["sort"] = sort
    return body


def versions_body(query: dict, sort: list | None, event_ids: list[int], limit: int) -> dict:
    """Pass 2: the matching versions of this page's events only."""
    body: dict = {
        "query": restricted(query, [{"terms": {"event_id": event_ids}}]),
        "size": limit,
        "_source": ["django_id", "event_id"],
        "track_total_hits": False,
    }
    if sort:
        body["sort"] = sort
    return body


def suggest_body(words: list[str], field: str) -> dict:
    """Term suggestions for words missing from the index: 1 or 2 edits, same first letter."""
    return {
        "size": 0,
        "suggest": {
            f"w{i}": {
                "text": word,
                "term": {
                    "field": field,
                    "suggest_mode": "missing",
                    "prefix_length": 1,
                    "max_edits": 2,
                    "min_word_length": 3,
                    "size": 10,  # ranked as the Whoosh path ranks them (es.service)
                    "sort": "score",
                },
            }
            for i, word in enumerate(words)
        },
    }
