"""Finding officials in stories: the registry, short forms, titles, and the real seeds.

Unit tests use made-up sentences; the seed tests read ../shared/seeds at test time and skip
when they are absent. No seed text is copied here: the names below are the officials the
stories are about, which is what the archive must find.
"""

import random
import statistics
import time

import pytest

from archive.ingest.people import (
    KnownPerson,
    Mention,
    Registry,
    alias_variants,
    find_occurrences,
    find_people,
    known_people,
    short_forms,
    story_text,
)
from archive.ingest.registry import STARTER_REGISTRY
from archive.ingest.text import fold, slugify

EMPTY = Registry([])


@pytest.fixture(scope="module")
def starter() -> Registry:
    return Registry(known_people(STARTER_REGISTRY))


def slugs(mentions: list[Mention]) -> list[str | None]:
    return [m.slug for m in mentions]


def person(name: str, country: str | None, *aliases: str) -> dict:
    return {"name": name, "country": country, "aliases": list(aliases), "roles": []}


def registry_of(*rows: dict) -> Registry:
    return Registry(known_people(rows))


# --- short_forms and alias_variants -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Tô Lâm", "Vietnam", ["Lâm"]),
        ("Phạm Minh Chính", "Vietnam", ["Chính"]),
        ("Lê Minh Hưng", "Viet Nam", ["Hưng"]),
        ("Ito Naoki", "Japan", ["Ito", "Naoki"]),  # wires use both (seed 000: "Naoki")
        ("Takebe Tsutomu", "Japan", ["Takebe", "Tsutomu"]),
        ("Vũ Đại Thắng", None, ["Thắng"]),  # Vietnamese by its marks and family name
        ("Antony Blinken", None, ["Blinken"]),  # given name first: the family name is last
        ("Suharto", None, []),  # one word: no shorter form
    ],
)
def test_short_forms(name, country, expected):
    assert short_forms(name, country) == expected


def test_alias_variants_drop_diacritics_and_keep_capitals():
    assert alias_variants("Tô Lâm", "Vietnam") == ["To Lam"]
    assert alias_variants("Vũ Đại Thắng", "Vietnam") == ["Vu Dai Thang"]


def test_alias_variants_put_a_japanese_given_name_first():
    assert alias_variants("Ito Naoki", "Japan") == ["Naoki Ito"]
    assert alias_variants("Itō Naoki", "Japan") == ["Ito Naoki", "Naoki Itō"]


def test_alias_variants_leave_out_the_name_itself():
    assert alias_variants("Antony Blinken", "United States") == []


def test_known_people_complete_the_aliases_and_split_off_short_forms():
    (row,) = known_people([person("Lê Hoài Trung", "Vietnam", "Trung")])
    assert row == KnownPerson(
        slug="le-hoai-trung",
        name="Lê Hoài Trung",
        # As Russian-language and Korean-language outlets write it; no short form in Hangul.
        aliases=("Le Hoai Trung", "Ле Хоай Чунг", "레 호아이 쭝"),
        short_forms=("Trung", "Чунг"),
    )


# --- Known people ---------------------------------------------------------------------------


def test_a_name_is_found_in_any_spelling_as_one_person(starter):
    text = "Tô Lâm spoke. Later To Lam left. TO LAM was cheered."
    occurrences = find_occurrences(text, starter)
    assert [o.slug for o in occurrences] == ["to-lam"] * 3
    assert [o.surface for o in occurrences] == ["Tô Lâm", "To Lam", "TO LAM"]
    (mention,) = find_people(text, starter)
    assert mention == Mention("to-lam", "Tô Lâm", "Tô Lâm", None, is_new=False)


def test_a_name_must_be_capitalised(starter):
    assert find_people("they went to lam dong and then to lam son", starter) == []
    assert find_people("To lam, Le minh Hung and Ito naoki are not names", starter) == []


def test_a_name_does_not_run_across_a_line_or_punctuation(starter):
    assert find_people("a letter to\nLam, and To, Lam", starter) == []


def test_japanese_names_match_in_either_order(starter):
    text = "Naoki Ito met Ito Naoki."
    assert [o.slug for o in find_occurrences(text, starter)] == ["ito-naoki"] * 2


def test_people_come_in_the_order_of_their_first_mention(starter):
    text = "Takebe Tsutomu met Lê Minh Hưng. Later Hưng thanked Takebe Tsutomu."
    assert slugs(find_people(text, starter)) == ["takebe-tsutomu", "le-minh-hung"]


# --- Short forms ------------------------------------------------------------------------------


def test_a_short_form_after_a_full_mention_is_that_person(starter):
    text = "Party General Secretary To Lam received him. Lam praised the diplomat."
    occurrences = find_occurrences(text, starter)
    assert [(o.surface, o.slug, o.by_short_form) for o in occurrences] == [
        ("To Lam", "to-lam", False),
        ("Lam", "to-lam", True),
    ]
    assert len(find_people(text, starter)) == 1


