"""A date printed without its year takes one within the terms of the officials the meeting is
between, and stays marked as inferred (issue 24). Captures written by us."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article

SPEAKERS = (
    "Tokyo, September 6 (Kyodo)\n"
    "National Assembly Chairman Vuong Dinh Hue met Prime Minister Kishida Fumio in Tokyo on "
    "September 6 and discussed semiconductors, labour and green energy between the two "
    "countries, agreeing to raise trade and investment in the coming years.\n"
)


def ingest(tmp_path, text: str) -> Article:
    path = tmp_path / "captures.jsonl"
    path.write_text(json.dumps({"text": text, "url": "https://news.example.org/1"}))
    call_command("ingest", str(path), "--json", stdout=StringIO(), stderr=StringIO())
    return Article.objects.get()


@pytest.mark.django_db
def test_a_yearless_date_line_takes_a_year_of_its_officials_terms(tmp_path):
    article = ingest(tmp_path, SPEAKERS)
    # Hue chaired the assembly from 2021 to 2024, Kishida was prime minister until 2024: the
    # latest 6 September they were both in office, not the one of the year of the import.
    assert article.published_on == datetime.date(2023, 9, 6)
    assert article.year_inferred
    assert article.occurred_on == datetime.date(2023, 9, 6)
    assert article.fingerprint["occurred"] == "2023-09-06"
    assert article.event.date is None  # a guessed year never dates the event


@pytest.mark.django_db
def test_officials_without_known_terms_leave_the_guess_alone(tmp_path):
    article = ingest(
        tmp_path,
        SPEAKERS.replace("Vuong Dinh Hue", "Nguyen Van Binh").replace(
            "Prime Minister Kishida Fumio", "Mayor Sato Kenji"
        ),
    )
    assert article.year_inferred
    assert article.published_on.year >= 2026  # the year of the import, or the one before
