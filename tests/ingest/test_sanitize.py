"""Stored HTML keeps its text and structure and loses everything executable."""

import pytest

from archive.ingest.sanitize import sanitize_html

HOSTILE = """<html><head><title>Talks</title><script>var stolen = document.cookie;</script>
<style>p { display: none }</style><meta http-equiv="refresh" content="0;url=https://evil.example">
</head><body><article><h1>Ministers meet</h1>
<p onclick="steal()" style="color:red">The ministers met in <b>Hà Nội</b>.</p>
<a href="javascript:alert(1)">bad link</a> <a href="https://example.org/story">good link</a>
<img src="x.jpg" onerror="alert(2)" alt="photo"><iframe src="https://evil.example"></iframe>
<svg onload="alert(3)"></svg><form action="/x"><input name="q"></form><!-- note -->
</article></body></html>"""


@pytest.fixture(scope="module")
def clean() -> str:
    return sanitize_html(HOSTILE)


@pytest.mark.parametrize(
    "trace",
    ["<script", "document.cookie", "stolen", "onclick", "onerror", "onload", "javascript:",
     "<iframe", "<style", "display: none", "http-equiv", "<form", "<input", "<!--", "style="],
)  # fmt: skip
def test_nothing_executable_survives(clean, trace):
    assert trace not in clean


def test_text_and_structure_are_kept(clean):
    assert "<h1>Ministers meet</h1>" in clean
    assert "<b>Hà Nội</b>" in clean
    assert '<a href="https://example.org/story">good link</a>' in clean
    assert 'alt="photo"' in clean


def test_empty_and_plain_text():
    assert sanitize_html("   ") == ""
    assert "just words" in sanitize_html("just words")
