"""The staff admin: every page opens, a meeting is created with its inlines, bad images are refused."""

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from core.models import Status, Topic
from meetings.models import EUService, Meeting, MeetingPhoto, Participation, Person, Quote

from . import factories
from .page import visible_text

pytestmark = pytest.mark.django_db

MODELS = [("meetings", "meeting"), ("meetings", "euservice"), ("meetings", "person"), ("core", "topic")]


@pytest.fixture
def media_root(private_root):
    """Where photos are stored: the private storage (no media URL reaches it)."""
    return private_root


def stored_files(root):
    return [os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names]


def objects(record):
    return {
        "meeting": record["som5"],
        "euservice": record["intpa"],
        "person": record["pope"],
        "topic": record["climate"],
    }


@pytest.mark.parametrize(("app_label", "model"), MODELS)
def test_every_changelist_opens_for_a_superuser(admin_client, record, app_label, model):
    response = admin_client.get(reverse(f"admin:{app_label}_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize(("app_label", "model"), MODELS)
def test_every_changelist_searches(admin_client, record, app_label, model):
    response = admin_client.get(reverse(f"admin:{app_label}_{model}_changelist"), {"q": "climate"})
    assert response.status_code == 200


@pytest.mark.parametrize(("app_label", "model"), MODELS)
def test_every_add_page_opens_for_a_superuser(admin_client, app_label, model):
    assert admin_client.get(reverse(f"admin:{app_label}_{model}_add")).status_code == 200


@pytest.mark.parametrize(("app_label", "model"), MODELS)
def test_every_change_page_opens_for_a_superuser(admin_client, record, app_label, model):
    obj = objects(record)[model]
    response = admin_client.get(reverse(f"admin:{app_label}_{model}_change", args=[obj.pk]))
    assert response.status_code == 200
    assert str(obj) in response.content.decode()


@pytest.mark.parametrize(("app_label", "model"), MODELS)
def test_every_delete_and_history_page_opens(admin_client, record, app_label, model):
    obj = objects(record)[model]
    assert admin_client.get(reverse(f"admin:{app_label}_{model}_delete", args=[obj.pk])).status_code == 200
    assert admin_client.get(reverse(f"admin:{app_label}_{model}_history", args=[obj.pk])).status_code == 200


def test_the_meeting_change_page_has_the_inlines_staff_need(admin_client, record):
    response = admin_client.get(reverse("admin:meetings_meeting_change", args=[record["som5"].pk]))
    formsets = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert formsets == {"participations", "quotes", "photos"}
    html = response.content.decode()
    assert "View on site" in html
    for field in ["host", "services", "topics"]:
        assert f'data-field-name="{field}"' in html, f"{field} uses autocomplete"
    assert 'id="id_slug"' in html and "prepopulated" in html


def test_the_person_change_page_edits_positions_inline(admin_client, record):
    response = admin_client.get(reverse("admin:meetings_person_change", args=[record["pope"].pk]))
    assert {formset.formset.prefix for formset in response.context["inline_admin_formsets"]} == {"positions"}
    assert "Deputy Director General for Management and Reform" in response.content.decode()


def test_the_meeting_changelist_answers_staff_questions(admin_client, record):
    response = admin_client.get(reverse("admin:meetings_meeting_changelist"))
    text = visible_text(response)
    # Columns: date at its precision, level, edition, host, status.
    assert "14 May 2018" in text and "2024" in text and "November 2019" in text
    assert "Senior Officials Meeting" in text and "DG NEAR" in text and "Draft" in text
    for name in ["level__exact", "year", "host__id__exact", "editorial_status", "topics__id__exact"]:
        assert f"?{name}=" in response.content.decode() or f"&amp;{name}=" in response.content.decode(), name


@pytest.mark.parametrize(
    "params",
    [
        {"level__exact": "heads"},
        {"year": "2018"},
        {"status__exact": "draft"},
        {"host__id__exact": "1"},
        {"topics__id__exact": "1"},
        {"date__year": "2018"},
        {"date__year": "2018", "date__month": "5"},
        {"o": "2.-3"},
    ],
)
def test_the_meeting_changelist_filters(admin_client, record, params):
    response = admin_client.get(reverse("admin:meetings_meeting_changelist"), params)
    assert response.status_code == 200


def test_the_year_filter_in_the_admin_narrows_the_list(admin_client, record):
    response = admin_client.get(reverse("admin:meetings_meeting_changelist"), {"year": "2018"})
    assert [m.title for m in response.context["cl"].result_list] == ["5th Senior Officials Meeting"]


@pytest.mark.parametrize("year", ["abc", "-1", "99999999999", "²", "0", "2018\x00"])
def test_a_bad_year_in_the_admin_changelist_is_not_a_500(admin_client, record, year):
    response = admin_client.get(reverse("admin:meetings_meeting_changelist"), {"year": year})
    assert response.status_code in {200, 302}


@pytest.mark.parametrize("query", ["x" * 5000, "a\x00b"])
def test_odd_admin_searches_are_not_a_500(admin_client, record, query):
    for app_label, model in MODELS:
        response = admin_client.get(reverse(f"admin:{app_label}_{model}_changelist"), {"q": query})
        assert response.status_code in {200, 302}


@pytest.mark.parametrize(
    ("model", "field"),
    [("meeting", "host"), ("meeting", "services"), ("meeting", "topics"), ("euservice", "predecessor")],
)
def test_autocomplete_finds_services_and_topics(admin_client, record, model, field):
    app_label = "meetings"
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": app_label,
            "model_name": model,
            "field_name": field,
            "term": "DG" if field != "topics" else "cli",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"]


def test_autocomplete_finds_people_for_participants_and_quotes(admin_client, record):
    for model in ["participation", "quote"]:
        field = "person" if model == "participation" else "speaker"
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {"app_label": "meetings", "model_name": model, "field_name": field, "term": "Pope"},
        )
        assert [item["text"] for item in response.json()["results"]] == ["Amy Pope"]


def test_the_service_changelist_counts_meetings_hosted(admin_client, record):
    response = admin_client.get(reverse("admin:meetings_euservice_changelist"))
    rows = {service.acronym: service.hosted_count for service in response.context["cl"].result_list}
    assert rows["DG HOME"] == 1 and rows["DG INTPA"] == 1 and rows["DG DEVCO"] == 0


def test_publish_and_unpublish_actions(admin_client, record):
    draft, som5 = record["draft"], record["som5"]
    url = reverse("admin:meetings_meeting_changelist")
    response = admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk, som5.pk]}, follow=True)
    assert "1 item(s) published." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    response = admin_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]}, follow=True)
    assert "1 item(s) returned to draft." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_form(record, **overrides):
    data = {
        "title": "11th Senior Officials Meeting",
        "slug": "11th-senior-officials-meeting",
        "level": "senior",
        "edition": "11",
        "date": "04/04/2025",
        "date_precision": "day",
        "location": "Brussels",
        "host": str(record["home"].pk),
        "services": [str(record["home"].pk), str(record["near"].pk)],
        "summary": "Co-chaired by DG HOME and IOM against the backdrop of the Pact on Migration and Asylum.",
        "body": "",
        "topics": [str(record["climate"].pk)],
        "status": "published",
        "published_at_0": "01/04/2025",
        "published_at_1": "09:00:00",
        "expires_at_0": "",
        "expires_at_1": "",
    }
    data.update(management("participations"))
    data.update(management("quotes"))
    data.update(management("photos"))
    data.update(overrides)
    return data


