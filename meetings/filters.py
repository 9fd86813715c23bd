import django_filters
from django.db.models import Q

from core.filters import CountedOptions, FinderFilterSet, topic_filter, year_filter
from search.filters import FilterSet, search_text_filter

from .models import EUService, Meeting


class MeetingFilter(FinderFilterSet, FilterSet):
    q = search_text_filter()
    year = year_filter(Meeting, "date")
    level = django_filters.ChoiceFilter(label="Level", choices=Meeting.Level.choices, empty_label="Any level")
    service = django_filters.ModelChoiceFilter(
        label="EU service (host or participant)",
        queryset=EUService.objects.published(),
        to_field_name="slug",
        method="filter_service",
        empty_label="Any service",
    )
    topic = topic_filter()

    counted_options = {
        "year": CountedOptions((("date__year", None),), newest_first=True),
        "level": CountedOptions((("level", None),), label=lambda value, _: Meeting.Level(value).label),
        "service": CountedOptions((("host__slug", "host__acronym"), ("services__slug", "services__acronym"))),
        "topic": CountedOptions((("topics__slug", "topics__name"),)),
    }

    class Meta:
        model = Meeting
        fields = ["q", "year", "level", "service", "topic"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))

    def filter_service(self, queryset, name, service):
        attended = Meeting.services.through.objects.filter(euservice=service).values("meeting_id")
        return queryset.filter(Q(host=service) | Q(pk__in=attended))
