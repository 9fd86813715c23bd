"""deploy/: the one nginx template (the README shows it as it is) and its renderer."""

import re
from pathlib import Path

import pytest

from deploy.render_nginx import TEMPLATE, placeholders, render

ROOT = Path(__file__).resolve().parents[2]
VALUES = {
    "LISTEN": "80",
    "SERVER_NAME": "eu.iom.int",
    "APP_SERVER": "127.0.0.1:8000",
    "PRIVATE_MEDIA_ROOT": "/srv/iomeu/private-media",
}


def test_the_readme_shows_the_nginx_template_as_it_is():
    readme = (ROOT / "README.md").read_text()

    shown = re.search(r"<!-- nginx-template:start -->\n```nginx\n(.*?)```\n<!-- nginx-template:end -->", readme, re.S)

    assert shown, "README.md has no nginx-template block"
    assert shown.group(1) == TEMPLATE.read_text()


def test_the_template_renders_with_every_placeholder_filled_and_nginx_variables_kept():
    rendered = render(VALUES)

    assert placeholders(rendered) == set()
    assert "alias /srv/iomeu/private-media/;" in rendered
    assert "server 127.0.0.1:8000;" in rendered
    assert "add_header ETag $upstream_http_etag always;" in rendered


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({key: value for key, value in VALUES.items() if key != "LISTEN"}, "missing: LISTEN"),
        ({**VALUES, "LISTNE": "80"}, "not in the template: LISTNE"),
        ({**VALUES, "SERVER_NAME": "eu.iom.int; return 200"}, "one word"),
        ({**VALUES, "PRIVATE_MEDIA_ROOT": ""}, "one word"),
    ],
)
def test_a_missing_misspelt_or_unsafe_value_is_refused(values, message):
    with pytest.raises(ValueError, match=message):
        render(values)
