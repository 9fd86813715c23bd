"""IOM's papers on EU migration policy: publications, their PDF files, Council Presidencies and series."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from core import dates
from core.dates import DatePrecision
from core.history import file_kept_by_history
from core.models import Publishable, PublishableQuerySet, Topic
from core.validators import validate_image_file
from richtext.fields import RichTextField

from . import storage
from .validators import cover_png, read_pdf, sha256_and_size, validate_pdf_upload


class PublicationKind(models.Model):
    """A kind of publication; the six the site started with are made by a migration, staff may add more."""

    PRESIDENCY_RECOMMENDATIONS = "presidency-recommendations"
    PRESS_RELEASE = "press-release"

    name = models.CharField(max_length=100, unique=True, help_text='Singular, e.g. "Policy paper".')
    plural_name = models.CharField(max_length=100, help_text='e.g. "Policy papers"; used as a heading.')
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in filter links; do not change it lightly.")
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Kinds are listed in this order.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "publication kind"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publications:list", query={"kind": self.slug})


class PresidencyQuerySet(models.QuerySet):
    def published(self):
        """Presidencies are reference data: every one is public (their recommendations follow their own rules)."""
        return self.all()


class Presidency(models.Model):
    """A semester's Presidency of the Council of the European Union."""

    member_state = models.CharField(max_length=80, help_text='The country holding the Presidency, e.g. "Malta".')
    slug = models.SlugField(max_length=100, unique=True, help_text='e.g. "malta-2017".')
    start = models.DateField(help_text="First day of the semester, e.g. 1 January 2017.")
    end = models.DateField(help_text="Last day of the semester, e.g. 30 June 2017.")

    objects = PresidencyQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = "Council Presidency"
        verbose_name_plural = "Council Presidencies"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="presidency_ends_after_start",
                violation_error_message="A Presidency must end after it starts.",
            ),
            models.UniqueConstraint(
                fields=["start"],
                name="presidency_one_per_start",
                violation_error_message="Another Presidency already starts on this day.",
            ),
        ]

    def __str__(self):
        return f"{self.member_state}, {self.period}"

    def get_absolute_url(self):
        return reverse("publications:presidencies", fragment=self.slug)

    @property
    def period(self):
        """ "January-June 2017", or "July 2024-January 2025" across a year's end."""
        end = dates.display(self.end, DatePrecision.MONTH)
        if self.start.year == self.end.year:
            return f"{dates.month_name(self.start)}-{end}"
        return f"{dates.display(self.start, DatePrecision.MONTH)}-{end}"


class Series(models.Model):
    title = models.CharField(max_length=200, unique=True, help_text='e.g. "Partnerships in Action".')
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:list", query={"series": self.slug})


def cover_upload_to(instance, filename):
    return storage.random_name("covers/uploaded", "png")


class PublicationQuerySet(PublishableQuerySet):
    def for_lists(self):
        """What lists and cards need, in a fixed number of queries (never the files' extracted text)."""
        return self.select_related("presidency", "series").with_kind_and_files()

    def with_kind_and_files(self):
        """The kind and the PDFs (without their extracted text): what a link to a publication with its PDF shows."""
        return self.select_related("kind").prefetch_related(
            models.Prefetch("files", queryset=PublicationFile.objects.defer("text"))
        )

    def for_links(self, with_kind=False):
        """Only what a link to a publication shows (title, date, edition, and the kind if asked): a detail page's
        related publications and editions read no summaries or bodies (a series can have dozens of editions)."""
        fields = ["title", "slug", "publication_date", "date_precision", "series", "edition"]
        if with_kind:
            return self.select_related("kind").only(*fields, "kind", "kind__name", "kind__slug")
        return self.only(*fields)


