"""One meeting across outlets, languages and scripts (grouping's officials rule), and the
officials it rests on: registry spellings in scripts without spaces."""

from dataclasses import replace
from datetime import date

from archive.ingest.grouping import evidence_of, match
from archive.ingest.people import Registry, find_people, known_people
from archive.ingest.registry import STARTER_REGISTRY
from archive.ingest.text import word_count

REGISTRY = Registry(known_people(STARTER_REGISTRY))
TALKS = frozenset({"pham-minh-chinh", "ishiba-shigeru"})


def story(title, body, *, day=None, occurred=None, principals=TALKS, place=None, language="en"):
    return evidence_of(
        title=title,
        body=body,
        published_on=day,
        year_inferred=False,
        language=language,
        people=principals,
        principals=principals,
        place=place,
        occurred_on=occurred,
    )


ENGLISH = story(
    "Prime ministers hold talks",
    "HANOI — Prime Minister Pham Minh Chinh held talks with Japanese Prime Minister Ishiba "
    "Shigeru in Hanoi on April 28, agreeing to expand cooperation in semiconductors.",
    day=date(2025, 4, 28),
    occurred=date(2025, 4, 28),
)
# Our own paraphrase, written as a Japanese wire would (no date with a year, only the day).
JAPANESE = story(
    "日越首脳が会談",
    "石破茂首相は28日、ハノイでファム・ミン・チン首相と会談し、半導体分野での協力拡大で一致した。",
    language="ja",
)


def test_the_same_two_officials_in_one_city_on_one_day_are_one_meeting_in_any_language():
    assert JAPANESE.place == "hanoi" and JAPANESE.day == 28
    result = match(ENGLISH, JAPANESE)
    assert result.same_event, result.reason
    assert match(JAPANESE, ENGLISH).same_event  # symmetric


def test_a_meeting_reported_the_next_day_without_its_day_written_is_the_same_meeting():
    next_day = story(
        "PM Chinh, Japanese PM talk trade",
        "Prime Minister Pham Minh Chinh and Prime Minister Ishiba Shigeru discussed "
        "investment in semiconductors and green energy at their talks in Hanoi.",
        day=date(2025, 4, 29),
    )
    assert match(ENGLISH, next_day).same_event


def test_two_days_of_one_trip_both_written_are_two_meetings():
    second_day = story(
        "Leaders visit an industrial park",
        "HANOI — Prime Minister Pham Minh Chinh and Prime Minister Ishiba Shigeru visited a "
        "semiconductor plant near Hanoi on April 29, the second day of the visit.",
        day=date(2025, 4, 29),
        occurred=date(2025, 4, 29),
    )
    assert not match(ENGLISH, second_day).same_event


def test_another_city_or_another_day_of_the_month_is_another_meeting():
    tokyo = story(
        "日越首脳が会談",
        "石破茂首相は28日、東京でファム・ミン・チン首相と会談した。",
        language="ja",
    )
    assert not match(ENGLISH, tokyo).same_event
    other_day = story(
        "日越首脳が会談",
        "石破茂首相は2日、ハノイでファム・ミン・チン首相と会談した。",
        language="ja",
    )
    assert not match(ENGLISH, other_day).same_event


def test_one_official_in_common_is_not_enough():
    with_the_speaker = story(
        "Chairman receives Japanese guests",
        "HANOI — Prime Minister Pham Minh Chinh received a delegation of Japanese business "
        "leaders in Hanoi on April 28.",
        day=date(2025, 4, 28),
        occurred=date(2025, 4, 28),
        principals=frozenset({"pham-minh-chinh"}),
    )
    assert not match(ENGLISH, with_the_speaker).same_event


def test_undated_stories_of_the_same_officials_in_one_city_need_alike_text():
    first = story(
        "Minister receives ambassador",
        "HANOI — The minister received the ambassador to discuss scholarships and river data.",
        place="Hanoi",
    )
    again = story(
        "Minister, ambassador review labour cooperation",
        "HANOI — The two officials met again to review technical interns and a job fair.",
        place="Hà Nội",
    )
    assert first.place == again.place == "hanoi"
    assert not match(first, again).same_event


