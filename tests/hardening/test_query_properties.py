"""Property tests of the search box's syntax (archive/search/querysyntax.py): any string parses
and compiles, and any query renders a page (200, or 400 with a helpful page), never a 500."""

import pytest
from django.db import connection
from django.utils.html import escape
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from archive.search.contract import TEXT_FIELD_BY_GROUP
from archive.search.querysyntax import Compiler, parse

from .strategies import ANY_CHAR, HOSTILE_CHARS

SYNTAX = ['"', "(", ")", "-", "AND", "OR", "NOT", "person:", "outlet:", "*", "?", ":", " ", "  "]
query_pieces = st.one_of(
    st.sampled_from(SYNTAX),
    st.sampled_from(["Tô", "Lâm", "Japan", "Việt", "日本", "to-lam", "x" * 300]),
    st.text(st.sampled_from(HOSTILE_CHARS), min_size=1, max_size=3),
    st.text(ANY_CHAR, max_size=12),
)
queries = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.lists(query_pieces, max_size=30).map(" ".join),
    st.lists(query_pieces, max_size=30).map("".join),
)
compiler = Compiler(TEXT_FIELD_BY_GROUP, lambda field, value: wq.Term(field, value))


@given(queries)
@example("(" * 50 + "a" + ")" * 50)
@example('person:"')
@example("-" * 10)
@example("NOT NOT NOT")
def test_any_text_parses_and_compiles(text):
    parsed = parse(text)
    compiler.compile(parsed.tree)
    # Whatever the parser made of it (or fell back to), it searches only what was typed.
    for leaf in parsed.positive_leaves():
        assert leaf.text in text
    assert all(word in text for word in parsed.words())


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries)
@example("x" * 5000)
def test_any_query_renders_a_page(client, text):
    # On PostgreSQL a NUL answers 500: test_random_queries.test_a_nul_in_the_query_is_answered.
    assume(connection.vendor != "postgresql" or "\x00" not in text)
    for url in ("/search/", "/api/search/"):
        response = client.get(url, {"q": text})
        assert response.status_code in (200, 400), (url, text)
        if url.startswith("/api/"):
            body = response.json()
            assert ("error" in body) == (response.status_code == 400)
        elif response.status_code == 400:
            # The page says what to fix, in words, and keeps the search form.
            message = response.context["error"]
            assert message and escape(message).encode() in response.content
            assert b'name="q"' in response.content
