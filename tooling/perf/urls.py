"""The bench's URLconf: the site's, plus the floors of ``tooling.perf.floor``."""

from config.urls import *  # noqa: F403
from config.urls import urlpatterns as site_urlpatterns
from tooling.perf import floor

urlpatterns = [*floor.urlpatterns, *site_urlpatterns]
