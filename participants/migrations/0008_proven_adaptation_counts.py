"""Count the proven adaptations of the practices already adapted (see ``participants.proof``,
which keeps the count from now on)."""

from django.db import migrations
from django.db.models import Count, Q

#: ``participants.statuses.CARRIED_OUT_STATUSES`` when this migration was written.
CARRIED_OUT = ("implementing", "report_submitted", "evaluated")


def count_proven(apps, schema_editor):
    adaptation_model = apps.get_model("participants", "PracticeAdaptation")
    follow_up_model = apps.get_model("participants", "FollowUp")
    practice_model = apps.get_model("best_practices", "BestPractice")
    running = follow_up_model.objects.filter(
        checkpoint=12, status__in=["running", "replicated"]
    ).values("proposal_id")
    counts = (
        adaptation_model.objects.filter(
            Q(proposal__status__in=CARRIED_OUT) | Q(proposal__in=running)
        )
        .order_by()
        .values("practice_id")
        .annotate(proven=Count("*"))
        .values_list("practice_id", "proven")
    )
    for practice_id, proven in counts:
        practice_model.objects.filter(pk=practice_id).update(proven_adaptation_count=proven)


class Migration(migrations.Migration):
    dependencies = [
        ("best_practices", "0007_bestpractice_proven_adaptation_count"),
        ("participants", "0007_reports"),
    ]

    operations = [migrations.RunPython(count_proven, migrations.RunPython.noop)]
