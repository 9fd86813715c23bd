"""Dates the record knows only to the day, the month or the year, and the site never shows more than that.

Such a date is stored as the first day of its period with its precision beside it (meetings and publications cut
it on save; a milestone's form asks the editor to).
"""

import datetime

from django.db import models
from django.utils.dateformat import format as format_date


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


# The formats of Django's date filter, so that the admin and templates using |date read the same.
DISPLAY_FORMATS = {DatePrecision.DAY: "j F Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}
ISO_FORMATS = {DatePrecision.DAY: "Y-m-d", DatePrecision.MONTH: "Y-m", DatePrecision.YEAR: "Y"}


def normalised(day, precision):
    """The first day of the known period, so that a month or year never pretends to a day."""
    if day is None:
        return None
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 1, 1)
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    return day


def period_end(day, precision):
    """The last day of the period the date stands for."""
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        next_month = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return next_month - datetime.timedelta(days=1)
    return day


def display(day, precision):
    """The date as far as it is known: "4 April 2025", "April 2024" or "2024"."""
    return format_date(day, DISPLAY_FORMATS[precision])


def iso(day, precision):
    """The same date for a <time datetime> attribute or JSON-LD: "2025-04-04", "2024-04" or "2024"."""
    return format_date(day, ISO_FORMATS[precision])
