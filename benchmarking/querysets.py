"""Named querysets of the benchmarking app: each screen loads what it shows in one place."""

from django.db import models


class ProvinceQuerySet(models.QuerySet):
    pass


class CohortQuerySet(models.QuerySet):
    def with_institution(self):
        return self.select_related("institution__province")


class VisitQuerySet(models.QuerySet):
    def with_cohort(self):
        return self.select_related("cohort__institution__province", "host_province")
