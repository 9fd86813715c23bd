from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        import search

        from .models import Page

        search.register(
            Page,
            key="page",
            label="Pages",
            singular="Page",
            document=lambda page: search.Document(
                title=page.title, summary=page.description, body=search.html_to_text(page.body)
            ),
        )
