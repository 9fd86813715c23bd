"""Dates the record knows only to the day, the month or the year, and the site never shows more than that.

Such a date is stored as the first day of its period with its precision beside it (meetings and publications cut
it on save; a milestone's form asks the editor to).
"""

import datetime

from django.db import models
from django.utils.dates import MONTHS


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


# How much of an ISO 8601 date ("2025-04-04") each precision keeps.
ISO_LENGTHS = {DatePrecision.DAY: 10, DatePrecision.MONTH: 7, DatePrecision.YEAR: 4}


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
    """The date as far as it is known: "4 April 2025", "April 2024" or "2024".

    What Django's date filter writes for "j F Y", "F Y" and "Y" (the admin's way; tests/core/test_dates.py holds
    them equal), with its own month names, but not through dateformat, which reads its format letter by letter on
    each call: two dates on each of a list's twenty cards were 6% of the meetings list, the page furthest over the
    benchmark's goal against be30047 (README "Benchmark", 2026-12-06).
    """
    if precision == DatePrecision.YEAR:
        return f"{day.year:04d}"
    month = f"{month_name(day)} {day.year:04d}"
    return month if precision == DatePrecision.MONTH else f"{day.day} {month}"


def month_name(day):
    """ "April": the month alone, as the date filter's "F" writes it (a Presidency's "January-June 2017")."""
    return str(MONTHS[day.month])


def iso(day, precision):
    """The same date for a <time datetime> attribute or JSON-LD: "2025-04-04", "2024-04" or "2024"."""
    return day.isoformat()[: ISO_LENGTHS[precision]]
