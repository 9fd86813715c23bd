"""Admin forms posted as an editor fills them in."""

from django.urls import reverse

from tests.core.admin_forms import form_data

from . import factories


def post_new_publication(client, upload, **overrides):
    """The admin's 'add publication' form, posted with the PDF in its files inline."""
    add_url = reverse("admin:publications_publication_add")
    data = form_data(client.get(add_url), "publication_form")
    data.update(
        {
            "title": "Elements for an EU Agenda on Migration",
            "slug": "elements-agenda",
            "kind": str(factories.kind().pk),
            "publication_date": "2015-03-01",
            "date_precision": "month",
            "summary": "Three key areas.",
            "status": "published",
            "published_at_0": "2025-01-01",
            "published_at_1": "12:00:00",
            "files-TOTAL_FORMS": "1",
            "files-0-language": "en",
            "files-0-filename": "",
            "files-0-file": upload,
            **overrides,
        }
    )
    return client.post(add_url, data)
