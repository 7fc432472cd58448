"""Comparing an event's versions: alignment, word diffs, safe rendering and the summary.

The seed tests read ../shared/seeds at test time and extract them as the importer does, so
no seed text lives here; expectations are derived from the extracted text itself. The
synthetic tests build their versions from a seeded random generator.
"""

import random
import re
from collections.abc import Callable, Sequence

import pytest

from archive.compare import Row, Version, align, normalise_number
from archive.diffs import DEL, INS, SAME, Segment, _tokens, render_diff, word_diff
from archive.ingest import Capture, extract, fold, read_captures
from archive.version_differences import summarize

# --- helpers ---------------------------------------------------------------------------------


def assert_every_paragraph_once_in_order(versions: Sequence[Version], rows: list[Row]) -> None:
    """The alignment's contract: per version, its cells read top to bottom are exactly its
    paragraphs in order (so none is lost, duplicated or moved), and no row is empty."""
    for row in rows:
        assert len(row.cells) == len(versions)
        assert any(cell is not None for cell in row.cells), "a row with no paragraph at all"
    for column, version in enumerate(versions):
        cells = [row.cells[column] for row in rows if row.cells[column] is not None]
        assert cells == list(version.paragraphs), f"version {version.key} out of order"


def paired_rows(rows: list[Row], a: int, b: int) -> list[Row]:
    return [row for row in rows if row.cells[a] is not None and row.cells[b] is not None]


def row_with(rows: list[Row], column: int, words: str) -> Row:
    (row,) = [row for row in rows if row.cells[column] and words in row.cells[column]]
    return row


def folded_words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def word_overlap(a: str, b: str) -> float:
    """Jaccard of folded words: an independent check that two cells tell the same passage."""
    wa, wb = folded_words(a), folded_words(b)
    return len(wa & wb) / len(wa | wb)


def names_and_numbers(text: str) -> set[str]:
    """Capitalised words (folded, 2+ letters) and numbers (thousands separators dropped):
    what survives translation."""
    names = {fold(w) for w in re.findall(r"\b[^\W\d_]\w+", text) if w[0].isupper()}
    ungrouped = re.sub(r"(?<=\d)[,.\u00a0](?=\d{3}\b)", "", text)
    return names | set(re.findall(r"\d+", ungrouped))


def kinds(segments: list[Segment]) -> set[str]:
    return {segment.kind for segment in segments}


# --- seeds -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def seed_version(seed_paths) -> Callable[[str], Version]:
    """A seed extracted as the importer does, as a Version keyed by its number."""
    cache: dict[str, Version] = {}

    def load(number: str) -> Version:
        if number not in cache:
            (capture,) = read_captures([seed_paths[number]])
            assert isinstance(capture, Capture), capture
            article = extract(capture)
            paragraphs = tuple(block["text"] for block in article.blocks)
            cache[number] = Version(int(number), article.language, paragraphs)
        return cache[number]

    return load


@pytest.fixture(scope="session")
def near_copies(seed_version) -> tuple[list[Version], list[Row]]:
    """000 (VNA) and 001 (VNS): the same wire story, spelled differently."""
    versions = [seed_version("000"), seed_version("001")]
    return versions, align(versions)


@pytest.fixture(scope="session")
def translations(seed_version) -> tuple[list[Version], list[Row]]:
    """002 (English) and 004 (Norwegian): the same forum, paragraphed differently."""
    versions = [seed_version("002"), seed_version("004")]
    assert versions[0].language != versions[1].language
    return versions, align(versions)


@pytest.mark.seeds
def test_near_copies_pair_most_paragraphs(near_copies):
    versions, rows = near_copies
    assert_every_paragraph_once_in_order(versions, rows)
    pairs = paired_rows(rows, 0, 1)
    assert len(pairs) >= 0.8 * min(len(v.paragraphs) for v in versions)
    for row in pairs:
        assert word_overlap(*row.cells) > 0.6, row.cells


