from django.db.models import F, Prefetch
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from core.views import DeepPagesMixin, DropEmptyParametersMixin, KeptCountMixin, PreviewableMixin

from .filters import MeetingFilter
from .models import EUService, Meeting, Participation, Person, Position


class MeetingListView(DropEmptyParametersMixin, KeptCountMixin, DeepPagesMixin, FilterView):
    filterset_class = MeetingFilter
    paginate_by = 20
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return Meeting.objects.published().select_related("host")


class MeetingDetailView(PreviewableMixin, DetailView):
    model = Meeting

    def get_queryset(self):
        # Latest start first, undated last on every database (PostgreSQL sorts NULL first in DESC).
        positions = Position.objects.order_by(F("start").desc(nulls_last=True), "-pk")
        people = Person.objects.prefetch_related(Prefetch("positions", queryset=positions))
        return (
            super()
            .get_queryset()
            .select_related("host")
            .prefetch_related(
                "services",
                "topics",
                "photos",
                Prefetch(
                    "participations",
                    queryset=Participation.objects.prefetch_related(Prefetch("person", queryset=people)),
                ),
                Prefetch("quotes__speaker", queryset=people),
                # Press releases and papers about the meeting, public ones only. The publications app sits above
                # this one (Publication.meetings points here), so its model is reached through that relation.
                Prefetch(
                    "publications",
                    queryset=_publications().published().select_related("kind").order_by("publication_date"),
                    to_attr="public_publications",
                ),
            )
        )


def _publications():
    return Meeting._meta.get_field("publications").related_model.objects


class ServiceListView(ListView):
    template_name = "meetings/service_list.html"
    context_object_name = "services"

    def get_queryset(self):
        return EUService.objects.published().select_related("predecessor", "successor")


class ServiceDetailView(DetailView):
    template_name = "meetings/service_detail.html"
    context_object_name = "service"
    meetings_shown = 10

    def get_queryset(self):
        return EUService.objects.published().select_related("predecessor", "successor")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = Meeting.objects.published().select_related("host")
        context["lineage"] = self.object.lineage()
        # The latest few of each; the meetings list filtered by this service has them all. One row more than
        # shown tells whether there are more, without counting.
        shown = self.meetings_shown
        hosted = list(meetings.filter(host=self.object)[: shown + 1])
        attended = list(meetings.filter(services=self.object).exclude(host=self.object)[: shown + 1])
        context["hosted"], context["attended"] = hosted[:shown], attended[:shown]
        context["has_more_meetings"] = len(hosted) > shown or len(attended) > shown
        return context


class ParticipationMatrixView(TemplateView):
    """Which EU service hosted and which attended each Senior Officials Meeting."""

    template_name = "meetings/participation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = list(
            Meeting.objects.published()
            .filter(level=Meeting.Level.SENIOR_OFFICIALS)
            .order_by("date", "edition")
            .select_related("host")
            .prefetch_related("services")
        )
        attended = {meeting.pk: {service.pk for service in meeting.services.all()} for meeting in meetings}
        services = {}
        for meeting in meetings:
            # The host is a row even when editors did not also tick it among the participants.
            for service in [meeting.host, *meeting.services.all()]:
                if service is not None:
                    services[service.pk] = service
        rows = []
        for service in sorted(services.values(), key=lambda service: service.acronym):
            cells = []
            for meeting in meetings:
                if meeting.host_id == service.pk:
                    cells.append("host")
                elif service.pk in attended[meeting.pk]:
                    cells.append("attended")
                else:
                    cells.append("")
            rows.append((service, cells))
        context.update(meetings=meetings, rows=rows)
        return context
