"""`euphrates gazetteer import`: GeoNames dumps added beside the index, searched with it.

Each test works on a private copy of the session's index (no 20 s rebuild) in a temporary
EUPHRATES_DATA, with small GeoNames-format files written here: invented villages in Syria
(geonameids 99000001...), a school (feature class S), a road (R), and Raqqa again under its
real geonameid with an extra name.
"""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from euphrates import cli
from euphrates.gazetteer import GeoNamesIndex, open_index
from euphrates.gazetteer import dump as dump_module
from euphrates.gazetteer.dump import (
    IMPORTS_FILENAME,
    DumpError,
    import_dump,
    imported_files,
    imports_path,
    parse_line,
)
from euphrates.gazetteer.index import default_index_path

RAQQA = "172955"  # Ar Raqqah, the city, in the shipped index (cities500)


def row(
    gid: int,
    name: str,
    lat: float,
    lon: float,
    fclass: str = "P",
    fcode: str = "PPL",
    cc: str = "SY",
    admin1: str = "04",
    population: int = 0,
    alternates: tuple[str, ...] = (),
    ascii_name: str | None = None,
) -> str:
    """One line of a GeoNames dump (19 tab-separated columns)."""
    cols = [
        str(gid),
        name,
        ascii_name if ascii_name is not None else name,
        ",".join(alternates),
        f"{lat}",
        f"{lon}",
        fclass,
        fcode,
        cc,
        "",
        admin1,
        "",
        "",
        "",
        str(population),
        "",
        "312",
        "Asia/Damascus",
        "2024-01-15",
    ]
    return "\t".join(cols) + "\n"


VILLAGE = row(
    99000001,
    "Qaryat Zanbaqiyah",
    35.8123,
    38.7456,
    population=1200,
    alternates=("Zanbaqiyeh", "Zanbaqiyah", "زنبقية"),
)
HAMLET = row(
    99000002,
    "Khirbat Umm Ruwaysat",
    35.9011,
    36.6022,
    admin1="09",
    alternates=("Umm Rwaisat",),
)
STREAM = row(99000005, "Wadi Zanbaq Zghir", 35.80, 38.70, fclass="H", fcode="STM")
SCHOOL = row(99000003, "Madrasat Zanbaqiyah", 35.8125, 38.7458, fclass="S", fcode="SCH")
ROAD = row(99000004, "Tariq Zanbaqiyah", 35.81, 38.74, fclass="R", fcode="RD")
# Raqqa again, at another point, with a name the shipped index lacks.
RAQQA_AGAIN = row(
    int(RAQQA),
    "Ar Raqqah",
    35.5,
    39.5,
    fcode="PPLA",
    population=7,
    alternates=("Raqqa Town Test",),
)
SY_TEXT = VILLAGE + HAMLET + STREAM + SCHOOL + ROAD + RAQQA_AGAIN
OTHER_VILLAGE = row(99000011, "Tall Mushayrifat Shamali", 36.5, 40.1, admin1="08")


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index: GeoNamesIndex) -> Path:
    """A private EUPHRATES_DATA holding a copy of the session's built index."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(index.path, folder / index.path.name)
    monkeypatch.setenv("EUPHRATES_DATA", str(folder))
    assert default_index_path() == folder / index.path.name
    return folder


def write_zip(path: Path, members: dict[str, str], stored: bool = False) -> Path:
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


@pytest.fixture()
def sy_zip(tmp_path: Path) -> Path:
    """Like GeoNames' own country files: the dump and a readme."""
    return write_zip(tmp_path / "SY.zip", {"readme.txt": "GeoNames readme\n", "SY.txt": SY_TEXT})


def imports_db(data: Path) -> Path:
    return data / IMPORTS_FILENAME


