"""ACLED-style labelled notes: this project's format for short texts coded like ACLED events.

One JSON object a line (or one CSV row with ACLED's export column names):

    {"id": "...", "notes": "text", "published": "YYYY-MM-DD" or null,
     "event_date": "YYYY-MM-DD", "event_type": "...", "sub_event_type": "...",
     "actor1": "...", "actor2": "...", "country": "...", "admin1": "...", "location": "...",
     "latitude": 36.2, "longitude": 37.1, "fatalities": 3}

`sub_event_type` is one of ACLED's 25 (`SUB_EVENT_TYPES`); `event_type` may be left out (it
follows from the sub-type); `event_date` may also be written as ACLED exports it ("09 May
2020").  A record is detected by its `notes` and `sub_event_type` fields.

Each note is coded as an article (`published` given unless `--no-published`).  The *primary
event* is one of our events with an ACLED sub-type: not background first, then asserted or
reported (not claimed, denied, expected...), then the earliest in the text.  A note without one is
predicted "none".

- sub-event type: weighted F1 (each gold class's F1 weighted by its support, scikit-learn's
  "weighted"), macro F1 (plain mean over the gold classes), accuracy, and the confusion
  matrix gold x ours (ours may be "none");
- event type: accuracy;
- location: our point (the location's offset point, else its place) within 25 km of the
  gold latitude / longitude;
- date: our range is the one day `event_date`;
- fatalities: ACLED's figure of our count (`formats.acled_fatalities`; 0 without a primary
  event) equals the gold number;
- actor1: a word of the gold actor1 (folded, no articles or numbers) is a word of our
  actor1's name.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from euphrates.coder import Coder
from euphrates.formats import acled_fatalities
from euphrates.gazetteer.normalize import fold
from euphrates.goldsets.common import (
    Record,
    acc_cell,
    class_scores,
    code_all,
    confusion,
    confusion_table,
    content_words,
    event_point,
    is_unknown,
    ratio,
    read_jsonl,
    within_km,
)
from euphrates.records import Article, ArticleReport, Event

# ACLED's event types and their sub-event types (ACLED codebook), with short column labels.
TAXONOMY: dict[str, tuple[tuple[str, str], ...]] = {
    "Battles": (
        ("Armed clash", "CLSH"),
        ("Government regains territory", "GOVT"),
        ("Non-state actor overtakes territory", "NSAT"),
    ),
    "Explosions/Remote violence": (
        ("Chemical weapon", "CHEM"),
        ("Air/drone strike", "AIR"),
        ("Suicide bomb", "SUIC"),
        ("Shelling/artillery/missile attack", "SHEL"),
        ("Remote explosive/landmine/IED", "IED"),
        ("Grenade", "GREN"),
    ),
    "Violence against civilians": (
        ("Sexual violence", "SEXV"),
        ("Attack", "ATTK"),
        ("Abduction/forced disappearance", "ABDU"),
    ),
    "Protests": (
        ("Peaceful protest", "PEAC"),
        ("Protest with intervention", "INTV"),
        ("Excessive force against protesters", "EXFO"),
    ),
    "Riots": (("Violent demonstration", "VDEM"), ("Mob violence", "MOB")),
    "Strategic developments": (
        ("Agreement", "AGRE"),
        ("Arrests", "ARST"),
        ("Change to group/activity", "CHNG"),
        ("Disrupted weapons use", "DISR"),
        ("Headquarters or base established", "BASE"),
        ("Looting/property destruction", "LOOT"),
        ("Non-violent transfer of territory", "NVTT"),
        ("Other", "OTHR"),
    ),
}
EVENT_TYPE_OF = {sub: etype for etype, subs in TAXONOMY.items() for sub, _ in subs}
SHORT = {sub: short for subs in TAXONOMY.values() for sub, short in subs} | {"none": "none"}
SUB_EVENT_TYPES = tuple(EVENT_TYPE_OF)
_CANONICAL = {fold(s): s for s in SUB_EVENT_TYPES}


@dataclass
class AcledGold:
    """One labelled note."""

    id: str
    notes: str
    published: dt.date | None
    event_date: dt.date
    event_type: str
    sub_event_type: str
    actor1: str | None
    location: str | None
    point: tuple[float, float] | None
    fatalities: int | None


def parse_acled_date(value: Any, origin: str) -> dt.date:
    """ISO ("2020-05-09") or ACLED's export style ("09 May 2020", "9 May 2020")."""
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{origin}: date {text!r} is neither YYYY-MM-DD nor like '09 May 2020'")


