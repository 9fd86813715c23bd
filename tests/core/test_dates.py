import datetime

import pytest
from django.template import Context, Template

from core import dates
from core.dates import DatePrecision

MONTH_NAMES = "January February March April May June July August September October November December".split()


@pytest.mark.parametrize("month", range(1, 13))
def test_a_date_reads_as_djangos_date_filter_writes_it_in_every_month(month):
    """The public pages and the admin (which uses the date filter) show the same date the same way."""
    day = datetime.date(2023, month, 9)
    name = MONTH_NAMES[month - 1]
    shown = Template('{{ day|date:"j F Y" }}|{{ day|date:"F Y" }}').render(Context({"day": day}))
    assert shown == f"9 {name} 2023|{name} 2023"
    assert dates.display(day, DatePrecision.DAY) == f"9 {name} 2023"
    assert dates.display(day, DatePrecision.MONTH) == f"{name} 2023"
    assert dates.display(day, DatePrecision.YEAR) == "2023"
    assert [dates.iso(day, precision) for precision in DatePrecision] == [
        f"2023-{month:02d}-09",
        f"2023-{month:02d}",
        "2023",
    ]


@pytest.mark.parametrize(
    ("day", "precision", "first", "last"),
    [
        (datetime.date(2024, 2, 9), DatePrecision.DAY, datetime.date(2024, 2, 9), datetime.date(2024, 2, 9)),
        (datetime.date(2024, 2, 9), DatePrecision.MONTH, datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        (datetime.date(2023, 12, 9), DatePrecision.MONTH, datetime.date(2023, 12, 1), datetime.date(2023, 12, 31)),
        (datetime.date(2024, 6, 9), DatePrecision.YEAR, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
    ],
)
def test_a_date_stands_for_the_whole_period_its_precision_allows(day, precision, first, last):
    assert (dates.normalised(day, precision), dates.period_end(day, precision)) == (first, last)
