"""The staff roles as first defined: Editors, Publishers, Administrators.

The permissions are written out here rather than read from core.roles, so that replaying the migrations always
gives the same groups. Models added later get their permissions from core.roles after every migrate (post_migrate).
The models' names are written out too, so that this migration needs no other app's migrations: it creates the
content types and permissions it grants (Django itself creates them only after migrate, with the same codenames).
"""

from django.db import migrations

EDITORS = "Editors"
PUBLISHERS = "Publishers"
ADMINISTRATORS = "Administrators"

ALL = ("add", "change", "view", "delete")
NO_DELETE = ("add", "change", "view")
VIEW = ("view",)
PUBLISH = "publish"

# (app label, model name): the model's verbose name, for the permissions' names.
MODELS = {
    ("core", "topic"): "topic",
    ("pages", "page"): "page",
    ("pages", "keyfigure"): "key figure",
    ("pages", "milestone"): "milestone",
    ("meetings", "euservice"): "EU service",
    ("meetings", "person"): "person",
    ("meetings", "position"): "position",
    ("meetings", "meeting"): "meeting",
    ("meetings", "participation"): "participation",
    ("meetings", "quote"): "quote",
    ("meetings", "meetingphoto"): "photo",
    ("publications", "publicationkind"): "publication kind",
    ("publications", "presidency"): "Council Presidency",
    ("publications", "series"): "series",
    ("publications", "publication"): "publication",
    ("publications", "publicationfile"): "PDF file",
    ("publications", "downloadcount"): "download count",
    ("auth", "user"): "user",
    ("auth", "group"): "group",
    ("axes", "accessattempt"): "access attempt",
    ("axes", "accesslog"): "access log",
    ("axes", "accessfailurelog"): "access failure",
}

# {group: {(app label, model name): actions}}. Editors may not delete reference data (it has no draft) nor publish.
ROLES = {
    EDITORS: {
        ("core", "topic"): NO_DELETE,
        ("pages", "page"): ALL,
        ("pages", "keyfigure"): ALL,
        ("pages", "milestone"): NO_DELETE,
        ("meetings", "euservice"): NO_DELETE,
        ("meetings", "person"): NO_DELETE,
        ("meetings", "position"): ALL,
        ("meetings", "meeting"): ALL,
        ("meetings", "participation"): ALL,
        ("meetings", "quote"): ALL,
        ("meetings", "meetingphoto"): ALL,
        ("publications", "publicationkind"): NO_DELETE,
        ("publications", "presidency"): NO_DELETE,
        ("publications", "series"): NO_DELETE,
        ("publications", "publication"): ALL,
        ("publications", "publicationfile"): ALL,
        ("publications", "downloadcount"): VIEW,
    },
    PUBLISHERS: {
        ("core", "topic"): ALL,
        ("pages", "page"): (*ALL, PUBLISH),
        ("pages", "keyfigure"): (*ALL, PUBLISH),
        ("pages", "milestone"): ALL,
        ("meetings", "euservice"): ALL,
        ("meetings", "person"): ALL,
        ("meetings", "position"): ALL,
        ("meetings", "meeting"): (*ALL, PUBLISH),
        ("meetings", "participation"): ALL,
        ("meetings", "quote"): ALL,
        ("meetings", "meetingphoto"): ALL,
        ("publications", "publicationkind"): ALL,
        ("publications", "presidency"): ALL,
        ("publications", "series"): ALL,
        ("publications", "publication"): (*ALL, PUBLISH),
        ("publications", "publicationfile"): ALL,
        ("publications", "downloadcount"): VIEW,
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
            verbose_name = MODELS[(app_label, model_name)]
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
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
