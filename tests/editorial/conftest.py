from tests.core.staff import (  # noqa: F401 (fixtures)
    administrator_fixture,
    editor_fixture,
    publisher_fixture,
    superuser_fixture,
)
