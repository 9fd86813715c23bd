import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from iomeu import search
from iomeu.models import Topic

from .models import Presidency, Publication, PublicationFile, PublicationKind, Series


def year_choices():
    years = Publication.objects.published().dates("publication_date", "year", order="DESC")
    return [(day.year, str(day.year)) for day in years]


class PublicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = django_filters.ModelChoiceFilter(
        label="Kind", queryset=PublicationKind.objects.all(), to_field_name="slug", empty_label="Any kind"
    )
    year = django_filters.ChoiceFilter(label="Year", choices=year_choices, method="filter_year", empty_label="Any year")
    topic = django_filters.ModelChoiceFilter(
        label="Topic", queryset=Topic.objects.all(), to_field_name="slug", field_name="topics", empty_label="Any topic"
    )
    presidency = django_filters.ModelChoiceFilter(
        label="Council Presidency",
        queryset=Presidency.objects.published(),
        to_field_name="slug",
        empty_label="Any Presidency",
    )
    series = django_filters.ModelChoiceFilter(
        label="Series", queryset=Series.objects.all(), to_field_name="slug", empty_label="Any series"
    )
    language = django_filters.ChoiceFilter(
        label="Language of the PDF",
        choices=PublicationFile.Language.choices,
        method="filter_language",
        empty_label="Any language",
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
