"""Site-wide pieces: shared topics and the publishing rules every public content type follows."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.dates import MONTHS

from .html import clean_html
from .links import url_for


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
        return url_for("meetings:list") + f"?topic={self.slug}"


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


def date_at_precision(day, precision):
    """A date shown only as far as it is known: "4 April 2025", "April 2024" or "2024".

    Written out rather than through django.utils.dateformat ("j F Y", the same month names), which parses its
    format on every call, and a list page shows hundreds of dates."""
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        return month_and_year(day)
    return f"{day.day} {month_and_year(day)}"


def month_and_year(day):
    """ "April 2024"."""
    return f"{MONTHS[day.month]} {day.year}"


def iso_at_precision(day, precision):
    """The same date for a <time datetime> attribute: "2025-04-04", "2024-04" or "2024"."""
    if precision == DatePrecision.YEAR:
        return f"{day.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def validate_page_slug(slug):
    """A page cannot take an address the site already uses for something else (/meetings/, /search/...)."""
    try:
        match = resolve(f"/{slug}/")
    except Resolver404:
        return
    if (match.namespace, match.url_name) != ("pages", "detail"):
        raise ValidationError(f"/{slug}/ is already an address of the site; choose another slug.", code="reserved")


def validate_link(value):
    """A link is either a path on this site ("/meetings/...") or a full http(s) address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


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
            return url_for("home")
        return url_for("pages:detail", slug=self.slug)


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
        return url_for("home") + "#key-figures"


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
                condition=Q(date_precision__in=["day", "month", "year"]), name="milestone_date_precision_valid"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date_display})"

    def get_absolute_url(self):
        return url_for("pages:timeline") + f"#milestone-{self.pk}"

    @property
    def date_display(self):
        return date_at_precision(self.date, self.date_precision)

    @property
    def date_iso(self):
        return iso_at_precision(self.date, self.date_precision)


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
