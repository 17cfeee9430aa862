"""The numbers of the national statistics (``participants.statistics``): practices per province
and sector, the flow of ideas and adoption per year, counting approved proposals only."""

import pytest

from participants.models import ProposalStatus
from participants.statistics import (
    COUNTED_STATUSES,
    chart_rows,
    national_statistics,
)
from tests.factories import BestPracticeFactory, province, sector
from tests.participants.statistics_data import proposal_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices():
    """Two practices of Central Java (one in two sectors) and one of Bali."""
    health, education = sector("kesehatan"), sector("pendidikan")
    return {
        "jateng": BestPracticeFactory(host_province=province("33"), sectors=[health, education]),
        "jateng2": BestPracticeFactory(host_province=province("33"), sectors=[health]),
        "bali": BestPracticeFactory(host_province=province("51")),
    }


def test_only_approved_proposals_and_those_after_count():
    assert set(COUNTED_STATUSES) == {
        ProposalStatus.APPROVED,
        ProposalStatus.IMPLEMENTING,
        ProposalStatus.REPORT_SUBMITTED,
        ProposalStatus.EVALUATED,
    }


def test_practices_per_province_and_sector(practices):
    statistics = national_statistics()

    counts = {p.code: p.practice_count for p in statistics.provinces}
    assert len(counts) == 38
    assert (counts["33"], counts["51"], counts["11"]) == (2, 1, 0)
    assert statistics.practice_total == 3
    assert [p.code for p in statistics.provinces_ranked[:2]] == ["33", "51"]
    assert [(s.code, s.practice_count) for s in statistics.sectors] == [
        ("kesehatan", 2),
        ("pendidikan", 1),
    ]


def test_the_flow_of_ideas_counts_approved_proposals_once_per_pair(practices):
    # Lampung adapts both Central Java practices in one proposal: one proposal for the pair.
    proposal_from("18", [practices["jateng"], practices["jateng2"]])
    proposal_from("18", [practices["jateng"], practices["bali"]], status=ProposalStatus.EVALUATED)
    proposal_from("33", [practices["jateng"]], status=ProposalStatus.IMPLEMENTING)
    for status in (
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
        ProposalStatus.REVISION_REQUESTED,
    ):
        proposal_from("51", [practices["jateng"]], status=status)

    flows = national_statistics().flows

    assert [(f.source.code, f.target.code, f.proposals) for f in flows] == [
        ("33", "18", 2),
        ("33", "33", 1),
        ("51", "18", 1),
    ]


def test_adoption_per_cohort_year_leaves_no_year_out(practices):
    proposal_from("18", [practices["jateng"]], year=2018)
    proposal_from("18", [practices["bali"]], year=2018, status=ProposalStatus.REPORT_SUBMITTED)
    proposal_from("18", [practices["bali"]], year=2021)
    proposal_from("18", [practices["bali"]], year=2024, status=ProposalStatus.SUBMITTED)

    statistics = national_statistics()

    assert statistics.years == [(2018, 2), (2019, 0), (2020, 0), (2021, 1)]
    assert statistics.proposal_total == 3


def test_no_approved_proposal_no_flow_and_no_year(practices):
    proposal_from("18", [practices["jateng"]], status=ProposalStatus.SUBMITTED)

    statistics = national_statistics()

    assert (statistics.flows, statistics.years) == ([], [])


def test_national_statistics_read_four_queries(practices, django_assert_num_queries):
    proposal_from("18", [practices["jateng"]])

    with django_assert_num_queries(4):
        national_statistics()


def test_the_csv_rows_hold_every_number_with_a_header(practices):
    proposal_from("18", [practices["jateng"]], year=2019)
    statistics = national_statistics()

    provinces = list(chart_rows("provinces", statistics))
    assert provinces[0] == ["Kode", "Provinsi", "Praktik baik"]
    assert ["33", "Jawa Tengah", 2] in provinces and len(provinces) == 39
    assert list(chart_rows("sectors", statistics))[1] == ["Kesehatan", 2]
    flows = list(chart_rows("flows", statistics))
    assert flows[1:] == [["33", "Jawa Tengah", "18", "Lampung", 1]]
    assert list(chart_rows("years", statistics))[1:] == [[2019, 1]]
    with pytest.raises(ValueError, match="unknown"):
        list(chart_rows("unknown", statistics))
