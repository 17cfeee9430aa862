"""The logged-in participant and another one, and the addresses of the proposal pages, shared by
the tests of the participant's pages."""

import pytest
from django.urls import reverse

from tests.factories import (
    ChangeProposalFactory,
    ParticipantFactory,
    UserFactory,
)

MINE = reverse("participants:proposal-mine")
CREATE = reverse("participants:proposal-create")


def edit_url(proposal):
    return reverse("participants:proposal-edit", kwargs={"pk": proposal.pk})


@pytest.fixture
def participant(client):
    """The logged-in participant (with a coach, through an earlier assigned proposal)."""
    user = UserFactory(username="peserta")
    client.force_login(user)
    return ParticipantFactory(user=user, full_name="Siti Peserta")


@pytest.fixture
def other():
    """Another participant, with a draft of their own."""
    return ChangeProposalFactory(
        participant=ParticipantFactory(user=UserFactory()), title="Rancangan milik orang lain"
    )
