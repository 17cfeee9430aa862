from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarkingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "benchmarking"
    verbose_name = _("Benchmarking visits")

    def ready(self):
        _name_the_organizer_links()


def _name_the_organizer_links():
    """Give the rows linking an institution to its organizers a name people can read.

    Django's delete confirmations (of an institution, of a user) list these rows of the
    table it creates for ``Institution.organizers``, as "Institution-user relationship:
    Institution_organizers object (1)". An explicit through model would name them, but the
    admin cannot edit a many-to-many field with one (organizers are picked with an
    autocomplete box), so the created model gets a name and a ``__str__`` here instead.
    """
    from benchmarking.models import Institution

    link = Institution.organizers.through
    link._meta.verbose_name = _("organizer of an institution")
    link._meta.verbose_name_plural = _("organizers of institutions")
    link.__str__ = lambda row: f"{row.user} — {row.institution}"
