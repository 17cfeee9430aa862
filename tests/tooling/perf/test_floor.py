"""The floors of the bench: served by the bench's URLconf only, never by the site's."""

from http import HTTPStatus

import pytest

from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_the_site_does_not_serve_the_floors(client):
    assert client.get("/bench/hello/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/bench/list/").status_code == HTTPStatus.NOT_FOUND


def test_the_bench_serves_hello_world_and_25_rows_of_a_list(client, settings):
    settings.ROOT_URLCONF = "tooling.perf.urls"
    ParticipantFactory.create_batch(30)

    hello = client.get("/bench/hello/")
    first = client.get("/bench/list/").text
    second = client.get("/bench/list/?page=2").text

    assert hello.content == b"Hello, world"
    assert first.count("<li>") == 25
    assert "<p>1 / 2</p>" in first
    assert second.count("<li>") == 5
    assert client.get("/").status_code == HTTPStatus.OK  # the site's pages stay
