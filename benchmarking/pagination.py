"""Pagination that never fails, shared by every list page."""

from django.core.paginator import Paginator

#: The last page number a list reads before it knows how many rows it has
#: (``requested_page``): far beyond any list of the site, and well within the offsets the
#: database accepts.
MAX_REQUESTED_PAGE = 10_000


class ForgivingPaginationMixin:
    """Paginate without ever failing: a page number that is not a number gives the first
    page, one past the end gives the last (a shared link outlives the data it was made on)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class CountedPaginator(Paginator):
    """A paginator told its number of rows, which a statement already counted (the facet
    aggregate, a window function over the rows of the page)."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count = count

    @property
    def count(self) -> int:
        return self._count


def requested_page(number) -> int | None:
    """The page ``Paginator.get_page`` would first try for ``number`` when it is a page of
    results (1 for anything that is no number), or None when it is no page at all: a list
    reads that page with the count of all its rows, before it knows how many pages it has.
    """
    try:
        number = int(number) if number is not None else 1
    except (TypeError, ValueError):
        number = 1
    # Past the last page (or beyond any offset the database accepts) get_page falls back.
    return number if 1 <= number <= MAX_REQUESTED_PAGE else None
