"""Snippets: escaped first, folded and stemmed matches marked."""

import re

from archive.search.highlight import snippet
from archive.search.querysyntax import Phrase, Word, parse

BODY = (
    "HÀ NỘI — Party General Secretary Tô Lâm received the Japanese ambassador. "
    "He said <b>bold</b> & <script>alert(1)</script> cooperation would grow."
)


def test_folded_match_is_marked():
    html = snippet(BODY, [Word("To"), Word("Lam")], "en")
    assert "<mark>Tô</mark> <mark>Lâm</mark>" in html


def test_phrase_is_marked_as_one():
    html = snippet(BODY, [Phrase("to lam")], "en")
    assert "<mark>Tô Lâm</mark>" in html


def test_stemmed_match_is_marked():
    html = snippet("Statsministeren talte.", [Word("statsminister")], "no")
    assert html == "<mark>Statsministeren</mark> talte."


def test_article_text_is_escaped():
    html = snippet(BODY, [Word("bold")], "en")
    assert "&lt;b&gt;<mark>bold</mark>&lt;/b&gt;" in html
    assert "&amp;" in html
    assert "<script>" not in html and "<b>" not in html


def test_query_text_cannot_inject_markup():
    leaves = parse("<script>alert(1)</script>").positive_leaves()
    html = snippet(BODY, leaves, "en")
    assert "<script" not in html
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_no_match_shows_the_start():
    html = snippet("A" * 50 + " " + "b" * 500, [Word("zzz")], "en", length=100)
    assert html.startswith("A" * 50) and html.endswith("…") and "<mark>" not in html


def test_window_centres_on_the_matches():
    text = ("filler words here " * 40) + "the Tô Lâm meeting " + ("more filler " * 40)
    html = snippet(text, [Word("lam")], "en", length=120)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>Lâm</mark>" in html
    assert len(html) < 200


MIXED = (
    "Thủ tướng Phạm Minh Chính và Tổng Bí thư Tô Lâm; statsministeren i Tromsø, U.S. relations, "
    "coopération économique, Đảng, cooperation's 2025-04-01 rock'n'roll Æsir a..b *star* x.*y 3.5."
)


def test_fast_tokens_equal_the_analyzers_tokens():
    # The snippet's tokenizer must mark exactly what the index matched, in every language group.
    from archive.search.analysis import GROUPS, SEGMENTED_GROUPS, analyzer_for
    from archive.search.highlight import _expression, _offsets, _piece_terms

    # Japanese, Chinese and Korean are marked from their analyzer's own offsets
    # (tests/search/test_japanese.py).
    for group in (group for group in GROUPS if group not in SEGMENTED_GROUPS):
        expected = [
            (t.text, t.startchar, t.endchar)
            for t in analyzer_for(group)(MIXED, chars=True, mode="index")
        ]
        expression = _expression(group)
        # In two pieces cut at a space, as match_spans reads a long text.
        cut = MIXED.index(" ", len(MIXED) // 2)
        first = _piece_terms(expression, MIXED, 0, cut, group)
        second = _piece_terms(expression, MIXED, cut, len(MIXED), group)
        pieces = [(0, cut, 0, len(first)), (cut, len(MIXED), len(first), len(second))]
        terms = first + second
        kept = [i for i, term in enumerate(terms) if term]
        offsets = _offsets(MIXED, expression, pieces, kept)
        assert [(terms[i], *offsets[i]) for i in kept] == expected, group


def test_long_texts_are_read_in_pieces_without_missing_matches():
    from archive.search.highlight import FIRST_PIECE, match_spans, piece_ends

    filler = "Delegates met again today. " * 300
    assert len(list(piece_ends(filler))) > 3
    late = filler + "Tô Lâm spoke last."
    assert "<mark>Tô</mark> <mark>Lâm</mark>" in snippet(late, [Word("To"), Word("Lam")], "en")
    # A phrase across the place where a piece ends is still one match: the first piece ends at
    # the first space after FIRST_PIECE characters, here before, inside or after the phrase.
    phrase = "technical intern training"
    for shift in range(len(phrase) + 2):
        text = "x" * (FIRST_PIECE - shift) + f" {phrase} " + filler
        spans = match_spans(text, [Phrase(phrase)], "en")
        assert [text[a:b] for a, b, _ in spans] == [phrase], shift
    # Each piece ends at the first space after twice the size of the one before.
    ends = list(piece_ends(filler))
    assert all(filler[end] == " " for end in ends[:-1]) and ends[-1] == len(filler)
    sizes = [end - start for start, end in zip([0, *ends], ends[:-1], strict=False)]
    for k, size in enumerate(sizes):
        assert FIRST_PIECE * 2**k <= size < FIRST_PIECE * 2**k + len("Delegates "), sizes


def _true_matches(text, leaves, language):
    """Every match of the leaves in `text`, from the analyzer's own tokens (with offsets):
    (start, end, label), one per word or phrase occurrence, not merged."""
    from archive.search.analysis import analyzer_for
    from archive.search.highlight import _patterns

    analyzer = analyzer_for(language)
    singles, sequences = _patterns(leaves, analyzer)
    tokens = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]
    matches = [(start, end, term) for term, start, end in tokens if term in singles]
    for i in range(len(tokens)):
        for seq in sequences:
            if tuple(token[0] for token in tokens[i : i + len(seq)]) == seq:
                matches.append((tokens[i][1], tokens[i + len(seq) - 1][2], " ".join(seq)))
    return matches