@pytest.mark.seeds
def test_near_copies_misspelling_is_marked_on_both_sides(near_copies):
    _, rows = near_copies
    row = row_with(rows, 0, "industrialsation")
    assert "industrialisation" in row.cells[1]  # the same sentence, spelled right in 001
    old, new = word_diff(*row.cells)
    assert re.search(r"<del>[^<]*\bindustrialsation\b[^<]*</del>", render_diff(old))
    assert re.search(r"<ins>[^<]*\bindustrialisation\b[^<]*</ins>", render_diff(new))
    # Neighbouring words the two outlets share stay unmarked.
    assert "modernisation" in " ".join(s.text for s in old if s.kind == SAME)


@pytest.mark.seeds
def test_near_copies_place_spelling_is_not_marked(near_copies):
    _, rows = near_copies
    row = row_with(rows, 0, "in Hanoi")
    assert "Hà Nội" in row.cells[1]
    old, new = word_diff(*row.cells)
    assert not re.search(r"<del>[^<]*\bHanoi\b", render_diff(old))
    for segments in (old, new):
        marked = " ".join(s.text for s in segments if s.kind != SAME)
        for variant in ("Hanoi", "Hà Nội", "Vietnam", "Việt Nam", "To Lam", "Tô Lâm"):
            assert variant not in marked
    assert re.search(r"<ins>Thursday\.</ins>", render_diff(new))  # the real difference


@pytest.mark.seeds
def test_near_copies_identical_paragraphs_have_no_changes(near_copies):
    _, rows = near_copies
    identical = [row for row in rows if row.cells[0] == row.cells[1]]
    assert identical, "000 and 001 share some paragraphs word for word"
    for row in identical:
        old, new = word_diff(*row.cells)
        assert kinds(old) == kinds(new) == {SAME}
        assert "<ins>" not in render_diff(new) and "<del>" not in render_diff(old)


@pytest.mark.seeds
def test_near_copies_summary(near_copies):
    versions, rows = near_copies
    differences = summarize(versions, rows)
    # Once extracted, 000 and 001 carry the same paragraphs (000's repeated standfirst is
    # dropped by cleaning), so whatever does not pair is what only_in must count.
    paired = len(paired_rows(rows, 0, 1))
    assert differences.only_in == {v.key: len(v.paragraphs) - paired for v in versions}
    # 000 dates the meeting by day of month where 001 says the weekday: the numbers one
    # version has and the other lacks are reported, and nothing else.
    digits = [set(re.findall(r"\d+", " ".join(v.paragraphs))) for v in versions]
    reported = [
        {n for _, by_key in differences.numbers for n in by_key.get(v.key, [])} for v in versions
    ]
    assert reported[0] == digits[0] - digits[1] and reported[0]
    assert reported[1] == digits[1] - digits[0]


@pytest.mark.seeds
def test_summary_counts_a_paragraph_only_one_version_has(seed_version):
    full = seed_version("000")
    dropped = len(full.paragraphs) // 2
    shorter = Version(
        seed_version("001").key,
        seed_version("001").language,
        tuple(p for i, p in enumerate(seed_version("001").paragraphs) if i != dropped),
    )
    rows = align([full, shorter])
    assert_every_paragraph_once_in_order([full, shorter], rows)
    alone = row_with(rows, 0, full.paragraphs[dropped])
    assert alone.cells[1] is None
    assert summarize([full, shorter], rows).only_in == {full.key: 1, shorter.key: 0}


@pytest.mark.seeds
def test_translations_keep_order_and_pair_by_names_and_numbers(translations):
    versions, rows = translations
    assert_every_paragraph_once_in_order(versions, rows)
    pairs = paired_rows(rows, 0, 1)
    assert len(pairs) >= 5
    for row in pairs:
        shared = names_and_numbers(row.cells[0]) & names_and_numbers(row.cells[1])
        assert shared - {"vietnam", "japan"}, row.cells
    # The passage ranking the economy is the same passage in both languages.
    ranking = row_with(rows, 0, "economies in the world")
    assert ranking.cells[1] is not None and "økonomiene" in ranking.cells[1]