def test_two_cities_read_for_the_same_two_on_the_same_written_day_is_proposed_not_joined():
    osaka = story(
        "Prime ministers meet",
        "OSAKA — Prime Minister Pham Minh Chinh met Prime Minister Ishiba Shigeru on April 28.",
        day=date(2025, 4, 28),
        occurred=date(2025, 4, 28),
        place="Osaka",
    )
    assert ENGLISH.place == "hanoi" and osaka.place == "osaka"
    result = match(ENGLISH, osaka)
    assert not result.same_event and result.uncertain, result.reason
    # Another day too: two meetings.
    later = replace(osaka, published_on=date(2025, 5, 2), occurred_on=date(2025, 5, 2), day=2)
    assert not match(ENGLISH, later).uncertain


def test_leads_of_three_officials_sharing_two_tell_two_meetings_not_one():
    # Invented: the guest and the prime minister with their foreign ministers, then with the
    # defence ministers; both undated, in one city.
    with_foreign = story(
        "Leaders and foreign ministers meet",
        "TOKYO — The president met the prime minister and the foreign minister.",
        principals=frozenset({"guest", "premier", "foreign-minister"}),
        place="Tokyo",
    )
    with_defence = story(
        "Leaders and defence ministers meet",
        "TOKYO — The president met the prime minister and the defence minister.",
        principals=frozenset({"guest", "premier", "defence-minister"}),
        place="Tokyo",
    )
    result = match(with_foreign, with_defence)
    assert result.uncertain and not result.likely, result.reason
    # One lead's officials all among the other's: only a date is missing.
    everyone = frozenset({"guest", "premier", "foreign-minister", "defence-minister"})
    result = match(with_foreign, replace(with_defence, principals=everyone, people=everyone))
    assert result.same_event or result.likely, result.reason


def test_officials_are_found_in_japanese_chinese_and_korean_script():
    found = {m.slug for m in find_people(JAPANESE_TEXT, REGISTRY, "ja")}
    assert found == {"ishiba-shigeru", "pham-minh-chinh"}
    assert {m.slug for m in find_people("范明政总理与石破茂举行会谈", REGISTRY, "zh")} == set(TALKS)
    assert {
        m.slug for m in find_people("팜민찐 총리는 이시바 시게루 총리와", REGISTRY, "ko")
    } == set(TALKS)
    # Katakana names with or without their middle dots.
    assert {m.slug for m in find_people("ファムミンチン首相が来日", REGISTRY, "ja")} == {
        "pham-minh-chinh"
    }
    # A foreign "v" as ヴ or in the b-row: the registry writes one, stories the other.
    for text in ("ヴォー・ティ・アイン・スアン国家副主席", "ボー・ティ・アイン・スアン副主席"):
        assert {m.slug for m in find_people(text, REGISTRY, "ja")} == {"vo-thi-anh-xuan"}
    assert {m.slug for m in find_people("ボー・バン・トゥオン", REGISTRY, "ja")} == {
        "vo-van-thuong"
    }
    # A Japanese official by family name and any form of the office the registry lists.
    found = find_people("石破総理大臣は、岩屋外務大臣とともにチン首相と会談した。", REGISTRY, "ja")
    assert [m.slug for m in found] == ["ishiba-shigeru", "iwaya-takeshi", "pham-minh-chinh"]
    # A small vowel or a full one: グェン and グエン.
    found = find_people("グェン・ミン・チェット国家主席と福田首相", REGISTRY, "ja")
    assert {m.slug for m in found} == {"nguyen-minh-triet", "fukuda-yasuo"}


JAPANESE_TEXT = "石破茂首相は28日、ハノイでファム・ミン・チン首相と会談した。"


def test_words_of_scripts_without_spaces_are_counted():
    assert word_count(JAPANESE_TEXT) >= 12
    assert word_count("Prime Minister Pham Minh Chinh") == 5


def test_the_emperor_named_by_title_is_the_holder_of_the_confirmed_date():
    from datetime import date as day

    from archive.ingest.title_holders import named_by_title

    text = "天皇陛下は1日、ハノイでクアン国家主席と会見された。"
    assert [slug for slug, _, _ in named_by_title(text, day(2017, 3, 1))] == ["akihito"]
    assert [slug for slug, _, _ in named_by_title(text, day(2023, 11, 28))] == ["naruhito"]
    assert named_by_title(text, None) == []
    # English: the office as a whole phrase, not any "emperor".
    assert named_by_title("the Emperor received him", day(2018, 5, 30))
    assert not named_by_title("emperor penguins", day(2018, 5, 30))


