"""The embedded event store: articles, events and mentions in one DuckDB file.

`EventStore` keeps every `ArticleReport` it is given.  Each article goes in as one
transaction -- its row, its events and its mentions, or nothing -- and an article whose id
(the content hash) is already stored is skipped, so ingesting the same reports twice is
harmless.  The full `to_dict` form of each report and event is kept as JSON text next to the
flat columns, so nothing the pipeline produced is lost.

    with EventStore("euphrates.duckdb") as store:
        store.ingest(reports)
        rows = store.events(country="SY", since=date(2024, 1, 1), near=(35.95, 39.01),
                            within_km=50)

All values reach SQL as query parameters; nothing is formatted into SQL text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from euphrates.records import ArticleReport, Event, EventActor, Span, to_dict

SCHEMA_VERSION = 1
"""The schema this code writes.  Bump it, and add a `_migrate_N_to_N+1` method, on change."""

EARTH_RADIUS_KM = 6371.0088

_DDL: tuple[str, ...] = (
    """
    CREATE TABLE meta (
        schema_version INTEGER NOT NULL,
        created_at TIMESTAMP NOT NULL
    )
    """,
    """
    CREATE TABLE articles (
        article_id TEXT PRIMARY KEY,
        title TEXT,
        published DATE,
        published_inferred BOOLEAN NOT NULL,
        source TEXT,
        url TEXT,
        language TEXT,
        dateline_name TEXT,
        dateline_lat DOUBLE,
        dateline_lon DOUBLE,
        text TEXT NOT NULL,
        ingested_at TIMESTAMP NOT NULL,
        report TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        event_type TEXT,
        sub_event_type TEXT,
        plover_type TEXT,
        plover_mode TEXT,
        actor1_name TEXT,
        actor1_id TEXT,
        actor1_kind TEXT,
        actor1_country TEXT,
        actor2_name TEXT,
        actor2_id TEXT,
        actor2_kind TEXT,
        actor2_country TEXT,
        location_name TEXT,
        geonameid BIGINT,
        lat DOUBLE,
        lon DOUBLE,
        admin1 TEXT,
        country TEXT,
        geo_precision INTEGER,
        date_start DATE,
        date_end DATE,
        time_precision INTEGER,
        fatalities_low INTEGER,
        fatalities_best INTEGER,
        fatalities_high INTEGER,
        modality TEXT,
        background BOOLEAN,
        evidence TEXT,
        evidence_start INTEGER,
        evidence_end INTEGER,
        confidence DOUBLE,
        record TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE mentions (
        article_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('place', 'date', 'quantity', 'actor', 'claim')),
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        value TEXT NOT NULL
    )
    """,
)

_ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "title",
    "published",
    "published_inferred",
    "source",
    "url",
    "language",
    "dateline_name",
    "dateline_lat",
    "dateline_lon",
    "text",
    "ingested_at",
    "report",
)

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "event_type",
    "sub_event_type",
    "plover_type",
    "plover_mode",
    "actor1_name",
    "actor1_id",
    "actor1_kind",
    "actor1_country",
    "actor2_name",
    "actor2_id",
    "actor2_kind",
    "actor2_country",
    "location_name",
    "geonameid",
    "lat",
    "lon",
    "admin1",
    "country",
    "geo_precision",
    "date_start",
    "date_end",
    "time_precision",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "modality",
    "background",
    "evidence",
    "evidence_start",
    "evidence_end",
    "confidence",
    "record",
)
"""The columns of `events`, in order: the keys of each row `EventStore.events` returns."""

_MENTION_COLUMNS: tuple[str, ...] = ("article_id", "kind", '"start"', '"end"', "text", "value")


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    # Only the fixed column names above are spliced in; values are always parameters.
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


_INSERT_ARTICLE = _insert_sql("articles", _ARTICLE_COLUMNS)
_INSERT_EVENT = _insert_sql("events", EVENT_COLUMNS)
_INSERT_MENTION = _insert_sql("mentions", _MENTION_COLUMNS)

# Great-circle distance (km) from (?, ?) = (lat, lon) to each event, haversine with DuckDB's
# own math functions.  `least` guards asin against rounding just above 1.
_HAVERSINE_KM = (
    f"2 * {EARTH_RADIUS_KM} * asin(sqrt(least(1.0,"
    " pow(sin((radians(lat) - radians(?)) / 2), 2)"
    " + cos(radians(?)) * cos(radians(lat))"
    " * pow(sin((radians(lon) - radians(?)) / 2), 2))))"
)


class StoreError(Exception):
    """The store cannot be opened or used as asked (wrong schema, read-only, not ours ...)."""


@dataclass(frozen=True)
class IngestResult:
    """What `EventStore.ingest` did: articles written and articles already present."""

    added: int
    skipped: int


def _json(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, sort_keys=True)


def _actor_columns(actor: EventActor | None) -> tuple[str | None, ...]:
    if actor is None:
        return (None, None, None, None)
    a = actor.actor
    return (a.name, a.actor_id, a.kind, a.country)


def _event_row(article_id: str, event: Event) -> tuple[Any, ...]:
    loc = event.location
    place = loc.place if loc is not None else None
    rng = event.date.range
    fat = event.fatalities
    return (
        event.event_id,
        article_id,
        event.event_type,
        event.sub_event_type,
        event.plover_type,
        event.plover_mode,
        *_actor_columns(event.actor1),
        *_actor_columns(event.actor2),
        place.name if place is not None else None,
        place.geonameid if place is not None else None,
        place.lat if place is not None else None,
        place.lon if place is not None else None,
        place.admin1 if place is not None else None,
        place.country if place is not None else None,
        loc.geo_precision if loc is not None else None,
        rng.start,
        rng.end,
        rng.precision,
        fat.low if fat is not None else None,
        fat.best if fat is not None else None,
        fat.high if fat is not None else None,
        event.modality,
        event.background,
        event.evidence.text,
        event.evidence.start,
        event.evidence.end,
        event.confidence,
        _json(event),
    )


def _mention_rows(report: ArticleReport) -> list[tuple[Any, ...]]:
    aid = report.article.id
    m = report.mentions
    spanned: list[tuple[str, Span, object]] = []
    spanned += [("place", x.span, x) for x in m.places]
    spanned += [("date", x.span, x) for x in m.dates]
    spanned += [("quantity", x.span, x) for x in m.quantities]
    spanned += [("actor", x.span, x) for x in m.actors]
    spanned += [("claim", x.span, x) for x in m.claims]
    return [(aid, kind, s.start, s.end, s.text, _json(x)) for kind, s, x in spanned]


def _article_row(report: ArticleReport, ingested_at: dt.datetime) -> tuple[Any, ...]:
    art = report.article
    dl_place = art.dateline.place if art.dateline is not None else None
    dl_name: str | None
    if dl_place is not None:
        dl_name = dl_place.name
    elif art.dateline is not None:
        dl_name = art.dateline.span.text
    else:
        dl_name = None
    return (
        art.id,
        art.title,
        art.published,
        art.published_inferred,
        art.source,
        art.url,
        art.language,
        dl_name,
        dl_place.lat if dl_place is not None else None,
        dl_place.lon if dl_place is not None else None,
        art.text,
        ingested_at,
        _json(report),
    )


class EventStore:
    """An embedded DuckDB store of article reports; see the module docstring.

    `path` may be ":memory:" for a throw-away store.  Opened read-write, a new file gets the
    current schema and an older one is migrated; a file written by a newer Euphrates is
    refused with `StoreError`.  Use as a context manager, or call `close()`.
    """

    def __init__(self, path: str | Path = "euphrates.duckdb", read_only: bool = False) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self.read_only = read_only
        target = str(self.path) if self.path is not None else ":memory:"
        if self.path is not None:
            if read_only and not self.path.exists():
                raise StoreError(f"no Euphrates store at {self.path}")
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(
                target, read_only=read_only
            )
        except duckdb.Error as exc:
            raise StoreError(f"cannot open Euphrates store {target}: {exc}") from exc
        try:
            self._schema_version = self._open_schema()
        except BaseException:
            self.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def _db(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError("the store is closed")
        return self._con

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (always `SCHEMA_VERSION` once opened)."""
        return self._schema_version

    # -- schema ------------------------------------------------------------------------

    def _tables(self) -> set[str]:
        rows = self._db.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_catalog = current_database() AND table_schema = 'main'"
        ).fetchall()
        return {str(r[0]) for r in rows}

    def _open_schema(self) -> int:
        tables = self._tables()
        if "meta" not in tables:
            if tables:
                raise StoreError(
                    f"{self._where()} is a DuckDB file but not a Euphrates store"
                    f" (it has tables {sorted(tables)} and no meta table)"
                )
            if self.read_only:
                raise StoreError(f"{self._where()} is empty; open it read-write to create it")
            self._create_schema()
            return SCHEMA_VERSION
        row = self._db.execute("SELECT max(schema_version) FROM meta").fetchone()
        if row is None or row[0] is None:
            raise StoreError(f"{self._where()} has no schema version in its meta table")
        found = int(row[0])
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"{self._where()} was written by a newer Euphrates (schema {found});"
                f" this one reads schema {SCHEMA_VERSION}: upgrade Euphrates"
            )
        if found < SCHEMA_VERSION:
            if self.read_only:
                raise StoreError(
                    f"{self._where()} has schema {found} and needs migrating to"
                    f" {SCHEMA_VERSION}; open it once read-write"
                )
            self._migrate(found)
        return SCHEMA_VERSION

    def _where(self) -> str:
        return str(self.path) if self.path is not None else "the in-memory store"

    def _create_schema(self) -> None:
        db = self._db
        db.execute("BEGIN TRANSACTION")
        try:
            for ddl in _DDL:
                db.execute(ddl)
            db.execute(
                "INSERT INTO meta (schema_version, created_at) VALUES (?, ?)",
                [SCHEMA_VERSION, _utcnow()],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _migrate(self, found: int) -> None:
        """Bring a store from schema `found` up to `SCHEMA_VERSION`, one step at a time.

        Step N -> N+1 is the method `_migrate_N_to_N+1(db)`, run inside the transaction that
        also records the new version; a missing step is a `StoreError`.
        """
        db = self._db
        for version in range(found, SCHEMA_VERSION):
            step = getattr(self, f"_migrate_{version}_to_{version + 1}", None)
            if step is None:
                raise StoreError(
                    f"{self._where()} has schema {version}, which this Euphrates cannot migrate"
                )
            db.execute("BEGIN TRANSACTION")
            try:
                step(db)
                db.execute("UPDATE meta SET schema_version = ?", [version + 1])
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    # -- writing -----------------------------------------------------------------------

    def ingest(self, reports: Iterable[ArticleReport]) -> IngestResult:
        """Store each report's article, events and mentions, one transaction per article.

        An article already stored (same `article.id`) is skipped.  If writing an article
        fails, its transaction is rolled back -- nothing of it stays -- and the error is
        raised; articles written before it stay committed.
        """
        if self.read_only:
            raise StoreError(f"{self._where()} is open read-only")
        added = skipped = 0
        for report in reports:
            if self._ingest_one(report):
                added += 1
            else:
                skipped += 1
        return IngestResult(added=added, skipped=skipped)

    def _ingest_one(self, report: ArticleReport) -> bool:
        db = self._db
        article_id = report.article.id
        db.execute("BEGIN TRANSACTION")
        try:
            exists = db.execute(
                "SELECT 1 FROM articles WHERE article_id = ?", [article_id]
            ).fetchone()
            if exists is not None:
                db.execute("ROLLBACK")
                return False
            self._write_article(report)
            self._write_events(report)
            self._write_mentions(report)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return True

    def _write_article(self, report: ArticleReport) -> None:
        now = _utcnow()
        self._db.execute(_INSERT_ARTICLE, list(_article_row(report, now)))

    def _write_events(self, report: ArticleReport) -> None:
        for event in report.events:
            self._db.execute(_INSERT_EVENT, list(_event_row(report.article.id, event)))

    def _write_mentions(self, report: ArticleReport) -> None:
        rows = _mention_rows(report)
        if rows:
            self._db.executemany(_INSERT_MENTION, [list(r) for r in rows])

    # -- reading -----------------------------------------------------------------------

    def count_articles(self) -> int:
        row = self._db.execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0]) if row is not None else 0

    def count_events(self) -> int:
        row = self._db.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row is not None else 0

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored article row, its `report` parsed back from JSON; None if absent."""
        cur = self._db.execute(
            f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE article_id = ?",
            [article_id],
        )
        row = cur.fetchone()
        if row is None:
            return None
        out = dict(zip(_ARTICLE_COLUMNS, row, strict=True))
        out["report"] = json.loads(out["report"])
        return out

    def events(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        country: str | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        plover_type: str | None = None,
        actor: str | None = None,
        near: tuple[float, float] | None = None,
        within_km: float | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events matching every filter given, ordered by date_start, event_id.

        - `since` / `until`: keep events whose [date_start, date_end] overlaps
          [since, until] (a missing date_end counts as date_start); undated events are
          dropped when either bound is given.
        - `country`, `event_type`, `sub_event_type`, `plover_type`: equality, ignoring case.
        - `actor`: case-insensitive substring of actor1_name or actor2_name.
        - `near=(lat, lon)` with `within_km`: great-circle distance at most `within_km`;
          events without coordinates are dropped.  Give both or neither.
        - `limit`: at most this many rows.

        Each row is a dict keyed by `EVENT_COLUMNS`; `record` is the parsed `to_dict(event)`.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if since is not None:
            clauses.append("coalesce(date_end, date_start) >= ?")
            params.append(since)
        if until is not None:
            clauses.append("coalesce(date_start, date_end) <= ?")
            params.append(until)
        for column, value in (
            ("country", country),
            ("event_type", event_type),
            ("sub_event_type", sub_event_type),
            ("plover_type", plover_type),
        ):
            if value is not None:
                clauses.append(f"lower({column}) = lower(?)")
                params.append(value)
        if actor is not None:
            clauses.append(
                "(contains(lower(coalesce(actor1_name, '')), lower(?))"
                " OR contains(lower(coalesce(actor2_name, '')), lower(?)))"
            )
            params += [actor, actor]
        if (near is None) != (within_km is None):
            raise ValueError("give `near` and `within_km` together")
        if near is not None and within_km is not None:
            if within_km < 0:
                raise ValueError("within_km must not be negative")
            lat, lon = float(near[0]), float(near[1])
            clauses.append(f"lat IS NOT NULL AND lon IS NOT NULL AND {_HAVERSINE_KM} <= ?")
            params += [lat, lat, lon, float(within_km)]
        sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY date_start NULLS LAST, event_id"
        if limit is not None:
            if limit < 0:
                raise ValueError("limit must not be negative")
            sql += " LIMIT ?"
            params.append(int(limit))
        rows = self._db.execute(sql, params).fetchall()
        out: list[dict[str, Any]] = []
        for row in rows:
            item = dict(zip(EVENT_COLUMNS, row, strict=True))
            item["record"] = json.loads(item["record"])
            out.append(item)
        return out


def _utcnow() -> dt.datetime:
    """Now in UTC, as the naive timestamp the TIMESTAMP columns hold."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
