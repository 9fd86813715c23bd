import django_filters
from django import forms
from django.db.models import Q

from iomeu import search
from iomeu.models import Topic

from .models import EUService, Meeting


def year_choices():
    years = Meeting.objects.published().dates("date", "year", order="DESC")
    return [(day.year, str(day.year)) for day in years]


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    year = django_filters.ChoiceFilter(label="Year", choices=year_choices, method="filter_year", empty_label="Any year")
    level = django_filters.ChoiceFilter(label="Level", choices=Meeting.Level.choices, empty_label="Any level")
    service = django_filters.ModelChoiceFilter(
        label="EU service (host or participant)",
        queryset=EUService.objects.published(),
        to_field_name="slug",
        method="filter_service",
        empty_label="Any service",
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic", queryset=Topic.objects.all(), to_field_name="slug", field_name="topics", empty_label="Any topic"
    )

    class Meta:
        model = Meeting
        fields = ["q", "year", "level", "service", "topic"]

    def filter_text(self, queryset, name, value):
        # The site search: stemming and ranking on PostgreSQL, every word's stem on SQLite.
        return search.filter_queryset(queryset, value)

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))

    def filter_service(self, queryset, name, service):
        attended = Meeting.services.through.objects.filter(euservice=service).values("meeting_id")
        return queryset.filter(Q(host=service) | Q(pk__in=attended))
