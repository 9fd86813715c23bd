from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("publications/", views.PublicationListView.as_view(), name="list"),
    path("publications/<slug:slug>/", views.PublicationDetailView.as_view(), name="detail"),
    path("publications/<slug:slug>/cover/", views.cover, name="cover"),
    path("publications/<slug:slug>/download/", views.download, name="download"),
    path("publications/<slug:slug>/download/<slug:language>/", views.download, name="download_language"),
    path("publications/<slug:slug>/read/", views.read, name="read"),
    path("publications/<slug:slug>/read/<slug:language>/", views.read, name="read_language"),
    path("presidencies/", views.PresidencyListView.as_view(), name="presidencies"),
]
