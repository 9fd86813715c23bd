from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="list"),
    path("meetings/participation/", views.ParticipationMatrixView.as_view(), name="participation"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("dgs/", views.ServiceListView.as_view(), name="service_list"),
    path("dgs/<slug:slug>/", views.ServiceDetailView.as_view(), name="service_detail"),
]
