"""Shared by the tests of the ground floor's models."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch

END_BEFORE_START = "Tanggal selesai tidak boleh sebelum tanggal mulai."


def url_or_skip(obj) -> str:
    """The object's page, or skip: the pages are built by other parts of the project."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        pytest.skip(f"No page for {type(obj).__name__} yet.")


def non_field_messages(error: ValidationError) -> list[str]:
    return error.message_dict["__all__"]
