"""The editors' desk: every record, with the lists, filters and inlines curation needs.

Index sync: saves and deletes go through the queued signal processor (archive/search/signals.py);
bulk changes made here call `sync.enqueue` themselves.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.validators import URLValidator
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from archive.events import (
    article_moved,
    merge_events,
    reassign,
    refresh_event,
    split_articles,
)
from archive.ingest.outlets import domain_of
from archive.models import (
    REVIEW_FLAGS,
    Article,
    ArticleRevision,
    Event,
    EventRedirect,
    Feed,
    IndexQueue,
    MergeProposal,
    Outlet,
    Person,
    PersonAlias,
    PersonRedirect,
    Role,
)
from archive.person_records import accept_romanised, merge_people, romanised_proposals
from archive.role_dates import article_redated

# The admin as the archive's own: its name in the header, the title bar and the index.
admin.site.site_header = "Diplomatic news archive · editors' desk"
admin.site.site_title = "Diplomatic news archive · editors"
admin.site.index_title = "Editors' desk"


def changed_fields(form) -> str:
    """ "Changed title, date." : what an editor's save changed, for the record's History."""
    labels = [str(form.fields[name].label or name).lower() for name in form.changed_data]
    return f"Changed {', '.join(labels)}." if labels else ""


def record_reason(obj, reason: str) -> None:
    """Says in `obj`'s History what its last change was (a merge, a move, a status)."""
    record = obj.history.order_by("-history_date", "-history_id").first()
    if record is not None:
        record.history_change_reason = reason[:100]
        record.save(update_fields=["history_change_reason"])


class OneALineField(forms.CharField):
    """A list of names or domains, typed one a line (stored as a JSON list)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        lines = (line.strip() for line in (value or "").splitlines())
        return list(dict.fromkeys(line for line in lines if line))


class CaptionsField(OneALineField):
    """An article's photo captions, typed one a line (stored as a JSON list), not as JSON."""

    widget = forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"})

    def to_python(self, value):
        # A JSON list, as the form took before (and scripts may still post), is read as one.
        text = (value or "").strip()
        if text.startswith("[") and text.endswith("]"):
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, list) and all(isinstance(c, str) for c in parsed):
                return [c.strip() for c in parsed if c.strip()]
        return super().to_python(value)


class ArticleForm(forms.ModelForm):
    captions = CaptionsField(
        required=False, help_text="One caption a line, in the order of the story's photos."
    )

    class Meta:
        model = Article
        fields = ("captions",)  # the admin adds its fieldsets' fields


