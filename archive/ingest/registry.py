"""The starter registry: the officials the seed captures and the sample corpus name.

Plain data, loaded into the database by the import and into a ``people.Registry`` for
matching (``Registry(known_people(STARTER_REGISTRY))``). Each row:

- ``name``: the canonical name, with diacritics; Japanese names family name first, as
  Vietnamese outlets write them. The person's slug is ``slugify(name)``.
- ``country``: ``"Vietnam"`` or ``"Japan"``.
- ``aliases``: the other spellings stories use: the name without diacritics (Vietnamese),
  given name first (Japanese), and the short forms used after a first mention (the given
  name for Vietnamese; family and given name for Japanese). One spelling per folded form,
  since the database keeps aliases unique by their folded form.
- ``roles``: the offices the captures give them, with the organisation.

Roles are as of the captures (2023-2026); "former" is the reader's to infer from the date.
"""

from __future__ import annotations

_CPV = "Communist Party of Vietnam"
_VIETNAM_GOVERNMENT = "Government of Vietnam"
_VIETNAM_FOREIGN_MINISTRY = "Ministry of Foreign Affairs of Vietnam"
_JAPAN_GOVERNMENT = "Government of Japan"
_JAPAN_FOREIGN_MINISTRY = "Ministry of Foreign Affairs of Japan"

STARTER_REGISTRY: list[dict] = [
    # --- Vietnam ---------------------------------------------------------------------------
    {
        "name": "Tô Lâm",
        "country": "Vietnam",
        "aliases": ["To Lam", "Lâm"],
        "roles": [{"title": "Party General Secretary", "organisation": _CPV}],
    },
    {
        "name": "Phạm Minh Chính",
        "country": "Vietnam",
        "aliases": ["Pham Minh Chinh", "Chính"],
        "roles": [{"title": "Prime Minister", "organisation": _VIETNAM_GOVERNMENT}],
    },
    {
        "name": "Lê Hoài Trung",
        "country": "Vietnam",
        "aliases": ["Le Hoai Trung", "Trung"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _VIETNAM_FOREIGN_MINISTRY},
            {"title": "Secretary of the Party Central Committee", "organisation": _CPV},
        ],
    },
    {
        "name": "Lê Minh Hưng",
        "country": "Vietnam",
        "aliases": ["Le Minh Hung", "Hưng"],
        "roles": [
            {"title": "Secretary of the Party Central Committee", "organisation": _CPV},
            {"title": "Head of the Central Organisation Commission", "organisation": _CPV},
        ],
    },
    {
        "name": "Vũ Đại Thắng",
        "country": "Vietnam",
        "aliases": ["Vu Dai Thang", "Thắng"],
        "roles": [
            {
                "title": "Provincial Party Secretary",
                "organisation": "Quang Ninh Provincial Party Committee",
            }
        ],
    },
    {
        "name": "Bùi Thanh Sơn",
        "country": "Vietnam",
        "aliases": ["Bui Thanh Son", "Sơn"],
        "roles": [
            {"title": "Deputy Prime Minister", "organisation": _VIETNAM_GOVERNMENT},
            {"title": "Minister of Foreign Affairs", "organisation": _VIETNAM_FOREIGN_MINISTRY},
        ],
    },
    # --- Japan -----------------------------------------------------------------------------
    {
        "name": "Takaichi Sanae",
        "country": "Japan",
        "aliases": ["Sanae Takaichi", "Takaichi", "Sanae"],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Ishiba Shigeru",
        "country": "Japan",
        "aliases": ["Shigeru Ishiba", "Ishiba", "Shigeru"],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Kishida Fumio",
        "country": "Japan",
        "aliases": ["Fumio Kishida", "Kishida", "Fumio"],
        "roles": [{"title": "Prime Minister", "organisation": _JAPAN_GOVERNMENT}],
    },
    {
        "name": "Ito Naoki",
        "country": "Japan",
        "aliases": ["Naoki Ito", "Ito", "Naoki"],
        "roles": [
            {"title": "Ambassador to Vietnam", "organisation": "Embassy of Japan in Vietnam"}
        ],
    },
    {
        "name": "Takebe Tsutomu",
        "country": "Japan",
        "aliases": ["Tsutomu Takebe", "Takebe", "Tsutomu"],
        "roles": [
            {
                "title": "Special Advisor",
                "organisation": "Japan–Vietnam Friendship Parliamentary Alliance",
            }
        ],
    },
    {
        "name": "Kamikawa Yoko",
        "country": "Japan",
        "aliases": ["Yoko Kamikawa", "Kamikawa", "Yoko"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _JAPAN_FOREIGN_MINISTRY}
        ],
    },
    {
        "name": "Iwaya Takeshi",
        "country": "Japan",
        "aliases": ["Takeshi Iwaya", "Iwaya", "Takeshi"],
        "roles": [
            {"title": "Minister of Foreign Affairs", "organisation": _JAPAN_FOREIGN_MINISTRY}
        ],
    },
]
