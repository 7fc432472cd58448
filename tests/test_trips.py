"""The meetings of one trip on consecutive days stay two events, whatever their versions'
dates, datelines and scripts. The captures are written by us, in the forms real pages use: a
wire with a dated dateline, a Japanese wire giving the day alone, a trip round-up naming both
hosts, an undated copy. The officials are real, the wording invented."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article

LAM_EN = (
    "To Lam receives Japanese Prime Minister Ishiba\n"
    "HANOI, April 27, 2025 (VNA) – Party General Secretary To Lam received Japanese Prime "
    "Minister Ishiba Shigeru in Hanoi on April 27, discussing investment and semiconductors. "
    "The two leaders agreed to deepen the comprehensive strategic partnership.\n"
)
LAM_JA = (
    "石破首相、トー・ラム書記長と会談\n"
    "【ハノイ共同】ベトナムを訪問中の石破茂首相は27日、ハノイでトー・ラム共産党書記長と会談した。"
    "両氏は半導体やエネルギー分野での協力を確認した。\n"
)
CHINH_EN = (
    "PM Pham Minh Chinh holds talks with Japanese PM Ishiba\n"
    "HANOI, April 28, 2025 (VNA) – Prime Minister Pham Minh Chinh held talks with Japanese "
    "Prime Minister Ishiba Shigeru in Hanoi on April 28, agreeing on new loans for railways "
    "and a dialogue on labour every year.\n"
)
CHINH_JA = (
    "日越首脳会談 鉄道で協力\n"
    "【ハノイ共同】石破茂首相は28日、ハノイでファム・ミン・チン首相と会談し、鉄道整備への円借款で"
    "合意した。両首脳は労働分野の対話も毎年開く。\n"
)
CHINH_UNDATED_VI = (
    "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản Ishiba Shigeru\n"
    "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản Ishiba Shigeru tại Hà Nội, hai "
    "bên nhất trí thúc đẩy hợp tác đường sắt và đối thoại về lao động hằng năm.\n"
)

# The same two meetings as Xinhua, Yonhap, a French VNA copy, Prensa Latina and a Vietnamese
# paper write them (their datelines and date forms).
LAM_ZH = (
    "越共中央总书记苏林会见日本首相石破茂\n"
    "新华社河内4月27日电 越共中央总书记苏林27日在河内会见到访的日本首相石破茂。双方同意深"
    "化全面战略伙伴关系。"
)
LAM_KO = (
    "또 럼 서기장, 이시바 일본 총리 접견\n"
    "(하노이=연합뉴스) 또 럼 베트남 공산당 서기장은 27일 하노이에서 이시바 시게루 "
    "일본 총리를 만나 반도체 협력을 논의했다. 두 지도자는 양국 관계를 한층 발전시키고 "
    "청년 교류와 인적 교류도 확대하기로 했다고 베트남 측이 밝혔다."
)
LAM_FR = (
    "Le secrétaire général To Lam reçoit le Premier ministre japonais\n"
    "Hanoï (VNA) - Le secrétaire général du Parti, To Lam, a reçu le 27 avril à Hanoï "
    "le Premier ministre japonais Ishiba Shigeru, en visite officielle au Vietnam."
)
CHINH_ZH = (
    "越南政府总理范明政与日本首相石破茂举行会谈\n"
    "新华社河内4月28日电 越南政府总理范明政28日在河内与到访的日本首相石破茂举行会谈，双方"
    "同意加强铁路合作。"
)
CHINH_KO = (
    "팜민찐 총리, 이시바 총리와 정상회담\n"
    "(하노이=연합뉴스) 팜민찐 베트남 총리는 28일 하노이에서 이시바 시게루 일본 총리와 "
    "정상회담을 갖고 철도 협력에 합의했다. 양측은 새 철도 차관과 노동 분야의 연례 대화를 "
    "이어 가기로 했으며 기후 협력도 논의했다고 밝혔다."
)
CHINH_ES = (
    "Vietnam y Japón acuerdan reforzar la cooperación ferroviaria\n"
    "Hanói, 28 abr (Prensa Latina) El primer ministro de Vietnam, Pham Minh Chinh, "
    "y su homólogo japonés, Ishiba Shigeru, acordaron este lunes en Hanói reforzar "
    "la cooperación ferroviaria."
)
CHINH_VI = (
    "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản Ishiba Shigeru\n"
    "Chiều 28/4, tại Trụ sở Chính phủ, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ "
    "tướng Nhật Bản Ishiba Shigeru đang thăm chính thức Việt Nam."
)


def ingest(tmp_path, *texts) -> None:
    path = tmp_path / "captures.jsonl"
    lines = [
        json.dumps(
            {"text": text, "url": f"https://news.example.org/{tmp_path.name}/{n}"},
            ensure_ascii=False,
        )
        for n, text in enumerate(texts)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    call_command("ingest", str(path), "--json", stdout=StringIO(), stderr=StringIO())


def event_of(text: str) -> int:
    return Article.objects.get(raw=text).event_id


@pytest.mark.django_db
@pytest.mark.parametrize("reverse", [False, True])
def test_two_days_of_one_trip_are_two_events_in_any_order(tmp_path, reverse):
    texts = [LAM_EN, LAM_JA, CHINH_EN, CHINH_JA, CHINH_UNDATED_VI]
    ingest(tmp_path, *(reversed(texts) if reverse else texts))
    assert event_of(LAM_EN) == event_of(LAM_JA)
    assert event_of(CHINH_EN) == event_of(CHINH_JA) == event_of(CHINH_UNDATED_VI)
    assert event_of(LAM_EN) != event_of(CHINH_EN)


@pytest.mark.django_db
def test_a_dated_dateline_places_the_story_in_its_city(tmp_path):
    ingest(tmp_path, LAM_EN)
    assert Article.objects.get(raw=LAM_EN).place.casefold() == "hanoi"


@pytest.mark.django_db
def test_the_versions_of_each_day_join_across_languages_and_scripts(tmp_path):
    lam = [LAM_EN, LAM_ZH, LAM_KO, LAM_FR]
    chinh = [CHINH_EN, CHINH_ZH, CHINH_KO, CHINH_ES, CHINH_VI]
    ingest(tmp_path, *lam, *chinh)
    assert len({event_of(text) for text in lam}) == 1
    assert len({event_of(text) for text in chinh}) == 1
    assert event_of(LAM_EN) != event_of(CHINH_EN)


# The day's round-up: the guest and every official he met that day, in one lead.
ROUND_UP_28 = (
    "Japanese Prime Minister wraps up talks day in Hanoi\n"
    "HANOI, April 28, 2025 (VNA) – Japanese Prime Minister Ishiba Shigeru held talks with Prime "
    "Minister Pham Minh Chinh in Hanoi on April 28, then met Foreign Minister Bui Thanh Son on "
    "the new railway loans and the yearly dialogue on labour.\n"
)
MAN_EN = (
    "NA Chairman Tran Thanh Man receives Japanese Prime Minister Ishiba\n"
    "HANOI, April 28, 2025 (VNA) – National Assembly Chairman Tran Thanh Man received Japanese "
    "Prime Minister Ishiba Shigeru in Hanoi on April 28, urging more exchanges between the two "
    "parliaments and their young deputies.\n"
)
ROUND_UP_BOTH = (
    "Japanese Prime Minister meets Vietnam's leaders\n"
    "HANOI, April 28, 2025 (VNA) – Japanese Prime Minister Ishiba Shigeru held talks with Prime "
    "Minister Pham Minh Chinh and met National Assembly Chairman Tran Thanh Man in Hanoi on "
    "April 28.\n"
)


@pytest.mark.django_db
@pytest.mark.parametrize("reverse", [False, True])
def test_the_day_s_round_up_joins_the_one_meeting_of_the_day_it_fits(tmp_path, reverse):
    texts = [CHINH_EN, CHINH_JA, ROUND_UP_28]
    ingest(tmp_path, *(reversed(texts) if reverse else texts))
    assert event_of(ROUND_UP_28) == event_of(CHINH_EN) == event_of(CHINH_JA)
    joined_last = Article.objects.get(raw=texts[-1] if not reverse else CHINH_JA)
    assert "event_uncertain" in joined_last.review_reasons  # an editor checks the guess


@pytest.mark.django_db
def test_a_round_up_of_two_meetings_of_one_day_joins_neither(tmp_path):
    ingest(tmp_path, CHINH_EN, MAN_EN, ROUND_UP_BOTH)
    assert event_of(CHINH_EN) != event_of(MAN_EN)
    assert event_of(ROUND_UP_BOTH) not in {event_of(CHINH_EN), event_of(MAN_EN)}
    from archive.models import MergeProposal

    proposed = {frozenset(p) for p in MergeProposal.objects.values_list("event_id", "candidate_id")}
    assert frozenset({event_of(ROUND_UP_BOTH), event_of(CHINH_EN)}) in proposed
    assert frozenset({event_of(ROUND_UP_BOTH), event_of(MAN_EN)}) in proposed


# Two versions of the talks kept apart by a Tokyo desk's dateline, the day's round-up that fits
# both, then an aggregator's copy of the Tokyo version (no dateline) that shows them one.
CHINH_JA_TOKYO = (
    "日越首脳会談 鉄道で協力\n"
    "2025年4月28日 18時30分\n"
    "【東京共同】石破茂首相は28日、ファム・ミン・チン首相と会談し、鉄道整備への円借款で合意した。"
    "両首脳は労働分野の対話も毎年開くことで一致した。\n"
)
CHINH_JA_COPY = (
    "日越首脳会談 鉄道で協力\n"
    "2025年4月28日 19時05分\n"
    "石破茂首相は28日、ファム・ミン・チン首相と会談し、鉄道整備への円借款で合意した。"
    "両首脳は労働分野の対話も毎年開くことで一致した。\n"
)
ROUND_UP_NO_PLACE = (
    "Japanese Prime Minister wraps up a day of talks\n"
    "April 28, 2025 – Japanese Prime Minister Ishiba Shigeru held talks with Prime Minister Pham "
    "Minh Chinh on April 28, then met Foreign Minister Bui Thanh Son on the new railway loans and "
    "the yearly dialogue on labour.\n"
)


@pytest.mark.django_db
def test_a_round_up_joins_the_day_s_meeting_once_its_versions_are_one_event(tmp_path):
    ingest(tmp_path, CHINH_EN, CHINH_JA_TOKYO, ROUND_UP_NO_PLACE)
    # Two events of the day fit the round-up: an editor is asked.
    assert event_of(CHINH_EN) != event_of(CHINH_JA_TOKYO)
    assert event_of(ROUND_UP_NO_PLACE) not in {event_of(CHINH_EN), event_of(CHINH_JA_TOKYO)}
    copy = tmp_path / "later"
    copy.mkdir()
    ingest(copy, CHINH_JA_COPY)
    assert len({event_of(t) for t in (CHINH_EN, CHINH_JA_TOKYO, CHINH_JA_COPY)}) == 1
    assert event_of(ROUND_UP_NO_PLACE) == event_of(CHINH_EN)
    round_up = Article.objects.get(raw=ROUND_UP_NO_PLACE)
    assert "event_uncertain" in round_up.review_reasons  # an editor checks the guess


# A Vietnamese paper's way: each meeting of the visit written with the whole cast further down.
_CAST = (
    " Dự lễ đón có Tổng Bí thư Tô Lâm, Thủ tướng Phạm Minh Chính, Chủ tịch Quốc hội Trần Thanh "
    "Mẫn, Bộ trưởng Bùi Thanh Sơn và Thủ tướng Ishiba Shigeru; hai bên ký 12 văn kiện, khoản vay "
    "2,4 tỷ USD cho đường sắt và chương trình đào tạo 5.000 kỹ sư bán dẫn tại Hà Nội.\n"
)
ROUND_UP_CAST = (
    "Thủ tướng Ishiba Shigeru hội đàm với Thủ tướng Phạm Minh Chính, gặp Bộ trưởng Bùi Thanh Sơn\n"
    "Hà Nội, ngày 28/4/2025 – Thủ tướng Nhật Bản Ishiba Shigeru hội đàm với Thủ tướng Phạm Minh "
    "Chính và gặp Bộ trưởng Ngoại giao Bùi Thanh Sơn tại Hà Nội." + _CAST
)
MAN_CAST = (
    "Chủ tịch Quốc hội Trần Thanh Mẫn hội kiến Thủ tướng Nhật Bản Ishiba Shigeru\n"
    "Hà Nội, ngày 28/4/2025 – Chủ tịch Quốc hội Trần Thanh Mẫn hội kiến Thủ tướng Nhật Bản "
    "Ishiba Shigeru tại Nhà Quốc hội." + _CAST
)


@pytest.mark.django_db
def test_the_same_cast_does_not_join_another_meeting_of_the_day(tmp_path):
    """The assembly chair's meeting shares every name with the round-up of the prime
    ministers' talks, but the talks' own story says whose meeting that event is."""
    ingest(tmp_path, CHINH_EN, ROUND_UP_CAST, MAN_CAST)
    assert event_of(ROUND_UP_CAST) == event_of(CHINH_EN)
    assert event_of(MAN_CAST) != event_of(CHINH_EN)


# As the Russian service of the Vietnamese news agency writes it: the names in Russian
# transcription, declined ("Исибу Сигэру", accusative).
LAM_RU = (
    "То Лам принял премьер-министра Японии Исибу Сигэру\n"
    "Ханой, 27 апреля 2025 года (ВИА) – Генеральный секретарь ЦК КПВ То Лам 27 апреля в Ханое "
    "принял премьер-министра Японии Исибу Сигэру. Стороны договорились развивать всеобъемлющее "
    "стратегическое партнёрство, в том числе в сфере полупроводников.\n"
)


@pytest.mark.django_db
def test_a_russian_version_joins_the_meeting_s_other_versions(tmp_path):
    ingest(tmp_path, LAM_EN, CHINH_EN, LAM_RU)
    ru = Article.objects.get(raw=LAM_RU)
    assert {p.slug for p in ru.people.all()} >= {"to-lam", "ishiba-shigeru"}
    assert event_of(LAM_RU) == event_of(LAM_EN) != event_of(CHINH_EN)


# A university's translation desk, publishing its Japanese version of the Vietnamese story
# three weeks later: its page is dated then, its text gives the meeting's day.
LAM_WRITE_UP_JA = (
    "トー・ラム書記長、石破首相と会見\n"
    "2025年5月18日\n"
    "トー・ラム書記長は2025年4月27日、ハノイで石破茂首相と会見し、半導体分野の協力と包括的戦略的"
    "パートナーシップの深化で一致した。\n"
)


@pytest.mark.django_db
@pytest.mark.parametrize("reverse", [False, True])
def test_a_write_up_published_weeks_later_joins_its_meeting(tmp_path, reverse):
    texts = [LAM_EN, CHINH_EN, LAM_WRITE_UP_JA]
    ingest(tmp_path, *(reversed(texts) if reverse else texts))
    late = Article.objects.get(raw=LAM_WRITE_UP_JA)
    assert (late.published_on.isoformat(), late.occurred_on.isoformat()) == (
        "2025-05-18",
        "2025-04-27",
    )
    assert event_of(LAM_WRITE_UP_JA) == event_of(LAM_EN) != event_of(CHINH_EN)
