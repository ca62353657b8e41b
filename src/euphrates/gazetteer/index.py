"""Read-only lookups over the gazetteer index, and over the user's GeoNames imports.

Places imported with `euphrates gazetteer import` live in their own file next to the index
(`gazetteer-imports.sqlite`, see `dump.py`) so that rebuilding the index keeps them; it is
attached read-only and searched with the index.  A place in both (same place id) is the
index's record, matched by the names of both.
"""

from __future__ import annotations

import difflib
import logging
import sqlite3
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from euphrates.gazetteer.build import SCHEMA_VERSION, Progress, build_id, build_index
from euphrates.gazetteer.dump import imports_path
from euphrates.gazetteer.normalize import name_key, skeleton_key
from euphrates.paths import data_dir
from euphrates.records import Place

log = logging.getLogger(__name__)

_COLUMNS = (
    "p.place_id, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, "
    "p.feature_class, p.feature_code, p.population"
)
_IMPORTED_COLUMNS = _COLUMNS + ", " + _COLUMNS.replace("p.", "m.")
_MAX_CANDIDATES = 40
_N_COLUMNS = 10


@dataclass(frozen=True)
class NameMatch:
    """A gazetteer entry found for a name, and how the name matched it."""

    place: Place
    quality: float  # 1.0 primary name, 0.9 alternate name, 0.6 transliteration skeleton


def _skeleton_quality(key: str, name: str) -> float:
    """0.6 for consonants alike, up to 0.85 as the spellings themselves meet
    ("maarat numan" / "maarrat numan" 0.84; "kansafra" / "queensferry" 0.7)."""
    ratio = difflib.SequenceMatcher(None, key, name_key(name)).ratio()
    return round(0.6 + 0.25 * ratio, 3)


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
    """Name -> candidate places.  Opens the SQLite file read-only; safe to share per thread.

    `imports` is the file of imported GeoNames dumps (default: `gazetteer-imports.sqlite`
    beside `path`); it is searched too when it exists when the index is opened.
    """

    def __init__(self, path: Path, imports: Path | None = None) -> None:
        self.path = path
        self.imports_path = imports if imports is not None else imports_path(path)
        self._local = threading.local()
        self._cache: dict[str, list[NameMatch]] = {}
        self._countries: dict[str, Place | None] = {}
        self._warned = False
        conn = self._conn()
        self.meta = dict(conn.execute("SELECT key, value FROM main.meta").fetchall())
        self.has_imports: bool = self._local.imports

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
            self._local.imports = self._attach_imports(conn)
        return conn

    def _attach_imports(self, conn: sqlite3.Connection) -> bool:
        if not self.imports_path.is_file():
            return False
        uri = f"file:{urllib.parse.quote(str(self.imports_path))}?mode=ro"
        try:
            conn.execute("ATTACH DATABASE ? AS imports", (uri,))
            row = conn.execute(
                "SELECT value FROM imports.meta WHERE key = 'schema_version'"
            ).fetchone()
            if row is not None and row[0] == str(SCHEMA_VERSION):
                return True
            reason = f"schema version {row[0] if row else 'none'}, not {SCHEMA_VERSION}"
        except sqlite3.Error as err:
            reason = str(err)
        try:
            conn.execute("DETACH DATABASE imports")
        except sqlite3.Error:
            pass
        if not self._warned:
            self._warned = True
            log.warning("ignoring the gazetteer imports at %s (%s)", self.imports_path, reason)
        return False

    def _imports(self) -> bool:
        self._conn()
        return bool(self._local.imports)

    def _rows(self, column: str, value: str) -> list[tuple[tuple[Any, ...], int]]:
        """(place columns, is_primary) for names whose `column` is `value`: index and imports,
        most populous first, at most `_MAX_CANDIDATES`."""
        conn = self._conn()
        rows: list[tuple[tuple[Any, ...], int]] = [
            (row[:-1], int(row[-1]))
            for row in conn.execute(
                f"SELECT {_COLUMNS}, n.is_primary FROM main.names n "
                f"JOIN main.places p USING (place_id) "
                f"WHERE n.{column} = ? ORDER BY p.population DESC LIMIT ?",
                (value, _MAX_CANDIDATES),
            ).fetchall()
        ]
        if not self._imports():
            return rows
        for row in conn.execute(
            f"SELECT {_IMPORTED_COLUMNS}, n.is_primary FROM imports.names n "
            "JOIN imports.places p USING (place_id) "
            "LEFT JOIN main.places m ON m.place_id = p.place_id "
            f"WHERE n.{column} = ? ORDER BY p.population DESC LIMIT ?",
            (value, _MAX_CANDIDATES),
        ).fetchall():
            # A place the index has too is the index's record.
            own = row[_N_COLUMNS : 2 * _N_COLUMNS] if row[_N_COLUMNS] is not None else row
            rows.append((own[:_N_COLUMNS], int(row[-1])))
        rows.sort(key=lambda r: -int(r[0][9]))  # stable: the index's order among equals
        return rows[:_MAX_CANDIDATES]

    def lookup(self, name: str) -> list[NameMatch]:
        """Candidates for a surface name, best match quality first, then population."""
        key = name_key(name)
        if not key:
            return []
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found: dict[str, NameMatch] = {}
        for row, is_primary in self._rows("key", key):
            quality = 1.0 if is_primary else 0.9
            pid = str(row[0])
            if pid not in found or found[pid].quality < quality:
                found[pid] = NameMatch(_place(row), quality)
        # Transliteration skeletons only when no name matches, and only of 4+ consonants.
        skeleton = skeleton_key(name)
        if not found and len(skeleton) >= 4:
            for row, _ in self._rows("skeleton", skeleton):
                pid = str(row[0])
                if pid not in found:
                    found[pid] = NameMatch(_place(row), _skeleton_quality(key, str(row[2])))
        result = sorted(found.values(), key=lambda m: (-m.quality, -m.place.population))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = result
        return result

    def _first(self, where: str, params: tuple[Any, ...]) -> Place | None:
        schemas = ("main", "imports") if self._imports() else ("main",)
        conn = self._conn()
        for schema in schemas:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM {schema}.places p WHERE {where}", params
            ).fetchone()
            if row:
                return _place(row)
        return None

    def country(self, iso: str) -> Place | None:
        if iso not in self._countries:
            # The index's country, else an imported one (`_first` searches both).
            self._countries[iso] = self._first("p.country = ? AND p.feature_code = 'PCLI'", (iso,))
        return self._countries[iso]

    def capital(self, iso: str) -> Place | None:
        """The capital of a country (the index's PPLC)."""
        return self._first("p.country = ? AND p.feature_code = 'PPLC'", (iso,))

    def get(self, place_id: str) -> Place | None:
        return self._first("p.place_id = ?", (place_id,))


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
