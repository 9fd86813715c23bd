"""The meetings half of the record: topics, EU services, people and their positions, meetings.

The data is meetings/record.json (copied from the source documents into the repository). Each item of the record is
brought back to what the record says: a record meeting's services, topics, participants and quotes become exactly
the record's. Items staff added themselves (other meetings, other positions of a person) are left alone.
"""

from pathlib import Path

from core.models import Status, Topic
from core.seeding import (
    CREATED,
    REMOVED,
    UNCHANGED,
    UPDATED,
    Tally,
    create,
    lookup,
    noon_in_brussels,
    parse_date,
    read_json,
    set_related,
    sync,
    update,
)
from richtext.sanitise import from_plain_text

from .models import EUService, Meeting, Participation, Person, Position, Quote

DATA_FILE = Path(__file__).resolve().with_name("record.json")


def load(stdout):
    data = read_json(DATA_FILE)
    tally = Tally()
    topics = _load_topics(data["topics"], tally)
    services = _load_services(data["services"], tally)
    people = _load_people(data["people"], tally)
    for item in data["meetings"]:
        _load_meeting(item, topics, services, people, tally)
    tally.write(stdout, "Meetings record:")


def _load_topics(items, tally):
    topics = {}
    for item in items:
        topic, outcome = sync(Topic, {"slug": item["slug"]}, {"name": item["name"], "description": item["description"]})
        tally.add("topics", outcome)
        topics[topic.slug] = topic
    return topics


def _load_services(items, tally):
    # The file lists a predecessor before its successor (DG DEVCO before DG INTPA).
    services = {}
    for item in items:
        values = {
            "acronym": item["acronym"],
            "full_name": item["full_name"],
            "kind": item["kind"],
            "description": item["description"],
            "joined_framework_on": parse_date(item.get("joined_framework_on")),
            "predecessor": lookup(services, item["predecessor"], "EU service") if item.get("predecessor") else None,
            "succeeded_predecessor_on": parse_date(item.get("succeeded_predecessor_on")),
            "website": item.get("website", ""),
        }
        service, outcome = sync(EUService, {"slug": item["slug"]}, values)
        tally.add("EU services", outcome)
        services[service.slug] = service
    return services


def _load_people(items, tally):
    people = {}
    for item in items:
        person, outcome = sync(Person, {"slug": item["slug"]}, {"name": item["name"]})
        tally.add("people", outcome)
        for position in item["positions"]:
            key = {"person": person, "title": position["title"], "organisation": position["organisation"]}
            values = {"start": parse_date(position["start"]), "end": parse_date(position["end"])}
            tally.add("positions", sync(Position, key, values)[1])
        people[person.slug] = person
    return people


def _load_meeting(item, topics, services, people, tally):
    date = parse_date(item["date"])
    values = {
        "title": item["title"],
        "level": item["level"],
        "edition": item["edition"],
        "date": date,
        "date_precision": item["date_precision"],
        "location": item["location"],
        "host": lookup(services, item["host"], "EU service") if item["host"] else None,
        "summary": from_plain_text(item["summary"], "summary"),
        "body": from_plain_text(item["body"]),
        "status": Status.PUBLISHED,
        "published_at": noon_in_brussels(date),
        "expires_at": None,
    }
    meeting, outcome = sync(Meeting, {"slug": item["slug"]}, values)
    links_changed = set_related(meeting.services, [lookup(services, slug, "EU service") for slug in item["services"]])
    links_changed |= set_related(meeting.topics, [lookup(topics, slug, "topic") for slug in item["topics"]])

    for order, participant in enumerate(item["participants"]):
        key = {"meeting": meeting, "person": lookup(people, participant["person"], "person")}
        tally.add("participants", sync(Participation, key, {"role": participant["role"], "order": order})[1])
    listed = [lookup(people, participant["person"], "person") for participant in item["participants"]]
    for _ in meeting.participations.exclude(person__in=listed):
        tally.add("participants", REMOVED)
    meeting.participations.exclude(person__in=listed).delete()

    # Quotes have no natural key: the record's n-th quote is the meeting's n-th quote.
    existing = list(meeting.quotes.order_by("order", "pk"))
    for order, quote in enumerate(item["quotes"]):
        values = {"speaker": lookup(people, quote["speaker"], "person"), "text": quote["text"], "order": order}
        if order < len(existing):
            tally.add("quotes", update(existing[order], values))
        else:
            create(Quote, {"meeting": meeting, **values})
            tally.add("quotes", CREATED)
    for extra in existing[len(item["quotes"]) :]:
        extra.delete()
        tally.add("quotes", REMOVED)

    if outcome == UNCHANGED and links_changed:
        outcome = UPDATED
    tally.add("meetings", outcome)