def test_a_short_form_without_an_earlier_full_mention_names_no_one(starter):
    assert find_people("Lam praised the diplomat. Naoki smiled.", starter) == []


def test_a_short_form_before_the_full_mention_does_not_count(starter):
    text = "Lam praised the diplomat, said To Lam."
    assert [o.surface for o in find_occurrences(text, starter)] == ["To Lam"]


def test_a_lowercase_short_form_is_a_word(starter):
    text = "To Lam spoke; the lam and the hung are not names."
    assert [o.surface for o in find_occurrences(text, starter)] == ["To Lam"]


def test_a_short_form_inside_a_longer_word_is_not_a_name(starter):
    text = "Le Minh Hung visited. Hungarian and Hưngthịnh firms came."
    assert [o.surface for o in find_occurrences(text, starter)] == ["Le Minh Hung"]


def test_a_short_form_inside_another_capitalised_name_is_not_a_name(starter):
    text = "Lê Hoài Trung spoke of Trung Quốc. To Lam met Nguyen Van Lam."
    surfaces = [o.surface for o in find_occurrences(text, starter)]
    assert surfaces == ["Lê Hoài Trung", "To Lam"]


def test_a_short_form_after_a_title_or_at_a_sentence_start_is_a_name(starter):
    text = (
        "Ishiba Shigeru came. Recalling Ishiba's visit, Ambassador Ito Naoki spoke; "
        "Ambassador Ito left."
    )
    occurrences = [o for o in find_occurrences(text, starter) if o.by_short_form]
    assert [(o.surface, o.slug) for o in occurrences] == [
        ("Ishiba", "ishiba-shigeru"),
        ("Ito", "ito-naoki"),
    ]
    assert occurrences[1].role == "Ambassador"


def test_a_short_form_shared_by_two_people_is_the_one_named_last():
    registry = registry_of(
        person("Lê Hoài Trung", "Vietnam"), person("Nguyễn Thành Trung", "Vietnam")
    )
    text = "Lê Hoài Trung met Nguyễn Thành Trung. Trung said. Then Lê Hoài Trung spoke. Trung left."
    shorts = [o.slug for o in find_occurrences(text, registry) if o.by_short_form]
    assert shorts == ["nguyen-thanh-trung", "le-hoai-trung"]


def test_a_one_word_alias_is_only_a_short_form():
    registry = Registry([KnownPerson("to-lam", "Tô Lâm", aliases=("Lam",))])
    assert find_people("Lam spoke.", registry) == []
    assert len(find_occurrences("Tô Lâm came. Lam spoke.", registry)) == 2


