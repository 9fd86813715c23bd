from django import forms
from django.contrib import admin
from django.db import router
from django.db.models import Count, F, Prefetch

from core.admin import HistoryAdmin, PublishableAdmin, YearListFilter
from core.storage import atomic_with_file_cleanup
from images.admin import PrivateImageInput, thumbnail
from richtext.admin import RichTextAdminMixin

from .models import EUService, Meeting, MeetingPhoto, Participation, Person, Position, Quote


class PositionInline(admin.TabularInline):
    model = Position
    extra = 1


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "current_position"]
    search_fields = ["name", "positions__title", "positions__organisation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PositionInline]

    def get_queryset(self, request):
        # Latest start first and undated last, as on the public pages (PostgreSQL sorts NULL first in DESC).
        positions = Position.objects.order_by(F("start").desc(nulls_last=True), "-pk")
        return super().get_queryset(request).prefetch_related(Prefetch("positions", queryset=positions))

    @admin.display(description="Latest position")
    def current_position(self, person):
        positions = list(person.positions.all())
        return positions[0] if positions else "—"


@admin.register(EUService)
class EUServiceAdmin(HistoryAdmin):
    list_display = ["acronym", "full_name", "kind", "joined_framework_on", "predecessor", "meetings_hosted"]
    list_filter = ["kind"]
    list_select_related = ["predecessor"]
    # Explicit: the hosted-meetings count groups rows, and grouped queries ignore Meta.ordering (autocomplete pages).
    ordering = ["acronym"]
    search_fields = ["acronym", "full_name"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["predecessor"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(hosted_count=Count("hosted_meetings", distinct=True))

    @admin.display(description="Meetings hosted", ordering="hosted_count")
    def meetings_hosted(self, service):
        return service.hosted_count


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["person"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker"]


class PhotoForm(forms.ModelForm):
    class Meta:
        model = MeetingPhoto
        fields = ["image", "alt_text", "decorative", "caption", "credit", "focal_x", "focal_y", "order"]
        widgets = {"image": PrivateImageInput}


class PhotoInline(admin.StackedInline):
    model = MeetingPhoto
    form = PhotoForm
    extra = 0
    fields = ["preview", "image", "alt_text", "decorative", "caption", "credit", ("focal_x", "focal_y"), "order"]
    readonly_fields = ["preview"]

    @admin.display(description="Preview")
    def preview(self, photo):
        return thumbnail(photo, size=160)


class MeetingYearFilter(YearListFilter):
    date_field = "date"


@admin.register(Meeting)
class MeetingAdmin(RichTextAdminMixin, PublishableAdmin):
    list_display = ["title", "photo", "date_display", "level", "edition", "host", "status", "published_at"]
    list_display_links = ["title"]
    list_filter = ["level", MeetingYearFilter, "host", "status", "topics"]
    list_select_related = ["host"]
    search_fields = ["title", "summary", "body", "location"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host", "services", "topics"]
    inlines = [ParticipationInline, QuoteInline, PhotoInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "level", "edition"]}),
        ("When and where", {"fields": ["date", "date_precision", "location"]}),
        ("Who", {"fields": ["host", "services"]}),
        ("Content", {"fields": ["summary", "body", "topics"]}),
        PublishableAdmin.publishing_fieldset,
        PublishableAdmin.history_fieldset,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("photos")

    def changeform_view(self, request, *args, **kwargs):
        # Photos are stored while saving; if the save fails, none of them stays behind.
        with atomic_with_file_cleanup(using=router.db_for_write(self.model)):
            return super().changeform_view(request, *args, **kwargs)

    @admin.display(description="Date", ordering="date")
    def date_display(self, meeting):
        return meeting.date_display

    @admin.display(description="Photo")
    def photo(self, meeting):
        photos = list(meeting.photos.all())
        return thumbnail(photos[0], size=48) if photos else "—"
