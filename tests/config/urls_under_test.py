"""Every URL of the URL configuration, with its path parameters filled in: the helpers of the
bad-input corpus (``tests/config/test_bad_input.py``).

``site_urls()`` walks ``get_resolver()`` (the admin's patterns included), so a new URL is tried
without anyone listing it. ``World`` is a small data set with one row behind every path
parameter and a user for each role; ``form_fields()`` reads the POST fields of a rendered page.
"""

import dataclasses
from html.parser import HTMLParser
from urllib.parse import quote

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import URLResolver, get_resolver
from django.utils.regex_helper import normalize

from participants.models import ChangeProposal, FacilitatorRole
from participants.roles import organizer_group_ensure
from tests import factories as f


@dataclasses.dataclass(frozen=True)
class SiteURL:
    """One URL pattern: its name and its path as a ``%(param)s`` format string."""

    name: str
    path: str
    params: tuple[str, ...]

    def fill(self, values: dict[str, str]) -> str:
        return "/" + self.path % {name: quote(str(values[name]), safe="") for name in self.params}

    @property
    def admin_model(self):
        """The model of an admin page ``admin/<app>/<model>/...``, or None."""
        parts = self.path.split("/")
        if parts[0] != "admin" or len(parts) < 4:
            return None
        try:
            return apps.get_model(parts[1], parts[2])
        except (LookupError, ValueError):
            return None


def _walk(patterns, prefix=""):
    for pattern in patterns:
        path, params = normalize(pattern.pattern.regex.pattern)[0]
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + path)
        else:
            yield SiteURL(name=pattern.name or "", path=prefix + path, params=tuple(params))


def site_urls() -> list[SiteURL]:
    """Every URL pattern of the site, in the URL configuration's order."""
    return list(_walk(get_resolver().url_patterns))


@dataclasses.dataclass
class World:
    """One row behind every path parameter, and a user for each role."""

    proposal: ChangeProposal
    users: dict  # role -> user, or None for the anonymous visitor

    def valid_params(self, url: SiteURL) -> dict[str, str]:
        """Values for ``url``'s path parameters that name existing rows."""
        model = url.admin_model
        row = model._default_manager.order_by("pk").first() if model else None
        values = {}
        for name in url.params:
            if name in ("object_id", "_0") and url.path.startswith("admin/r/"):
                values[name] = self.proposal.pk
            elif name in ("object_id", "_0"):
                values[name] = row.pk if row else 1
            elif name == "_1":
                values[name] = row.history.order_by("pk").first().history_id if row else 1
            elif name == "content_type_id":
                values[name] = ContentType.objects.get_for_model(ChangeProposal).pk
            elif name == "id":
                values[name] = self.users["superuser"].pk
            elif name == "app_label":
                values[name] = "participants"
            elif name == "url":
                values[name] = "nowhere/"
            elif name == "code":
                values[name] = "33"
            elif name == "slug":
                values[name] = self.proposal.practices.first().slug
            elif url.path.startswith("visits/"):
                values[name] = self.proposal.practices.first().visits.first().pk
            else:
                values[name] = self.proposal.pk
        return values


def world_create() -> World:
    """A visit with a group, a practice observed there, and a submitted proposal adapting it,
    with its owner, another participant, the assigned coach, the institution's organizer and
    a superuser."""
    visit = f.VisitFactory()
    group = f.VisitGroupFactory(visit=visit)
    f.VisitOfficialFactory(visit=visit)
    practice = f.BestPracticeFactory(sectors=[f.sector("pendidikan")])
    f.PracticeObservationFactory(practice=practice, visit=visit)
    users = {
        "anonymous": None,
        "owner": f.UserFactory(username="owner"),
        "other_participant": f.UserFactory(username="other"),
        "facilitator": f.UserFactory(username="coach"),
        "organizer": f.UserFactory(username="organizer", is_staff=True),
        "superuser": f.UserFactory(username="root", is_staff=True, is_superuser=True),
    }
    users["organizer"].groups.add(organizer_group_ensure())
    users["organizer"].organized_institutions.add(visit.cohort.institution)
    owner = f.ParticipantFactory(user=users["owner"], cohort=visit.cohort, visit_group=group)
    f.ParticipantFactory(user=users["other_participant"], cohort=visit.cohort)
    coach = f.FacilitatorFactory(user=users["facilitator"], role=FacilitatorRole.COACH)
    proposal = f.proposal_ready_to_submit(participant=owner, coach=coach)
    proposal.adaptations.update(practice=practice)
    proposal.status = "submitted"
    proposal.submitted_at = proposal.created_at
    proposal.save()
    f.ReviewFactory(proposal=proposal, reviewer=coach)
    return World(proposal=proposal, users=users)


def row_counts() -> dict[str, int]:
    """The number of rows of every table, in one query."""
    quote_name = connection.ops.quote_name
    tables = connection.introspection.table_names()
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {quote_name(t)}" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


class _FormReader(HTMLParser):
    """The fields of the first ``method="post"`` form, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._state = "before"
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self._state == "before":
            if (attrs.get("method") or "").lower() == "post":
                self._state = "inside"
            return
        if self._state != "inside":
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value") or ""
            unchecked = kind in ("checkbox", "radio") and "checked" not in attrs
            if kind == "radio" and unchecked:
                self.fields.setdefault(name, value)
            elif not unchecked and kind not in ("file", "image", "button", "submit"):
                self.fields[name] = value
            elif kind == "submit":
                self.fields.setdefault(name, value)
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif (
            tag == "option"
            and self._select
            and (self._select not in self.fields or "selected" in attrs)
        ):
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self._state == "inside":
            self._state = "after"
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html: str) -> dict[str, str]:
    """The POST fields of the page's first post form (empty when it has none)."""
    reader = _FormReader()
    reader.feed(html)
    return reader.fields
