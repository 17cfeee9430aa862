"""The sort orders: the SQL of a search's page is the ORM ordering, written once."""

import pytest

from best_practices.sort_orders import ORDERINGS, SortOrder


@pytest.mark.parametrize(
    ("order", "sql", "extra_columns"),
    [
        (SortOrder.RELEVANCE, "ORDER BY search_rank DESC, title, id", ["search_rank"]),
        (SortOrder.NEWEST, "ORDER BY created_at DESC, id DESC", ["created_at"]),
        (SortOrder.TITLE, "ORDER BY title, id", []),
    ],
)
def test_the_sql_order_follows_the_orm_order(order, sql, extra_columns):
    assert ORDERINGS[order].with_matches
    assert ORDERINGS[order].sql == sql
    assert ORDERINGS[order].extra_columns == extra_columns


def test_most_adapted_is_not_read_with_the_matches():
    assert not ORDERINGS[SortOrder.MOST_ADAPTED].with_matches


def test_every_sort_order_has_an_ordering():
    assert set(ORDERINGS) == set(SortOrder)
