"""Named querysets of best practices."""

from django.db import models


class BestPracticeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status="active")

    def with_host(self):
        return self.select_related("host_province", "host_agency")
