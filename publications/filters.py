import django_filters
from django.db.models import Exists, OuterRef

from core.filters import CountedOptions, FinderFilterSet, topic_filter, year_filter
from search.filters import FilterSet, search_text_filter

from .models import Presidency, Publication, PublicationFile, PublicationKind, Series


class PublicationFilter(FinderFilterSet, FilterSet):
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

    counted_options = {
        "kind": CountedOptions((("kind__slug", "kind__name"),)),
        "year": CountedOptions((("publication_date__year", None),), newest_first=True),
        "topic": CountedOptions((("topics__slug", "topics__name"),)),
        "presidency": CountedOptions((("presidency__slug", "presidency__member_state"),)),
        "series": CountedOptions((("series__slug", "series__title"),)),
        "language": CountedOptions(
            (("files__language", None),), label=lambda value, _: PublicationFile.Language(value).label
        ),
    }

    class Meta:
        model = Publication
        fields = ["q", "kind", "year", "topic", "presidency", "series", "language"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(publication_date__year=int(value))

    def filter_language(self, queryset, name, value):
        return queryset.filter(Exists(PublicationFile.objects.filter(publication=OuterRef("pk"), language=value)))
