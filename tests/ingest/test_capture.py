# the test data is typographic on purpose: en dashes, curly quotes

import json
import os
from datetime import UTC, datetime

import pytest

from archive.ingest import Capture, Rejected, decode_capture_bytes, extract, read_captures
from archive.ingest.capture import MAX_CAPTURE_BYTES

NORWEGIAN_STORY = (
    "Utenriksministeren møtte sin kollega i Tromsø på tirsdag. De to ministrene ble enige om å "
    "styrke samarbeidet om fiskeri, energi og forskning i nordområdene, og de skal møtes igjen "
    "i Ålesund til våren for å følge opp avtalene."
)
ENGLISH_STORY = (
    "The two foreign ministers met in the capital on Tuesday and agreed to deepen cooperation "
    "in trade, energy and education, officials said after talks that lasted three hours.\n\n"
    "They also agreed to open a new consulate next year and to hold talks every six months."
)


def read_one(path) -> Capture | Rejected:
    items = list(read_captures([path]))
    assert len(items) == 1, items
    return items[0]


# --- decode_capture_bytes ------------------------------------------------------------------


def test_decode_plain_utf8():
    assert decode_capture_bytes("Hà Nội — Tromsø".encode()) == "Hà Nội — Tromsø"


def test_decode_strips_the_utf8_bom():
    assert decode_capture_bytes(b"\xef\xbb\xbfHello there") == "Hello there"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_utf16_with_bom(encoding):
    text = "Hà Nội — Tromsø"
    data = text.encode(encoding)
    if encoding != "utf-16":  # the plain codec writes its own BOM
        data = ("\ufeff" + text).encode(encoding)
    assert decode_capture_bytes(data) == text


def test_decode_latin1_text():
    assert decode_capture_bytes(NORWEGIAN_STORY.encode("latin-1")) == NORWEGIAN_STORY


def test_decode_cp1252_curly_quotes():
    assert decode_capture_bytes(b"He said \x93yes\x94 \x96 twice.") == "He said “yes” – twice."


@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n"])
def test_decode_rejects_empty_input(data):
    with pytest.raises(ValueError, match=r"^empty file$"):
        decode_capture_bytes(data)


def test_decode_rejects_nul_bytes_as_binary():
    with pytest.raises(ValueError, match=r"binary file \(NUL bytes\)"):
        decode_capture_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_decode_rejects_control_characters_as_binary():
    data = bytes(range(1, 9)) * 50 + b"some text"
    with pytest.raises(ValueError, match=r"binary file \(control characters\)"):
        decode_capture_bytes(data)


def test_decode_rejects_bytes_that_are_mostly_high_latin1():
    data = bytes(range(0xC0, 0x100)) * 20
    with pytest.raises(ValueError, match="not UTF-8 or Latin-1 text"):
        decode_capture_bytes(data)


def test_decode_rejects_a_broken_utf16_file():
    with pytest.raises(ValueError, match="not valid UTF-16"):
        decode_capture_bytes(b"\xff\xfe" + b"\x00\xd8")  # lone surrogate


# --- read_captures: single files ---------------------------------------------------------


def test_reads_a_text_file_with_its_mtime_as_capture_time(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ENGLISH_STORY, encoding="utf-8")
    moment = datetime(2025, 4, 3, 12, 0, tzinfo=UTC)
    os.utime(path, (moment.timestamp(), moment.timestamp()))
    capture = read_one(path)
    assert isinstance(capture, Capture)
    assert capture.raw == ENGLISH_STORY
    assert capture.format == "text"
    assert capture.path == str(path)
    assert capture.captured_at == moment
    assert capture.captured_at.tzinfo is not None
    assert capture.url is None and capture.outlet is None


