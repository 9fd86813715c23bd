"""E-mails through Django's mail framework: Publishers hear of work submitted for review, the author hears of an
approval or a send-back. Nobody is e-mailed about their own action."""

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q

from core.roles import publish_codename

logger = logging.getLogger(__name__)


class NotSent(Exception):  # noqa: N818 (reads as what happened)
    """Some e-mails could not be sent (the mail server refused or was unreachable); they are logged."""


def publishers_of(model):
    """Active staff who may publish this type of item and have an e-mail address."""
    opts = model._meta
    permission = Permission.objects.filter(
        content_type__app_label=opts.app_label, codename=publish_codename(opts)
    ).first()
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    allowed = Q(is_superuser=True)
    if permission is not None:
        allowed |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return users.filter(allowed).distinct().order_by("pk")


def _send(subject, lines, recipients, actor):
    actor_pk = getattr(actor, "pk", None)
    addresses = sorted({user.email for user in recipients if user is not None and user.pk != actor_pk})
    if not addresses:
        return 0
    body = "\n\n".join(line for line in lines if line)
    sent = 0
    # One message per person: nobody sees who else was told.
    for address in addresses:
        try:
            send_mail(subject, body, None, [address])
        except (OSError, smtplib.SMTPException):
            # The review step is done all the same; the caller tells the user the e-mail did not go.
            logger.exception("Could not send the e-mail %r to %s", subject, address)
            continue
        sent += 1
    if sent < len(addresses):
        raise NotSent(len(addresses) - sent)
    return sent


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "someone"


def submitted(draft, model, actor, url):
    lines = [
        f"{_name(actor)} submitted “{draft.object_repr}” ({model._meta.verbose_name}) for review.",
        f"Their message: {draft.message}" if draft.message else "",
        f"Review it (approve or send it back): {url}",
    ]
    return _send(f"For review: {draft.object_repr}", lines, list(publishers_of(model)), actor)


def approved(draft, actor, url, publish_at=None, now=None):
    from .status import when

    if publish_at is not None and now is not None and publish_at > now:
        what = f"approved it; it goes live on {when(publish_at)}"
    else:
        what = "approved and published it"
    lines = [f"“{draft.object_repr}”: {_name(actor)} {what}.", url]
    return _send(f"Approved: {draft.object_repr}", lines, [draft.author], actor)


def sent_back(draft, actor, comment, url):
    lines = [
        f"{_name(actor)} sent “{draft.object_repr}” back to you.",
        f"Their comment: {comment}" if comment else "",
        f"Make the changes and submit it again: {url}",
    ]
    return _send(f"Sent back: {draft.object_repr}", lines, [draft.author], actor)
