"""Reading and comparing versions as a researcher would (issue 27), on the seeds and on small
made-up events: the word diff, "what differs", event names, citations, names in search,
participants and mentions."""

import re

import pytest

from archive.compare import Row, Version, align
from archive.diffs import replacements
from archive.models import Event
from archive.naming import bracketed, generated_name, name_events
from archive.version_differences import conflicts
from tests.factories import ArticleFactory, EventFactory, PersonFactory


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def marked(html: str) -> list[str]:
    return [text for _tag, text in re.findall(r"<(ins|del)>(.*?)</\1>", html)]


def differences(html: str) -> list[str]:
    section = re.search(r'<section class="differences".*?</section>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", section.group(), re.S) if section else []


# --- the seeds: the "Done when" of the issue ---------------------------------------------------


def test_the_3_april_diff_marks_no_spelling_variant(client, seeded_archive):
    html = page(client, seeded_archive["000"].event.get_absolute_url())
    marks = marked(html)
    assert marks, "the real differences (the date, the dateline) are marked"
    variants = {"vietnam", "việt nam", "to lam", "tô lâm", "lâm", "lam", "hanoi", "hà nội"}
    for mark in marks:
        assert not any(variant in mark.lower() for variant in variants), mark
    # What is marked is what differs: the date, in one version by day, in the other by weekday.
    assert any("April 3" in mark for mark in marks) and any("Thursday" in mark for mark in marks)


def test_what_differs_on_the_3_april_event_states_the_date_in_plain_words(client, seeded_archive):
    html = page(client, seeded_archive["000"].event.get_absolute_url())
    lines = differences(html)
    dates = [line for line in lines if line.startswith("<strong>Date:</strong>")]
    assert len(dates) == 1, lines
    assert "April 3" in dates[0] and "Thursday" in dates[0]
    assert "VNA" in dates[0] and "VNS" in dates[0]
    assert not any("Numbers in" in line for line in lines)


def test_what_differs_on_the_25_november_event_is_short_and_has_the_32_35_conflict(
    client, seeded_archive
):
    html = page(client, seeded_archive["002"].event.get_absolute_url())
    lines = differences(html)
    assert 1 <= len(lines) <= 5, lines
    (conflict,) = [line for line in lines if "32" in line and "35" in line]
    assert conflict.startswith("<strong>Number:</strong>") and "economies" in conflict


def test_the_forum_event_is_named_for_the_forum_not_the_slogan_headline(client, seeded_archive):
    event = seeded_archive["002"].event
    html = page(client, event.get_absolute_url())
    h1 = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert h1 != event.title and "working, working" not in h1
    assert "Local Cooperation Forum" in h1 and "Quang Ninh" in h1
    assert h1.startswith("[") and h1.endswith("]")  # a name the archive gave, marked as such
    assert "Name given by the archive" in html


def test_the_event_page_offers_a_citation(client, seeded_archive):
    event = seeded_archive["000"].event
    html = page(client, event.get_absolute_url())
    assert "Cite this event" in html
    text = re.search(r'<textarea id="cite-text"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert text.startswith("[Tô Lâm receives Ito Naoki, Hanoi].")
    assert "3 April 2025" in text and "Accessed " in text
    assert event.get_absolute_url() in text


def test_the_article_citation_gives_its_capture_date(client, seeded_archive):
    article = seeded_archive["001"]  # no headline: its title is its first sentence
    html = page(client, article.get_absolute_url())
    text = re.search(r'<textarea id="cite-text"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    day = article.captured_at
    assert f"Captured {day.day} {day:%B %Y}." in text
    assert "[Untitled; begins “" in text  # not cited as if it were the headline
    assert "n.d.." not in text


def test_abe_is_not_corrected_to_a_common_word(client, seeded_archive):
    html = page(client, "/search/", q="Abe")
    assert "Did you mean" not in html
    assert 'Official: <a href="/people/abe-shinzo/">' in html


def test_a_misspelled_official_is_offered_the_officials_name(client, seeded_archive):
    html = page(client, "/search/", q="Lee Minh Hung")
    suggestion = re.search(r"Did you mean <a [^>]*>(.*?)</a>", html).group(1)
    assert suggestion == "Lê Minh Hưng"


def test_to_lam_marks_the_name_and_no_lone_to(client, seeded_archive):
    html = page(client, "/search/", q="To Lam")
    marks = re.findall(r"<mark>(.*?)</mark>", html)
    assert marks and set(marks) <= {"To Lam", "Tô Lâm", "TO LAM"}, marks
    assert 'Official: <a href="/people/to-lam/">Tô Lâm</a>' in html


def test_a_missing_page_is_the_sites_own_404(client, seeded_archive, settings):
    settings.DEBUG = False
    for url in ("/no-such-page/", "/events/no-such-event/", "/articles/999999/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found – " in response.content.decode()
        assert 'class="site-footer"' in response.content.decode()


def test_an_official_mentioned_in_passing_is_not_a_participant(client, seeded_archive):
    forum = seeded_archive["002"].event
    html = page(client, forum.get_absolute_url())
    officials = re.search(r'<p class="people">(.*?)</p>', html).group(1)
    mentioned = re.search(r'<p class="people mentioned">(.*?)</p>', html).group(1)
    assert "Phạm Minh Chính" in officials and "Ishiba Shigeru" not in officials
    assert "Ishiba Shigeru" in mentioned  # the former prime minister, named in passing
    home = page(client, "/")
    top = re.search(r'<ol class="top-officials">(.*?)</ol>', home, re.S).group(1)
    assert "Ishiba Shigeru" not in top and "Phạm Minh Chính" in top


# --- the baseline and the choice of versions -------------------------------------------------


def test_the_reader_chooses_the_baseline(client, seeded_archive):
    event = seeded_archive["000"].event
    vns = seeded_archive["001"]
    html = page(client, event.get_absolute_url(), base=vns.pk)
    assert re.search(r"Baseline: <strong>VNS</strong>", html)
    first_column = re.search(r'<th scope="col"[^>]*id="version-(\d+)"', html).group(1)
    assert first_column == str(vns.pk)
    date = next(line for line in differences(html) if "Date" in line)
    assert date.index("VNS") < date.index("VNA")  # the baseline's words first


def test_two_of_three_versions_are_compared_when_ticked(client, db):
    event = EventFactory()
    versions = [
        ArticleFactory(event=event, body=f"Tô Lâm met Kishida in Tokyo on day {n}.")
        for n in range(3)
    ]
    html = page(client, event.get_absolute_url(), compare=[versions[0].pk, versions[2].pk])
    shown = re.findall(r'<th scope="col"[^>]*id="version-(\d+)"', html)
    assert shown == [str(versions[0].pk), str(versions[2].pk)]
    assert html.count('type="checkbox" name="compare"') == 3


# --- what differs: pure functions -------------------------------------------------------------


def test_replacements_pair_what_two_versions_write_differently():
    a = "Tô Lâm received him in Hà Nội on April 3."
    b = "To Lam received him in Hanoi on Thursday."
    assert replacements(a, b) == [("April 3.", "Thursday.")]


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("The talks began at 9:30 in Hanoi.", "The talks began at 10:15 in Hanoi.", "time"),
        ("Trade reached 12 billion USD last year.", "Trade reached 14 billion USD last year.",
         "number"),
        ("He met Kishida in Tokyo.", "He met Ishiba in Tokyo.", "name"),
    ],
)  # fmt: skip
def test_a_fact_told_two_ways_is_one_conflict(a, b, kind):
    versions = [Version(1, "en", (a,)), Version(2, "en", (b,))]
    (found,) = conflicts(versions, align(versions))
    assert found.kind == kind


def test_wording_typos_and_spellings_are_no_conflict():
    a = "Việt Nam and Japan pledged to deepen industrialsation and trade, the minister said."
    b = "Vietnam and Japan vowed to deepen industrialisation and trade, the minister said."
    versions = [Version(1, "en", (a,)), Version(2, "en", (b,))]
    assert conflicts(versions, [Row((a, b))]) == []


def test_numbers_all_versions_agree_on_are_no_conflict_across_languages():
    en = "About 5,500 Japanese firms invest in Vietnam, top 32 economies."
    no = "Rundt 5 500 japanske selskaper investerer i Vietnam, blant de 35 største."
    versions = [Version(1, "en", (en,)), Version(2, "no", (no,))]
    (found,) = conflicts(versions, [Row((en, no))])
    assert [said for _key, said in found.values] == ["top 32 economies", "de 35 største"]


# --- names --------------------------------------------------------------------------------------


def test_generated_names_say_who_what_where():
    leads = ["Party chief To Lam said while receiving Ambassador Ito Naoki in Hanoi."]
    assert generated_name("Hà Nội", leads, ["Tô Lâm", "Ito Naoki"]) == (
        "Tô Lâm receives Ito Naoki, Hanoi"
    )
    forum = ["Attending the first Vietnam - Japan Local Cooperation Forum, the PM said…"]
    assert generated_name("Quang Ninh", forum, ["Phạm Minh Chính"]) == (
        "Vietnam–Japan Local Cooperation Forum, Quang Ninh, with Phạm Minh Chính"
    )
    assert generated_name("", ["nothing named"], []) is None
    assert bracketed("x") == "[x]"


def test_an_editors_title_is_kept(db, django_assert_num_queries):
    person = PersonFactory(name="Tô Lâm", slug="to-lam")
    kept = EventFactory(title="Editors' title", curated=True)
    named = EventFactory(title="A slogan headline", place="Hanoi")
    for event in (kept, named):
        ArticleFactory(
            event=event, body="Tô Lâm met voters.", fingerprint={"principals": ["to-lam"]}
        )
        event.people.add(person)
    events = list(Event.objects.filter(pk__in=[kept.pk, named.pk]).order_by("pk"))
    with django_assert_num_queries(2):  # the versions' openings, the principals' names
        name_events(events)
    assert events[0].display_name == "Editors' title" and not events[0].name_made_up
    assert events[1].display_name == "[Tô Lâm, Hanoi]" and events[1].name_made_up


def test_an_officials_page_says_where_they_are_only_mentioned(client, seeded_archive):
    ishiba = page(client, "/people/ishiba-shigeru/")
    assert "mentioned in passing" in ishiba and "Takes part in 0 events" in ishiba
    chinh = page(client, "/people/pham-minh-chinh/")
    assert "mentioned in passing" not in chinh


def test_a_misspelled_place_is_offered_its_name(client, seeded_archive):
    html = page(client, "/search/", q="Quang Nihn")
    suggestion = re.search(r"Did you mean <a [^>]*>(.*?)</a>", html).group(1)
    assert suggestion == "Quang Ninh"


def test_feeds_give_the_events_name_marked_as_made_up(client, seeded_archive):
    atom = client.get("/feeds/events/").content.decode()
    assert "<title>[Tô Lâm receives Ito Naoki, Hanoi]</title>" in atom
    assert "working, working" not in re.findall(r"<entry>.*?<title>(.*?)</title>", atom, re.S)[0]


def test_many_versions_say_the_table_scrolls(client, db):
    event = EventFactory()
    for n in range(5):
        ArticleFactory(event=event, body=f"Tô Lâm met Kishida in Tokyo, story {n}.")
    html = page(client, event.get_absolute_url())
    assert "5 versions side by side: scroll sideways" in html
    two = page(client, event.get_absolute_url(), compare=[a.pk for a in event.articles.all()][:2])
    assert "scroll sideways" not in two
