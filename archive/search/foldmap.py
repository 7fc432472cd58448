"""The letters every text field folds, and how (`analysis.FoldFilter`, `segmenting.fold_term`,
Elasticsearch's char filter in `es.backend`)."""

from whoosh.support.charset import accent_map

# Whoosh's accent_map folds most letters with diacritics (đ → d, ø → o, å → a) but leaves some
# letters that are not "a base letter plus a mark" alone, or folds them differently from
# archive.ingest.text.fold; these make the two agree.
FOLD_MAP: dict[int, str] = dict(accent_map)
FOLD_MAP.update(
    {ord(k): v for k, v in {
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "ø": "o", "Ø": "o",
        "å": "a", "Å": "a",
        "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe",
        "ß": "ss",
        "þ": "th", "Þ": "th",
        "ł": "l", "Ł": "l",
        "\u0131": "i",  # dotless i
    }.items()}
)  # fmt: skip
