"""The README's pictures of the site, taken in Chromium on the demo data: `make screenshots`.

Skipped unless ``LOKUS_SCREENSHOTS=1``, since they write into ``docs/screenshots/`` instead of
checking anything. Office screens are 1366 pixels wide, phones 390; each picture is the
visible window only, reduced to 256 colours so that it stays small in the repository.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from benchmarking.models import Visit
from best_practices.models import BestPractice
from participants.models import ChangeProposal, ProposalStatus
from tooling.demo.loader import demo_data_ensure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.screenshots,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("LOKUS_SCREENSHOTS") != "1",
        reason="pictures for the README: LOKUS_SCREENSHOTS=1 (make screenshots)",
    ),
]

FOLDER = Path(settings.BASE_DIR) / "docs" / "screenshots"
PASSWORD = "lokus-demo"
OFFICE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def save(page, name: str) -> Path:
    """The visible window as ``docs/screenshots/<name>.png``, in 256 colours."""
    picture = Image.open(io.BytesIO(page.screenshot()))
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / f"{name}.png"
    picture.convert("RGB").quantize(colors=256).save(path, optimize=True)
    return path


def scroll_to(page, selector: str) -> None:
    """Bring ``selector`` to the top of the window, as a reader scrolling to it would."""
    page.locator(selector).evaluate("element => element.scrollIntoView({behavior: 'instant'})")
    page.wait_for_timeout(300)


def log_in(page, username: str, next_path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{reverse('login')}?next={next_path}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(next_path)))
    page.goto(next_path)  # again, without the "you are logged in" message


def test_the_readme_screenshots(page):
    demo_data_ensure(password=PASSWORD)
    taken = []

    page.set_viewport_size(OFFICE)
    page.goto(reverse("home"))
    taken.append(save(page, "home"))

    page.goto(reverse("best_practices:practice-list"))
    taken.append(save(page, "practices"))

    practice = BestPractice.objects.filter(adaptations__isnull=False).order_by("pk").first()
    assert practice is not None
    page.set_viewport_size(PHONE)
    log_in(page, "peserta", practice.get_absolute_url())
    taken.append(save(page, "practice-phone"))

    page.set_viewport_size(OFFICE)
    proposal = ChangeProposal.objects.get(participant__user__username="peserta")
    page.goto(reverse("participants:proposal-edit", kwargs={"pk": proposal.pk}))
    taken.append(save(page, "proposal-form"))

    submitted = ChangeProposal.objects.filter(status=ProposalStatus.SUBMITTED).first()
    assert submitted is not None
    log_in(page, "coach", reverse("participants:review-queue"))
    taken.append(save(page, "review-queue"))
    page.goto(reverse("participants:review-detail", kwargs={"pk": submitted.pk}))
    scroll_to(page, "#adaptations-heading")
    taken.append(save(page, "review"))

    visit = Visit.objects.order_by("pk").first()
    assert visit is not None
    log_in(page, "penyelenggara", reverse("admin:benchmarking_visit_change", args=[visit.pk]))
    taken.append(save(page, "admin-visit"))

    for path in taken:
        assert path.stat().st_size < 150_000, f"{path.name} is larger than 150 kB"
