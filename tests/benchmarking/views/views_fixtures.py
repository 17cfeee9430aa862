"""Shared by the tests of the province and visit pages."""

from django.urls import reverse


def province_url(code):
    return reverse("benchmarking:province-detail", kwargs={"code": code})
