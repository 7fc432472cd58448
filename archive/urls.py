from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.decorators.csrf import csrf_exempt

from archive.admin_import import import_view, job_view
from archive.security import limit_failed_logins
from archive.views import api, captures, dates, discovery, events, feeds, pages, search


def read_only(view):
    """A public view answers GET and HEAD only (`require_safe`): exempt from the CSRF check, so
    that a POST is told 405 Method Not Allowed, not 403 for a token it could never need."""
    return csrf_exempt(view)


register_converter(dates.YearConverter, "yyyy")
register_converter(dates.MonthConverter, "mm")
register_converter(dates.DayConverter, "dd")

urlpatterns = [
    path("", read_only(pages.home), name="home"),
    path("search/", read_only(search.search_page), name="search"),
    path("events/<slug:slug>/", read_only(events.event_detail), name="event_detail"),
    path("articles/<int:pk>/", read_only(pages.article_detail), name="article_detail"),
    path("articles/<int:pk>/capture/", read_only(captures.raw_capture), name="article_raw"),
    path("people/", read_only(pages.person_list), name="person_list"),
    path("people/<slug:slug>/", read_only(pages.person_detail), name="person_detail"),
    path("outlets/", read_only(pages.outlet_list), name="outlet_list"),
    path("outlets/<slug:slug>/", read_only(pages.outlet_detail), name="outlet_detail"),
    path("dates/", read_only(dates.dates_index), name="dates"),
    path("dates/undated/", read_only(dates.dates_undated), name="dates_undated"),
    path("dates/<yyyy:year>/", read_only(dates.dates_year), name="dates_year"),
    path("dates/<yyyy:year>/<mm:month>/", read_only(dates.dates_month), name="dates_month"),
    path("dates/<yyyy:year>/<mm:month>/<dd:day>/", read_only(dates.dates_day), name="dates_day"),
    path("feeds/events/", read_only(feeds.events_feed), name="feed_events"),
    path("feeds/people/<slug:slug>/", read_only(feeds.person_feed), name="feed_person"),
    path("feeds/outlets/<slug:slug>/", read_only(feeds.outlet_feed), name="feed_outlet"),
    path("feeds/search/", read_only(feeds.search_feed), name="feed_search"),
    path("sitemap.xml", read_only(discovery.sitemap_xml), name="sitemap"),
    path("opensearch.xml", read_only(discovery.opensearch), name="opensearch"),
    path("robots.txt", read_only(discovery.robots_txt), name="robots_txt"),
    path("api/search/", read_only(api.search), name="api_search"),
    path("api/events/<slug:slug>/", read_only(api.event_detail), name="api_event"),
    path("api/articles/<int:pk>/", read_only(api.article_detail), name="api_article"),
    path("api/people/<slug:slug>/", read_only(api.person_detail), name="api_person"),
    # Before the admin's own URLs, which would otherwise take this path.
    path("admin/archive/import/", import_view, name="admin-import"),
    path("admin/archive/import/<str:job_id>/", job_view, name="admin-import-job"),
    # The admin's own login view, behind the failed-login limit (archive/security.py).
    path("admin/login/", limit_failed_logins(admin.site.login), name="admin-login"),
    path("admin/", admin.site.urls),
    # The language switch (POST language, next): Django's set_language view at /i18n/setlang/.
    path("i18n/", include("django.conf.urls.i18n")),
]

# The site's own error pages, translated; JSON under /api/.
handler400 = "archive.views.errors.bad_request"
handler404 = "archive.views.errors.not_found"
handler500 = "archive.views.errors.server_error"
