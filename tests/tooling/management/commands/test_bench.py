"""``make bench``: the command guards the demo data."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_bench_refuses_a_database_not_named_bench():
    with pytest.raises(CommandError, match="Refusing to run on database .*must contain 'bench'"):
        call_command("bench", "--repeat", "1")
