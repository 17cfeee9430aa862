"""Full-text search of best practices, one for the site, the proposal form's picker and the
admin (docs/search.md).

PostgreSQL matches ``websearch_to_tsquery`` (any typed text, never a syntax error) against the
weighted ``search_vector`` that triggers keep (migrations 0003 and 0004) with the ``indonesian``
Snowball configuration, ranked by relevance. SQLite wants every word, stemmed by the same
Snowball algorithm (``snowballstemmer``), in one of the searched fields, ranked by where it was
found. The search's hand-written SQL (``matches_and_page``) lives here too.
"""

import unicodedata

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from best_practices.sort_orders import MATCH_COLUMNS, Ordering

SEARCH_CONFIG = "indonesian"
#: The Snowball algorithm of ``SEARCH_CONFIG``, for the SQLite fallback.
STEMMER_LANGUAGE = "indonesian"
MAX_QUERY_LENGTH = 200
MAX_FALLBACK_WORDS = 10

#: Field lookups searched by the SQLite fallback, with the weight of a match in each.
FALLBACK_FIELDS = {
    "title": 4,
    "summary": 2,
    "key_to_success": 2,
    "description": 1,
    "host_agency__name": 1,
    "host_province__name": 1,
}


def clean_query(raw: str | None) -> str:
    """``raw`` without control characters and extra whitespace, cut to ``MAX_QUERY_LENGTH``."""
    if not raw:
        return ""
    text = "".join(" " if _is_control(char) else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds characters no query may carry to the database (e.g. NUL)."""
    return any(_is_control(char) for char in text)


def _is_control(char: str) -> bool:
    # Category "C*" covers control, format, surrogate and unassigned code points; they carry
    # no meaning for search and some (NUL) make PostgreSQL refuse the query outright.
    return unicodedata.category(char).startswith("C")


def has_words(query: str) -> bool:
    """Whether ``query`` has anything to look for: at least one letter or digit."""
    return any(char.isalnum() for char in query)


def uses_postgres_search(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_filter(queryset: QuerySet, query: str) -> QuerySet:
    """``queryset`` narrowed to the practices matching ``query`` (already cleaned)."""
    if not has_words(query):
        return queryset.none()
    if uses_postgres_search(queryset):
        return queryset.filter(search_vector=_search_query(query))
    return queryset.filter(_fallback_condition(query))


def search_ranked(queryset: QuerySet, query: str) -> QuerySet:
    """Like ``search_filter``, with a ``search_rank`` annotation (higher is more relevant)."""
    queryset = search_filter(queryset, query)
    if uses_postgres_search(queryset):
        return queryset.annotate(search_rank=SearchRank(F("search_vector"), _search_query(query)))
    return queryset.annotate(search_rank=_fallback_rank(query))


def _search_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


def stems(words: list[str]) -> list[str]:
    """Each of ``words`` lower-cased and reduced to its Snowball stem, as PostgreSQL's
    ``indonesian`` configuration indexes it ("pengaduan" -> "adu")."""
    # A stemmer keeps state while it works: one per call, so threads never share one.
    stemmer = snowballstemmer.stemmer(STEMMER_LANGUAGE)
    return [stemmer.stemWord(word.lower()) for word in words]


def _fallback_words(query: str) -> list[str]:
    # Words made only of punctuation ("&", "(((") would demand that punctuation in the text.
    # Snowball only strips affixes, so a stem is found inside every form of its word.
    words = [word for word in query.split() if has_words(word)][:MAX_FALLBACK_WORDS]
    stripped = [word.strip("\"'()[]{}.,;:!?*&|") or word for word in words]
    return [stem or word.lower() for stem, word in zip(stems(stripped), stripped, strict=True)]


def _fallback_condition(query: str) -> Q:
    condition = Q()
    for word in _fallback_words(query):
        word_anywhere = Q()
        for lookup in FALLBACK_FIELDS:
            word_anywhere |= Q(**{f"{lookup}__icontains": word})
        condition &= word_anywhere
    return condition


def _fallback_rank(query: str):
    rank = Value(0)
    for word in _fallback_words(query):
        for lookup, weight in FALLBACK_FIELDS.items():
            rank += Case(
                When(**{f"{lookup}__icontains": word}, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return rank


def reads_page_with_matches(matches: QuerySet) -> bool:
    """Whether ``matches_and_page`` can read the page of ``matches``: on PostgreSQL only
    (elsewhere the paginator reads it), and only with something to match (an empty search
    compiles to no SQL at all).
    """
    return uses_postgres_search(matches) and not matches.query.is_empty()


def matches_and_page(
    matches: QuerySet, *, ordering: Ordering, limit: int, offset: int
) -> tuple[list[int], list[int]]:
    """The ids of every practice in ``matches`` and the ids of one page of them in
    ``ordering``, from one statement on PostgreSQL, so the search condition is tested once.

    The matches are read once into a materialised CTE, the ORM's own search (the search
    condition and its parameters stay the ORM's); the rest names only the CTE's columns and
    passes every value as a parameter.
    """
    columns = [*MATCH_COLUMNS, *ordering.extra_columns]
    fields = ["pk" if column == "id" else column for column in columns]
    cte_sql, cte_params = matches.values_list(*fields).query.sql_with_params()
    names = ", ".join(columns)
    order = ordering.sql
    sql = f"""
        WITH matches ({names}) AS MATERIALIZED ({cte_sql})
        SELECT (SELECT array_agg(id) FROM matches),
            (SELECT array_agg(id {order})
             FROM (SELECT {names} FROM matches {order} LIMIT %s OFFSET %s) page)
    """
    with connections[matches.db].cursor() as cursor:
        cursor.execute(sql, [*cte_params, limit, offset])
        ids, page_ids = cursor.fetchone()
    return ids or [], page_ids or []
