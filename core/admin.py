"""Admin behaviour shared by every content type: history, refusal of stale saves, and the publishing rules of roles.

- ``HistoryAdmin`` (every content model staff edit): each save keeps a revision (django-reversion) with the
  inlines' rows, so that a restore or the recovery of a deleted item brings its relations back; the history page
  compares two revisions; a save based on a stale copy of the item is refused.
- ``PublishableAdmin`` (models with status and publication time): only users with the ``publish_<model>``
  permission (Publishers, superusers) may publish, unpublish, schedule or delete a published item; for others the
  publishing fields are read-only and the server ignores or refuses forged values.
"""

import contextlib
import datetime
import difflib
import hashlib

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.dateformat import format as date_format
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from reversion.admin import VersionAdmin
from reversion.models import Version

from editorial.admin import EditorialAdminMixin

from .models import Publishable, Status, Topic
from .roles import is_reviewed, publish_codename
from .storage import get_private_storage, retired_name

EDIT_TOKEN = "_edit_token"  # noqa: S105 (a form field name, not a secret)
PUBLISHING_FIELDS = ["status", "published_at", "expires_at"]


# EditorialAdminMixin (editorial/admin.py): drafts of live items and reference data, review, status, previews.
class HistoryAdmin(EditorialAdminMixin, VersionAdmin):
    """Revisions, comparison, restore and recovery for one content model; refuses saves based on a stale copy."""

    change_form_template = "core/admin/change_form.html"
    revision_form_template = "core/admin/revision_form.html"
    recover_form_template = "core/admin/recover_form.html"
    object_history_template = "core/admin/object_history.html"
    history_latest_first = True

    # Optimistic locking: the change form carries a fingerprint of the item (and its inline rows) as it was when
    # the form was opened; a save whose fingerprint no longer matches the database is refused.

    def edit_token(self, obj):
        objects = [obj]
        for inline in self.inlines:
            if not issubclass(inline, admin.options.InlineModelAdmin):
                continue
            fk = foreign_key_to(self.model, inline)
            objects.extend(inline.model._default_manager.filter(**{fk.name: obj.pk}).order_by("pk"))
        data = serializers.serialize("json", objects)
        return hashlib.sha256(data.encode()).hexdigest()

    def stale_save_message(self, obj):
        opts = self.model._meta
        latest = Version.objects.get_for_object(obj).select_related("revision__user").first()
        who = ""
        if latest is not None:
            user = latest.revision.user
            when = localize(template_localtime(latest.revision.date_created))
            who = f" ({user.get_username() if user else 'someone'}, {when})"
        return (
            f"This {opts.verbose_name} was changed by someone else after you opened it{who}. "
            "Your changes have not been saved, so that theirs are not lost. Copy what you wrote, open the "
            f"{opts.verbose_name} again to see their version, and make your changes there."
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None:
            return form_class
        model_admin = self

        class StaleSaveRefusingForm(form_class):
            def clean(self):
                cleaned_data = super().clean()
                submitted = self.data.get(EDIT_TOKEN)
                # Locks the row until the save ends (PostgreSQL), so two saves cannot both pass this check.
                current = type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk)
                current = current.first()
                # A save without the fingerprint is refused like a stale one: nothing shows what it was based on.
                if not submitted or current is None or submitted != model_admin.edit_token(current):
                    raise ValidationError(model_admin.stale_save_message(self.instance), code="stale")
                return cleaned_data

        StaleSaveRefusingForm.__name__ = form_class.__name__
        return StaleSaveRefusingForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            # A form shown again after an error keeps the fingerprint it was opened with.
            context["edit_token"] = request.POST.get(EDIT_TOKEN) or self.edit_token(obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    # Deletions keep a last revision, so that the item and its inline rows can be recovered as they were.

    def delete_model(self, request, obj):
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Deleted.")
            reversion.add_to_revision(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def create_revision(self, request):
        opts = self.model._meta
        match = request.resolver_match
        bulk_action = (
            request.method == "POST"
            and "action" in request.POST
            and match is not None
            and match.url_name == f"{opts.app_label}_{opts.model_name}_changelist"
        )
        if bulk_action:
            # Bulk actions make one revision per item (see publish/delete), not one for the whole selection:
            # restoring one item must not revert the others.
            return contextlib.nullcontext()
        return super().create_revision(request)

    # Restoring a revision or recovering a deleted item reverts every object the revision holds. The version must
    # be one of this admin's model (django-reversion looks it up by id alone), and someone who may not publish
    # cannot restore a revision that would change whether any of its objects is public.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        version = get_object_or_404(
            Version.objects.get_for_object_reference(self.model, object_id).select_related("revision"), pk=version_id
        )
        refusal = self._refuse_publishing_change(request, version, self._history_url(object_id))
        return refusal or self._restored(
            request, version, super().revision_view(request, quote(object_id), version_id, extra_context)
        )

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_deleted(self.model).select_related("revision"), pk=version_id)
        opts = self.model._meta
        recover_list = reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_recoverlist")
        refusal = self._refuse_publishing_change(request, version, recover_list)
        return refusal or self._restored(request, version, super().recover_view(request, version_id, extra_context))

    def _refuse_publishing_change(self, request, version, url):
        if request.user.has_perms(publish_permissions_needed(version.revision)):
            return None
        messages.error(
            request,
            "This revision would change what the public sees (a published item, reference data, or whether an item "
            "is public). Only Publishers can restore it; ask one to do so.",
        )
        return redirect(url)

    def _restored(self, request, version, response):
        """After a restore, each other object the revision changed records it in its own history and log."""
        if request.method != "POST" or response.status_code != 302:
            return response
        when = localize(template_localtime(version.revision.date_created))
        comment = f"Restored to its version of {when}, with {version.object_repr}."
        # Rows saved with an item (participants, files...) are in its own history; items staff edit are logged.
        others = [
            other
            for other in version.revision.version_set.all()
            if other.pk != version.pk and self.admin_site.is_registered(other._model)
        ]
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(comment)
            for other in others:
                obj = other._model._default_manager.filter(pk=other.object_id).first()
                if obj is not None:
                    reversion.add_to_revision(obj)
                    self.log_change(request, obj, comment)
        return response

    # Comparing two revisions.

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/<int:version_id>/file/<str:field_name>/",
                self.admin_site.admin_view(self.revision_file_view),
                name=f"{opts.app_label}_{opts.model_name}_revision_file",
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        versions = (
            Version.objects.get_for_object(obj)
            .select_related("revision__user")
            .order_by(*self.get_version_ordering(request))
        )
        revision_url = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision"
        context = {
            # The list reversion shows, with each version so that two can be chosen for comparison.
            "action_list": [
                {
                    "revision": version.revision,
                    "version": version,
                    "url": reverse(revision_url, args=[quote(version.object_id), version.pk]),
                }
                for version in versions
            ],
            "compare_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_compare", args=[quote(obj.pk)]
            ),
        }
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        try:
            ids = sorted({int(request.GET["older"]), int(request.GET["newer"])})
        except (KeyError, ValueError):
            messages.error(request, "Choose two revisions to compare.")
            return redirect(self._history_url(obj))
        chosen = {version.pk: version for version in versions.filter(pk__in=ids)}
        if len(ids) != 2 or len(chosen) != 2:
            messages.error(request, "Choose two different revisions of this item to compare.")
            return redirect(self._history_url(obj))
        older, newer = chosen[ids[0]], chosen[ids[1]]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "title": f"Compare two revisions of {obj}",
            "older": older,
            "newer": newer,
            "changes": compare_versions(older, newer),
            "related_changes": compare_followed(older, newer),
            "files": self.revision_files(obj, [older, newer]),
            "history_url": self._history_url(obj),
        }
        return TemplateResponse(request, "core/admin/compare.html", context)

    def revision_files(self, obj, versions):
        """[(revision date, description, url)] for every stored file the given revisions refer to."""
        files = []
        for version in versions:
            for stored in version.revision.version_set.select_related("content_type"):
                model = stored._model
                for field in model._meta.concrete_fields:
                    if isinstance(field, models.FileField) and stored_file_name(stored, field):
                        url = reverse(
                            f"{self.admin_site.name}:{obj._meta.app_label}_{obj._meta.model_name}_revision_file",
                            args=[quote(obj.pk), stored.pk, field.name],
                        )
                        label = f"{stored.object_repr}: {stored_file_name(stored, field)}"
                        files.append((version.revision.date_created, label, url))
        return files

    def revision_file_view(self, request, object_id, version_id, field_name):
        """Staff download the file a revision stored (e.g. a PDF or photo since replaced) for this item or its rows."""
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        own_revisions = Version.objects.get_for_object(obj).values("revision_id")
        version = get_object_or_404(Version, pk=version_id, revision_id__in=own_revisions)
        try:
            field = version._model._meta.get_field(field_name)
        except FieldDoesNotExist:
            raise Http404("No such file field.") from None
        name = stored_file_name(version, field) if isinstance(field, models.FileField) else None
        # A public file no row uses any more is kept, out of public reach, under "retired/" in the private storage.
        for storage, stored_name in [(field.storage, name), (get_private_storage(), retired_name(name))]:
            if name and storage.exists(stored_name):
                break
        else:
            raise Http404("This revision's file is no longer stored.")
        response = FileResponse(storage.open(stored_name, "rb"), as_attachment=True, filename=name.rsplit("/", 1)[-1])
        response["Cache-Control"] = "private, no-store"
        return response

    def _history_url(self, obj_or_id):
        opts = self.model._meta
        object_id = getattr(obj_or_id, "pk", obj_or_id)
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history", args=[quote(object_id)])


