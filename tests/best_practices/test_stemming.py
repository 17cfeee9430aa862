import pytest

from best_practices.stemming import stem


@pytest.mark.parametrize(
    ("word", "shared_with"),
    [
        ("pengaduan", "aduan"),
        ("Pengaduan", "kanal aduan"),
        ("pelayanan", "layanan"),
        ("layanan", "pelayanan"),
        ("perizinan", "izin usaha"),
        ("kesehatan", "sehat"),
        ("pengelolaan", "mengelola"),
        ("aduannya", "aduan"),
        ("transparansi", "transparansi"),
    ],
)
def test_related_forms_share_the_stem(word, shared_with):
    assert stem(word) in shared_with.lower()


@pytest.mark.parametrize("word", ["adu", "pasar", "desa", "B2B", "e-KTP", "2018"])
def test_short_or_non_alphabetic_words_stay_as_they_are(word):
    assert stem(word) == word.lower()


def test_a_stem_never_gets_shorter_than_four_letters():
    assert stem("pengaduan") == "aduan"  # not "adu", which is also in "terpadu"