def _merged(matches):
    merged = []
    for span in sorted(matches, key=lambda span: (span[0], -span[1])):
        if merged and span[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]), merged[-1][2])
        else:
            merged.append(span)
    return merged


def test_match_spans_mark_only_true_matches_and_every_leaf_the_text_holds():
    import random
    from itertools import pairwise

    from archive.search.analysis import analyzer_for
    from archive.search.highlight import _patterns, match_spans, piece_ends

    vocabulary = [
        "Tô",
        "Lâm",
        "Đảng",
        "Dang",
        "cooperation",
        "cooperating",
        "Japan's",
        "Nhật",
        "Bản",
        "statsministeren",
        "statsminister",
        "U.S.",
        "a..b",
        "*star*",
        "x.*y",
        "3.5",
        "technical",
        "intern",
        "training",
        "the",
        "of",
        "và",
        "talte",
        "Phạm",
        "Minh",
        "Chính",
        "rock'n'roll",
        "Tromsø",
        "Æsir",
        "coopération",
        "économique",
    ]
    rng = random.Random(9)
    jumped = 0
    for case in range(300):
        length = rng.choice([5, 40, 400, 1500])
        text = " ".join(rng.choice(vocabulary) for _ in range(length))
        leaves = [
            Phrase(" ".join(rng.sample(vocabulary, rng.randint(2, 3))))
            if rng.random() < 0.3
            else Word(rng.choice(vocabulary))
            for _ in range(rng.randint(1, 3))
        ]
        if rng.random() < 0.3:  # a phrase that surely occurs, maybe across a piece's end
            start = rng.randrange(max(1, length - 3))
            leaves.append(Phrase(" ".join(text.split()[start : start + 3])))
        language = rng.choice(["en", "no", "vi", "fr", None])
        spans = match_spans(text, leaves, language)
        true = _true_matches(text, leaves, language)
        context = (case, leaves, language)
        # Every leaf the text holds is marked (inside a span: overlapping matches are merged);
        # each span starts where a match of its label starts and ends where a match ends; spans
        # are in order and apart.
        for label in {label for _, _, label in true}:
            marked = [(a, b) for a, b, found in true if found == label]
            assert any(s <= a and b <= e for a, b in marked for s, e, _ in spans), context
        starts = {(start, label) for start, _, label in true}
        ends = {end for _, end, _ in true}
        assert all((start, label) in starts and end in ends for start, end, label in spans), context
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), context
        # When the first piece holds every leaf of the query, nothing else is read: its
        # matches, exactly.
        first = next(piece_ends(text))
        in_first = [match for match in true if match[1] <= first]
        singles, sequences = _patterns(leaves, analyzer_for(language))
        if {label for *_, label in in_first} == singles | {" ".join(seq) for seq in sequences}:
            assert spans == _merged(in_first), context
        else:
            jumped += spans != _merged(true)
    assert jumped > 10  # the cases read from a later place are tested too


