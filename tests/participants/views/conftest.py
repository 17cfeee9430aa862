"""Fixtures shared by the test modules of this folder."""

from tests.participants.views.workflow_fixtures import other, participant  # noqa: F401 - fixture
