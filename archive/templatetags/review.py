"""The editors' review queue, for the admin index: what the importer was unsure about."""

from django import template
from django.db.models import Count, Q
from django.urls import reverse

from archive.models import REVIEW_FLAGS, Article, MergeProposal, Person

register = template.Library()


@register.simple_tag
def review_queue() -> list[dict]:
    """One row per kind of doubt with its count and the admin list that shows those records."""
    flags = [flag for flag in REVIEW_FLAGS if flag != "new_person"]
    counts = Article.objects.aggregate(
        **{flag: Count("pk", filter=Q(review_flags__contains=flag)) for flag in flags}
    )
    articles = reverse("admin:archive_article_changelist")
    rows = [
        {"label": REVIEW_FLAGS[flag], "count": counts[flag], "url": f"{articles}?flag={flag}"}
        for flag in flags
    ]
    rows.append(
        {
            "label": "New officials found by a title, to confirm or merge",
            "count": Person.objects.filter(needs_review=True).count(),
            "url": reverse("admin:archive_person_changelist") + "?needs_review__exact=1",
        }
    )
    rows.append(
        {
            "label": "Events that may tell one meeting, to merge or dismiss",
            "count": MergeProposal.objects.count(),
            "url": reverse("admin:archive_mergeproposal_changelist"),
        }
    )
    return rows
