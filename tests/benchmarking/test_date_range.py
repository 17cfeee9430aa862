"""``{% date_range %}``: a visit's days as ``<time>`` elements, written as Django's ``date``
filter writes them, in the active language."""

import datetime

import pytest
from django.template.defaultfilters import date
from django.utils import translation

from benchmarking.templatetags.lokus import date_range

DAYS = [datetime.date(2019, month, 2 * month - 1) for month in range(1, 13)]


def by_the_filter(day) -> str:
    return f'<time datetime="{date(day, "Y-m-d")}">{date(day, "j F Y")}</time>'


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_month_is_written_as_the_date_filter_writes_it(language):
    with translation.override(language):
        for day in [*DAYS, datetime.date(987, 5, 9)]:
            assert date_range(day, day) == by_the_filter(day)


def test_a_single_day_is_one_time_and_several_days_a_range():
    start, end = datetime.date(2019, 3, 4), datetime.date(2019, 3, 6)

    with translation.override("id"):
        assert date_range(start, start) == '<time datetime="2019-03-04">4 Maret 2019</time>'
        assert date_range(start, end) == (
            '<time datetime="2019-03-04">4 Maret 2019</time> – '
            '<time datetime="2019-03-06">6 Maret 2019</time>'
        )
    with translation.override("en"):
        assert date_range(start, start) == '<time datetime="2019-03-04">4 March 2019</time>'


def test_a_moment_goes_through_the_date_filter():
    moment = datetime.datetime(2019, 3, 4, 23, 30, tzinfo=datetime.UTC)

    with translation.override("en"):
        assert date_range(moment, moment) == by_the_filter(moment)
