"""Site-wide pieces: shared topics and the publishing rules every public content type follows."""

import unicodedata
from urllib.parse import unquote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from . import dates
from .dates import DatePrecision
from .html import clean_html


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, its publication moment reached, not expired."""
        now = timezone.now()
        return self.filter(status=Status.PUBLISHED, published_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


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
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )


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


def validate_page_slug(slug):
    """A page cannot take an address the site already uses for something else (/meetings/, /search/...)."""
    try:
        match = resolve(f"/{slug}/")
    except Resolver404:
        return
    if (match.namespace, match.url_name) != ("pages", "detail"):
        raise ValidationError(f"/{slug}/ is already an address of the site; choose another slug.", code="reserved")


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


class Page(Publishable):
    """A page of the site whose text staff edit: About, Contact, Accessibility, and the home page's introduction."""

    HOME_SLUG = "home"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[validate_page_slug],
        help_text='The address: "about" is served at /about/. The page "home" is the home page\'s introduction.',
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="One sentence for search engines and link previews (the meta description).",
    )
    body = models.TextField(
        blank=True,
        help_text="HTML. Headings (h2-h4), paragraphs, lists, links, tables and emphasis are kept; "
        "scripts, styles and anything else are removed when the page is saved.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in the footer's list of pages.")

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.slug == self.HOME_SLUG:
            return reverse("home")
        return reverse("pages:detail", kwargs={"slug": self.slug})


class KeyFigure(Publishable):
    """A number that tells the scale of the cooperation, always with its source and year."""

    value = models.CharField(max_length=40, help_text='The figure as people say it: "over 300", "EUR 2.9 billion".')
    label = models.CharField(max_length=200, help_text='What it counts: "EU and IOM staff involved in the meetings".')
    year = models.PositiveSmallIntegerField(
        help_text="The year the figure refers to or was published.",
        validators=[MinValueValidator(1951), MaxValueValidator(2100)],
    )
    source = models.CharField(
        max_length=250, help_text='Where the figure comes from: "IOM press release, 4 April 2018".'
    )
    source_url = models.CharField(
        "source link",
        max_length=300,
        blank=True,
        validators=[validate_link],
        help_text="Optional: a page of this site (/meetings/...) or a full https:// address.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "-year"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=1951) & Q(year__lte=2100), name="keyfigure_year_plausible"),
        ]

    def __str__(self):
        return f"{self.value} {self.label} ({self.year})"

    def get_absolute_url(self):
        return reverse("home", fragment="key-figures")


class Milestone(models.Model):
    """A landmark of the cooperation that no other record holds, e.g. the 2011 Framework Agreement.

    Meetings, services joining and services succeeding one another come into the timeline from their own records.
    """

    title = models.CharField(max_length=200)
    date = models.DateField(help_text="For a milestone known only to the month or year, enter the first day of it.")
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values), name="milestone_date_precision_valid"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date_display})"

    def get_absolute_url(self):
        return reverse("pages:timeline", fragment=f"milestone-{self.pk}")

    @property
    def date_display(self):
        return dates.display(self.date, self.date_precision)

    @property
    def date_iso(self):
        return dates.iso(self.date, self.date_precision)


class SearchEntry(models.Model):
    """One searchable document per public item (meeting, publication, Presidency, EU service, page).

    Kept up to date by iomeu.search on save; on PostgreSQL the table also has a stored, weighted tsvector column
    with a GIN index (added by migration, not declared here, so that SQLite needs nothing special).
    Whether an item is public is decided at query time by its own published() queryset, never stored here.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "title"]
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="searchentry_one_per_item"),
        ]
        indexes = [models.Index(fields=["kind", "year"], name="searchentry_kind_year")]

    def __str__(self):
        return f"{self.kind}: {self.title}"
