"""One haystack SearchIndex per searchable model: articles (each source version of an event)."""

import hashlib

from haystack import indexes

from archive.models import Article


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    # Full text from templates/search/indexes/archive/article_text.txt: title, body, people, outlet.
    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", indexed=False)
    outlet = indexes.CharField(model_attr="outlet__slug", faceted=True)  # slugs: names may repeat
    # Whose story it is, when the outlet republishes it: the `outlet` filter finds either, so
    # a search of VietnamPlus finds its stories wherever they were republished.
    original_outlet = indexes.CharField(null=True)
    language = indexes.CharField(model_attr="language", faceted=True)
    person = indexes.MultiValueField(faceted=True)
    year = indexes.IntegerField(null=True, faceted=True)
    month = indexes.IntegerField(null=True, faceted=True)
    published_on = indexes.DateField(model_attr="published_on", null=True)
    event_id = indexes.IntegerField(model_attr="event_id")
    event = indexes.CharField(model_attr="event__slug", faceted=True)
    # A digest of everything the document is built from, stored so that `check_index` can tell a
    # stale document from a current one without re-rendering the index.
    checksum = indexes.CharField(indexed=False)

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        # The index holds what visitors may find: articles of published events. An article whose
        # event becomes a draft or hidden leaves the index (sync treats it as gone).
        return _with_document_data(self.get_model().objects.public())

    def indexable(self, ids) -> list[Article]:
        """The articles among `ids` that the index should hold: `index_queryset`'s, by id.

        Read by id first and kept by their event's status here: asked for the public articles
        among a few hundred ids, SQLite walked every published event's articles (without
        statistics, the event status index looks the more selective), a large share of what
        indexing an import cost (docs/measurements.md).
        """
        articles = _with_document_data(self.get_model().objects.filter(pk__in=ids))
        return [article for article in articles if article.event.is_public]

    def prepare_original_outlet(self, obj: Article) -> str | None:
        return obj.original_outlet.slug if obj.original_outlet else None

    def prepare_person(self, obj: Article) -> list[str]:
        return sorted(person.slug for person in obj.people.all())

    def prepare_year(self, obj: Article) -> int | None:
        return obj.published_on.year if obj.published_on else None

    def prepare_month(self, obj: Article) -> int | None:
        return obj.published_on.month if obj.published_on else None

    def prepare_checksum(self, obj: Article) -> str:
        return document_checksum(obj)


def _with_document_data(articles):
    """What a document is built from, read with the articles: a fixed number of queries."""
    return articles.select_related("outlet", "original_outlet", "event").prefetch_related(
        "people__aliases"
    )


def document_checksum(article: Article) -> str:
    """What the article's search document is built from, as one digest (people and aliases too)."""
    parts = [
        article.title,
        article.body,
        "\n".join(article.captions),
        article.outlet.name,
        article.outlet.slug,
        article.original_outlet.name if article.original_outlet else "",
        article.original_outlet.slug if article.original_outlet else "",
        article.place,
        article.language,
        str(article.published_on),
        article.event.slug,
        str(article.event_id),
    ]
    for person in sorted(article.people.all(), key=lambda p: p.slug):
        parts.append(person.slug)
        parts.append(person.name)
        parts.extend(sorted(alias.name for alias in person.aliases.all()))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
