"""Officials named in Japanese script: found by their office; filed under the one official their
reading names, else kept as written, flagged, and given a proposed Latin reading (or a proposed
merge) that an editor accepts or not.

The captures are written by us; the new officials in them are invented names."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.ingest import cjk_names, romanise
from archive.ingest.people import KnownPerson, Registry, find_people, known_people
from archive.models import Article, Person
from archive.person_records import romanised_proposals
from tests.factories import PersonAliasFactory, PersonFactory

# An invented foreign minister (森田浩二) meets a Vietnamese one written in katakana whom the
# starter registry knows in katakana already (ブイ・タイン・ソン).
NEW_KANJI = (
    "森田外相、ソン外相と会談\n"
    "日本の森田浩二外相は12日、東京でベトナムのブイ・タイン・ソン外相と会談し、"
    "半導体の供給網と人材育成での協力を確認した。両外相は来年の首脳会談に向けて準備を進める"
    "ことでも一致した。\n"
)
# An invented Vietnamese deputy prime minister whom the registry knows in Latin script only.
NEW_KATAKANA = (
    "ベトナム副首相が来日\n"
    "ベトナムのラム・バン・トゥアン副首相は3日、東京で日本の経済団体の代表と懇談し、"
    "インフラ整備と農業分野での投資拡大を呼びかけた。副首相は5日まで滞在する予定だ。\n"
)


def ingest(tmp_path, *texts) -> None:
    path = tmp_path / "captures.jsonl"
    lines = [
        json.dumps({"text": text, "url": f"https://news.example.jp/{n}"})
        for n, text in enumerate(texts)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    call_command("ingest", str(path), "--json", stdout=StringIO(), stderr=StringIO())


# --- Romanisation (pure) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("石破茂", "Ishiba Shigeru"),
        ("伊藤直樹", "Ito Naoki"),  # long vowels as the registry writes them, not "Itou"
        ("ファム・ミン・チン", "Famu Min Chin"),  # Japanese syllables, not "Pham Minh Chinh"
        ("トー・ラム", "To Ramu"),
        ("ボー・バン・トゥオン", "Bo Ban Tuon"),  # トゥ one syllable (a plain kana table: "tou")
        ("チャン・ティ・ビン", "Chan Ti Bin"),
        ("藤井裕介", "Fujii Yusuke"),  # "ii" in kanji names is two vowels
    ],
)
def test_romanisation(name, latin):
    assert romanise.romanise(name) == latin


def test_a_latin_name_is_not_romanised():
    assert romanise.romanise("Ishiba Shigeru") is None


def test_katakana_sounds_like_the_vietnamese_spelling():
    assert romanise.sound_key("Famu Min Chin") == romanise.sound_key("Phạm Minh Chính")
    assert romanise.sound_key("Bo Ban Tuon") == romanise.sound_key("Võ Văn Thưởng")
    assert romanise.sound_key("Famu Min Chin") != romanise.sound_key("Phạm Bình Minh")


PEOPLE = [
    ("ishiba-shigeru", ["Ishiba Shigeru", "Shigeru Ishiba"]),
    ("pham-minh-chinh", ["Phạm Minh Chính", "Pham Minh Chinh"]),
]


def test_a_reading_that_is_a_known_name_proposes_a_merge():
    proposal = romanise.propose("石破茂", [("ishiba-shigeru", ["Shigeru Ishiba"])])
    assert proposal.alias == "Ishiba Shigeru"
    assert proposal.merge_into == "ishiba-shigeru"  # given name first in the registry: same


def test_katakana_proposes_the_person_it_sounds_like():
    proposal = romanise.propose("ファム・ミン・チン", PEOPLE)
    assert (proposal.alias, proposal.merge_into) == ("Famu Min Chin", "pham-minh-chinh")


def test_no_wrong_merge_is_proposed_for_the_benchmark_officials():
    # The synthetic corpus's officials (bench/corpus.py), each with their Japanese spelling:
    # a proposed merge is either the right person or none (a misreading, two names alike).
    import random

    from bench import corpus

    officials = corpus.make_officials(random.Random(corpus.DEFAULT_SEED))
    people = [(o.slug, [o.name, o.ascii]) for o in officials]
    sample = officials[:60] + officials[-40:]  # Vietnamese ones in katakana, then Japanese
    proposed = {o.slug: romanise.propose(corpus.japanese_name(o), people) for o in sample}
    merges = {slug: p.merge_into for slug, p in proposed.items() if p.merge_into}
    assert all(slug == target for slug, target in merges.items())
    assert len(merges) >= 0.6 * len(sample)


def test_two_people_alike_are_left_to_the_editor():
    alike = [*PEOPLE, ("pham-minh-chanh", ["Phạm Minh Chánh"])]
    assert romanise.propose("ファム・ミン・チン", alike).merge_into is None


def test_an_unknown_reading_proposes_an_alias_only():
    proposal = romanise.propose("森田浩二", PEOPLE)
    assert (proposal.alias, proposal.merge_into) == ("Morita Koji", None)


# --- Finding new names (pure) -----------------------------------------------------------------


def test_names_before_an_office_are_found():
    found = cjk_names.new_names(NEW_KANJI)
    assert [(name, role) for _, _, name, role in found] == [
        ("森田浩二", "Foreign Minister"),
        ("ブイ・タイン・ソン", "Foreign Minister"),
    ]
    start, end, name, _ = found[0]
    assert NEW_KANJI[start:end] == name
    # The country between the name and the office is no part of the name.
    text = "ファム・ビン・ミン・ベトナム副首相兼外相と会談を行った。"
    assert cjk_names.new_names(text) == [(0, 9, "ファム・ビン・ミン", "Deputy Prime Minister")]
    # タイ is Thailand, and the katakana of Vietnamese names (Tài, Thái): kept.
    assert [n for _, _, n, _ in cjk_names.new_names("レ・バン・タイ外相は述べた。")] == [
        "レ・バン・タイ"
    ]


def test_vice_chairs_are_offices_and_a_reading_may_stand_before_the_office():
    text = (
        "国会議事堂で、ラム・バン・トゥアン国会副議長は"
        "森田浩二(もりた こうじ)参議院副議長と会見した。"
    )
    assert [(name, role) for _, _, name, role in cjk_names.new_names(text)] == [
        ("ラム・バン・トゥアン", "Vice Chairman of the National Assembly"),
        ("森田浩二", "Vice President of the House of Councillors"),
    ]
    end = text.index("国会副議長")
    assert cjk_names.office_after(text, end) == "Vice Chairman of the National Assembly"
    assert cjk_names.office_after(text, end - 1) is None
    assert cjk_names.office_after("菅義偉前首相は", 3) is None  # a former office is no role
    assert cjk_names.office_after("菅義偉首相は", 3) == "Prime Minister"


def test_a_katakana_name_reads_as_the_person_named_in_latin_script_first():
    # A new name added from an earlier Japanese page sounds the same: the Latin name wins.
    latin = ("lam-van-tuan", ["Lâm Văn Tuấn"])
    earlier = ("ramu-ban-tuan", ["ラム・バン・トゥアン", "Ramu Ban Tuan"])
    assert romanise.Readings([latin, earlier]).propose("ラム・ヴァン・トゥアン").merge_into == (
        "lam-van-tuan"
    )
    assert romanise.Readings([earlier]).propose("ラム・ヴァン・トゥアン").merge_into == (
        "ramu-ban-tuan"
    )
    assert romanise.propose("ラム・ヴァン・トゥアン", [latin, earlier]).merge_into == "lam-van-tuan"


def test_a_latin_name_reads_as_the_new_official_an_earlier_japanese_page_named():
    readings = romanise.LatinReadings(
        [
            ("ramu-ban-tuan", "ラム・バン・トゥアン"),  # katakana: by sound
            ("morita-koji", "森田浩二"),  # kanji: by its reading, in either order
            ("hayashi-yoshimasa", "林芳正"),
            ("lam-van-tuan", "Lâm Văn Tuấn"),  # in Latin script: not this direction's
        ]
    )
    assert readings.find("Lam Van Tuan") == "ramu-ban-tuan"
    assert readings.find("Koji Morita") == "morita-koji"
    assert readings.find("Yosimasa Hayasi") == "hayashi-yoshimasa"  # a by-ear spelling
    assert readings.find("Morita") is None  # one word tells no one
    assert readings.find("Koji Moriya") is None
    assert readings.find("ラム・バン・トゥアン") is None
    # Two who read the same are no one.
    readings.add("lam-ban-tuan-2", "ラム・ヴァン・トゥアン")
    assert readings.find("Lam Van Tuan") is None


def test_a_new_official_named_in_kanji_is_found_by_their_reading_in_latin_letters():
    # No title needed: the reading is a full spelling of theirs, in either order.
    registry = Registry([KnownPerson("morita-koji", "森田浩二", (), candidate=True)])
    for text in ("Koji Morita said the talks went well.", "Morita Koji a dit que"):
        (mention,) = find_people(text, registry)
        assert (mention.slug, mention.surface) == ("morita-koji", text[:11])
    # A katakana name's reading is Japanese syllables, no one's spelling.
    registry = Registry([KnownPerson("ramu-ban-tuan", "ラム・バン・トゥアン", (), candidate=True)])
    assert find_people("Ramu Ban Tuan said", registry) == []


def test_other_foreign_leaders_are_named_by_a_part_of_their_name_and_office():
    rows = [
        {
            "name": "Joko Widodo",
            "country": "Indonesia",
            "aliases": ["ジョコ・ウィドド"],
            "roles": [{"title": "President"}],
        },
        {"name": "Tran Van Ba", "aliases": ["チャン・バン・バ"], "roles": [{"title": "Minister"}]},
    ]
    registry = Registry(known_people(rows))
    found = find_people("ジョコ大統領は、ウィドド大統領府で述べた。", registry, "ja")
    assert [m.slug for m in found] == ["joko-widodo"]
    assert find_people("ジョコ氏は述べた。", registry, "ja") == []  # no office, no one
    # A new name of no known country gets no such forms: "チャン" is many people's name.
    assert find_people("チャン大臣は述べた。", registry, "ja") == []


def test_ministers_governors_and_a_bare_minister_after_katakana_are_offices():
    # Sentences we wrote, in the shapes of Japanese wires: a minister's ministry before the
    # office, a governor's prefecture, a foreign minister in katakana before the bare "大臣".
    text = (
        "森田浩二経済産業相は3日、グエン・バン・アン商工相と会談した。"
        "ダオ・ゴック・ミン大臣は山田花子厚生労働大臣と、佐藤一郎福岡県知事は市長と会った。"
    )
    assert [(name, role) for _, _, name, role in cjk_names.new_names(text)] == [
        ("森田浩二", "Minister of Economy, Trade and Industry"),
        ("グエン・バン・アン", "Minister of Industry and Trade"),
        ("ダオ・ゴック・ミン", "Minister"),
        ("山田花子", "Minister of Health, Labour and Welfare"),
        ("佐藤一郎", "Governor"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "日本の経済産業大臣と会った。",  # a ministry before the bare "大臣" is no name
        "福岡県知事は会った。",  # a prefecture alone
        "中国外相と韓国大統領が会談した。",  # countries
        "共産党書記長は、特命全権大使と会った。",  # organisations, offices
        "ベトナム首相は訪日した。",  # one katakana word: a country
        "family name only: 森田外相は述べた。",  # a short form
        "中国外长王毅会见越南总理范明政",  # Chinese: no hiragana, offices come first
        "ドーン副首相兼外相からは、発言があった。",  # two offices after a one-word name
        "東京でズン・ベトナム首相と会談した。",  # a short form and a country
        "安倍元首相は述べた。",  # a family name and a former office
    ],
)
def test_what_is_not_a_new_name(text):
    assert cjk_names.new_names(text) == []


def test_a_known_name_is_not_new():
    registry = Registry(
        known_people([{"name": "Bùi Thanh Sơn", "aliases": ["ブイ・タイン・ソン"]}])
    )
    mentions = find_people(NEW_KANJI, registry, "ja")
    assert [(m.slug, m.name, m.is_new) for m in mentions] == [
        (None, "森田浩二", True),
        ("bui-thanh-son", "Bùi Thanh Sơn", False),
    ]


# --- Import and review ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_name_is_kept_as_written_and_flagged_with_nothing_applied(tmp_path):
    ingest(tmp_path, NEW_KANJI)
    person = Person.objects.get(name="森田浩二")
    assert person.needs_review and person.slug == "morita-koji"
    assert not person.aliases.exists()  # the reading is proposed, not stored
    assert person.roles.get().title == "Minister of Foreign Affairs"  # as office_title writes it
    article = Article.objects.get(raw=NEW_KANJI)
    assert "new_person" in article.review_reasons
    assert set(article.people.values_list("slug", flat=True)) == {"morita-koji", "bui-thanh-son"}
    proposal = romanised_proposals([person])[person.pk]
    assert (proposal.alias, proposal.merge_into) == ("Morita Koji", None)


@pytest.mark.django_db
def test_a_katakana_name_of_a_known_person_is_filed_under_them(tmp_path):
    known = PersonFactory(name="Lâm Văn Tuấn", slug="lam-van-tuan", country="Vietnam")
    PersonAliasFactory(person=known, name="Lam Van Tuan")
    ingest(tmp_path, NEW_KATAKANA)
    assert not Person.objects.filter(name="ラム・バン・トゥアン").exists()
    assert known.aliases.filter(name="ラム・バン・トゥアン").exists()
    article = Article.objects.get(raw=NEW_KATAKANA)
    assert list(article.people.all()) == [known]
    assert "new_person" not in article.review_reasons


@pytest.mark.django_db
def test_a_candidate_in_katakana_is_proposed_for_merging_into_an_official_added_later(tmp_path):
    ingest(tmp_path, NEW_KATAKANA)
    new = Person.objects.get(name="ラム・バン・トゥアン")
    assert new.needs_review
    PersonFactory(name="Lâm Văn Tuấn", slug="lam-van-tuan", country="Vietnam")
    proposal = romanised_proposals([new])[new.pk]
    assert proposal.merge_into == "lam-van-tuan"
    assert Person.objects.filter(pk=new.pk).exists()  # not merged until an editor says so


@pytest.mark.django_db
def test_a_candidate_in_katakana_is_the_one_a_later_english_page_names(tmp_path):
    # The Japanese page comes first: its katakana name is a new candidate; the English page,
    # naming him by his office in Latin letters, names the same person, not a second one.
    english = (
        "Vietnam's deputy prime minister in Tokyo\n"
        "Tokyo, March 3, 2025 - Vietnamese Deputy Prime Minister Lam Van Tuan met Japanese "
        "business leaders on March 3 and called for more investment in infrastructure.\n"
    )
    ingest(tmp_path, NEW_KATAKANA, english)
    person = Person.objects.get(name="ラム・バン・トゥアン")
    assert not Person.objects.filter(name="Lam Van Tuan").exists()
    assert person.aliases.filter(name="Lam Van Tuan").exists()
    assert Article.objects.get(raw=english).people.get() == person


# An English report of an invented meeting, then an undated Japanese one that gives its day of
# the month, the Vietnamese host in katakana and the Japanese guest in kanji.
VICE_CHAIR_EN = (
    "Vice Chairman Lam Van Tuan receives Japanese delegation\n"
    "Hanoi, December 18, 2019 (VNA) - National Assembly Vice Chairman Lam Van Tuan on "
    "December 18 received Morita Koji, Vice President of Japan's House of Councillors, "
    "in Hanoi. They agreed to expand exchanges between the two legislatures.\n"
)
VICE_CHAIR_JA = (
    "越日の国会、交流拡大で一致\n"
    "18日午後、国会議事堂で、ラム・ヴァン・トゥアン国会副議長は森田浩二(もりた こうじ)"
    "参議院副議長と会見し、両国議会の交流を拡大することで一致しました。\n"
)


@pytest.mark.django_db
def test_a_japanese_version_joins_the_meeting_of_the_officials_its_names_read_as(tmp_path):
    PersonFactory(name="Lâm Văn Tuấn", slug="lam-van-tuan", country="Vietnam")
    PersonFactory(name="Morita Koji", slug="morita-koji", country="Japan")
    ingest(tmp_path, VICE_CHAIR_EN, VICE_CHAIR_JA)
    first, second = Article.objects.order_by("pk")
    assert second.fingerprint["principals"] == ["lam-van-tuan", "morita-koji"]
    assert first.event_id == second.event_id
    # Both names are filed under the officials they read as: no new records.
    assert set(second.people.values_list("slug", flat=True)) == {"lam-van-tuan", "morita-koji"}
    assert not Person.objects.filter(needs_review=True).exists()


@pytest.mark.django_db
def test_a_name_read_as_someone_the_same_import_just_added(tmp_path):
    # The host is new to the archive: the English version, found by his office, adds him while
    # the Japanese one is being prepared on another core.
    PersonFactory(name="Morita Koji", slug="morita-koji", country="Japan")
    # Eight stories first: an import prepares its first captures itself, later ones on
    # another core ahead of storing them.
    others = [
        f"Province {n} opens a new industrial park\n"
        f"Hanoi, March {n + 1}, 2019 (VNA) - Province number {n} opened an industrial park "
        f"covering {n * 100 + 50} hectares on March {n + 1}, its authorities said, adding that "
        "investors from several countries had registered projects in electronics and logistics.\n"
        for n in range(1, 9)
    ]
    ingest(tmp_path, *others, VICE_CHAIR_EN, VICE_CHAIR_JA)
    *_, first, second = Article.objects.order_by("pk")
    assert "lam-van-tuan" in first.fingerprint["principals"]
    assert second.fingerprint["principals"] == ["lam-van-tuan", "morita-koji"]
    assert first.event_id == second.event_id


@pytest.mark.django_db
def test_editors_see_the_proposals_and_accept_them(tmp_path, editor_client):
    ingest(tmp_path, NEW_KANJI, NEW_KATAKANA)
    # Added after the import: the katakana name read as no one when it came.
    known = PersonFactory(name="Lâm Văn Tuấn", slug="lam-van-tuan", country="Vietnam")
    changelist = reverse("admin:archive_person_changelist")
    page = editor_client.get(changelist, {"needs_review__exact": "1"}).content.decode()
    assert "“Morita Koji” as an alias?" in page
    assert "“Ramu Ban Tuan”: merge into" in page

    candidates = Person.objects.filter(name__in=["森田浩二", "ラム・バン・トゥアン"])
    response = editor_client.post(
        changelist,
        {
            "action": "accept_proposed_readings",
            "_selected_action": [p.pk for p in candidates],
        },
    )
    assert response.status_code == 302
    morita = Person.objects.get(name="森田浩二")
    assert list(morita.aliases.values_list("name", flat=True)) == ["Morita Koji"]
    assert not Person.objects.filter(name="ラム・バン・トゥアン").exists()
    assert "ラム・バン・トゥアン" in set(known.aliases.values_list("name", flat=True))
    assert known.articles.filter(raw=NEW_KATAKANA).exists()


def test_an_outlet_named_in_japanese_gets_a_slug():
    # Named from the page (og:site_name): the slug keys the stored outlet, so two outlets with
    # names in kanji must not share an empty one.
    from archive.ingest.outlets import outlet_from_name

    assert outlet_from_name("蓮港新聞", "www.renko-shimbun.example").slug == "renko-shimbun-example"
    first, second = outlet_from_name("蓮港新聞").slug, outlet_from_name("紅河新聞").slug
    assert first and second and first != second
