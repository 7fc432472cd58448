from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Diplomatic news archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Refuse an untested Whoosh at start-up rather than mid-search: the search reaches into
        # Whoosh's private internals (archive/search/whoosh_internals/ checks the version).
        from archive.search import whoosh_internals

        whoosh_internals.check_whoosh_version()