def counts(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        places = conn.execute("SELECT count(*) FROM places").fetchone()[0]
        names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
    finally:
        conn.close()
    return int(places), int(names)


def ids(index: GeoNamesIndex, name: str) -> list[str]:
    """The places a name matches exactly (skeleton matches left out)."""
    return [m.place.place_id for m in index.lookup(name) if m.quality >= 0.9]


# --- parsing ---------------------------------------------------------------------------------


def test_parse_line() -> None:
    parsed = parse_line(VILLAGE)
    assert parsed.place == (
        "99000001",
        99000001,
        "Qaryat Zanbaqiyah",
        35.8123,
        38.7456,
        "SY",
        "SY.04",
        "P",
        "PPL",
        1200,
    )
    assert "Zanbaqiyeh" in parsed.names and "زنبقية" in parsed.names
    with pytest.raises(ValueError, match="columns"):
        parse_line("a,b,c\n")
    with pytest.raises(ValueError):
        parse_line(VILLAGE.replace("35.8123", "north"))
    with pytest.raises(ValueError, match="range"):
        parse_line(VILLAGE.replace("35.8123", "135.8"))
    no_admin = parse_line(row(1, "Somewhere", 1.0, 2.0, admin1=""))
    assert no_admin.place[6] is None


# --- importing and finding -------------------------------------------------------------------


def test_import_finds_village_by_name_alternate_and_skeleton(data: Path, sy_zip: Path) -> None:
    result = import_dump(sy_zip, imports_db(data))
    assert result.source.member == "SY.txt"  # not the readme
    assert (result.places, result.skipped, result.spots_skipped, result.bad_lines) == (4, 2, 1, 0)

    index = GeoNamesIndex(default_index_path())
    assert index.has_imports
    best = index.lookup("Qaryat Zanbaqiyah")[0]
    assert best.quality == 1.0
    p = best.place
    assert (p.place_id, p.geonameid, p.name) == ("99000001", 99000001, "Qaryat Zanbaqiyah")
    assert (p.lat, p.lon) == pytest.approx((35.8123, 38.7456))
    assert (p.country, p.admin1, p.feature_class, p.feature_code) == ("SY", "SY.04", "P", "PPL")
    assert p.population == 1200

    alternate = index.lookup("Zanbaqiyeh")
    assert (alternate[0].place.place_id, alternate[0].quality) == ("99000001", 0.9)
    assert ids(index, "Zanbaqiyeh") == ["99000001"]
    assert index.lookup("زنبقية")[0].place.place_id == "99000001"
    # A transliteration the dump lacks meets it by skeleton.
    assert any(
        m.place.place_id == "99000001" and 0.6 <= m.quality < 0.9
        for m in index.lookup("Zenbekiyye")
    )

    hamlet = index.lookup("Umm Rwaisat")[0].place
    assert (hamlet.place_id, hamlet.admin1) == ("99000002", "SY.09")
    stream = index.lookup("Wadi Zanbaq Zghir")[0].place
    assert (stream.feature_class, stream.feature_code) == ("H", "STM")
    assert ids(index, "Madrasat Zanbaqiyah") == []  # spots only with --with-spots
    assert ids(index, "Tariq Zanbaqiyah") == []  # roads never

    assert index.get("99000001") == p
    assert index.get("99999999") is None


def test_index_places_still_found_once_with_the_index_record(data: Path, sy_zip: Path) -> None:
    before = GeoNamesIndex(default_index_path())
    aleppo = before.lookup("Aleppo")
    raqqa_before = before.get(RAQQA)
    assert raqqa_before is not None and aleppo
    import_dump(sy_zip, imports_db(data))

    index = GeoNamesIndex(default_index_path())
    assert index.lookup("Aleppo") == aleppo
    raqqa = index.lookup("Ar Raqqah")
    assert [m.place.place_id for m in raqqa].count(RAQQA) == 1
    # The imported name reaches the place, whose record is the index's, not the dump's.
    found = index.lookup("Raqqa Town Test")
    assert [(m.place, m.quality) for m in found] == [(raqqa_before, 0.9)]
    assert index.get(RAQQA) == raqqa_before
    syria = index.country("SY")
    assert syria is not None and syria.feature_code == "PCLI"


def test_lookups_from_other_threads_see_imports(data: Path, sy_zip: Path) -> None:
    import_dump(sy_zip, imports_db(data))
    index = GeoNamesIndex(default_index_path())
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda n: ids(index, n), ["Zanbaqiyeh", "Umm Rwaisat", "Aleppo"]))
    assert results[0] == ["99000001"] and results[1] == ["99000002"] and results[2]


