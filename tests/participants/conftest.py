"""Fixtures shared by the test modules of this folder."""

from tests.participants.report_fixtures import proposal  # noqa: F401 - fixture
from tests.participants.services_fixtures import people  # noqa: F401 - fixture
