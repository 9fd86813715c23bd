"""Staff roles, kept in code: what Editors, Publishers and Administrators may do.

The migration ``core.0002_roles`` created the groups with the permissions of the models that existed then (written
out in it, so that it replays the same way); after every ``migrate`` a ``post_migrate`` hook brings them up to date
from the rules below, so that a content type added later gets the same rules without a migration of its own. The
sync only adds permissions; it never removes any.

- Editors add, change and view every content type and upload files; they cannot publish, unpublish or schedule,
  and cannot delete a published item (the admin enforces that per object) nor reference data.
- Publishers: all of that, plus the ``publish_<model>`` permission of every publishable type and of reference data
  (an Editor's change to either waits, as a draft, for a Publisher: see editorial/), and delete everywhere.
- Administrators: users, groups and login lockouts.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

EDITORS = "Editors"
PUBLISHERS = "Publishers"
ADMINISTRATORS = "Administrators"

CONTENT_APPS = ("core", "pages", "meetings", "publications")

# Reference data is public as soon as it exists (it has no status): what Editors add or change waits as a draft
# (editorial/) for a Publisher, who alone publishes and deletes it.
REFERENCE_MODELS = {
    "core.topic",
    "pages.milestone",
    "meetings.euservice",
    "meetings.person",
    "publications.presidency",
    "publications.series",
    "publications.publicationkind",
}

# Models of the content apps that staff may look at but never edit by hand.
READ_ONLY_MODELS = {"publications.downloadcount"}

ADMINISTRATOR_MODELS = (
    "auth.user",
    "auth.group",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
)


def publish_codename(opts):
    return f"publish_{opts.model_name}"


def is_publishable(app_label, model_name):
    """Whether the current code's model is a Publishable (historical models have lost their abstract bases)."""
    from .models import Publishable

    try:
        model = global_apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return issubclass(model, Publishable)


def is_reviewed(app_label, model_name):
    """Whether staff need the ``publish_<model>`` permission for their changes to reach the public."""
    return f"{app_label}.{model_name}" in REFERENCE_MODELS or is_publishable(app_label, model_name)


def ensure_permissions(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create Django's default permissions now (it normally waits for post_migrate) and the publish permissions."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
    for model in content_models(apps):
        opts = model._meta
        if not is_reviewed(opts.app_label, opts.model_name):
            continue
        content_type, _ = ContentType.objects.using(using).get_or_create(
            app_label=opts.app_label, model=opts.model_name
        )
        Permission.objects.using(using).get_or_create(
            content_type=content_type,
            codename=publish_codename(opts),
            defaults={"name": f"Can publish, unpublish and schedule {opts.verbose_name_raw}"},
        )


def content_models(apps=global_apps):
    for app_label in CONTENT_APPS:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:  # not migrated yet: a migrate stopped before the app's first migration
            continue
        yield from app_config.get_models()


def role_permissions(apps=global_apps):
    """{group name: [(app_label, model_name, codename), ...]} as this code defines the roles."""
    roles = {EDITORS: [], PUBLISHERS: [], ADMINISTRATORS: []}
    for model in content_models(apps):
        opts = model._meta
        label = f"{opts.app_label}.{opts.model_name}"
        for action in ("view",) if label in READ_ONLY_MODELS else ("add", "change", "view", "delete"):
            codename = f"{action}_{opts.model_name}"
            roles[PUBLISHERS].append((opts.app_label, opts.model_name, codename))
            if action != "delete" or label not in REFERENCE_MODELS:
                roles[EDITORS].append((opts.app_label, opts.model_name, codename))
        if is_reviewed(opts.app_label, opts.model_name):
            roles[PUBLISHERS].append((opts.app_label, opts.model_name, publish_codename(opts)))
    for label in ADMINISTRATOR_MODELS:
        app_label, model_name = label.split(".")
        for action in ("add", "change", "view", "delete"):
            roles[ADMINISTRATORS].append((app_label, model_name, f"{action}_{model_name}"))
    return roles


def sync_roles(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create the three groups and grant each the permissions its role needs (never removes any)."""
    ensure_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, wanted in role_permissions(apps).items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        permissions = []
        for app_label, model_name, codename in wanted:
            permission = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, content_type__model=model_name, codename=codename)
                .first()
            )
            if permission is not None:
                permissions.append(permission)
        group.permissions.add(*permissions)


def sync_roles_after_migrate(sender, app_config=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    sync_roles(apps, using)
