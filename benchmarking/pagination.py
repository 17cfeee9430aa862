"""Pagination that never fails, shared by every list page."""


class ForgivingPaginationMixin:
    """Paginate without ever failing: a page number that is not a number gives the first
    page, one past the end gives the last (a shared link outlives the data it was made on)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
