"""Import full GeoNames dumps (`allCountries.zip`, `SY.zip`, `cities500.zip`, `.txt`) so that
villages the shipped gazetteer lacks can be found.

Imports go to their own SQLite file next to the index (`gazetteer-imports.sqlite`, same
`places`/`names` schema), which `GeoNamesIndex` searches alongside the index: rebuilding the
index (whenever the build code changes) never loses them.

Each file is streamed line by line (allCountries is 1.5 GB unzipped) and written in one
transaction: a truncated zip or too many malformed lines roll the whole file back and leave
earlier imports as they were.  Importing a file again replaces its places, never duplicates them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from euphrates.gazetteer.build import INDEXES, SCHEMA, SCHEMA_VERSION, PlaceRow, _name_rows

IMPORTS_FILENAME = "gazetteer-imports.sqlite"

# GeoNames feature classes worth geoparsing: populated places, administrative areas,
# areas/regions, terrain, water; spots and buildings (S) only on request.  Roads (R),
# undersea (U) and vegetation (V) features are left out.
FEATURE_CLASSES = frozenset("PALTH")
SPOT_CLASS = "S"

COLUMNS = 19
BATCH = 5_000
MAX_BAD_LINES = 100  # malformed lines tolerated in one file before it is refused
SNIFF_LINES = 50  # lines read up front to tell a GeoNames dump from another text file

# Only the imports file has this one: it lets a re-import drop a place's old names quickly.
IMPORTS_INDEXES = "CREATE INDEX names_place ON names (place_id);"
_INDEX_NAMES = ("names_key", "names_skeleton", "places_country", "names_place")


class DumpError(Exception):
    """A file that cannot be imported; the message is one line, naming the file."""


def imports_path(index_path: Path) -> Path:
    """The imports file that goes with the index at `index_path` (same folder)."""
    return index_path.with_name(IMPORTS_FILENAME)


@dataclass(frozen=True)
class DumpSource:
    """A GeoNames dump on disk: a plain `.txt`, or the `.txt` inside a `.zip`."""

    path: Path
    member: str | None  # the zip member read; None for a plain text file
    size: int  # bytes on disk
    text_size: int  # bytes of GeoNames text (uncompressed)
    modified: dt.datetime

    @property
    def label(self) -> str:
        return self.path.name

    def open_text(self, stack: ExitStack, on_bytes: Callable[[int], None] | None = None) -> IO[str]:
        """The dump's text, decoded line by line (never read whole)."""
        binary: IO[bytes]
        if self.member is None:
            binary = stack.enter_context(self.path.open("rb"))
        else:
            archive = stack.enter_context(zipfile.ZipFile(self.path))
            binary = stack.enter_context(archive.open(self.member))
        if on_bytes is not None:
            binary = io.BufferedReader(_CountingReader(binary, on_bytes), buffer_size=1 << 20)
        return stack.enter_context(io.TextIOWrapper(binary, encoding="utf-8", newline="\n"))


class _CountingReader(io.RawIOBase):
    """Passes bytes through and reports how many were read (for a progress bar)."""

    def __init__(self, raw: IO[bytes], on_bytes: Callable[[int], None]) -> None:
        self._raw = raw
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._on_bytes(n)
        return n


def _zip_member(path: Path, archive: zipfile.ZipFile) -> str:
    """The GeoNames `.txt` in a zip: `SY.txt` in `SY.zip`, else the one `.txt` not a readme."""
    texts = [
        info.filename
        for info in archive.infolist()
        if not info.is_dir() and info.filename.lower().endswith(".txt")
    ]
    for name in texts:
        if Path(name).stem.lower() == path.stem.lower():
            return name
    data = [n for n in texts if not Path(n).name.lower().startswith("readme")]
    if len(data) == 1:
        return data[0]
    if not data:
        raise DumpError(f"{path}: no GeoNames .txt file inside the zip")
    listed = ", ".join(data[:5])
    raise DumpError(f"{path}: several .txt files inside the zip ({listed}); unzip the one wanted")


def open_source(path: Path) -> DumpSource:
    """Check that `path` looks like a GeoNames dump (without reading it all)."""
    if not path.exists():
        raise DumpError(f"{path}: no such file")
    if not path.is_file():
        raise DumpError(f"{path}: not a file")
    stat = path.stat()
    modified = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).replace(microsecond=0)
    member: str | None = None
    text_size = stat.st_size
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                member = _zip_member(path, archive)
                text_size = archive.getinfo(member).file_size
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as err:
            raise DumpError(f"{path}: not a readable zip file ({err}); download it again") from None
    source = DumpSource(path, member, stat.st_size, text_size, modified)
    _sniff(source)
    return source


