from django import template

register = template.Library()


@register.filter
def position_on(person, day):
    """The position a person held on a given day, e.g. {{ person|position_on:meeting.date }}."""
    return person.position_on(day)


@register.filter
def position_at(person, meeting):
    """The position a person held at a meeting, within the period its date stands for."""
    return person.position_on(meeting.date, meeting.period_end)
