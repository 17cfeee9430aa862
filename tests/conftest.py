"""Shared fixtures: factories are in ``tests/factories.py``, the browser's in
``tests/browser/conftest.py``."""

import uuid
from importlib import import_module

import pytest
from django.apps import apps
from django.core.cache import cache

from benchmarking import page_cache as page_parts
from benchmarking.models import Province
from best_practices.models import Sector
from participants import auth_backend, document_pdfs, similar_cache
from participants.models import EvaluationCriterion
from tests.participants.lifecycle_fixtures import circle  # noqa: F401 - fixture


@pytest.fixture(autouse=True)
def _indonesian_by_default(settings):
    """Every test starts in the site's default language, as a first-time visitor would."""
    settings.LANGUAGE_CODE = "id"


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Pages are read uncached, so pinned query counts are those of a cold cache; the tests of
    the page cache turn it on (``page_cache``). No test sees parts kept by another."""
    settings.LOKUS_PAGE_CACHE = False
    cache.delete_many([page_parts.GENERATION_KEY, page_parts.OWN_GENERATION_KEY])


@pytest.fixture(autouse=True)
def _similar_cache_off(settings):
    """The originality check is computed afresh (pinned query counts, plans); the tests of its
    kept findings turn them on. No test sees findings kept by another."""
    settings.LOKUS_SIMILAR_CACHE = False
    cache.delete(similar_cache.TOKEN_KEY)


@pytest.fixture(autouse=True)
def _user_cache_off(settings):
    """Every request reads the logged-in user from the database (pinned query counts); the
    tests of the kept user turn it on (``user_cache``)."""
    settings.LOKUS_USER_CACHE = False


@pytest.fixture
def user_cache(settings, monkeypatch):
    """Logged-in users kept between requests (``participants.auth_backend``), under keys of the
    test's own: another test's user may have had the same id."""
    settings.LOKUS_USER_CACHE = True
    monkeypatch.setattr(auth_backend, "KEY_PREFIX", f"lokus:user:test-{uuid.uuid4().hex}")


@pytest.fixture(autouse=True)
def _no_pdf_kept_by_another_test(monkeypatch):
    """Kept PDFs (``participants.document_pdfs``) live in the cache, which outlives a test, and
    two tests may print the same document: each test keeps its PDFs under keys of its own."""
    monkeypatch.setattr(document_pdfs, "KEY_PREFIX", f"lokus:pdf:test-{uuid.uuid4().hex}")


@pytest.fixture
def cached_sessions(settings):
    """Production's session engine (the test settings keep the database one, see there)."""
    settings.SESSION_ENGINE = "config.sessions"


@pytest.fixture
def page_cache(settings):
    """Cached page parts on (``benchmarking.page_cache``)."""
    settings.LOKUS_PAGE_CACHE = True


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploaded files (milestone evidence) go to the test's own folder, not the project's."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _reference_data_after_a_flush(request):
    """A transactional test (the browser tests) empties the database when it ends, the 38
    provinces, the sectors and the evaluation rubric of the data migrations included: the next
    one gets them back, whatever order the tests run in.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    if not Province.objects.exists():
        import_module("benchmarking.migrations.0002_provinces").add_provinces(apps, None)
    if not Sector.objects.exists():
        import_module("best_practices.migrations.0002_sectors").add_sectors(apps, None)
    if not EvaluationCriterion.objects.exists():
        import_module("participants.migrations.0007_reports").add_rubric(apps, None)
