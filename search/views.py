"""/search/: one search box over everything public."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from core.cache import kept_for_generation

from . import engine as search
from .forms import SearchForm


class SearchView(TemplateView):
    template_name = "search/search.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        for name in ("q", "type", "year"):
            data[name] = data.get(name, "").replace("\x00", "")
        form = SearchForm(data, years=kept_for_generation("search:years", search.years))
        context.update(form=form, query="", results=[], page_obj=None, paginator=None, is_paginated=False)
        if not form.is_valid():
            return context
        query, kind, year = form.cleaned_data["q"], form.cleaned_data["type"] or None, form.cleaned_data["year"]
        context.update(query=query, has_words=search.has_words(query), corrected="", suggestions=[])
        if not query:
            return context
        searched = query
        paginator = Paginator(search.Ranked(query, kind=kind, year=year), self.paginate_by)
        if context["has_words"] and paginator.count == 0:
            # Nothing found: a misspelt word is corrected, unless the visitor asked for the exact words.
            spelling = search.spelling(query, kind=kind, year=year)
            if spelling.corrected and not form.cleaned_data["exact"]:
                searched = context["corrected"] = spelling.corrected
                paginator = Paginator(search.Ranked(searched, kind=kind, year=year), self.paginate_by)
            else:
                context["suggestions"] = [spelling.corrected] if spelling.corrected else spelling.suggestions
        page_obj = paginator.get_page(self.request.GET.get("page"))
        context.update(
            paginator=paginator,
            page_obj=page_obj,
            is_paginated=page_obj.has_other_pages(),
            results=search.results(page_obj.object_list, searched),
        )
        return context