def test_staff_create_a_meeting_with_participants_quotes_and_a_photo(admin_client, admin_user, record, media_root):
    pope = record["pope"]
    gminder = factories.make_person("Beate Gminder")
    data = meeting_form(record)
    data.update(management("participations", total=2))
    data.update(
        {"participations-0-person": str(gminder.pk), "participations-0-role": "Co-chair", "participations-0-order": "0"}
    )
    data.update(
        {"participations-1-person": str(pope.pk), "participations-1-role": "Co-chair", "participations-1-order": "1"}
    )
    data.update(management("quotes", total=1))
    data.update(
        {"quotes-0-speaker": str(pope.pk), "quotes-0-text": "Safe, regular pathways matter.", "quotes-0-order": "0"}
    )
    data.update(management("photos", total=1))
    data.update(
        {
            "photos-0-image": factories.image_upload("som11.png", size=(40, 30)),
            "photos-0-alt_text": "The two co-chairs at the table",
            "photos-0-caption": "Opening of the 11th meeting",
            "photos-0-credit": "Sample image",
            "photos-0-order": "0",
        }
    )
    response = admin_client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]

    meeting = Meeting.objects.get(slug="11th-senior-officials-meeting")
    assert meeting.date == datetime.date(2025, 4, 4)
    assert meeting.host == record["home"]
    assert set(meeting.services.all()) == {record["home"], record["near"]}
    assert list(meeting.topics.all()) == [record["climate"]]
    assert meeting.created_by == admin_user and meeting.updated_by == admin_user
    assert [(p.person.name, p.role) for p in meeting.participations.all()] == [
        ("Beate Gminder", "Co-chair"),
        ("Amy Pope", "Co-chair"),
    ]
    assert Quote.objects.get(meeting=meeting).speaker == pope
    photo = MeetingPhoto.objects.get(meeting=meeting)
    assert (photo.width, photo.height) == (40, 30)
    assert len(stored_files(media_root)) == 1

    public = visible_text(admin_client.get(meeting.get_absolute_url()))
    assert "Amy Pope, Director General, IOM" in public and "Opening of the 11th meeting" in public


