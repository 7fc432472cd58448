from django.contrib import admin
from django.urls import include, path, register_converter

from archive.admin_import import import_view
from archive.security import limit_failed_logins
from archive.views import api, dates, discovery, events, feeds, pages, search

register_converter(dates.YearConverter, "yyyy")
register_converter(dates.MonthConverter, "mm")
register_converter(dates.DayConverter, "dd")

urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", search.search_page, name="search"),
    path("events/<slug:slug>/", events.event_detail, name="event_detail"),
    path("articles/<int:pk>/", pages.article_detail, name="article_detail"),
    path("people/", pages.person_list, name="person_list"),
    path("people/<slug:slug>/", pages.person_detail, name="person_detail"),
    path("outlets/", pages.outlet_list, name="outlet_list"),
    path("outlets/<slug:slug>/", pages.outlet_detail, name="outlet_detail"),
    path("dates/", dates.dates_index, name="dates"),
    path("dates/undated/", dates.dates_undated, name="dates_undated"),
    path("dates/<yyyy:year>/", dates.dates_year, name="dates_year"),
    path("dates/<yyyy:year>/<mm:month>/", dates.dates_month, name="dates_month"),
    path("dates/<yyyy:year>/<mm:month>/<dd:day>/", dates.dates_day, name="dates_day"),
    path("feeds/events/", feeds.events_feed, name="feed_events"),
    path("feeds/people/<slug:slug>/", feeds.person_feed, name="feed_person"),
    path("feeds/outlets/<slug:slug>/", feeds.outlet_feed, name="feed_outlet"),
    path("feeds/search/", feeds.search_feed, name="feed_search"),
    path("sitemap.xml", discovery.sitemap_xml, name="sitemap"),
    path("opensearch.xml", discovery.opensearch, name="opensearch"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path("api/search/", api.search, name="api_search"),
    path("api/events/<slug:slug>/", api.event_detail, name="api_event"),
    path("api/articles/<int:pk>/", api.article_detail, name="api_article"),
    path("api/people/<slug:slug>/", api.person_detail, name="api_person"),
    # Before the admin's own URLs, which would otherwise take this path.
    path("admin/archive/import/", import_view, name="admin-import"),
    # The admin's own login view, behind the failed-login limit (archive/security.py).
    path("admin/login/", limit_failed_logins(admin.site.login), name="admin-login"),
    path("admin/", admin.site.urls),
    # The language switch (POST language, next): Django's set_language view at /i18n/setlang/.
    path("i18n/", include("django.conf.urls.i18n")),
]
