"""The kept figures of the national statistics (``participants.statistics_figures``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatisticsFigures(models.Model):
    """One row: the numbers of ``/statistics/`` as computed at ``figures_version`` under the
    catalog token ``catalog_token``.

    Why a row: the flow of ideas aggregates every adaptation of every approved proposal, too
    slow for a request. A change to what is counted raises ``version`` in its own transaction,
    so the kept figures stop matching at once, and a task recomputes them after the commit;
    figures are written only if ``version`` has not moved since they were read (a request that
    read the data before a change never stores it as current)."""

    version = models.PositiveBigIntegerField(_("version"), default=0)
    figures_version = models.PositiveBigIntegerField(_("figures version"), null=True, blank=True)
    catalog_token = models.CharField(_("catalog token"), max_length=36, blank=True)
    figures = models.JSONField(_("figures"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistics figures")
        verbose_name_plural = _("statistics figures")

    def __str__(self):
        return f"{self._meta.verbose_name} {self.version}"
