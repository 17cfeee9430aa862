"""The admin's long filters (provinces, sectors, institutions…) are a ``<select>`` in a GET form
that works without a script, and offers an organizer only their own institutions' choices."""

from http import HTTPStatus

import pytest

from best_practices.models import BestPractice
from participants.models import Participant
from tests.admin_helpers import admin_url, organizer_login
from tests.factories import (
    BestPracticeFactory,
    CohortFactory,
    InstitutionFactory,
    ParticipantFactory,
    province,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return sorted(str(row) for row in response.context["cl"].result_list)


def test_the_province_filter_is_a_select_of_every_province(admin_client):
    response = admin_client.get(admin_url(BestPractice, "changelist"))

    html = response.text
    assert '<select id="filter-host_province" name="host_province__id__exact">' in html
    assert html.count('<option value="', html.index('id="filter-host_province"')) >= 38
    assert '<label for="filter-host_province" class="visually-hidden">' in html


def test_choosing_a_province_filters_and_all_shows_every_row(admin_client):
    BestPracticeFactory(title="Di Jawa Tengah", host_province=province("33"))
    BestPracticeFactory(title="Di Lampung", host_province=province("18"))
    url = admin_url(BestPractice, "changelist")
    jateng = province("33").pk

    chosen = admin_client.get(url, {"host_province__id__exact": jateng, "q": "Di"})
    every = admin_client.get(url, {"host_province__id__exact": "", "q": "Di"})

    assert titles(chosen) == ["Di Jawa Tengah"]
    assert f'<option value="{jateng}" selected>' in chosen.text
    assert every.status_code == HTTPStatus.OK
    assert titles(every) == ["Di Jawa Tengah", "Di Lampung"]


def test_the_form_keeps_the_search_and_the_other_filters(admin_client):
    response = admin_client.get(
        admin_url(BestPractice, "changelist"), {"q": "aduan", "status__exact": "active"}
    )

    form = response.text.split('<select id="filter-host_province"')[0].rsplit("<form", 1)[1]
    assert '<input type="hidden" name="q" value="aduan">' in form
    assert '<input type="hidden" name="status__exact" value="active">' in form


def test_an_organizer_chooses_among_their_own_institutions_cohorts_only(client):
    own = InstitutionFactory(name="BPSDM Kenanga")
    for name in ("Angkatan Melati", "Angkatan Mawar"):
        ParticipantFactory(cohort=CohortFactory(institution=own, name=name))
    ParticipantFactory(cohort=CohortFactory(name="Angkatan Cempaka"))
    organizer_login(client, own)

    response = client.get(admin_url(Participant, "changelist"))

    select = response.text.split('id="filter-cohort"')[1].split("</select>")[0]
    assert "Angkatan Melati" in select
    assert "Angkatan Mawar" in select
    assert "Angkatan Cempaka" not in select
