"""The site's own pages, key figures and timeline milestones (pages/views.py shows them)."""

from django.contrib import admin

from core.admin import HistoryAdmin, PublishableAdmin
from richtext.admin import RichTextAdminMixin

from .models import KeyFigure, Milestone, Page


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, PublishableAdmin):
    list_display = ["title", "slug", "order", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "description", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "body", "order"]}),
        PublishableAdmin.publishing_fieldset,
        PublishableAdmin.history_fieldset,
    ]

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(KeyFigure)
class KeyFigureAdmin(PublishableAdmin):
    list_display = ["value", "label", "year", "source", "order", "status"]
    list_editable = ["order"]
    list_filter = ["status", "year"]
    search_fields = ["value", "label", "source"]
    fieldsets = [
        (None, {"fields": ["value", "label", "year", "source", "source_url", "order"]}),
        PublishableAdmin.publishing_fieldset,
        PublishableAdmin.history_fieldset,
    ]


@admin.register(Milestone)
class MilestoneAdmin(HistoryAdmin):
    list_display = ["title", "date_display", "date_precision"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"

    @admin.display(description="Date", ordering="date")
    def date_display(self, obj):
        return obj.date_display
