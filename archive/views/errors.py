"""The site's own error pages, in the visitor's language; JSON under /api/ (INTERFACE.md: bad
parameters answer 400 with `{"error": …}`, a missing object 404)."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import get_language
from django.views import defaults

log = logging.getLogger(__name__)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"error": "bad request"}, status=400)
    return defaults.bad_request(request, exception, template_name="400.html")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"error": f"no such address: {request.path[:200]}"}, status=404)
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"error": "server error"}, status=500)
    # Rendered without the request's context processors (Django's own 500 does the same): what
    # broke may be what they need, the database above all.
    try:
        html = loader.get_template("500.html").render({"LANGUAGE_CODE": get_language()})
    except Exception:  # a broken template must not hide the first error behind a second
        log.exception("the 500 page could not be rendered")
        return HttpResponseServerError("Server error", content_type="text/plain")
    return HttpResponseServerError(html)
