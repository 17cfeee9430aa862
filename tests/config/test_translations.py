"""The Indonesian catalog is complete and compiled, and every model label has its translation."""

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

LOCAL_APPS = ["benchmarking", "best_practices", "participants"]


def catalog_path(extension: str):
    return settings.BASE_DIR / "locale" / "id" / "LC_MESSAGES" / f"django.{extension}"


@pytest.fixture(scope="module")
def catalog() -> polib.POFile:
    return polib.pofile(str(catalog_path("po")))


def test_every_entry_is_translated(catalog):
    offenders = [entry.msgid for entry in catalog.untranslated_entries()]

    assert not offenders, "Untranslated in django.po:\n" + "\n".join(offenders)


def test_no_entry_is_fuzzy(catalog):
    offenders = [entry.msgid for entry in catalog.fuzzy_entries()]

    assert not offenders, "Fuzzy in django.po:\n" + "\n".join(offenders)


def test_compiled_catalog_matches_the_source(catalog):
    """The committed .mo holds exactly the .po's translations (file times mean nothing in a
    fresh clone, so compare the contents)."""
    mo_path = catalog_path("mo")
    assert mo_path.exists(), "Run `make messages` to compile django.mo."
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(mo_path))}
    stale = []
    for entry in catalog.translated_entries():
        other = compiled.get((entry.msgctxt, entry.msgid))
        if other is None or (other.msgstr, other.msgstr_plural) != (
            entry.msgstr,
            {int(k): v for k, v in entry.msgstr_plural.items()},
        ):
            stale.append(entry.msgid)

    assert not stale, "django.mo is stale; run `make messages`. Differs:\n" + "\n".join(stale)


def model_labels():
    """Every translatable label of the local models: names, fields, help, choices, constraints."""
    for app in LOCAL_APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue  # simple_history copies the labels of the tracked model
            meta = model._meta
            yield f"{model.__name__} verbose_name", meta.verbose_name
            yield f"{model.__name__} verbose_name_plural", meta.verbose_name_plural
            for field in meta.get_fields():
                if field.auto_created or not (field.concrete or field.many_to_many):
                    continue
                where = f"{model.__name__}.{field.name}"
                yield where, field.verbose_name
                if field.help_text:
                    yield f"{where} help_text", field.help_text
                for _value, label in field.flatchoices or ():
                    yield f"{where} choice", label
                for validator in field.validators:
                    # Django's own validators bring their own translations; ours set a message.
                    if validator not in field.default_validators and "message" in vars(validator):
                        yield f"{where} validator", validator.message
            for constraint in meta.constraints:
                yield f"{model.__name__} {constraint.name}", constraint.violation_error_message


def test_every_model_label_has_an_indonesian_translation(catalog):
    translated = {entry.msgid for entry in catalog.translated_entries()}
    with translation.override("en"):
        # Without an English catalog, the English text shown is the msgid itself.
        missing = sorted(
            f"{where}: {label}" for where, label in model_labels() if str(label) not in translated
        )

    assert not missing, "Model labels without an Indonesian translation:\n" + "\n".join(missing)


def test_the_site_speaks_indonesian_by_default():
    from benchmarking.models import Visit
    from participants.models import ChangeProposal

    assert str(Visit._meta.verbose_name) == "kunjungan"
    assert str(ChangeProposal._meta.verbose_name) == "rancangan proyek perubahan"
    with translation.override("en"):
        assert str(Visit._meta.verbose_name) == "visit"
