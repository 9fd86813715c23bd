from django import template

register = template.Library()


@register.filter
def press_releases(publications):
    """The press releases among already fetched publications: {{ meeting.public_publications|press_releases }}."""
    return [publication for publication in publications if publication.is_press_release]


@register.filter
def papers(publications):
    """Everything but the press releases among already fetched publications."""
    return [publication for publication in publications if not publication.is_press_release]
