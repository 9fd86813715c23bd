import datetime

import pytest
from django.template import Context, Template
from django.utils import dateformat
from hypothesis import given
from hypothesis import strategies as st

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


def test_editors_type_and_read_dates_day_first_with_translation_off():
    """The site runs with USE_I18N off (it is in English only); dates still follow en-gb, so "05/06/2024" an editor
    types in the admin is 5 June, and the admin's date box shows a date back the same way."""
    from django import forms
    from django.contrib.admin.widgets import AdminDateWidget

    assert forms.DateField().clean("05/06/2024") == datetime.date(2024, 6, 5)
    assert 'value="05/06/2024"' in AdminDateWidget().render("date", datetime.date(2024, 6, 5))


@given(day=st.dates(min_value=datetime.date(1, 1, 1)), precision=st.sampled_from(DatePrecision))
def test_any_date_reads_and_dates_as_djangos_dateformat_writes_it(day, precision):
    """dates.display and dates.iso are written without dateformat (README "Benchmark"), and say what it says."""
    shown = {DatePrecision.DAY: "j F Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}[precision]
    machine = {DatePrecision.DAY: "Y-m-d", DatePrecision.MONTH: "Y-m", DatePrecision.YEAR: "Y"}[precision]
    assert dates.display(day, precision) == dateformat.format(day, shown)
    assert dates.iso(day, precision) == dateformat.format(day, machine)


@given(day=st.dates(min_value=datetime.date(1, 1, 1)))
def test_a_months_name_is_the_date_filters(day):
    assert dates.month_name(day) == dateformat.format(day, "F")
