"""Fixtures of the participants tests."""

from tests.participants.lifecycle_fixtures import circle  # noqa: F401 - fixture
