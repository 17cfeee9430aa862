"""The select drawn in Python writes exactly what Django's template-drawn select writes."""

import pytest
from django import forms

from benchmarking.widgets import QuickSelect

CHOICES = [
    ("", "Semua <provinsi>"),
    ("33", "Jawa Tengah"),
    (18, 'Lampung "Sai Bumi"'),
    ("Kelompok & lainnya", [("a", "A"), ("b", "B <b>")]),
]


@pytest.mark.parametrize("value", [None, "", "33", 18, "b", ["33"], "not a choice"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_province", "required": True, "disabled": False, "data-x": '1"2'}]
)
def test_the_quick_select_writes_what_the_select_writes(value, attrs):
    expected = forms.Select(choices=CHOICES).render("province", value, attrs=attrs)
    assert QuickSelect(choices=CHOICES).render("province", value, attrs=attrs) == expected


def test_a_select_without_choices():
    assert QuickSelect().render("x", None) == forms.Select().render("x", None)
