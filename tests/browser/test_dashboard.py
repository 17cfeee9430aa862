"""On a phone, an organizer logs in from the home page's panel to the dashboard: the page does
not grow wider than the screen, its tables scroll in their own box."""

import pytest
from django.utils import timezone

from participants.models import FacilitatorRole, ProposalStatus
from tests.factories import (
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234"  # the password UserFactory sets


def test_an_organizer_goes_from_home_to_the_dashboard_on_a_phone(page):
    organizer = UserFactory(username="penyelenggara", is_staff=True)
    institution = InstitutionFactory(short_name="BPSDM Lampung")
    institution.organizers.add(organizer)
    cohort = CohortFactory(institution=institution, name="Angkatan I")
    coach = FacilitatorFactory(
        full_name="Dra. Rina Marlina, M.Si., Widyaiswara Ahli Madya", role=FacilitatorRole.COACH
    )
    for _ in range(3):
        ChangeProposalFactory(
            participant=ParticipantFactory(cohort=cohort),
            status=ProposalStatus.SUBMITTED,
            submitted_at=timezone.now(),
            coach=coach,
        )
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto("/accounts/login/?next=/")
    page.locator("input[name=username]").fill("penyelenggara")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit]").last.click()
    page.get_by_role("link", name="Buka dasbor").click()

    assert page.locator("h1").inner_text() == "Dasbor: BPSDM Lampung"
    assert page.get_by_text("Beban fasilitator").is_visible()
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 360
