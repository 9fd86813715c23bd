from django.contrib import admin
from django.db import router
from django.db.models import Prefetch
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join

from core import dates
from core.admin import HistoryAdmin, PublishableAdmin, YearListFilter
from core.dates import DatePrecision
from richtext.admin import RichTextAdminMixin

from .forms import PublicationAdminForm, PublicationFileForm
from .models import DownloadCount, Presidency, Publication, PublicationFile, PublicationKind, Series
from .storage import atomic_with_file_cleanup

MONTHS_SHOWN = 12


class PublicationFileInline(admin.StackedInline):
    model = PublicationFile
    form = PublicationFileForm
    extra = 0
    min_num = 0
    fields = ["language", "file", "filename", "details", "links", "downloads"]
    readonly_fields = ["details", "links", "downloads"]

    def get_queryset(self, request):
        counts = DownloadCount.objects.order_by("-month")
        return (
            super()
            .get_queryset(request)
            .defer("text")
            .select_related("publication")
            .prefetch_related(Prefetch("download_counts", queryset=counts))
        )

    @admin.display(description="File")
    def details(self, file):
        if not file.pk:
            return "Read from the PDF when it is saved."
        return f"{filesizeformat(file.size)}, {file.page_count} page{'s' if file.page_count != 1 else ''}"

    @admin.display(description="Links")
    def links(self, file):
        if not file.pk:
            return "—"
        return format_html(
            '<a href="{}">Open in the browser</a> · <a href="{}">Download</a>', file.read_url(), file.get_absolute_url()
        )

    @admin.display(description="Downloads by month")
    def downloads(self, file):
        if not file.pk:
            return "—"
        counts = list(file.download_counts.all())
        if not counts:
            return "None yet."
        total = sum(count.count for count in counts)
        rows = format_html_join(
            "",
            "<li>{}: {}</li>",
            ((dates.display(c.month, DatePrecision.MONTH), c.count) for c in counts[:MONTHS_SHOWN]),
        )
        return format_html("<p>{} in all.</p><ul>{}</ul>", total, rows)


class PublicationYearFilter(YearListFilter):
    date_field = "publication_date"


@admin.register(Publication)
class PublicationAdmin(RichTextAdminMixin, PublishableAdmin):
    form = PublicationAdminForm
    list_display = [
        "title",
        "cover_thumbnail",
        "date_display",
        "kind",
        "presidency",
        "series_edition",
        "languages",
        "status",
    ]
    list_display_links = ["title"]
    list_filter = ["kind", PublicationYearFilter, "status", "presidency", "series", "topics"]
    list_select_related = ["kind", "presidency", "series"]
    search_fields = ["title", "summary", "body", "quote"]
    date_hierarchy = "publication_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "meetings", "related", "presidency", "series"]
    inlines = [PublicationFileInline]
    readonly_fields = [*PublishableAdmin.readonly_fields, "cover_preview"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", ("publication_date", "date_precision")]}),
        ("Content", {"fields": ["summary", "quote", "quote_source", "body", "topics"]}),
        ("Cover", {"fields": ["cover_preview", "cover_image"]}),
        ("Links", {"fields": ["presidency", ("series", "edition"), "meetings", "related"]}),
        PublishableAdmin.publishing_fieldset,
        PublishableAdmin.history_fieldset,
    ]

    def get_queryset(self, request):
        # With the first page's cover, which the list's thumbnail shows.
        files = PublicationFile.objects.only(
            "pk", "publication_id", "language", "thumbnail", "thumbnail_width", "thumbnail_height"
        )
        return super().get_queryset(request).prefetch_related(Prefetch("files", queryset=files))

    def changeform_view(self, request, *args, **kwargs):
        # Uploads are stored while saving; if the save fails, none of them stays behind.
        with atomic_with_file_cleanup(using=router.db_for_write(self.model)):
            return super().changeform_view(request, *args, **kwargs)

    def save_formset(self, request, form, formset, change):
        # The one inline holds the PDFs: each new one is read (pages, text, cover) before it is saved.
        for file in formset.save(commit=False):
            file.read_upload()
            file.save()
        for file in formset.deleted_objects:
            file.delete()
        formset.save_m2m()

    @admin.display(description="Date", ordering="publication_date")
    def date_display(self, publication):
        return publication.date_display

    @admin.display(description="Series", ordering="series__title")
    def series_edition(self, publication):
        if not publication.series_id:
            return "—"
        return f"{publication.series} ({publication.edition})" if publication.edition else str(publication.series)

    @admin.display(description="Cover")
    def cover_thumbnail(self, publication):
        url = publication.cover_url()
        if not url:
            return "—"
        return format_html('<img src="{}" alt="" width="40" loading="lazy" class="admin-thumbnail">', url)

    @admin.display(description="PDFs")
    def languages(self, publication):
        return ", ".join(file.language.upper() for file in publication.files.all()) or "none"

    @admin.display(description="Current cover")
    def cover_preview(self, publication):
        url = publication.cover_url() if publication.pk else ""
        if not url:
            return "None yet: one is made from the first page of the main PDF when it is uploaded."
        source = "uploaded image" if publication.cover_image else "first page of the main PDF"
        return format_html('<img src="{}" alt="" width="160"> <p>From the {}.</p>', url, source)


@admin.register(PublicationKind)
class PublicationKindAdmin(HistoryAdmin):
    list_display = ["name", "plural_name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "plural_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Presidency)
class PresidencyAdmin(HistoryAdmin):
    list_display = ["__str__", "member_state", "start", "end"]
    search_fields = ["member_state"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["member_state"]}


@admin.register(Series)
class SeriesAdmin(HistoryAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(DownloadCount)
class DownloadCountAdmin(admin.ModelAdmin):
    """Read-only: the site counts downloads itself."""

    list_display = ["publication", "language", "month_display", "count"]
    list_filter = ["month", "file__language"]
    list_select_related = ["file__publication"]
    search_fields = ["file__publication__title"]
    date_hierarchy = "month"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Publication", ordering="file__publication__title")
    def publication(self, count):
        return count.file.publication

    @admin.display(description="Language", ordering="file__language")
    def language(self, count):
        return count.file.get_language_display()

    @admin.display(description="Month", ordering="month")
    def month_display(self, count):
        return dates.display(count.month, DatePrecision.MONTH)
