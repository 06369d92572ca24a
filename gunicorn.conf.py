"""gunicorn's configuration for production (gunicorn reads ./gunicorn.conf.py by
itself; run ``gunicorn`` from the repository's top folder, or pass ``-c``).

    GUNICORN_BIND=0.0.0.0:8000 WEB_CONCURRENCY=4 .venv/bin/gunicorn

Sync workers: each request has a worker to itself, so a slow page cannot stall
others in the same process; the load balancer in front keeps slow clients off them.
"""

import os
import shutil

wsgi_app = "newsroom.wsgi:application"

# Where to listen: behind a load balancer, an address it can reach (0.0.0.0:8000).
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]

# Two workers per core plus one is gunicorn's rule of thumb for sync workers; the
# usual WEB_CONCURRENCY variable overrides it. Each worker keeps one database
# connection open (CONN_MAX_AGE): size PostgreSQL's max_connections for all servers.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
worker_class = "sync"

# A request still running after this is killed (a stuck worker is restarted).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# Load the app once in the master, then fork: workers start fast and share memory.
preload_app = True

# Recycle each worker after about this many requests, with jitter so that they do
# not all restart at once (a guard against slow memory growth). 0 turns it off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10

# Worker heartbeats in memory rather than on a disk that may be slow (containers).
if os.path.isdir("/dev/shm") and shutil.disk_usage("/dev/shm").free:
    worker_tmp_dir = "/dev/shm"

# Errors to stderr; the access log is off unless asked for (the load balancer
# logs requests): GUNICORN_ACCESS_LOG=- writes it to stdout.
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
