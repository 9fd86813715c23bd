"""Preview renders the public page from the form's current values, inline rows included, and saves nothing."""

import pytest
from django.apps import apps

from meetings.models import Meeting
from tests.meetings import factories

from .helpers import open_form, post_form, set_row

pytestmark = pytest.mark.django_db


def row_counts():
    # Unmanaged models (SQLite's full-text table) follow the managed rows they mirror, and exist on one backend only.
    return {
        model._meta.label: model._default_manager.count()
        for app in ("meetings", "publications", "core", "pages", "search", "editorial", "reversion", "admin")
        for model in apps.get_app_config(app).get_models()
        if model._meta.managed
    }


def test_preview_shows_the_unsaved_values_with_new_participants_and_saves_nothing(client, publisher):
    meeting = factories.make_meeting(summary="The saved summary.")
    newcomer = factories.make_person("Ylva Johansson")
    client.force_login(publisher)
    data = open_form(client, meeting)
    data["summary"] = "The summary being written."
    set_row(data, "participations", int(data["participations-TOTAL_FORMS"]), person=str(newcomer.pk), order="0")
    before = row_counts()
    response = post_form(client, data, meeting, _preview="Preview")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The summary being written." in page and "Ylva Johansson" in page
    assert "Preview of your unsaved changes" in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert row_counts() == before
    assert Meeting.objects.get().summary == "The saved summary."
    # The form still saves afterwards: the preview did not spend its edit token.
    assert post_form(client, data, meeting).status_code == 302
    assert Meeting.objects.get().summary == "The summary being written."


def test_preview_of_a_new_item_saves_nothing(client, editor):
    client.force_login(editor)
    data = open_form(client, model=Meeting)
    data.update(title="Not yet", slug="not-yet", level="expert", date="2024-03-05", summary="Unsaved.")
    before = row_counts()
    response = post_form(client, data, model=Meeting, _preview="Preview")
    assert response.status_code == 200 and "Unsaved." in response.content.decode()
    assert row_counts() == before


def test_a_preview_of_an_invalid_form_shows_the_errors_and_saves_nothing(client, editor):
    client.force_login(editor)
    data = open_form(client, model=Meeting)
    before = row_counts()
    response = post_form(client, data, model=Meeting, _preview="Preview")
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert row_counts() == before


def test_the_change_form_offers_preview_in_a_new_tab(client, editor):
    meeting = factories.make_meeting()
    client.force_login(editor)
    page = client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    assert 'name="_preview" formtarget="_blank"' in page
