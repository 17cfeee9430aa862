"""The sort orders of the practices list, each written once: the ORM ordering, from which
the SQL ``ORDER BY`` of a search's page (``search.matches_and_page``) is derived.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The columns every page read with a search's matches has (``pk`` is the column ``id``).
MATCH_COLUMNS = ("id", "title")


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    NEWEST = "newest", _("Newest")
    MOST_ADAPTED = "adapted", _("Most adapted")
    MOST_PROVEN = "proven", _("Most proven")
    TITLE = "title", _("Title")


@dataclass(frozen=True)
class Ordering:
    """One sort order: ``fields`` for ``QuerySet.order_by``, and whether a search's page can
    be read in it together with the matches (only when it sorts by the practice's own columns
    or the search rank).
    """

    fields: tuple[str, ...]
    with_matches: bool = True

    @property
    def columns(self) -> list[str]:
        """The columns the ordering sorts by, as the matches' statement names them."""
        return [_column(field.removeprefix("-")) for field in self.fields]

    @property
    def extra_columns(self) -> list[str]:
        """The sorted-by columns besides ``MATCH_COLUMNS`` (e.g. ``search_rank``)."""
        return [column for column in self.columns if column not in MATCH_COLUMNS]

    @property
    def sql(self) -> str:
        """The ``ORDER BY`` clause of the same order over the matches' columns."""
        terms = [
            f"{column} DESC" if field.startswith("-") else column
            for field, column in zip(self.fields, self.columns, strict=True)
        ]
        return "ORDER BY " + ", ".join(terms)


def _column(field: str) -> str:
    return "id" if field == "pk" else field


ORDERINGS = {
    SortOrder.RELEVANCE: Ordering(("-search_rank", "title", "pk")),
    SortOrder.NEWEST: Ordering(("-created_at", "-pk")),
    # Counts adaptations, which the matches do not hold: the paginator reads its page.
    SortOrder.MOST_ADAPTED: Ordering(("-adaptation_count", "title", "pk"), with_matches=False),
    # The practice's own counter (``participants.proof``): readable with a search's matches.
    SortOrder.MOST_PROVEN: Ordering(("-proven_adaptation_count", "title", "pk")),
    SortOrder.TITLE: Ordering(("title", "pk")),
}