class Publication(Publishable):
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=250, unique=True, help_text="The web address: /publications/<slug>/.")
    kind = models.ForeignKey(PublicationKind, on_delete=models.PROTECT, related_name="publications")
    publication_date = models.DateField(
        help_text="When IOM issued it. For a date known only to the month or year, enter the first day of it."
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date is known; the site never shows more than this.",
    )
    summary = RichTextField(
        profile="summary",
        help_text="One paragraph shown in lists and at the top of the page: bold, italic and links are kept.",
    )
    quote = models.TextField("pull quote", blank=True, help_text="A sentence to feature, quoted exactly.")
    quote_source = models.CharField(
        "quote by",
        max_length=200,
        blank=True,
        help_text='Who said it, if not the publication itself, e.g. "William Lacy Swing, IOM Director General".',
    )
    body = RichTextField(
        blank=True,
        help_text="More about it: headings, paragraphs, bold, italic, lists, quotations and links are kept.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="publications")
    meetings = models.ManyToManyField(
        "meetings.Meeting",
        blank=True,
        related_name="publications",
        verbose_name="related meetings",
        help_text="A press release or paper about a meeting is listed on that meeting's page.",
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name="related publications", help_text="Linked both ways."
    )
    presidency = models.ForeignKey(
        Presidency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name="addressed to the Presidency",
        help_text="For recommendations to a Council Presidency.",
        db_index=False,  # publication_by_presidency below: only the few rows that have one
    )
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.PROTECT, related_name="publications")
    edition = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Its edition number within the series (2 for the second edition)."
    )
    cover_image = models.ImageField(
        upload_to=cover_upload_to,
        storage=storage.get_private_storage,
        blank=True,
        max_length=200,
        width_field="cover_width",
        height_field="cover_height",
        validators=[validate_image_file],
        help_text="Optional. Without one, the cover is made from the first page of the main PDF.",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-publication_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "edition"],
                condition=Q(series__isnull=False, edition__isnull=False),
                name="publication_one_edition_per_series",
                violation_error_message="This series already has a publication with this edition number.",
            ),
            models.CheckConstraint(
                condition=Q(edition__isnull=True) | Q(series__isnull=False, edition__gte=1),
                name="publication_edition_needs_series",
                violation_error_message="An edition number needs a series, and starts at 1.",
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values), name="publication_date_precision_valid"
            ),
        ]
        indexes = [
            # The public list's filter and order (-id too: SQLite otherwise sorts every row), with the
            # schedule last, so that counting and paging need not visit the table.
            models.Index(
                fields=["status", "-publication_date", "-id", "published_at", "expires_at"],
                name="publication_list_order",
            ),
            # Partial: most publications have no Presidency. A full index tells SQLite's planner that each
            # Presidency has hundreds of rows (the NULLs counted in), and it scanned every publication instead.
            models.Index(
                fields=["presidency", "publication_date"],
                condition=Q(presidency__isnull=False),
                name="publication_by_presidency",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.publication_date = dates.normalised(self.publication_date, self.date_precision)
        previous_cover = self._stored_cover_name()
        with storage.atomic_with_file_cleanup():
            if self.cover_image and not self.cover_image._committed:
                # Stored before the row, and noted, so that a failed save removes it again.
                self.cover_image.save(self.cover_image.name, self.cover_image.file, save=False)
                storage.note_new_file(self.cover_image.name, file_in_use)
            super().save(*args, **kwargs)
        if previous_cover and previous_cover != self.cover_image.name:
            delete_after_commit(previous_cover)

    def get_absolute_url(self):
        return reverse("publications:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.edition is not None and self.series_id is None:
            raise ValidationError({"edition": "Choose the series this edition belongs to, or leave it empty."})

    @property
    def date_display(self):
        return dates.display(self.publication_date, self.date_precision)

    @property
    def date_iso(self):
        return dates.iso(self.publication_date, self.date_precision)

    @property
    def is_press_release(self):
        return self.kind.slug == PublicationKind.PRESS_RELEASE

    @cached_property
    def main_file(self):
        """The English file, else the first one (uses prefetched files when present)."""
        files = list(self.files.all())
        for file in files:
            if file.language == PublicationFile.Language.ENGLISH:
                return file
        return files[0] if files else None

    def file_in(self, language):
        for file in self.files.all():
            if file.language == language:
                return file
        return None

    @property
    def has_cover(self):
        return bool(self.cover_image) or bool(self.main_file and self.main_file.thumbnail)

    @property
    def cover(self):
        """(stored name, width, height, version) of the cover the site shows, or None.

        The version changes with the stored file (each upload gets a new name), so cover URLs can be cached.
        """
        if self.cover_image:
            name, width, height = self.cover_image.name, self.cover_width, self.cover_height
        elif self.main_file and self.main_file.thumbnail:
            main = self.main_file
            name, width, height = main.thumbnail.name, main.thumbnail_width, main.thumbnail_height
        else:
            return None
        return name, width, height, hashlib.sha256(name.encode()).hexdigest()[:12]

    @property
    def cover_holder(self):
        """What holds the cover the site shows, as the images app serves it (renditions, checked view): this
        publication's uploaded cover, else its main PDF's first page, else None."""
        if self.cover_image:
            return self
        main = self.main_file
        return main if main and main.thumbnail else None

    def cover_url(self):
        cover = self.cover
        if cover is None:
            return ""
        return reverse("publications:cover", kwargs={"slug": self.slug}, query={"v": cover[3]})

    def _stored_cover_name(self):
        if self.pk is None:
            return ""
        return Publication.objects.filter(pk=self.pk).values_list("cover_image", flat=True).first() or ""


def pdf_upload_to(instance, filename):
    return storage.unique_name("pdfs", filename, "pdf")


def thumbnail_upload_to(instance, filename):
    return storage.random_name("covers/pages", "png")


class PublicationFile(models.Model):
    """One PDF of a publication, in one language. Size, pages, text and cover are read from it by read_upload()."""

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        FRENCH = "fr", "French"
        SPANISH = "es", "Spanish"

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    file = models.FileField(
        "PDF",
        upload_to=pdf_upload_to,
        storage=storage.get_private_storage,
        max_length=200,
        validators=[validate_pdf_upload],
        help_text="A PDF. Replacing it keeps the publication's download address.",
    )
    filename = models.CharField(
        "download file name",
        max_length=130,
        blank=True,
        help_text="The name people's computers save it under; empty: the uploaded file's name.",
    )
    size = models.PositiveBigIntegerField(default=0, editable=False, help_text="In bytes.")
    page_count = models.PositiveIntegerField(default=0, editable=False)
    text = models.TextField(blank=True, editable=False, help_text="Extracted from the PDF, for search.")
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    thumbnail = models.ImageField(
        upload_to=thumbnail_upload_to,
        storage=storage.get_private_storage,
        blank=True,
        editable=False,
        max_length=200,
        width_field="thumbnail_width",
        height_field="thumbnail_height",
    )
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    file_updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        # By the publication's id, not through it: ordering by "publication" joins the publications table to sort by
        # their own ordering, in every prefetch of files for a list.
        ordering = ["publication_id", "language"]
        verbose_name = "PDF file"
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "language"],
                name="publicationfile_one_per_language",
                violation_error_message="This publication already has a file in this language.",
            ),
            models.CheckConstraint(condition=Q(language__in=["en", "fr", "es"]), name="publicationfile_language_valid"),
        ]

    def __str__(self):
        return f"{self.publication} ({self.get_language_display()})"

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed and self.thumbnail._committed:
            raise ValueError("Call read_upload() on a PublicationFile given a new PDF before saving it.")
        previous = self._stored_names()
        with storage.atomic_with_file_cleanup():
            for new in (self.file, self.thumbnail):
                if new and not new._committed:
                    # Stored before the row, and noted, so that a failed save removes it again.
                    new.save(new.name, new.file, save=False)
                    storage.note_new_file(new.name, file_in_use)
            super().save(*args, **kwargs)
        for name in previous.values():
            if name and name not in {self.file.name, self.thumbnail.name}:
                delete_after_commit(name)

    def get_absolute_url(self):
        return reverse(
            "publications:download_language", kwargs={"slug": self.publication.slug, "language": self.language}
        )

    def read_url(self):
        return reverse("publications:read_language", kwargs={"slug": self.publication.slug, "language": self.language})

    @property
    def download_name(self):
        return storage.download_filename(self.filename, self.publication.slug)

    @property
    def etag(self):
        return f'"{self.sha256}"'

    def read_upload(self):
        """Read what the site records about a newly chosen PDF: size, hash, pages, text, and its first-page cover.

        Call it before save() whenever `file` is given a new PDF (the admin, the record loader and the test factories
        do); save() then stores the PDF and the cover. Nothing happens for a file already stored. The PDF is taken
        to be valid: the field's validator checks it in full_clean().
        """
        if not self.file or self.file._committed:
            return
        upload = self.file.file
        original_name = getattr(upload, "name", "") or self.file.name
        if not self.filename:
            self.filename = storage.download_filename(original_name, "document")
        self.sha256, self.size = sha256_and_size(upload)
        details = read_pdf(upload.temporary_file_path() if hasattr(upload, "temporary_file_path") else upload.read())
        upload.seek(0)
        self.page_count, self.text = details.page_count, details.text
        self.thumbnail = ContentFile(cover_png(details.cover), name=f"{storage.clean_stem(original_name)}.png")
        self.file_updated_at = timezone.now()

    def _stored_names(self):
        if self.pk is None:
            return {}
        row = PublicationFile.objects.filter(pk=self.pk).values("file", "thumbnail").first()
        return row or {}


