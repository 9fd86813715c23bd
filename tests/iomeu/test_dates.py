import datetime

import pytest
from django.utils.dateformat import format as format_date

from iomeu.models import DatePrecision, date_at_precision


@pytest.mark.parametrize("month", range(1, 13))
def test_a_date_reads_as_djangos_date_filter_writes_it_in_every_month(month):
    """The public pages and the admin (which uses the date filter) show the same date the same way."""
    day = datetime.date(2023, month, 9)
    assert date_at_precision(day, DatePrecision.DAY) == format_date(day, "j F Y")
    assert date_at_precision(day, DatePrecision.MONTH) == format_date(day, "F Y")
    assert date_at_precision(day, DatePrecision.YEAR) == "2023"
