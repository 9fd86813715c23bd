import django_filters
from django import forms
from django.db.models import Q

from iomeu import search
from iomeu.cache import cached_for_generation
from iomeu.filters import FilterSet, Select
from iomeu.models import Topic

from .models import EUService, Meeting


def year_choices():
    # A scan of every meeting, asked for twice per request (to check and to show the form): once per generation.
    return cached_for_generation("meetings:year_choices", _years)


def _years():
    years = Meeting.objects.published().dates("date", "year", order="DESC")
    return [(day.year, str(day.year)) for day in years]


class MeetingFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
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

    def filter_text(self, queryset, name, value):
        # The site search: stemming and ranking on PostgreSQL, every word's stem on SQLite.
        return search.filter_queryset(queryset, value)

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))

    def filter_service(self, queryset, name, service):
        attended = Meeting.services.through.objects.filter(euservice=service).values("meeting_id")
        return queryset.filter(Q(host=service) | Q(pk__in=attended))