def _sniff(source: DumpSource) -> None:
    """Refuse a text file that is not in GeoNames' format from its first lines."""
    with ExitStack() as stack:
        try:
            text = source.open_text(stack)
            lines = [line for _, line in zip(range(SNIFF_LINES), text, strict=False)]
        except UnicodeDecodeError:
            raise DumpError(f"{source.path}: not a GeoNames dump (not UTF-8 text)") from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as err:
            raise DumpError(f"{source.path}: unreadable ({err}); download it again") from None
    rows = [line for line in lines if line.strip()]
    if not rows:
        raise DumpError(f"{source.path}: empty; no GeoNames rows in it")
    errors = [(n, err) for n, err in enumerate(map(_check, rows), start=1) if err]
    if len(errors) * 2 > len(rows):
        number, reason = errors[0]
        raise DumpError(f"{source.path}: not a GeoNames dump (line {number}: {reason})")


def _check(line: str) -> str | None:
    """Why `line` is not a GeoNames row, or None."""
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) != COLUMNS:
        return f"{len(cols)} tab-separated columns, expected {COLUMNS}"
    return None


@dataclass(frozen=True)
class GeoNamesRow:
    """The columns of one GeoNames row that the gazetteer keeps."""

    place: PlaceRow
    names: list[str]  # alternate names (ASCII name included), primary name excluded


def parse_line(line: str) -> GeoNamesRow:
    """One line of a GeoNames dump; ValueError (with a reason) when malformed."""
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) != COLUMNS:
        raise ValueError(f"{len(cols)} tab-separated columns, expected {COLUMNS}")
    gid_s, name, ascii_name, alternates, lat_s, lon_s, fclass, fcode, cc, _cc2, a1 = cols[:11]
    gid = int(gid_s)
    lat, lon = float(lat_s), float(lon_s)
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"coordinates out of range ({lat_s}, {lon_s})")
    if not name.strip():
        raise ValueError("no name")
    population = int(cols[14]) if cols[14].strip() else 0
    country = cc.strip() or None
    admin1 = f"{country}.{a1.strip()}" if country and a1.strip() else None
    place: PlaceRow = (
        str(gid),
        gid,
        name,
        lat,
        lon,
        country,
        admin1,
        fclass,
        fcode,
        population,
    )
    names = [ascii_name, *alternates.split(",")]
    return GeoNamesRow(place, [n for n in names if any(c.isalpha() for c in n)])


@dataclass(frozen=True)
class ImportResult:
    """What one file added."""

    source: DumpSource
    places: int  # places written (new or replaced)
    skipped: int  # rows of feature classes left out
    spots_skipped: int  # of which spots and buildings (class S)
    bad_lines: int  # malformed lines tolerated


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path, timeout=60, isolation_level=None)
    conn.execute("PRAGMA cache_size = -131072")  # 128 MiB: a large import touches many pages
    return conn


def _execute_all(conn: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated statements inside the open transaction (`executescript` commits)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _ensure_schema(conn: sqlite3.Connection) -> None:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'places'"
    ).fetchone()
    if not exists:
        _execute_all(conn, SCHEMA + INDEXES + IMPORTS_INDEXES)
        conn.execute(
            "INSERT INTO meta VALUES ('schema_version', ?), ('kind', 'imports')",
            (str(SCHEMA_VERSION),),
        )
        return
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or row[0] != str(SCHEMA_VERSION):
        found = row[0] if row else "none"
        raise DumpError(
            f"imports file has schema version {found}, this Euphrates writes {SCHEMA_VERSION}; "
            "move it aside and import the dumps again"
        )


def _progress_bar(source: DumpSource) -> Any:
    from tqdm import tqdm

    return tqdm(
        total=source.text_size,
        desc=source.label,
        unit="B",
        unit_scale=True,
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
    )


def _rows(
    source: DumpSource, text: IO[str], with_spots: bool, counts: dict[str, int]
) -> Iterator[GeoNamesRow]:
    wanted = FEATURE_CLASSES | {SPOT_CLASS} if with_spots else FEATURE_CLASSES
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            row = parse_line(line)
        except ValueError as err:
            counts["bad"] += 1
            if counts["bad"] > MAX_BAD_LINES:
                raise DumpError(
                    f"{source.path}: more than {MAX_BAD_LINES} malformed lines "
                    f"(line {number}: {err}); nothing imported from it"
                ) from None
            continue
        feature_class = row.place[7]
        if feature_class not in wanted:
            counts["skipped"] += 1
            counts["spots"] += feature_class == SPOT_CLASS
            continue
        yield row