def test_a_guessed_year_never_names_a_title_holder():
    from dataclasses import replace
    from datetime import date as day

    from archive.ingest.officials import confirmed_day, officials_named

    extracted = _extracted("天皇陛下は1日、ハノイでクアン国家主席と会見された。", day(2017, 3, 1))
    assert {m.slug for m in officials_named(extracted, REGISTRY)} == {"akihito", "tran-dai-quang"}
    # Alone, with a guessed year: no official's era tells which Emperor.
    guessed = replace(
        _extracted("天皇陛下は1日、ハノイで式典に臨まれた。", day(2017, 3, 1)), year_inferred=True
    )
    assert confirmed_day(guessed) is None
    assert not officials_named(guessed, REGISTRY)


def test_an_undated_story_names_the_emperor_of_its_officials_era():
    from archive.ingest.officials import officials_named

    quang = _extracted("天皇陛下は1日、ハノイでクアン国家主席と会見された。", None)
    assert {m.slug for m in officials_named(quang, REGISTRY)} == {"akihito", "tran-dai-quang"}
    thuong = _extracted("天皇陛下は28日、皇居でトゥオン国家主席と会見された。", None)
    assert {m.slug for m in officials_named(thuong, REGISTRY)} == {"naruhito", "vo-van-thuong"}
    # Trọng led the party under both emperors: his era does not tell which one.
    trong = _extracted("天皇陛下は、チョン書記長と会見された。", None)
    assert {m.slug for m in officials_named(trong, REGISTRY)} == {"nguyen-phu-trong"}


def test_a_family_name_two_prime_ministers_share_is_the_one_in_office_that_day():
    from datetime import date as day

    from archive.ingest.officials import officials_named, principals

    # Written by us, in the form of a broadcaster's item: the call is dated by its day alone.
    text = "菅総理大臣は15日午後、ベトナムのフック国家主席と電話で会談した。"
    suga = _extracted(text, day(2021, 9, 15))
    assert {m.slug for m in officials_named(suga, REGISTRY)} == {
        "suga-yoshihide",
        "nguyen-xuan-phuc",
    }
    assert principals(suga, REGISTRY) == ["nguyen-xuan-phuc", "suga-yoshihide"]
    kan = _extracted("菅首相は31日、ハノイでズン首相と会談した。", day(2010, 10, 31))
    assert "kan-naoto" in {m.slug for m in officials_named(kan, REGISTRY)}


def _extracted(body, published_on):
    from archive.ingest.outlets import UNKNOWN_OUTLET
    from archive.ingest.pipeline import Extracted

    return Extracted(
        title="",
        title_derived=True,
        body=body,
        blocks=[{"kind": "p", "text": body}],
        captions=[],
        published_on=published_on,
        year_inferred=False,
        occurred_on=published_on,
        day_written=True,
        place=None,
        outlet=UNKNOWN_OUTLET,
        original_outlet=None,
        source_url=None,
        credit=None,
        language="ja",
        review_reasons=[],
    )


def test_a_byline_names_no_official():
    from archive.ingest.capture import Capture
    from archive.ingest.officials import officials_named
    from archive.ingest.pipeline import extract

    for byline in ("By Minh Chau", "By Senior Reporter Nguyen Van An", "Bởi Nguyễn Văn An"):
        text = (
            "Vietnam, Japan boost ties\n"
            f"{byline}\n"
            "HANOI — Prime Minister Pham Minh Chinh met Japanese Ambassador Ito Naoki in Hanoi on "
            "Monday to discuss trade, investment and the labour market in both countries.\n"
        )
        extracted = extract(Capture(raw=text, format="text", path="byline.txt"))
        named = {(m.slug, m.name) for m in officials_named(extracted, REGISTRY)}
        assert {slug for slug, _ in named} == {"pham-minh-chinh", "ito-naoki"}, byline


