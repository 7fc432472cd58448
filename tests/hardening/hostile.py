"""Hostile capture files, written into a folder on demand; shared by the import and command tests.

Each builder writes one file (or folder) and returns its path. The stories in the files that
should import are the repo's own sample captures (samples/captures), re-encoded or padded, so no
real capture's text is copied.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path

from tests.conftest import SAMPLES_DIR

IMPORTED = frozenset({"created", "duplicate", "updated"})
# Good files imported in every batch beside the hostile one.
GOOD_FILES = ("s01_vna_chinh_kishida_tokyo.txt", "s06_vns_japan_vietnam_festival.txt")


def sample_text(name: str) -> str:
    return (SAMPLES_DIR / name).read_text(encoding="utf-8")


def random_bytes(folder: Path) -> Path:
    path = folder / "random.txt"
    path.write_bytes(random.Random(10).randbytes(300_000))
    return path


def nul_bytes(folder: Path) -> Path:
    text = sample_text("s07_vna_ishiba_visit_hanoi.txt")
    path = folder / "nul.txt"
    path.write_bytes("\x00".join(text[i : i + 50] for i in range(0, len(text), 50)).encode())
    return path


def utf16_with_bom(folder: Path) -> Path:
    path = folder / "utf16.txt"
    path.write_bytes(sample_text("s03_vna_hcmc_metro_line1.txt").encode("utf-16"))  # BOM first
    return path


def utf16_with_a_nul(folder: Path) -> Path:
    """One NUL character in a UTF-16 story: too few controls to look binary, and a character
    PostgreSQL refuses in text."""
    text = sample_text("s04_vietnamvn_en_hcmc_metro_line1.txt")
    path = folder / "utf16-nul.txt"
    path.write_bytes((text[:300] + "\x00" + text[300:]).encode("utf-16"))
    return path


def utf16_broken(folder: Path) -> Path:
    path = folder / "utf16-broken.txt"
    lone_surrogate = b"\x00\xd8"
    path.write_bytes(b"\xff\xfe" + "Hanoi talks".encode("utf-16-le") + lone_surrogate)
    return path


def million_newlines(folder: Path) -> Path:
    path = folder / "newlines.txt"
    path.write_bytes(b"\n" * 1_000_000)
    return path


def story_in_a_million_newlines(folder: Path) -> Path:
    paragraphs = sample_text("s08_vns_ishiba_visit_hanoi.txt").splitlines()
    path = folder / "story-newlines.txt"
    middle = len(paragraphs) // 2
    text = "\n".join(paragraphs[:middle]) + "\n" * 1_000_000 + "\n".join(paragraphs[middle:])
    path.write_text(text, encoding="utf-8")
    return path


def single_line(folder: Path) -> Path:
    """A 1.8 MB line of sentences: one paragraph the size of a book."""
    sentence = sample_text("s09_vietnamvn_en_ishiba_visit_hanoi.txt").replace("\n", " ")
    path = folder / "one-line.txt"
    path.write_text((sentence * (1_800_000 // len(sentence) + 1))[:1_800_000], encoding="utf-8")
    return path


def single_word_line(folder: Path) -> Path:
    path = folder / "one-word.txt"
    path.write_text("Hanoi" * 360_000, encoding="utf-8")  # 1.8 MB, no space at all
    return path


def nested_divs(folder: Path) -> Path:
    lines = sample_text("s12_vna_trung_ito_year_review.txt").splitlines()
    story = "".join(f"<p>{line}</p>" for line in lines)
    path = folder / "nested.html"
    path.write_text(
        "<html><head><title>Nested</title></head><body>"
        + "<div>" * 20_000
        + story
        + "</div>" * 20_000
        + "</body></html>",
        encoding="utf-8",
    )
    return path


def over_the_size_limit(folder: Path) -> Path:
    path = folder / "big.txt"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(1_300):
            handle.write(sample_text("s13_vns_weekday_trung_ito_year_review.txt"))  # about 3 MB
    with path.open("ab") as handle:
        handle.write(b"Hanoi talks. " * 250_000)  # past 5 MB
    return path


def scripted_page(folder: Path) -> Path:
    """A page full of what must never be stored: scripts, handlers, javascript: links, frames."""
    lines = sample_text("s05_vietnamvn_no_hcmc_metro_line1.txt").splitlines()
    story = "".join(f'<p onmouseover="steal()">{line}</p>' for line in lines)
    path = folder / "scripted.html"
    path.write_text(
        "<html><head><title>Metro</title><script>document.cookie</script>"
        "<style>body{background:url(javascript:alert(1))}</style></head><body>"
        f'<article><h1>Metro line opens</h1>{story}<img src=x onerror="alert(1)">'
        '<a href="javascript:alert(1)">more</a><iframe src="https://evil.example"></iframe>'
        "<svg><script>alert(2)</script></svg></article></body></html>",
        encoding="utf-8",
    )
    return path


def xml_declared_page(folder: Path) -> Path:
    """XHTML that declares its encoding: lxml refuses such a document given as text."""
    lines = sample_text("s02_vns_chinh_kishida_tokyo.txt").splitlines()
    path = folder / "xhtml.html"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Talks</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in lines)
        + "</article></body></html>",
        encoding="utf-8",
    )
    return path


def malformed_jsonl(folder: Path) -> Path:
    good = {
        "text": sample_text("s10_vietnamvn_no_ishiba_visit_hanoi.txt"),
        "url": "https://example.org/no",
    }
    lines = [
        b'{"text": "unclosed',
        b"[1, 2, 3]",
        b'"just a string"',
        json.dumps({"text": 5}).encode(),
        json.dumps({"html": ["<p>"]}).encode(),
        json.dumps({"url": "https://example.org/no-text"}).encode(),
        json.dumps({"text": "a", "html": "<p>b</p>"}).encode(),
        json.dumps({"text": "   "}).encode(),
        json.dumps({"text": "Hanoi talks", "captured_at": 20250403}).encode(),
        json.dumps({"text": "Hanoi talks", "captured_at": "yesterday"}).encode(),
        json.dumps({"text": "Hanoi talks", "url": {"href": "x"}}).encode(),
        json.dumps(
            {"text": good["text"].replace(".", ".\x00", 1), "url": "https://e.org/1"}
        ).encode(),
        json.dumps({"text": good["text"], "url": "https://example.org/\x00"}).encode(),
        b'{"text": "\xff\xfe not utf-8"}',
        json.dumps({"text": "x" * 6_000_000}).encode(),  # a huge line, over the capture limit
        json.dumps(good).encode(),
        b"[" * 100_000 + b"]" * 100_000,  # nesting deeper than the JSON parser recurses
    ]
    path = folder / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def symlink_loop(folder: Path) -> Path:
    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(loop, target_is_directory=True)  # a folder containing itself
    (loop / "a.txt").symlink_to(loop / "b.txt")  # two file links pointing at each other
    (loop / "b.txt").symlink_to(loop / "a.txt")
    return loop


def unreadable(folder: Path) -> Path:
    path = folder / "unreadable.txt"
    path.write_text(sample_text("s11_vns_weekday_chinh_ishiba_phone.txt"), encoding="utf-8")
    path.chmod(0)
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def named_pipe(folder: Path) -> Path:
    """A FIFO named like a capture: reading it would wait for a writer forever."""
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def endless_device(folder: Path) -> Path:
    """A link to /dev/zero: its size is 0 and reading it never ends."""
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


HOSTILE: dict[str, Callable[[Path], Path]] = {
    "random bytes": random_bytes,
    "NUL bytes": nul_bytes,
    "UTF-16 with BOM": utf16_with_bom,
    "UTF-16 with a NUL": utf16_with_a_nul,
    "broken UTF-16": utf16_broken,
    "a million newlines": million_newlines,
    "a story in a million newlines": story_in_a_million_newlines,
    "a 1.8 MB line": single_line,
    "a 1.8 MB word": single_word_line,
    "20,000 nested divs": nested_divs,
    "malformed JSON lines": malformed_jsonl,
    "a file over the size limit": over_the_size_limit,
    "a page with scripts": scripted_page,
    "an XHTML page with an encoding declaration": xml_declared_page,
    "a symlink loop": symlink_loop,
    "an unreadable file": unreadable,
    "an empty file": empty,
    "a named pipe": named_pipe,
    "a link to /dev/zero": endless_device,
}
# What each must become: the statuses its captures may end with, and a word the reason for a
# rejection must hold (None: any reason).
EXPECTED: dict[str, tuple[set[str], str | None]] = {
    "random bytes": ({"rejected"}, None),
    "NUL bytes": ({"rejected"}, "NUL"),
    "UTF-16 with BOM": ({"created"}, None),
    "UTF-16 with a NUL": ({"rejected"}, "NUL"),
    "broken UTF-16": ({"rejected"}, "UTF-16"),
    "a million newlines": ({"rejected"}, "empty"),
    "a story in a million newlines": ({"created"}, None),
    "a 1.8 MB line": ({"rejected"}, "longer than one story"),
    "a 1.8 MB word": ({"rejected"}, "words"),
    "20,000 nested divs": ({"created", "rejected"}, None),
    "malformed JSON lines": ({"created", "rejected"}, None),
    "a file over the size limit": ({"rejected"}, "too large"),
    "a page with scripts": ({"created"}, None),
    "an XHTML page with an encoding declaration": ({"created"}, None),
    "a symlink loop": ({"rejected"}, "cannot read"),
    "an unreadable file": ({"rejected"}, "cannot read"),
    "an empty file": ({"rejected"}, "empty"),
    "a named pipe": ({"rejected"}, "not a regular file"),
    "a link to /dev/zero": ({"rejected"}, "not a regular file"),
}
# What no stored capture may hold, whatever the page had.
EXECUTABLE_TRACES = ("<script", "javascript:", "onerror", "onmouseover", "<iframe", "<style")
