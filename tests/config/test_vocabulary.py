"""One word for each concept: the catalog follows the UI vocabulary table of DESIGN.md.

Each rule names the word the table replaces and the word to use. Indonesian rules read the
msgstr, English rules the msgid (the English text shown is the msgid itself). A rule may apply
only where the English says a concept ("kirim" is wrong for *submit*, right for sending an
e-mail). ALLOWED lists the few legitimate uses, each with its reason.
"""

import re
from dataclasses import dataclass

import polib
import pytest
from django.conf import settings


@dataclass(frozen=True)
class Rule:
    refused: str  # a regular expression, matched on word boundaries, case-insensitive
    instead: str
    concept: str = ""  # when set, the rule applies only where the English msgid matches it

    def offends(self, text: str, english: str) -> bool:
        if self.concept and not re.search(self.concept, english, re.IGNORECASE):
            return False
        return bool(re.search(rf"\b(?:{self.refused})\b", text, re.IGNORECASE))


INDONESIAN = [
    Rule("proposal|usulan", "rancangan proyek perubahan, short: rancangan"),
    Rule(r"peninjau\w*|tinjau\w*|ditinjau\w*|meninjau\w*", "telaah / menelaah / penelaah"),
    Rule(r"saring\w*|disaring\w*|menyaring\w*|penyaringan", "filter"),
    Rule(r"mengambil\w*|diambil\w*", "mengadopsi / mengadaptasi"),
    Rule(r"kirim\w*|dikirim\w*|mengirim\w*|pengiriman", "ajukan", concept=r"\bsubmi"),
    Rule("login|log in|log-in", "masuk"),
    Rule(r"galat\s+404", "Halaman tidak ditemukan"),
    # Not in the table, but one word for each concept all the same. Django's own Indonesian
    # catalog, which the admin shows beside ours, writes "email"; an error is "kesalahan"
    # everywhere ("Perbaiki kesalahan berikut"), not the technical "galat".
    Rule("surel|e-mail", "email"),
    Rule("galat", "kesalahan"),
]

ENGLISH = [
    Rule(r"takes? up|taking up|took up", "adopt / adapt"),
    Rule("sign in|sign out|signed in|signed out", "log in / log out"),
    Rule("my change proposals", "My proposals"),
    Rule("error 404", "Page not found"),
    Rule("study visits?", "benchmarking visit"),
]

# (msgid, refused word in lower case) → why this use is legitimate. Empty today: the one
# legitimate use the table knows, "kirim" for sending an e-mail or a link, is told apart by
# the rule's concept instead.
ALLOWED: dict[tuple[str, str], str] = {}


def catalog() -> polib.POFile:
    path = settings.BASE_DIR / "locale" / "id" / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


def texts(entry: polib.POEntry) -> tuple[list[str], list[str]]:
    """The Indonesian and the English texts of an entry, every plural form included."""
    indonesian = [entry.msgstr, *entry.msgstr_plural.values()]
    english = [entry.msgid, entry.msgid_plural]
    return [text for text in indonesian if text], [text for text in english if text]


def offences(rules: list[Rule], *, english_side: bool) -> list[str]:
    found = []
    for entry in catalog():
        indonesian, english = texts(entry)
        for text in english if english_side else indonesian:
            for rule in rules:
                if not rule.offends(text, entry.msgid):
                    continue
                word = re.search(rf"\b(?:{rule.refused})\b", text, re.IGNORECASE)
                if word and (entry.msgid, word.group(0).lower()) in ALLOWED:
                    continue
                found.append(f"{text!r}: use {rule.instead}")
    return found


def test_the_indonesian_catalog_uses_one_word_for_each_concept():
    found = offences(INDONESIAN, english_side=False)

    assert not found, "Words the vocabulary table replaces:\n" + "\n".join(found)


def test_the_english_texts_use_one_word_for_each_concept():
    found = offences(ENGLISH, english_side=True)

    assert not found, "Words the vocabulary table replaces:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("text", "english", "offends"),
    [
        ("Proposal saya", "My proposals", True),
        ("Saring antrean peninjauan", "Filter the review queue", True),
        ("Pratinjau", "Preview", False),  # "tinjau" inside another word is not the word
        ("Kirim tautan", "Send the link", False),  # sending, not submitting
        ("Kirim rancangan", "Submit the proposal", True),
        ("Galat 404", "Error 404", True),
        ("Pilih tindakan", "Choose an action", False),
    ],
)
def test_the_rules_match_whole_words_and_their_concept(text, english, offends):
    assert any(rule.offends(text, english) for rule in INDONESIAN) is offends
