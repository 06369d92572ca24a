"""The app's settings with the audit's URLconf (uploads served by the app, as on
one machine). Only benchmarks/audit_pages.py uses it; the app never does."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.audit_urls"