def publish_permissions_needed(revision):
    """The publish permissions that reverting this revision needs: one for each of its objects the public would see
    changed: reference data, items published (or scheduled), and publishable objects whose status or schedule the
    revert would change (or that it would bring back from deletion other than as a draft)."""
    needed = set()
    for version in revision.version_set.select_related("content_type"):
        model = version._model
        opts = model._meta
        if not issubclass(model, Publishable):
            # Reference data is public as soon as it exists: restoring any of it is publishing.
            if is_reviewed(opts.app_label, opts.model_name):
                needed.add(f"{opts.app_label}.{publish_codename(opts)}")
            continue
        stored = version.field_dict
        current = model._default_manager.filter(pk=version.object_id).values(*PUBLISHING_FIELDS).first()
        if current is not None and current["status"] == Status.PUBLISHED:
            # The public sees (or will see) this item: restoring its content is publishing too.
            needed.add(f"{opts.app_label}.{publish_codename(opts)}")
            continue
        if current is None:
            changes = stored.get("status") != Status.DRAFT
        else:
            changes = any(as_stored(stored.get(name)) != as_stored(current[name]) for name in PUBLISHING_FIELDS)
        if changes:
            needed.add(f"{model._meta.app_label}.{publish_codename(model._meta)}")
    return needed


