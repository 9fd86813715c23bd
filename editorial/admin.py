"""The editorial workflow in the admin: one mixin, a base of core.admin.HistoryAdmin, so every content type's admin
has it.

- A save that would reach the public and comes from someone without the type's ``publish_<model>`` permission (an
  Editor changing a published item or any reference data, or creating reference data) is kept as a pending draft:
  the admin's own save runs inside a savepoint, the item and its inline rows are serialised, and the savepoint is
  rolled back. Publishers' saves go live, unless they press "Save as draft".
- The change form of an item with a pending draft shows the draft's changes (applied inside a rolled-back
  savepoint), with the live version a click away; saving it carries on from the draft.
- Submit for review, approve (now or at a chosen time), send back, discard: small POST views with their own
  permission checks.
- A status column and filter on every list, and a Preview of the form's current values without saving anything.
"""

import contextlib

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, router, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html

from core.models import Publishable, Status
from core.roles import is_reviewed, publish_codename

from . import notifications, presence, status, workflow
from . import payload as payloads
from .models import Draft, ReviewEvent
from .preview import render_public_page

SAVE_AS_DRAFT = "_save_draft"
PREVIEW = "_preview"
BASE = "_editorial_base"  # "draft" when the form was opened on the pending draft


# What applying a draft can meet when the live data changed since (a slug taken, a person deleted...).
DRAFT_ERRORS = (IntegrityError, ObjectDoesNotExist, ValidationError, DeserializationError)


def cannot_apply(error):
    return (
        "This draft can no longer be applied as it is, because the live data changed since it was saved "
        f"({error}). Open the live version, make the changes again, or discard the draft."
    )


class _Capture:
    """What a save inside the editorial savepoint left behind (set on the request by save_related)."""

    def __init__(self, keep_as_draft):
        self.keep_as_draft = keep_as_draft
        self.payload = None
        self.obj = None


def _render(response):
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response


class StatusListFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "editorial_status"

    def lookups(self, request, model_admin):
        if issubclass(model_admin.model, Publishable):
            return [
                ("draft", status.DRAFT),
                ("in_review", status.IN_REVIEW),
                ("scheduled", "Scheduled"),
                ("published", status.PUBLISHED),
                ("expired", status.EXPIRED),
                ("changes", status.HAS_DRAFT_CHANGES),
            ]
        return [("changes", status.HAS_DRAFT_CHANGES), ("in_review", status.IN_REVIEW)]

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value is None:
            return queryset
        drafts = Draft.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model), object_id=OuterRef("pk")
        )
        if value == "changes":
            return queryset.filter(Exists(drafts.exclude(payload="")))
        if value == "in_review":
            return queryset.filter(Exists(drafts.filter(state=Draft.State.IN_REVIEW)))
        if not issubclass(queryset.model, Publishable):
            return queryset
        published = Q(status=Status.PUBLISHED)
        return {
            "draft": queryset.filter(~published),
            "scheduled": queryset.filter(published, published_at__gt=now),
            "published": queryset.filter(published, published_at__lte=now).filter(
                Q(expires_at__isnull=True) | Q(expires_at__gt=now)
            ),
            "expired": queryset.filter(published, expires_at__lte=now),
        }.get(value, queryset)