def test_with_spots(data: Path, sy_zip: Path) -> None:
    result = import_dump(sy_zip, imports_db(data), with_spots=True)
    assert (result.places, result.spots_skipped) == (5, 0)
    school = GeoNamesIndex(default_index_path()).lookup("Madrasat Zanbaqiyah")[0].place
    assert (school.feature_class, school.feature_code) == ("S", "SCH")


def test_reimport_adds_no_duplicates(data: Path, sy_zip: Path) -> None:
    db = imports_db(data)
    import_dump(sy_zip, db)
    first = counts(db)
    import_dump(sy_zip, db)
    assert counts(db) == first
    assert ids(GeoNamesIndex(default_index_path()), "Zanbaqiyeh") == ["99000001"]

    # A changed dump replaces the place and its names.
    renamed = SY_TEXT.replace("Zanbaqiyeh,", "Zanbakiye,")
    write_zip(sy_zip, {"SY.txt": renamed})
    import_dump(sy_zip, db)
    assert counts(db) == first
    index = GeoNamesIndex(default_index_path())
    assert ids(index, "Zanbakiye")[:1] == ["99000001"]
    assert [m for m in index.lookup("Zanbaqiyeh") if m.quality >= 0.9] == []

    (entry,) = imported_files(db)  # one record per file, however often imported
    assert entry["file"] == "SY.zip" and entry["size"] == sy_zip.stat().st_size
    assert entry["member"] == "SY.txt" and entry["places"] == 4
    assert entry["modified"] and entry["imported"]


def test_plain_text_and_cities_zip(data: Path, tmp_path: Path) -> None:
    db = imports_db(data)
    text = tmp_path / "cities1000.txt"
    text.write_text(VILLAGE, encoding="utf-8")
    assert import_dump(text, db).places == 1
    cities = write_zip(tmp_path / "cities500.zip", {"cities500.txt": OTHER_VILLAGE})
    assert import_dump(cities, db).places == 1
    index = GeoNamesIndex(default_index_path())
    assert ids(index, "Zanbaqiyeh") == ["99000001"]
    assert ids(index, "Tall Mushayrifat Shamali") == ["99000011"]
    assert {e["file"] for e in imported_files(db)} == {"cities1000.txt", "cities500.zip"}


def test_imports_survive_an_index_rebuild(data: Path, sy_zip: Path, index: GeoNamesIndex) -> None:
    import_dump(sy_zip, imports_db(data))
    # A rebuild replaces the index file; the imports file beside it stays.
    fresh = data / "fresh.sqlite"
    shutil.copy(index.path, fresh)
    fresh.replace(default_index_path())
    rebuilt = open_index()
    assert rebuilt.has_imports
    assert ids(rebuilt, "Qaryat Zanbaqiyah")[:1] == ["99000001"]
    assert rebuilt.lookup("Aleppo")


# --- bad input --------------------------------------------------------------------------------


