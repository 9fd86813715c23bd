"""The six kinds of publication the site starts with. Staff may rename them or add more in the admin."""

from django.db import migrations

KINDS = [
    (
        "presidency-recommendations",
        "IOM recommendations to a Council Presidency",
        "IOM recommendations to Council Presidencies",
        "IOM's recommendations to the member state holding the Presidency of the Council of the EU.",
    ),
    ("policy-paper", "Policy paper", "Policy papers", "IOM's analysis and proposals on EU migration policy."),
    (
        "consultation-contribution",
        "Contribution to a consultation",
        "Contributions to consultations",
        "IOM's input to consultations and task forces of the EU institutions.",
    ),
    (
        "cooperation-report",
        "Cooperation report or booklet",
        "Cooperation reports and booklets",
        "Reports on the cooperation between IOM and the EU.",
    ),
    ("speech", "Speech or remarks", "Speeches and remarks", "What IOM's leaders said at EU events."),
    ("press-release", "Press release", "Press releases", "IOM's press releases on its cooperation with the EU."),
]


def add_kinds(apps, schema_editor):
    PublicationKind = apps.get_model("publications", "PublicationKind")
    for order, (slug, name, plural_name, description) in enumerate(KINDS, start=1):
        PublicationKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "plural_name": plural_name, "description": description, "order": order}
        )


def remove_kinds(apps, schema_editor):
    PublicationKind = apps.get_model("publications", "PublicationKind")
    PublicationKind.objects.filter(slug__in=[kind[0] for kind in KINDS], publications__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, remove_kinds)]
