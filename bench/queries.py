"""Print, as JSON, the SQL queries each benchmarked page makes (run by bench/run.py with the benchmark's settings).

DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python -m bench.queries
"""

import json

import django


def main():
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import benchmark_pages
    from core.cache import current_generation, invalidate_pages

    client = Client(HTTP_HOST="127.0.0.1")
    pages = []
    for name, url in benchmark_pages():
        client.get(url)  # the steady state a running server is in (e.g. content types already cached)
        # A page in a new generation: the values kept per generation (a finder's counts...) are read again. The
        # generation's own start (one query per kind for the next scheduled moment) is left out, as in the tests.
        invalidate_pages()
        current_generation()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        pages.append(
            {"name": name, "url": url, "status": response.status_code, "queries": len(queries), "bytes": len(body)}
        )
    print(json.dumps(pages))


if __name__ == "__main__":
    main()
