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

    client = Client(HTTP_HOST="127.0.0.1")
    pages = []
    for name, url in benchmark_pages():
        client.get(url)  # the steady state a running server is in (e.g. content types already cached)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        pages.append(
            {"name": name, "url": url, "status": response.status_code, "queries": len(queries), "bytes": len(body)}
        )
    print(json.dumps(pages))


if __name__ == "__main__":
    main()
