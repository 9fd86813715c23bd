"""Submit for review, approve (now or later), send back: each step in the item's history, each e-mail to the right
people and only them."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.roles import EDITORS, PUBLISHERS
from editorial.models import Draft, ReviewEvent
from meetings.models import Meeting
from tests.core.staff import make_staff
from tests.meetings import factories

from .helpers import change_url, draft_action_url, open_form, post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    return {
        "edith": make_staff("edith", EDITORS, email="edith@example.org"),
        "eric": make_staff("eric", EDITORS, email="eric@example.org"),
        "pablo": make_staff("pablo", PUBLISHERS, email="pablo@example.org"),
        "petra": make_staff("petra", PUBLISHERS, email="petra@example.org"),
        "nomail": make_staff("nomail", PUBLISHERS),
    }


def drafted_meeting(client, user, summary="The edited summary."):
    meeting = factories.make_meeting(summary="The live summary.")
    client.force_login(user)
    data = open_form(client, meeting)
    post_form(client, {**data, "summary": summary}, meeting, _save_draft="Save as draft")
    return meeting, Draft.objects.get(object_id=meeting.pk)


def submit(client, meeting, message=""):
    return client.post(reverse("admin:meetings_meeting_submit_for_review", args=[meeting.pk]), {"message": message})


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_submitting_tells_every_publisher_with_an_address_and_nobody_else(client, team):
    meeting, draft = drafted_meeting(client, team["edith"])
    submit(client, meeting, "Please check the participants.")
    assert recipients() == ["pablo@example.org", "petra@example.org"]
    assert "Please check the participants." in mail.outbox[0].body
    assert change_url(meeting) in mail.outbox[0].body
    draft.refresh_from_db()
    assert draft.state == Draft.State.IN_REVIEW and draft.message == "Please check the participants."


def test_a_publisher_submitting_their_own_draft_is_not_told_of_it(client, team):
    meeting, _draft = drafted_meeting(client, team["pablo"])
    submit(client, meeting)
    assert recipients() == ["petra@example.org"]


def test_approving_tells_the_author_only(client, team):
    meeting, draft = drafted_meeting(client, team["edith"])
    submit(client, meeting)
    mail.outbox.clear()
    client.force_login(team["pablo"])
    client.post(draft_action_url(draft, "approve"))
    assert recipients() == ["edith@example.org"]
    assert "approved and published" in mail.outbox[0].body
    assert Meeting.objects.get().summary == "The edited summary."


def test_a_sent_back_item_keeps_the_comment_in_its_history_and_the_author_is_told(client, team):
    meeting, draft = drafted_meeting(client, team["edith"])
    submit(client, meeting, "Ready.")
    mail.outbox.clear()
    client.force_login(team["petra"])
    client.post(draft_action_url(draft, "send-back"), {"comment": "The date is wrong."})
    assert recipients() == ["edith@example.org"]
    assert "The date is wrong." in mail.outbox[0].body
    draft.refresh_from_db()
    assert draft.state == Draft.State.EDITING
    event = ReviewEvent.objects.filter(object_id=meeting.pk).first()
    assert (event.action, event.user, event.comment) == ("sent_back", team["petra"], "The date is wrong.")
    # The author sees it on the change form, and the public still the live version.
    client.force_login(team["edith"])
    form = client.get(change_url(meeting)).content.decode()
    assert "Sent back by petra" in form and "The date is wrong." in form
    assert Meeting.objects.get().summary == "The live summary."


def test_a_send_back_needs_a_comment(client, team):
    meeting, draft = drafted_meeting(client, team["edith"])
    submit(client, meeting)
    client.force_login(team["petra"])
    client.post(draft_action_url(draft, "send-back"), {"comment": "  "})
    draft.refresh_from_db()
    assert draft.state == Draft.State.IN_REVIEW


def test_approving_for_a_chosen_time_schedules_the_draft_and_the_command_publishes_it(client, team):
    meeting, draft = drafted_meeting(client, team["edith"])
    submit(client, meeting)
    later = timezone.localtime() + datetime.timedelta(days=2)
    client.force_login(team["pablo"])
    client.post(draft_action_url(draft, "approve"), {"publish_at": later.strftime("%Y-%m-%d %H:%M")})
    draft.refresh_from_db()
    assert draft.state == Draft.State.APPROVED
    assert Meeting.objects.get().summary == "The live summary."
    lists = client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert "Has draft changes (Scheduled (for" in lists
    call_command("publish_due_drafts")
    assert Meeting.objects.get().summary == "The live summary."
    Draft.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_due_drafts")
    assert Meeting.objects.get().summary == "The edited summary."
    assert not Draft.objects.exists()


def test_a_new_meeting_submitted_and_approved_is_published(client, team):
    meeting = factories.make_draft(summary="A new meeting.")
    client.force_login(team["edith"])
    submit(client, meeting)
    assert "In review" in client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    client.force_login(team["pablo"])
    client.post(draft_action_url(Draft.objects.get(), "approve"))
    meeting.refresh_from_db()
    assert meeting.is_public
    client.logout()
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_an_editor_cannot_discard_another_editors_draft(client, team):
    _meeting, draft = drafted_meeting(client, team["edith"])
    client.force_login(team["eric"])
    assert client.post(draft_action_url(draft, "discard")).status_code == 403
    assert Draft.objects.filter(pk=draft.pk).exists()
    client.force_login(team["edith"])
    client.post(draft_action_url(draft, "discard"))
    assert not Draft.objects.exists()


def test_deleting_an_item_takes_its_review_state_with_it(client, team):
    meeting = factories.make_draft()
    client.force_login(team["edith"])
    submit(client, meeting)
    client.post(reverse("admin:meetings_meeting_delete", args=[meeting.pk]), {"post": "yes"})
    assert not Meeting.objects.exists() and not Draft.objects.exists()


def test_a_draft_that_no_longer_fits_the_live_data_is_refused_with_a_message_not_an_error(client, team):
    meeting, draft = drafted_meeting(client, team["edith"])
    taken = factories.make_meeting(slug="taken-meanwhile")
    # The draft's slug is now another meeting's.
    draft.payload = draft.payload.replace(f'"slug": "{meeting.slug}"', f'"slug": "{taken.slug}"')
    draft.save()
    client.force_login(team["pablo"])
    response = client.post(draft_action_url(draft, "approve"), follow=True)
    assert response.status_code == 200
    assert "can no longer be applied" in response.content.decode()
    assert Draft.objects.filter(pk=draft.pk).exists()
    form = client.get(change_url(meeting))
    assert form.status_code == 200 and "can no longer be applied" in form.content.decode()


def test_the_history_page_lists_the_review_steps(client, team):
    meeting, draft = drafted_meeting(client, team["edith"])
    submit(client, meeting, "Ready.")
    client.force_login(team["petra"])
    client.post(draft_action_url(draft, "send-back"), {"comment": "Not yet."})
    page = client.get(reverse("admin:meetings_meeting_history", args=[meeting.pk])).content.decode()
    assert "Sent back" in page and "Not yet." in page and "Submitted for review" in page


def test_a_mail_server_that_refuses_does_not_undo_the_step(client, team, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.editorial.failing_mail.RefusingBackend"}}
    meeting, draft = drafted_meeting(client, team["edith"])
    response = submit(client, meeting, "Ready.")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Draft.State.IN_REVIEW
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("could not be sent" in message for message in messages)
