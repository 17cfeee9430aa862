"""The demo data files: every key one record names is defined, and values are read as Python."""

import datetime
import json
import shutil

import pytest

from best_practices.models import ServiceQuality
from tooling.demo.dataset import DATA_DIR, demo_dataset


def test_every_record_names_records_that_exist():
    data = demo_dataset()

    for spec in data.practices.values():
        assert spec["host_agency"] in data.host_agencies
    for spec in data.groups.values():
        assert spec["host_agency"] in data.host_agencies
    for spec in data.participants.values():
        assert spec["group"] in data.groups
    for spec in data.proposals:
        assert spec["participant"] in data.participants
        assert {a["practice"] for a in spec["adaptations"]} <= set(data.practices)
    for spec in data.accounts:
        person = spec.get("participant") or spec.get("facilitator")
        assert person is None or person in data.participants or person in data.facilitators


def test_dates_times_and_qualities_are_read_as_python_values():
    data = demo_dataset()

    assert data.visit["date"] == datetime.date(2018, 8, 28)
    approved = next(spec for spec in data.proposals if spec["status"] == "approved")
    assert approved["submitted_at"] == datetime.datetime(2018, 9, 10, 2, 30, tzinfo=datetime.UTC)
    assert {m["target_date"] for m in approved["milestones"]} == {
        datetime.date(2018, 10, 31),
        datetime.date(2019, 6, 30),
        datetime.date(2020, 12, 31),
    }
    assert data.practices["aplikasi"]["qualities"] == set(ServiceQuality)


def test_an_unknown_quality_is_refused(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path, dirs_exist_ok=True)
    practices = json.loads((tmp_path / "practices.json").read_text(encoding="utf-8"))
    practices["practices"]["aduan"]["qualities"] = ["quick"]
    (tmp_path / "practices.json").write_text(json.dumps(practices), encoding="utf-8")

    with pytest.raises(ValueError, match="'quick' is not a valid ServiceQuality"):
        demo_dataset(tmp_path)
