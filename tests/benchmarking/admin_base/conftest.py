"""Fixtures shared by the test modules of this folder."""

from tests.benchmarking.admin_base.scoping_fixtures import organizer, other, own  # noqa: F401 - fixture
