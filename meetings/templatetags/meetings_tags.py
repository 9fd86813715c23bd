from django import template

register = template.Library()


@register.filter
def position_on(person, day):
    """The position a person held on a given day, e.g. {{ person|position_on:meeting.date }}."""
    return person.position_on(day)