# --- Titles: new officials ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "name", "role"),
    [
        ("Prime Minister Pham Minh Chinh said", "en", "Pham Minh Chinh", "Prime Minister"),
        (
            "Minister of Foreign Affairs Le Hoai Trung spoke",
            "en",
            "Le Hoai Trung",
            "Minister of Foreign Affairs",
        ),
        (
            "Ambassador Extraordinary and Plenipotentiary of Japan to Vietnam Ito Naoki came",
            "en",
            "Ito Naoki",
            "Ambassador Extraordinary and Plenipotentiary of Japan to Vietnam",
        ),
        (
            "the Japanese Ambassador to Vietnam Ito Naoki.",
            "en",
            "Ito Naoki",
            "Ambassador to Vietnam",
        ),
        (
            # A sentence (a title-case headline alone is not trusted with a new name).
            "Special Advisor to the Japan-Vietnam Friendship Parliamentary Alliance Takebe Tsutomu"
            " spoke",
            "en",
            "Takebe Tsutomu",
            "Special Advisor to the Japan-Vietnam Friendship Parliamentary Alliance",
        ),
        ("Party General Secretary Tô Lâm (R)", "en", "Tô Lâm", "Party General Secretary"),
        (
            "Quang Ninh Provincial Party Secretary Vu Dai Thang speaks",
            "en",
            "Vu Dai Thang",
            "Provincial Party Secretary",
        ),
        ("Deputy Prime Minister Trần Hồng Hà said", "en", "Trần Hồng Hà", "Deputy Prime Minister"),
        (
            "Minister of Finance Nguyen Van Thang cleared",
            "en",
            "Nguyen Van Thang",
            "Minister of Finance",
        ),
        ("Secretary of State Antony Blinken flew", "en", "Antony Blinken", "Secretary of State"),
        # A place the lists do not know: the Vietnamese family name shows where the name starts.
        ("Mayor of Danang Nguyen Van Quang said", "en", "Nguyen Van Quang", "Mayor of Danang"),
        ("deltok statsminister Pham Minh Chinh i", "no", "Pham Minh Chinh", "statsminister"),
        ("utenriksminister Le Hoai Trung;", "no", "Le Hoai Trung", "utenriksminister"),
        ("fra generalsekretær To Lam og", "no", "To Lam", "generalsekretær"),
        ("Thủ tướng Phạm Minh Chính phát biểu", "vi", "Phạm Minh Chính", "Thủ tướng"),
        # An office written with commas, or with Vietnamese syllables in lower case.
        (
            "received Minister of Economy, Trade and Industry Nishimura Yasutoshi in Hanoi",
            "en",
            "Nishimura Yasutoshi",
            "Minister of Economy, Trade and Industry",
        ),
        (
            "tiếp Bộ trưởng Bộ Kinh tế, Thương mại và Công nghiệp Nhật Bản Seko Hiroshige đang",
            "vi",
            "Seko Hiroshige",
            "Bộ trưởng Bộ Kinh tế, Thương mại và Công nghiệp Nhật Bản",
        ),
        (
            "gặp Bộ trưởng Kế hoạch và Đầu tư Nguyễn Chí Dũng tại",
            "vi",
            "Nguyễn Chí Dũng",
            "Bộ trưởng Kế hoạch và Đầu tư",
        ),
        # A lowercase "prefecture" or "province" after the place.
        (
            "hosted Governor of Gunma prefecture Yamamoto Ichita in Hanoi",
            "en",
            "Yamamoto Ichita",
            "Governor of Gunma prefecture",
        ),
        ("tiếp Thống đốc Yamamoto Ichita tại Hà Nội", "vi", "Yamamoto Ichita", "Thống đốc"),
        # French, German and Spanish titles, with the nationality between title and name.
        (
            "le Premier ministre japonais Taro Yamada a dit",
            "fr",
            "Taro Yamada",
            "Premier ministre japonais",
        ),
        ("der chinesische Außenminister Wang Lei sagte", "de", "Wang Lei", "Außenminister"),
        ("Hanoi – US-Präsident John Smith besucht", "de", "John Smith", "Präsident"),
        ("el presidente surcoreano Kim Min-su dijo", "es", "Kim Min-su", "presidente surcoreano"),
        # A Korean given name of two syllables joined by a dash.
        ("President Lee Jae-sung said", "en", "Lee Jae-sung", "President"),
        ("Foreign Minister Seo Kyung-min held talks", "en", "Seo Kyung-min", "Foreign Minister"),
        # A country's possessive inside the office.
        (
            "received visiting Governor of Japan’s Kagoshima prefecture Sato Ichiro in Hanoi",
            "en",
            "Sato Ichiro",
            "Governor of Japan’s Kagoshima prefecture",
        ),
        # A country of one word before the name in Vietnamese.
        ("Tổng thống Mỹ John Smith tuyên bố", "vi", "John Smith", "Tổng thống Mỹ"),
        # A counterpart, and the military rank between the title and the name.
        ("met his RoK counterpart Choi Jun in Hanoi", "en", "Choi Jun", "counterpart"),
        (
            "and his Chinese counterpart Senior Lieutenant General Wang Lei co-chaired",
            "en",
            "Wang Lei",
            "Senior Lieutenant General",
        ),
    ],
)
def test_a_name_after_a_title_is_a_new_candidate(text, language, name, role):
    (mention,) = find_people(text, EMPTY, language)
    assert mention == Mention(slug=None, name=name, surface=name, role=role, is_new=True)


@pytest.mark.parametrize(
    ("text", "name", "surface"),
    [
        ("Secretary of Foreign Affairs Pedro A. Santos said", "Pedro Santos", "Pedro A. Santos"),
        ("US President Joseph R. Doe Jr. arrived", "Joseph Doe Jr", "Joseph R. Doe Jr"),
        # An initial that ends a sentence is no middle one.
        ("Minister Nguyen Van A. The talks", "Nguyen Van A", "Nguyen Van A"),
    ],
)
def test_a_new_name_is_read_past_its_middle_initial_and_kept_without_it(text, name, surface):
    (mention,) = find_people(text, EMPTY)
    assert (mention.name, mention.surface) == (name, surface)


def test_the_department_an_office_names_is_not_part_of_the_name():
    (mention,) = find_people("U.S. Secretary of War John Q. Doe reviewed an honor guard.", EMPTY)
    assert mention.name == "John Doe"


