"""Haystack signal processor: model changes queue the affected articles for re-indexing.

It replaces haystack's RealtimeSignalProcessor, which writes to the index inside the request, before
the transaction commits, one document at a time. Bulk changes (`QuerySet.update`, admin actions,
the importer) bypass signals and call `sync.enqueue` themselves.
"""

from django.db.models import Q, signals
from haystack.signals import BaseSignalProcessor

from archive.models import Article, Event, Outlet, Person, PersonAlias
from archive.search import sync


def _articles_of_event(event: Event) -> list[int]:
    return list(event.articles.values_list("pk", flat=True))


def _articles_of_outlet(outlet: Outlet) -> list[int]:
    published_or_republished = Q(outlet=outlet) | Q(original_outlet=outlet)
    return list(Article.objects.filter(published_or_republished).values_list("pk", flat=True))


def _articles_of_person(person: Person) -> list[int]:
    return list(person.articles.values_list("pk", flat=True))


class QueuedSignalProcessor(BaseSignalProcessor):
    def setup(self) -> None:
        signals.post_save.connect(self.article_changed, sender=Article)
        signals.post_delete.connect(self.article_changed, sender=Article)
        signals.m2m_changed.connect(self.people_changed, sender=Article.people.through)
        signals.post_save.connect(self.event_changed, sender=Event)
        signals.post_save.connect(self.outlet_changed, sender=Outlet)
        signals.post_save.connect(self.person_changed, sender=Person)
        # Before a person is deleted, while their articles can still be found.
        signals.pre_delete.connect(self.person_changed, sender=Person)
        signals.post_save.connect(self.alias_changed, sender=PersonAlias)
        signals.post_delete.connect(self.alias_changed, sender=PersonAlias)

    def teardown(self) -> None:
        signals.post_save.disconnect(self.article_changed, sender=Article)
        signals.post_delete.disconnect(self.article_changed, sender=Article)
        signals.m2m_changed.disconnect(self.people_changed, sender=Article.people.through)
        signals.post_save.disconnect(self.event_changed, sender=Event)
        signals.post_save.disconnect(self.outlet_changed, sender=Outlet)
        signals.post_save.disconnect(self.person_changed, sender=Person)
        signals.pre_delete.disconnect(self.person_changed, sender=Person)
        signals.post_save.disconnect(self.alias_changed, sender=PersonAlias)
        signals.post_delete.disconnect(self.alias_changed, sender=PersonAlias)

    def article_changed(self, sender, instance: Article, raw: bool = False, **kwargs) -> None:
        if not raw:
            sync.enqueue([instance.pk])

    def people_changed(
        self, sender, instance, action: str, reverse: bool, pk_set, **kwargs
    ) -> None:
        if reverse:  # person.articles.add(...): instance is a Person
            if action == "pre_clear":  # afterwards, nothing tells which articles were linked
                sync.enqueue(_articles_of_person(instance))
            elif action in ("post_add", "post_remove"):
                sync.enqueue(pk_set)
        elif action in ("post_add", "post_remove", "post_clear"):
            sync.enqueue([instance.pk])

    def event_changed(
        self, sender, instance: Event, raw: bool = False, created: bool = False, **kw
    ):
        if not raw and not created:
            sync.enqueue(_articles_of_event(instance))

    def outlet_changed(
        self, sender, instance: Outlet, raw: bool = False, created: bool = False, **kw
    ):
        if not raw and not created:
            sync.enqueue(_articles_of_outlet(instance))

    def person_changed(
        self, sender, instance: Person, raw: bool = False, created: bool = False, **kw
    ):
        if not raw and not created:
            sync.enqueue(_articles_of_person(instance))

    def alias_changed(self, sender, instance: PersonAlias, raw: bool = False, **kwargs) -> None:
        if not raw:
            sync.enqueue(_articles_of_person(instance.person))
