"""Read-only lookups over the gazetteer index."""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from euphrates.gazetteer.build import SCHEMA_VERSION, Progress, build_id, build_index
from euphrates.gazetteer.normalize import name_key, skeleton_key
from euphrates.paths import data_dir
from euphrates.records import Place

log = logging.getLogger(__name__)

_COLUMNS = (
    "p.place_id, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, "
    "p.feature_class, p.feature_code, p.population"
)
_MAX_CANDIDATES = 40


@dataclass(frozen=True)
class NameMatch:
    """A gazetteer entry found for a name, and how the name matched it."""

    place: Place
    quality: float  # 1.0 primary name, 0.9 alternate name, 0.6 transliteration skeleton


def default_index_path() -> Path:
    return data_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def _place(row: tuple[Any, ...]) -> Place:
    pid, gid, name, lat, lon, cc, adm1, fcl, fcode, pop = row
    return Place(
        place_id=str(pid),
        geonameid=int(gid) if gid is not None else None,
        name=str(name),
        lat=float(lat),
        lon=float(lon),
        country=str(cc) if cc else None,
        admin1=str(adm1) if adm1 else None,
        feature_class=str(fcl),
        feature_code=str(fcode),
        population=int(pop),
    )


class GeoNamesIndex:
    """Name -> candidate places.  Opens the SQLite file read-only; safe to share per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._cache: dict[str, list[NameMatch]] = {}
        self.meta = dict(self._conn().execute("SELECT key, value FROM meta").fetchall())

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def lookup(self, name: str) -> list[NameMatch]:
        """Candidates for a surface name, best match quality first, then population."""
        key = name_key(name)
        if not key:
            return []
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        conn = self._conn()
        found: dict[str, NameMatch] = {}
        rows = conn.execute(
            f"SELECT {_COLUMNS}, n.is_primary FROM names n JOIN places p USING (place_id) "
            "WHERE n.key = ? ORDER BY p.population DESC LIMIT ?",
            (key, _MAX_CANDIDATES),
        ).fetchall()
        for row in rows:
            quality = 1.0 if row[-1] else 0.9
            pid = str(row[0])
            if pid not in found or found[pid].quality < quality:
                found[pid] = NameMatch(_place(row[:-1]), quality)
        skeleton = skeleton_key(name)
        if len(skeleton) >= 3:
            for row in conn.execute(
                f"SELECT {_COLUMNS} FROM names n JOIN places p USING (place_id) "
                "WHERE n.skeleton = ? ORDER BY p.population DESC LIMIT ?",
                (skeleton, _MAX_CANDIDATES),
            ).fetchall():
                pid = str(row[0])
                if pid not in found:
                    found[pid] = NameMatch(_place(row), 0.6)
        result = sorted(found.values(), key=lambda m: (-m.quality, -m.place.population))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = result
        return result

    def country(self, iso: str) -> Place | None:
        row = (
            self._conn()
            .execute(
                f"SELECT {_COLUMNS} FROM places p WHERE p.country = ? AND p.feature_code = 'PCLI'",
                (iso,),
            )
            .fetchone()
        )
        return _place(row) if row else None

    def get(self, place_id: str) -> Place | None:
        row = (
            self._conn()
            .execute(f"SELECT {_COLUMNS} FROM places p WHERE p.place_id = ?", (place_id,))
            .fetchone()
        )
        return _place(row) if row else None


def open_index(path: Path | None = None, progress: Progress | None = None) -> GeoNamesIndex:
    """The index at `path` (default location), built first if missing or built by other code."""
    path = path or default_index_path()
    if path.exists():
        index = GeoNamesIndex(path)
        if index.meta.get("build_id") == build_id():
            return index
        log.info("the gazetteer index at %s is out of date; rebuilding it", path)
    else:
        log.info("building the gazetteer index at %s (once)", path)
    build_index(path, progress) if progress else build_index(path)
    return GeoNamesIndex(path)
