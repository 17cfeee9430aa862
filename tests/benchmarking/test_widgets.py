"""The select drawn in Python writes exactly what Django's template-drawn select writes."""

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy

from benchmarking.widgets import QuickSelect

CHOICES = [
    ("", "Semua <provinsi>"),
    ("all", gettext_lazy("All provinces")),
    ("33", "Jawa Tengah"),
    (18, 'Lampung "Sai Bumi"'),
    ("Kelompok & lainnya", [("a", "A"), ("b", "B <b>")]),
]


@pytest.mark.parametrize("value", [None, "", "33", 18, "b", ["33"], "not a choice"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_province", "required": True, "disabled": False, "data-x": '1"2', "size": 3}],
)
def test_the_quick_select_writes_what_the_select_writes(value, attrs):
    with translation.override("id"):
        expected = forms.Select(choices=CHOICES).render("province", value, attrs=attrs)
        written = QuickSelect(choices=CHOICES).render("province", value, attrs=attrs)

    assert "Semua provinsi" in expected  # the lazy label, translated
    assert written == expected


def test_a_select_without_choices():
    assert QuickSelect().render("x", None) == forms.Select().render("x", None)
