"""Site-wide pieces: shared topics and the publishing rules every public content type follows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


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
        return reverse("meetings:list") + f"?topic={self.slug}"