class ReviewFlagFilter(admin.SimpleListFilter):
    title = "needs review"
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return [(flag, label) for flag, label in REVIEW_FLAGS.items() if flag != "new_person"]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(review_flags__contains=self.value())
        return queryset


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ("title", "outlet", "language", "published_on", "review_flags")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("outlet")

    def has_add_permission(self, request, obj=None):
        return False


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ("title", "date", "place", "version_count", "status", "curated")
    list_filter = ("status", "curated", ("date", admin.DateFieldListFilter))
    search_fields = ("title", "slug", "place", "summary")
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("people",)
    inlines = [ArticleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(version_count=Count("articles"))

    @admin.display(ordering="version_count", description="versions")
    def version_count(self, obj: Event) -> int:
        return obj.version_count

    actions = ["merge_selected_events", "publish", "unpublish"]

    def save_model(self, request, obj, form, change):
        # An editor's title, date or place wins over what the importer derives from versions.
        if change and {"title", "date", "place"} & set(form.changed_data):
            obj.curated = True
        if change:
            obj._change_reason = changed_fields(form)[:100]
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected events", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Event.Status.PUBLISHED)

    @admin.action(description="Hide selected events from the public site", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Event.Status.HIDDEN)

    def _set_status(self, request, queryset, status: str) -> None:
        # Saved one by one (not queryset.update) so history and the search index follow.
        events = list(queryset.exclude(status=status))
        for event in events:
            event.status = status
            event._change_reason = f"Status set to {status}."
            event.save(update_fields=["status", "updated_at"])
        self.message_user(request, f"{len(events)} events now {status}.", messages.SUCCESS)

    @admin.action(description="Merge selected events into one…", permissions=["change"])
    def merge_selected_events(self, request, queryset):
        events = list(queryset.order_by("-version_count", "pk"))
        if len(events) < 2:
            self.message_user(request, "Select at least two events to merge.", messages.WARNING)
            return None
        target = _chosen(request, events)
        if target is None:
            return _choose_target(self, request, events, "merge_selected_events", "Merge events")
        others = [e for e in events if e.pk != target.pk]
        merge_events(target, others)
        target.refresh_from_db()
        record_reason(target, "Merged in: " + "; ".join(f"“{e.title}” ({e.slug})" for e in others))
        self.message_user(
            request, f"Merged {len(events) - 1} events into “{target}”.", messages.SUCCESS
        )
        return None


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleForm
    list_display = (
        "title",
        "outlet",
        "original_outlet",
        "language",
        "published_on",
        "review_flags",
    )
    list_filter = (
        ReviewFlagFilter,
        "language",
        "outlet",
        ("published_on", admin.DateFieldListFilter),
    )
    list_select_related = ("outlet", "original_outlet")
    actions = ["clear_review_flags", "split_to_new_event", "rerun_assignment"]
    search_fields = ("title", "body", "url", "source_url")
    date_hierarchy = "published_on"
    autocomplete_fields = ("event", "outlet", "original_outlet", "people")
    readonly_fields = (
        "raw",
        "raw_format",
        "content_hash",
        "captured_at",
        "capture_method",
        "capture_detail",
        "url",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "event",
                    "outlet",
                    "original_outlet",
                    "language",
                    "published_on",
                    "place",
                )
            },
        ),
        ("Text", {"fields": ("body", "credit", "captions")}),
        ("Review", {"fields": ("review_flags", "people")}),
        (
            "Provenance",
            {
                "classes": ("collapse",),
                "fields": (
                    "url",
                    "source_url",
                    "captured_at",
                    "capture_method",
                    "capture_detail",
                    "raw_format",
                    "content_hash",
                    "raw",
                    "created_at",
                    "updated_at",
                ),
            },
        ),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "source_url" and field is not None:
            # Shown as a link to visitors: http(s) only (a URLField also takes ftp).
            field.validators.append(URLValidator(schemes=["http", "https"]))
        return field

    def save_model(self, request, obj, form, change):
        redated = change and "published_on" in form.changed_data
        old_day = None
        if redated:
            before = Article.objects.values_list("published_on", "year_inferred").get(pk=obj.pk)
            old_day = None if before[1] else before[0]  # a guessed year dated no role
            # An editor's date is a confirmed one: no longer guessed, nor missing.
            obj.year_inferred = False
            guessed = {"no_date", "year_inferred", "date_disputed"}
            obj.review_reasons = [flag for flag in obj.review_reasons if flag not in guessed]
        if change:
            obj._change_reason = changed_fields(form)[:100]
        super().save_model(request, obj, form, change)
        if change and "event" in form.changed_data:
            # Moved to another event: the old one is refreshed, or deleted if left empty.
            article_moved(obj, form.initial["event"])
        elif redated:
            refresh_event(obj.event)  # its date is derived from its versions' dates
        if redated:
            article_redated(obj, old_day)  # its officials' roles are dated by it

    @admin.action(description="Mark selected as reviewed (clear flags)", permissions=["change"])
    def clear_review_flags(self, request, queryset):
        articles = list(queryset.exclude(review_flags=""))
        for article in articles:
            article.review_flags = ""
            article.save(update_fields=["review_flags", "updated_at"])
        self.message_user(request, f"{len(articles)} articles marked reviewed.", messages.SUCCESS)

    @admin.action(description="Split selected articles into a new event", permissions=["change"])
    def split_to_new_event(self, request, queryset):
        event = split_articles(queryset)
        self.message_user(request, f"New event “{event}”.", messages.SUCCESS)

    @admin.action(description="Re-run event assignment for selected", permissions=["change"])
    def rerun_assignment(self, request, queryset):
        count = len(reassign(queryset.order_by("pk")))
        self.message_user(request, f"Re-assigned {count} articles.", messages.SUCCESS)


def _chosen(request, objects):
    """The object whose pk the intermediate page posted as `target`, if any."""
    wanted = request.POST.get("target")
    return next((obj for obj in objects if str(obj.pk) == wanted), None)