def test_a_title_before_a_verb_and_a_party_s_name_name_no_one():
    # "The Prime Minister receives the Secretary-General of the Liberal Democratic Party":
    # no "Tổng Thư" after the verb, no "Đảng Dân" (the Party) after the title; Đặng is a name.
    text = "Thủ tướng tiếp Tổng Thư ký Đảng Dân chủ Tự do Nhật Bản"
    assert find_people(text, EMPTY, "vi") == []
    text = "Phó Chủ tịch Quốc hội Đặng Thị Ngọc Thịnh phát biểu."
    assert [m.name for m in find_people(text, EMPTY, "vi")] == ["Đặng Thị Ngọc Thịnh"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Another title after the first one's verb: no "Tổng Bí" for the President's name.
        ("Tổng thống Putin sẽ hội đàm với Tổng Bí thư Nguyễn Phú Trọng.", ["Nguyễn Phú Trọng"]),
        # A group's and a ministry's names are capitalised word by word, as names are.
        ("Chủ tịch Nhóm Nghị sĩ Hữu nghị Việt Nam-Nhật Bản phát biểu.", []),
        ("Bộ trưởng Công Thương Anton Alikhanov đến.", ["Anton Alikhanov"]),
        ("Tổng Giám đốc Cơ quan Năng lượng Nguyên tử Quốc tế đến.", []),
        # A country and a family name are no name; a country and a full name are.
        ("hội kiến Tổng thống Nga Putin và cựu Tổng thống Mỹ Obama.", []),
        ("Tổng thống Mỹ Barack Obama phát biểu.", ["Barack Obama"]),
        # Đoàn is a family name too (and the Youth Union): the name keeps it.
        ("Phó Chủ tịch Quốc hội Đoàn Thị Hương phát biểu.", ["Đoàn Thị Hương"]),
    ],
)
def test_vietnamese_offices_groups_and_countries_are_no_names(text, names):
    assert [m.name for m in find_people(text, EMPTY, "vi")] == names


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("El secretario general del Partido Comunista de Japón habló.", "es", []),
        ("der Generalsekretär der Kommunistischen Partei, in Hanoi", "de", []),
        ("at the Prime Minister's Official Residence in Tokyo, he said", "en", []),
        ("President Widodo and First Lady Iriana received him.", "en", []),
        ("at the Prime Minister's Office in Phnom Penh, the capital", "en", []),
        ("Chairman of the National People's Congress Wang Lei spoke.", "en", ["Wang Lei"]),
        ("Thủ tướng Ireland Sean Byrne phát biểu.", "vi", ["Sean Byrne"]),
        # A page cut off inside a name: half a name is none.
        ("Minister Sato voiced hope that President Lee Jae-hw", "en", []),
        ("son homologue, le Premier ministre Tran Van…\n\nComme prévu", "fr", []),
    ],
)
def test_institutions_countries_places_and_cut_names_are_no_names(text, language, names):
    assert [m.name for m in find_people(text, EMPTY, language)] == names


def test_a_known_name_is_found_with_a_middle_initial():
    registry = Registry(known_people([{"name": "Enrique Manalo", "country": "Philippines"}]))
    text = "They met Hon. Enrique A. Manalo, Secretary for Foreign Affairs."
    (mention,) = find_people(text, registry)
    assert (mention.slug, mention.surface) == ("enrique-manalo", "Enrique A. Manalo")
    assert find_people("Enrique A. Santos said.", registry) == []


def test_a_hyphenated_given_name_is_found_spaced_or_joined():
    registry = Registry(known_people([{"name": "Kang Kyung-wha", "country": "South Korea"}]))
    for text in ("Minister Kang Kyung Wha said.", "Kang Kyungwha said.", "Kang Kyung-wha said."):
        assert [m.slug for m in find_people(text, registry)] == ["kang-kyung-wha"]


def test_a_meeting_a_title_is_to_is_not_a_name():
    text = (
        "The ministers and the ASEAN Secretary-General to the ASEAN-Japan Ministerial Meeting "
        "in Bangkok agreed on a plan. Foreign Minister Taro Yamada spoke."
    )
    assert [m.name for m in find_people(text, EMPTY)] == ["Taro Yamada"]


def test_a_name_inside_a_place_s_name_is_not_a_person():
    registry = Registry(known_people([{"name": "Ho Chi Minh", "country": ""}]))
    text = "He arrived in Ho Chi Minh City. Later, tại TP. Hồ Chí Minh, ông nói."
    assert find_people(text, registry) == []
    assert [m.slug for m in find_people("Ho Chi Minh wrote", registry)] == ["ho-chi-minh"]


def test_a_title_case_headline_names_no_new_official_the_story_does_not_name_again():
    text = (
        "Japan Minister Talks Intern Program with Vietnam Counterpart\n"
        "Health Minister Taro Yamada met his counterpart on Friday."
    )
    assert [m.name for m in find_people(text, EMPTY)] == ["Taro Yamada"]
    again = "Japan Minister Taro Yamada to Visit Vietnam with Trade Mission\nTaro Yamada arrived."
    assert [m.name for m in find_people(again, EMPTY)] == ["Taro Yamada"]


