"""An article re-dated by an editor moves the dates of the roles it gives (issue 24: every
derived date follows when an article's date changes). Captures written by us."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article, Role

MAY = (
    "Prime ministers meet in Tokyo\n"
    "TOKYO, May 10, 2024 (VNA) – Prime Minister Pham Minh Chinh met business leaders in Tokyo "
    "on May 10, 2024, and invited them to invest in semiconductors and railways in Vietnam.\n"
)
JUNE = (
    "Prime Minister receives investors\n"
    "HANOI, June 1, 2024 (VNA) – Prime Minister Pham Minh Chinh received Japanese investors in "
    "Hanoi on June 1, 2024, asking them to train engineers and nurses in both countries.\n"
)


def ingest(tmp_path, *texts) -> None:
    path = tmp_path / "captures.jsonl"
    lines = [
        json.dumps({"text": t, "url": f"https://news.example.org/{n}"}) for n, t in enumerate(texts)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    call_command("ingest", str(path), "--json", stdout=StringIO(), stderr=StringIO())


def redate(editor_client, article: Article, day: str) -> None:
    url = f"/admin/archive/article/{article.pk}/change/"
    form = editor_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "people"}
    data.update(published_on=day, people=[person.pk for person in article.people.all()])
    assert editor_client.post(url, data).status_code == 302


def prime_minister() -> Role:
    return Role.objects.get(person__slug="pham-minh-chinh", title="Prime Minister")


@pytest.mark.django_db
def test_roles_follow_an_article_re_dated_by_an_editor(tmp_path, editor_client):
    ingest(tmp_path, MAY, JUNE)
    role = prime_minister()
    assert (role.first_seen, role.last_seen) == (
        datetime.date(2024, 5, 10),
        datetime.date(2024, 6, 1),
    )
    june = Article.objects.get(raw=JUNE)
    redate(editor_client, june, "2024-05-20")  # the end of the role was this article's date
    role = prime_minister()
    assert (role.first_seen, role.last_seen) == (
        datetime.date(2024, 5, 10),
        datetime.date(2024, 5, 20),
    )
    assert role.source_id == june.pk
    may = Article.objects.get(raw=MAY)
    redate(editor_client, may, "2023-12-01")
    role = prime_minister()
    assert (role.first_seen, role.last_seen) == (
        datetime.date(2023, 12, 1),
        datetime.date(2024, 5, 20),
    )
