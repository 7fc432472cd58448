"""Hypothesis strategies for hostile text: what a crawler, a copy-paste or an attacker may hand us.

Text is built from pieces a capture really contains (headlines, datelines, wire end markers,
credits, captions, bylines, source lines) mixed with characters that break naive code: controls,
invisible format and bidi marks, combining accents, emoji, CJK, exotic spaces and line breaks.
Surrogates are left out: a Python ``str`` read from UTF-8 never holds one.
"""

from hypothesis import strategies as st

ANY_CHAR = st.characters(exclude_categories=("Cs",))

HOSTILE_CHARS = (
    "\x00\x01\x07\x1b\x7f\x85\x9f"  # C0/C1 controls, NEL
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"  # zero-width, joiners, marks, BOM
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi embeddings and isolates
    "\u0300\u0301\u0323\u0302\u0303"  # combining accents, alone or after letters
    "\u00a0\u2003\u3000\u2028\u2029\r\t\x0b\x0c"  # exotic spaces and line breaks
    "\U0001f600\U0001f3fb\ufe0f\u2650\ue000"  # emoji, skin tone, variation selector, PUA
    "đĐøæßİıﬁ²ℌ"  # letters folding does something special with
    "日本越南"  # CJK
)

REAL_PIECES = (
    "Vietnam, Japan boost cooperation",
    "Hanoi (VNA) - Prime Minister Phạm Minh Chính met Japanese Prime Minister Ishiba in Hanoi "
    "on April 3 to discuss trade, investment and labour cooperation between the two countries.",
    "HÀ NỘI — The two sides agreed to expand exchanges between localities and businesses.",
    "Tô Lâm welcomed the Japanese delegation at the headquarters of the Party Central Committee.",
    "Delegates attend the Forum. (Photo: VNA)",
    "Photo: VGP/Nhat Bac",
    "Source: https://example.org/story/1",
    "Kilde: https://dangcongsan.org.vn/a/b",
    "— VNA/VNS",
    "(TTXVN/Vietnam+)",
    "VNA/VNS",
    "They pledged to deepen ties./.",
    "/.",
    "Đảng Cộng SảnĐảng Cộng Sản25/11/2025",
    "VnExpress 25/11/2025 - 10:30",
    "date 2025-04-03",
    "Same category",
    "image_1.jpg",
    "Sáng ngày 25/11, tại Quảng Ninh, hai bên đã ký kết thỏa thuận hợp tác.",
    "Om morgenen 25. november deltok statsministeren i forumet.",
    "www.example.org/",
    "Economy",
)

LINE_BREAKS = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\n \t\n"])


@st.composite
def hostile_piece(draw) -> str:
    kind = draw(st.sampled_from(["real", "real", "random", "hostile", "spaces"]))
    if kind == "real":
        piece = draw(st.sampled_from(REAL_PIECES))
        # Sprinkle a hostile character somewhere inside a real line, as copy-paste does.
        if draw(st.booleans()):
            at = draw(st.integers(0, len(piece)))
            piece = piece[:at] + draw(st.sampled_from(HOSTILE_CHARS)) + piece[at:]
        return piece
    if kind == "random":
        return draw(st.text(ANY_CHAR, max_size=60))
    if kind == "hostile":
        return draw(st.text(st.sampled_from(HOSTILE_CHARS), min_size=1, max_size=20))
    return draw(st.sampled_from([" ", "\t", "\u00a0", "\n"])) * draw(st.integers(1, 3000))


@st.composite
def capture_texts(draw) -> str:
    """A capture's text: pieces joined by line breaks of every kind."""
    pieces = draw(st.lists(hostile_piece(), max_size=25))
    out = []
    for piece in pieces:
        out.append(piece)
        out.append(draw(LINE_BREAKS))
    return "".join(out)


any_text = st.one_of(st.text(ANY_CHAR, max_size=400), capture_texts())


_VOCABULARY = (
    "Vietnam Japan Việt Nam Nhật Bản Prime Minister Phạm Minh Chính Tô Lâm Ishiba cooperation "
    "trade investment labour culture localities agreed expand the two sides met in Hanoi Tokyo "
    "Đảng Cộng Sản hợp tác đầu tư statsminister samarbeid Quảng Ninh forum ODA 2025 3.5 per cent"
)
WORDS = tuple(_VOCABULARY.split())


@st.composite
def sentences(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=30))
    # A hostile character inside a word, as copy-paste leaves them.
    if draw(st.booleans()):
        at = draw(st.integers(0, len(words) - 1))
        char = draw(st.sampled_from(HOSTILE_CHARS))
        words[at] = words[at][:1] + char + words[at][1:]
    return " ".join(words).capitalize() + draw(st.sampled_from([".", ".", "!", "?", "./."]))


@st.composite
def stories(draw) -> str:
    """A story as a capture holds it: maybe a headline, paragraphs of sentences, maybe a
    caption, a credit and teasers after the wire end marker."""
    lines = []
    if draw(st.booleans()):
        lines.append(" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12))))
    paragraph = st.lists(sentences(), min_size=1, max_size=4)
    paragraphs = draw(st.lists(paragraph, min_size=1, max_size=6))
    lines += [" ".join(paragraph) for paragraph in paragraphs]
    if draw(st.booleans()):
        lines.insert(min(2, len(lines)), "Delegates attend the forum. (Photo: VNA)")
    if draw(st.booleans()):
        lines[-1] += draw(st.sampled_from([" — VNA/VNS", " (TTXVN/Vietnam+)", "/."]))
        lines.append("Japan, Vietnam hold talks on labour cooperation")
    return draw(LINE_BREAKS).join(lines)