def _choose_target(model_admin, request, objects, action: str, title: str):
    """An intermediate page: which of the selected objects is kept."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "objects": objects,
        "action": action,
        "opts": model_admin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/archive/choose_target.html", context)


def _bare_domain(value: str) -> str:
    """ "https://www.Example.org/news" -> "example.org": what imports compare a URL with."""
    value = value.strip()
    if not value:
        return ""
    return domain_of(value if "://" in value else f"http://{value}") or value.lower()


class OutletForm(forms.ModelForm):
    # The next import finds the outlet by these (archive.outlets.OutletDirectory).
    aliases = OneALineField(
        required=False, help_text="Other names and credits it goes by, one a line: VNA, TTXVN."
    )
    other_domains = OneALineField(
        required=False, help_text="Other web domains it publishes on, one a line."
    )

    class Meta:
        model = Outlet
        fields = (
            "name", "slug", "domain", "other_domains", "aliases", "country", "language",
            "homepage", "needs_review", "republishes",
        )  # fmt: skip

    def clean_domain(self):
        return _bare_domain(self.cleaned_data["domain"])

    def clean_other_domains(self):
        domains = (_bare_domain(d) for d in self.cleaned_data["other_domains"])
        return list(dict.fromkeys(d for d in domains if d))


class FeedForm(forms.ModelForm):
    class Meta:
        model = Feed
        fields = ("url", "outlet", "active")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # `watch` fetches it: http(s) only (a URLField also takes ftp).
        self.fields["url"].validators.append(URLValidator(schemes=["http", "https"]))


FEED_STATE = (
    "last_polled_at",
    "last_status",
    "last_error",
    "last_items",
    "last_new",
    "failures",
    "next_poll_at",
)


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = (
        "url", "outlet", "active", "last_polled_at", "last_status", "last_new", "failures",
        "next_poll_at",
    )  # fmt: skip
    list_filter = ("active", "last_status")
    list_select_related = ("outlet",)
    search_fields = ("url", "outlet__name")
    autocomplete_fields = ("outlet",)
    readonly_fields = FEED_STATE
    fields = ("url", "outlet", "active", *FEED_STATE)


@admin.register(Outlet)
class OutletAdmin(SimpleHistoryAdmin):
    form = OutletForm
    # Shown, not an inline formset: the outlet's form posts what it always posted.
    readonly_fields = ("feeds",)
    list_display = (
        "name", "slug", "domain", "country", "language", "needs_review", "article_count"
    )  # fmt: skip
    list_filter = ("needs_review", "country", "language")
    search_fields = ("name", "slug", "domain")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("republishes",)
    actions = ["confirm_outlets"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, obj: Outlet) -> int:
        return obj.article_count

    @admin.display(description="feeds (polled by manage.py watch)")
    def feeds(self, obj: Outlet):
        """The outlet's feeds with how their last poll went, each linked to its page."""
        add = (
            format_html(
                '<a class="addlink" href="{}?outlet={}">Add a feed</a>',
                reverse("admin:archive_feed_add"),
                obj.pk,
            )
            if obj.pk
            else ""
        )
        rows = format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:archive_feed_change", args=[feed.pk]),
                    feed.url,
                    "" if feed.active else "inactive",
                    feed.get_last_status_display(),
                    feed.last_polled_at.strftime("%Y-%m-%d %H:%M UTC")
                    if feed.last_polled_at
                    else "",
                    feed.last_error or f"{feed.last_new} new of {feed.last_items}",
                )
                for feed in (obj.feeds.all() if obj.pk else [])
            ),
        )
        if not rows:
            return add or "-"
        return format_html(
            '<table class="outlet-feeds"><thead><tr><th>feed</th><th></th><th>last status</th>'
            "<th>last poll</th><th>result</th></tr></thead><tbody>{}</tbody></table>{}",
            rows,
            add,
        )

    @admin.action(description="Confirm selected outlets", permissions=["change"])
    def confirm_outlets(self, request, queryset):
        count = queryset.update(needs_review=False)
        self.message_user(request, f"{count} confirmed.", messages.SUCCESS)


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "country", "needs_review", "event_count", "proposed_reading")
    list_filter = ("needs_review", "country")
    search_fields = ("name", "slug", "aliases__name", "aliases__folded")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("proposed_reading",)
    inlines = [PersonAliasInline, RoleInline]
    actions = ["merge_people", "confirm_people", "accept_proposed_readings"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_count=Count("events", distinct=True))

    def get_changelist_instance(self, request):
        # The page's proposals at once: the registry is read once, not once per row.
        changelist = super().get_changelist_instance(request)
        proposals = romanised_proposals(changelist.result_list)
        for person in changelist.result_list:
            person.romanised = proposals.get(person.pk)
        return changelist

    @admin.display(ordering="event_count", description="events")
    def event_count(self, obj: Person) -> int:
        return obj.event_count

    @admin.display(description="proposed reading")
    def proposed_reading(self, obj: Person) -> str:
        """A name in Japanese script found by the importer: the Latin spelling romanisation
        proposes, or the person it reads as (a merge to consider). Applied only by the action
        "Accept the proposed readings"."""
        proposal = getattr(obj, "romanised", None)
        if not hasattr(obj, "romanised") and obj.pk:
            proposal = romanised_proposals([obj]).get(obj.pk)
        if proposal is None:
            return "-"
        if proposal.merge_into:
            return format_html(
                '“{}”: merge into <a href="{}?q={}">{}</a>?',
                proposal.alias,
                reverse("admin:archive_person_changelist"),
                proposal.merge_into,
                proposal.merge_into,
            )
        return format_html("“{}” as an alias? ({})", proposal.alias, proposal.reason)

    @admin.action(
        description="Accept the proposed readings (add the alias, or merge as proposed)",
        permissions=["change"],
    )
    def accept_proposed_readings(self, request, queryset):
        people = list(queryset)
        proposals = romanised_proposals(people)
        done = [accept_romanised(p, proposals[p.pk]) for p in people if p.pk in proposals]
        if not done:
            self.message_user(request, "No proposed reading among the selected.", messages.WARNING)
            return
        self.message_user(request, "; ".join(done) + ".", messages.SUCCESS)

    @admin.action(description="Confirm selected candidates", permissions=["change"])
    def confirm_people(self, request, queryset):
        count = queryset.update(needs_review=False)
        self.message_user(request, f"{count} confirmed.", messages.SUCCESS)

    @admin.action(description="Merge selected people into one…", permissions=["change"])
    def merge_people(self, request, queryset):
        people = list(queryset.order_by("-event_count", "pk"))
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return None
        target = _chosen(request, people)
        if target is None:
            return _choose_target(self, request, people, "merge_people", "Merge people")
        merge_people(target, [p for p in people if p.pk != target.pk])
        self.message_user(
            request,
            f"Merged {len(people) - 1} into {target.name}; their old links redirect.",
            messages.SUCCESS,
        )
        return None


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(admin.ModelAdmin):
    list_display = ("article", "captured_at", "created_at")
    list_select_related = ("article__outlet",)
    readonly_fields = (
        "article",
        "raw",
        "raw_format",
        "content_hash",
        "captured_at",
        "capture_method",
        "capture_detail",
        "created_at",
    )

    def has_add_permission(self, request):
        return False


