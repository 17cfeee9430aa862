"""The NIP validator: each way a NIP can be wrong has its own Indonesian message and code."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from participants.models import Participant
from participants.validators import normalize_nip, validate_nip
from tests.factories import CohortFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

VALID_NIP = "198001012005031001"

#: (typed NIP, error code, the exact Indonesian message)
INVALID_NIPS = [
    pytest.param(
        "19800101200503100",
        "nip_length",
        "NIP harus 18 digit; yang dimasukkan 17 digit.",
        id="17-digits",
    ),
    pytest.param(
        "1980010120050310011",
        "nip_length",
        "NIP harus 18 digit; yang dimasukkan 19 digit.",
        id="19-digits",
    ),
    pytest.param(
        "19800101200503100A",
        "nip_not_digits",
        "NIP hanya boleh berisi angka.",
        id="letters",
    ),
    pytest.param(
        "١٩٨٠٠١٠١٢٠٠٥٠٣١٠٠١",
        "nip_not_digits",
        "NIP hanya boleh berisi angka.",
        id="non-ascii-digits",
    ),
    pytest.param(
        "198013322005031001",
        "nip_birth_date",
        "8 digit pertama NIP adalah tanggal lahir (TTTTBBHH); 19801332 bukan tanggal yang valid.",
        id="impossible-birth-date",
    ),
    pytest.param(
        "198002302005031001",
        "nip_birth_date",
        "8 digit pertama NIP adalah tanggal lahir (TTTTBBHH); 19800230 bukan tanggal yang valid.",
        id="30-february",
    ),
    pytest.param(
        "180001012005031001",
        "nip_birth_date",
        "8 digit pertama NIP adalah tanggal lahir (TTTTBBHH); 18000101 bukan tanggal yang valid.",
        id="born-before-1900",
    ),
    pytest.param(
        "198001012005131001",
        "nip_appointment_month",
        "Digit ke-9 sampai ke-14 NIP adalah tahun dan bulan pengangkatan (TTTTBB); "
        "bulan pada 200513 tidak valid.",
        id="appointment-month-13",
    ),
    pytest.param(
        "198001012005001001",
        "nip_appointment_month",
        "Digit ke-9 sampai ke-14 NIP adalah tahun dan bulan pengangkatan (TTTTBB); "
        "bulan pada 200500 tidak valid.",
        id="appointment-month-00",
    ),
    pytest.param(
        "198001011979051001",
        "nip_appointment_year",
        "Digit ke-9 sampai ke-14 NIP adalah tahun dan bulan pengangkatan (TTTTBB); "
        "197905 tidak mungkin menjadi waktu pengangkatan bagi yang lahir pada 19800101.",
        id="appointed-before-birth",
    ),
    pytest.param(
        "198001012999011001",
        "nip_appointment_year",
        "Digit ke-9 sampai ke-14 NIP adalah tahun dan bulan pengangkatan (TTTTBB); "
        "299901 tidak mungkin menjadi waktu pengangkatan bagi yang lahir pada 19800101.",
        id="appointed-in-the-far-future",
    ),
    pytest.param(
        "198001012005033001",
        "nip_sex_digit",
        "Digit ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan), bukan 3.",
        id="sex-digit-3",
    ),
    pytest.param(
        "198001012005030001",
        "nip_sex_digit",
        "Digit ke-15 NIP adalah jenis kelamin: 1 (laki-laki) atau 2 (perempuan), bukan 0.",
        id="sex-digit-0",
    ),
    pytest.param(
        "198001012005031000",
        "nip_serial",
        "3 digit terakhir NIP adalah nomor urut yang dimulai dari 001, bukan 000.",
        id="serial-000",
    ),
]


class ParticipantForm(forms.ModelForm):
    """What an organizer's form for a participant looks like."""

    class Meta:
        model = Participant
        fields = ["full_name", "nip", "cohort"]


@pytest.mark.parametrize("nip", [VALID_NIP, "197512312000122999", "200002292024011001"])
def test_valid_nip_passes(nip):
    validate_nip(nip)


@pytest.mark.parametrize(("nip", "code", "message"), INVALID_NIPS)
def test_validator_gives_a_clear_message_and_code(nip, code, message):
    with pytest.raises(ValidationError) as caught:
        validate_nip(nip)

    assert caught.value.code == code
    assert caught.value.messages == [message]


@pytest.mark.parametrize(
    "typed",
    ["19800101 200503 1 001", "19800101.200503.1.001", " 19800101-200503-1-001 ", VALID_NIP],
)
def test_normalize_drops_separators_between_the_parts(typed):
    assert normalize_nip(typed) == VALID_NIP


@pytest.mark.parametrize(("nip", "code", "message"), INVALID_NIPS)
def test_full_clean_on_participant_reports_the_nip_message(nip, code, message):
    participant = ParticipantFactory.build(nip=nip, cohort=CohortFactory())

    with pytest.raises(ValidationError) as caught:
        participant.full_clean()

    assert list(caught.value.error_dict) == ["nip"]
    errors = caught.value.error_dict["nip"]
    assert message in [error.messages[0] for error in errors]
    assert code in [error.code for error in errors]


def test_full_clean_normalizes_a_nip_typed_with_spaces():
    participant = ParticipantFactory.build(nip="19800101 200503 1 001", cohort=CohortFactory())

    participant.full_clean()
    participant.save()

    assert Participant.objects.get().nip == VALID_NIP


def test_model_form_accepts_a_nip_typed_with_spaces_and_saves_it_normalized():
    form = ParticipantForm(
        data={
            "full_name": "Siti Aminah",
            "nip": "19800101 200503 1 001",
            "cohort": CohortFactory().pk,
        }
    )

    assert form.is_valid(), form.errors
    form.save()

    assert Participant.objects.get(full_name="Siti Aminah").nip == VALID_NIP


@pytest.mark.parametrize(("nip", "code", "message"), INVALID_NIPS)
def test_model_form_shows_the_nip_message(nip, code, message):
    form = ParticipantForm(
        data={"full_name": "Siti Aminah", "nip": nip, "cohort": CohortFactory().pk}
    )

    assert not form.is_valid()
    assert message in form.errors["nip"]
    assert code in [error.code for error in form.errors.as_data()["nip"]]
    assert not Participant.objects.exists()


def test_nip_is_unique_even_when_typed_differently():
    ParticipantFactory(nip=VALID_NIP)
    form = ParticipantForm(
        data={
            "full_name": "Orang Lain",
            "nip": "19800101 200503 1 001",
            "cohort": CohortFactory().pk,
        }
    )

    assert not form.is_valid()
    assert form.errors["nip"] == ["Peserta dengan NIP telah ada."]
    assert Participant.objects.count() == 1
