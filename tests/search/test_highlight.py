"""Snippets: escaped first, folded and stemmed matches marked."""

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
    from archive.search.analysis import GROUPS, analyzer_for
    from archive.search.highlight import _expression, _offsets, _piece_terms

    for group in GROUPS:
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


def _reference_spans(text, leaves, language):
    """What match_spans must return, from the analyzer's own tokens (with offsets) of the whole
    text: the matches found up to the end of the first piece by which every leaf has matched."""
    from archive.search.analysis import analyzer_for
    from archive.search.highlight import _patterns, piece_ends

    analyzer = analyzer_for(language)
    singles, sequences = _patterns(leaves, analyzer)
    if not singles and not sequences:
        return []
    tokens = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]
    wanted = len(singles) + len({" ".join(seq) for seq in sequences})
    spans = []
    for position in piece_ends(text):
        upto = [token for token in tokens if token[1] < position]
        spans = [(start, end, term) for term, start, end in upto if term in singles]
        for i in range(len(upto)):
            for seq in sequences:
                if tuple(token[0] for token in upto[i : i + len(seq)]) == seq:
                    spans.append((upto[i][1], upto[i + len(seq) - 1][2], " ".join(seq)))
        if len({span[2] for span in spans}) >= wanted:
            break
    spans.sort(key=lambda span: (span[0], -span[1]))
    merged = []
    for span in spans:
        if merged and span[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]), merged[-1][2])
        else:
            merged.append(span)
    return merged


def test_match_spans_equal_the_analyzers_matches_on_random_texts():
    import random

    from archive.search.highlight import match_spans

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
    for case in range(150):
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
        expected = _reference_spans(text, leaves, language)
        assert match_spans(text, leaves, language) == expected, (case, leaves, language)


def test_a_phrase_skips_words_the_analyzer_drops():
    # No analyzer of ours drops a word today; if one does (a stop list), a phrase still matches
    # across the gap, as it does in the index, and the span covers the dropped word.
    from archive.search.highlight import _find

    terms = ["to", "", "lam", "x", "to", "lam"]
    spans = _find(terms, {"x"}, [("to", "lam")])
    assert sorted(spans) == [(0, 2, "to lam"), (3, 3, "x"), (4, 5, "to lam")]
