"""An Editor tries to publish, unpublish, reschedule or recover a published item through the history views, including
those of other models (django-reversion looks a version up by id alone), and to skip the stale-save check.

Every admin with history is tried, read from the admin registry, so that an admin added later is covered too."""

import datetime

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.admin import VersionAdmin
from reversion.models import Version

from core.models import Status
from pages.models import Page
from tests.core.admin_forms import form_data
from tests.core.staff import editor_fixture, publisher_fixture  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

ADMINS_WITH_HISTORY = sorted(
    model._meta.label_lower
    for model in apps.get_models()
    if admin.site.is_registered(model) and isinstance(admin.site.get_model_admin(model), VersionAdmin)
)


def url_name(label, view):
    return "admin:" + label.replace(".", "_") + f"_{view}"


def saved(page, user, comment, **changes):
    """The page saved with these changes in a revision of its own, as an admin save makes one."""
    for name, value in changes.items():
        setattr(page, name, value)
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        page.save()
    return Version.objects.get_for_object(page).first()


@pytest.fixture
def unpublished_page(publisher):
    """A Publisher published the page, then unpublished it: its older revision is the published one."""
    page = Page.objects.create(slug="about", title="About the office", body="<p>Who we are.</p>")
    published = saved(page, publisher, "Published.", status=Status.PUBLISHED)
    saved(page, publisher, "Unpublished.", status=Status.DRAFT)
    return page, published


def test_the_admin_registry_has_history_admins_to_try():
    assert {"pages.page", "pages.milestone", "core.topic", "meetings.meeting"} <= set(ADMINS_WITH_HISTORY)


@pytest.mark.parametrize("label", ADMINS_WITH_HISTORY)
def test_an_editor_cannot_republish_a_page_through_any_admins_revision_view(client, editor, unpublished_page, label):
    page, published = unpublished_page
    client.force_login(editor)
    url = reverse(url_name(label, "revision"), args=[page.pk, published.pk])
    response = client.post(url, {"title": "anything", "name": "anything"})
    page.refresh_from_db()
    assert page.status == Status.DRAFT
    assert Client().get("/about/").status_code == 404
    if label == "pages.page":
        assert response.status_code == 302
        refusal = client.get(response["Location"]).content.decode()
        assert "Only Publishers can restore it" in refusal
    else:
        # Another model's admin does not know this version at all.
        assert response.status_code == 404
    assert Version.objects.get_for_object(page).first().revision.comment == "Unpublished."


