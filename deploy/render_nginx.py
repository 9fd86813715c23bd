"""Render deploy/nginx.conf.template: replace each ${NAME} placeholder, refusing a missing or unknown one.

    python3 deploy/render_nginx.py LISTEN=80 SERVER_NAME=eu.iom.int APP_SERVER=127.0.0.1:8000 \
        PRIVATE_MEDIA_ROOT=/srv/iomeu/private-media > /etc/nginx/sites-enabled/iomeu

nginx's own variables ($host, $upstream_http_etag...) are lower case and written without braces: they stay.
Standard library only, so that a server needs nothing installed to run it.
"""

import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().with_name("nginx.conf.template")
PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


def placeholders(text):
    return set(PLACEHOLDER.findall(text))


def render(values, template=None):
    """The configuration with every placeholder replaced by its value."""
    text = TEMPLATE.read_text() if template is None else template
    missing = placeholders(text) - set(values)
    unknown = set(values) - placeholders(text)
    if missing or unknown:
        raise ValueError(
            f"The nginx template needs {', '.join(sorted(placeholders(text)))}"
            + (f"; missing: {', '.join(sorted(missing))}" if missing else "")
            + (f"; not in the template: {', '.join(sorted(unknown))}" if unknown else "")
        )
    for name, value in values.items():
        if not str(value) or re.search(r"[\s;{}'\"$]", str(value)):
            raise ValueError(f"{name}={value!r}: a value is one word, without spaces, quotes, ';', '{{', '}}' or '$'.")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def main(arguments):
    values = dict(argument.split("=", 1) for argument in arguments if "=" in argument)
    if len(values) != len(arguments):
        sys.exit(__doc__)
    try:
        sys.stdout.write(render(values))
    except ValueError as error:
        sys.exit(str(error))


if __name__ == "__main__":
    main(sys.argv[1:])
