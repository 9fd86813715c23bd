"""Editors, Publishers and Administrators: each can do its job in the admin, and nothing more, even by forged POST."""

import ast
import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from core.models import Status
from core.roles import ADMINISTRATORS, EDITORS, PUBLISHERS
from editorial.models import Draft
from meetings.models import Meeting, Person
from tests.core.admin_forms import form_data
from tests.core.staff import administrator_fixture, editor_fixture, make_staff, publisher_fixture, superuser_fixture  # noqa: F401 (fixtures)
from tests.meetings import factories

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def delete_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])


def post_change(client, obj, **changes):
    """Open the change form as a browser does, change some values, and save."""
    data = form_data(client.get(change_url(obj)), form_id=f"{obj._meta.model_name}_form")
    data.update(changes)
    return client.post(change_url(obj), data)


def action_choices(response):
    form = response.context["action_form"]  # None when no action is offered at all
    return [value for value, _label in form.fields["action"].choices] if form is not None else []


def group_codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_the_migration_creates_the_three_roles_with_their_permissions():
    editors, publishers, administrators = (group_codenames(name) for name in (EDITORS, PUBLISHERS, ADMINISTRATORS))
    assert {"add_meeting", "change_meeting", "view_meeting", "add_meetingphoto", "change_person"} <= editors
    assert "publish_meeting" not in editors
    assert "delete_person" not in editors and "delete_euservice" not in editors
    assert {"publish_meeting", "delete_meeting", "delete_person"} <= publishers
    assert {"add_user", "change_user", "change_group"} <= administrators
    assert not any(codename.endswith("_meeting") for codename in administrators)


def test_publishable_types_of_every_app_get_a_publish_permission_for_publishers_only():
    publishers, editors = group_codenames(PUBLISHERS), group_codenames(EDITORS)
    for codename in ("publish_page", "publish_keyfigure", "publish_meeting", "publish_publication"):
        assert codename in publishers and codename not in editors


def test_the_roles_migration_replays_the_same_way_whatever_the_roles_code_says_later():
    """It reads nothing of today's code (core.roles, the models): only Django's migration tools."""
    source = (Path(__file__).resolve().parents[2] / "core" / "migrations" / "0002_roles.py").read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert imported == {"django.db"}