class EditorialAdminMixin:
    """Drafts, review and status for a content type's admin (put it before django-reversion's VersionAdmin)."""

    # Which types: those whose changes need a publish permission (publishable types and reference data).

    def is_reviewed(self):
        opts = self.model._meta
        return is_reviewed(opts.app_label, opts.model_name)

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(f"{self.model._meta.app_label}.{publish_codename(self.model._meta)}")

    def is_live(self, obj):
        """Whether the public sees (or will see, or saw) this item: a change to it needs a Publisher."""
        if obj is None or obj.pk is None:
            return not issubclass(self.model, Publishable)  # new reference data is public as soon as it exists
        if issubclass(self.model, Publishable):
            stored = self.model._default_manager.filter(pk=obj.pk).values_list("status", flat=True).first()
            return stored == Status.PUBLISHED
        return True

    def keeps_as_draft(self, request, live, draft):
        if not self.is_reviewed():
            return False
        if SAVE_AS_DRAFT in request.POST and (draft is not None or self.is_live(live)):
            return True
        if self.has_publish_permission(request):
            return False
        return draft is not None or self.is_live(live)

    def pending_draft(self, obj):
        """The item's pending draft with changes (None for none, or for a review state only)."""
        if obj is None or obj.pk is None:
            return None
        draft = workflow.draft_for(obj)
        return draft if draft is not None and draft.has_changes else None

    # The change form.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        parent = super().changeform_view
        if not self.is_reviewed():
            return parent(request, object_id, form_url, extra_context)
        live = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id and live is None:
            return parent(request, object_id, form_url, extra_context)  # Django's "does not exist" message
        if request.method == "POST" and PREVIEW in request.POST:
            return self.preview_unsaved(request, object_id, live, form_url, extra_context)
        draft = self.pending_draft(live)
        on_draft = draft is not None and (
            request.POST.get(BASE) == "draft" if request.method == "POST" else request.GET.get("version") != "live"
        )
        context = {**(extra_context or {}), "editorial": self.editorial_context(request, live, draft, on_draft)}
        if request.method != "POST":
            if not on_draft:
                return parent(request, object_id, form_url, context)
            try:
                with transaction.atomic(using=router.db_for_write(self.model)):
                    payloads.apply(self, draft.payload, live.pk, for_real=False)
                    response = _render(parent(request, object_id, form_url, context))
                    transaction.set_rollback(True)
            except DRAFT_ERRORS as error:
                messages.error(request, cannot_apply(error))
                context["editorial"] = self.editorial_context(request, live, draft, False)
                return parent(request, object_id, form_url, context)
            return response
        keep = self.keeps_as_draft(request, live, draft)
        if not keep and not on_draft:
            return parent(request, object_id, form_url, context)
        capture = request.editorial_capture = _Capture(keep)
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                if on_draft:
                    payloads.apply(self, draft.payload, live.pk, for_real=False)
                response = _render(parent(request, object_id, form_url, context))
                if keep or capture.payload is None:
                    transaction.set_rollback(True)
        except DRAFT_ERRORS as error:
            messages.error(request, cannot_apply(error))
            return redirect(self._change_url(live, query={"version": "live"}))
        if capture.payload is None:
            return response  # the form had errors, shown again; nothing was kept
        if not keep:
            # A Publisher saved the draft with their own changes: it is live now, and the draft is done.
            done = workflow.draft_for(live)
            if done is not None:
                workflow.record(done, ReviewEvent.Action.PUBLISHED, request.user, obj=capture.obj)
                self._tell(request, notifications.approved, done, request.user, self._change_url(live, request))
                done.delete()
            return response
        saved = workflow.save_draft(self, live, capture.obj, capture.payload, request.user)
        label = status.status_label(live, saved)
        messages.success(
            request,
            f"Saved as a draft ({label}): the public still sees the live version. "
            + (
                "Submit it for review when it is ready; a Publisher will publish it."
                if not self.has_publish_permission(request)
                else "Publish it from the box at the top of the form when it is ready."
            ),
        )
        return redirect(self._change_url(live) if live is not None else self._draft_url(saved))

    def create_revision(self, request):
        if self.is_reviewed() and self._saves_nothing_live(request):
            # No revision for what is rolled back: the change form of a draft (applied in a savepoint), a draft
            # save, a preview. django-reversion would otherwise store the rolled-back values of rows that exist.
            return contextlib.nullcontext()
        return super().create_revision(request)

    def _saves_nothing_live(self, request):
        match = request.resolver_match
        if match is None or not (match.url_name or "").endswith(("_change", "_add")):
            return False
        if request.method != "POST":
            return True
        if PREVIEW in request.POST:
            return True
        object_id = match.kwargs.get("object_id")
        live = self.get_object(request, unquote(object_id)) if object_id else None
        return self.keeps_as_draft(request, live, self.pending_draft(live))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        capture = getattr(request, "editorial_capture", None)
        if capture is not None:
            capture.obj = form.instance
            capture.payload = payloads.serialise(self, form.instance)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        capture = getattr(request, "editorial_capture", None)
        if capture is not None and (capture.keep_as_draft or capture.payload is None) and level == messages.SUCCESS:
            return  # "changed successfully" would be untrue: the change is a draft (or a preview)
        saved = getattr(request, "editorial_saved", None)
        if saved is not None and level == messages.SUCCESS:
            # The same words as the lists and the preview banner, e.g. "Status: Scheduled (for 4 May 2027, 10:00)."
            message = format_html("{} Status: {}.", message, status.status_label(saved, workflow.draft_for(saved)))
        super().message_user(request, message, level, *args, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        request.editorial_saved = obj if self.is_reviewed() else None
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        request.editorial_saved = obj if self.is_reviewed() else None
        return super().response_change(request, obj)

    def editorial_context(self, request, live, draft, on_draft):
        review = workflow.draft_for(live) if live is not None else None
        events = []
        if live is not None:
            events = ReviewEvent.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model), object_id=live.pk
            ).select_related("user")[:20]
        return {
            "live": live,
            "draft": review,
            "has_changes": draft is not None,
            "on_draft": on_draft,
            "status": status.status_label(live, review) if live is not None else "",
            "can_publish": self.has_publish_permission(request),
            "keeps_as_draft": self.is_live(live) and not self.has_publish_permission(request),
            "delete_note": live is not None and self.is_live(live) and not self.has_publish_permission(request),
            "offer_save_as_draft": self.has_publish_permission(request) and (draft is not None or self.is_live(live)),
            "events": events,
            "live_url": self._change_url(live, query={"version": "live"}) if draft is not None else "",
            "draft_form_url": self._change_url(live) if draft is not None else "",
            "public_url": _public_url(live),
            "draft_preview_url": self._draft_action_url(review, "preview") if draft is not None else "",
            "submit_url": self._submit_url(live) if live is not None else "",
            "approve_url": self._draft_action_url(review, "approve") if review else "",
            "send_back_url": self._draft_action_url(review, "send-back") if review else "",
            "discard_url": self._draft_action_url(review, "discard") if review else "",
            "now": timezone.localtime(),
        }

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        editorial = context.get("editorial")
        if editorial is None and self.is_reviewed():
            editorial = context["editorial"] = self.editorial_context(request, obj, self.pending_draft(obj), False)
        form = context.get("adminform").form if context.get("adminform") else None
        if form is not None and form.has_error(NON_FIELD_ERRORS, code="stale"):
            # Its own headline: there is nothing to correct in the form (core.admin.HistoryAdmin's edit token).
            context["stale_save"] = next(
                error.message for error in form.errors.as_data()[NON_FIELD_ERRORS] if error.code == "stale"
            )
            if len(context.get("errors") or []) <= 1:
                context["errors"] = []
        if obj is not None and obj.pk is not None and request.method == "GET":
            context["others_open"] = presence.others_with_it_open(obj, request.user)
            context["others_saved"] = presence.recent_saves_by_others(obj, request.user)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and formfield.help_text:
            # The admin prints help text as HTML: "/publications/<slug>/." lost its "<slug>" as a tag.
            formfield.help_text = escape(formfield.help_text)
        return formfield

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if self.is_reviewed() and not self.has_publish_permission(request):
            # Published items and reference data are deleted by Publishers only: not offered rather than refused.
            actions.pop("delete_selected", None)
        return actions

    def history_view(self, request, object_id, extra_context=None):
        if self.is_reviewed():
            events = ReviewEvent.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model), object_id=unquote(object_id)
            ).select_related("user")
            extra_context = {**(extra_context or {}), "review_events": events[:50]}
        return super().history_view(request, object_id, extra_context)

    # Lists: one status column and filter.

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if not self.is_reviewed():
            return shown
        if "status" in shown:
            shown[shown.index("status")] = "editorial_status"
        elif "editorial_status" not in shown:
            shown.append("editorial_status")
        return shown

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if not self.is_reviewed():
            return filters
        filters = [StatusListFilter if item == "status" else item for item in filters]
        if StatusListFilter not in filters:
            filters.insert(0, StatusListFilter)
        return filters

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        opts = self.model._meta
        on_the_list = match is not None and match.url_name == f"{opts.app_label}_{opts.model_name}_changelist"
        if self.is_reviewed() and on_the_list:
            drafts = Draft.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
            )
            queryset = queryset.annotate(
                editorial_state=Subquery(drafts.values("state")[:1]),
                editorial_publish_at=Subquery(drafts.values("publish_at")[:1]),
                editorial_changes=Exists(drafts.exclude(payload="")),
            )
        return queryset

    @admin.display(description="Status")
    def editorial_status(self, obj):
        state = getattr(obj, "editorial_state", None)
        draft = None
        if state is not None:
            changes = "changes" if obj.editorial_changes else ""  # only whether there are any matters here
            draft = Draft(state=state, publish_at=obj.editorial_publish_at, payload=changes)
        return status.status_label(obj, draft)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if self.is_reviewed() and not self.has_publish_permission(request):
            # Values edited in the list would go live at once: only Publishers get the editable list.
            changelist.list_editable = ()
        return changelist

    # Review steps.

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/submit-for-review/",
                self.admin_site.admin_view(self.submit_view),
                name=f"{name}_submit_for_review",
            ),
            path(
                "drafts/<int:draft_id>/<str:action>/",
                self.admin_site.admin_view(self.draft_action_view),
                name=f"{name}_draft_action",
            ),
            *super().get_urls(),
        ]

    def submit_view(self, request, object_id):
        if request.method != "POST":
            return redirect(self._change_url_by_id(object_id))
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such item.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied("Only staff who may change this item can submit it for review.")
        draft = workflow.draft_for(obj, create=True)
        if draft.pk is None:
            draft.author = request.user
            draft.save()
        self._submit(request, draft, obj)
        return redirect(self._change_url(obj))

    def _submit(self, request, draft, obj):
        message = request.POST.get("message", "").strip()[:2000]
        workflow.submit(draft, request.user, message)
        url = self._draft_landing_url(draft, request)
        told = self._tell(request, notifications.submitted, draft, self.model, request.user, url)
        messages.success(
            request,
            f"Submitted for review ({status.IN_REVIEW})"
            + (": the Publishers have been told by e-mail." if told else "."),
        )

    def draft_action_view(self, request, draft_id, action):
        draft = get_object_or_404(Draft, pk=draft_id, content_type=ContentType.objects.get_for_model(self.model))
        live = self.model._default_manager.filter(pk=draft.object_id).first() if draft.object_id else None
        if draft.object_id and live is None:
            raise Http404("The item of this draft no longer exists.")
        if not self.has_view_or_change_permission(request, live):
            raise PermissionDenied("Only staff who may see this item can open its draft.")
        if action == "preview":
            return self.preview_draft(request, draft)
        if action == "view":
            return self.draft_page(request, draft)
        if request.method != "POST":
            return redirect(self._draft_landing_url(draft))
        handlers = {
            "submit": self._submit_draft,
            "approve": self._approve,
            "send-back": self._send_back,
            "discard": self._discard,
        }
        if action not in handlers:
            raise Http404("No such step.")
        return handlers[action](request, draft, live)

    def _tell(self, request, notify, *args):
        """Send the step's e-mails; returns how many went. A mail server's refusal never undoes the step."""
        try:
            return notify(*args)
        except notifications.NotSent as failed:
            messages.warning(
                request,
                f"The step is done, but {failed} e-mail(s) could not be sent (the mail server did not take them): "
                "tell the people concerned yourself.",
            )
            return 0

    def _submit_draft(self, request, draft, live):
        if not self.has_change_permission(request, live):
            raise PermissionDenied("Only staff who may change this item can submit it for review.")
        self._submit(request, draft, live)
        return redirect(self._draft_landing_url(draft))

    def _require_publisher(self, request, what):
        if not self.has_publish_permission(request):
            opts = self.model._meta
            raise PermissionDenied(f"Only Publishers can {what} {opts.verbose_name_plural}.")

    def _approve(self, request, draft, live):
        self._require_publisher(request, "approve and publish")
        comment = request.POST.get("comment", "").strip()[:2000]
        publish_at = None
        when = " ".join(filter(None, [request.POST.get("publish_at_0", ""), request.POST.get("publish_at_1", "")]))
        when = when or request.POST.get("publish_at", "")
        if when.strip():
            publish_at = parse_datetime(when.strip().replace(" ", "T"))
            if publish_at is None:
                messages.error(request, "Enter the publication time as YYYY-MM-DD HH:MM, or leave it empty for now.")
                return redirect(self._draft_landing_url(draft))
            if timezone.is_naive(publish_at):
                publish_at = timezone.make_aware(publish_at)
        now = timezone.now()
        url = self._draft_landing_url(draft, request)
        if publish_at is not None and publish_at > now and draft.has_changes:
            workflow.schedule(draft, request.user, publish_at, comment)
            self._tell(request, notifications.approved, draft, request.user, url, publish_at, now)
            messages.success(
                request, f"Approved: {status.scheduled(publish_at)}. The public sees the live version until then."
            )
            return redirect(self._draft_landing_url(draft))
        try:
            obj = workflow.publish(self, draft, request.user, comment, publish_at)
        except DRAFT_ERRORS as error:
            messages.error(request, cannot_apply(error))
            return redirect(self._draft_landing_url(draft))
        self._tell(
            request, notifications.approved, draft, request.user, self._change_url(obj, request), publish_at, now
        )
        messages.success(request, f"Approved: {status.live_status(obj)}. {obj}")
        return redirect(self._change_url(obj))

    def _send_back(self, request, draft, live):
        self._require_publisher(request, "send back")
        comment = request.POST.get("comment", "").strip()[:2000]
        if not comment:
            messages.error(request, "Say what should change: the comment is sent to the author.")
            return redirect(self._draft_landing_url(draft))
        workflow.send_back(draft, request.user, comment)
        self._tell(
            request, notifications.sent_back, draft, request.user, comment, self._draft_landing_url(draft, request)
        )
        messages.success(request, "Sent back to the author with your comment.")
        return redirect(self._draft_landing_url(draft))

    def _discard(self, request, draft, live):
        if draft.author_id != request.user.pk:
            self._require_publisher(request, "discard others' drafts of")
        workflow.discard(draft, request.user)
        messages.success(request, "The draft was discarded; the live version is unchanged.")
        return redirect(self._change_url(live) if live is not None else self._changelist_url())

    def draft_page(self, request, draft):
        """A new item that exists only as a draft: what it holds, and the review steps."""
        if draft.object_id:
            return redirect(self._change_url_by_id(draft.object_id))
        obj = payloads.draft_object(draft.payload)
        fields = [
            (field.verbose_name, getattr(obj, field.attname))
            for field in self.model._meta.concrete_fields
            if field.editable and not field.primary_key
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Draft: new {self.model._meta.verbose_name} “{draft.object_repr}”",
            "draft_record": draft,
            "fields": fields,
            "editorial": {
                "draft": draft,
                "has_changes": True,
                "status": status.draft_status(draft),
                "can_publish": self.has_publish_permission(request),
                "events": draft.events.select_related("user")[:20],
                "draft_preview_url": self._draft_action_url(draft, "preview"),
                "submit_url": self._draft_action_url(draft, "submit"),
                "approve_url": self._draft_action_url(draft, "approve"),
                "send_back_url": self._draft_action_url(draft, "send-back"),
                "discard_url": self._draft_action_url(draft, "discard"),
                "now": timezone.localtime(),
            },
        }
        return TemplateResponse(request, "editorial/draft_page.html", context)

    # Previews: the public page of the draft, or of the form's current values, rendered in a rolled-back savepoint.

    def preview_draft(self, request, draft):
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                obj = payloads.apply(self, draft.payload, draft.object_id, for_real=False)
                label = f"{status.HAS_DRAFT_CHANGES}: {status.draft_status(draft)}"
                response = render_public_page(request, obj, label)
                transaction.set_rollback(True)
        except DRAFT_ERRORS as error:
            messages.error(request, cannot_apply(error))
            return redirect(self._draft_landing_url(draft))
        return response

    def preview_unsaved(self, request, object_id, live, form_url, extra_context):
        if not self.has_view_or_change_permission(request, live):
            raise PermissionDenied("Only staff who may change this item can preview it.")
        capture = request.editorial_capture = _Capture(True)
        draft = self.pending_draft(live)
        context = {**(extra_context or {}), "editorial": self.editorial_context(request, live, draft, False)}
        with transaction.atomic(using=router.db_for_write(self.model)):
            if draft is not None and request.POST.get(BASE) == "draft":
                payloads.apply(self, draft.payload, live.pk, for_real=False)
            response = _render(super().changeform_view(request, object_id, form_url, context))
            if capture.payload is not None:
                response = render_public_page(request, capture.obj, "Preview of your unsaved changes")
            transaction.set_rollback(True)
        if capture.payload is not None:
            payloads.delete_unused_files(capture.payload)
        response["Cache-Control"] = "no-cache, no-store, must-revalidate, private"
        return response

    # Addresses.

    def _changelist_url(self):
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")

    def _change_url_by_id(self, object_id, request=None, query=None):
        opts = self.model._meta
        url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(object_id)], query=query
        )
        return request.build_absolute_uri(url) if request is not None else url

    def _change_url(self, obj, request=None, query=None):
        return self._change_url_by_id(obj.pk, request, query)

    def _submit_url(self, obj):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_submit_for_review", args=[quote(obj.pk)]
        )

    def _draft_action_url(self, draft, action):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_draft_action", args=[draft.pk, action]
        )

    def _draft_url(self, draft):
        return self._draft_action_url(draft, "view")

    def _draft_landing_url(self, draft, request=None):
        url = self._change_url_by_id(draft.object_id) if draft.object_id else self._draft_url(draft)
        return request.build_absolute_uri(url) if request is not None else url


def _public_url(obj):
    if obj is None or not hasattr(obj, "get_absolute_url"):
        return ""
    try:
        return obj.get_absolute_url()
    except Exception:  # noqa: BLE001 (an item without a page of its own)
        return ""