def test_a_headline_naming_two_officials_says_whom_the_meeting_is_between():
    from dataclasses import replace
    from datetime import date as day

    from archive.ingest.officials import principals

    lead = (
        "Prime Minister Kishida Fumio met Party General Secretary Nguyen Phu Trong, President "
        "Nguyen Xuan Phuc and Prime Minister Pham Minh Chinh during his visit to Hanoi."
    )
    story = replace(
        _extracted(lead, day(2022, 5, 1)),
        title="Party General Secretary Nguyen Phu Trong receives Prime Minister Kishida",
        title_derived=False,
    )
    assert principals(story, REGISTRY) == ["kishida-fumio", "nguyen-phu-trong"]
    # A headline naming fewer leaves it to the lead.
    untitled = replace(story, title="Japanese leader visits Hanoi")
    assert principals(untitled, REGISTRY) == [
        "kishida-fumio",
        "nguyen-phu-trong",
        "nguyen-xuan-phuc",
        "pham-minh-chinh",
    ]


def test_a_round_up_of_a_visit_is_no_one_meeting_s_story():
    round_up = story(
        "Japanese Prime Minister concludes visit",
        "HANOI — Prime Minister Ishiba Shigeru ended his visit on April 28 after meeting General "
        "Secretary To Lam and Prime Minister Pham Minh Chinh in Hanoi.",
        day=date(2025, 4, 28),
        occurred=date(2025, 4, 28),
        principals=TALKS | {"to-lam"},
    )
    result = match(round_up, ENGLISH)
    assert not result.same_event and result.uncertain  # proposed, not joined


def test_a_candidate_found_by_a_title_does_not_displace_two_known_officials():
    from dataclasses import replace
    from datetime import date as day

    from archive.ingest.officials import principals
    from archive.ingest.people import KnownPerson

    registry = Registry(known_people(STARTER_REGISTRY))
    registry.add(KnownPerson("ho-chi-minh", "Ho Chi Minh", (), candidate=True))
    lead = (
        "Prime Minister Kishida Fumio laid a wreath at the mausoleum of President Ho Chi Minh "
        "before talks with Prime Minister Pham Minh Chinh."
    )
    story_ = replace(_extracted(lead, day(2022, 5, 1)), title="Japanese leader in Hanoi")
    assert principals(story_, registry) == ["kishida-fumio", "pham-minh-chinh"]


def test_a_visit_s_two_days_published_the_same_day_stay_apart_whatever_names_they_share():
    """A paper prints the talks of the 12th and the meeting of the 13th on the 13th, each with
    the whole cast of the visit further down: the names alone would join them."""
    cast = (
        "Tổng Bí thư Nguyễn Phú Trọng, Thủ tướng Phạm Minh Chính và Chủ tịch Tập Cận Bình dự lễ "
        "ký 36 văn kiện hợp tác, trong đó có tuyến đường sắt Lào Cai - Hà Nội - Hải Phòng."
    )

    def printed_on_the_13th(title, lead, principals, day):
        return evidence_of(
            title=title,
            body=f"{lead} {cast}",
            published_on=date(2023, 12, 13),
            year_inferred=False,
            language="vi",
            people=frozenset({"nguyen-phu-trong", "xi-jinping", "pham-minh-chinh"}),
            principals=frozenset(principals),
            place="hanoi",
            occurred_on=date(2023, 12, day),
            day_written=True,
        )

    talks = printed_on_the_13th(
        "Tổng Bí thư hội đàm với Chủ tịch Trung Quốc",
        "Chiều 12/12, Tổng Bí thư Nguyễn Phú Trọng hội đàm với Chủ tịch Tập Cận Bình.",
        {"nguyen-phu-trong", "xi-jinping"},
        12,
    )
    meeting = printed_on_the_13th(
        "Thủ tướng hội kiến Chủ tịch Trung Quốc",
        "Sáng 13/12, Thủ tướng Phạm Minh Chính hội kiến Chủ tịch Tập Cận Bình.",
        {"pham-minh-chinh", "xi-jinping"},
        13,
    )
    assert not match(talks, meeting).same_event
    assert not match(meeting, talks).same_event
    # Without their days written, the same two are one story by their names.
    assert match(replace(talks, day_written=False), replace(meeting, day_written=False)).same_event


