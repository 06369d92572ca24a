"""The app's settings with the benchmark's URLconf (the floor view in front of the
site's URLs). Only the benchmark runner uses it; the app never does."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