class TestEditors:
    def test_see_no_publish_or_unpublish_action(self, client, editor):
        factories.make_draft()
        client.force_login(editor)
        response = client.get(reverse("admin:meetings_meeting_changelist"))
        assert response.status_code == 200
        choices = action_choices(response)
        assert "publish" not in choices and "unpublish" not in choices

    def test_see_the_publishing_fields_read_only(self, client, editor):
        meeting = factories.make_draft()
        client.force_login(editor)
        response = client.get(change_url(meeting))
        form = response.context["adminform"].form
        assert "status" not in form.fields and "published_at" not in form.fields
        assert 'name="status"' not in response.content.decode()

    def test_create_drafts_even_when_the_posted_form_says_published(self, client, editor):
        service = factories.make_service()
        client.force_login(editor)
        data = form_data(client.get(reverse("admin:meetings_meeting_add")), form_id="meeting_form")
        data.update(
            title="Expert meeting on return",
            slug="expert-meeting-on-return",
            level="expert",
            date="2024-03-05",
            date_precision="day",
            host=str(service.pk),
            summary="Experts met.",
            status="published",
            published_at_0="2020-01-01",
            published_at_1="10:00:00",
        )
        response = client.post(reverse("admin:meetings_meeting_add"), data)
        assert response.status_code == 302, response.context and response.context["adminform"].form.errors
        meeting = Meeting.objects.get(slug="expert-meeting-on-return")
        assert meeting.status == Status.DRAFT
        assert meeting.created_by == editor

    def test_edit_a_published_meeting_as_a_draft_without_being_able_to_unpublish_it_by_forged_post(
        self, client, editor
    ):
        meeting = factories.make_meeting(title="Old title")
        client.force_login(editor)
        response = post_change(client, meeting, title="New title", status="draft", expires_at_0="2000-01-01")
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.title == "Old title"  # the change waits for a Publisher (editorial/)
        assert meeting.status == Status.PUBLISHED and meeting.expires_at is None
        payload = Draft.objects.get(object_id=meeting.pk).payload
        assert "New title" in payload and '"status": "published"' in payload and '"expires_at": null' in payload

    def test_cannot_publish_a_draft_by_forged_post_of_the_change_form(self, client, editor):
        meeting = factories.make_draft()
        client.force_login(editor)
        response = post_change(client, meeting, status="published")
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.status == Status.DRAFT

    def test_cannot_publish_by_forged_action_post(self, client, editor):
        meeting = factories.make_draft()
        client.force_login(editor)
        client.post(
            reverse("admin:meetings_meeting_changelist"),
            {"action": "publish", "_selected_action": [meeting.pk], "index": 0},
        )
        meeting.refresh_from_db()
        assert meeting.status == Status.DRAFT

    def test_can_delete_a_draft(self, client, editor):
        meeting = factories.make_draft()
        client.force_login(editor)
        response = client.post(delete_url(meeting), {"post": "yes"})
        assert response.status_code == 302
        assert not Meeting.objects.filter(pk=meeting.pk).exists()

    def test_cannot_delete_a_published_meeting_even_by_forged_post(self, client, editor):
        meeting = factories.make_meeting()
        client.force_login(editor)
        assert client.get(delete_url(meeting)).status_code == 403
        assert client.post(delete_url(meeting), {"post": "yes"}).status_code == 403
        assert Meeting.objects.filter(pk=meeting.pk).exists()

    def test_cannot_delete_a_scheduled_meeting(self, client, editor):
        meeting = factories.make_meeting(published_at=timezone.now() + datetime.timedelta(days=2))
        client.force_login(editor)
        assert client.post(delete_url(meeting), {"post": "yes"}).status_code == 403
        assert Meeting.objects.filter(pk=meeting.pk).exists()

    def test_cannot_delete_published_meetings_in_bulk(self, client, editor):
        draft, published = factories.make_draft(), factories.make_meeting()
        client.force_login(editor)
        response = client.post(
            reverse("admin:meetings_meeting_changelist"),
            {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
        )
        # Not offered to Editors (editorial/admin.py), so a forged post runs nothing.
        assert response.status_code in (200, 302, 403)
        assert "delete_selected" not in action_choices(client.get(reverse("admin:meetings_meeting_changelist")))
        assert Meeting.objects.filter(pk__in=[draft.pk, published.pk]).count() == 2

    def test_the_change_form_of_a_published_meeting_offers_no_delete_link(self, client, editor):
        meeting = factories.make_meeting()
        client.force_login(editor)
        response = client.get(change_url(meeting))
        assert delete_url(meeting) not in response.content.decode()

    def test_can_remove_a_quote_from_a_published_meeting_in_a_draft(self, client, editor):
        person = factories.make_person("Antonio Vitorino")
        meeting = factories.make_meeting()
        quote = factories.make_quote(meeting, person)
        client.force_login(editor)
        data = form_data(client.get(change_url(meeting)), form_id="meeting_form")
        delete_key = next(key for key, value in data.items() if key.endswith("-id") and value == str(quote.pk))
        data[delete_key.replace("-id", "-DELETE")] = "on"
        assert client.post(change_url(meeting), data).status_code == 302
        assert meeting.quotes.exists()  # still live until a Publisher publishes the draft
        assert "meetings.quote" not in Draft.objects.get(object_id=meeting.pk).payload

    def test_cannot_delete_reference_data_such_as_a_person(self, client, editor):
        person = factories.make_person()
        client.force_login(editor)
        assert client.post(delete_url(person), {"post": "yes"}).status_code == 403
        assert Person.objects.filter(pk=person.pk).exists()

    def test_have_no_access_to_accounts(self, client, editor):
        client.force_login(editor)
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


class TestPublishers:
    def test_publish_drafts_with_the_action_and_the_history_records_who(self, client, publisher):
        from reversion.models import Version

        meeting = factories.make_draft()
        client.force_login(publisher)
        response = client.get(reverse("admin:meetings_meeting_changelist"))
        assert {"publish", "unpublish"} <= set(action_choices(response))
        client.post(
            reverse("admin:meetings_meeting_changelist"),
            {"action": "publish", "_selected_action": [meeting.pk], "index": 0},
        )
        meeting.refresh_from_db()
        assert meeting.status == Status.PUBLISHED and meeting.updated_by == publisher
        latest = Version.objects.get_for_object(meeting).first()
        assert latest.revision.user == publisher and latest.revision.get_comment() == "Published."

    def test_unpublish_with_the_action(self, client, publisher):
        meeting = factories.make_meeting()
        client.force_login(publisher)
        client.post(
            reverse("admin:meetings_meeting_changelist"),
            {"action": "unpublish", "_selected_action": [meeting.pk], "index": 0},
        )
        meeting.refresh_from_db()
        assert meeting.status == Status.DRAFT

    def test_schedule_a_meeting_through_the_change_form(self, client, publisher):
        meeting = factories.make_draft()
        client.force_login(publisher)
        response = post_change(
            client, meeting, status="published", published_at_0="2031-05-04", published_at_1="09:30:00"
        )
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.status == Status.PUBLISHED
        assert timezone.localtime(meeting.published_at).date() == datetime.date(2031, 5, 4)
        assert not meeting.is_public

    def test_delete_a_published_meeting(self, client, publisher):
        meeting = factories.make_meeting()
        client.force_login(publisher)
        assert client.post(delete_url(meeting), {"post": "yes"}).status_code == 302
        assert not Meeting.objects.filter(pk=meeting.pk).exists()

    def test_cannot_manage_accounts(self, client, publisher):
        client.force_login(publisher)
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


class TestAdministrators:
    def test_manage_accounts_and_give_roles(self, client, administrator):
        staff = make_staff("newcomer")
        client.force_login(administrator)
        url = reverse("admin:auth_user_change", args=[staff.pk])
        data = form_data(client.get(url), form_id="user_form")
        data["groups"] = [str(Group.objects.get(name=EDITORS).pk)]
        assert client.post(url, data).status_code == 302
        assert list(staff.groups.values_list("name", flat=True)) == [EDITORS]

    def test_cannot_make_anyone_a_superuser_by_forged_post(self, client, administrator):
        client.force_login(administrator)
        url = reverse("admin:auth_user_change", args=[administrator.pk])
        data = form_data(client.get(url), form_id="user_form")
        data["is_superuser"] = "on"
        client.post(url, data)
        administrator.refresh_from_db()
        assert not administrator.is_superuser

    def test_cannot_change_a_superuser(self, client, administrator, superuser):
        client.force_login(administrator)
        url = reverse("admin:auth_user_change", args=[superuser.pk])
        data = form_data(client.get(url), form_id="user_form")
        data["is_active"] = ""
        client.post(url, data)
        superuser.refresh_from_db()
        assert superuser.is_active
        response = client.post(reverse("admin:auth_user_delete", args=[superuser.pk]), {"post": "yes"})
        assert response.status_code == 403

    def test_have_no_access_to_content(self, client, administrator):
        client.force_login(administrator)
        assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 403


def test_superusers_stay_superusers(client, superuser):
    meeting = factories.make_meeting()
    client.force_login(superuser)
    response = client.get(reverse("admin:meetings_meeting_changelist"))
    assert "publish" in action_choices(response)
    assert client.post(delete_url(meeting), {"post": "yes"}).status_code == 302