@admin.register(PersonAlias)
class PersonAliasAdmin(SimpleHistoryAdmin):
    list_display = ("name", "person", "folded")
    list_select_related = ("person",)
    search_fields = ("name", "folded", "person__name")
    autocomplete_fields = ("person",)


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ("title", "person", "organisation", "first_seen", "last_seen")
    list_filter = ("organisation",)
    list_select_related = ("person",)
    search_fields = ("title", "organisation", "person__name")
    autocomplete_fields = ("person",)


@admin.register(EventRedirect)
class EventRedirectAdmin(admin.ModelAdmin):
    list_display = ("old_slug", "event")
    list_select_related = ("event",)
    search_fields = ("old_slug", "event__slug", "event__title")
    autocomplete_fields = ("event",)


@admin.register(MergeProposal)
class MergeProposalAdmin(admin.ModelAdmin):
    """Events the importer thinks may tell one meeting: merge them, or dismiss the proposal."""

    list_display = ("event", "event_date", "candidate", "candidate_date", "reason", "created_at")
    list_select_related = ("event", "candidate")
    actions = ["merge_proposed_events", "dismiss"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="date", ordering="event__date")
    def event_date(self, obj: MergeProposal):
        return obj.event.date

    @admin.display(description="date", ordering="candidate__date")
    def candidate_date(self, obj: MergeProposal):
        return obj.candidate.date

    @admin.action(
        description="Merge the two events of each selected proposal", permissions=["change"]
    )
    def merge_proposed_events(self, request, queryset):
        merged = 0
        for proposal in list(queryset.select_related("event", "candidate")):
            # An earlier merge in this loop may have taken one of the two already.
            if not MergeProposal.objects.filter(pk=proposal.pk).exists():
                continue
            merge_events(proposal.event, [proposal.candidate])  # into the older event
            candidate = proposal.candidate
            record_reason(proposal.event, f"Merged in: “{candidate.title}” ({candidate.slug})")
            merged += 1
        self.message_user(request, f"{merged} proposed merges done.", messages.SUCCESS)

    @admin.action(
        description="Dismiss selected proposals (the events stay apart)", permissions=["change"]
    )
    def dismiss(self, request, queryset):
        count, _ = queryset.delete()
        self.message_user(request, f"{count} proposals dismissed.", messages.SUCCESS)


@admin.register(PersonRedirect)
class PersonRedirectAdmin(admin.ModelAdmin):
    list_display = ("old_slug", "person")
    list_select_related = ("person",)
    search_fields = ("old_slug", "person__slug", "person__name")
    autocomplete_fields = ("person",)


@admin.register(IndexQueue)
class IndexQueueAdmin(admin.ModelAdmin):
    """Index updates not yet written: normally empty; `check_index --fix` drains it."""

    list_display = ("article_id", "queued_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
