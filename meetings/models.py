"""The record of EU-IOM meetings: the EU services, the people, the meetings themselves."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse

from core import dates
from core.dates import DatePrecision
from core.history import file_kept_by_history
from core.models import Publishable, Topic
from core.storage import atomic_with_file_cleanup, get_private_storage
from core.validators import validate_image_file
from images.files import random_name, store_new_images
from richtext.fields import RichTextField


class EUServiceQuerySet(models.QuerySet):
    def published(self):
        """EU services are reference data: every one is public."""
        return self.all()


class EUService(models.Model):
    class Kind(models.TextChoices):
        DIRECTORATE_GENERAL = "dg", "Commission Directorate-General"
        EEAS = "eeas", "European External Action Service"
        OTHER = "other", "Other EU body"

    acronym = models.CharField(max_length=30, unique=True, help_text='As people write it, e.g. "DG HOME", "EEAS".')
    slug = models.SlugField(max_length=40, unique=True)
    full_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DIRECTORATE_GENERAL)
    description = models.TextField(blank=True)
    joined_framework_on = models.DateField(
        "joined the framework on",
        null=True,
        blank=True,
        help_text="When it joined the EU-IOM Strategic Cooperation Framework; empty if it never joined.",
    )
    predecessor = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successor",
        help_text="The service this one replaced, e.g. DG DEVCO for DG INTPA.",
    )
    succeeded_predecessor_on = models.DateField(
        null=True, blank=True, help_text="When this service took over from its predecessor."
    )
    website = models.URLField(blank=True)

    objects = EUServiceQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]
        verbose_name = "EU service"
        constraints = [
            models.CheckConstraint(condition=~Q(predecessor=models.F("pk")), name="euservice_not_own_predecessor"),
        ]

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        return reverse("meetings:service_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.predecessor_id and self.predecessor_id == self.pk:
            raise ValidationError({"predecessor": "A service cannot be its own predecessor."})

    def lineage(self):
        """The whole line from the oldest predecessor to the latest successor, this service included."""
        oldest, seen = self, {self.pk}
        while oldest.predecessor_id and oldest.predecessor_id not in seen:
            oldest = oldest.predecessor
            seen.add(oldest.pk)
        line, current, seen = [oldest], oldest, {oldest.pk}
        while True:
            successor = EUService.objects.filter(predecessor=current).first()
            if successor is None or successor.pk in seen:
                return line
            line.append(successor)
            seen.add(successor.pk)
            current = successor


class Person(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def position_on(self, day, until=None):
        """The position held on that day, or during the period from day to until (for meetings known only to
        the month or year). Uses prefetched positions when present."""
        positions = list(self.positions.all())
        for position in positions:
            if position.covers(day):
                return position
        if until is not None:
            for position in positions:
                if position.overlaps(day, until):
                    return position
        return None


class Position(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=200, help_text='e.g. "Director General".')
    organisation = models.CharField(max_length=200, help_text='e.g. "IOM" or "European Commission, DG NEAR".')
    start = models.DateField(null=True, blank=True, help_text="Empty if unknown.")
    end = models.DateField(null=True, blank=True, help_text="Empty while the position is held.")

    class Meta:
        # Undated positions last on every database (PostgreSQL sorts NULL first when descending).
        ordering = ["person", models.F("start").desc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="position_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.organisation}"

    def covers(self, day):
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def overlaps(self, first_day, last_day):
        return (self.start is None or self.start <= last_day) and (self.end is None or first_day <= self.end)


class Meeting(Publishable):
    class Level(models.TextChoices):
        SENIOR_OFFICIALS = "senior", "Senior Officials Meeting"
        HEADS_OF_UNIT = "heads", "Heads of Unit/Division Meeting"
        EXPERT = "expert", "Expert Meeting"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    level = models.CharField(max_length=10, choices=Level.choices, db_index=True)
    edition = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Its number within its level as the record states it (3 for the 3rd). Empty if unknown.",
    )
    date = models.DateField(
        help_text="For a meeting known only to the month or year, enter the first day of that month or year."
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date is known; the site never shows more than this.",
    )
    location = models.CharField(max_length=120, blank=True, default="Brussels")
    host = models.ForeignKey(EUService, null=True, blank=True, on_delete=models.PROTECT, related_name="hosted_meetings")
    services = models.ManyToManyField(
        EUService,
        blank=True,
        related_name="attended_meetings",
        verbose_name="participating services",
        help_text="EU services that took part (the host included).",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="meetings")
    summary = RichTextField(
        profile="summary",
        help_text="One paragraph shown in lists and search results: bold, italic and links are kept.",
    )
    body = RichTextField(
        blank=True,
        help_text="What was discussed: headings, paragraphs, bold, italic, lists, quotations and links are kept.",
    )

    class Meta:
        # -pk last: meetings on the same day without an edition still page in one fixed order.
        ordering = ["-date", "-edition", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "edition"],
                condition=Q(edition__isnull=False),
                name="meeting_one_edition_per_level",
                violation_error_message="There is already a meeting with this edition number at this level.",
            ),
            models.CheckConstraint(
                condition=Q(edition__isnull=True) | Q(edition__gte=1), name="meeting_edition_positive"
            ),
            models.CheckConstraint(
                condition=Q(date_precision=DatePrecision.DAY)
                | Q(date_precision=DatePrecision.MONTH, date__day=1)
                | Q(date_precision=DatePrecision.YEAR, date__month=1, date__day=1),
                name="meeting_date_matches_precision",
                violation_error_message="A month-precision date must be the 1st; a year-precision date 1 January.",
            ),
            models.CheckConstraint(condition=Q(level__in=["senior", "heads", "expert"]), name="meeting_level_valid"),
        ]
        indexes = [
            # The public list's filter and order, so that a page is read off the index, not sorted, with the
            # schedule last, so that counting and paging need not visit the table.
            models.Index(
                fields=["status", "-date", "-edition", "-id", "published_at", "expires_at"],
                name="meeting_list_order",
            ),
            models.Index(fields=["level", "-date"], name="meeting_level_date"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.date = dates.normalised(self.date, self.date_precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    @property
    def date_display(self):
        return dates.display(self.date, self.date_precision)

    @property
    def period_end(self):
        return dates.period_end(self.date, self.date_precision)

    @property
    def date_iso(self):
        return dates.iso(self.date, self.date_precision)


class Participation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=120, blank=True, help_text='Optional, e.g. "Co-chair" or "Host".')
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="participation_once_per_meeting"),
        ]

    def __str__(self):
        return f"{self.person} at {self.meeting}"

    @property
    def position(self):
        return self.person.position_on(self.meeting.date, self.meeting.period_end)


class Quote(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="quotes")
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=GreaterThan(Length(Trim("text")), 0), name="quote_has_text"),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.text[:60]}"


def photo_upload_to(instance, filename):
    return random_name("meetings", filename)


def photo_file_in_use(name):
    """Whether a photo row, or a stored revision that may be restored, still names this stored file."""
    return MeetingPhoto.objects.filter(image=name).exists() or file_kept_by_history(name)


class MeetingPhoto(models.Model):
    """A photo of a meeting. Stored privately under a random name; pages show it through images.views, which
    answers only while the meeting is public (or to staff who may change meetings)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        upload_to=photo_upload_to,
        storage=get_private_storage,
        max_length=200,
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
        help_text="A JPEG, PNG, WebP or GIF. The site makes smaller copies in modern formats for the pages.",
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the photo shows, for people who cannot see it. Required unless the photo is decorative.",
    )
    decorative = models.BooleanField(
        default=False,
        help_text="Tick only if the photo adds nothing a reader needs (screen readers then skip it; no alt text).",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(
        "credit or copyright", max_length=150, blank=True, help_text='Shown under the photo, e.g. "© IOM 2018".'
    )
    focal_x = models.PositiveSmallIntegerField(
        "focal point across (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="Optional: where the subject is, from the left edge (0) to the right (100). Cropped copies "
        "(thumbnails, cards) keep it in view. Empty: the centre.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point down (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="Optional: from the top edge (0) to the bottom (100).",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "photo"
        constraints = [
            models.CheckConstraint(
                condition=Q(decorative=True) | Q(GreaterThan(Length(Trim("alt_text")), 0)),
                name="photo_has_alt_text",
                violation_error_message="Describe the photo in its alt text, or mark it as decorative.",
            ),
            models.CheckConstraint(
                condition=Q(focal_x__isnull=True) | Q(focal_x__lte=100), name="photo_focal_x_percentage"
            ),
            models.CheckConstraint(
                condition=Q(focal_y__isnull=True) | Q(focal_y__lte=100), name="photo_focal_y_percentage"
            ),
        ]

    def __str__(self):
        return self.caption or self.alt_text or f"Photo {self.pk or ''}".strip()

    def save(self, *args, **kwargs):
        # The new file is stored first; a failed save (here or later in the same block) removes it again.
        with atomic_with_file_cleanup():
            store_new_images(self, in_use=photo_file_in_use)
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def clean(self):
        if self.decorative:
            self.alt_text = ""
        elif not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": "Describe what the photo shows, or tick “decorative” if it adds nothing a reader needs."}
            )

    @property
    def alt(self):
        """The <img> alt attribute: empty for a decorative photo."""
        return "" if self.decorative else self.alt_text