def import_dump(
    path: Path, db_path: Path, *, with_spots: bool = False, progress: bool = False
) -> ImportResult:
    """Add (or replace) the places of one GeoNames dump in the imports file at `db_path`.

    All or nothing: on any error the file's transaction is rolled back (and a new imports
    file removed), so earlier imports are left as they were.  Raises `DumpError`.
    """
    source = open_source(path)
    return import_source(source, db_path, with_spots=with_spots, progress=progress)


def import_source(
    source: DumpSource, db_path: Path, *, with_spots: bool = False, progress: bool = False
) -> ImportResult:
    """`import_dump` for a file already checked by `open_source`."""
    created = not db_path.exists()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    counts = {"bad": 0, "skipped": 0, "spots": 0}
    places = 0
    committed = False
    conn = _connect(db_path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _ensure_schema(conn)
            # Into an empty file, indexes are built once at the end (much faster than kept
            # up as rows arrive), and no old names need deleting.
            fresh = conn.execute("SELECT 1 FROM places LIMIT 1").fetchone() is None
            if fresh:
                for name in _INDEX_NAMES:
                    conn.execute(f"DROP INDEX IF EXISTS {name}")
            with ExitStack() as stack:
                on_bytes: Callable[[int], None] | None = None
                if progress:
                    bar = stack.enter_context(_progress_bar(source))
                    on_bytes = bar.update
                text = source.open_text(stack, on_bytes)
                batch: list[GeoNamesRow] = []
                for row in _rows(source, text, with_spots, counts):
                    batch.append(row)
                    if len(batch) >= BATCH:
                        places += _write(conn, batch, fresh)
                        batch = []
                places += _write(conn, batch, fresh)
            if counts["bad"] * 2 > places + counts["skipped"] + counts["bad"]:
                raise DumpError(f"{source.path}: mostly malformed lines; not a GeoNames dump")
            if fresh:
                _execute_all(conn, INDEXES + IMPORTS_INDEXES)
            _record(conn, source, places, with_spots)
            conn.execute("COMMIT")
            committed = True
        finally:
            if not committed and conn.in_transaction:
                conn.execute("ROLLBACK")
    except UnicodeDecodeError:
        raise DumpError(f"{source.path}: not UTF-8 text; nothing imported from it") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise DumpError(
            f"{source.path}: corrupt or truncated ({err}); nothing imported from it, "
            "download it again"
        ) from None
    except sqlite3.Error as err:
        raise DumpError(f"{db_path}: {err}; nothing imported from {source.path}") from None
    finally:
        conn.close()
        if created and not committed:
            _remove_db(db_path)
    return ImportResult(source, places, counts["skipped"], counts["spots"], counts["bad"])


def _write(conn: sqlite3.Connection, batch: list[GeoNamesRow], fresh: bool) -> int:
    if not batch:
        return 0
    if not fresh:
        conn.executemany("DELETE FROM names WHERE place_id = ?", [(r.place[0],) for r in batch])
    conn.executemany(
        "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", [r.place for r in batch]
    )
    conn.executemany(
        "INSERT INTO names VALUES (?,?,?,?)",
        (name for r in batch for name in _name_rows(r.place[0], r.place[2], r.names)),
    )
    return len(batch)


def _record(conn: sqlite3.Connection, source: DumpSource, places: int, with_spots: bool) -> None:
    """Note in `meta` which file was imported, its size and dates."""
    entry = {
        "file": source.path.name,
        "path": str(source.path.resolve()),
        "member": source.member,
        "size": source.size,
        "modified": source.modified.isoformat(),
        "imported": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "places": places,
        "with_spots": with_spots,
    }
    conn.execute(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        (f"import:{entry['path']}", json.dumps(entry)),
    )


def imported_files(db_path: Path) -> list[dict[str, Any]]:
    """The files recorded in an imports file, oldest import first."""
    if not db_path.exists():
        return []
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT value FROM meta WHERE key LIKE 'import:%'").fetchall()
    finally:
        conn.close()
    entries: list[dict[str, Any]] = [json.loads(r[0]) for r in rows]
    return sorted(entries, key=lambda e: str(e.get("imported", "")))


def _remove_db(db_path: Path) -> None:
    for leftover in (db_path, db_path.with_name(db_path.name + "-journal")):
        leftover.unlink(missing_ok=True)
