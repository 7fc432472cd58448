"""factory_boy factories for the archive's models."""

import datetime
import hashlib

import factory

from archive import models


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Outlet
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))

    @classmethod
    def _get_or_create(cls, model_class, *args, **kwargs):
        # The registry's outlets are stored by a migration (0015): a test's own fields for one
        # of them ("VNA", slug "vna") win over the registry's, as if the test had made it.
        outlet = super()._get_or_create(model_class, *args, **kwargs)
        changed = [key for key, value in kwargs.items() if getattr(outlet, key) != value]
        if changed:
            for key in changed:
                setattr(outlet, key, kwargs[key])
            outlet.save(update_fields=changed)
        return outlet


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Official {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    country = "Vietnam"


class PersonAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PersonAlias

    person = factory.SubFactory(PersonFactory)
    name = factory.LazyAttribute(lambda o: o.person.name.upper())

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Aliases are unique per person by their folded form, and the registry the migrations
        # load already holds many ("To Lam" for Tô Lâm): an alias that folds alike is that one.
        from archive.ingest.text import fold

        same = model_class.objects.filter(
            person=kwargs["person"], folded=fold(kwargs["name"])
        ).first()
        return same or super()._create(model_class, *args, **kwargs)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event

    title = factory.Sequence(lambda n: f"Meeting number {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    date = datetime.date(2025, 4, 3)
    place = "Hanoi"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Article
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Leaders discuss cooperation, part {n}")
    body = (
        "The two sides discussed trade and investment.\n\n"
        "They agreed to expand exchanges between localities."
    )
    language = "en"
    published_on = factory.LazyAttribute(lambda o: o.event.date)
    raw = factory.LazyAttribute(lambda o: f"{o.title}\n{o.body}")
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.raw.encode()).hexdigest())

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted:
            self.people.add(*extracted)