@pytest.mark.parametrize(
    "text",
    [
        "the Prime Minister of Japan in October",  # a country, then a month
        "Prime Minister and delegates commemorate",  # "and", then a lowercase word
        "The Prime Minister said the Forum was useful",  # a lowercase word
        "Prime Minister Takaichi right after his election",  # one capitalised word
        "Prime Minister the Vietnamese Government pledged",  # "the", then no name
        "Prime Minister: Promoting the spirit",  # punctuation
        "Minister of Foreign Affairs ; leaders of ministries",
        "Secretary of the Party Central Committee, Minister of Foreign Affairs",
        "the Secretary of Quang Ninh Provincial Party Committee said",  # an office, not a name
        "the Governor of Bac Ninh Province said",
        "the Japanese Ambassador to Vietnam Japan attended",  # places only
        "the Prime Ministers of the two countries",  # not the title word
        "Prime Minister Ishiba\nShigeru",  # a name does not run across a line
        # An office's words are not read past the sentence, nor past a lowercase English word.
        "Minister of Economy, Trade and Industry. Nishimura Yasutoshi",
        "Minister of Economy, Trade and Industry said Foreign Affairs Kato Taro",
        "Bộ trưởng Bộ Kinh tế Nhật Bản",  # a ministry, no name after it
    ],
)
def test_a_title_without_a_name_after_it_finds_no_one(text):
    assert find_people(text, EMPTY) == []


@pytest.mark.parametrize(
    "text",
    [
        # Ours: "the Prime Minister of Thailand pays an official visit to Vietnam".
        "Lễ đón Thủ tướng Thái Lan thăm chính thức Việt Nam",
        "Tổng thống Hàn Quốc thăm chính thức Việt Nam",
        "Thủ tướng Ấn Độ thăm chính thức Nhật Bản",
    ],
)
def test_a_vietnamese_country_name_of_two_words_is_no_name(text):
    assert find_people(text, EMPTY, "vi") == []


def test_a_known_person_after_a_title_is_known_with_that_role(starter):
    (mention,) = find_people("Prime Minister Pham Minh Chinh attended.", starter)
    assert mention == Mention(
        "pham-minh-chinh", "Phạm Minh Chính", "Pham Minh Chinh", "Prime Minister", False
    )


def test_a_title_set_off_after_a_known_name_is_its_role(starter):
    text = "Lê Minh Hưng, Secretary of the Party Central Committee and head of it, said."
    (mention,) = find_people(text, starter)
    assert mention.role == "Secretary of the Party Central Committee"


def test_the_first_title_found_is_the_role_even_after_the_first_mention(starter):
    text = "Ito Naoki arrived. Later, Japanese Ambassador to Vietnam Ito Naoki spoke."
    (mention,) = find_people(text, starter)
    assert (mention.surface, mention.role) == ("Ito Naoki", "Ambassador to Vietnam")


def test_a_new_name_is_known_next_time_in_either_order():
    # Two stories we wrote: a Speaker found by his title with his family name first, then
    # named without a title, given name first, as another outlet writes him.
    first = find_people("Speaker of the House Oshima Tadamori arrived.", EMPTY)
    assert [m.name for m in first] == ["Oshima Tadamori"]
    registry = Registry(known_people([{"name": "Oshima Tadamori", "country": ""}]))
    later = find_people("The chairwoman welcomed Tadamori Oshima in Hanoi.", registry)
    assert [(m.slug, m.surface) for m in later] == [("oshima-tadamori", "Tadamori Oshima")]


def test_a_vietnamese_or_a_known_country_s_name_keeps_its_order():
    registry = Registry(
        known_people(
            [{"name": "Tran Van Nam", "country": ""}, {"name": "Joe Biden", "country": "US"}]
        )
    )
    assert find_people("Hùng Lê and Biden Joe met.", registry) == []


def test_a_candidate_named_twice_is_one_mention():
    text = "Prime Minister Nguyễn Văn An came. Later Prime Minister Nguyen Van An left."
    assert [m.name for m in find_people(text, EMPTY)] == ["Nguyễn Văn An"]


# --- The starter registry ---------------------------------------------------------------------


NEIGHBOUR_COUNTRIES = {
    "China", "South Korea", "Philippines", "Indonesia", "Cambodia", "Laos", "Thailand",
    "Malaysia", "Singapore", "India", "Australia", "United States", "Russia",
}  # fmt: skip


def test_starter_registry_rows_are_complete():
    for row in STARTER_REGISTRY:
        assert row["country"] in {"Vietnam", "Japan"} | NEIGHBOUR_COUNTRIES, row["name"]
        assert row["roles"] and all(set(r) == {"title", "organisation"} for r in row["roles"])
        folded = [fold(alias) for alias in row["aliases"]]
        assert len(folded) == len(set(folded)), f"{row['name']}: aliases fold alike"
        # The spellings and short forms the functions derive are all written out in the data.
        for derived in alias_variants(row["name"], row["country"]) + short_forms(
            row["name"], row["country"]
        ):
            assert fold(derived) in folded, (row["name"], derived)


