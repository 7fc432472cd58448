from django.contrib import admin
from django.urls import path

from archive.views import api, events, pages, search

urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", search.search_page, name="search"),
    path("events/<slug:slug>/", events.event_detail, name="event_detail"),
    path("articles/<int:pk>/", pages.article_detail, name="article_detail"),
    path("people/", pages.person_list, name="person_list"),
    path("people/<slug:slug>/", pages.person_detail, name="person_detail"),
    path("outlets/", pages.outlet_list, name="outlet_list"),
    path("outlets/<slug:slug>/", pages.outlet_detail, name="outlet_detail"),
    path("api/search/", api.search, name="api_search"),
    path("api/events/<slug:slug>/", api.event_detail, name="api_event"),
    path("api/articles/<int:pk>/", api.article_detail, name="api_article"),
    path("api/people/<slug:slug>/", api.person_detail, name="api_person"),
    path("admin/", admin.site.urls),
]
