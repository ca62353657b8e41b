"""Name keys for gazetteer lookups.

Two keys per name: `name_key` folds case, accents, punctuation and Arabic articles
("Ar Raqqah" -> "raqqah"); `skeleton_key` also drops vowels and doubled letters so that
transliteration variants meet ("Deir Ezzor", "Dayr az Zawr" -> "drzr").
"""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = frozenset(
    {"al", "ar", "ad", "as", "an", "at", "az", "ash", "ath", "el", "ez", "es", "ed", "en", "et"}
)
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u02bb\u02be\u02bf\u2032`'\u00b4]")
_NON_WORD = re.compile(r"[^\w]+")
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLES = re.compile(r"(.)\1+")
_LEADING_THE = re.compile(r"^the\s+")


def fold(text: str) -> str:
    """Lower case without accents, apostrophes or punctuation; words joined by one space."""
    text = _APOSTROPHES.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped.lower()).strip()


def name_key(name: str) -> str:
    """The exact-match key: folded, without a leading "the" or Arabic articles."""
    words = _LEADING_THE.sub("", fold(name)).split()
    kept = [w for w in words if w not in _ARTICLES] if len(words) > 1 else words
    return " ".join(kept or words)


def skeleton_key(name: str) -> str:
    """A transliteration-tolerant key: consonants only, doubled letters collapsed."""
    key = name_key(name).replace(" ", "")
    key = key.replace("q", "k").replace("dh", "d").replace("th", "t").replace("kh", "k")
    if key.endswith("h") and len(key) > 3:
        key = key[:-1]
    return _DOUBLES.sub(r"\1", _VOWELS.sub("", key))