def test_starter_registry_slugs_are_unique_and_include_the_seed_officials():
    found = [slugify(row["name"]) for row in STARTER_REGISTRY]
    assert len(found) == len(set(found))
    assert {"to-lam", "pham-minh-chinh", "takebe-tsutomu", "ito-naoki"} <= set(found)


# --- The seeds --------------------------------------------------------------------------------


def seed_people(extract_seed, number: str, registry: Registry) -> list[Mention]:
    article = extract_seed(number)
    return find_people(story_text(article), registry, article.language)


@pytest.mark.seeds
@pytest.mark.parametrize("number", ["000", "001"])
def test_seed_short_forms_of_to_lam_are_to_lam(extract_seed, starter, number):
    article = extract_seed(number)
    occurrences = find_occurrences(story_text(article), starter, article.language)
    to_lam = [o for o in occurrences if o.slug == "to-lam"]
    assert {fold(o.surface) for o in to_lam} == {"to lam", "lam"}
    assert any(o.by_short_form for o in to_lam)
    assert [m.slug for m in find_people(story_text(article), starter)].count("to-lam") == 1


@pytest.mark.seeds
@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("000", {"to-lam", "ito-naoki"}),
        ("001", {"to-lam", "ito-naoki"}),
        (
            "002",
            {
                "pham-minh-chinh", "le-hoai-trung", "takaichi-sanae", "to-lam", "ito-naoki",
                "takebe-tsutomu", "vu-dai-thang", "ishiba-shigeru",
            },
        ),
        ("003", {"le-minh-hung", "takebe-tsutomu"}),
        ("004", {"pham-minh-chinh", "le-hoai-trung", "to-lam"}),
    ],
)  # fmt: skip
def test_seed_officials_are_found(extract_seed, starter, number, expected):
    mentions = seed_people(extract_seed, number, starter)
    assert expected <= set(slugs(mentions))
    assert len(mentions) == len(set(slugs(mentions)))  # one mention per person


@pytest.mark.seeds
def test_to_lam_is_in_every_seed_but_003(extract_seed, starter):
    with_to_lam = {
        number
        for number in ("000", "001", "002", "003", "004")
        if "to-lam" in slugs(seed_people(extract_seed, number, starter))
    }
    assert with_to_lam == {"000", "001", "002", "004"}


TEASER_PEOPLE = ["Sugi Ryotaro", "Nguyen Van Thang", "Hoang Van Cuong"]


@pytest.mark.seeds
def test_000_people_of_the_teasers_are_not_in_the_story(extract_seed, seed_capture):
    # Even when the registry knows them, cleaning took their paragraphs out of the story.
    rows = [*STARTER_REGISTRY, *(person(n, None) for n in TEASER_PEOPLE)]
    registry = Registry(known_people(rows))
    teaser_slugs = {slugify(name) for name in TEASER_PEOPLE}
    assert not teaser_slugs & set(slugs(seed_people(extract_seed, "000", registry)))
    # ...and they are in the raw capture, where a registry or a title would find them.
    raw = seed_capture("000").raw
    assert teaser_slugs <= set(slugs(find_people(raw, registry)))
    new_in_raw = {fold(m.name): m.role for m in find_people(raw, EMPTY)}
    assert new_in_raw[fold("Nguyen Van Thang")] == "Minister of Finance"
    assert fold("Nguyen Van Thang") not in {
        fold(m.name) for m in seed_people(extract_seed, "000", EMPTY)
    }


@pytest.mark.seeds
def test_002_titles_alone_find_the_officials(extract_seed):
    found = {fold(m.name): m for m in seed_people(extract_seed, "002", EMPTY)}
    assert all(m.is_new and m.slug is None for m in found.values())
    assert found["pham minh chinh"].role == "Prime Minister"
    assert found["le hoai trung"].role == "Minister of Foreign Affairs"
    assert found["vu dai thang"].role == "Provincial Party Secretary"
    assert {"ito naoki", "takebe tsutomu", "takaichi sanae", "to lam"} <= set(found)


@pytest.mark.seeds
def test_004_norwegian_titles_find_the_officials(extract_seed):
    found = {fold(m.name): m for m in seed_people(extract_seed, "004", EMPTY)}
    assert fold(found["pham minh chinh"].role) == "statsminister"
    assert found["le hoai trung"].role == "utenriksminister"
    assert found["to lam"].role == "generalsekretær"


