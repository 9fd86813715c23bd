"""The staff roles: Editors, Publishers, Administrators (see iomeu/roles.py; post_migrate keeps them current)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from iomeu.roles import sync_roles

    sync_roles(apps, schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    from iomeu.roles import ADMINISTRATORS, EDITORS, PUBLISHERS

    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=[EDITORS, PUBLISHERS, ADMINISTRATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("iomeu", "0002_pages_keyfigures_timeline_search"),
        ("meetings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
