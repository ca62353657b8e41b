"""Output formats for reports and events: table, json, jsonl, csv (ACLED columns), geojson."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from euphrates.records import ArticleReport, Count, Event, to_dict

FORMATS = ("table", "json", "jsonl", "csv", "geojson")

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# ACLED's actor codes ("inter"): 1 state forces ... 8 external/other forces.
INTER_CODES = {
    "state forces": 1,
    "government": 1,
    "rebel group": 2,
    "political militia": 3,
    "identity militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "person": 7,
    "external force": 8,
    "igo": 8,
    "other": 8,
}


def acled_fatalities(count: Count | None) -> int:
    """ACLED's conservative figure: the lowest number reported, 0 when none is."""
    if count is None:
        return 0
    for value in (count.low, count.best, count.high):
        if value is not None:
            return value
    return 0


def _inter(event: Event, n: int) -> int | str:
    actor = event.actor1 if n == 1 else event.actor2
    return INTER_CODES.get(actor.actor.kind, 8) if actor else ""


def acled_row(event: Event) -> dict[str, Any]:
    loc = event.location
    rng = event.date.range
    i1, i2 = _inter(event, 1), _inter(event, 2)
    interaction = "".join(sorted(str(x) for x in (i1, i2) if x != "")) or ""
    return {
        "event_id_cnty": event.event_id,
        "event_date": rng.start.isoformat() if rng.start else "",
        "year": rng.start.year if rng.start else "",
        "time_precision": rng.precision,
        "disorder_type": "",
        "event_type": event.event_type or "",
        "sub_event_type": event.sub_event_type or "",
        "actor1": event.actor1.actor.name if event.actor1 else "",
        "assoc_actor_1": "",
        "inter1": i1,
        "actor2": event.actor2.actor.name if event.actor2 else "",
        "assoc_actor_2": "",
        "inter2": i2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if i2 == 7 else "",
        "iso": loc.place.country if loc else "",
        "region": "",
        "country": loc.place.country if loc else "",
        "admin1": (loc.place.admin1 or "") if loc else "",
        "admin2": "",
        "admin3": "",
        "location": loc.place.name if loc else "",
        "latitude": (loc.point[0] if loc.point else loc.place.lat) if loc else "",
        "longitude": (loc.point[1] if loc.point else loc.place.lon) if loc else "",
        "geo_precision": loc.geo_precision if loc else "",
        "source": event.source or "",
        "source_scale": "",
        "notes": event.evidence.text,
        "fatalities": acled_fatalities(event.fatalities),
        "tags": event.plover_type,
        "timestamp": "",
    }


def _table(reports: Iterable[ArticleReport]) -> str:
    rows = [("date", "type", "plover", "actor1", "actor2", "location", "prec", "fat", "evidence")]
    for report in reports:
        for e in report.events:
            rng = e.date.range
            date = f"{rng.start}" if rng.start == rng.end else f"{rng.start}..{rng.end}"
            rows.append(
                (
                    date,
                    e.sub_event_type or "-",
                    e.plover_type,
                    e.actor1.actor.name if e.actor1 else "-",
                    e.actor2.actor.name if e.actor2 else "-",
                    e.location.place.name if e.location else "-",
                    str(e.location.geo_precision) if e.location else "-",
                    str(acled_fatalities(e.fatalities)) if e.fatalities else "-",
                    e.evidence.text.replace("\n", " ")[:60],
                )
            )
    widths = [min(32, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines[:1] + ["-" * len(lines[0])] + lines[1:]) + "\n"


def _lon_lat(e: Event) -> list[float]:
    assert e.location is not None
    if e.location.point is not None:
        return [e.location.point[1], e.location.point[0]]
    return [e.location.place.lon, e.location.place.lat]


def _geojson(reports: Iterable[ArticleReport]) -> str:
    features = []
    for report in reports:
        for e in report.events:
            if e.location is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": _lon_lat(e),
                    },
                    "properties": to_dict(e),
                }
            )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def render(reports: list[ArticleReport], fmt: str) -> str:
    if fmt == "table":
        return _table(reports)
    if fmt == "json":
        return json.dumps([to_dict(r) for r in reports], ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(to_dict(r), ensure_ascii=False) + "\n" for r in reports)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for report in reports:
            for e in report.events:
                writer.writerow(acled_row(e))
        return buf.getvalue()
    if fmt == "geojson":
        return _geojson(reports) + "\n"
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