@pytest.mark.seeds
@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_seed_title_candidates_are_all_real_officials(extract_seed, number):
    # No garbage: everything the titles find in a seed is someone the starter registry knows.
    known_spellings = {
        fold(spelling) for row in STARTER_REGISTRY for spelling in (row["name"], *row["aliases"])
    }
    for mention in seed_people(extract_seed, number, EMPTY):
        words = mention.name.split()
        assert 2 <= len(words) <= 4 and all(w[0].isupper() for w in words), mention
        assert fold(mention.name) in known_spellings, mention


# --- Scale ------------------------------------------------------------------------------------

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
_MIDDLE = ["Văn", "Thị", "Minh", "Hoài", "Thanh", "Đức", "Quốc", "Hồng", "Xuân"]
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khoa", "Long", "Nam", "Phúc", "Quân"]
_KANA = ["ka", "ki", "ko", "sa", "shi", "ta", "to", "na", "no", "ha", "mi", "ya", "ra", "yo"]
_FILLER = [
    "the", "two", "sides", "agreed", "to", "deepen", "cooperation", "in", "trade", "and",
    "energy", "while", "officials", "noted", "progress", "on", "projects", "between", "localities",
]  # fmt: skip


def synthetic_people(count: int, rng: random.Random) -> list[dict]:
    rows: dict[str, dict] = {}
    while len(rows) < count:
        if rng.random() < 0.6:
            name = f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
            row = person(name, "Vietnam")
        else:
            family = "".join(rng.choices(_KANA, k=3)).capitalize()
            given = "".join(rng.choices(_KANA, k=2)).capitalize()
            row = person(f"{family} {given}", "Japan")
        rows.setdefault(slugify(row["name"]), row)
    return list(rows.values())


def synthetic_article(rows: list[dict], rng: random.Random, words: int) -> tuple[str, list[str]]:
    """A story of about ``words`` words naming a few of the people, in full then briefly."""
    named = rng.sample(rows, 8)
    sentences = []
    for row in named:
        full = rng.choice([row["name"], fold(row["name"]).title()])
        brief = short_forms(row["name"], row["country"])[-1]
        sentences.append(f"Prime Minister {full} said {' '.join(rng.choices(_FILLER, k=30))}.")
        sentences.append(f"{brief} added that {' '.join(rng.choices(_FILLER, k=30))}.")
    while sum(len(s.split()) for s in sentences) < words:
        sentences.insert(rng.randrange(len(sentences) + 1), " ".join(rng.choices(_FILLER, k=20)))
    return " ".join(sentences), [slugify(row["name"]) for row in named]


def test_a_registry_of_500_people_finds_the_people_of_a_900_word_story():
    rng = random.Random(20250403)
    rows = synthetic_people(500, rng)
    started = time.perf_counter()
    registry = Registry(known_people(rows))
    built_ms = (time.perf_counter() - started) * 1000
    text, named = synthetic_article(rows, rng, 900)

    mentions = find_people(text, registry)
    assert slugs(mentions) == named
    assert all(o.slug in named for o in find_occurrences(text, registry) if o.by_short_form)

    runs = []
    for _ in range(20):
        started = time.perf_counter()
        find_people(text, registry)
        runs.append((time.perf_counter() - started) * 1000)
    print(
        f"\npeople: registry of {len(registry)} built in {built_ms:.1f} ms; find_people on "
        f"{len(text.split())} words: median {statistics.median(runs):.2f} ms"
    )


def test_a_registry_grows_like_one_built_whole():
    rows = [
        {"name": "Tô Lâm", "country": "Vietnam"},
        {"name": "Lê Hoài Trung", "country": "Vietnam"},
        {"name": "Lê Minh Hưng", "country": "Vietnam"},
    ]
    whole = Registry(known_people(rows))
    grown = Registry(known_people(rows[:1]))
    for person in known_people(rows[1:]):
        grown.add(person)
    text = (
        "To Lam met Le Hoai Trung and Lê Minh Hưng. Later Trung and Hưng spoke; Lâm closed "
        "the meeting."
    )
    assert find_occurrences(text, grown) == find_occurrences(text, whole)
    assert len(grown) == 3


