import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from iomeu import search
from iomeu.cache import cached_for_generation
from iomeu.filters import FilterSet, Select
from iomeu.models import Topic

from .models import Presidency, Publication, PublicationFile, PublicationKind, Series


def year_choices():
    # A scan of every publication, asked for twice per request (to check and to show the form): once per generation.
    return cached_for_generation("publications:year_choices", _years)


def _years():
    years = Publication.objects.published().dates("publication_date", "year", order="DESC")
    return [(day.year, str(day.year)) for day in years]


class PublicationFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = django_filters.ModelChoiceFilter(
        label="Kind",
        queryset=PublicationKind.objects.all(),
        to_field_name="slug",
        empty_label="Any kind",
        widget=Select,
    )
    year = django_filters.ChoiceFilter(
        label="Year", choices=year_choices, method="filter_year", empty_label="Any year", widget=Select
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label="Any topic",
        widget=Select,
    )
    presidency = django_filters.ModelChoiceFilter(
        label="Council Presidency",
        queryset=Presidency.objects.published(),
        to_field_name="slug",
        empty_label="Any Presidency",
        widget=Select,
    )
    series = django_filters.ModelChoiceFilter(
        label="Series", queryset=Series.objects.all(), to_field_name="slug", empty_label="Any series", widget=Select
    )
    language = django_filters.ChoiceFilter(
        label="Language of the PDF",
        choices=PublicationFile.Language.choices,
        method="filter_language",
        empty_label="Any language",
        widget=Select,
    )

    class Meta:
        model = Publication
        fields = ["q", "kind", "year", "topic", "presidency", "series", "language"]

    def filter_text(self, queryset, name, value):
        # The site search, which also reads the text inside the PDFs: stemming and ranking on PostgreSQL.
        return search.filter_queryset(queryset, value)

    def filter_year(self, queryset, name, value):
        return queryset.filter(publication_date__year=int(value))

    def filter_language(self, queryset, name, value):
        return queryset.filter(Exists(PublicationFile.objects.filter(publication=OuterRef("pk"), language=value)))
