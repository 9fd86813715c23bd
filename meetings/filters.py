import django_filters
from django.db.models import Q

from iomeu.filters import FilterSet, Select, published_years, search_text_filter
from iomeu.models import Topic

from .models import EUService, Meeting

year_choices = published_years(Meeting, "date")


class MeetingFilter(FilterSet):
    q = search_text_filter()
    year = django_filters.ChoiceFilter(
        label="Year", choices=year_choices, method="filter_year", empty_label="Any year", widget=Select
    )
    level = django_filters.ChoiceFilter(
        label="Level", choices=Meeting.Level.choices, empty_label="Any level", widget=Select
    )
    service = django_filters.ModelChoiceFilter(
        label="EU service (host or participant)",
        queryset=EUService.objects.published(),
        to_field_name="slug",
        method="filter_service",
        empty_label="Any service",
        widget=Select,
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label="Any topic",
        widget=Select,
    )

    class Meta:
        model = Meeting
        fields = ["q", "year", "level", "service", "topic"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))

    def filter_service(self, queryset, name, service):
        attended = Meeting.services.through.objects.filter(euservice=service).values("meeting_id")
        return queryset.filter(Q(host=service) | Q(pk__in=attended))
