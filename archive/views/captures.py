"""The raw capture of an article, for whoever may see raw captures (archive.provenance.may_see_raw:
editors and administrators, as in the admin). Anyone else is told there is no such page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from archive.models import Article
from archive.provenance import may_see_raw


@require_safe
def raw_capture(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_see_raw(request.user):
        raise Http404("No such page")
    article = get_object_or_404(Article.objects.only("pk", "raw", "raw_format"), pk=pk)
    # As text, never drawn as a page: even sanitised, a capture is another site's markup.
    response = HttpResponse(article.raw, content_type="text/plain; charset=utf-8")
    extension = "html" if article.raw_format == "html" else "txt"
    response["Content-Disposition"] = f'inline; filename="article-{article.pk}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