def test_the_neighbours_leaders_are_found_in_every_script():
    texts = {
        "en": "President Yoon Suk-yeol met Prime Minister Kishida Fumio in Tokyo.",
        "pt": "O presidente Moon Jae-in e o premiê Abe Shinzo se encontraram em Tóquio.",
        "vi": "Chủ tịch Trung Quốc Tập Cận Bình hội đàm với Tổng Bí thư Nguyễn Phú Trọng.",
        "ja": "岸田首相は尹錫悦大統領と会談した。",
        "ko": "윤석열 대통령은 기시다 후미오 총리와 정상회담을 했다.",
        "zh": "习近平同阮富仲举行会谈。",
    }
    expected = {
        "en": {"yoon-suk-yeol", "kishida-fumio"},  # the given name's part after its hyphen
        "pt": {"moon-jae-in", "abe-shinzo"},  # in lower case, or joined ("Jae-in")
        "vi": {"xi-jinping", "nguyen-phu-trong"},
        "ja": {"kishida-fumio", "yoon-suk-yeol"},
        "ko": {"yoon-suk-yeol", "kishida-fumio"},
        "zh": {"xi-jinping", "nguyen-phu-trong"},
    }
    for language, text in texts.items():
        assert {m.slug for m in find_people(text, REGISTRY, language)} == expected[language], text


def test_a_japanese_name_spaced_between_family_and_given_name_is_found():
    text = "ブイ・タイン・ソン外相は、訪問中の上川 陽子外務大臣と会談した。"
    assert {m.slug for m in find_people(text, REGISTRY, "ja")} == {"bui-thanh-son", "kamikawa-yoko"}


def test_a_meeting_in_the_americas_dated_a_day_later_in_asia_is_one_meeting():
    people = frozenset({"kishida-fumio", "xi-jinping"})

    def report(day, place):
        return evidence_of(
            title="Kishida and Xi hold talks",
            body=f"{place.title()} — Prime Minister Kishida Fumio met President Xi Jinping.",
            published_on=day,
            year_inferred=False,
            language="en",
            people=people,
            principals=people,
            place=place,
            occurred_on=day,
            day_written=True,
        )

    local, from_tokyo = (
        report(date(2023, 11, 16), "sanfrancisco"),
        report(date(2023, 11, 17), "sanfrancisco"),
    )
    assert match(local, from_tokyo).same_event
    # In Tokyo, the same two dates are two days of meetings.
    assert not match(
        report(date(2023, 11, 16), "tokyo"), report(date(2023, 11, 17), "tokyo")
    ).same_event


def test_a_round_up_whose_year_is_guessed_is_only_proposed_for_the_meeting_of_its_day():
    """The same month and day, the year only guessed, and one lead a round-up naming three
    officials: two doubts, so an editor decides (it may be another year's visit)."""
    round_up = replace(
        story(
            "Japanese leader's day in Hanoi",
            "Prime Minister Ishiba Shigeru met Party General Secretary To Lam and Prime Minister "
            "Pham Minh Chinh on April 28.",
            day=date(2026, 4, 28),
            occurred=date(2026, 4, 28),
            principals=TALKS | {"to-lam"},
        ),
        year_inferred=True,
    )
    result = match(ENGLISH, round_up)
    assert not result.same_event and result.uncertain and not result.round_up


def test_an_official_the_registry_does_not_know_makes_up_the_meeting_s_two():
    """A prime minister receives a trade minister the registry does not know: the meeting is
    between those two, not between the prime minister and a leader named further down."""
    from dataclasses import replace
    from datetime import date as day

    from archive.ingest.officials import officials_named, principals

    lead = (
        "Prime Minister Nguyen Xuan Phuc received Japanese Minister of Economy, Trade and "
        "Industry Seko Hiroshige in Hanoi on May 20.\n\n"
        + "The two sides reviewed trade, investment and energy projects. " * 6
        + "\n\nThe Prime Minister asked him to convey his regards to Prime Minister Abe Shinzo."
    )
    story_ = replace(_extracted(lead, day(2017, 5, 20)), title="", language="en")
    named = officials_named(story_, REGISTRY)
    assert principals(story_, REGISTRY, named) == ["nguyen-xuan-phuc", "seko-hiroshige"]


