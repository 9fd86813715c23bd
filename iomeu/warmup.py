"""Prepare a freshly started app server process before it takes its first request.

Used by gunicorn.conf.py once a worker has loaded the application: it compiles every template and fills the URL
resolver (otherwise done by the first requests, which are then slower), then hands all those long-lived objects
to `gc.freeze()`, so that the garbage collector's full collections no longer walk them. Unfrozen, every so often
one such collection walked them all in the middle of a request, which was then the slowest of the minute, whatever
the page.
"""

import gc
from pathlib import Path

from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import reverse


def template_names(engine):
    """Every template in the engine's folders (the project's and the apps'), as names relative to their folder."""
    for directory in engine.template_dirs:
        root = Path(directory)
        for path in sorted(root.rglob("*.html")):
            yield path.relative_to(root).as_posix()


def warm_up():
    reverse("home")  # fills the URL resolver
    for engine in engines.all():
        for name in template_names(engine):
            try:
                engine.get_template(name)
            except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                continue
    # Collect first: what is garbage now would otherwise be kept for ever. The thresholds stay Python's: raised,
    # each young collection grew as long as the full ones this avoids.
    gc.collect()
    gc.freeze()
