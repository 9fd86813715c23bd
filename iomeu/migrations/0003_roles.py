"""The staff roles as first defined: Editors, Publishers, Administrators.

The permissions are written out here rather than read from iomeu.roles, so that replaying the migrations always
gives the same groups. Models added later get their permissions from iomeu.roles after every migrate (post_migrate).
"""

from django.db import migrations

EDITORS = "Editors"
PUBLISHERS = "Publishers"
ADMINISTRATORS = "Administrators"

ALL = ("add", "change", "view", "delete")
NO_DELETE = ("add", "change", "view")
PUBLISH = "publish"

# {group: {(app label, model name): actions}}. Editors may not delete reference data (it has no draft) nor publish.
ROLES = {
    EDITORS: {
        ("iomeu", "topic"): NO_DELETE,
        ("iomeu", "milestone"): NO_DELETE,
        ("iomeu", "page"): ALL,
        ("iomeu", "keyfigure"): ALL,
        ("meetings", "person"): NO_DELETE,
        ("meetings", "euservice"): NO_DELETE,
        ("meetings", "meeting"): ALL,
        ("meetings", "meetingphoto"): ALL,
        ("meetings", "participation"): ALL,
        ("meetings", "position"): ALL,
        ("meetings", "quote"): ALL,
    },
    PUBLISHERS: {
        ("iomeu", "topic"): ALL,
        ("iomeu", "milestone"): ALL,
        ("iomeu", "page"): (*ALL, PUBLISH),
        ("iomeu", "keyfigure"): (*ALL, PUBLISH),
        ("meetings", "person"): ALL,
        ("meetings", "euservice"): ALL,
        ("meetings", "meeting"): (*ALL, PUBLISH),
        ("meetings", "meetingphoto"): ALL,
        ("meetings", "participation"): ALL,
        ("meetings", "position"): ALL,
        ("meetings", "quote"): ALL,
    },
    ADMINISTRATORS: {
        ("auth", "user"): ALL,
        ("auth", "group"): ALL,
        ("axes", "accessattempt"): ALL,
        ("axes", "accesslog"): ALL,
        ("axes", "accessfailurelog"): ALL,
    },
}


def create_roles(apps, schema_editor):
    """Create the groups, and the permissions they need (Django itself creates them only after migrate)."""
    using = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, grants in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        for (app_label, model_name), actions in grants.items():
            content_type, _ = ContentType.objects.using(using).get_or_create(app_label=app_label, model=model_name)
            verbose_name = apps.get_model(app_label, model_name)._meta.verbose_name_raw
            for action in actions:
                if action == PUBLISH:
                    name = f"Can publish, unpublish and schedule {verbose_name}"
                else:
                    name = f"Can {action} {verbose_name}"  # the wording of Django's own
                permission, _ = Permission.objects.using(using).get_or_create(
                    content_type=content_type, codename=f"{action}_{model_name}", defaults={"name": name}
                )
                group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("iomeu", "0002_pages_keyfigures_timeline_search"),
        ("meetings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