class DownloadCount(models.Model):
    """How often a file was downloaded in a month. Nothing about who downloaded it is stored."""

    file = models.ForeignKey(PublicationFile, on_delete=models.CASCADE, related_name="download_counts")
    month = models.DateField(help_text="The first day of the month.")
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-month", "file"]
        constraints = [
            models.UniqueConstraint(fields=["file", "month"], name="downloadcount_one_per_file_month"),
        ]

    def __str__(self):
        return f"{self.file}: {self.count} in {dates.display(self.month, DatePrecision.MONTH)}"

    @classmethod
    def record(cls, file, today=None):
        """Add one download this month, safely when requests arrive at the same time."""
        month = (today or timezone.localdate()).replace(day=1)
        if cls.objects.filter(file=file, month=month).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(file=file, month=month, count=1)
        except IntegrityError:
            # Another request created this month's row first.
            cls.objects.filter(file=file, month=month).update(count=F("count") + 1)


def file_in_use(name):
    """True if any record, or a stored revision that staff may restore, still points at this stored name."""
    return (
        PublicationFile.objects.filter(file=name).exists()
        or PublicationFile.objects.filter(thumbnail=name).exists()
        or Publication.objects.filter(cover_image=name).exists()
        or file_kept_by_history(name)
    )


def delete_after_commit(name):
    """Remove a publication's stored file after the commit, unless another record or a revision still uses it."""
    storage.delete_after_commit(name, in_use=file_in_use)