@pytest.mark.seeds
def test_translations_summary_reports_the_disputed_ranking(translations):
    versions, rows = translations
    english = re.search(r"top (\d+) economies", " ".join(versions[0].paragraphs)).group(1)
    norwegian = re.search(r"(\d+) største økonomiene", " ".join(versions[1].paragraphs)).group(1)
    assert english != norwegian  # the texts disagree; the summary must say so
    differences = summarize(versions, rows)
    (label,) = [
        label
        for label, by_key in differences.numbers
        if english in by_key.get(versions[0].key, [])
        and norwegian in by_key.get(versions[1].key, [])
    ]
    assert label == "top N economies"
    # The English story is far longer: at least the surplus has no Norwegian counterpart.
    surplus = len(versions[0].paragraphs) - len(versions[1].paragraphs)
    assert differences.only_in[versions[0].key] >= surplus > 0


@pytest.mark.seeds
def test_all_seeds_together(seed_paths, seed_version):
    versions = [seed_version(number) for number in sorted(seed_paths)]
    rows = align(versions)
    assert_every_paragraph_once_in_order(versions, rows)
    summarize(versions, rows)


# --- synthetic: alignment --------------------------------------------------------------------

VOCABULARY = [f"w{i}" for i in range(60)]
NAMES = ["Hanoi", "Tokyo", "Osaka", "Lam", "Chinh", "Trung", "Naoki", "Sanae", "Ninh", "Binh"]


def base_story(rng: random.Random, paragraphs: int) -> list[str]:
    """Paragraphs of lowercase words, each with its own names and number, like a news story."""
    story = []
    for index in range(paragraphs):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(15, 40))]
        words[rng.randrange(1, len(words))] = f"{NAMES[index % len(NAMES)]}{index}"
        words[rng.randrange(1, len(words))] = str(1000 + index)
        story.append(" ".join(words))
    return story


def edited(rng: random.Random, story: list[str]) -> list[tuple[int | None, str]]:
    """(origin, text): some paragraphs dropped, a few words changed, new ones inserted."""
    out: list[tuple[int | None, str]] = []
    for origin, paragraph in enumerate(story):
        if rng.random() < 0.15:
            continue
        words = paragraph.split()
        for _ in range(2):
            position = rng.randrange(len(words))
            if words[position][0].islower():
                words[position] = rng.choice(VOCABULARY)
        out.append((origin, " ".join(words)))
        if rng.random() < 0.1:
            out.append((None, " ".join(f"new{rng.randrange(10**6)}" for _ in range(20))))
    return out


def translated(rng: random.Random, story: list[str]) -> list[tuple[int | None, str]]:
    """Every lowercase word replaced (another language), names and numbers kept; every third
    paragraph merged into the one before, as translators do."""
    out: list[tuple[int | None, str]] = []
    for origin, paragraph in enumerate(story):
        words = [w if not w[0].islower() else f"x{rng.randrange(10**6)}" for w in paragraph.split()]
        if origin % 3 == 2 and out:
            out[-1] = (out[-1][0], f"{out[-1][1]} {' '.join(words)}")
        else:
            out.append((origin, " ".join(words)))
    return out


def test_eight_versions_in_two_languages():
    rng = random.Random(20250403)
    story = base_story(rng, 30)
    edits = [edited(rng, story) for _ in range(5)] + [translated(rng, story) for _ in range(3)]
    languages = ["en"] * 5 + ["no"] * 3
    versions = [
        Version(key, language, tuple(text for _, text in edit))
        for key, (language, edit) in enumerate(zip(languages, edits, strict=True))
    ]
    rows = align(versions)
    assert_every_paragraph_once_in_order(versions, rows)

    # Same-language edits of one paragraph share a row (the row holds one origin only).
    origin_of = [dict((text, origin) for origin, text in edit) for edit in edits]
    for row in rows:
        origins = {
            origin_of[k][cell]
            for k, cell in enumerate(row.cells)
            if cell is not None and languages[k] == "en"
        }
        assert len(origins - {None}) <= 1, origins
    kept = [{origin for origin, _ in edit if origin is not None} for edit in edits[:5]]
    for origin in set.intersection(*kept):
        (row,) = [row for row in rows if row.cells[0] and origin_of[0][row.cells[0]] == origin]
        in_row = [origin_of[k].get(row.cells[k]) for k in range(5)]
        assert in_row == [origin] * 5

    # Translations pair with the English paragraphs whose names they carry.
    english_rows = paired_rows(rows, 0, 5)
    assert len(english_rows) >= len(versions[5].paragraphs) // 2
    for row in english_rows:
        assert names_and_numbers(row.cells[0]) & names_and_numbers(row.cells[5])


