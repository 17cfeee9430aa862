"""The import timing of ``manage.py bench``: a participant list of N rows, read from a CSV
file as an organizer uploads it, checked and written into a new cohort, then rolled back so
the bench data set stays as it was. The invitations, mailed after a commit, are not counted."""

import csv
import datetime
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from benchmarking.imports import ImportReport, import_run
from benchmarking.models import Cohort, Institution
from participants.imports import ParticipantImporter


@dataclass(frozen=True)
class ImportTiming:
    rows: int
    dry_run_s: float
    import_s: float
    report: ImportReport


def _nip(i: int) -> str:
    # Born in the 1960s: the generated participants are born from 1970, so no NIP collides.
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=i // 999)
    return f"{birth:%Y%m%d}198503{1 + i % 2}{(i % 999) + 1:03d}"


def participant_csv(path: Path, *, rows: int) -> None:
    """Write a participant list of ``rows`` rows as Excel writes it (BOM, semicolons)."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(["NIP", "Nama", "Jabatan", "Unit kerja", "Email"])
        for i in range(rows):
            writer.writerow(
                [_nip(i), f"Peserta Impor {i}", "Kepala Seksi", "Dinas Kominfo", f"p{i}@bench.id"]
            )


def import_timing(*, rows: int) -> ImportTiming:
    """Time a dry run and a real import of ``rows`` participants, then undo the import."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "peserta.csv"
        participant_csv(path, rows=rows)
        with transaction.atomic():
            cohort = Cohort.objects.create(
                institution=Institution.objects.order_by("pk").first(),
                name="Angkatan impor bench",
                year=2026,
            )
            importer = ParticipantImporter(cohort=cohort)
            timings = []
            for dry_run in (True, False):
                started = time.perf_counter()
                with path.open("rb") as stream:
                    report = import_run(
                        importer=importer, file=stream, filename=path.name, dry_run=dry_run
                    )
                timings.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    return ImportTiming(rows=rows, dry_run_s=timings[0], import_s=timings[1], report=report)
