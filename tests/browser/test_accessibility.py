"""axe-core (vendored in ``tests/browser/vendor/``, never from a CDN) finds no accessibility
violation on any page of the site, as each role, nor on the admin's main forms and lists.

axe is injected as a script file; the context bypasses the Content-Security-Policy for it only
(``test_csp.py`` checks the policy itself). What axe cannot decide, colour contrast over
images or gradients mostly, is checked by hand: see ``docs/accessibility.md``.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from benchmarking.models import Visit
from best_practices.models import BestPractice
from participants.models import ChangeProposal, Participant
from tests.browser.site_pages import OFFICE, PHONE, ROLES, browser_context, site_pages
from tests.url_matrix import world_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

#: axe's violations on the page, each as "rule: help" and the first few elements it names.
#: Target size (WCAG 2.2, 2.5.8: 24 × 24 px), off in axe by default, is checked too.
RUN_AXE = """async () => {
  const results = await axe.run(document, {
    resultTypes: ['violations'],
    rules: {'target-size': {enabled: true}},
  });
  return results.violations.map((violation) =>
    `${violation.id} (${violation.impact}): ${violation.help}\\n      ` +
    violation.nodes.slice(0, 4).map((node) => node.target.join(' ')).join('\\n      '));
}"""

#: The admin's main lists and forms, by model: changelist, add and change pages.
ADMIN_MODELS = (Visit, BestPractice, Participant, ChangeProposal)


def violations(page, pages) -> list[str]:
    found = []
    for name, url in pages:
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        found += [f"{name} ({url}): {line}" for line in page.evaluate(RUN_AXE)]
    return found


def admin_pages(world) -> list[tuple[str, str]]:
    pages = []
    for model in ADMIN_MODELS:
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append((f"{prefix}_changelist", reverse(f"{prefix}_changelist")))
        if model is not ChangeProposal:  # added by participants on the site, not in the admin
            pages.append((f"{prefix}_add", reverse(f"{prefix}_add")))
        change = reverse(f"{prefix}_change", args=[world["rows"][model].pk])
        pages.append((f"{prefix}_change", change))
    return pages


@pytest.mark.parametrize("role", ROLES)
def test_no_site_page_has_an_accessibility_violation(chromium_browser, live_server, role):
    # The participant is checked on a phone, as participants mostly read Lokus; the others on
    # an office screen: both layouts are walked.
    world = world_create()
    context = browser_context(
        chromium_browser,
        live_server,
        world,
        role,
        PHONE if role == "owner" else OFFICE,
        bypass_csp=True,
    )
    found = violations(context.new_page(), site_pages(world, role))
    context.close()

    assert not found, f"As {role}:\n" + "\n".join(found)


@pytest.mark.parametrize("role", ["organizer_same", "superuser"])
def test_the_admin_forms_and_lists_have_no_accessibility_violation(
    chromium_browser, live_server, role
):
    world = world_create()
    context = browser_context(chromium_browser, live_server, world, role, OFFICE, bypass_csp=True)
    found = violations(context.new_page(), admin_pages(world))
    context.close()

    assert not found, f"As {role}:\n" + "\n".join(found)
