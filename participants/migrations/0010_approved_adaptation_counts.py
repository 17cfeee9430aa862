"""Count the adaptations in approved proposals of the practices already adapted (see
``participants.proof``, which keeps the count from now on)."""

from django.db import migrations
from django.db.models import Count

#: ``participants.statuses.SHARED_STATUSES`` when this migration was written.
SHARED = ("approved", "implementing", "report_submitted", "evaluated")


def count_approved(apps, schema_editor):
    adaptation_model = apps.get_model("participants", "PracticeAdaptation")
    practice_model = apps.get_model("best_practices", "BestPractice")
    counts = (
        adaptation_model.objects.filter(proposal__status__in=SHARED)
        .order_by()
        .values("practice_id")
        .annotate(approved=Count("*"))
        .values_list("practice_id", "approved")
    )
    by_count: dict[int, list[int]] = {}
    for practice_id, approved in counts:
        by_count.setdefault(approved, []).append(practice_id)
    for approved, ids in by_count.items():
        practice_model.objects.filter(pk__in=ids).update(approved_adaptation_count=approved)


class Migration(migrations.Migration):
    dependencies = [
        ("best_practices", "0010_bestpractice_approved_adaptation_count"),
        ("participants", "0009_statistics_figures"),
    ]

    operations = [migrations.RunPython(count_approved, migrations.RunPython.noop)]
