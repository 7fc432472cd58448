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


# What an article's search document takes from its event (archive/search/indexes.py): its slug,
# and its status (only articles of published events are in the index).
EVENT_FIELDS_IN_DOCUMENTS = {"slug", "status"}


class QueuedSignalProcessor(BaseSignalProcessor):
    def _connections(self):
        """(signal, handler, sender) for every change that alters a search document."""
        return [
            (signals.post_save, self.article_changed, Article),
            (signals.post_delete, self.article_changed, Article),
            (signals.m2m_changed, self.people_changed, Article.people.through),
            (signals.post_save, self.event_changed, Event),
            (signals.post_save, self.outlet_changed, Outlet),
            (signals.post_save, self.person_changed, Person),
            # Before a person is deleted, while their articles can still be found.
            (signals.pre_delete, self.person_changed, Person),
            (signals.post_save, self.alias_changed, PersonAlias),
            (signals.post_delete, self.alias_changed, PersonAlias),
        ]

    def setup(self) -> None:
        for signal, handler, sender in self._connections():
            signal.connect(handler, sender=sender)

    def teardown(self) -> None:
        for signal, handler, sender in self._connections():
            signal.disconnect(handler, sender=sender)

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
        fields = kw.get("update_fields")
        if fields is not None and not set(fields) & EVENT_FIELDS_IN_DOCUMENTS:
            return  # e.g. an import's refresh of the title or date: no document shows them
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
