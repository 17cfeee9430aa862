"""No input gives a server error: a corpus of bad inputs against every URL and form.

The URLs come from the URL configuration (``tests/config/urls_under_test.py``), so a new page
is tried without being listed here. As a superuser (who reaches every page), each page of the
site gets every bad input in its query string and a third of them in its path parameters and
form fields (all fields at once, then one at a time); each admin page, whose views Django
shares between the models, gets a sample of three. Every other role gets a sample of inputs on
every URL. Whatever the answer, it is not a 5xx, and when it is an error (a 4xx, or a posted
form shown again with its errors) not one row of any table has changed.
"""

import itertools
import logging
from http import HTTPStatus
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f
from tests.config.urls_under_test import form_fields, row_counts, site_urls, world_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quiet_request_log():
    """Thousands of expected 4xx answers would each log a warning with its long path."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


CONTROL_CHARACTERS = [f"a{chr(code)}b" for code in (*range(0x20), 0x7F)]
NON_ASCII_DIGITS = ["²", "³", "¹²", "١٢", "१२", "১", "௧", "①", "１２", "Ⅻ", "𝟙"]
HUGE = ["x" * 100_000, "1" * 100_000, "é" * 100_000]
IDS = [
    str(2**63),
    str(2**63 - 1),
    str(2**64),
    "-1",
    str(-(2**63) - 1),
    "0",
    "1e3",
    "0x10",
    " 1",
    "1.5",
]
DATES = [
    "2018-02-30",
    "0000-00-00",
    "9999-99-99",
    "10000-01-01",
    "2018-13-01",
    "-1-01-01",
    "0001-01-01",
    "01/02/2018",
    "31.12.2018",
    "kemarin",
]
METACHARACTERS = [
    "&",
    "|",
    "!",
    ":",
    "*",
    "%",
    "_",
    "\\",
    "'",
    '"',
    "a & b | !c",
    "foo:*",
    "%_%",
    "\\'",
    "''",
    "a:*B",
    "(",
    ")",
    "<->",
    "!!",
    "-",
    '"unterminated',
]
TEXT_DIRECTION = ["\u200f", "\u202eabc", "\u200e", "\u2066x\u2069"]
EMOJI = ["😀", "👩‍👩‍👧", "🏳️‍🌈", "😀" * 1000]
COMBINING = ["e\u0301", "\u0301", "Z\u0334\u0321\u031b\u0356\u031d", "a" + "\u0300" * 100]
MISCELLANEOUS = [
    "",
    " ",
    "null",
    "None",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "\ufeff",
    "\uffff",
    "\U0010ffff",
]

BAD_INPUTS = [
    *CONTROL_CHARACTERS,
    *NON_ASCII_DIGITS,
    *HUGE,
    *IDS,
    *DATES,
    *METACHARACTERS,
    *TEXT_DIRECTION,
    *EMOJI,
    *COMBINING,
    *MISCELLANEOUS,
]

#: The query parameters the site's pages read (filters, search, paging, admin lookups).
QUERY_PARAMETERS = [
    "q",
    "page",
    "p",
    "o",
    "sort",
    "province",
    "sector",
    "visit",
    "year",
    "stage",
    "quality",
    "status",
    "cohort",
    "program",
    "practice",
    "term",
    "app_label",
    "model_name",
    "field_name",
    "next",
    "_changelist_filters",
    "participant__id__exact",
    "cohort__id__exact",
    "start_date__gte",
]

#: Query strings whose shape is wrong: repeated and array parameters.
ODD_QUERIES = [
    "q=a&q=b&q=c",
    "province[]=33&sector[]=pendidikan",
    "page=1&page=2",
    "year=2018&year=abc&year=",
    "q[]=a&q[]=b",
    "province=33&province=33&province=99",
]

#: Requests that would end the session or delete rows by design, whatever their content.
SKIPPED_POSTS = ("logout",)


def _is_skipped_post(url) -> bool:
    return url.name.endswith(SKIPPED_POSTS) or url.name.endswith("_delete")


class Probe:
    """Sends requests as one role and records every 5xx and every error that changed rows."""

    def __init__(self, world, role: str):
        self.client = Client(raise_request_exception=False)
        if world.users[role] is not None:
            self.client.force_login(world.users[role])
        self.role = role
        self.requests = 0
        self.problems = []
        self.counts = row_counts()

    def send(self, method: str, path: str, data=None) -> None:
        send = self.client.get if method == "GET" else self.client.post
        response = send(path, data or {})
        self.requests += 1
        status = response.status_code
        described = f"{self.role} {method} {path[:120]!r} {str(data)[:120] if data else ''}"
        if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
            raised = getattr(response, "exc_info", None)
            self.problems.append(f"{status}: {described} {raised[1]!r}" if raised else described)
        counts = row_counts()
        error = status >= HTTPStatus.BAD_REQUEST or (method == "POST" and status == HTTPStatus.OK)
        if (error or method == "GET") and counts != self.counts:
            changed = {t for t in counts if counts[t] != self.counts.get(t)}
            self.problems.append(f"rows changed in {sorted(changed)} by {status}: {described}")
        self.counts = counts

    def page_fields(self, path: str) -> dict[str, str]:
        response = self.client.get(path)
        if response.status_code != HTTPStatus.OK:
            return {}
        return form_fields(response.content.decode(errors="replace"))


def _try_url(probe, world, url, inputs, *, path_and_form_inputs=None) -> None:
    """Each input in the URL's query string; each of ``path_and_form_inputs`` (default: the
    same) in its path parameters and, all at once and then one field at a time, its form."""
    valid = world.valid_params(url)
    path = url.fill(valid)
    for bad in inputs:
        query = "&".join(f"{name}={quote(bad, safe='')}" for name in QUERY_PARAMETERS)
        probe.send("GET", f"{path}?{query}")
    others = inputs if path_and_form_inputs is None else path_and_form_inputs
    for bad in others:
        for name in url.params:
            probe.send("GET", url.fill({**valid, name: bad}))
    if _is_skipped_post(url):
        return
    fields = probe.page_fields(path)
    for bad in others:
        probe.send("POST", path, {**dict.fromkeys(fields, bad), "q": bad})
    if url.path.startswith("admin/"):
        return  # Django's admin forms share their code: a bad value in every field suffices.
    for index, name in enumerate(fields):
        probe.send("POST", path, {**fields, name: others[index % len(others)]})


def test_the_corpus_has_over_a_hundred_bad_inputs():
    assert len(set(BAD_INPUTS)) == len(BAD_INPUTS) > 100


def test_every_url_takes_every_bad_input_without_a_server_error(capsys):
    world = world_create()
    probe = Probe(world, "superuser")
    urls = site_urls()
    # The admin's views are shared by every model: the site's pages get every input, the
    # admin's a sample, different for each page.
    for index, url in enumerate(urls):
        if url.admin_model is None and not url.path.startswith("admin/"):
            _try_url(probe, world, url, BAD_INPUTS, path_and_form_inputs=BAD_INPUTS[::3])
        else:
            _try_url(probe, world, url, BAD_INPUTS[index % 40 :: 40])
    # Odd query strings where a query string is read: the site's pages and the admin's lists.
    listing = [u for u in urls if u.admin_model is None or u.name.endswith("_changelist")]
    for url, query in itertools.product(listing, ODD_QUERIES):
        probe.send("GET", f"{url.fill(world.valid_params(url))}?{query}")
    probe.send("GET", "/provinces/" + "a" * 20_000 + "/")
    probe.send("GET", "/practices/?q=" + "a" * 60_000)
    with capsys.disabled():
        print(f"\nbad inputs: {len(BAD_INPUTS)}, requests as superuser: {probe.requests}")
    assert probe.problems == []


@pytest.mark.parametrize(
    "role", ["anonymous", "owner", "other_participant", "facilitator", "organizer"]
)
def test_every_url_takes_a_sample_of_bad_inputs_as_each_role(role, capsys):
    world = world_create()
    probe = Probe(world, role)
    for index, url in enumerate(site_urls()):
        sample = [BAD_INPUTS[index % len(BAD_INPUTS)]]  # every input, across the URLs
        _try_url(probe, world, url, sample)
    with capsys.disabled():
        print(f"\nrequests as {role}: {probe.requests}")
    assert probe.problems == []


# --- The causes of server errors found by hand, one by one -----------------------------------

AUTOCOMPLETE = (
    "/admin/autocomplete/?app_label=participants&model_name=changeproposal"
    "&field_name=participant&term=%00"
)


def test_a_nul_byte_in_the_path_is_a_bad_request(client):
    assert client.get("/provinces/%00/").status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.parametrize(
    "role, path, status",
    [
        ("owner", "/proposals/new/?practice=%00", HTTPStatus.OK),
        ("owner", "/proposals/practices/?q=%00", HTTPStatus.OK),
        ("superuser", AUTOCOMPLETE, HTTPStatus.OK),
        ("superuser", "/admin/participants/changeproposal/?status=%00", HTTPStatus.OK),
        ("superuser", "/admin/participants/changeproposal/?participant__id__exact=%00", 302),
    ],
)
def test_a_nul_byte_in_the_query_string_reaches_no_query(role, path, status):
    world = world_create()
    client = Client()
    client.force_login(world.users[role])
    assert client.get(path).status_code == status


def test_a_nul_byte_in_a_posted_field_is_a_bad_request_and_writes_nothing(client):
    world = world_create()
    client.force_login(world.users["owner"])
    before = row_counts()
    response = client.post("/proposals/new/", {"title": "Judul\x00", "problem": "Masalah"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert row_counts() == before


def test_tabs_and_line_breaks_in_a_posted_text_are_kept(client):
    world = world_create()
    client.force_login(world.users["owner"])
    response = client.post(
        "/proposals/new/",
        {**f.proposal_form_data(), "problem": "Baris satu\r\n\tBaris dua"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert (
        world.users["owner"]
        .participant.proposals.filter(problem="Baris satu\r\n\tBaris dua")
        .exists()
    )


@pytest.mark.parametrize("digit", ["²", "١", str(2**63), "-1"])
def test_a_practice_id_that_is_no_ascii_number_is_not_found(client, digit):
    world = world_create()
    client.force_login(world.users["owner"])
    proposal = f.ChangeProposalFactory(participant=world.proposal.participant)
    data = f.proposal_form_data_for(proposal, action="add_practice")

    page = client.post(
        reverse("participants:proposal-edit", args=[proposal.pk]), {**data, "add_practice": digit}
    )

    assert page.status_code == HTTPStatus.OK
    assert "Praktik baik itu tidak ditemukan; silakan cari lagi." in page.text


def test_an_adaptation_whose_practice_id_is_a_superscript_is_refused(client):
    world = world_create()
    client.force_login(world.users["owner"])
    proposal = f.ChangeProposalFactory(participant=world.proposal.participant)
    row = {"practice": "²", "mode": "adapt", "kept": "Alur.", "changed": "", "rationale": ""}
    data = f.proposal_form_data(version=proposal.version, adaptations=[row])
    before = row_counts()

    page = client.post(reverse("participants:proposal-edit", args=[proposal.pk]), data)

    assert page.status_code == HTTPStatus.OK
    assert "Tidak ada yang disimpan." in page.text
    assert "Masukkan pilihan yang valid." in page.text
    assert row_counts() == before


@pytest.mark.parametrize("object_id, version_id", [("{pk}", "abc"), ("abc", "1"), ("{pk}", "²")])
def test_a_history_version_that_is_no_number_is_not_found(client, object_id, version_id):
    world = world_create()
    client.force_login(world.users["superuser"])
    object_id = object_id.format(pk=world.proposal.pk)
    path = f"/admin/participants/changeproposal/{object_id}/history/{version_id}/"
    assert client.get(path).status_code == HTTPStatus.FOUND
    assert client.get(f"/admin/participants/changeproposal/{object_id}/history/").status_code in (
        HTTPStatus.OK,
        HTTPStatus.FOUND,
    )


def test_an_add_page_ignores_a_relation_given_as_no_id(client):
    world = world_create()
    client.force_login(world.users["superuser"])
    assert client.get("/admin/benchmarking/visit/add/?cohort=%25").status_code == HTTPStatus.OK


def test_an_admin_add_page_ignores_a_relation_id_too_large_for_the_database(admin_client):
    """An add page takes initial values from its query string; an id past 2^63 used to reach
    the database (OverflowError on SQLite) instead of being dropped."""
    url = "/admin/participants/practiceadaptation/add/?proposal=9223372036854775808"

    response = admin_client.get(url)

    assert response.status_code == 200