@pytest.mark.parametrize("label", ADMINS_WITH_HISTORY)
def test_an_editor_cannot_recover_a_deleted_published_page_through_any_admin(client, editor, publisher, label):
    page = Page.objects.create(slug="about", title="About the office", status=Status.PUBLISHED)
    saved(page, publisher, "Published.")
    client.force_login(publisher)
    assert client.post(reverse("admin:pages_page_delete", args=[page.pk]), {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(Page).get()
    client.force_login(editor)
    response = client.post(reverse(url_name(label, "recover"), args=[deleted.pk]), {"title": "About the office"})
    assert not Page.objects.exists()
    assert Client().get("/about/").status_code == 404
    assert response.status_code in {302, 403, 404}


def test_a_publisher_restoring_through_another_admin_reaches_no_version_of_another_model(
    client, publisher, unpublished_page
):
    page, published = unpublished_page
    client.force_login(publisher)
    response = client.post(reverse("admin:pages_milestone_revision", args=[page.pk, published.pk]), {})
    assert response.status_code == 404
    page.refresh_from_db()
    assert page.status == Status.DRAFT


def test_a_publisher_may_republish_a_page_from_its_own_history(client, publisher, unpublished_page):
    page, published = unpublished_page
    client.force_login(publisher)
    url = reverse("admin:pages_page_revision", args=[page.pk, published.pk])
    response = client.post(url, form_data(client.get(url), form_id="page_form"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED


def test_an_editor_cannot_unpublish_a_page_by_restoring_its_draft_revision(client, editor, publisher):
    page = Page.objects.create(slug="about", title="About the office", body="<p>Draft text.</p>")
    draft = saved(page, editor, "Draft written.")
    saved(page, publisher, "Published.", status=Status.PUBLISHED)
    client.force_login(editor)
    response = client.post(reverse("admin:pages_page_revision", args=[page.pk, draft.pk]), {"title": "x"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED
    assert Client().get("/about/").status_code == 200


def test_an_editor_cannot_reschedule_a_page_by_restoring_an_older_publication_time(client, editor, publisher):
    page = Page.objects.create(slug="about", title="About the office", status=Status.PUBLISHED)
    later = timezone.now() + datetime.timedelta(days=30)
    scheduled = saved(page, publisher, "Scheduled.", published_at=later)
    saved(page, publisher, "Published now.", published_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(editor)
    client.post(reverse("admin:pages_page_revision", args=[page.pk, scheduled.pk]), {"title": "x"})
    page.refresh_from_db()
    assert page.published_at < timezone.now()
    assert Client().get("/about/").status_code == 200


def test_an_editor_cannot_restore_the_content_of_a_published_page(client, editor, publisher):
    page = Page.objects.create(slug="about", title="About the office", status=Status.PUBLISHED)
    first = saved(page, publisher, "Published.", body="<p>The first text.</p>")
    saved(page, publisher, "Rewritten.", body="<p>The second text.</p>")
    client.force_login(editor)
    url = reverse("admin:pages_page_revision", args=[page.pk, first.pk])
    client.post(url, {"title": "x"})
    page.refresh_from_db()
    assert page.body == "<p>The second text.</p>"


def test_an_editor_may_restore_a_revision_of_an_unpublished_page(client, editor, publisher):
    page = Page.objects.create(slug="about", title="About the office", status=Status.DRAFT)
    first = saved(page, publisher, "Published.", body="<p>The first text.</p>")
    saved(page, editor, "Rewritten.", body="<p>The second text.</p>")
    client.force_login(editor)
    url = reverse("admin:pages_page_revision", args=[page.pk, first.pk])
    response = client.post(url, form_data(client.get(url), form_id="page_form"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "<p>The first text.</p>"


def test_a_restore_is_recorded_in_the_history_of_each_item_it_changed(client, publisher):
    """One revision may hold several items (a list saved at once): restoring it shows on each one."""
    about = Page.objects.create(slug="about", title="About the office")
    contact = Page.objects.create(slug="contact", title="Contact us")
    with reversion.create_revision():
        reversion.set_user(publisher)
        reversion.add_to_revision(about)
        reversion.add_to_revision(contact)
    shared = Version.objects.get_for_object(about).get()
    Page.objects.filter(pk=contact.pk).update(title="Write to us")
    client.force_login(publisher)
    url = reverse("admin:pages_page_revision", args=[about.pk, shared.pk])
    assert client.post(url, form_data(client.get(url), form_id="page_form")).status_code == 302
    contact.refresh_from_db()
    assert contact.title == "Contact us"
    latest = Version.objects.get_for_object(contact).first()
    assert latest.revision.comment.startswith("Restored to its version of")
    assert latest.revision.user == publisher
    assert LogEntry.objects.filter(object_id=str(contact.pk), change_message__startswith="Restored").exists()


def test_a_save_without_the_edit_token_is_refused_like_a_stale_one(client, editor, publisher):
    page = Page.objects.create(slug="about", title="About the office", body="<p>Old text.</p>")
    client.force_login(editor)
    data = form_data(client.get(reverse("admin:pages_page_change", args=[page.pk])), form_id="page_form")
    Page.objects.filter(pk=page.pk).update(body="<p>The Publisher's newer text.</p>")
    del data["_edit_token"]
    response = client.post(reverse("admin:pages_page_change", args=[page.pk]), {**data, "body": "<p>Mine.</p>"})
    assert response.status_code == 200
    assert "was changed by someone else after you opened it" in response.content.decode()
    page.refresh_from_db()
    assert page.body == "<p>The Publisher's newer text.</p>"


def test_a_restore_form_carries_the_edit_token_so_that_restoring_still_works(client, publisher, unpublished_page):
    page, published = unpublished_page
    client.force_login(publisher)
    url = reverse("admin:pages_page_revision", args=[page.pk, published.pk])
    assert "_edit_token" in form_data(client.get(url), form_id="page_form")