def foreign_key_to(parent_model, inline):
    """The foreign key by which an inline's rows belong to the parent (the admin's checks ensure there is one)."""
    return next(
        field
        for field in inline.model._meta.concrete_fields
        if field.many_to_one and issubclass(parent_model, field.related_model) and inline.fk_name in (None, field.name)
    )


def same_to_the_second(before, after):
    """Times differing by a fraction of a second (the default "now" kept its milliseconds, the form's value has
    none) read the same to staff: not a change."""
    if isinstance(before, datetime.datetime) and isinstance(after, datetime.datetime):
        return before.replace(microsecond=0) == after.replace(microsecond=0)
    return False


def as_stored(value):
    """A value as a revision keeps it: its JSON keeps times to the millisecond, so compare them that way."""
    return DjangoJSONEncoder().encode(value)


def stored_file_name(version, field):
    value = version.field_dict.get(field.attname)
    return getattr(value, "name", value) or ""


def display_value(field, value):
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, models.ManyToManyField):
        related = field.related_model._default_manager.in_bulk(value)
        return ", ".join(str(related[pk]) if pk in related else f"#{pk} (deleted)" for pk in value)
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value} (deleted)"
    if isinstance(field, models.FileField):
        return getattr(value, "name", str(value)) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        return localize(template_localtime(value))
    return str(value)


