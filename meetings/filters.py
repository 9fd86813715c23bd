import django_filters
from django.db.models import Q

from iomeu.filters import FilterSet, search_text_filter, topic_filter, year_filter

from .models import EUService, Meeting


class MeetingFilter(FilterSet):
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

    class Meta:
        model = Meeting
        fields = ["q", "year", "level", "service", "topic"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))

    def filter_service(self, queryset, name, service):
        attended = Meeting.services.through.objects.filter(euservice=service).values("meeting_id")
        return queryset.filter(Q(host=service) | Q(pk__in=attended))
