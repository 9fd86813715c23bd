from django.apps import AppConfig


class IomeuConfig(AppConfig):
    name = "iomeu"
    verbose_name = "Site"
