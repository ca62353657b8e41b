"""The `euphrates` command line: formats, the store, eval, help, and bad input in a batch.

CliRunner calls share the session's Coder (conftest) through `cli._coder`; two tests run the
installed `euphrates` entry point as a real subprocess, which builds its own.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import duckdb
import jsonschema
import pytest
from click.testing import CliRunner, Result

from euphrates import cli
from euphrates.formats import ACLED_COLUMNS
from euphrates.schema import load_schema
from euphrates.sources import MAX_FILE_BYTES
from euphrates.store import EventStore

KANO = """Gunmen kill three police officers in Kano

KANO, Nigeria — Gunmen killed three police officers at a checkpoint in Kano on Monday, police \
said.

The Nigerian army said its jets struck militant camps near Maiduguri on Sunday, killing at \
least 20 fighters.
"""

ALEPPO = {
    "title": "Air strikes hit Aleppo market",
    "published": "2021-05-04",
    "source": "Test Wire",
    "url": "https://example.org/aleppo",
    "text": (
        "BEIRUT — Russian warplanes struck a crowded market in the Syrian city of Aleppo on "
        "Tuesday, killing at least 12 civilians, the Syrian Observatory for Human Rights said."
    ),
}

GERMAN = (
    "Regierungstruppen haben am Samstag die Stadt bombardiert und zwölf Zivilisten getötet, "
    "sagten örtliche Helfer der Behörden."
)


@pytest.fixture
def runner(coder: Any, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CliRunner whose commands use the session's Coder instead of building one."""
    monkeypatch.setattr(cli, "_coder", lambda: coder)
    return CliRunner()


@pytest.fixture
def good(tmp_path: Path) -> dict[str, Path]:
    kano = tmp_path / "kano.txt"
    kano.write_text(KANO, encoding="utf-8")
    aleppo = tmp_path / "aleppo.json"
    aleppo.write_text(json.dumps(ALEPPO, ensure_ascii=False), encoding="utf-8")
    return {"kano": kano, "aleppo": aleppo}


@pytest.fixture
def bad(tmp_path: Path) -> dict[str, Path]:
    """One file of each kind of bad input; each must give one line on stderr."""
    d = tmp_path / "bad"
    d.mkdir()
    files = {
        "empty": (d / "empty.txt", b""),
        "binary": (d / "binary.txt", b"GIF89a\x00\x01\x02\x00\xff" * 20),
        "latin1": (
            d / "latin1.txt",
            "Caf\u00e9 bombed in Gaza, officials said on Monday.".encode("latin-1"),
        ),
        "german": (d / "german.txt", GERMAN.encode("utf-8")),
        "date": (
            d / "date.json",
            json.dumps({"text": ALEPPO["text"], "published": "4th May 2021"}).encode(),
        ),
        "json": (d / "broken.json", b'{"text": "Gunmen attacked", '),
        "jsonl": (d / "broken.jsonl", b'{"text": \n'),
    }
    out = {}
    for name, (path, data) in files.items():
        path.write_bytes(data)
        out[name] = path
    big = d / "big.txt"
    with big.open("wb") as f:
        f.truncate(max(50 * 1024 * 1024, MAX_FILE_BYTES + 1))  # sparse: instant
    out["big"] = big
    return out


