"""The warm-up each gunicorn worker runs before its first request (iomeu.warmup, gunicorn.conf.py)."""

import gc
from pathlib import Path

import pytest
from django.template import engines
from django.test.utils import override_settings

from iomeu.warmup import template_names, warm_up

CACHED_LOADER = {
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [engines["django"].template_dirs[0]],
    "APP_DIRS": False,
    "OPTIONS": {"loaders": [("django.template.loaders.cached.Loader", ["django.template.loaders.filesystem.Loader"])]},
}


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_the_site_templates_are_among_those_warmed():
    names = set(template_names(engines["django"]))

    assert {"base.html", "home.html", "publications/publication_list.html", "includes/meeting_card.html"} <= names


@override_settings(TEMPLATES=[CACHED_LOADER])
def test_warm_up_compiles_every_template_so_the_first_visitors_wait_for_none(unfrozen):
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()

    warm_up()

    assert "base.html" in loader.get_template_cache
    assert "publications/publication_list.html" in loader.get_template_cache
    assert len(loader.get_template_cache) == len(list(template_names(engines["django"])))


def test_warm_up_hands_what_it_loaded_to_the_frozen_generation_and_leaves_no_garbage_behind(unfrozen):
    gc.unfreeze()

    warm_up()

    assert gc.get_freeze_count() > 10_000
    # Collected before freezing: nothing left for the collector in the generations it still walks.
    assert len(gc.get_objects(generation=2)) < 1_000


def test_the_gunicorn_configuration_warms_up_each_worker_once_it_has_loaded_the_site(unfrozen):
    config = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    namespace = {}
    exec(compile(config.read_text(), str(config), "exec"), namespace)  # noqa: S102 (our own config file)
    gc.unfreeze()

    namespace["post_worker_init"](worker=None)

    assert gc.get_freeze_count() > 10_000
