"""Refusals say what is not allowed and who can do it; what may not be done is not offered; a stale save has its
own headline; opening an item another person has open or just saved says who and since when."""

import pytest
from django.urls import reverse

from tests.core.staff import make_staff
from tests.meetings import factories
from tests.meetings.page import visible_text

from .helpers import admin_url, change_url, open_form, post_form

pytestmark = pytest.mark.django_db


def action_choices(response):
    form = response.context["action_form"]  # None when no action is offered at all
    return [value for value, _label in form.fields["action"].choices] if form is not None else []


def test_the_403_page_is_in_the_admin_design_and_says_who_can(client, editor, publisher):
    meeting = factories.make_meeting()
    client.force_login(editor)
    response = client.get(admin_url(meeting, "delete", meeting.pk))
    assert response.status_code == 403
    text = visible_text(response)
    assert "deleted only by a Publisher" in text
    assert "pablo" in text  # the Publishers, by name
    assert 'id="site-name"' in response.content.decode() or "staff administration" in text


def test_a_forged_approval_gets_the_explained_403(client, editor):
    meeting = factories.make_meeting()
    client.force_login(editor)
    post_form(client, {**open_form(client, meeting), "summary": "Changed."}, meeting)
    from editorial.models import Draft

    draft = Draft.objects.get()
    response = client.post(admin_url(meeting, "draft_action", draft.pk, "approve"))
    assert response.status_code == 403
    assert "Only Publishers can approve and publish meetings." in visible_text(response)


def test_editors_are_not_offered_delete_selected_publishers_are(client, editor, publisher):
    factories.make_meeting()
    url = reverse("admin:meetings_meeting_changelist")
    client.force_login(editor)
    assert "delete_selected" not in action_choices(client.get(url))
    client.force_login(publisher)
    assert "delete_selected" in action_choices(client.get(url))


def test_a_refused_stale_save_has_its_own_headline(client, publisher):
    meeting = factories.make_draft(summary="Original.")
    client.force_login(publisher)
    stale = open_form(client, meeting)
    post_form(client, {**open_form(client, meeting), "summary": "First."}, meeting)
    response = post_form(client, {**stale, "summary": "Second."}, meeting)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Not saved: someone else changed this meeting while you had it open" in text
    assert "Please correct the error" not in text


def test_opening_an_item_another_person_has_open_says_who_and_since_when(client, editor):
    meeting = factories.make_meeting()
    other = make_staff("olga", "Editors", first_name="Olga", last_name="Neri")
    client.force_login(other)
    client.get(change_url(meeting))
    client.force_login(editor)
    text = visible_text(client.get(change_url(meeting)))
    assert "Olga Neri has had this meeting open since" in text


def test_opening_an_item_another_person_just_saved_says_so(client, editor, publisher):
    meeting = factories.make_meeting()
    client.force_login(publisher)
    post_form(client, {**open_form(client, meeting), "summary": "Pablo's."}, meeting)
    client.force_login(editor)
    text = visible_text(client.get(change_url(meeting)))
    assert "pablo saved this meeting at" in text