def test_the_lead_is_not_cut_inside_a_word():
    from archive.ingest.evidence import LEAD_CHARS, lead_of

    body = "x" * (LEAD_CHARS - 4) + " Sekiguchi Masakazu met"
    assert lead_of("Title", body).endswith(" Sekiguchi")


def test_a_headline_naming_two_leaders_by_surname_names_them_on_the_story_s_day():
    """An English page of a Korean daily: the headline gives the surnames, the story "Lee" and
    "Ishiba" alone. On its confirmed day each surname is one leader's in office."""
    from dataclasses import replace
    from datetime import date as day

    from archive.ingest.officials import officials_named

    body = "Lee said the two leaders discussed regional development, and Ishiba agreed."
    story_ = replace(
        _extracted(body, day(2025, 9, 30)),
        title="Lee, Ishiba focus on shared challenges in Busan summit",
        title_derived=False,
        language="en",
    )
    assert [m.slug for m in officials_named(story_, REGISTRY)] == [
        "lee-jae-myung",
        "ishiba-shigeru",
    ]
    # Ten years earlier neither held office; with one surname alone in the headline, only
    # the leader the story calls by it again is named (below), not the meeting's other side.
    earlier = replace(story_, published_on=day(2015, 9, 30), occurred_on=day(2015, 9, 30))
    assert officials_named(earlier, REGISTRY) == []
    one = replace(story_, title="Ishiba focuses on shared challenges in Busan summit")
    assert [m.slug for m in officials_named(one, REGISTRY)] == ["ishiba-shigeru"]


def test_a_leader_called_by_the_family_name_again_and_again_is_named():
    """A page whose first mention was cut off: "Kishida" twice on a day he was prime minister
    names him; once does not, nor another day, nor a family name many people have."""
    from dataclasses import replace
    from datetime import date as day

    from archive.ingest.officials import officials_named

    body = "Kishida said the talks went well. Kishida and Hun Sen called for calm in Myanmar."
    story_ = replace(_extracted(body, day(2022, 3, 20)), language="en")
    assert "kishida-fumio" in [m.slug for m in officials_named(story_, REGISTRY)]
    once = replace(story_, body="Kishida said the talks went well.")
    assert "kishida-fumio" not in [m.slug for m in officials_named(once, REGISTRY)]
    before = replace(story_, published_on=day(2008, 3, 20), occurred_on=day(2008, 3, 20))
    assert "kishida-fumio" not in [m.slug for m in officials_named(before, REGISTRY)]
    lee = replace(story_, body="Lee said so. Lee agreed.", published_on=day(2015, 3, 20))
    assert "lee-hsien-loong" not in [m.slug for m in officials_named(lee, REGISTRY)]


def test_two_leads_naming_a_visit_s_three_officials_a_day_apart_are_two_of_its_days():
    """The defence ministers' talks on the 11th and the president's audience on the 12th, each
    lead naming the visitor and both hosts, the second without writing its day: not one."""
    cast = frozenset({"kishi-nobuo", "phan-van-giang", "nguyen-xuan-phuc"})
    talks = story(
        "Defence ministers hold talks",
        "HANOI — Defence Minister Phan Van Giang held talks with Japanese Defence Minister "
        "Kishi Nobuo on September 11; President Nguyen Xuan Phuc will receive him.",
        day=date(2021, 9, 11),
        occurred=date(2021, 9, 11),
        principals=cast,
    )
    audience = replace(
        story(
            "President receives Japanese defence minister",
            "President Nguyen Xuan Phuc received Kishi Nobuo, who held talks with Phan Van "
            "Giang, and praised defence ties.",
            day=date(2021, 9, 12),
            occurred=date(2021, 9, 12),
            principals=cast,
        ),
        day_written=False,
    )
    result = match(talks, audience)
    assert not result.same_event and result.uncertain
    # Two officials each, the day written once: a meeting on the 11th reported on the 12th.
    pair = frozenset({"kishi-nobuo", "phan-van-giang"})
    assert match(replace(talks, principals=pair), replace(audience, principals=pair)).same_event
