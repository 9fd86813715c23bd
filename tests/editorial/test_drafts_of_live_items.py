"""An Editor's change to what the public sees waits, whole, as a draft until a Publisher publishes it."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from editorial.models import Draft, ReviewEvent
from meetings.models import Meeting, Participation
from publications.models import Presidency
from tests.meetings import factories

from .helpers import change_url, draft_action_url, open_form, post_form, set_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_meeting(db):
    swing = factories.make_person("William Lacy Swing")
    factories.make_person("Amy Pope")
    meeting = factories.make_meeting(
        "Senior Officials Meeting on return", summary="The live summary.", participants=[swing]
    )
    return meeting


def edit_meeting_as(client, user, meeting, summary, add_person=None, remove_first=False):
    client.force_login(user)
    data = open_form(client, meeting)
    data["summary"] = summary
    if remove_first:
        data["participations-0-DELETE"] = "on"
    if add_person is not None:
        index = int(data["participations-TOTAL_FORMS"])
        set_row(data, "participations", index, person=str(add_person.pk), role="Co-chair", order="1")
    return post_form(client, data, meeting, _continue="Save and continue editing")


def public_page(client, meeting):
    client.logout()
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response


def test_an_editors_change_to_a_live_meeting_with_new_participants_waits_until_a_publisher_approves_it(
    client, editor, publisher, live_meeting
):
    before = public_page(client, live_meeting).content
    pope = factories.make_person("Amy Pope", slug="amy-pope-2")
    response = edit_meeting_as(client, editor, live_meeting, "The edited summary.", add_person=pope, remove_first=True)
    assert response.status_code == 302
    # Nothing changed in the database, and the public page is the same, byte for byte.
    live_meeting.refresh_from_db()
    assert live_meeting.summary == "The live summary."
    assert [p.person.name for p in live_meeting.participations.all()] == ["William Lacy Swing"]
    assert public_page(client, live_meeting).content == before

    draft = Draft.objects.get(object_id=live_meeting.pk)
    assert draft.author == editor and draft.state == Draft.State.EDITING
    assert not Version.objects.get_for_object(live_meeting).exists()  # no revision holds what never went live

    # The editor sees the draft in the form, and can submit it.
    client.force_login(editor)
    form = client.get(change_url(live_meeting))
    content = form.content.decode()
    assert "The edited summary." in content and "Draft changes" in content and "Live version" in content
    assert not Version.objects.get_for_object(live_meeting).exists()  # opening the draft stored nothing either
    client.post(reverse("admin:meetings_meeting_submit_for_review", args=[live_meeting.pk]), {"message": "Ready."})
    draft.refresh_from_db()
    assert draft.state == Draft.State.IN_REVIEW
    assert public_page(client, live_meeting).content == before

    # The Publisher approves: the change appears whole.
    client.force_login(publisher)
    response = client.post(draft_action_url(draft, "approve"), {"comment": "Thanks."})
    assert response.status_code == 302
    live_meeting.refresh_from_db()
    assert live_meeting.summary == "The edited summary."
    assert [p.person.name for p in live_meeting.participations.all()] == ["Amy Pope"]
    assert [p.role for p in live_meeting.participations.all()] == ["Co-chair"]
    page = public_page(client, live_meeting).content.decode()
    assert "The edited summary." in page and "Amy Pope" in page and "William Lacy Swing" not in page
    assert not Draft.objects.exists()
    # Kept in the history: a revision, a LogEntry, and the review steps.
    assert Version.objects.get_for_object(live_meeting).first().revision.user == publisher
    assert LogEntry.objects.filter(object_id=str(live_meeting.pk), user=publisher).exists()
    actions = list(
        ReviewEvent.objects.filter(object_id=live_meeting.pk).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["saved", "submitted", "approved"]


def test_the_live_version_and_the_draft_are_both_a_click_away(client, editor, live_meeting):
    edit_meeting_as(client, editor, live_meeting, "The edited summary.")
    live = client.get(change_url(live_meeting), {"version": "live"}).content.decode()
    assert "The live summary." in live and "The edited summary." not in live
    draft = Draft.objects.get()
    preview = client.get(draft_action_url(draft, "preview"))
    assert preview.status_code == 200
    assert "The edited summary." in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    assert Meeting.objects.get().summary == "The live summary."


def test_a_second_save_carries_on_from_the_draft(client, editor, live_meeting):
    pope = factories.make_person("Amy Pope", slug="amy-pope-3")
    edit_meeting_as(client, editor, live_meeting, "First edit.", add_person=pope)
    edit_meeting_as(client, editor, live_meeting, "Second edit.")
    draft = Draft.objects.get()
    assert "Second edit." in draft.payload and "amy-pope-3" not in draft.payload  # people by id
    assert f'"person": {pope.pk}' in draft.payload
    assert Participation.objects.count() == 1


def test_a_publishers_save_goes_live_unless_saved_as_draft(client, publisher, live_meeting):
    client.force_login(publisher)
    data = open_form(client, live_meeting)
    post_form(client, {**data, "summary": "Published at once."}, live_meeting)
    live_meeting.refresh_from_db()
    assert live_meeting.summary == "Published at once."
    data = open_form(client, live_meeting)
    post_form(client, {**data, "summary": "Only a draft."}, live_meeting, _save_draft="Save as draft")
    live_meeting.refresh_from_db()
    assert live_meeting.summary == "Published at once."
    assert Draft.objects.get().author == publisher


def test_a_new_presidency_created_by_an_editor_is_not_public_until_published(client, editor, publisher):
    client.force_login(editor)
    data = open_form(client, model=Presidency)
    data.update(member_state="Atlantis", slug="atlantis-2031", start="2031-01-01", end="2031-06-30")
    response = post_form(client, data, model=Presidency)
    assert response.status_code == 302
    assert not Presidency.objects.exists()
    client.logout()
    assert "Atlantis" not in client.get(reverse("publications:presidencies")).content.decode()

    draft = Draft.objects.get()
    assert draft.object_id is None and "Atlantis" in draft.object_repr
    client.force_login(editor)
    assert client.get(response["Location"]).status_code == 200  # the draft's own page
    # An Editor's forged approval is refused.
    assert client.post(draft_action_url(draft, "approve")).status_code == 403
    assert not Presidency.objects.exists()

    client.force_login(publisher)
    client.post(draft_action_url(draft, "approve"))
    presidency = Presidency.objects.get()
    assert presidency.start == datetime.date(2031, 1, 1)
    client.logout()
    assert "Atlantis" in client.get(reverse("publications:presidencies")).content.decode()


def test_an_editors_change_to_reference_data_is_a_draft(client, editor):
    service = factories.make_service("DG HOME", full_name="Migration and Home Affairs")
    client.force_login(editor)
    data = open_form(client, service)
    post_form(client, {**data, "full_name": "Renamed by an editor"}, service)
    service.refresh_from_db()
    assert service.full_name == "Migration and Home Affairs"
    assert Draft.objects.get().object_id == service.pk


def test_forged_posts_by_an_editor_to_publish_or_send_back_are_refused(client, editor, live_meeting):
    edit_meeting_as(client, editor, live_meeting, "The edited summary.")
    draft = Draft.objects.get()
    client.force_login(editor)
    for action in ("approve", "send-back"):
        assert client.post(draft_action_url(draft, action), {"comment": "x"}).status_code == 403
    live_meeting.refresh_from_db()
    assert live_meeting.summary == "The live summary."
    draft.refresh_from_db()
    assert draft.state == Draft.State.EDITING


def test_an_editor_cannot_edit_reference_data_live_through_the_list(client, editor):
    from publications.models import PublicationKind

    kind = PublicationKind.objects.first()
    client.force_login(editor)
    response = client.post(
        reverse("admin:publications_publicationkind_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(kind.pk),
            "form-0-order": "99",
            "_save": "Save",
        },
    )
    assert response.status_code in (200, 302)
    kind.refresh_from_db()
    assert kind.order != 99


def test_an_editor_cannot_put_reference_data_live_by_restoring_a_revision(client, editor, publisher):
    presidency = Presidency.objects.create(
        member_state="Malta", slug="malta-2017", start=datetime.date(2017, 1, 1), end=datetime.date(2017, 6, 30)
    )
    client.force_login(publisher)
    post_form(client, {**open_form(client, presidency), "member_state": "Malta (first)"}, presidency)
    post_form(client, {**open_form(client, presidency), "member_state": "Malta (second)"}, presidency)
    first = Version.objects.get_for_object(presidency).order_by("pk").first()
    client.force_login(editor)
    url = reverse("admin:publications_presidency_revision", args=[presidency.pk, first.pk])
    response = client.post(url, {"member_state": "Malta (first)"}, follow=True)
    assert "Only Publishers can restore it" in response.content.decode()
    presidency.refresh_from_db()
    assert presidency.member_state == "Malta (second)"
