"""A light Indonesian affix stripper for the SQLite search fallback.

PostgreSQL's ``indonesian`` Snowball stemmer makes "pengaduan" find "aduan"; SQLite has none,
so without this a newcomer on the embedded database who types "pengaduan" would not find the
complaint channel. This strips the common particles, possessives, derivational suffixes and
prefixes (a small part of Nazief–Adriani), but never below ``MIN_STEM`` letters: a short stem
("adu") would match too much ("terpadu"). The result is matched as a substring, so it only
needs to be a part that the related words share ("layan" in "layanan" and "pelayanan").
"""

MIN_STEM = 4
PARTICLES = ("lah", "kah", "tah", "pun")
POSSESSIVES = ("nya", "ku", "mu")
SUFFIXES = ("kan", "an")
# Longest first, so "peng" wins over "pe" and "per" over "pe".
PREFIXES = (
    "meng", "meny", "peng", "peny", "mem", "men", "pem", "pen", "per", "ber", "ter",
    "me", "pe", "be", "di", "ke", "se",
)  # fmt: skip


def _strip_suffix(word: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def _strip_prefix(word: str) -> str:
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            return word[len(prefix) :]
    return word


def stem(word: str) -> str:
    """The part of ``word`` its related forms share, lower-cased; ``word`` itself if short."""
    word = word.lower()
    if not word.isalpha():
        return word
    word = _strip_suffix(word, PARTICLES)
    word = _strip_suffix(word, POSSESSIVES)
    word = _strip_prefix(word)
    return _strip_suffix(word, SUFFIXES)
