import datetime

import pytest

from core.dates import DatePrecision
from meetings.models import Meeting

from . import factories


@pytest.fixture
def editor(db):
    """Staff who may change meetings: sees drafts as a preview."""
    return factories.make_staff("editor", permissions=["meetings.change_meeting", "meetings.view_meeting"])


@pytest.fixture
def staff_without_permission(db):
    return factories.make_staff("reader", permissions=["meetings.view_meeting"])


@pytest.fixture
def record(db):
    """A small record shaped like the real one: services with a line, IOM Directors General, three SOMs."""
    home = factories.make_service("DG HOME", full_name="Migration and Home Affairs", kind="dg")
    devco = factories.make_service("DG DEVCO", full_name="International Cooperation and Development", kind="dg")
    intpa = factories.make_service(
        "DG INTPA",
        full_name="International Partnerships",
        predecessor=devco,
        succeeded_predecessor_on=datetime.date(2021, 1, 16),
    )
    near = factories.make_service(
        "DG NEAR",
        full_name="Neighbourhood and Enlargement Negotiations",
        joined_framework_on=datetime.date(2016, 2, 16),
    )
    eeas = factories.make_service("EEAS", full_name="European External Action Service", kind="eeas")
    swing = factories.make_person(
        "William Lacy Swing",
        positions=[("Director General", "IOM", datetime.date(2008, 10, 1), datetime.date(2018, 9, 30))],
    )
    pope = factories.make_person(
        "Amy Pope",
        positions=[
            ("Deputy Director General for Management and Reform", "IOM", datetime.date(2021, 9, 1), None),
            ("Director General", "IOM", datetime.date(2023, 10, 1), None),
        ],
    )
    # Pope's deputy post ended when she became DG; close it so exactly one title holds on any day.
    pope.positions.filter(title__startswith="Deputy").update(end=datetime.date(2023, 9, 30))
    migration = factories.make_topic("Return and reintegration")
    climate = factories.make_topic("Climate and migration")
    som5 = factories.make_meeting(
        "5th Senior Officials Meeting",
        slug="5th-senior-officials-meeting",
        edition=5,
        date=datetime.date(2018, 5, 14),
        host=home,
        services=[home, devco, eeas],
        topics=[migration],
        participants=[swing],
        summary="The fifth meeting reviewed return and reintegration.",
    )
    som10 = factories.make_meeting(
        "10th Senior Officials Meeting",
        slug="10th-senior-officials-meeting",
        edition=10,
        date=datetime.date(2024, 3, 20),
        date_precision=DatePrecision.YEAR,
        host=near,
        services=[near, home, intpa],
        topics=[climate],
        participants=[pope],
        summary="The tenth meeting, hosted by DG NEAR in early 2024.",
    )
    heads = factories.make_meeting(
        "Heads of Unit meeting on climate mobility",
        slug="heads-of-unit-climate-2019",
        level=Meeting.Level.HEADS_OF_UNIT,
        edition=1,
        date=datetime.date(2019, 11, 1),
        date_precision=DatePrecision.MONTH,
        host=eeas,
        services=[eeas],
        topics=[climate],
        summary="Heads of Unit discussed climate mobility.",
    )
    draft = factories.make_draft(
        title="Secret draft meeting",
        slug="secret-draft-meeting",
        edition=12,
        date=datetime.date(2026, 2, 2),
        host=intpa,
        services=[intpa, home],
        topics=[climate],
        summary="Not yet approved for the public.",
    )
    return {
        "home": home,
        "devco": devco,
        "intpa": intpa,
        "near": near,
        "eeas": eeas,
        "swing": swing,
        "pope": pope,
        "return": migration,
        "climate": climate,
        "som5": som5,
        "som10": som10,
        "heads": heads,
        "draft": draft,
    }
