"""`prepare`: a capture made ready to store, officials included, with the registry a worker keeps
current from the news each job carries."""

from __future__ import annotations

from archive.ingest import prepare as preparing
from archive.ingest.capture import Capture
from archive.ingest.people import KnownPerson, Registry, full_spellings, known_people, word_keys
from archive.ingest.prepare import Job, PeopleNews, prepare, prepare_job

STORY = (
    "Hanoi, April 3 (VNA) - Party General Secretary Tô Lâm received Japanese Ambassador Ito "
    "Naoki in Hanoi on Thursday. Lâm welcomed the ambassador and praised the partnership "
    "between the two countries in trade, investment, labour and culture. Ambassador Ito Naoki "
    "said Japan would keep supporting infrastructure and energy projects in Vietnam, and both "
    "sides agreed to expand exchanges between localities and young people in the coming years."
)
CAPTURE = Capture(raw=STORY, format="text", path="story.txt", url="https://example.org/a")
(TO_LAM,) = known_people([{"name": "Tô Lâm", "country": "Vietnam"}])
(ITO,) = known_people([{"name": "Ito Naoki", "country": "Japan"}])


def slugs(prepared) -> set[str | None]:
    return {mention.slug for mention in prepared.mentions}


def test_without_a_shared_registry_no_officials_are_looked_for():
    prepared = prepare(CAPTURE)
    assert prepared.error is None and prepared.fingerprint
    assert prepared.mentions is None


def test_news_bring_a_copy_of_the_registry_up_to_date_in_order():
    preparing.share_registry(Registry([TO_LAM]))
    first = prepare_job(Job(CAPTURE))
    assert slugs(first) == {"to-lam", None}  # the ambassador is found by his title, as new
    assert first.registry_version == 0

    second = prepare_job(Job(CAPTURE, PeopleNews(0, (ITO,))))
    assert slugs(second) == {"to-lam", ITO.slug}
    assert second.registry_version == 1
    # News already applied (the importer's own copy, or a repeat) are skipped.
    again = prepare_job(Job(CAPTURE, PeopleNews(0, (ITO,))))
    assert again.registry_version == 1 and slugs(again) == slugs(second)


def test_a_gap_in_the_news_leaves_the_officials_to_the_importer():
    preparing.share_registry(Registry([TO_LAM]))
    prepared = prepare_job(Job(CAPTURE, PeopleNews(3, (ITO,))))  # news 0-2 never arrived
    assert prepared.extracted is not None
    assert prepared.mentions is None


def test_a_person_could_be_named_only_if_a_full_spelling_is_in_the_text():
    words = word_keys(STORY)
    assert any(spelling <= words for spelling in full_spellings(ITO))
    assert any(spelling <= words for spelling in full_spellings(TO_LAM))  # "To Lam" folds alike
    only_surname = word_keys("Lâm welcomed the ambassador.")
    assert not any(spelling <= only_surname for spelling in full_spellings(TO_LAM))
    other = KnownPerson("ito-hiroshi", "Ito Hiroshi", aliases=())
    assert not any(spelling <= words for spelling in full_spellings(other))
