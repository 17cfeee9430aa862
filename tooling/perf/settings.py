"""Settings of a bench server (``make loadtest``): the site's, with the floor views of
``tooling.perf.floor`` added to its URLs. Production never uses this module."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "tooling.perf.urls"
