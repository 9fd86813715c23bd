import logging

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from core.views import DeepPagesMixin, DropEmptyParametersMixin, KeptCountMixin, PreviewableMixin
from meetings.models import Meeting

from . import downloads
from .filters import PublicationFilter
from .models import DownloadCount, Presidency, Publication, PublicationFile, PublicationKind
from .storage import get_private_storage

logger = logging.getLogger(__name__)


class PublicationListView(DropEmptyParametersMixin, KeptCountMixin, DeepPagesMixin, FilterView):
    filterset_class = PublicationFilter
    paginate_by = 20
    template_name = "publications/publication_list.html"
    context_object_name = "publications"

    def get_queryset(self):
        return Publication.objects.published().for_lists()


class PublicationDetailView(PreviewableMixin, DetailView):
    model = Publication
    context_object_name = "publication"

    def get_queryset(self):
        public = Publication.objects.published()
        return (
            super()
            .get_queryset()
            .for_lists()
            .prefetch_related(
                "topics",
                Prefetch("meetings", queryset=Meeting.objects.published()),
                Prefetch("related", queryset=public.for_links(with_kind=True)),
                Prefetch("series__publications", queryset=public.for_links().order_by("edition", "publication_date")),
            )
        )


class PresidencyListView(ListView):
    """Every Council Presidency IOM addressed, in order, with its recommendations and their quotes."""

    template_name = "publications/presidency_list.html"
    context_object_name = "presidencies"

    def get_queryset(self):
        # Under their Presidency: neither it nor a series is shown again, so not joined. A list attribute rather
        # than the related manager, which would build a queryset for each of the dozens of Presidencies.
        recommendations = Publication.objects.published().with_kind_and_files().order_by("publication_date")
        return Presidency.objects.published().prefetch_related(
            Prefetch("publications", queryset=recommendations, to_attr="recommendations")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # For the link to the list of all recommendations.
        context["kind"] = PublicationKind.objects.filter(slug=PublicationKind.PRESIDENCY_RECOMMENDATIONS).first()
        return context


class _PreviewRights(PreviewableMixin):
    """The detail pages' rule for who previews drafts, applied to files and covers."""

    model = Publication

    def __init__(self, request):
        self.request = request


def _publication_for(request, slug):
    """The public publication, or, for staff who may change publications, a draft they preview. Else 404."""
    publication = Publication.objects.published().filter(slug=slug).first()
    if publication is not None:
        return publication, True
    # Only now look at who asks: public files stay free of Vary: Cookie.
    if _PreviewRights(request).can_preview():
        return get_object_or_404(Publication, slug=slug), False
    raise Http404("No publication found.")


def _file_for(publication, language):
    files = list(PublicationFile.objects.filter(publication=publication).defer("text"))
    if language is None:
        english = [file for file in files if file.language == PublicationFile.Language.ENGLISH]
        file = (english or files or [None])[0]
    else:
        file = next((file for file in files if file.language == language), None)
    if file is None or not file.file:
        raise Http404("This publication has no file in this language.")
    file.publication = publication
    return file


def _serve_pdf(request, slug, language, as_attachment):
    publication, public = _publication_for(request, slug)
    file = _file_for(publication, language)
    if not file.file.storage.exists(file.file.name):
        logger.error("The stored file of %s (%s) is missing: %s", publication.slug, file.language, file.file.name)
        raise Http404("This file is missing.")
    response = downloads.serve_file(
        request,
        file.file.storage,
        file.file.name,
        content_type="application/pdf",
        etag=file.etag,
        last_modified=int(file.file_updated_at.timestamp()),
        filename=file.download_name,
        as_attachment=as_attachment,
        public=public,
    )
    if (
        public
        and request.method == "GET"
        and response.status_code in (200, 206, 302)  # 302: to a signed URL on object storage
        and downloads.range_starts_at_zero(request)
    ):
        DownloadCount.record(file)
    return response


@require_safe
def download(request, slug, language=None):
    """The PDF as a download (Content-Disposition: attachment)."""
    return _serve_pdf(request, slug, language, as_attachment=True)


@require_safe
def read(request, slug, language=None):
    """The PDF shown by the browser's own viewer (Content-Disposition: inline)."""
    return _serve_pdf(request, slug, language, as_attachment=False)


@require_safe
def cover(request, slug):
    """The publication's cover image: the uploaded one, else the first page of its main PDF."""
    publication, public = _publication_for(request, slug)
    publication = Publication.objects.for_lists().get(pk=publication.pk)
    found = publication.cover
    private_storage = get_private_storage()  # of the uploaded cover and of the PDF's first page alike
    if found is None or not private_storage.exists(found[0]):
        raise Http404("This publication has no cover.")
    name, width, height, version = found
    main = publication.main_file
    changed = max(publication.updated_at, main.file_updated_at) if main else publication.updated_at
    return downloads.serve_file(
        request,
        private_storage,
        name,
        content_type="image/png",
        etag=f'"{version}"',
        last_modified=int(changed.timestamp()),
        public=public,
        csp=downloads.IMAGE_CONTENT_SECURITY_POLICY,
    )
