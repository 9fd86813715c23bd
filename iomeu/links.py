"""The site's addresses by URL name, as reverse() gives them, without resolving the URLconf for every link.

reverse() matches the URL patterns on each call, and a list page links each of its cards twice, the Presidencies
page a hundred times and the sitemap once per item. The address of a name is worked out
once per process with placeholders for its slugs, and each link fills them in.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# What <slug:...> accepts, so that a filled-in address is one reverse() would give. Anything else takes reverse().
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _placeholder(name):
    return f"iomeu-link-placeholder-{name}-end"


@lru_cache(maxsize=512)
def _template(viewname, names, urlconf, script_prefix):
    """The address of viewname with a {name} field for each slug, e.g. "/publications/{slug}/"."""
    url = reverse(viewname, urlconf=urlconf, kwargs={name: _placeholder(name) for name in names})
    template = url.replace("{", "{{").replace("}", "}}")
    for name in names:
        template = template.replace(_placeholder(name), "{" + name + "}")
    return template


def url_for(viewname, **slugs):
    """reverse(viewname, kwargs=slugs) for slug arguments (or none), remembered per URL name."""
    if not all(isinstance(value, str) and _SLUG.fullmatch(value) for value in slugs.values()):
        return reverse(viewname, kwargs=slugs or None)
    template = _template(viewname, tuple(sorted(slugs)), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return template.format_map(slugs)


@receiver(setting_changed)
def _forget_on_urlconf_change(setting, **kwargs):
    # Tests that swap the URLconf module or its patterns; reverse()'s own caches are cleared on the same signal.
    if setting == "ROOT_URLCONF":
        _template.cache_clear()
