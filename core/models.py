"""What every content app shares: the publishing rules (status, schedule, `published()`), topics, and links."""

import unicodedata
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def public_condition(now):
    """What the public may see: published, its publication moment reached, not expired.

    The one definition of "public": `published()` filters by it and `Publishable.is_public` evaluates it.
    """
    return Q(status=Status.PUBLISHED, published_at__lte=now) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


_LOOKUPS = {
    "exact": lambda value, wanted: value == wanted,
    "lte": lambda value, wanted: value is not None and value <= wanted,
    "gt": lambda value, wanted: value is not None and value > wanted,
    "isnull": lambda value, wanted: (value is None) == wanted,
}


def _holds(instance, condition):
    """Whether an instance's own field values satisfy a Q of plain field lookups (those public_condition uses)."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(_holds(instance, child))
        else:
            name, wanted = child
            field, _, lookup = name.partition("__")
            results.append(_LOOKUPS[lookup or "exact"](getattr(instance, field), wanted))
    holds = all(results) if condition.connector == Q.AND else any(results)
    return not holds if condition.negated else holds


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see (public_condition)."""
        return self.filter(public_condition(timezone.now()))


class Publishable(models.Model):
    """Status, schedule and authorship shared by meetings, publications and pages."""

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Only published items appear on the public site, and only from their publication time.",
    )
    published_at = models.DateTimeField(
        "publication time",
        default=timezone.now,
        db_index=True,
        help_text="A published item with a future time appears on its own at that moment.",
    )
    expires_at = models.DateTimeField(
        "expiry time",
        null=True,
        blank=True,
        help_text="Optional: the item disappears from the public site at this moment.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self):
        """The same rule as published(), for an item already in memory."""
        return _holds(self, public_condition(timezone.now()))


class Topic(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True, help_text="One or two sentences shown on the topic's pages.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:list", query={"topic": self.slug})


def _invisible(character):
    """Whitespace, control and format characters (tab, newline, NUL, zero-width space, bidi overrides...)."""
    return character.isspace() or unicodedata.category(character) in {"Cc", "Cf", "Zl", "Zp", "Zs"}


def _leads_to_another_host(path):
    """Whether a browser would take this "site path" for an address on another host ("//evil.example/").

    Browsers read "\\" as "/" and drop tabs and newlines, so "/\\evil.example" is "//evil.example"; a server or
    proxy that decodes percent-escapes turns "/%2F%2Fevil.example" or "/%5Cevil.example" into the same.
    """
    for _round in range(5):
        if path[:2].replace("\\", "/") == "//":
            return True
        decoded = unquote(path)
        if decoded == path:
            return False
        path = "".join(character for character in decoded if not _invisible(character))
    return True  # still escaped after five decodings: no real address looks like that


def validate_link(value):
    """A link is either a path on this site ("/meetings/...") or a full http(s) address.

    Refused: backslashes and invisible characters anywhere (browsers read a backslash as "/" and drop tabs and
    newlines, so both can turn a path into another site's address), and a path that starts like an address of
    another host ("//", "/\\", "/%2F", "/%5C"...).
    """
    if "\\" in value:
        raise ValidationError(
            'A link cannot contain a backslash ("\\"): browsers read it as "/", which can lead to another site.',
            code="backslash",
        )
    if any(_invisible(character) for character in value):
        raise ValidationError(
            'A link cannot contain spaces, tabs, line breaks or other invisible characters (write a space as "%20").',
            code="invisible_character",
        )
    if value.startswith("/"):
        if _leads_to_another_host(value):
            raise ValidationError(
                'A link to a page of this site starts with a single "/" (e.g. "/meetings/"); "//" or an escaped '
                '"/" or "\\" (%2F, %5C) after it makes browsers go to another site. For another site, write its '
                "full https:// address.",
                code="other_host",
            )
        return
    URLValidator(
        schemes=["http", "https"],
        message='Enter a page of this site ("/meetings/...") or a full address starting with https:// or http://.',
    )(value)
