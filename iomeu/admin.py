from django.contrib import admin, messages
from django.utils import timezone

from .models import Status, Topic


class PublishableAdmin(admin.ModelAdmin):
    """Admin behaviour shared by every content type with a status: authorship and bulk publishing."""

    actions = ["publish", "unpublish"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    publishing_fieldset = ("Publishing", {"fields": ["status", "published_at", "expires_at"]})
    history_fieldset = (
        "Record",
        {"classes": ["collapse"], "fields": ["created_at", "created_by", "updated_at", "updated_by"]},
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected items")
    def publish(self, request, queryset):
        count = queryset.exclude(status=Status.PUBLISHED).update(
            status=Status.PUBLISHED, updated_by=request.user, updated_at=timezone.now()
        )
        self.message_user(request, f"{count} item(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish selected items (back to draft)")
    def unpublish(self, request, queryset):
        count = queryset.filter(status=Status.PUBLISHED).update(
            status=Status.DRAFT, updated_by=request.user, updated_at=timezone.now()
        )
        self.message_user(request, f"{count} item(s) returned to draft.", messages.SUCCESS)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.site_header = "IOM and the EU: staff administration"
admin.site.site_title = "IOM EU staff"
admin.site.index_title = "Content"
