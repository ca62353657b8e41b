"""Transliteration variants of Syrian place names: the name keys fold them, and every spelling
of a group finds the same place in the real gazetteer index.

The groups are the spellings news copy uses for one place ("Deir Ezzor", "Deir ez-Zor",
"Dayr az Zawr"); GeoNames holds one of them as the primary name and a few as alternates, and
the skeleton key is meant to catch the rest.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from euphrates.extract.places import resolve_name
from euphrates.gazetteer import GeoNamesIndex
from euphrates.gazetteer.normalize import name_key, skeleton_key
from euphrates.records import Place, PlaceMention, Span
from euphrates.resources import Demonym, load_demonyms

# --- the groups -----------------------------------------------------------------------------


def _ids(*geonameids: int) -> Callable[[Place], bool]:
    wanted = frozenset(geonameids)
    return lambda p: p.geonameid in wanted


def _syrian_town(p: Place) -> bool:
    return p.country == "SY" and p.feature_class == "P"


# name -> (spellings, what counts as the place).  Kobani is 172256 "‘Ayn al ‘Arab" and
# Abu Kamal 174448 "Ālbū Kamāl" in GeoNames; the brief only asks for "the Syrian town".
GROUPS: dict[str, tuple[tuple[str, ...], Callable[[Place], bool]]] = {
    "deir-ez-zor": (("Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr"), _ids(170794, 170792)),
    "raqqa": (("Raqqa", "Ar Raqqah", "Raqqah", "al-Raqqa"), _ids(172955)),
    "kobani": (("Kobani", "Ayn al-Arab", "\u02bfAyn al-\u02bfArab"), _syrian_town),
    "palmyra": (("Tadmor", "Palmyra", "Tadmur"), _ids(163808)),
    "abu-kamal": (("Abu Kamal", "Al Bukamal", "Albu Kamal"), _syrian_town),
}

SPELLINGS = [
    pytest.param(group, spelling, id=f"{group}:{spelling}")
    for group, (spellings, _) in GROUPS.items()
    for spelling in spellings
]


def _describe(index: GeoNamesIndex, name: str) -> list[tuple[int | None, str, str | None, float]]:
    """What a lookup returned, short enough for an assertion message."""
    return [
        (m.place.geonameid, m.place.name, m.place.country, m.quality)
        for m in index.lookup(name)[:8]
    ]


@pytest.fixture(scope="module")
def demonyms() -> dict[str, Demonym]:
    return load_demonyms()


@pytest.fixture(scope="module")
def syria_context(index: GeoNamesIndex) -> list[PlaceMention]:
    """An article's other mentions: it says "Syria" once."""
    syria = index.country("SY")
    assert syria is not None
    return [PlaceMention(Span(0, 5, "Syria"), syria, "location")]


# --- lookups on the real index ----------------------------------------------------------------


@pytest.mark.parametrize(("group", "spelling"), SPELLINGS)
def test_each_spelling_finds_the_place(index: GeoNamesIndex, group: str, spelling: str) -> None:
    is_target = GROUPS[group][1]
    found = [m.place for m in index.lookup(spelling) if is_target(m.place)]
    assert found, f"{spelling!r} -> {_describe(index, spelling)}"


@pytest.mark.parametrize("group", list(GROUPS))
def test_group_spellings_share_a_place(index: GeoNamesIndex, group: str) -> None:
    spellings, is_target = GROUPS[group]
    per_spelling = {
        s: {m.place.geonameid for m in index.lookup(s) if is_target(m.place)} for s in spellings
    }
    common = set.intersection(*per_spelling.values())
    assert common, per_spelling


@pytest.mark.parametrize(("group", "spelling"), SPELLINGS)
def test_spelling_resolves_in_a_syrian_article(
    index: GeoNamesIndex,
    demonyms: dict[str, Demonym],
    syria_context: list[PlaceMention],
    group: str,
    spelling: str,
) -> None:
    place = resolve_name(spelling, index, demonyms, syria_context)
    assert place is not None, f"{spelling!r} -> None; lookup: {_describe(index, spelling)}"
    assert GROUPS[group][1](place), (
        f"{spelling!r} -> {place.geonameid} {place.name} {place.country}; "
        f"lookup: {_describe(index, spelling)}"
    )


def test_ayn_marks_give_an_exact_match(index: GeoNamesIndex) -> None:
    """ "ʿAyn al-ʿArab" meets GeoNames' "‘Ayn al ‘Arab" on the exact key, not the skeleton."""
    best = index.lookup("\u02bfAyn al-\u02bfArab")[0]
    assert best.place.country == "SY" and best.place.feature_class == "P"
    assert best.quality == 1.0


