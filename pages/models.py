"""The site's own pages, its key figures and the framework's timeline milestones."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import Resolver404, resolve, reverse

from core import dates
from core.dates import DatePrecision
from core.models import Publishable, validate_link
from richtext.fields import RichTextField


def validate_page_slug(slug):
    """A page cannot take an address the site already uses for something else (/meetings/, /search/...)."""
    try:
        match = resolve(f"/{slug}/")
    except Resolver404:
        return
    if (match.namespace, match.url_name) != ("pages", "detail"):
        raise ValidationError(f"/{slug}/ is already an address of the site; choose another slug.", code="reserved")


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
    body = RichTextField(
        profile="page",
        blank=True,
        help_text="Headings, paragraphs, bold, italic, lists, quotations and links (also e-mail and telephone) are "
        "kept; anything else is removed when the page is saved, and you are told what.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Position in the footer's list of pages.")

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

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
