import django_filters
from django.db.models import Exists, OuterRef

from iomeu.filters import FilterSet, search_text_filter, topic_filter, year_filter

from .models import Presidency, Publication, PublicationFile, PublicationKind, Series


class PublicationFilter(FilterSet):
    q = search_text_filter()
    kind = django_filters.ModelChoiceFilter(
        label="Kind",
        queryset=PublicationKind.objects.all(),
        to_field_name="slug",
        empty_label="Any kind",
    )
    year = year_filter(Publication, "publication_date")
    topic = topic_filter()
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

    def filter_year(self, queryset, name, value):
        return queryset.filter(publication_date__year=int(value))

    def filter_language(self, queryset, name, value):
        return queryset.filter(Exists(PublicationFile.objects.filter(publication=OuterRef("pk"), language=value)))
