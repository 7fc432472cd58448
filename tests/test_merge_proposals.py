"""Where the importer is unsure two stories tell one meeting: it joins a story to the one event
it fits, or leaves the choice to an editor (a merge proposed in the review queue).

The captures are written by us, in the forms real pages use; the officials are real, the
meetings and their wording invented."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article, Event, MergeProposal

TALKS_MAY = (
    "Prime ministers talk trade in Tokyo\n"
    "TOKYO (VNA) – Prime Minister Pham Minh Chinh held talks with Japanese Prime Minister "
    "Kishida Fumio in Tokyo on May 10, 2024, on semiconductors and a new rail loan worth "
    "1.2 billion USD. The two leaders also agreed to hold a dialogue on labour every year.\n"
)
TALKS_DECEMBER = (
    "Leaders review partnership in Tokyo\n"
    "TOKYO (VNA) – Prime Minister Pham Minh Chinh and Japanese Prime Minister Kishida Fumio "
    "met in Tokyo on December 2, 2024, reviewing the partnership a year after its upgrade and "
    "welcoming 3,400 new scholarships for engineers and nurses from the coming year.\n"
)
UNDATED_TOKYO = (
    "Vietnam, Japan leaders meet\n"
    "Prime Minister Pham Minh Chinh and Prime Minister Kishida Fumio met in Tokyo, where they "
    "spoke about the economy, culture and the exchange of students between the two countries, "
    "and about regional issues of common concern.\n"
)
ANOTHER_UNDATED_TOKYO = (
    "Kishida hosts Chinh\n"
    "Japanese Prime Minister Kishida Fumio hosted Prime Minister Pham Minh Chinh at his office "
    "in Tokyo, the Japanese government said, adding that a joint statement on energy would "
    "follow. No further detail was given about the agenda.\n"
)
UNDATED_DAY_10 = (
    "岸田首相、チン首相と会談\n"
    "岸田文雄首相は10日、東京でベトナムのファム・ミン・チン首相と会談し、半導体とインフラ"
    "での協力を確認した。両首脳は労働分野の対話を毎年開くことでも一致した。\n"
)


def ingest(tmp_path, *texts, first: int = 0) -> dict:
    """Import ``texts``, each at its own address (``first`` and on: a later call gives new
    pages, not new versions of the same ones)."""
    path = tmp_path / "captures.jsonl"
    lines = [
        json.dumps({"text": text, "url": f"https://news.example.org/{n}"})
        for n, text in enumerate(texts, start=first)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def event_of(text: str) -> Event:
    return Article.objects.get(raw=text).event


def proposed_with(event: Event) -> set[Event]:
    """The events proposed for merging with `event`, whichever way round."""
    pairs = MergeProposal.objects.select_related("event", "candidate")
    return {p.candidate for p in pairs.filter(event=event)} | {
        p.event for p in pairs.filter(candidate=event)
    }


@pytest.mark.django_db
def test_an_undated_story_that_fits_several_events_is_proposed_not_guessed(tmp_path):
    ingest(tmp_path, TALKS_MAY, TALKS_DECEMBER, UNDATED_TOKYO)
    undated = event_of(UNDATED_TOKYO)
    assert undated not in (event_of(TALKS_MAY), event_of(TALKS_DECEMBER))
    assert proposed_with(undated) == {event_of(TALKS_MAY), event_of(TALKS_DECEMBER)}
    assert MergeProposal.objects.count() == 2


@pytest.mark.django_db
def test_an_undated_story_that_fits_one_event_joins_it_flagged(tmp_path):
    ingest(tmp_path, TALKS_MAY, UNDATED_TOKYO)
    assert event_of(UNDATED_TOKYO) == event_of(TALKS_MAY)
    assert "event_uncertain" in Article.objects.get(raw=UNDATED_TOKYO).review_reasons
    assert not MergeProposal.objects.exists()


@pytest.mark.django_db
def test_a_day_of_the_month_tells_which_meeting_a_japanese_story_reports(tmp_path):
    ingest(tmp_path, TALKS_MAY, TALKS_DECEMBER, UNDATED_DAY_10)
    assert event_of(UNDATED_DAY_10) == event_of(TALKS_MAY)
    assert event_of(TALKS_DECEMBER) != event_of(TALKS_MAY)


@pytest.mark.django_db
def test_a_story_contradicting_the_one_event_it_may_fit_stays_apart(tmp_path):
    # The May event gets an undated version; a story of the 2nd fits that version (the same
    # officials in Tokyo), but the event's dated version says the 10th: not joined. The undated
    # version stays with the dated meeting rather than go to another undated story.
    day_two = UNDATED_DAY_10.replace("10日", "2日")
    ingest(tmp_path, TALKS_MAY, UNDATED_TOKYO, day_two)
    assert event_of(UNDATED_TOKYO) == event_of(TALKS_MAY)
    assert event_of(day_two) != event_of(TALKS_MAY)


@pytest.mark.django_db
def test_an_undated_story_without_a_place_joins_the_only_event_it_fits(tmp_path):
    no_place = UNDATED_TOKYO.replace(" in Tokyo,", ",")
    ingest(tmp_path, TALKS_MAY, no_place)
    assert event_of(no_place) == event_of(TALKS_MAY)
    assert "event_uncertain" in Article.objects.get(raw=no_place).review_reasons


@pytest.mark.django_db
def test_an_undated_story_without_a_place_is_proposed_when_it_fits_two(tmp_path):
    no_place = UNDATED_TOKYO.replace(" in Tokyo,", ",")
    ingest(tmp_path, TALKS_MAY, TALKS_DECEMBER, no_place)
    assert event_of(no_place) not in (event_of(TALKS_MAY), event_of(TALKS_DECEMBER))
    assert proposed_with(event_of(no_place)) == {event_of(TALKS_MAY), event_of(TALKS_DECEMBER)}


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["undated first", "undated last"])
def test_where_an_undated_story_ends_does_not_depend_on_the_order_of_captures(tmp_path, order):
    captures = [UNDATED_TOKYO, TALKS_MAY, TALKS_DECEMBER]
    ingest(tmp_path, *(captures if order == "undated first" else reversed(captures)))
    undated = event_of(UNDATED_TOKYO)
    assert undated not in (event_of(TALKS_MAY), event_of(TALKS_DECEMBER))
    assert proposed_with(undated) == {event_of(TALKS_MAY), event_of(TALKS_DECEMBER)}


@pytest.mark.django_db
def test_an_undated_story_moves_into_the_one_event_that_arrives_after_it(tmp_path):
    ingest(tmp_path, UNDATED_TOKYO, TALKS_MAY)
    assert event_of(UNDATED_TOKYO) == event_of(TALKS_MAY)
    assert "event_uncertain" in Article.objects.get(raw=UNDATED_TOKYO).review_reasons


def test_editors_see_merge_and_dismiss_proposals(editor_client, tmp_path):
    ingest(tmp_path, TALKS_MAY, TALKS_DECEMBER, UNDATED_TOKYO)
    queue = {row["label"]: row["count"] for row in editor_client.get("/admin/").context["queue"]}
    assert queue["Events that may tell one meeting, to merge or dismiss"] == 2
    listing = editor_client.get("/admin/archive/mergeproposal/")
    assert listing.status_code == 200
    may = next(
        p for p in MergeProposal.objects.all() if event_of(TALKS_MAY) in (p.event, p.candidate)
    )
    editor_client.post(
        "/admin/archive/mergeproposal/",
        {"action": "merge_proposed_events", "_selected_action": [may.pk]},
    )
    assert event_of(UNDATED_TOKYO) == event_of(TALKS_MAY)
    # The other proposal named the event merged away: it went with it.
    assert not MergeProposal.objects.exists()
    assert Event.objects.count() == 2
    ingest(tmp_path, ANOTHER_UNDATED_TOKYO, first=10)
    proposals = list(MergeProposal.objects.all())
    assert len(proposals) == 2
    editor_client.post(
        "/admin/archive/mergeproposal/",
        {"action": "dismiss", "_selected_action": [p.pk for p in proposals]},
    )
    assert not MergeProposal.objects.exists()
    assert Event.objects.count() == 3


@pytest.mark.django_db
def test_an_undated_story_fitting_the_same_day_of_two_years_joins_neither(tmp_path):
    # The same two leaders met in Tokyo on the 10th of May in 2023 and in 2024 (invented); a
    # story giving only "10日" is either, though an undated copy of the later meeting's story
    # is more like it than any version of the earlier: an editor decides.
    talks_2023 = TALKS_MAY.replace("May 10, 2024", "May 10, 2023").replace(
        "a new rail loan worth 1.2 billion USD", "a port loan worth 800 million USD"
    )
    copy_2024 = TALKS_MAY.replace(" on May 10, 2024,", ",")  # an aggregator's, undated
    ingest(tmp_path, TALKS_MAY, copy_2024, talks_2023, UNDATED_DAY_10)
    assert event_of(copy_2024) == event_of(TALKS_MAY)
    events = {event_of(TALKS_MAY), event_of(talks_2023)}
    assert len(events) == 2 and event_of(UNDATED_DAY_10) not in events
    assert events <= proposed_with(event_of(UNDATED_DAY_10))


@pytest.mark.django_db
def test_a_guessed_year_never_joins_events_of_two_years(tmp_path):
    first = (
        "Leaders hold talks in Hanoi\n"
        "HANOI (VNA) – Prime Minister Nguyen Tan Dung held talks with Japanese Prime Minister "
        "Abe Shinzo in Hanoi on January 16, 2013, agreeing on a loan for a northern highway.\n"
    )
    second = (
        "Leaders meet again in Hanoi\n"
        "HANOI (VNA) – Prime Minister Nguyen Tan Dung received Japanese Prime Minister Abe "
        "Shinzo in Hanoi on January 16, 2016, discussing coast guard vessels and fisheries.\n"
    )
    yearless = (
        "Vietnam, Japan leaders meet\n"
        "Prime Minister Nguyen Tan Dung and Prime Minister Abe Shinzo met in Hanoi on January "
        "16 to discuss the economy, ports and the training of engineers.\n"
    )
    ingest(tmp_path, first, second, yearless)
    assert event_of(first) != event_of(second)
    guessed = event_of(yearless)
    assert guessed not in (event_of(first), event_of(second))
    assert proposed_with(guessed) == {event_of(first), event_of(second)}


@pytest.mark.django_db
def test_an_undated_story_joins_the_one_event_of_its_place_and_proposes_the_placeless(tmp_path):
    placeless = TALKS_DECEMBER.replace("TOKYO (VNA) – ", "").replace(" in Tokyo", "")
    ingest(tmp_path, TALKS_MAY, placeless, UNDATED_TOKYO)
    assert event_of(UNDATED_TOKYO) == event_of(TALKS_MAY)
    assert proposed_with(event_of(TALKS_MAY)) == {event_of(placeless)}


@pytest.mark.django_db
def test_an_event_of_guessed_years_alone_is_undated(tmp_path):
    yearless = (
        "Leaders meet\n"
        "HANOI (VNA) – Prime Minister Nguyen Tan Dung and Prime Minister Abe Shinzo met in Hanoi "
        "on January 16 to discuss ports, the economy and the training of engineers.\n"
    )
    ingest(tmp_path, yearless)
    article = Article.objects.get(raw=yearless)
    assert article.year_inferred and article.published_on is not None
    assert article.event.date is None


ANOTHER_UNDATED_NO_PLACE = ANOTHER_UNDATED_TOKYO.replace(" in Tokyo,", ",")


@pytest.mark.django_db
@pytest.mark.parametrize("dated_first", [True, False])
def test_undated_stories_join_the_dated_meeting_rather_than_each_other(tmp_path, dated_first):
    undated = [UNDATED_TOKYO.replace(" in Tokyo,", ","), ANOTHER_UNDATED_NO_PLACE]
    ingest(tmp_path, *([TALKS_MAY, *undated] if dated_first else [*undated, TALKS_MAY]))
    assert event_of(undated[0]) == event_of(undated[1]) == event_of(TALKS_MAY)


AUDIENCE_MAY = (
    "Emperor receives Vietnamese Prime Minister\n"
    "TOKYO (VNA) – Emperor Naruhito received Prime Minister Pham Minh Chinh at the Imperial "
    "Palace in Tokyo on May 11, 2024, a day after the talks with Prime Minister Kishida Fumio, "
    "and recalled his visit to Hue and the friendship of the two peoples.\n"
)


@pytest.mark.django_db
def test_an_undated_story_joins_the_meeting_whose_leads_name_the_same_officials(tmp_path):
    # Both days' stories name Chinh and Kishida in their leads; only the talks name no one else.
    ingest(tmp_path, TALKS_MAY, AUDIENCE_MAY, UNDATED_TOKYO)
    assert event_of(TALKS_MAY) != event_of(AUDIENCE_MAY)
    assert event_of(UNDATED_TOKYO) == event_of(TALKS_MAY)


@pytest.mark.django_db
def test_an_undated_story_joins_the_meeting_whose_names_and_figures_it_shares(tmp_path):
    scholarships = (
        "Leaders welcome scholarships\n"
        "Prime Minister Pham Minh Chinh and Prime Minister Kishida Fumio met in Tokyo and "
        "welcomed 3,400 new scholarships for engineers and nurses, a year after the upgrade of "
        "the partnership, the Japan International Cooperation Agency said.\n"
    )
    ingest(tmp_path, TALKS_MAY, TALKS_DECEMBER, scholarships)
    assert event_of(scholarships) == event_of(TALKS_DECEMBER)
    assert event_of(TALKS_MAY) != event_of(TALKS_DECEMBER)


ONLINE_2024 = (
    "Party chief holds online talks with Japanese Prime Minister\n"
    "HANOI, September 3, 2024 (VNA) – General Secretary To Lam held online talks with Prime "
    "Minister Kishida Fumio on September 3, 2024, recalling the late General Secretary Nguyen "
    "Phu Trong's ties with Japan and agreeing on semiconductors and clean energy.\n"
)
TRONG_UNDATED = (
    "Party chief receives Japanese Prime Minister\n"
    "General Secretary Nguyen Phu Trong received Prime Minister Kishida Fumio, who praised the "
    "extensive strategic partnership, the 500 Japanese companies in Vietnam and the exchange of "
    "students and nurses between the two countries.\n"
)
TRONG_COPY = TRONG_UNDATED.replace("received", "on the 1st received")
TRONG_MAY_2022 = (
    "Trong receives Kishida\n"
    "HANOI, May 1, 2022 (VNA) – General Secretary Nguyen Phu Trong received Prime Minister "
    "Kishida Fumio in Hanoi on May 1, 2022, during his first official visit to Vietnam.\n"
)


@pytest.mark.django_db
def test_a_dated_story_is_not_tied_to_another_year_by_undated_versions(tmp_path):
    # The undated story fits only the 2024 talks when it arrives, and its copy follows it; the
    # 2022 meeting's dated story matches the copy, but its date is not the 2024 event's.
    ingest(tmp_path, ONLINE_2024, TRONG_UNDATED, TRONG_COPY, TRONG_MAY_2022)
    assert event_of(TRONG_MAY_2022) != event_of(ONLINE_2024)
    assert event_of(TRONG_UNDATED) != event_of(ONLINE_2024)
    assert event_of(TRONG_COPY) != event_of(ONLINE_2024)
