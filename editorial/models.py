"""What waits for a Publisher: pending drafts of live items (and of new reference data), and each review step.

A ``Draft`` is one item's editorial state, kept beside the item, never in its table, so that the public keeps seeing
the live version byte for byte:

- with ``payload``: changes to an item the public sees (or a new item of reference data, ``object_id`` empty), the
  item and its inline rows serialised as django-reversion serialises a revision; publishing applies it whole.
- without ``payload``: an item that has never been published (status draft) and only needs its review state kept.

``ReviewEvent`` keeps every step (saved as draft, submitted, approved, scheduled, sent back, published, discarded)
with who, when and the comment, for the item's history.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class Draft(models.Model):
    class State(models.TextChoices):
        EDITING = "editing", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Scheduled"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True, blank=True, help_text="Empty for a new item not yet created.")
    object_repr = models.CharField(max_length=250)
    payload = models.TextField(blank=True, help_text="The item and its inline rows as serialised JSON.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.EDITING)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(blank=True, help_text="The author's note to the reviewers.")
    publish_at = models.DateTimeField(null=True, blank=True, help_text="When an approved draft goes live.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(object_id__isnull=False),
                name="draft_one_per_item",
                violation_error_message="This item already has a pending draft.",
            ),
            models.CheckConstraint(
                condition=Q(object_id__isnull=False) | ~Q(payload=""), name="draft_new_item_has_payload"
            ),
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(publish_at__isnull=False), name="draft_approved_has_time"
            ),
        ]
        indexes = [
            # The dashboard's and the lists' look-ups: drafts of a type, by state.
            models.Index(fields=["content_type", "state"], name="draft_type_state"),
        ]

    def __str__(self):
        return f"Draft of {self.object_repr}"

    @property
    def is_new_item(self):
        return self.object_id is None

    @property
    def has_changes(self):
        return bool(self.payload)


class ReviewEvent(models.Model):
    class Action(models.TextChoices):
        SAVED = "saved", "Saved as draft"
        SUBMITTED = "submitted", "Submitted for review"
        APPROVED = "approved", "Approved and published"
        SCHEDULED = "scheduled", "Approved, to be published"
        SENT_BACK = "sent_back", "Sent back"
        PUBLISHED = "published", "Published"
        DISCARDED = "discarded", "Draft discarded"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    draft = models.ForeignKey(Draft, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    object_repr = models.CharField(max_length=250)
    action = models.CharField(max_length=10, choices=Action.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="reviewevent_item")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"