def test_a_leader_s_office_and_short_form_name_him_without_a_full_mention():
    registry = Registry(known_people(STARTER_REGISTRY))
    found = find_people("PM Kishida thanked PM Chinh for attending the summit.", registry)
    assert [m.slug for m in found] == ["kishida-fumio", "pham-minh-chinh"]
    assert [m.slug for m in find_people("Thủ tướng Chính phát biểu.", registry, "vi")] == [
        "pham-minh-chinh"
    ]
    # Not without the office, nor for one whose offices the registry does not date (the
    # foreign minister "Trung" is no president), nor inside a longer name.
    assert find_people("Kishida thanked Chinh.", registry) == []
    assert find_people("President Trung said.", registry) == []
    assert [m.slug for m in find_people("Minister Chinh Van Nguyen said.", registry)] != [
        "pham-minh-chinh"
    ]
    # A short form is no word of an office: "Thủ tướng" (Prime Minister) is not "Thư".
    thu = Registry(known_people([{"name": "Nguyễn Anh Thư", "short_forms": ["Thư"]}]))
    text = "Bà Nguyễn Anh Thư đến. Thủ tướng phát biểu, Thư ký ghi lại; Thư nói thêm."
    assert [o.surface for o in find_occurrences(text, thu, "vi")] == ["Nguyễn Anh Thư", "Thư"]
    # "Thủ tướng Chính phủ" is the Government's Prime Minister, whoever he is.
    text = "Tổng thống Mỹ đón Thủ tướng Chính phủ Nguyễn Xuân Phúc tại Nhà Trắng."
    assert [m.slug for m in find_people(text, registry, "vi")] == ["nguyen-xuan-phuc"]
    text = "Thủ tướng Phạm Minh Chính nói. Chính phủ sẽ hỗ trợ, Thủ tướng Chính khẳng định."
    assert [m.surface for m in find_people(text, registry, "vi")] == ["Phạm Minh Chính"]
    assert len(find_occurrences(text, registry, "vi")) == 2


def test_a_name_written_syllable_by_syllable_is_one_word():
    registry = Registry(known_people(STARTER_REGISTRY))
    text = "Chủ tịch nước Nguyễn Minh Triết và Thủ tướng Nhật Bản Fu-ku-da đã nhất trí."
    assert [m.slug for m in find_people(text, registry, "vi")] == [
        "nguyen-minh-triet",
        "fukuda-yasuo",
    ]
    # Not words joined by a dash that are no syllables of one name.
    assert find_people("Tokyo-based analysts and Japan-Vietnam ties", registry) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Премьер-министр Фам Минь Чинь поздравил премьер-министра Кисиду",
         ["pham-minh-chinh", "kishida-fumio"]),
        ("встреча с Фам Минь Чинем и Фумио Кисидой", ["pham-minh-chinh", "kishida-fumio"]),
        ("Генсек То Лам встретился с Сигэру Исибой", ["to-lam", "ishiba-shigeru"]),
    ],
)  # fmt: skip
def test_officials_named_in_russian_in_any_case(text, expected):
    registry = Registry(known_people(STARTER_REGISTRY))
    assert [m.slug for m in find_people(text, registry, "ru")] == expected


@pytest.mark.parametrize(
    "text",
    [
        "日本首相安倍晉三與中國國家主席習近平會談。",  # traditional Chinese
        "日本首相安倍晋三与中国国家主席习近平会谈。",  # simplified
        "安倍晋三首相は習近平国家主席と会談した。",  # Japanese
    ],
)
def test_a_name_in_ideographs_is_found_in_any_script_s_forms(text):
    registry = Registry(known_people(STARTER_REGISTRY))
    assert {m.slug for m in find_people(text, registry, "zh")} >= {"abe-shinzo", "xi-jinping"}


def test_ideographs_fold_character_for_character():
    from archive.ingest.cjk_names import fold_ideographs

    text = "小澤一郎、菅義偉、習近平"
    folded = fold_ideographs(text)
    assert len(folded) == len(text)
    assert folded == fold_ideographs("小沢一郎、菅义伟、习近平")
    assert fold_ideographs(folded) == folded


def test_a_nickname_quoted_inside_a_name_does_not_hide_it():
    registry = Registry(known_people(STARTER_REGISTRY))
    text = 'Talks between President Ferdinand "Bongbong" Marcos Jr. and the prime minister.'
    found = find_people(text, registry)
    assert [m.slug for m in found] == ["ferdinand-marcos-jr"]
    assert found[0].surface == "Ferdinand Marcos Jr"  # the spelling recorded: no blank run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Written by us, as Thai stories write names: glued to the title, without spaces.
        (
            "นายกรัฐมนตรีฟูมิโอะ คิชิดะของญี่ปุ่นพบกับพลเอกประยุทธ์ จันทร์โอชา",
            ["kishida-fumio", "prayut-chan-o-cha"],
        ),
        ("นางสาวแพทองธาร ชินวัตร นายกรัฐมนตรี เดินทางถึงฮานอย", ["paetongtarn-shinawatra"]),
        # Japanese: a defence minister by family name and office.
        (
            "ベトナムを訪問中の岩屋防衛大臣は、リック国防大臣と会談した。",
            ["iwaya-takeshi", "ngo-xuan-lich"],
        ),
        # Chinese as Malaysia's and Taiwan's press write Anwar's name.
        ("岸田文雄5日與馬來西亞首相安華舉行會談。", ["kishida-fumio", "anwar-ibrahim"]),
    ],
)
def test_officials_named_in_thai_and_in_other_forms_of_their_name(starter, text, expected):
    assert [m.slug for m in find_people(text, starter)] == expected
