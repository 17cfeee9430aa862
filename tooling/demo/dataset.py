"""The demo data set as read from ``data/*.json``, with dates, times and qualities made Python.

The files hold values as the models store them (choice values, ISO dates; times carry the
Western Indonesian offset, +07:00, as the visit took place in Semarang) and name each other's
records by key, so the data can be read and edited without reading the loader:

- ``visit.json``: the home and host provinces (Kemendagri codes), the institution, the cohort,
  the visit, its officials, the host agencies visited (key -> name) and the groups (key ->
  group sent to one host agency);
- ``practices.json``: the practices observed (key -> practice, its host agency and sector
  codes) and the notes of their observation on the visit;
- ``people.json``: the institution's facilitators and the participants (key -> person);
- ``proposals.json``: the milestone target date of each term, and the change proposals with
  their adaptations, milestones and reviews;
- ``accounts.json``: the demo accounts; ``participant`` / ``facilitator`` name the record
  the account logs in as.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from best_practices.models import ServiceQuality

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class DemoDataset:
    """Every record of the demo, keyed as in the data files."""

    home_province: str
    host_province: str
    institution: dict
    cohort: dict
    visit: dict
    officials: list[dict]
    host_agencies: dict[str, str]
    groups: dict[str, dict]
    observation_notes: str
    practices: dict[str, dict]
    facilitators: dict[str, dict]
    participants: dict[str, dict]
    proposals: list[dict]
    accounts: list[dict]


def demo_dataset(data_dir: Path = DATA_DIR) -> DemoDataset:
    """Read the data files; an unknown quality or a malformed date raises ``ValueError``."""
    visit = _read(data_dir, "visit.json")
    practices = _read(data_dir, "practices.json")
    people = _read(data_dir, "people.json")
    proposals = _read(data_dir, "proposals.json")
    return DemoDataset(
        home_province=visit["home_province"],
        host_province=visit["host_province"],
        institution=visit["institution"],
        cohort=visit["cohort"],
        visit={**visit["visit"], "date": datetime.date.fromisoformat(visit["visit"]["date"])},
        officials=visit["officials"],
        host_agencies=visit["host_agencies"],
        groups=visit["groups"],
        observation_notes=practices["observation_notes"],
        practices={key: _practice(spec) for key, spec in practices["practices"].items()},
        facilitators=people["facilitators"],
        participants=people["participants"],
        proposals=[
            parse_proposal(spec, proposals["target_dates"]) for spec in proposals["proposals"]
        ],
        accounts=_read(data_dir, "accounts.json")["accounts"],
    )


def _read(data_dir: Path, name: str) -> dict:
    return json.loads((data_dir / name).read_text(encoding="utf-8"))


def _practice(spec: dict) -> dict:
    return {**spec, "qualities": {ServiceQuality(value) for value in spec["qualities"]}}


def parse_proposal(spec: dict, target_dates: dict[str, str]) -> dict:
    """A proposal with its times parsed and each milestone given its term's target date."""
    submitted_at = spec["submitted_at"]
    return {
        **spec,
        "submitted_at": datetime.datetime.fromisoformat(submitted_at) if submitted_at else None,
        "milestones": [
            {
                **milestone,
                "target_date": datetime.date.fromisoformat(target_dates[milestone["term"]]),
            }
            for milestone in spec["milestones"]
        ],
        "reviews": [
            {**review, "at": datetime.datetime.fromisoformat(review["at"])}
            for review in spec["reviews"]
        ],
    }
