"""Officials in the database: linking on import, pages, API, search, and merging (issue 4)."""

import pytest
from django.contrib.auth.models import User

from archive.ingest.people import Mention
from archive.models import Article, Person, PersonAlias, PersonRedirect, Role
from archive.person_records import people_for
from archive.search.service import SearchParams, search
from tests.factories import ArticleFactory, EventFactory, PersonFactory


def people_of(article: Article) -> set[str]:
    return {person.slug for person in article.people.all()}


def test_to_lam_is_one_person_in_every_spelling(seeded_archive):
    to_lam = Person.objects.get(slug="to-lam")
    linked = {
        number for number, article in seeded_archive.items() if to_lam in article.people.all()
    }
    assert linked == {"000", "001", "002", "004"}


def test_each_seed_yields_its_officials(seeded_archive):
    assert people_of(seeded_archive["002"]) >= {
        "pham-minh-chinh", "le-hoai-trung", "takaichi-sanae", "to-lam",
        "ito-naoki", "takebe-tsutomu", "vu-dai-thang", "ishiba-shigeru",
    }  # fmt: skip
    assert people_of(seeded_archive["003"]) >= {"le-minh-hung", "takebe-tsutomu"}
    assert people_of(seeded_archive["004"]) >= {"pham-minh-chinh", "le-hoai-trung", "to-lam"}


def test_teaser_junk_yields_nobody(seeded_archive):
    for name in ("Sugi Ryotaro", "Nguyen Van Thang", "Hoang Van Cuong"):
        assert not Person.objects.filter(aliases__folded=name.lower()).exists()
        assert not Person.objects.filter(name=name).exists()
    assert "sugi-ryotaro" not in people_of(seeded_archive["000"])


def test_events_carry_their_versions_people(seeded_archive):
    forum = seeded_archive["002"].event
    assert {"pham-minh-chinh", "to-lam"} <= {p.slug for p in forum.people.all()}


def test_person_api_lists_events_in_date_order(client, seeded_archive):
    data = client.get("/api/people/takebe-tsutomu/").json()
    assert data["name"] == "Takebe Tsutomu"
    assert [event["slug"] for event in data["events"]] == [
        seeded_archive["002"].event.slug,  # 2025-11-25
        seeded_archive["003"].event.slug,  # undated: last
    ]
    assert data["roles"] and all("title" in role for role in data["roles"])
    assert "Tsutomu Takebe" in data["aliases"]


def test_person_filter_returns_only_their_events(client, seeded_archive):
    data = client.get("/api/search/", {"person": "to-lam"}).json()
    slugs = {result["event"]["slug"] for result in data["results"]}
    assert slugs == {seeded_archive["000"].event.slug, seeded_archive["002"].event.slug}
    assert data["facets"]["person"][0][0] == "to-lam"


def test_roles_are_recorded_with_dates(seeded_archive):
    chinh = Person.objects.get(slug="pham-minh-chinh")
    role = chinh.roles.get(title="Prime Minister")
    assert str(role.first_seen) <= "2025-11-25" <= str(role.last_seen)


def test_a_typed_name_ranks_that_persons_articles_first(
    search_index, django_capture_on_commit_callbacks
):
    chinh = PersonFactory(name="Phạm Minh Chính", slug="pham-minh-chinh")
    with django_capture_on_commit_callbacks(execute=True):
        # Both mention the words; only one is about him (tagged), and it is the longer text.
        tagged = ArticleFactory(
            title="Cooperation forum opens",
            body="Delegates discussed trade at length. " * 30 + "Pham Minh Chinh spoke.",
            people=[chinh],
        )
        ArticleFactory(title="Pham and Chinh streets", body="Minh said Pham and Chinh streets.")
    page = search(SearchParams(q="Pham Minh Chinh"))
    assert page.results[0].articles[0].id == tagged.pk