def test_the_admin_refuses_a_duplicate_edition_with_a_clear_message(admin_client, record):
    response = admin_client.post(reverse("admin:meetings_meeting_add"), meeting_form(record, edition="5"))
    assert response.status_code == 200
    assert "There is already a meeting with this edition number at this level." in response.content.decode()
    assert not Meeting.objects.filter(slug="11th-senior-officials-meeting").exists()


def test_the_admin_refuses_a_quote_without_text_or_speaker(admin_client, record):
    data = meeting_form(record)
    data.update(management("quotes", total=2))
    data.update({"quotes-0-speaker": str(record["pope"].pk), "quotes-0-text": "", "quotes-0-order": "0"})
    data.update({"quotes-1-speaker": "", "quotes-1-text": "Anonymous words", "quotes-1-order": "1"})
    response = admin_client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200
    errors = [form.errors for form in response.context["inline_admin_formsets"][1].formset.forms]
    assert "text" in errors[0] and "speaker" in errors[1]
    assert not Meeting.objects.filter(slug="11th-senior-officials-meeting").exists()


def test_the_admin_refuses_a_position_that_ends_before_it_starts(admin_client, record):
    pope = record["pope"]
    positions = list(pope.positions.all())
    data = {"name": pope.name, "slug": pope.slug}
    data.update(management("positions", total=len(positions) + 1, initial=len(positions)))
    for index, position in enumerate(positions):
        data.update(
            {
                f"positions-{index}-id": str(position.pk),
                f"positions-{index}-person": str(pope.pk),
                f"positions-{index}-title": position.title,
                f"positions-{index}-organisation": position.organisation,
                f"positions-{index}-start": position.start.strftime("%d/%m/%Y") if position.start else "",
                f"positions-{index}-end": position.end.strftime("%d/%m/%Y") if position.end else "",
            }
        )
    new = len(positions)
    data.update(
        {
            f"positions-{new}-person": str(pope.pk),
            f"positions-{new}-title": "Special Envoy",
            f"positions-{new}-organisation": "IOM",
            f"positions-{new}-start": "01/01/2020",
            f"positions-{new}-end": "01/01/2019",
        }
    )
    response = admin_client.post(reverse("admin:meetings_person_change", args=[pope.pk]), data)
    assert response.status_code == 200
    assert "Special Envoy" not in set(pope.positions.values_list("title", flat=True))


