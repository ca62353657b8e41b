"""EventStore: ingest, idempotence, atomicity, filters, schema versioning."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from euphrates.records import (
    Actor,
    ActorMention,
    Article,
    ArticleReport,
    Claim,
    Count,
    DateMention,
    DateRange,
    Event,
    EventActor,
    EventDate,
    EventLocation,
    Mentions,
    Place,
    PlaceMention,
    Quantity,
    Span,
    event_id,
    to_dict,
)
from euphrates.store import SCHEMA_VERSION, EventStore, IngestResult, StoreError

RAQQA = Place("geonames:163915", "Raqqa", 35.9528, 39.0079, "SY", "Raqqa", geonameid=163915)
BEIRUT = Place("geonames:276781", "Beirut", 33.8938, 35.5018, "LB", "Beirut", geonameid=276781)
DEIR = Place(
    "geonames:170794", "Deir ez-Zor", 35.3359, 40.1408, "SY", "Deir ez-Zor", geonameid=170794
)

SDF = Actor("sdf", "Syrian Democratic Forces", "rebel group", "SY")
ISIS = Actor("isis", "Islamic State", "rebel group", None)
IDF = Actor("idf", "Israel Defense Forces", "state forces", "IL")
HEZB = Actor("hezbollah", "Hezbollah", "political militia", "LB")


def span_of(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def make_event(
    article: Article,
    evidence: str,
    trigger: str,
    *,
    event_type: str,
    sub_event_type: str,
    plover_type: str,
    actor1: Actor | None,
    actor2: Actor | None,
    place: Place,
    start: dt.date,
    end: dt.date,
    fatalities: int | None = None,
) -> Event:
    ev = span_of(article.text, evidence)
    tr = span_of(article.text, trigger)
    a1 = EventActor(actor1, span_of(article.text, actor1.name)) if actor1 else None
    a2 = EventActor(actor2, span_of(article.text, actor2.name)) if actor2 else None
    fat = None
    if fatalities is not None:
        fat = Count(fatalities, fatalities, fatalities, "exact", tr)
    return Event(
        event_id=event_id(article.id, ev, tr),
        article_id=article.id,
        source=article.source,
        url=article.url,
        trigger=tr,
        event_type=event_type,
        sub_event_type=sub_event_type,
        plover_type=plover_type,
        plover_mode=None,
        actor1=a1,
        actor2=a2,
        assoc_actor_1=None,
        assoc_actor_2=None,
        location=EventLocation(place, span_of(article.text, place.name), 1),
        date=EventDate(DateRange(start, end, 1 if start == end else 2), None),
        fatalities=fat,
        counts={},
        sources=[],
        modality="reported",
        background=False,
        evidence=ev,
        confidence=0.8,
    )


def syria_report() -> ArticleReport:
    text = (
        "Syrian Democratic Forces clashed with Islamic State fighters in Raqqa on Monday, "
        "killing 4 people, activists said. "
        "Later Syrian Democratic Forces raided Islamic State cells near Deir ez-Zor."
    )
    article = Article(
        text=text,
        title="Clashes in Raqqa",
        published=dt.date(2024, 3, 5),
        source="Test Wire",
        url="https://example.org/raqqa",
        dateline=PlaceMention(span_of(text, "Raqqa"), RAQQA, role="dateline"),
    )
    e1 = make_event(
        article,
        "Syrian Democratic Forces clashed with Islamic State fighters in Raqqa on Monday, "
        "killing 4 people",
        "clashed",
        event_type="Battles",
        sub_event_type="Armed clash",
        plover_type="FIGHT",
        actor1=SDF,
        actor2=ISIS,
        place=RAQQA,
        start=dt.date(2024, 3, 4),
        end=dt.date(2024, 3, 4),
        fatalities=4,
    )
    e2 = make_event(
        article,
        "Later Syrian Democratic Forces raided Islamic State cells near Deir ez-Zor",
        "raided",
        event_type="Battles",
        sub_event_type="Armed clash",
        plover_type="ASSAULT",
        actor1=None,
        actor2=None,
        place=DEIR,
        start=dt.date(2024, 3, 6),
        end=dt.date(2024, 3, 10),
    )
    mentions = Mentions(
        places=[
            PlaceMention(span_of(text, "Raqqa"), RAQQA),
            PlaceMention(span_of(text, "Deir ez-Zor"), DEIR),
        ],
        dates=[
            DateMention(
                span_of(text, "Monday"),
                DateRange(dt.date(2024, 3, 4), dt.date(2024, 3, 4), 1),
                "weekday",
            )
        ],
        quantities=[Quantity(span_of(text, "4"), 4, 4, 4, "exact", noun="person")],
        actors=[
            ActorMention(span_of(text, SDF.name), SDF),
            ActorMention(span_of(text, ISIS.name), ISIS),
        ],
        claims=[
            Claim(span_of(text, "said"), "activists", span_of(text, "activists"), "say", "reported")
        ],
    )
    return ArticleReport(article, mentions, [e1, e2], warnings=["test warning"])


def beirut_report() -> ArticleReport:
    text = "Israel Defense Forces struck a Hezbollah position in Beirut on 20 May 2024."
    article = Article(
        text=text, title="Strike in Beirut", published=dt.date(2024, 5, 21), source="Other Wire"
    )
    e3 = make_event(
        article,
        text.rstrip("."),
        "struck",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        plover_type="AGGRESS",
        actor1=IDF,
        actor2=HEZB,
        place=BEIRUT,
        start=dt.date(2024, 5, 20),
        end=dt.date(2024, 5, 20),
        fatalities=2,
    )
    mentions = Mentions(
        places=[PlaceMention(span_of(text, "Beirut"), BEIRUT)],
        actors=[ActorMention(span_of(text, IDF.name), IDF)],
    )
    return ArticleReport(article, mentions, [e3])


@pytest.fixture
def reports() -> list[ArticleReport]:
    return [syria_report(), beirut_report()]


@pytest.fixture
def store(tmp_path: Path, reports: list[ArticleReport]) -> Iterator[EventStore]:
    with EventStore(tmp_path / "events.duckdb") as s:
        s.ingest(reports)
        yield s


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [str(r["location_name"]) for r in rows]


# -- ingest ------------------------------------------------------------------------------


def test_ingest_adds_everything(tmp_path: Path, reports: list[ArticleReport]) -> None:
    with EventStore(tmp_path / "e.duckdb") as s:
        assert s.count_articles() == 0
        assert s.ingest(reports) == IngestResult(added=2, skipped=0)
        assert s.count_articles() == 2
        assert s.count_events() == 3
        row = s.article(reports[0].article.id)
        assert row is not None
        assert row["title"] == "Clashes in Raqqa"
        assert row["published"] == dt.date(2024, 3, 5)
        assert row["published_inferred"] is False
        assert row["dateline_name"] == "Raqqa"
        assert row["dateline_lat"] == pytest.approx(35.9528)
        assert isinstance(row["ingested_at"], dt.datetime)
        # The whole report survives the round trip.
        assert row["report"] == to_dict(reports[0])
        assert s.article("nope") is None
        n_mentions = s._db.execute(
            "SELECT kind, count(*) FROM mentions WHERE article_id = ? GROUP BY kind ORDER BY kind",
            [reports[0].article.id],
        ).fetchall()
        assert n_mentions == [
            ("actor", 2),
            ("claim", 1),
            ("date", 1),
            ("place", 2),
            ("quantity", 1),
        ]


def test_event_columns(store: EventStore, reports: list[ArticleReport]) -> None:
    rows = store.events()
    assert ids(rows) == ["Raqqa", "Deir ez-Zor", "Beirut"]  # ordered by date_start
    raqqa = rows[0]
    assert raqqa["event_id"] == reports[0].events[0].event_id
    assert raqqa["article_id"] == reports[0].article.id
    assert raqqa["actor1_name"] == "Syrian Democratic Forces"
    assert raqqa["actor2_id"] == "isis"
    assert raqqa["actor2_country"] is None
    assert raqqa["country"] == "SY"
    assert raqqa["geonameid"] == 163915
    assert raqqa["date_start"] == raqqa["date_end"] == dt.date(2024, 3, 4)
    assert raqqa["fatalities_best"] == 4
    assert raqqa["background"] is False
    assert raqqa["evidence"].startswith("Syrian Democratic Forces clashed")
    assert raqqa["evidence_start"] == 0
    assert raqqa["record"] == to_dict(reports[0].events[0])
    assert rows[1]["actor1_name"] is None
    assert rows[1]["fatalities_best"] is None


def test_ingest_is_idempotent(tmp_path: Path, reports: list[ArticleReport]) -> None:
    path = tmp_path / "e.duckdb"
    with EventStore(path) as s:
        assert s.ingest(reports) == IngestResult(2, 0)
    with EventStore(path) as s:
        assert s.ingest(reports) == IngestResult(0, 2)
        # Rebuilt from scratch: same content hash, still skipped.
        assert s.ingest([syria_report()]) == IngestResult(0, 1)
        assert s.count_articles() == 2
        assert s.count_events() == 3
        n = s._db.execute("SELECT count(*) FROM mentions").fetchone()
        assert n == (9,)


def test_duplicate_within_one_batch_is_skipped(tmp_path: Path) -> None:
    with EventStore(tmp_path / "e.duckdb") as s:
        assert s.ingest([beirut_report(), beirut_report()]) == IngestResult(1, 1)


def test_failed_event_insert_leaves_no_trace(tmp_path: Path) -> None:
    good = syria_report()
    bad = beirut_report()
    bad.events.append(dataclasses.replace(bad.events[0]))  # same event_id twice
    with EventStore(tmp_path / "e.duckdb") as s:
        with pytest.raises(duckdb.ConstraintException):
            s.ingest([good, bad])
        assert s.count_articles() == 1
        assert s.count_events() == 2
        assert s.article(bad.article.id) is None
        assert s.article(good.article.id) is not None
        left = s._db.execute(
            "SELECT count(*) FROM mentions WHERE article_id = ?", [bad.article.id]
        ).fetchone()
        assert left == (0,)
        # The store is still usable: the fixed report goes in.
        assert s.ingest([beirut_report()]) == IngestResult(1, 0)
        assert s.count_events() == 3


def test_failure_after_article_row_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def boom(self: EventStore, report: ArticleReport) -> None:
        calls.append(report.article.id)
        raise RuntimeError("disk on fire")

    path = tmp_path / "e.duckdb"
    with EventStore(path) as s:
        s.ingest([syria_report()])
        monkeypatch.setattr(EventStore, "_write_mentions", boom)
        with pytest.raises(RuntimeError, match="disk on fire"):
            s.ingest([beirut_report()])
        assert calls == [beirut_report().article.id]
        assert s.count_articles() == 1
        assert s.count_events() == 2
    monkeypatch.undo()
    with EventStore(path) as s:  # nothing half-written on disk either
        assert s.count_articles() == 1
        assert s.article(beirut_report().article.id) is None
        assert s.ingest([beirut_report()]) == IngestResult(1, 0)


# -- queries -----------------------------------------------------------------------------


def test_time_overlap(store: EventStore) -> None:
    # Deir ez-Zor runs 6-10 March: any window touching it keeps it.
    assert ids(store.events(since=dt.date(2024, 3, 8))) == ["Deir ez-Zor", "Beirut"]
    assert ids(store.events(since=dt.date(2024, 3, 10), until=dt.date(2024, 3, 12))) == [
        "Deir ez-Zor"
    ]
    assert ids(store.events(until=dt.date(2024, 3, 6))) == ["Raqqa", "Deir ez-Zor"]
    assert ids(store.events(until=dt.date(2024, 3, 5))) == ["Raqqa"]
    assert ids(store.events(since=dt.date(2024, 3, 4), until=dt.date(2024, 3, 4))) == ["Raqqa"]
    assert store.events(since=dt.date(2024, 3, 11), until=dt.date(2024, 5, 19)) == []
    assert store.events(since=dt.date(2025, 1, 1)) == []


def test_country_and_type_filters(store: EventStore) -> None:
    assert ids(store.events(country="SY")) == ["Raqqa", "Deir ez-Zor"]
    assert ids(store.events(country="lb")) == ["Beirut"]
    assert ids(store.events(event_type="Battles")) == ["Raqqa", "Deir ez-Zor"]
    assert ids(store.events(event_type="Explosions/Remote violence")) == ["Beirut"]
    assert ids(store.events(sub_event_type="Air/drone strike")) == ["Beirut"]
    assert ids(store.events(plover_type="ASSAULT")) == ["Deir ez-Zor"]
    assert ids(store.events(country="SY", plover_type="FIGHT")) == ["Raqqa"]
    assert store.events(country="IQ") == []


def test_actor_substring(store: EventStore) -> None:
    assert ids(store.events(actor="democratic")) == ["Raqqa"]
    assert ids(store.events(actor="HEZBOLLAH")) == ["Beirut"]  # actor2, any case
    assert ids(store.events(actor="forces")) == ["Raqqa", "Beirut"]
    assert store.events(actor="Taliban") == []
    assert store.events(actor="%") == []  # no LIKE wildcards


def test_near_within_km(store: EventStore) -> None:
    raqqa = (35.95, 39.01)
    assert ids(store.events(near=raqqa, within_km=50)) == ["Raqqa"]
    # Deir ez-Zor is ~125 km away, Beirut ~400 km.
    assert ids(store.events(near=raqqa, within_km=200)) == ["Raqqa", "Deir ez-Zor"]
    assert ids(store.events(near=raqqa, within_km=500)) == ["Raqqa", "Deir ez-Zor", "Beirut"]
    assert ids(store.events(near=(33.89, 35.50), within_km=10)) == ["Beirut"]
    assert ids(store.events(near=raqqa, within_km=50, country="SY")) == ["Raqqa"]
    with pytest.raises(ValueError):
        store.events(near=raqqa)
    with pytest.raises(ValueError):
        store.events(within_km=10)


def test_limit(store: EventStore) -> None:
    assert ids(store.events(limit=2)) == ["Raqqa", "Deir ez-Zor"]
    assert store.events(limit=0) == []


@pytest.mark.parametrize(
    "field", ["country", "event_type", "sub_event_type", "plover_type", "actor"]
)
def test_sql_metacharacters_are_just_text(store: EventStore, field: str) -> None:
    evil = "x' OR 1=1 --"
    assert store.events(**{field: evil}) == []
    assert store.article(evil) is None
    assert store.count_events() == 3


# -- schema ------------------------------------------------------------------------------


def test_schema_version_written(tmp_path: Path) -> None:
    path = tmp_path / "e.duckdb"
    with EventStore(path) as s:
        assert s.schema_version == SCHEMA_VERSION == 1
    con = duckdb.connect(str(path))
    try:
        assert con.execute("SELECT schema_version FROM meta").fetchall() == [(1,)]
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        assert {"meta", "articles", "events", "mentions"} <= tables
    finally:
        con.close()
    with EventStore(path, read_only=True) as s:
        assert s.schema_version == 1
        with pytest.raises(StoreError, match="read-only"):
            s.ingest([beirut_report()])


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.duckdb"
    EventStore(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET schema_version = ?", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match=r"newer Euphrates \(schema 2\); .*upgrade"):
        EventStore(path)
    with pytest.raises(StoreError, match="newer Euphrates"):
        EventStore(path, read_only=True)


def test_older_schema_migrates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "e.duckdb"
    EventStore(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET schema_version = 0")
    con.close()
    with pytest.raises(StoreError, match="read-write"):
        EventStore(path, read_only=True)
    with pytest.raises(StoreError, match="cannot migrate"):
        EventStore(path)  # no step 0 -> 1 defined

    steps: list[int] = []

    def step(self: EventStore, db: duckdb.DuckDBPyConnection) -> None:
        steps.append(0)

    monkeypatch.setattr(EventStore, "_migrate_0_to_1", step, raising=False)
    with EventStore(path) as s:
        assert s.schema_version == 1
    assert steps == [0]
    with EventStore(path) as s:  # already migrated: the step does not run again
        assert s.schema_version == 1
    assert steps == [0]


def test_foreign_duckdb_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE stuff (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a Euphrates store"):
        EventStore(path)


def test_missing_file_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no Euphrates store"):
        EventStore(tmp_path / "absent.duckdb", read_only=True)


def test_close_and_memory() -> None:
    s = EventStore(":memory:")
    s.ingest([beirut_report()])
    assert s.count_events() == 1
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count_events()


def test_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with EventStore() as s:
        assert s.schema_version == 1
    assert (tmp_path / "euphrates.duckdb").exists()