def test_a_late_word_is_found_by_its_spelling_without_reading_the_text_before_it():
    from archive.search import highlight

    read = []
    real = highlight._piece_terms

    def spy(expression, text, start, end, group, *wanted):
        read.append(end - start)
        return real(expression, text, start, end, group, *wanted)

    filler = "Delegates met again in the capital today. " * 200
    text = filler + "The ministers visited a sericulture cooperative in Lâm Đồng. " + filler
    highlight._piece_terms = spy
    try:
        # As typed, in any case, with or without diacritics.
        for leaves in ([Word("Sericulture")], [Word("lam"), Word("DONG")], [Phrase("Lam Dong")]):
            read.clear()
            spans = highlight.match_spans(text, leaves, "en")
            assert spans and all(start > len(filler) for start, _, _ in spans), leaves
            assert sum(read) < len(text) / 4, (leaves, read)
    finally:
        highlight._piece_terms = real


def test_a_form_written_only_before_the_jump_is_still_marked():
    from archive.search.highlight import FIRST_PIECE, match_spans

    filler = "Delegates met again in the capital today. " * 100
    # `studies` is written late, `study` (the same stem) early but after the first piece; the
    # late one is marked, and the early one is not read.
    text = filler + "A study began. " + filler + "Two studies ended."
    spans = match_spans(text, [Word("studies")], "en")
    assert [text[a:b] for a, b, _ in spans] == ["studies"]
    # Only `study` is written (a hint that fails: `studies` is nowhere): the text is read on.
    text = filler + "A study began. " + filler + "Nothing else."
    spans = match_spans(text, [Word("studies")], "en")
    assert [text[a:b] for a, b, _ in spans] == ["study"]
    # Typed `studies` is written, but after it no form matches (`studiesx` is another word):
    # the text jumped over is read, and `study` marked.
    text = filler + "A study began. " + filler + "The studiesx end."
    spans = match_spans(text, [Word("studies")], "en")
    assert [text[a:b] for a, b, _ in spans] == ["study"]
    # A phrase is not matched across the place where reading jumped: the first piece ends
    # with `technical`, reading goes on at `intern`.
    text = "x " * 246 + "technical" + " y" * FIRST_PIECE + " intern training"
    assert text.find(" ", FIRST_PIECE) == text.index("technical") + len("technical")
    spans = match_spans(text, [Phrase("technical intern"), Word("intern")], "en")
    assert [text[a:b] for a, b, _ in spans] == ["intern"]


def test_a_phrase_skips_words_the_analyzer_drops():
    # No analyzer of ours drops a word today; if one does (a stop list), a phrase still matches
    # across the gap, as it does in the index, and the span covers the dropped word.
    from archive.search.highlight import _find

    terms = ["to", "", "lam", "x", "to", "lam"]
    spans = _find(terms, {"x"}, [("to", "lam")])
    assert sorted(spans) == [(0, 2, "to lam"), (3, 3, "x"), (4, 5, "to lam")]


# Words whose stem is not a prefix of them, and first letters folding changes.
STEMMER_EXCEPTIONS = (
    *("dying", "lying", "tying", "skies", "skis", "idly", "gently", "ugly", "early", "only"),
    *("singly", "news", "atlas", "cosmos", "generously", "communities", "yelling", "Yves"),
    *("ærlig", "Øyene", "Åpent", "Ærøskøbing", "Đặng", "đường", "Ýên", "ǅemal", "İstanbul"),
    *("statsministeren", "regjeringens", "samarbeidet"),
)


def test_a_terms_first_letter_is_its_words_folded_first_letter():
    # `_piece_terms` skips stemming a word whose folded first letter starts no query term: it
    # relies on every analyzer of that shape keeping the first letter, exceptions included.
    from archive.search.analysis import GROUPS, SEGMENTED_GROUPS, analyzer_for
    from archive.search.highlight import _folder

    words = MIXED.split() + list(STEMMER_EXCEPTIONS)
    for group in (group for group in GROUPS if group not in SEGMENTED_GROUPS):
        fold_word = _folder(group)
        assert fold_word is not None, group
        for word in words:
            terms = [token.text for token in analyzer_for(group)(word, mode="index")]
            if len(terms) == 1:
                assert terms[0][:1] == fold_word(word)[:1], (group, word, terms)