def test_kobani_spellings_share_the_exact_key_town(index: GeoNamesIndex) -> None:
    """Kobani is an alternate name of the town whose primary name is Ayn al-Arab."""
    kobani = next(m for m in index.lookup("Kobani") if _syrian_town(m.place))
    ayn = index.lookup("Ayn al-Arab")[0]
    assert kobani.place.place_id == ayn.place.place_id
    assert (kobani.quality, ayn.quality) == (0.9, 1.0)


def test_deir_ezzor_meets_on_the_skeleton(index: GeoNamesIndex) -> None:
    """ "Deir Ezzor" has no exact key in GeoNames; the skeleton ("drzr") finds both places."""
    assert skeleton_key("Deir Ezzor") == skeleton_key("Deir ez-Zor") == skeleton_key("Dayr az Zawr")
    found = {m.place.geonameid: m.quality for m in index.lookup("Deir Ezzor")}
    assert 0.6 <= found.get(170794, 0) < 0.9 and 0.6 <= found.get(170792, 0) < 0.9, found


# --- name_key folding -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["RAQQA", "raqqa", "Raqqa", "rAqQa", "  Raqqa  "])
def test_name_key_folds_case(name: str) -> None:
    assert name_key(name) == "raqqa"


@pytest.mark.parametrize(
    ("accented", "plain"),
    [
        ("\u0100lb\u016b Kam\u0101l", "albu kamal"),  # Ālbū Kamāl (GeoNames' primary name)
        ("\u1e28arast\u0101", "harasta"),  # Ḩarastā
        ("Tall Abya\u1e11", "tall abyad"),  # Tall Abyaḑ
        ("Tadm\u016br", "tadmur"),  # Tadmūr
        ("Dayr az Zawr\u0301", "dayr zawr"),  # a combining accent on its own
    ],
)
def test_name_key_folds_accents(accented: str, plain: str) -> None:
    assert name_key(accented) == plain


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Deir ez Zor"),
        ("Ayn al-Arab", "Ayn al Arab"),
        ("Jisr ash-Shughur", "Jisr ash Shughur"),
        ("Abu-Kamal", "Abu Kamal"),
        ("Deir ez\u2013Zor", "Deir ez Zor"),  # an en dash
    ],
)
def test_name_key_folds_hyphens(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert "-" not in name_key(a) and "\u2013" not in name_key(a)


# ʿ (U+02BF, ayn), ʾ (U+02BE, hamza), ’ (U+2019), ‘ (U+2018, GeoNames' own ayn) and '.
MARKS = ["\u02bf", "\u02be", "\u2019", "\u2018", "'"]


@pytest.mark.parametrize("mark", MARKS, ids=["ayn", "hamza", "right-quote", "left-quote", "ascii"])
def test_name_key_drops_ayn_marks_and_apostrophes(mark: str) -> None:
    # The mark goes without splitting the word: "Maʿarrat" is "maarrat", not "ma arrat".
    assert name_key(f"Ma{mark}arrat al-Nu{mark}man") == "maarrat numan"
    assert name_key(f"{mark}Ayn al-{mark}Arab") == "ayn arab"
    assert name_key(f"Ra{mark}s al-{mark}Ayn") == name_key("Ras al Ayn") == "ras ayn"


def test_name_key_ayn_spellings_meet_geonames_name() -> None:
    geonames = "\u2018Ayn al \u2018Arab"  # as stored in GeoNames
    assert name_key("\u02bfAyn al-\u02bfArab") == name_key("Ayn al-Arab") == name_key(geonames)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("al-Bab", "bab"),
        ("Al-Bab", "bab"),
        ("al Bab", "bab"),
        ("ar-Raqqa", "raqqa"),
        ("Ar Raqqah", "raqqah"),
        ("ad-Dana", "dana"),
        ("As-Safira", "safira"),
        ("as-Safira", "safira"),
        ("el-Arish", "arish"),
        ("El Arish", "arish"),
        ("Ayn al-Arab", "ayn arab"),  # inside a name too
        ("Deir ez-Zor", "deir zor"),
        ("Jisr ash-Shughur", "jisr shughur"),
    ],
)
def test_name_key_drops_arabic_articles(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize("article", ["al", "ar", "ad", "as", "el", "Al", "El"])
def test_name_key_articles_are_interchangeable(article: str) -> None:
    assert name_key(f"{article}-Raqqa") == name_key(f"{article} Raqqa") == name_key("Raqqa")


def test_name_key_keeps_an_article_that_is_the_whole_name() -> None:
    assert name_key("As") == "as"
    assert name_key("El") == "el"
    # "Albu" is one word, not "al" + "Bu": it stays.
    assert name_key("Albu Kamal") == "albu kamal"