def invoke(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(cli.main, [str(a) for a in args], catch_exceptions=False)


def entry_point() -> str:
    """The installed `euphrates` script beside this interpreter (or on PATH)."""
    found = shutil.which("euphrates", path=str(Path(sys.executable).parent)) or shutil.which(
        "euphrates"
    )
    assert found, "the `euphrates` entry point is not installed: pip install -e ."
    return found


# -- code: the formats ------------------------------------------------------------------------


def test_code_json_subprocess(good: dict[str, Path]) -> None:
    """The real entry point, as a user runs it."""
    proc = subprocess.run(
        [entry_point(), "code", str(good["kano"]), "--published", "2021-05-04", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    reports = json.loads(proc.stdout)
    assert isinstance(reports, list) and len(reports) == 1
    report = reports[0]
    text = report["article"]["text"]
    assert report["article"]["published"] == "2021-05-04"
    assert report["article"]["published_inferred"] is False
    assert report["article"]["title"] == "Gunmen kill three police officers in Kano"
    assert report["events"], "the article reports a killing"
    for e in report["events"]:
        ev = e["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
        assert e["article_id"] == report["article"]["id"]
    places = {
        p["place"]["name"] for e in report["events"] if e["location"] for p in [e["location"]]
    }
    assert "Kano" in places
    validator = jsonschema.Draft202012Validator(
        load_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert not list(validator.iter_errors(report))


def test_code_jsonl_csv_geojson_table(runner: CliRunner, good: dict[str, Path]) -> None:
    files = (good["kano"], good["aleppo"])

    res = invoke(runner, "code", *files, "--published", "2021-05-04", "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) == 2
    reports = [json.loads(line) for line in lines]
    n_events = sum(len(r["events"]) for r in reports)
    assert n_events >= 2
    assert reports[1]["article"]["source"] == "Test Wire"

    res = invoke(runner, "code", *files, "--published", "2021-05-04", "--format", "csv")
    assert res.exit_code == 0, res.stderr
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    for column in (
        "event_id_cnty",
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "notes",
    ):
        assert column in rows[0]
    assert len(rows) - 1 == n_events
    assert all(len(r) == len(ACLED_COLUMNS) for r in rows)

    res = invoke(runner, "code", *files, "--published", "2021-05-04", "--format", "geojson")
    assert res.exit_code == 0, res.stderr
    fc = json.loads(res.stdout)
    assert fc["type"] == "FeatureCollection"
    assert fc["features"]
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        place = f["properties"]["location"]["place"]
        assert (lon, lat) == (place["lon"], place["lat"])
        assert f["properties"]["event_id"]

    res = invoke(runner, "code", good["kano"], "--published", "2021-05-04")
    assert res.exit_code == 0
    assert res.stdout.splitlines()[0].split()[:3] == ["date", "type", "plover"]


def test_code_reads_stdin(runner: CliRunner) -> None:
    res = runner.invoke(
        cli.main, ["code", "-", "--published", "2021-05-04", "--format", "jsonl"], input=KANO
    )
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["article"]["text"] == KANO


def test_bad_published_option(runner: CliRunner, good: dict[str, Path]) -> None:
    res = invoke(runner, "code", good["kano"], "--published", "May 4")
    assert res.exit_code == 2
    assert "unknown date format" in res.stderr and "YYYY-MM-DD" in res.stderr


# -- bad input: one line each, the batch goes on ----------------------------------------------


def _skipped(stderr: str) -> dict[str, str]:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert all(line.startswith("skipped ") for line in lines), stderr
    return {line.split()[1].split(":")[0]: line for line in lines}


def test_bad_files_in_a_batch(
    runner: CliRunner, good: dict[str, Path], bad: dict[str, Path]
) -> None:
    res = invoke(
        runner,
        "code",
        good["kano"],
        *bad.values(),
        good["aleppo"],
        "--published",
        "2021-05-04",
        "--format",
        "jsonl",
    )
    assert res.exit_code == 1
    # The good articles are coded all the same.
    titles = [json.loads(line)["article"]["title"] for line in res.stdout.splitlines()]
    assert titles == ["Gunmen kill three police officers in Kano", ALEPPO["title"]]
    skipped = _skipped(res.stderr)
    assert set(skipped) == {str(p) for p in bad.values()}
    expect = {
        "empty": "empty file",
        "binary": "binary file",
        "latin1": "not UTF-8",
        "german": "not English",
        "date": "unknown date format '4th May 2021'",
        "json": "malformed JSON",
        "jsonl": "malformed JSON",
        "big": "too large",
    }
    for name, words in expect.items():
        assert words in skipped[str(bad[name])], skipped[str(bad[name])]
    assert "Traceback" not in res.output


def test_bad_files_subprocess(good: dict[str, Path], bad: dict[str, Path]) -> None:
    """Real stderr of the real entry point: one line per bad file, no traceback."""
    proc = subprocess.run(
        [
            entry_point(),
            "code",
            *map(str, bad.values()),
            str(good["kano"]),
            "--published",
            "2021-05-04",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(bad), proc.stderr
    assert set(_skipped(proc.stderr)) == {str(p) for p in bad.values()}
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows and all(r["event_id_cnty"] for r in rows)


def test_only_bad_input_still_prints_valid_output(runner: CliRunner, bad: dict[str, Path]) -> None:
    res = invoke(runner, "code", bad["empty"], "--format", "json")
    assert res.exit_code == 1
    assert json.loads(res.stdout) == []
    assert len(res.stderr.strip().splitlines()) == 1


# -- ingest and events ------------------------------------------------------------------------


def _store_counts(db: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()
        events = con.execute("SELECT count(*) FROM events").fetchone()
        orphans = con.execute(
            "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT article_id FROM articles)"
        ).fetchone()
    finally:
        con.close()
    assert articles and events and orphans
    return articles[0], events[0], orphans[0]


def test_ingest_twice_then_query(runner: CliRunner, good: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    res = invoke(
        runner, "ingest", good["kano"], good["aleppo"], "--db", db, "--published", "2021-05-04"
    )
    assert res.exit_code == 0, res.stderr
    assert res.stderr.startswith("2 articles added, 0 already stored, 0 skipped;")

    res = invoke(
        runner, "ingest", good["kano"], good["aleppo"], "--db", db, "--published", "2021-05-04"
    )
    assert res.exit_code == 0, res.stderr
    assert res.stderr.startswith("0 articles added, 2 already stored, 0 skipped;")
    with EventStore(db, read_only=True) as store:
        assert store.count_articles() == 2
        total = store.count_events()

    res = invoke(runner, "events", "--db", db, "--country", "ng", "--format", "json")
    assert res.exit_code == 0, res.stderr
    nigeria = json.loads(res.stdout)
    assert nigeria and all(r["country"] == "NG" for r in nigeria)
    assert "record" not in nigeria[0]

    res = invoke(runner, "events", "--db", db, "--country", "SY", "--format", "csv")
    syria = list(csv.DictReader(io.StringIO(res.stdout)))
    assert syria and all(r["country"] == "SY" for r in syria)
    assert len(nigeria) + len(syria) <= total

    res = invoke(runner, "events", "--db", db, "--country", "XX")
    assert res.exit_code == 0
    assert res.stderr.strip() == "0 events"

    res = invoke(
        runner, "events", "--db", db, "--near", "12.0,8.5", "--km", "30", "--format", "jsonl"
    )
    near = [json.loads(line) for line in res.stdout.splitlines()]
    assert near and all(r["location_name"] == "Kano" for r in near)

    res = invoke(runner, "events", "--db", db, "--near", "twelve")
    assert res.exit_code == 2 and "LAT,LON" in res.stderr


def test_failed_ingest_batch_keeps_exactly_the_good_articles(
    runner: CliRunner, good: dict[str, Path], bad: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "batch.duckdb"
    res = invoke(
        runner,
        "ingest",
        bad["empty"],
        good["kano"],
        bad["binary"],
        bad["json"],
        good["aleppo"],
        bad["big"],
        "--db",
        db,
        "--published",
        "2021-05-04",
    )
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 5  # four skipped files, then the summary
    assert lines[-1].startswith("2 articles added, 0 already stored, 4 skipped;")
    articles, events, orphans = _store_counts(db)
    assert (articles, orphans) == (2, 0)
    # Each stored article has all of its events: the same as coding it alone.
    res = invoke(
        runner,
        "code",
        good["kano"],
        good["aleppo"],
        "--published",
        "2021-05-04",
        "--format",
        "jsonl",
    )
    coded = [json.loads(line) for line in res.stdout.splitlines()]
    assert events == sum(len(r["events"]) for r in coded)
    with EventStore(db, read_only=True) as store:
        for r in coded:
            stored = store.article(r["article"]["id"])
            assert stored is not None
            assert len(stored["report"]["events"]) == len(r["events"])

    # The good files again, with the bad ones: nothing new, nothing lost.
    res = invoke(runner, "ingest", good["kano"], bad["latin1"], good["aleppo"], "--db", db)
    assert res.exit_code == 1
    assert "0 articles added, 2 already stored, 1 skipped;" in res.stderr
    assert _store_counts(db) == (articles, events, 0)


def test_store_errors_are_one_line(
    runner: CliRunner, good: dict[str, Path], tmp_path: Path
) -> None:
    not_a_db = tmp_path / "notes.duckdb"
    not_a_db.write_text("shopping list\n", encoding="utf-8")
    res = invoke(runner, "ingest", good["kano"], "--db", not_a_db)
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: ") and len(res.stderr.strip().splitlines()) == 1

    res = invoke(runner, "events", "--db", tmp_path / "missing.duckdb")
    assert res.exit_code == 1
    assert "no such store" in res.stderr and "euphrates ingest" in res.stderr


# -- eval ---------------------------------------------------------------------------------


def test_eval_prints_a_table(runner: CliRunner, tmp_path: Path) -> None:
    gold = {
        "id": "kano-test",
        "text": KANO,
        "published": "2021-05-04",
        "dateline": {"name": "KANO", "lat": 12.0, "lon": 8.52},
        "places": [
            {"mention": "Kano", "lat": 12.0, "lon": 8.52, "geonameid": 2335204},
            {"mention": "Maiduguri", "lat": 11.85, "lon": 13.16, "geonameid": 2331447},
        ],
        "quantities": [
            {
                "what": "police killed",
                "evidence": "three police officers at a checkpoint",
                "low": 3,
                "best": 3,
                "high": 3,
                "qualifier": "exact",
            },
            {
                "what": "fighters killed",
                "evidence": "at least 20 fighters",
                "low": 20,
                "best": None,
                "high": None,
                "qualifier": "at least",
            },
        ],
        "events": [
            {
                "id": "e1",
                "required": True,
                "plover": "ASSAULT",
                "place": "Kano",
                "date": {"start": "2021-05-03", "end": "2021-05-03"},
                "evidence": "Gunmen killed three police officers at a checkpoint",
            },
            {
                "id": "e2",
                "required": False,
                "plover": "ASSAULT",
                "place": "Maiduguri",
                "date": {"start": "2021-05-02", "end": "2021-05-02"},
                "evidence": "The Nigerian army said its jets struck militant camps",
            },
        ],
    }
    path = tmp_path / "kano.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    scores = tmp_path / "scores.json"
    res = invoke(runner, "eval", path, "--json", scores)
    assert res.exit_code == 0, res.stderr
    out = res.stdout
    assert out.startswith("article kano-test")
    for label in (
        "required events found",
        "all gold events found",
        "quantities right",
        "places right",
        "dateline right",
        "gold events:",
    ):
        assert label in out
    assert "required events found   1/1" in out  # the Kano killing is found
    data = json.loads(scores.read_text(encoding="utf-8"))
    assert data["required"] == 1 and data["events"] == 2
    assert data["places"]["total"] == 2 and data["quantities"]["total"] == 2


def test_eval_bad_gold_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"text": KANO, "events": [{"plover": "ASSAULT"}]}), encoding="utf-8")
    res = invoke(runner, "eval", path)
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: ") and "'id'" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    res = invoke(runner, "eval", tmp_path / "none.json")
    assert res.exit_code == 1 and "no such gold file" in res.stderr


# -- help -------------------------------------------------------------------------------------


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            out += _commands(command, (*prefix, name))
        else:
            out.append((*prefix, name))
    return out


def test_every_help_has_an_example() -> None:
    runner = CliRunner()
    paths = _commands(cli.main)
    assert {
        ("code",),
        ("ingest",),
        ("events",),
        ("eval",),
        ("demo",),
        ("gazetteer", "build"),
        ("gazetteer", "lookup"),
    } <= set(paths)
    for path in paths:
        res = runner.invoke(cli.main, [*path, "--help"])
        assert res.exit_code == 0, path
        assert "Example" in res.stdout, f"`euphrates {' '.join(path)} --help` has no example"
