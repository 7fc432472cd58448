"""The editors' desk: the editors group, the review queue, status actions, history (issue 8)."""

from archive.models import Article, Event, Outlet
from archive.search.service import SearchParams, search
from tests.factories import ArticleFactory, OutletFactory, PersonFactory


def test_editors_group_has_exactly_the_curation_permissions(editor):
    assert editor.has_perm("archive.change_event")
    assert editor.has_perm("archive.change_article")
    assert editor.has_perm("archive.add_personalias")
    assert editor.has_perm("archive.delete_role")
    assert not editor.has_perm("archive.delete_event")
    assert not editor.has_perm("archive.delete_article")
    assert not editor.has_perm("auth.change_user")
    assert not editor.has_perm("archive.change_indexqueue")


def test_editors_reach_the_archive_but_not_users(editor_client):
    assert editor_client.get("/admin/archive/event/").status_code == 200
    assert editor_client.get("/admin/auth/user/").status_code == 403


def test_review_queue_counts_what_the_importer_was_unsure_about(editor_client):
    ArticleFactory(review_flags="no_date,no_headline")
    ArticleFactory(review_flags="no_date")
    ArticleFactory(review_flags="")
    PersonFactory(name="New Official", slug="new-official", needs_review=True)
    response = editor_client.get("/admin/")
    queue = {row["label"]: row["count"] for row in response.context["queue"]}
    assert queue["No publication date found"] == 2
    assert queue["No headline: title derived from the text"] == 1
    assert queue["New officials found by a title, to confirm or merge"] >= 1
    assert "?flag=no_date" in response.content.decode()


def test_one_click_mark_reviewed(editor_client):
    flagged = ArticleFactory(review_flags="no_date")
    response = editor_client.post(
        "/admin/archive/article/",
        {"action": "clear_review_flags", "_selected_action": [flagged.pk]},
    )
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.review_flags == ""


def test_hide_and_publish_from_the_list(
    editor_client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Port cooperation talks")
    event = article.event
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            "/admin/archive/event/", {"action": "unpublish", "_selected_action": [event.pk]}
        )
    event.refresh_from_db()
    assert event.status == Event.Status.HIDDEN
    assert search(SearchParams(q="port")).count == 0
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            "/admin/archive/event/", {"action": "publish", "_selected_action": [event.pk]}
        )
    assert search(SearchParams(q="port")).count == 1


def test_history_records_who_changed_what_and_reverts(
    editor, editor_client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Original headline about rice exports")
    form = editor_client.get(f"/admin/archive/article/{article.pk}/change/").context["adminform"]
    data = {k: v for k, v in form.form.initial.items() if v is not None and k != "people"}
    data.update(title="Mistaken headline about coffee", captions="[]", review_flags="")
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            editor_client.post(f"/admin/archive/article/{article.pk}/change/", data).status_code
            == 302
        )
    latest = article.history.first()
    assert latest.history_user == editor
    assert latest.title == "Mistaken headline about coffee"
    assert search(SearchParams(q="coffee")).count == 1

    # The history page lists the change; reverting to the first record restores the title.
    history_url = f"/admin/archive/article/{article.pk}/history/"
    assert "Mistaken headline" in editor_client.get(history_url).content.decode()
    original = article.history.last()
    revert_url = f"{history_url}{original.history_id}/"
    revert_form = editor_client.get(revert_url).context["adminform"].form
    data = {k: v for k, v in revert_form.initial.items() if v is not None and k != "people"}
    data.update(captions="[]", review_flags="")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(revert_url, data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Original headline about rice exports"
    assert search(SearchParams(q="coffee")).count == 0
    assert search(SearchParams(q="rice")).count == 1


def test_aggregators_record_whom_they_republish(seeded_archive):
    aggregator = Outlet.objects.get(slug="vietnam-vn")
    assert set(aggregator.republishes.values_list("slug", flat=True)) == {
        "dang-cong-san",
        "vietnamplus",
    }
    assert Article.objects.filter(outlet=aggregator).count() == 2


def test_outlet_admin_edits_sources(editor_client):
    outlet = OutletFactory(name="Aggregator", slug="aggregator")
    source = OutletFactory(name="Source", slug="source")
    response = editor_client.post(
        f"/admin/archive/outlet/{outlet.pk}/change/",
        {"name": "Aggregator", "slug": "aggregator", "domain": "agg.example", "country": "Vietnam",
         "homepage": "https://agg.example/", "language": "en", "republishes": [source.pk]},
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(outlet.republishes.all()) == [source]


def test_an_alias_added_in_the_admin_is_searchable(
    editor_client, search_index, django_capture_on_commit_callbacks
):
    person = PersonFactory(name="Kamikawa Yōko", slug="kamikawa-yoko-x")
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="Foreign ministers meet", people=[person])
    assert search(SearchParams(q="Kamikava")).count == 0
    data = {
        "name": person.name, "slug": person.slug, "country": "Japan",
        "aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0", "aliases-0-name": "Kamikava",
        "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/archive/person/{person.pk}/change/", data)
    assert response.status_code == 302
    assert person.aliases.filter(name="Kamikava").exists()
    assert search(SearchParams(q="Kamikava")).count == 1


def test_rerun_assignment_keeps_search_in_step(
    editor_client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Ministers discuss ports")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            "/admin/archive/article/",
            {"action": "rerun_assignment", "_selected_action": [article.pk]},
        )
    article.refresh_from_db()
    hits = search(SearchParams(q="ports")).results
    assert [hit.event.slug for hit in hits] == [article.event.slug]


def test_an_editors_date_is_confirmed_and_dates_the_event(
    editor_client, search_index, django_capture_on_commit_callbacks
):
    import datetime

    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(
            published_on=datetime.date(2026, 4, 3),
            review_flags="year_inferred,no_headline",
            year_inferred=True,
        )
    article.event.date = datetime.date(2026, 4, 3)
    article.event.save()
    form = editor_client.get(f"/admin/archive/article/{article.pk}/change/").context["adminform"]
    data = {k: v for k, v in form.form.initial.items() if v is not None and k != "people"}
    data.update(published_on="2025-04-03", captions="[]", review_flags=article.review_flags)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/archive/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.year_inferred
    assert article.review_reasons == ["no_headline"]
    article.event.refresh_from_db()
    assert article.event.date == datetime.date(2025, 4, 3)
