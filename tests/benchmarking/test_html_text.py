"""``escape_text`` writes what ``conditional_escape`` writes, for every kind of value the tags
escape: text with markup in it, safe text, lazy (translated) text, numbers and nothing."""

import pytest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from benchmarking.html_text import escape_text

VALUES = [
    "Pelayanan <b>Publik</b> & \"Inovasi\" 'Daerah'",
    "/practices/?province=33&sector=kesehatan",
    mark_safe("<em>already safe</em>"),
    gettext_lazy("Digital"),
    gettext_lazy("What is kept"),
    42,
    3.5,
    None,
    "",
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_escapes_as_conditional_escape(value):
    with override("id"):
        assert escape_text(value) == str(conditional_escape(value))


def test_markup_in_text_comes_out_as_text():
    assert escape_text('<script>alert("x")</script>') == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    )


def test_safe_text_is_kept_as_it_is():
    assert escape_text(mark_safe("<em>kept</em>")) == "<em>kept</em>"


def test_lazy_text_is_translated_in_the_active_language_when_escaped():
    label = gettext_lazy("What is kept")
    with override("id"):
        assert escape_text(label) == "Yang dipertahankan"
    with override("en"):
        assert escape_text(label) == "What is kept"


def test_lazy_text_with_markup_is_escaped():
    assert escape_text(gettext_lazy("Digital & more")) == "Digital &amp; more"
