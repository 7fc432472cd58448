"""The stylesheet gives Japanese text Japanese fonts (ja pages, and Japanese stories anywhere)."""

import re
from pathlib import Path

CSS = Path(__file__).resolve().parent.parent / "static" / "archive" / "archive.css"


def test_japanese_text_gets_japanese_fonts_first():
    rule = re.search(r":lang\(ja\)\s*\{([^}]*)\}", CSS.read_text(encoding="utf-8"))
    assert rule, "no :lang(ja) rule"
    fonts = re.search(r"font-family:\s*([^;]+);", rule.group(1)).group(1)
    first = fonts.split(",")[0].strip().strip('"')
    assert first in {"Hiragino Sans", "Yu Gothic", "Meiryo", "Noto Sans JP", "Noto Sans CJK JP"}
    assert "sans-serif" in fonts  # a generic family last


def test_the_japanese_interface_page_has_lang_ja(client, db):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<html lang="ja">' in html
