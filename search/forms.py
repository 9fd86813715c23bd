from django import forms

from core.widgets import FinderSelect

from . import engine as search


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=search.MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": "Shorten your search to %(limit_value)d characters or fewer."},
    )
    type = forms.ChoiceField(label="Type", required=False, widget=FinderSelect)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None, widget=FinderSelect)
    # Set by the "search instead for" link: the words as typed, never corrected. Not a form control.
    exact = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "Everything"), *search.kind_choices()]
        self.fields["year"].choices = [("", "Any year"), *((year, str(year)) for year in years)]

    def clean_q(self):
        return search.normalise_query(self.cleaned_data["q"])