def _float(value: Any) -> float | None:
    if is_unknown(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    return None if is_unknown(value) else str(value).strip()


def acled_gold(record: Record, origin: str) -> AcledGold:
    """A record of the format, checked: one clear error for a field that cannot be read."""
    for key in ("notes", "event_date", "sub_event_type"):
        if is_unknown(record.get(key)):
            raise ValueError(f"{origin}: no {key!r}; every record needs notes, a date and a type")
    sub = _CANONICAL.get(fold(str(record["sub_event_type"])))
    if sub is None:
        raise ValueError(
            f"{origin}: sub_event_type {record['sub_event_type']!r} is not one of ACLED's 25 "
            "(e.g. 'Armed clash', 'Air/drone strike', 'Peaceful protest')"
        )
    lat, lon = _float(record.get("latitude")), _float(record.get("longitude"))
    fatalities = record.get("fatalities")
    try:
        deaths = None if is_unknown(fatalities) else int(float(str(fatalities)))
    except ValueError:
        raise ValueError(f"{origin}: fatalities {fatalities!r} is not a number") from None
    published = record.get("published")
    return AcledGold(
        id=str(record.get("id") or record.get("event_id_cnty") or origin),
        notes=str(record["notes"]),
        published=None if is_unknown(published) else parse_acled_date(published, origin),
        event_date=parse_acled_date(record["event_date"], origin),
        event_type=_text(record.get("event_type")) or EVENT_TYPE_OF[sub],
        sub_event_type=sub,
        actor1=_text(record.get("actor1")),
        location=_text(record.get("location")),
        point=(lat, lon) if lat is not None and lon is not None else None,
        fatalities=deaths,
    )


def read_acled(path: Path, limit: int | None = None) -> list[AcledGold]:
    """The records of a JSONL file or an ACLED-style CSV export."""
    if path.suffix.lower() != ".csv":
        rows = read_jsonl(path, limit)
        return [acled_gold(r, f"{path}: record {n}") for n, r in enumerate(rows, 1)]
    out: list[AcledGold] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"notes", "event_date", "sub_event_type"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: a CSV of ACLED columns needs {', '.join(sorted(missing))}")
        for n, row in enumerate(reader, 2):
            out.append(acled_gold(dict(row), f"{path}:{n}"))
            if limit and len(out) >= limit:
                break
    return out


# News attributes nearly every fact ("..., police said"): reported counts as told.
FACTUAL = frozenset({"asserted", "reported"})


def primary_event(report: ArticleReport) -> Event | None:
    """The event scored for a note (see the module docstring)."""
    typed = [e for e in report.events if e.sub_event_type]
    if not typed:
        return None
    return min(typed, key=lambda e: (e.background, e.modality not in FACTUAL, e.trigger.start))


def actor_matches(gold: str, event: Event | None) -> bool:
    if event is None or event.actor1 is None:
        return False
    gold_words = {w for w in content_words(gold) if not w.isdigit()}
    return bool(gold_words & content_words(event.actor1.actor.name))


def evaluate_acled(
    records: Sequence[AcledGold], coder: Coder, use_published: bool = True
) -> dict[str, Any]:
    articles = [Article(r.notes, published=r.published if use_published else None) for r in records]
    pairs: list[tuple[str, str]] = []
    tallies = {k: [0, 0] for k in ("event_type", "location", "date", "fatalities", "actor1")}
    skipped = 0
    rows: list[dict[str, Any]] = []
    for gold, report in zip(records, code_all(coder, articles), strict=True):
        if report is None:
            skipped += 1
            continue
        ours = primary_event(report)
        row: dict[str, Any] = {
            "id": gold.id,
            "gold": gold.sub_event_type,
            "ours": ours.sub_event_type if ours is not None else "none",
        }
        pairs.append((gold.sub_event_type, row["ours"]))

        def score(key: str, ok: bool, row: dict[str, Any] = row) -> None:
            tallies[key][0] += ok
            tallies[key][1] += 1
            row[key] = ok

        score("event_type", ours is not None and ours.event_type == gold.event_type)
        if gold.point is not None:
            point = event_point(ours) if ours is not None else None
            score("location", point is not None and within_km(point, gold.point))
        rng = ours.date.range if ours is not None else None
        score("date", rng is not None and rng.start == rng.end == gold.event_date)
        if gold.fatalities is not None:
            ours_deaths = acled_fatalities(ours.fatalities if ours is not None else None)
            score("fatalities", ours_deaths == gold.fatalities)
        if gold.actor1:
            score("actor1", actor_matches(gold.actor1, ours))
        rows.append(row)
    scores = class_scores(pairs)
    return {
        "task": "acled",
        "records": len(records) - skipped,
        "skipped": skipped,
        "sub_event_type": {
            "weighted_f1": scores["weighted_f1"],
            "macro_f1": scores["macro_f1"],
            "accuracy": scores["accuracy"],
            "per_class": scores["per_class"],
        },
        "no_event": sum(p == "none" for _, p in pairs),
        "event_type": ratio(*tallies["event_type"]),
        "location_25km": ratio(*tallies["location"]),
        "date_exact": ratio(*tallies["date"]),
        "fatalities_exact": ratio(*tallies["fatalities"]),
        "actor1": ratio(*tallies["actor1"]),
        "confusion": confusion(pairs),
        "rows": rows,
    }


def acled_table(s: dict[str, Any]) -> str:
    sub = s["sub_event_type"]
    lines = [
        f"ACLED-format gold: {s['records']} records ({s['skipped']} skipped, "
        f"{s['no_event']} without an ACLED-typed event of ours)",
        f"  sub-event type  weighted F1 {sub['weighted_f1']:.3f}  macro F1 "
        f"{sub['macro_f1']:.3f}  accuracy {sub['accuracy']:.3f}",
        f"  event type      {acc_cell(s['event_type'])}",
        f"  location 25 km  {acc_cell(s['location_25km'])}",
        f"  date exact      {acc_cell(s['date_exact'])}",
        f"  fatalities      {acc_cell(s['fatalities_exact'])}",
        f"  actor1 (loose)  {acc_cell(s['actor1'])}",
        "  per gold sub-event type: F1 (support)",
    ]
    for name, c in sorted(sub["per_class"].items(), key=lambda kv: -kv[1]["support"]):
        lines.append(f"    {SHORT[name]:6} {name:36} {c['f1']:.3f} ({c['support']})")
    lines.append("  confusion (rows gold, columns ours):")
    lines += confusion_table(s["confusion"], SHORT)
    only_ours = sorted({p for row in s["confusion"].values() for p in row} - set(sub["per_class"]))
    legend = [f"{SHORT[p]} {p}" for p in only_ours if p != "none"]
    if legend:
        lines.append("    (" + "; ".join(legend) + ")")
    return "\n".join(lines)
