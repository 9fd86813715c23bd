"""gunicorn settings for production: `gunicorn iomeu.wsgi` in the project folder reads this file.

Every value can be changed from the environment without editing it. Threads share each worker's PostgreSQL
connection pool (IOMEU_DB_POOL_MAX_SIZE should be at least GUNICORN_THREADS), and keep a worker answering while
one of its threads streams a large PDF to a slow client.
"""

import multiprocessing
import os

wsgi_app = "iomeu.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request taking longer than this is killed; large downloads stream in chunks, each well within it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so that no slow leak grows for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# The load balancer's address, whose X-Forwarded-* headers are trusted ("*" when only it can reach the servers).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Production settings unless told otherwise.
raw_env = [f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'iomeu.settings.production')}"]


def post_worker_init(worker):
    """Compile the templates and freeze the objects every request shares before the first request (iomeu.warmup)."""
    from iomeu.warmup import warm_up

    warm_up()
