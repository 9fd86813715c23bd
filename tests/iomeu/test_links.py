"""iomeu.links.url_for: the same addresses as reverse(), remembered per URL name."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from iomeu.links import url_for


@pytest.mark.parametrize(
    ("viewname", "kwargs"),
    [
        ("home", {}),
        ("publications:list", {}),
        ("publications:detail", {"slug": "migration-and-the-eu-2014"}),
        ("publications:download_language", {"slug": "a-booklet", "language": "fr"}),
        ("meetings:detail", {"slug": "senior-officials-meeting-2013"}),
        ("meetings:service_detail", {"slug": "dg-home"}),
    ],
)
def test_the_same_address_as_reverse(viewname, kwargs):
    assert url_for(viewname, **kwargs) == reverse(viewname, kwargs=kwargs or None)


def test_each_link_gets_its_own_slug():
    first = url_for("publications:detail", slug="first")
    second = url_for("publications:detail", slug="second")
    assert (first, second) == ("/publications/first/", "/publications/second/")


def test_a_value_that_is_no_slug_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        url_for("publications:detail", slug="not/a/slug")
    with pytest.raises(NoReverseMatch):
        url_for("publications:detail", slug="")


def test_the_site_mounted_under_a_prefix_links_under_it():
    """Behind a proxy that mounts the site at /iomeu/ (SCRIPT_NAME), every link keeps the prefix."""
    assert url_for("publications:detail", slug="a-paper") == "/publications/a-paper/"
    set_script_prefix("/iomeu/")
    try:
        assert url_for("publications:detail", slug="a-paper") == "/iomeu/publications/a-paper/"
        assert url_for("home") == "/iomeu/"
    finally:
        clear_script_prefix()
    assert url_for("publications:detail", slug="a-paper") == "/publications/a-paper/"


def test_a_new_urlconf_is_followed(settings):
    url_for("home")
    settings.ROOT_URLCONF = "tests.iomeu.urls_mounted"
    assert url_for("home") == reverse("home") == "/mounted/"
    assert url_for("publications:detail", slug="x") == "/mounted/publications/x/"