def word_diff(old, new):
    """The two texts as one HTML fragment, removed words in <del>, added words in <ins>."""
    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(format_html("{}", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return mark_safe(" ".join(parts))  # noqa: S308 (every part is escaped by format_html)


def compare_versions(older, newer):
    """[(field label, before, after, inline diff or None)] for each field whose value differs."""
    model = older._model
    old_fields, new_fields = older.field_dict, newer.field_dict
    changes = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created or not field.editable:
            continue
        key = field.attname
        before, after = old_fields.get(key), new_fields.get(key)
        if before == after or same_to_the_second(before, after):
            continue
        diff = None
        if isinstance(field, (models.TextField, models.CharField)) and not field.choices and before and after:
            diff = word_diff(str(before), str(after))
        shown_before, shown_after = display_value(field, before), display_value(field, after)
        if shown_before == shown_after and isinstance(field, models.DateTimeField):
            # Differ by seconds only: show them, so that the difference is visible.
            shown_before, shown_after = (
                date_format(template_localtime(value), "j M Y, H:i:s") for value in (before, after)
            )
        changes.append((capfirst(field.verbose_name), shown_before, shown_after, diff))
    return changes


def compare_followed(older, newer):
    """Rows saved with the item (quotes, participants, photos, files...): [(kind, change, description)]."""

    def followed(version):
        return {
            (other.content_type_id, other.object_id): other
            for other in version.revision.version_set.exclude(pk=version.pk).select_related("content_type")
        }

    before, after = followed(older), followed(newer)
    rows = []
    for key in sorted(before.keys() | after.keys(), key=str):
        version = after.get(key) or before[key]
        kind = capfirst(version.content_type.model_class()._meta.verbose_name) if version.content_type else ""
        if key not in before:
            rows.append((kind, "added", after[key].object_repr))
        elif key not in after:
            rows.append((kind, "removed", before[key].object_repr))
        elif before[key].serialized_data != after[key].serialized_data:
            rows.append((kind, "changed", after[key].object_repr))
    return rows


class YearListFilter(admin.SimpleListFilter):
    """Filter a changelist by the year of `date_field`; set date_field in a subclass."""

    title = "year"
    parameter_name = "year"
    date_field = None

    def lookups(self, request, model_admin):
        years = model_admin.model.objects.dates(self.date_field, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        # Only a plain year the database can hold filters; anything typed into the URL is ignored.
        value = self.value() or ""
        if value.isascii() and value.isdigit() and 1 <= int(value) <= 9999:
            return queryset.filter(**{f"{self.date_field}__year": int(value)})
        return queryset


class PublishableAdmin(HistoryAdmin):
    """Admin behaviour shared by every content type with a status: authorship, publishing rights, bulk publishing."""

    actions = ["publish", "unpublish"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    publishing_fieldset = ("Publishing", {"fields": ["status", "published_at", "expires_at"]})
    history_fieldset = (
        "Record",
        {"classes": ["collapse"], "fields": ["created_at", "created_by", "updated_at", "updated_by"]},
    )

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(f"{self.model._meta.app_label}.{publish_codename(self.model._meta)}")

    def has_delete_permission(self, request, obj=None):
        # Published (or scheduled) items are deleted only by those who may unpublish them.
        if obj is not None and obj.status == Status.PUBLISHED and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly += [name for name in PUBLISHING_FIELDS if name not in readonly]
        return readonly

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # Whatever was posted, someone who may not publish leaves the publishing fields as they were.
            if change:
                current = type(obj)._default_manager.filter(pk=obj.pk).values(*PUBLISHING_FIELDS).first() or {}
                for name, value in current.items():
                    setattr(obj, name, value)
            else:
                obj.status = Status.DRAFT
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish selected items", permissions=["publish"])
    def publish(self, request, queryset):
        count = self._set_status(request, queryset.exclude(status=Status.PUBLISHED), Status.PUBLISHED, "Published.")
        self.message_user(request, f"{count} item(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish selected items (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self._set_status(request, queryset.filter(status=Status.PUBLISHED), Status.DRAFT, "Unpublished.")
        self.message_user(request, f"{count} item(s) returned to draft.", messages.SUCCESS)

    def _set_status(self, request, queryset, status, comment):
        """Saves each item (one revision each, with who and when), so the history shows every publication."""
        count = 0
        with transaction.atomic():
            for obj in queryset:
                with reversion.create_revision():
                    reversion.set_user(request.user)
                    reversion.set_comment(comment)
                    obj.status = status
                    obj.updated_by = request.user
                    obj.save()
                self.log_change(request, obj, comment)
                count += 1
        return count


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Administrators manage accounts and roles, but only a superuser makes or changes a superuser."""

    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_superuser", "roles"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="Roles")
    def roles(self, user):
        return format_html_join(", ", "{}", ((group.name,) for group in user.groups.all())) or "—"

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


admin.site.site_header = "IOM and the EU: staff administration"
admin.site.site_title = "IOM EU staff"
admin.site.index_title = "Content"