@pytest.mark.parametrize("case", range(150))
def test_random_inputs_keep_every_paragraph_once_in_order(case):
    rng = random.Random(case)
    story = base_story(rng, rng.randint(0, 12))
    versions = []
    for key in range(rng.randint(1, 8)):
        make = rng.choice([edited, edited, translated])
        paragraphs = [text for _, text in make(rng, story)]
        if rng.random() < 0.2:
            paragraphs = []  # an article whose body is empty
        if paragraphs and rng.random() < 0.2:
            paragraphs.append(paragraphs[0])  # a repeated paragraph
        language = "en" if make is edited else rng.choice(["no", "vi"])
        versions.append(Version(key, language, tuple(paragraphs)))
    rows = align(versions)
    assert_every_paragraph_once_in_order(versions, rows)
    summarize(versions, rows)


def test_no_versions_and_empty_versions():
    assert align([]) == []
    empty = [Version(1, "en", ()), Version(2, "no", ())]
    assert align(empty) == []
    assert summarize(empty, []).only_in == {1: 0, 2: 0}


def test_a_single_version_is_its_paragraphs_in_order():
    version = Version(7, "en", ("One.", "Two.", "One."))
    rows = align([version])
    assert [row.cells for row in rows] == [(p,) for p in version.paragraphs]
    differences = summarize([version], rows)
    assert differences.only_in == {7: 0} and differences.numbers == []


def test_an_empty_version_beside_others_gets_an_empty_column():
    story = base_story(random.Random(3), 4)
    versions = [
        Version(1, "en", tuple(story)),
        Version(2, "en", ()),
        Version(3, "en", tuple(story)),
    ]
    rows = align(versions)
    assert_every_paragraph_once_in_order(versions, rows)
    assert all(row.cells[1] is None for row in rows)
    assert [row.cells[0] for row in rows] == [row.cells[2] for row in rows] == story


def test_an_inserted_paragraph_gets_its_own_row():
    story = base_story(random.Random(5), 5)
    inserted = "Completely different words about something else entirely here"
    longer = [*story[:2], inserted, *story[2:]]
    versions = [Version(1, "en", tuple(story)), Version(2, "en", tuple(longer))]
    rows = align(versions)
    assert_every_paragraph_once_in_order(versions, rows)
    assert row_with(rows, 1, inserted).cells == (None, inserted)
    assert len(paired_rows(rows, 0, 1)) == len(story)
    assert summarize(versions, rows).only_in == {1: 0, 2: 1}


def test_a_replaced_paragraph_does_not_pair_over_a_shared_phrase():
    story = base_story(random.Random(8), 3)
    lowercase = [w for w in story[1].split() if w[0].islower()]
    phrase = lowercase[3:6]  # three plain words (no name or number): two bigrams in common
    replacement = " ".join([*(f"other{i}" for i in range(12)), *phrase, "and", "more", "words"])
    versions = [
        Version(1, "en", tuple(story)),
        Version(2, "en", (story[0], replacement, story[2])),
    ]
    rows = align(versions)
    assert_every_paragraph_once_in_order(versions, rows)
    assert row_with(rows, 0, story[1]).cells[1] is None
    assert row_with(rows, 1, replacement).cells[0] is None
    assert summarize(versions, rows).only_in == {1: 1, 2: 1}