def test_empty_file_is_rejected(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_one(path) == Rejected(str(path), "empty file")


def test_binary_file_is_rejected(tmp_path):
    path = tmp_path / "picture.txt"
    path.write_bytes(b"GIF89a\x01\x00\x01\x00\x00\xff\x00,")
    assert read_one(path) == Rejected(str(path), "binary file (NUL bytes)")


def test_latin1_file_is_decoded_and_imports(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(NORWEGIAN_STORY.encode("latin-1"))
    capture = read_one(path)
    assert isinstance(capture, Capture)
    assert "Tromsø" in capture.raw
    article = extract(capture)
    assert "Tromsø" in article.body and "Ålesund" in article.body


def test_utf16_file_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(ENGLISH_STORY.encode("utf-16"))
    capture = read_one(path)
    assert isinstance(capture, Capture)
    assert capture.raw == ENGLISH_STORY
    assert extract(capture).body.startswith("The two foreign ministers")


def test_a_20_mb_file_is_rejected_by_size(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word" * 5_000_000)
    assert path.stat().st_size > MAX_CAPTURE_BYTES
    item = read_one(path)
    assert isinstance(item, Rejected)
    assert item.reason == "file too large (20.0 MB > 5 MB limit)"


def test_unsupported_file_type_is_rejected(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert read_one(path) == Rejected(str(path), "unsupported file type .pdf")


def test_missing_path_is_rejected(tmp_path):
    path = tmp_path / "nowhere.txt"
    assert read_one(path) == Rejected(str(path), "no such file or folder")


def test_html_files_are_html_captures(tmp_path):
    for name in ("page.html", "page.HTM"):
        (tmp_path / name).write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
        assert read_one(tmp_path / name).format == "html"


def test_a_txt_file_holding_a_whole_page_is_read_as_html(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>", encoding="utf-8")
    assert read_one(path).format == "html"


# --- read_captures: folders --------------------------------------------------------------


def test_folders_are_read_recursively_in_sorted_order_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    for path in (tmp_path / "b" / "2.txt", tmp_path / "a" / "1.txt", tmp_path / "0.txt"):
        path.write_text(ENGLISH_STORY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ENGLISH_STORY, encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text(ENGLISH_STORY, encoding="utf-8")
    names = [os.path.relpath(item.path, tmp_path) for item in read_captures([tmp_path])]
    assert names == ["0.txt", os.path.join("a", "1.txt"), os.path.join("b", "2.txt")]


def test_a_symlink_loop_is_read_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(ENGLISH_STORY, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    items = list(read_captures([tmp_path]))
    assert [os.path.basename(item.path) for item in items] == ["story.txt"]


def test_bad_files_in_a_folder_do_not_stop_the_good_ones(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text(ENGLISH_STORY, encoding="utf-8")
    kinds = [type(item).__name__ for item in read_captures([tmp_path])]
    assert kinds == ["Rejected", "Capture"]


# --- read_captures: JSON Lines -----------------------------------------------------------


def test_jsonl_reads_every_good_line_and_rejects_bad_ones_by_number(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {
                "text": ENGLISH_STORY,
                "url": "https://vietnamnews.vn/politics/1.html",
                "outlet": "VNS",
                "captured_at": "2025-04-03T08:00:00+07:00",
                "language": "en",
            }
        ),
        "{not json",
        json.dumps({"url": "https://example.com/"}),
        "",
        json.dumps({"html": "<html><body><p>x</p></body></html>", "captured_at": "2025-04-03"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": ENGLISH_STORY, "captured_at": "yesterday"}),
        json.dumps({"text": "a", "html": "<p>b</p>"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_captures([path]))

    first, fifth = items[0], items[3]
    assert isinstance(first, Capture) and first.path == f"{path}:1"
    assert first.url == "https://vietnamnews.vn/politics/1.html"
    assert first.outlet == "VNS" and first.language == "en" and first.format == "text"
    assert first.captured_at == datetime(2025, 4, 3, 1, 0, tzinfo=UTC)
    assert isinstance(fifth, Capture) and fifth.format == "html" and fifth.path == f"{path}:5"
    # A date without a time zone is taken as UTC, so captured_at is always tz-aware.
    assert fifth.captured_at == datetime(2025, 4, 3, tzinfo=UTC)

    rejected = {item.path: item.reason for item in items if isinstance(item, Rejected)}
    assert rejected[f"{path}:2"].startswith("line 2: invalid JSON: ")
    assert rejected[f"{path}:3"] == 'line 3: needs "text" or "html"'
    assert rejected[f"{path}:6"] == "line 6: needs a JSON object"
    assert rejected[f"{path}:7"].startswith('line 7: "captured_at" is not an ISO 8601 date')
    assert rejected[f"{path}:8"] == 'line 8: has both "text" and "html"; give one'
    assert rejected[f"{path}:9"] == 'line 9: empty "text"'
    assert rejected[f"{path}:10"] == 'line 10: "text" must be a string'
    assert len(items) == 9  # the blank line 4 is no capture at all


def test_jsonl_line_without_captured_at_gets_the_file_time(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"text": ENGLISH_STORY}) + "\n", encoding="utf-8")
    moment = datetime(2024, 1, 2, tzinfo=UTC)
    os.utime(path, (moment.timestamp(), moment.timestamp()))
    assert read_one(path).captured_at == moment


def test_jsonl_line_that_is_not_utf8_is_rejected(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n')
    assert read_one(path) == Rejected(f"{path}:1", "line 1: not UTF-8 text")
