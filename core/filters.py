"""What the public lists' filter forms share: the year and topic filters (the text filter is search.filters), and
the finder's ways: options counted, applied filters named."""

from dataclasses import dataclass

import django_filters
from django.db.models import Count

from .cache import kept_for_generation
from .widgets import FinderSelect


@dataclass(frozen=True)
class CountedOptions:
    """How to count a filter's options on the unfiltered list: the field paths of each option's value and label.

    Several paths (a meeting's host and its participants) count an item once per option whatever path leads to it.
    Options without a result are not offered (a chosen one still filters, and is named among the applied filters).
    """

    paths: tuple  # ((value_path, label_path), ...); label_path None: the label is the value
    label: object = None  # a function of the value and the label read, for labels the database does not hold
    newest_first: bool = False

    def options(self, queryset):
        """[(value, label, count)] of the options with results, in one query."""
        queryset = queryset.order_by()
        found = {}
        if len(self.paths) == 1:
            value_path, label_path = self.paths[0]
            fields = [value_path, label_path] if label_path else [value_path]
            for *row, count in queryset.values_list(*fields).annotate(count=Count("pk", distinct=True)):
                if row[0] is not None:
                    found[row[0]] = (row[-1], count)
        else:
            fields = [path for pair in self.paths for path in pair if path]
            items = {}
            for pk, *row in queryset.values_list("pk", *fields).distinct():
                values = iter(row)
                for _value_path, label_path in self.paths:
                    value = next(values)
                    label = next(values) if label_path else value
                    if value is not None:
                        items.setdefault(value, (label, set()))[1].add(pk)
            found = {value: (label, len(pks)) for value, (label, pks) in items.items()}
        options = [
            (str(value), str(self.label(value, label) if self.label else label), count)
            for value, (label, count) in found.items()
        ]
        if self.newest_first:
            return sorted(options, key=lambda option: option[0], reverse=True)
        return sorted(options, key=lambda option: option[1].casefold())


class FinderFilterSet(django_filters.FilterSet):
    """A public list's FilterSet as a finder: the options of the filters named in `counted_options` are those with
    results on the list, each with its count (one query a filter), and `applied_filters()` names what is chosen."""

    counted_options = {}

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            # Counted on the unfiltered public list, so the same for every visitor until the next edit: all of a
            # list's counts kept as one value (one read of the cache, not one per filter).
            counted = kept_for_generation(
                f"options:{self._meta.model._meta.label_lower}",
                lambda: {name: spec.options(self.queryset) for name, spec in self.counted_options.items()},
            )
            self.option_labels = {}
            for name, options in counted.items():
                self._offer_counted_options(form.fields[name], name, options)
        return self._form

    def _offer_counted_options(self, field, name, options):
        self.option_labels[name] = {value: label for value, label, _ in options}
        choices = [("", self.filters[name].extra.get("empty_label") or "Any")]
        choices += [(value, f"{label} ({count})") for value, label, count in options]
        # The widget offers these; validation still uses the field's own choices or queryset.
        field.widget = FinderSelect(attrs=field.widget.attrs, choices=choices)

    def applied_filters(self):
        """The filters in effect, each with its label, the value chosen and the address of the list without it."""
        if not hasattr(self, "_applied"):
            self._applied = self._applied_filters()
        return self._applied

    def _applied_filters(self):
        form = self.form
        if form.errors or not form.is_valid():
            return []
        applied = []
        for name, value in form.cleaned_data.items():
            if value in (None, "", [], ()):
                continue
            raw = self.data.get(name, "")
            shown = self.option_labels.get(name, {}).get(raw) or (f"“{value}”" if name == "q" else str(value))
            rest = self.data.copy()
            for key in (name, "page"):
                rest.pop(key, None)
            label = str(form.fields[name].label).split(" (")[0]  # "EU service", not "EU service (host or participant)"
            applied.append({"name": name, "label": label, "value": shown, "query": rest.urlencode()})
        return applied


def published_years(model, date_field):
    """Choices for a list's year filter: the years of published items, newest first."""

    def read():
        dates = model.objects.published().dates(date_field, "year", order="DESC")
        return [(day.year, str(day.year)) for day in dates]

    def years():
        # A scan of the archive (on SQLite a Python function per row), for every list a year is chosen on.
        return kept_for_generation(f"years:{model._meta.label_lower}:{date_field}", read)

    return years


def year_filter(model, date_field):
    """A public list's year filter (FilterSet.filter_year must read the date field)."""
    return django_filters.ChoiceFilter(
        label="Year",
        choices=published_years(model, date_field),
        method="filter_year",
        empty_label="Any year",
    )


def topic_filter():
    """A public list's topic filter, by the topic's slug."""
    from .models import Topic

    return django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label="Any topic",
    )
