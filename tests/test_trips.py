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


def ingest(tmp_path, *texts) -> None:
    path = tmp_path / "captures.jsonl"
    lines = [
        json.dumps({"text": text, "url": f"https://news.example.org/{n}"}, ensure_ascii=False)
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