def test_staff_create_a_service_a_person_and_a_topic(admin_client, record):
    response = admin_client.post(
        reverse("admin:meetings_euservice_add"),
        {
            "acronym": "DG ECHO",
            "slug": "dg-echo",
            "full_name": "European Civil Protection and Humanitarian Aid Operations",
            "kind": "dg",
            "description": "",
            "joined_framework_on": "01/07/2012",
            "predecessor": "",
            "succeeded_predecessor_on": "",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert EUService.objects.get(slug="dg-echo").joined_framework_on == datetime.date(2012, 7, 1)

    data = {"name": "António Vitorino", "slug": "antonio-vitorino"}
    data.update(management("positions", total=1))
    data.update(
        {
            "positions-0-title": "Director General",
            "positions-0-organisation": "IOM",
            "positions-0-start": "01/10/2018",
            "positions-0-end": "30/09/2023",
        }
    )
    assert admin_client.post(reverse("admin:meetings_person_add"), data).status_code == 302
    assert Person.objects.get(slug="antonio-vitorino").positions.get().title == "Director General"

    response = admin_client.post(
        reverse("admin:core_topic_add"), {"name": "Labour mobility", "slug": "labour-mobility", "description": ""}
    )
    assert response.status_code == 302
    assert Topic.objects.filter(slug="labour-mobility").exists()


def bad_image_post(admin_client, record, upload):
    data = meeting_form(record)
    data.update(management("photos", total=1))
    data.update({"photos-0-image": upload, "photos-0-alt_text": "Something", "photos-0-order": "0"})
    return admin_client.post(reverse("admin:meetings_meeting_add"), data)


def photo_errors(response):
    photos = [f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "photos"][0]
    return " ".join(str(error) for form in photos.formset.forms for error in form.errors.get("image", []))


def truncated_png():
    data = factories.image_bytes(size=(200, 200))
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.jpg", b"These are meeting notes, not a photograph.\n" * 20),
        ("cut.png", None),  # a truncated PNG: filled in below
        ("empty.png", b""),
        ("page.png", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
    ],
)
def test_a_file_that_is_not_a_readable_image_is_refused_with_a_clear_error(
    admin_client, record, media_root, name, content
):
    content = truncated_png() if content is None else content
    response = bad_image_post(admin_client, record, SimpleUploadedFile(name, content, content_type="image/png"))
    assert response.status_code == 200
    errors = photo_errors(response)
    assert errors, "the photo form shows an error"
    assert "image" in errors.lower() or "file" in errors.lower()
    assert not Meeting.objects.filter(slug="11th-senior-officials-meeting").exists()
    assert MeetingPhoto.objects.count() == 0
    assert stored_files(media_root) == []


def test_an_image_with_too_many_pixels_is_refused_with_its_size_in_the_message(admin_client, record, media_root):
    with override_settings(IOMEU_MAX_IMAGE_PIXELS=10_000):
        response = bad_image_post(admin_client, record, factories.image_upload("big.png", size=(200, 100)))
    assert response.status_code == 200
    errors = photo_errors(response)
    assert "200×100 pixels" in errors and "10,000 pixels" in errors
    assert not Meeting.objects.filter(slug="11th-senior-officials-meeting").exists()
    assert stored_files(media_root) == []


def test_an_image_in_a_refused_format_is_refused(admin_client, record, media_root):
    response = bad_image_post(admin_client, record, factories.image_upload("photo.bmp", image_format="BMP"))
    assert response.status_code == 200
    assert photo_errors(response)
    assert stored_files(media_root) == []


def test_a_photo_without_alt_text_is_refused_in_the_admin(admin_client, record, media_root):
    data = meeting_form(record)
    data.update(management("photos", total=1))
    data.update({"photos-0-image": factories.image_upload(), "photos-0-alt_text": "", "photos-0-order": "0"})
    response = admin_client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200
    assert not Meeting.objects.filter(slug="11th-senior-officials-meeting").exists()
    assert stored_files(media_root) == []


def test_a_meeting_saved_with_a_bad_inline_keeps_its_old_values(admin_client, record, media_root):
    som5 = record["som5"]
    url = reverse("admin:meetings_meeting_change", args=[som5.pk])
    participations = list(som5.participations.all())
    data = meeting_form(
        record, title="Renamed", slug=som5.slug, edition="5", date="14/05/2018", services=[str(record["home"].pk)]
    )
    data.update(management("participations", total=len(participations), initial=len(participations)))
    for index, participation in enumerate(participations):
        data.update(
            {
                f"participations-{index}-id": str(participation.pk),
                f"participations-{index}-meeting": str(som5.pk),
                f"participations-{index}-person": str(participation.person_id),
                f"participations-{index}-order": "0",
            }
        )
    data.update(management("photos", total=1))
    data.update({"photos-0-image": SimpleUploadedFile("x.jpg", b"not an image"), "photos-0-alt_text": "x"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    som5.refresh_from_db()
    assert som5.title == "5th Senior Officials Meeting"
    assert som5.services.count() == 3
    assert Participation.objects.filter(meeting=som5).count() == len(participations)
    assert stored_files(media_root) == []


def test_the_people_changelist_shows_the_latest_dated_position_on_every_database(admin_client):
    factories.make_person(
        "Laura Thompson",
        positions=[
            ("Member of the delegation", "IOM", None, None),
            ("Deputy Director General", "IOM", datetime.date(2009, 9, 1), datetime.date(2019, 8, 31)),
        ],
    )
    response = admin_client.get(reverse("admin:meetings_person_changelist"))
    assert "Deputy Director General, IOM" in visible_text(response)
    assert "Member of the delegation" not in visible_text(response)


def test_a_truncated_jpeg_is_refused_with_a_clear_error(admin_client, record, media_root):
    data = factories.image_bytes(size=(300, 300), image_format="JPEG", noise=True)
    upload = SimpleUploadedFile("cut.jpg", data[: len(data) // 2], content_type="image/jpeg")
    response = bad_image_post(admin_client, record, upload)
    assert response.status_code == 200
    assert photo_errors(response)
    assert stored_files(media_root) == []
