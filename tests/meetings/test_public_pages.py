import datetime
import re

import pytest
from django.urls import reverse

from core.dates import DatePrecision
from meetings.models import Meeting

from . import factories
from .page import DAY_PATTERN, elements, links, table_rows, unlabelled_controls, visible_text

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("meetings:list", {}),
    ("meetings:participation", {}),
    ("meetings:service_list", {}),
    ("meetings:detail", {"slug": "5th-senior-officials-meeting"}),
    ("meetings:detail", {"slug": "10th-senior-officials-meeting"}),
    ("meetings:service_detail", {"slug": "dg-home"}),
    ("meetings:service_detail", {"slug": "dg-intpa"}),
]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_every_public_page_is_an_accessible_html_page(client, record, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert len(elements(response, "html", lang="en")) == 1
    assert len(elements(response, "h1")) == 1, "one h1 per page"
    assert elements(response, "main", id="main")
    assert elements(response, "a", href="#main"), "skip link"
    assert elements(response, "nav") and elements(response, "header") and elements(response, "footer")
    assert unlabelled_controls(response) == []
    for image in elements(response, "img"):
        assert image.get("alt"), image
    scripts = elements(response, "script")
    assert all(script.get("type") == "application/ld+json" for script in scripts), "no scripts, only JSON-LD data"
    assert " style=" not in response.content.decode(), "no inline styles"


def test_the_meeting_list_shows_published_meetings_newest_first(client, record):
    response = client.get(reverse("meetings:list"))
    text = visible_text(response)
    assert "3 meetings" in text
    titles = [m.title for m in response.context["meetings"]]
    assert titles == [
        "10th Senior Officials Meeting",
        "Heads of Unit meeting on climate mobility",
        "5th Senior Officials Meeting",
    ]
    assert reverse("meetings:detail", kwargs={"slug": "5th-senior-officials-meeting"}) in links(response)
    assert "14 May 2018" in text and "November 2019" in text
    assert "hosted by DG HOME" in text


def test_the_meeting_list_is_paginated_and_pagination_keeps_the_filters(client):
    home = factories.make_service("DG HOME")
    for day in range(1, 26):
        factories.make_meeting(date=datetime.date(2020, 1, day), host=home, level=Meeting.Level.EXPERT)
    factories.make_meeting(date=datetime.date(2020, 2, 1), level=Meeting.Level.EXPERT)  # not hosted by HOME

    first = client.get(reverse("meetings:list"), {"service": "dg-home", "level": "expert"})
    assert "25 meetings" in visible_text(first)
    assert len(first.context["meetings"]) == 20
    assert "Page 1 of 2" in visible_text(first)
    next_links = elements(first, "a", rel="next")
    assert len(next_links) == 1
    href = next_links[0]["href"]
    assert "service=dg-home" in href and "level=expert" in href and "page=2" in href

    second = client.get(reverse("meetings:list") + href)
    assert second.status_code == 200
    assert len(second.context["meetings"]) == 5
    assert "Page 2 of 2" in visible_text(second)
    previous = elements(second, "a", rel="prev")[0]["href"]
    assert "service=dg-home" in previous and "page=1" in previous


def test_the_filter_form_is_a_plain_get_form_with_a_label_for_every_control(client, record):
    response = client.get(reverse("meetings:list"))
    # The filter form, besides the site search in the header (its own box, labelled, named q too).
    forms = [attrs for attrs in elements(response, "form") if "filters" in attrs.get("class", "")]
    assert len(forms) == 1 and forms[0]["method"] == "get"
    assert elements(response, "button", type="submit")
    labels = {attrs["for"] for attrs in elements(response, "label")}
    assert "header-search" in labels
    for name in ["q", "year", "level", "service", "topic"]:
        controls = [
            attrs
            for tag in ("input", "select")
            for attrs in elements(response, tag, name=name)
            if attrs.get("id") != "header-search"
        ]
        assert len(controls) == 1, name
        assert controls[0]["id"] in labels, name
    # Only years with a published meeting are offered (the draft's 2026 is not).
    years = [attrs.get("value") for attrs in elements(response, "option") if (attrs.get("value") or "").isdigit()]
    assert {"2018", "2019", "2024"} <= set(years)
    assert "2026" not in years


def test_the_chosen_filters_stay_selected_in_the_form(client, record):
    response = client.get(reverse("meetings:list"), {"year": "2018", "service": "dg-home"})

    selected = [attrs.get("value") for attrs in elements(response, "option") if "selected" in attrs]
    # One per <select>: the chosen year and service, and "Any ..." for the level and the topic.
    assert selected == ["2018", "", "dg-home", ""]


def test_a_filter_error_is_shown_next_to_its_field_and_linked_to_it(client, record):
    response = client.get(reverse("meetings:list"), {"year": "1850"})
    assert response.status_code == 200
    select = elements(response, "select", name="year")[0]
    assert select.get("aria-invalid") == "true"
    described_by = select.get("aria-describedby", "").split()
    assert described_by, "the error is announced with the field"
    for error_id in described_by:
        assert elements(response, "p", id=error_id) or elements(response, "div", id=error_id), error_id
    assert "Select a valid choice" in visible_text(response)


def test_the_meeting_page_shows_everything_about_the_meeting(client, record):
    som5 = record["som5"]
    som5.body = "First paragraph of the discussion.\n\nSecond paragraph."
    som5.location = "Brussels, Berlaymont"
    som5.save()
    factories.make_quote(som5, record["swing"], text="Migration is inevitable, necessary and desirable.")
    factories.make_photo_row(som5, caption="The opening session", credit="© IOM 2018", alt_text="Delegates seated")

    response = client.get(som5.get_absolute_url())
    text = visible_text(response)
    assert elements(response, "h1")
    assert "Senior Officials Meeting · 5th meeting" in text and "edition" not in text
    assert "14 May 2018" in text and elements(response, "time", datetime="2018-05-14")
    assert "Brussels, Berlaymont" in text
    assert "First paragraph of the discussion." in text and "Second paragraph." in text
    assert "Migration is inevitable, necessary and desirable." in text
    assert "William Lacy Swing, Director General, IOM" in text
    assert "The opening session" in text and "© IOM 2018" in text
    assert elements(response, "img", alt="Delegates seated")
    hrefs = links(response)
    for service in ("home", "devco", "eeas"):
        assert record[service].get_absolute_url() in hrefs
    assert reverse("meetings:list") + "?topic=return-and-reintegration" in hrefs


def test_participants_are_shown_with_the_title_they_held_on_the_day(client, record):
    swing, pope = record["swing"], record["pope"]
    # Swing in 2018 was Director General; Pope in 2024 was Director General, no longer Deputy.
    page_2018 = visible_text(client.get(record["som5"].get_absolute_url()))
    assert "William Lacy Swing, Director General, IOM" in page_2018
    page_2024 = visible_text(client.get(record["som10"].get_absolute_url()))
    assert "Amy Pope, Director General, IOM" in page_2024
    assert "Deputy" not in page_2024
    # The same person at a 2022 meeting carries the title of that time.
    meeting_2022 = factories.make_meeting(date=datetime.date(2022, 10, 7), participants=[pope, swing])
    page_2022 = visible_text(client.get(meeting_2022.get_absolute_url()))
    assert "Amy Pope, Deputy Director General for Management and Reform, IOM" in page_2022
    assert "William Lacy Swing" in page_2022 and "William Lacy Swing, Director General" not in page_2022


def test_a_year_precision_meeting_never_shows_a_day(client, record):
    som10 = record["som10"]
    pages = [
        client.get(som10.get_absolute_url()),
        client.get(reverse("meetings:list")),
        client.get(reverse("meetings:participation")),
        client.get(record["near"].get_absolute_url()),
        client.get(record["home"].get_absolute_url()),
    ]
    for response in pages:
        html = response.content.decode()
        text = visible_text(response)
        assert "2024" in text
        assert not [m for m in DAY_PATTERN.finditer(text) if m.group().endswith("2024")], response.request["PATH_INFO"]
        assert not re.search(r"January 2024|March 2024", text)
        assert "2024-01-01" not in html and "2024-03-20" not in html
    detail = pages[0]
    assert "not recorded" not in visible_text(detail)
    # No calendar entry: a year is no day to put in a calendar.
    assert reverse("meeting_calendar", args=[som10.slug]) not in links(detail)


def test_a_month_precision_meeting_shows_the_month_but_no_day(client, record):
    response = client.get(record["heads"].get_absolute_url())
    text = visible_text(response)
    assert "November 2019" in text
    assert not DAY_PATTERN.search(text)
    assert elements(response, "time", datetime="2019-11")


def test_an_unknown_meeting_is_a_404(client, record):
    assert client.get(reverse("meetings:detail", kwargs={"slug": "no-such-meeting"})).status_code == 404
    assert client.get(reverse("meetings:service_detail", kwargs={"slug": "dg-nothing"})).status_code == 404


def test_the_services_page_lists_every_service_with_its_joining_date_and_line(client, record):
    response = client.get(reverse("meetings:service_list"))
    text = visible_text(response)
    for acronym in ["DG HOME", "DG DEVCO", "DG INTPA", "DG NEAR", "EEAS"]:
        assert acronym in text
    assert "Joined the framework in February 2016" in text
    assert "succeeded DG DEVCO" in text and "succeeded by DG INTPA" in text
    assert record["near"].get_absolute_url() in links(response)


@pytest.mark.parametrize("member", ["devco", "intpa"])
def test_a_service_page_shows_its_whole_line(client, record, member):
    first = record["devco"]
    middle = record["intpa"]
    last = factories.make_service("DG FUTURE", predecessor=middle, succeeded_predecessor_on=datetime.date(2030, 1, 1))
    response = client.get(record[member].get_absolute_url())
    section = visible_text(response).split("Predecessors and successors", 1)[1].split(" Meetings it")[0]
    line = section.split(")")
    assert [entry.strip().split(" (")[0] for entry in line if entry.strip()] == ["DG DEVCO", "DG INTPA", "DG FUTURE"]
    hrefs = links(response)
    for service in (first, middle, last):
        if service != record[member]:
            assert service.get_absolute_url() in hrefs
    assert elements(response, "strong", **{"aria-current": "page"})


def test_the_line_is_also_shown_from_the_newest_service(client, record):
    response = client.get(record["intpa"].get_absolute_url())
    text = visible_text(response)
    assert "Predecessor DG DEVCO, until January 2021" in text
    response = client.get(record["devco"].get_absolute_url())
    assert "Successor DG INTPA, from January 2021" in visible_text(response)


def test_a_service_page_lists_the_meetings_it_hosted_and_attended(client, record):
    response = client.get(record["home"].get_absolute_url())
    assert [m.title for m in response.context["hosted"]] == ["5th Senior Officials Meeting"]
    assert [m.title for m in response.context["attended"]] == ["10th Senior Officials Meeting"]
    text = visible_text(response)
    assert "Meetings it hosted" in text and "Meetings it attended" in text
    assert record["som5"].get_absolute_url() in links(response)
    assert record["som10"].get_absolute_url() in links(response)

    # A service with no meeting has no empty sections.
    lonely = factories.make_service("DG LONELY")
    lonely_text = visible_text(client.get(lonely.get_absolute_url()))
    assert "Meetings it hosted" not in lonely_text and "Meetings it attended" not in lonely_text
    assert "None on record" not in lonely_text


def test_a_busy_service_page_shows_its_latest_meetings_and_links_to_all_of_them(client):
    busy = factories.make_service("DG BUSY")
    for day in range(1, 16):
        factories.make_meeting(date=datetime.date(2020, 1, day), host=busy, services=[busy])
    response = client.get(busy.get_absolute_url())
    hosted = response.context["hosted"]
    assert len(hosted) == 10
    assert hosted[0].date == datetime.date(2020, 1, 15)
    assert "Latest meetings it hosted" in visible_text(response)
    assert f"{reverse('meetings:list')}?service={busy.slug}" in links(response)
    listed = client.get(reverse("meetings:list"), {"service": busy.slug})
    assert listed.context["paginator"].count == 15


def test_a_service_page_with_few_meetings_has_no_link_to_more(client, record):
    response = client.get(record["home"].get_absolute_url())
    assert not any("?service=" in (href or "") for href in links(response))


def test_the_participation_matrix_is_a_real_table_with_headers_and_a_caption(client, record):
    response = client.get(reverse("meetings:participation"))
    assert len(elements(response, "table")) == 1
    assert elements(response, "caption")
    rows = table_rows(response)
    header, body = rows[0], rows[1:]
    assert all(tag == "th" and attrs.get("scope") == "col" for tag, attrs, _ in header)
    assert [text for _, _, text in header] == ["EU service", "5th 14 May 2018", "10th 2024"]
    for row in body:
        assert row[0][0] == "th" and row[0][1].get("scope") == "row"
        assert all(tag == "td" for tag, _, _ in row[1:])
    by_service = {row[0][2]: [text for _, _, text in row[1:]] for row in body}
    # Hosts and attendees for SOM 5 (HOME hosted, DEVCO and EEAS attended) and SOM 10 (NEAR hosted).
    assert by_service["DG HOME"] == ["H hosted", "✓ attended"]
    assert by_service["DG DEVCO"] == ["✓ attended", "— not listed"]
    assert by_service["DG NEAR"] == ["— not listed", "H hosted"]
    assert by_service["DG INTPA"] == ["— not listed", "✓ attended"]
    assert by_service["EEAS"] == ["✓ attended", "— not listed"]


def test_a_host_missing_from_the_participants_still_appears_as_host_in_the_matrix(client):
    host = factories.make_service("DG ECHO")
    other = factories.make_service("EEAS")
    factories.make_meeting(edition=2, date=datetime.date(2014, 10, 1), host=host, services=[other])
    rows = table_rows(client.get(reverse("meetings:participation")))
    by_service = {row[0][2]: [text for _, _, text in row[1:]] for row in rows[1:]}
    assert by_service == {"DG ECHO": ["H hosted"], "EEAS": ["✓ attended"]}


def test_the_matrix_only_counts_senior_officials_meetings(client, record):
    rows = table_rows(client.get(reverse("meetings:participation")))
    assert len(rows[0]) == 3  # the corner and two SOMs; the Heads of Unit meeting is not a column


def test_the_matrix_says_so_when_nothing_is_published(client, db):
    factories.make_draft()
    response = client.get(reverse("meetings:participation"))
    assert response.status_code == 200
    assert not elements(response, "table")
    assert "No Senior Officials Meeting is published yet." in visible_text(response)


def test_a_dated_title_wins_over_an_undated_one_on_every_database(client):
    """An undated position covers every day; a dated one held on the day is more precise and is shown."""
    person = factories.make_person(
        "Laura Thompson",
        positions=[
            ("Member of the delegation", "IOM", None, None),
            ("Deputy Director General", "IOM", datetime.date(2009, 9, 1), datetime.date(2019, 8, 31)),
        ],
    )
    meeting = factories.make_meeting(date=datetime.date(2016, 2, 16), participants=[person])
    text = visible_text(client.get(meeting.get_absolute_url()))
    assert "Laura Thompson, Deputy Director General, IOM" in text


def test_a_year_precision_meeting_shows_a_title_that_began_during_that_year(client):
    vitorino = factories.make_person(
        "António Vitorino",
        positions=[("Director General", "IOM", datetime.date(2018, 10, 1), datetime.date(2023, 9, 30))],
    )
    meeting = factories.make_meeting(
        date=datetime.date(2018, 1, 1), date_precision=DatePrecision.YEAR, participants=[vitorino]
    )
    assert "António Vitorino, Director General, IOM" in visible_text(client.get(meeting.get_absolute_url()))


def test_paging_through_meetings_on_the_same_day_shows_each_exactly_once(client, db):
    # 45 meetings on one day, without an edition: only the tie-breaker orders them.
    made = {factories.make_meeting(date=datetime.date(2019, 5, 6)).slug for _ in range(45)}

    shown = []
    for number in (1, 2, 3):
        response = client.get(reverse("meetings:list"), {"page": number})
        shown += [meeting.slug for meeting in response.context["meetings"]]

    assert sorted(shown) == sorted(made)