def test_a_paragraph_rewritten_in_place_pairs_by_its_names_and_numbers():
    story = base_story(random.Random(9), 5)
    rewritten = " ".join(
        w if not w[0].islower() else f"y{i}" for i, w in enumerate(story[2].split())
    )
    versions = [
        Version(1, "en", tuple(story)),
        Version(2, "en", (*story[:2], rewritten, *story[3:])),
    ]
    rows = align(versions)
    assert_every_paragraph_once_in_order(versions, rows)
    assert row_with(rows, 1, rewritten).cells == (story[2], rewritten)
    assert summarize(versions, rows).only_in == {1: 0, 2: 0}


def test_a_rewrite_never_pairs_across_a_paragraph_both_versions_share():
    story = base_story(random.Random(10), 3)
    # Same names, different words: a match for each other, but on either side of story[1].
    first = "w1 w2 Hanoi99 w3 4242 w4 w5"
    second = "v1 v2 Hanoi99 v3 4242 v4 v5"
    # And a rewritten last paragraph on both sides, which may pair: it is in one gap.
    last = ("w6 Osaka77 w7 w8 3131", "v6 Osaka77 v7 v8 3131")
    versions = [
        Version(1, "en", (story[0], first, story[1], story[2], last[0])),
        Version(2, "en", (story[0], story[1], second, story[2], last[1])),
    ]
    rows = align(versions)
    assert_every_paragraph_once_in_order(versions, rows)
    assert row_with(rows, 0, first).cells[1] is None
    assert row_with(rows, 1, second).cells[0] is None
    assert row_with(rows, 0, last[0]).cells == last


def test_near_copy_translations_share_rows_whatever_the_pivot_pairs():
    rng = random.Random(12)
    story = base_story(rng, 24)
    translation = translated(rng, story)
    copies = [edited(rng, [text for _, text in translation]) for _ in range(2)]
    versions = [
        Version(1, "en", tuple(story)),
        *(
            Version(k, "no", tuple(text for _, text in copy))
            for k, copy in ((2, copies[0]), (3, copies[1]))
        ),
    ]
    rows = align(versions)
    assert_every_paragraph_once_in_order(versions, rows)
    origin = [{text: where for where, text in copy} for copy in copies]
    for where in {w for w, _ in copies[0]} & {w for w, _ in copies[1]} - {None}:
        (row,) = [row for row in rows if row.cells[1] and origin[0][row.cells[1]] == where]
        assert row.cells[2] is not None and origin[1][row.cells[2]] == where


# --- synthetic: word diffs and rendering -----------------------------------------------------


def words_of(segments: list[Segment]) -> str:
    return " ".join(segment.text for segment in segments)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("To Lam met Ito Naoki in Hanoi.", "Tô Lâm met Ito Naoki in Hà Nội on Thursday."),
        ("", "Only the new side has words."),
        ("Only the old side has words.", "   "),
        ("a b c d e f", "f e d c b a"),
    ],
)
def test_word_diff_keeps_each_side_whole_and_marks_only_its_side(a, b):
    old, new = word_diff(a, b)
    assert words_of(old) == " ".join(a.split())
    assert words_of(new) == " ".join(b.split())
    assert kinds(old) <= {SAME, DEL} and kinds(new) <= {SAME, INS}
    # As many tokens the same on each side (a place in two words is one token).
    same_old = [_tokens(s.text) for s in old if s.kind == SAME]
    same_new = [_tokens(s.text) for s in new if s.kind == SAME]
    assert sum(map(len, same_old)) == sum(map(len, same_new))


def test_spelling_variants_are_not_differences_but_words_are():
    # Diacritics, case, edge punctuation and the spellings of one place are house style.
    old, new = word_diff("Party chief To Lam said", "Party chief Tô Lâm said")
    assert kinds(old) == kinds(new) == {SAME}
    old, new = word_diff(
        "Vietnam and Japan met in Hanoi on April 3.",
        "Việt Nam and Japan met in Hà Nội on Thursday.",
    )
    assert [(s.kind, s.text) for s in old] == [
        (SAME, "Vietnam and Japan met in Hanoi on"),
        (DEL, "April 3."),
    ]
    assert [(s.kind, s.text) for s in new] == [
        (SAME, "Việt Nam and Japan met in Hà Nội on"),
        (INS, "Thursday."),
    ]
    old, new = word_diff("in HCM City", "in Ho Chi Minh City")
    assert kinds(old) == kinds(new) == {SAME}
    old, new = word_diff(
        "HÀ NỘI — Vietnam’s partner, he said.", "Hà Nội – vietnam's partner he said"
    )
    assert kinds(old) == kinds(new) == {SAME}


