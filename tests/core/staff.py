"""Staff accounts in each role, for the security and workflow tests."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import ADMINISTRATORS, EDITORS, PUBLISHERS

PASSWORD = "a long and unguessable passphrase"


def make_staff(username, role=None, **fields):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(name="editor")
def editor_fixture(db):
    return make_staff("edith", EDITORS)


@pytest.fixture(name="publisher")
def publisher_fixture(db):
    return make_staff("pablo", PUBLISHERS)


@pytest.fixture(name="administrator")
def administrator_fixture(db):
    return make_staff("ada", ADMINISTRATORS)


@pytest.fixture(name="superuser")
def superuser_fixture(db):
    return get_user_model().objects.create_superuser("root", password=PASSWORD)