def test_people_pages(client, seeded_archive):
    response = client.get("/people/", {"q": "pham minh"})
    assert response.status_code == 200
    assert b"Ph\xe1\xba\xa1m Minh Ch\xc3\xadnh" in response.content
    assert b"Takebe" not in response.content
    page = client.get("/people/takebe-tsutomu/")
    assert page.status_code == 200
    html = page.content.decode()
    assert seeded_archive["003"].event.get_absolute_url() in html
    assert "Lê Minh Hưng" in html  # appears with him


def test_person_pages_run_a_constant_number_of_queries(client, db, django_assert_max_num_queries):
    person = PersonFactory(name="Ito Naoki", slug="ito-naoki-x")
    for _ in range(5):
        event = EventFactory()
        event.people.add(person)
        ArticleFactory(event=event, people=[person])
    # 13: + where the official takes part or is only mentioned (their events, their principals)
    # and the published totals that answer is kept under (views.pages.published_totals)
    with django_assert_max_num_queries(13):
        assert client.get(person.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(11):  # kept: their events and principals not read again
        assert client.get(person.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/people/").status_code == 200


def test_merging_in_the_admin_moves_mentions_and_search_follows(
    client, seeded_archive, django_capture_on_commit_callbacks
):
    editor = User.objects.create_superuser("editor", "e@example.org", "a long passphrase")
    client.force_login(editor)
    # An importer candidate that is really Takebe, misspelled, on an article of its own.
    duplicate = PersonFactory(name="Takebe Tsutomo", slug="takebe-tsutomo", needs_review=True)
    article = ArticleFactory(title="Advisor visits Hanoi")
    with django_capture_on_commit_callbacks(execute=True):
        article.people.add(duplicate)
    assert search(SearchParams(person=["takebe-tsutomo"])).count == 1

    takebe = Person.objects.get(slug="takebe-tsutomu")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/archive/person/",
            {
                "action": "merge_people",
                "_selected_action": [takebe.pk, duplicate.pk],
                "target": takebe.pk,
            },
        )
    assert response.status_code == 302
    assert not Person.objects.filter(slug="takebe-tsutomo").exists()
    assert takebe in article.people.all()
    assert takebe.aliases.filter(name="Takebe Tsutomo").exists()
    assert PersonRedirect.objects.get(old_slug="takebe-tsutomo").person == takebe
    assert client.get("/people/takebe-tsutomo/").url == "/people/takebe-tsutomu/"
    # The index follows: the old slug finds nothing, the kept one finds the moved article.
    assert search(SearchParams(person=["takebe-tsutomo"])).count == 0
    found = {
        a.id
        for hit in search(SearchParams(person=["takebe-tsutomu"])).results
        for a in hit.articles
    }
    assert article.pk in found and seeded_archive["003"].pk in found


def test_merge_asks_whom_to_keep(client, db):
    editor = User.objects.create_superuser("editor", "e@example.org", "a long passphrase")
    client.force_login(editor)
    a, b = PersonFactory(), PersonFactory()
    response = client.post(
        "/admin/archive/person/", {"action": "merge_people", "_selected_action": [a.pk, b.pk]}
    )
    assert response.status_code == 200
    assert b'name="target"' in response.content
    assert Person.objects.filter(pk__in=[a.pk, b.pk]).count() == 2


def test_people_list_counts_each_officials_published_events_once(client, db):
    from archive.ingest.text import fold
    from archive.models import Event

    person = PersonFactory(name="Phạm Minh Chính", slug="pham-minh-chinh")
    for name in ("Pham Minh Chinh", "PM Pham Minh Chinh"):  # a search matching both aliases
        PersonAlias.objects.get_or_create(person=person, folded=fold(name), defaults={"name": name})
    for status in (Event.Status.PUBLISHED, Event.Status.PUBLISHED, Event.Status.DRAFT):
        EventFactory(status=status).people.add(person)
    PersonFactory(name="Nobody Yet", slug="nobody-yet")
    for query in ({}, {"q": "pham minh"}):
        listed = {p.slug: p.event_count for p in client.get("/people/", query).context["people"]}
        assert listed["pham-minh-chinh"] == 2, query
        assert listed.get("nobody-yet", 0) == 0


def test_to_lam_aliases_list_the_plain_spelling_and_his_roles_are_one_office(seeded_archive):
    to_lam = Person.objects.get(slug="to-lam")
    assert "To Lam" in {alias.name for alias in to_lam.aliases.all()}
    roles = list(to_lam.roles.all())
    assert 1 <= len(roles) <= 2
    # Seed 000's year is only inferred: it dates no role, so nothing reaches 2026.
    assert all(role.last_seen is None or str(role.last_seen) <= "2025-11-25" for role in roles)


def test_one_ambassador_office_whatever_the_spelling_or_language(seeded_archive):
    ito = Person.objects.get(slug="ito-naoki")
    ambassador = [role for role in ito.roles.all() if "Ambassador" in role.title]
    assert 1 <= len(ambassador) <= 2
    assert not [role for role in ito.roles.all() if "Việt Nam" in role.title]


def test_a_role_names_the_article_that_dated_it(seeded_archive):
    role = Person.objects.get(slug="pham-minh-chinh").roles.get(title="Prime Minister")
    assert role.source is not None
    assert role.source.published_on == role.last_seen
    assert not role.source.year_inferred


def test_an_archive_migrated_before_the_registry_grew_gets_its_new_officials_and_spellings(db):
    from archive.registry_sync import sync_registry

    Person.objects.filter(slug="fukuda-yasuo").delete()
    PersonAlias.objects.filter(person__slug="kishida-fumio", name="Кисида").delete()
    sync_registry(Person, PersonAlias, Role)
    assert Person.objects.filter(slug="fukuda-yasuo").exists()
    assert PersonAlias.objects.filter(person__slug="kishida-fumio", name="Кисида").exists()
    count = PersonAlias.objects.count()
    sync_registry(Person, PersonAlias, Role)  # idempotent
    assert PersonAlias.objects.count() == count


@pytest.mark.django_db(transaction=True)
def test_an_archive_older_than_the_neighbours_gets_them_by_the_next_migration():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    # An archive migrated before the registry knew the defence ministers and the neighbours'
    # leaders: 0002 ran with the registry of its day, so they are missing.
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0002_first_release_data")])
    Person.objects.filter(slug__in=["xi-jinping", "kishi-nobuo"]).delete()
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0003_registry_defence_and_neighbours")])
    xi = Person.objects.get(slug="xi-jinping")
    assert {"Tập Cận Bình", "習近平"} <= set(xi.aliases.values_list("name", flat=True))
    assert Person.objects.get(slug="kishi-nobuo").roles.filter(title="Minister of Defense").exists()


@pytest.mark.django_db(transaction=True)
def test_an_archive_older_than_the_added_leaders_gets_them_by_migration_0004():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    # An archive migrated to 0003 before the registry had Thailand's later prime ministers,
    # Thai spellings and Iwaya's office as defence minister.
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0003_registry_defence_and_neighbours")])
    Person.objects.filter(slug="paetongtarn-shinawatra").delete()
    PersonAlias.objects.filter(person__slug="prayut-chan-o-cha", name="ประยุทธ์").delete()
    Role.objects.filter(person__slug="iwaya-takeshi", title="Minister of Defense").delete()
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0004_more_neighbours_and_told_day_index")])
    paetongtarn = Person.objects.get(slug="paetongtarn-shinawatra")
    assert "แพทองธาร ชินวัตร" in set(paetongtarn.aliases.values_list("name", flat=True))
    assert PersonAlias.objects.filter(person__slug="prayut-chan-o-cha", name="ประยุทธ์").exists()
    assert Role.objects.filter(person__slug="iwaya-takeshi", title="Minister of Defense").exists()


@pytest.mark.django_db(transaction=True)
def test_an_archive_older_than_the_added_ministers_gets_them_by_migration_0005():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    # An archive migrated to 0004 before the registry had ministers, governors and the
    # partners' officials; one of them had come in as a candidate found by a title.
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0004_more_neighbours_and_told_day_index")])
    Person.objects.filter(slug__in=["obuchi-yuko", "joe-biden"]).delete()
    candidate = Person.objects.filter(slug="park-jin").first() or Person.objects.create(
        name="Park Jin", slug="park-jin", needs_review=True
    )
    PersonAlias.objects.filter(person=candidate).delete()
    Role.objects.filter(person=candidate).delete()
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0005_registry_ministers_and_partners")])
    obuchi = Person.objects.get(slug="obuchi-yuko")
    assert "小渕優子" in set(obuchi.aliases.values_list("name", flat=True))
    assert Person.objects.get(slug="joe-biden").roles.filter(title="President").exists()
    park = Person.objects.get(slug="park-jin")
    assert "박진" in set(park.aliases.values_list("name", flat=True))
    assert park.roles.filter(title="Minister of Foreign Affairs").exists()


@pytest.mark.django_db
def test_a_counterpart_is_someone_s_office_not_one_of_their_own():
    mentions = [
        Mention(slug=None, name="Choi Jun", surface="Choi Jun", role="counterpart", is_new=True),
        Mention(slug=None, name="Wang Lei", surface="Wang Lei", role="Senior General", is_new=True),
    ]
    people, created, offices = people_for(mentions)
    assert created and [person.name for person in people] == ["Choi Jun", "Wang Lei"]
    assert [(person.name, title) for person, title in offices] == [("Wang Lei", "Senior General")]


@pytest.mark.django_db
def test_an_office_a_story_names_someone_by_is_not_stored_as_their_alias(tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command

    # Written by us: the Emperor of 2017 named by his office only, then one of 2023.
    texts = [
        "天皇陛下、ベトナム国家主席と会見\n2017年3月1日\n"
        "天皇陛下は1日、ハノイでチャン・ダイ・クアン国家主席と会見された。両国の友好関係と"
        "人的交流について和やかに話し合われ、主席は陛下の訪問を心から歓迎すると述べた。",
        "天皇陛下、ベトナム国家主席と会見\n2023年11月28日\n"
        "天皇陛下は28日、皇居でボー・バン・トゥオン国家主席と会見された。外交関係樹立50周年"
        "を祝い、両国の若い世代の交流をさらに広げたいとの考えで一致したという。",
    ]
    path = tmp_path / "captures.jsonl"
    lines = [
        json.dumps({"text": t, "url": f"https://news.example.jp/{n}"}) for n, t in enumerate(texts)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    call_command("ingest", str(path), "--json", stdout=StringIO(), stderr=StringIO())
    first, second = Article.objects.order_by("pk")
    assert "akihito" in people_of(first) and "naruhito" in people_of(second)
    assert "akihito" not in people_of(second)
    assert not PersonAlias.objects.filter(name="天皇陛下").exists()


@pytest.mark.django_db(transaction=True)
def test_migration_0006_drops_the_offices_stored_as_aliases():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0005_registry_ministers_and_partners")])
    akihito, _ = Person.objects.get_or_create(slug="akihito", defaults={"name": "Akihito"})
    for name in ("天皇陛下", "the Emperor", "Nhật hoàng", "Emperor Akihito", "明仁"):
        PersonAlias.objects.get_or_create(person=akihito, name=name)
    executor = MigrationExecutor(connection)
    executor.migrate([("archive", "0006_drop_office_aliases")])
    names = set(akihito.aliases.values_list("name", flat=True))
    assert not names & {"天皇陛下", "the Emperor", "Nhật hoàng"}
    assert {"Emperor Akihito", "明仁"} <= names