def test_words_that_cannot_match_are_not_stemmed_and_the_snippet_is_the_same():
    from archive.search import highlight

    text = (
        "Ministers gathered in Oslo. The delegates discussed fisheries, shipping and quotas "
        "while the ministers signed a memorandum on fishing rights. " * 3
    )
    highlight._TERMS.clear()
    marked = highlight.snippet(text, [Word("fishery"), Phrase("fishing rights")], "en")
    assert marked.startswith(
        "Ministers gathered in Oslo. The delegates discussed <mark>fisheries</mark>"
    )
    assert "<mark>fishing rights</mark>" in marked
    remembered = set(highlight._TERMS["en"])
    assert {"fisheries", "fishing", "rights"} <= remembered
    assert not remembered & {"Ministers", "gathered", "delegates", "shipping", "quotas"}

    # Where the shortcut leaves a word out, its term starts with none of the wanted letters.
    expression = highlight._expression("en")
    highlight._TERMS.clear()
    short = highlight._piece_terms(expression, text, 0, len(text), "en", frozenset("fr"))
    highlight._TERMS.clear()
    full = highlight._piece_terms(expression, text, 0, len(text), "en")
    assert len(short) == len(full)
    skipped = [term for kept, term in zip(short, full, strict=True) if kept != term]
    assert skipped and all(
        kept in (term, highlight._NO_MATCH) for kept, term in zip(short, full, strict=True)
    )
    assert all(term[:1] not in "fr" for term in skipped)


def _class_locator(words):
    """The hint's pattern as a class of characters per letter (what `_hint` finds without
    compiling it): each letter matches every character `fold` turns into it."""
    from archive.ingest.text import fold

    members = {}
    for code in (*range(0x250), *range(0x1E00, 0x1F00)):
        folded = fold(chr(code))
        if len(folded) == 1 and folded.isascii() and folded.isalnum():
            members.setdefault(folded, []).append(chr(code))
    classes = {letter: f"[{''.join(chars)}]" for letter, chars in members.items()}
    patterns = []
    for word in filter(None, words):
        letters = [classes.get(ch, re.escape(ch)) for ch in word]
        patterns.append(letters[0] + r"(?<![\w*].)" + "".join(letters[1:]))
    return re.compile("|".join(patterns)) if patterns else re.compile(r"(?!)")


def test_the_hint_finds_what_a_pattern_of_folding_classes_finds():
    import random

    from archive.search import highlight

    table = highlight._fold_table()
    # Translating keeps every character a word character or not, as the look-behind reads it.
    assert all(
        re.match(r"\w", chr(code)) and re.match(r"\w", letter) for code, letter in table.items()
    )
    # Across the stretches the text is translated in: a word inside another, or cut in two.
    chunk = highlight._HINT_CHUNK
    for text, start in (
        (" " * (chunk - 1) + "xĐang dang", 0),
        (" " * (chunk - 2) + " Đang", 5),
        ("a" * (2 * chunk - 3) + " đẶNg", chunk + 1),
        ("dang", 1),
        ("", 0),
    ):
        found = _class_locator(("dang",)).search(text, start)
        assert highlight._hint(("dang",), text, start) == (found.start() if found else -1)
    rng = random.Random(11)
    alphabet = list("aAàẠdĐđeÉệoÖơƠuưnñcçsşyýiIİ1 2 *-_.,'") + [" "] * 8
    words = ("dang", "lam", "an", "nguyen", "o1", "c_s", "yi")
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5000)))
        if rng.random() < 0.5:
            cut = rng.randint(0, len(text))
            text = text[:cut] + rng.choice(["Đặng", "LÂM", "Nguyễn", "ăn"]) + text[cut:]
        sought = tuple(rng.sample(words, rng.randint(1, 3)))
        start = rng.randint(0, len(text))
        found = _class_locator(sought).search(text, start)
        assert highlight._hint(sought, text, start) == (found.start() if found else -1)
