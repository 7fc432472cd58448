"""The admin as the archive's own (issue 27): branded, captions as a list, a History that says
what changed (an editor's fields, a merge)."""

import pytest
from django.contrib.auth.models import User

from archive.models import Article, Event
from tests.factories import ArticleFactory, EventFactory


@pytest.fixture
def editor(db, client):
    user = User.objects.create_superuser("editor", "editor@example.org", "a long passphrase")
    client.force_login(user)
    return user


def test_the_admin_is_branded_as_the_archive(client, editor):
    html = client.get("/admin/").content.decode()
    assert "Diplomatic news archive" in html and "Django administration" not in html
    assert "archive/admin.css" in html


def test_captions_are_edited_one_a_line(client, editor):
    article = ArticleFactory(captions=["First photo.", "Second photo."])
    url = f"/admin/archive/article/{article.pk}/change/"
    form = client.get(url).context["adminform"].form
    assert form["captions"].value() == "First photo.\nSecond photo."  # a line each, no JSON
    assert "[&quot;" not in str(form["captions"])
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        title=article.title, event=article.event.pk, outlet=article.outlet.pk,
        language=article.language, body=article.body, review_flags="",
        captions="First photo.\n\n  A new caption  \n",
    )  # fmt: skip
    data.pop("people", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.captions == ["First photo.", "A new caption"]
    latest = article.history.order_by("-history_date").first()
    assert latest.history_change_reason == "Changed captions."


def test_a_merge_says_what_was_merged_in_the_history(client, editor):
    kept = ArticleFactory(event=EventFactory(title="Summit talks")).event
    gone = ArticleFactory(event=EventFactory(title="Leaders meet")).event
    response = client.post(
        "/admin/archive/event/",
        {"action": "merge_selected_events", "_selected_action": [kept.pk, gone.pk],
         "target": kept.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert not Event.objects.filter(pk=gone.pk).exists()
    assert Article.objects.filter(event=kept).count() == 2
    reason = kept.history.order_by("-history_date", "-history_id").first().history_change_reason
    assert reason.startswith("Merged in: “Leaders meet”")