def test_long_paragraphs_mark_only_the_changed_word():
    # Past 200 words difflib's heuristics would junk frequent words and fragment the diff.
    rng = random.Random(11)
    words = [rng.choice(VOCABULARY[:8]) for _ in range(400)]
    changed = [*words[:200], "REPLACED", *words[201:]]
    old, new = word_diff(" ".join(words), " ".join(changed))
    assert [s.text for s in old if s.kind == DEL] == [words[200]]
    assert [s.text for s in new if s.kind == INS] == ["REPLACED"]


def test_composed_and_decomposed_letters_are_the_same_spelling():
    composed, decomposed = "Việt Nam", "Vie\u0323\u0302t Nam"
    assert composed != decomposed
    old, new = word_diff(composed, decomposed)
    assert kinds(old) == kinds(new) == {SAME}


def test_render_diff_escapes_everything_from_the_article():
    attack = 'Hello <script>alert("x")</script> & <b onmouseover=x>bold</b>'
    old, new = word_diff(attack, "Hello <script>alert('y')</script> & friends")
    for html in (render_diff(old), render_diff(new)):
        assert "<script" not in html and "<b " not in html
        assert "&lt;script&gt;" in html
        assert "&amp;" in html
    # With the tags taken out, what is left is the escaped text of every segment.
    stripped = re.sub(r"</?(ins|del)>", "", render_diff(old))
    assert "<" not in stripped and ">" not in stripped


def test_render_diff_wraps_changes_only():
    segments = [Segment(SAME, "a < b"), Segment(INS, "new"), Segment(DEL, "old & gone")]
    assert render_diff(segments) == "a &lt; b <ins>new</ins> <del>old &amp; gone</del>"
    with pytest.raises(ValueError, match="kind"):
        render_diff([Segment("bold", "x")])


# --- synthetic: numbers and the summary ------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normal"),
    [("1,300", "1300"), ("1.300", "1300"), ("1300", "1300"), ("1\u00a0300", "1300"),
     ("8,5", "8.5"), ("8.5", "8.5"), ("1,234,567", "1234567"), ("12,34", "12.34")],
)  # fmt: skip
def test_normalise_number(written, normal):
    assert normalise_number(written) == normal


def test_summary_ignores_how_a_number_is_written_and_reports_what_differs():
    versions = [
        Version(1, "en", ("More than 1,300 years of exchange; top 32 economies.",)),
        Version(2, "no", ("Mer enn 1.300 år med utveksling; de 35 største økonomiene.",)),
        Version(3, "de", ("Mehr als 1300 Jahre Austausch; die 32 größten Volkswirtschaften.",)),
    ]
    rows = [Row(tuple(v.paragraphs[0] for v in versions))]
    differences = summarize(versions, rows)
    assert differences.numbers == [("top N economies", {1: ["32"], 2: ["35"], 3: ["32"]})]
    assert differences.only_in == {1: 0, 2: 0, 3: 0}


def test_summary_checks_numbers_against_the_whole_other_version():
    # Paragraphed differently: the number sits one row away in the other version.
    versions = [
        Version(1, "en", ("Trade grew 20% in 2024.", "Investment rose.")),
        Version(2, "no", ("Handelen vokste.", "Investeringer økte 20 % i 2024.")),
    ]
    rows = [Row((versions[0].paragraphs[0], None)), Row(tuple(v.paragraphs[1] for v in versions))]
    assert summarize(versions, rows).numbers == []


def test_summary_rejects_rows_that_do_not_fit_the_versions():
    versions = [Version(1, "en", ("a",)), Version(2, "en", ("a",))]
    with pytest.raises(ValueError, match="cell"):
        summarize(versions, [Row(("a",))])
    with pytest.raises(ValueError, match="unique"):
        summarize([versions[0], versions[0]], [Row(("a", "a"))])