def test_truncated_zip_is_refused_and_earlier_import_kept(
    data: Path, sy_zip: Path, tmp_path: Path
) -> None:
    db = imports_db(data)
    import_dump(sy_zip, db)
    before = counts(db)
    other = write_zip(tmp_path / "IQ.zip", {"IQ.txt": OTHER_VILLAGE * 200})
    other.write_bytes(other.read_bytes()[: other.stat().st_size // 2])
    with pytest.raises(DumpError, match="IQ.zip"):
        import_dump(other, db)
    assert counts(db) == before
    index = GeoNamesIndex(default_index_path())
    assert ids(index, "Zanbaqiyeh") == ["99000001"]
    assert ids(index, "Tall Mushayrifat Shamali") == []
    assert [e["file"] for e in imported_files(db)] == ["SY.zip"]


def test_corrupt_member_rolls_back_the_whole_file(
    data: Path, sy_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damage found only at the end of a member (its CRC) undoes the batches already written."""
    monkeypatch.setattr(dump_module, "BATCH", 50)
    db = imports_db(data)
    import_dump(sy_zip, db)
    before = counts(db)
    lines = "".join(
        row(99100000 + i, f"Mazraat Test {i}", 35.0, 38.0, alternates=("x" * 80,))
        for i in range(2_000)
    )
    big = write_zip(tmp_path / "TR.zip", {"TR.txt": lines}, stored=True)
    raw = bytearray(big.read_bytes())
    spot = raw.rindex(b"Mazraat Test 1990")
    raw[spot : spot + 7] = b"Mazrait"  # still valid text: only the CRC tells
    big.write_bytes(bytes(raw))
    with pytest.raises(DumpError, match="corrupt or truncated"):
        import_dump(big, db)
    assert counts(db) == before
    assert ids(GeoNamesIndex(default_index_path()), "Mazraat Test 5") == []


def test_malformed_lines_tolerated_then_refused(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = imports_db(data)
    few = tmp_path / "few.txt"
    few.write_text(VILLAGE + "broken\tline\n" + HAMLET, encoding="utf-8")
    result = import_dump(few, db)
    assert (result.places, result.bad_lines) == (2, 1)
    before = counts(db)

    monkeypatch.setattr(dump_module, "MAX_BAD_LINES", 5)
    many = tmp_path / "many.txt"
    many.write_text(OTHER_VILLAGE * 60 + "broken\tline\n" * 6, encoding="utf-8")
    with pytest.raises(DumpError, match="more than 5 malformed lines"):
        import_dump(many, db)
    assert counts(db) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", "id,name,lat,lon\n1,Raqqa,35.9,39.0\n2,Homs,34.7,36.7\n", "not a GeoNames"),
        ("empty.txt", "", "empty"),
        ("binary.txt", b"\xff\xfe\x00\x81" * 50, "not a GeoNames dump"),
        ("missing.zip", None, "no such file"),
    ],
)
def test_bad_files_refused_nothing_written(
    data: Path, tmp_path: Path, name: str, content: str | bytes | None, message: str
) -> None:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(DumpError, match=message):
        import_dump(path, imports_db(data))
    assert not imports_db(data).exists()


def test_zip_without_text_refused(data: Path, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "SY.zip", {"SY.csv": "a,b\n"})
    with pytest.raises(DumpError, match="no GeoNames .txt"):
        import_dump(archive, imports_db(data))
    not_zip = tmp_path / "junk.zip"
    not_zip.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DumpError, match="not a readable zip"):
        import_dump(not_zip, imports_db(data))
    assert not imports_db(data).exists()


def test_imports_of_another_schema_are_ignored(
    data: Path, sy_zip: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = imports_db(data)
    import_dump(sy_zip, db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    index = GeoNamesIndex(default_index_path())
    assert not index.has_imports and ids(index, "Zanbaqiyeh") == []
    assert index.lookup("Aleppo")
    assert "ignoring the gazetteer imports" in caplog.text
    with pytest.raises(DumpError, match="schema version 999"):
        import_dump(sy_zip, db)


# --- the command ------------------------------------------------------------------------------


def test_cli_import_then_lookup(data: Path, sy_zip: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli.main, ["gazetteer", "import", str(sy_zip)])
    assert result.exit_code == 0, result.output
    assert "4 places imported from SY.zip" in result.output
    assert "1 spots and buildings left out" in result.output
    assert imports_path(default_index_path()).exists()

    found = runner.invoke(cli.main, ["gazetteer", "lookup", "Zanbaqiyeh"])
    assert found.exit_code == 0, found.output
    assert "99000001" in found.output and "Qaryat Zanbaqiyah" in found.output

    spots = runner.invoke(cli.main, ["gazetteer", "import", "--with-spots", str(sy_zip)])
    assert "5 places imported from SY.zip" in spots.output


def test_cli_bad_input_one_line_nothing_written(data: Path, sy_zip: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes\nabout villages\n", encoding="utf-8")
    truncated = tmp_path / "IQ.zip"
    truncated.write_bytes(sy_zip.read_bytes()[:100])
    runner = CliRunner()
    for args in (
        [str(tmp_path / "nope.zip")],
        [str(notes)],
        [str(truncated)],
        [str(sy_zip), str(notes)],  # a bad file among good ones: checked before writing
    ):
        result = runner.invoke(cli.main, ["gazetteer", "import", *args])
        assert result.exit_code == 1, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
        assert "Traceback" not in result.output
        assert not imports_db(data).exists()


def test_cli_help_has_example() -> None:
    result = CliRunner().invoke(cli.main, ["gazetteer", "import", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "--with-spots" in result.output
