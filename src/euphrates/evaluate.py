"""`euphrates eval`: score the coder against gold files (formats of the shared gold README).

The format is detected from the file (`detect_task`): a `.json` file is an article, a
`.jsonl` file is told by the fields of its first record, a `.csv` file by its columns.

- *article*: one article coded by hand (events, places, quantities, dateline, the window in
  which its publication date can be inferred);
- *gwn*: JSONL of articles with every toponym span and its coordinates (GeoWebNews), scored
  for recognition (P/R/F1) and resolution (accuracy within 161 km on gold spans);
- *hrdsattack*, *muc4*, *plover_gsr*, *wikievents*: public event-extraction gold sets, and
  *acled*: this project's ACLED-style labelled notes (JSONL or CSV); their evaluators live
  in `euphrates.goldsets`, one module each, whose docstrings say what is scored and how.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from euphrates import goldsets
from euphrates.coder import ArticleError, Coder
from euphrates.extract.places import PlaceContext
from euphrates.extract.resolution import haversine_km
from euphrates.gazetteer.normalize import fold
from euphrates.records import Article, ArticleReport, Event, Place

EVENT_KM = 25.0
ACC_KM = 161.0


TASKS = ("article", "gwn", *goldsets.TASKS)


def detect_task(path: Path) -> str:
    """The gold format of a file: by its suffix, then the fields of its first record."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return goldsets.detect_csv(path)
    if suffix not in (".jsonl", ".ndjson"):
        return "article"
    with path.open(encoding="utf-8") as f:
        line = next((x for x in f if x.strip()), "")
    if not line:
        raise ValueError(f"{path}: empty gold file")
    try:
        first = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(
            f"{path}: first record is not JSON ({err.msg}); one object a line"
        ) from None
    if not isinstance(first, dict):
        raise ValueError(f"{path}: the first line holds {type(first).__name__}, not an object")
    if "toponyms" in first:
        return "gwn"
    task = goldsets.detect_record(first)
    if task is None:
        raise ValueError(
            f"{path}: unknown gold format (fields: {', '.join(sorted(first))[:120]}); "
            f"give --task, one of {', '.join(TASKS)}"
        )
    return task


def evaluate_file(
    path: Path, task: str, coder: Coder, use_published: bool = True, limit: int | None = None
) -> tuple[dict[str, Any], str]:
    if not path.is_file():
        raise ValueError(f"{path}: no such gold file")
    task = detect_task(path) if task == "auto" else task
    if task == "gwn":
        scores = evaluate_gwn(_jsonl(path, limit), coder)
        return scores, gwn_table(scores)
    if task in goldsets.TASKS:
        return goldsets.evaluate_set(task, path, coder, use_published, limit)
    if task != "article":
        raise ValueError(f"unknown gold task {task!r}; choose one of {', '.join(TASKS)}")
    scores = evaluate_article(path, coder, use_published)
    return scores, article_table(scores)


def _jsonl(path: Path, limit: int | None) -> list[dict[str, Any]]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


# -- article format ---------------------------------------------------------------------------


def _words(text: str) -> str:
    return f" {fold(text)} "


def alias_matches(aliases: Iterable[str], event: Event) -> bool:
    """Whether a gold alias names one of the event's actors (canonical name or surface text)."""
    names = []
    for ea in (event.actor1, event.actor2):
        if ea is not None:
            names += [_words(ea.actor.name), _words(ea.span.text)]
    for alias in aliases:
        key = _words(alias)
        if key.strip() and any(key in n for n in names):
            return True
    return False


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _dates_overlap(gold: dict[str, Any], event: Event) -> bool:
    gs, ge = _date(gold.get("start")), _date(gold.get("end"))
    rng = event.date.range
    if rng.start is None or rng.end is None:
        return False
    return (ge is None or rng.start <= ge) and (gs is None or gs <= rng.end)


def _place_ok(gold_place: str | None, places: dict[str, dict[str, Any]], event: Event) -> bool:
    if gold_place is None:
        return True
    gp = places.get(gold_place)
    if gp is None or event.location is None:
        return False
    p = event.location.place
    return haversine_km(gp["lat"], gp["lon"], p.lat, p.lon) <= EVENT_KM


def _evidence_overlap(text: str, gold: dict[str, Any], event: Event) -> bool:
    at = text.find(gold["evidence"][:60]) if gold.get("evidence") else -1
    if at < 0:
        return False
    spans = [event.evidence, *event.related_evidence]
    return any(s.start <= at < s.end for s in spans)


def _gold_text(path: Path, gold: dict[str, Any]) -> str:
    rel = gold.get("text_file")
    if gold.get("text"):
        return str(gold["text"])
    for base in (path.parent, path.parent.parent):
        candidate = base / str(rel)
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise ValueError(f"{path}: text_file {rel!r} not found next to the gold file")


def evaluate_article(path: Path, coder: Coder, use_published: bool = True) -> dict[str, Any]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = _gold_text(path, gold)
    published = _date(gold.get("published")) if use_published else None
    report = coder.code(Article(text, source=gold.get("source"), published=published))
    places = {p["mention"]: p for p in gold.get("places", [])}
    if gold.get("dateline"):
        places.setdefault(gold["dateline"]["name"], gold["dateline"])
    rows = []
    matched_ids: set[str] = set()
    for g in gold.get("events", []):
        aliases = [*(g.get("actor1") or []), *(g.get("actor2") or [])]
        hits = [
            e
            for e in report.events
            if e.plover_type == g["plover"]
            and _place_ok(g.get("place"), places, e)
            and _dates_overlap(g.get("date", {}), e)
            and (not aliases or alias_matches(aliases, e))
        ]
        if hits:
            matched_ids.update(e.event_id for e in hits)
        rows.append(
            {
                "id": g["id"],
                "required": bool(g.get("required")),
                "found": bool(hits),
                "plover": g["plover"],
                "evidence": g.get("evidence", "")[:70],
                "ours": [_event_brief(e) for e in hits[:1]],
            }
        )
    # An event of ours that no gold event explains (by type and sentence, or type, place, date).
    extras = []
    for e in report.events:
        if e.event_id in matched_ids:
            continue
        explained = any(
            e.plover_type == g["plover"]
            and (
                _evidence_overlap(text, g, e)
                or (_place_ok(g.get("place"), places, e) and _dates_overlap(g.get("date", {}), e))
            )
            for g in gold.get("events", [])
        )
        if not explained:
            extras.append(_event_brief(e))
    dl = gold.get("dateline")
    in_dateline = []
    if dl:
        in_dateline = [
            _event_brief(e)
            for e in report.events
            if e.location
            and haversine_km(dl["lat"], dl["lon"], e.location.place.lat, e.location.place.lon)
            <= EVENT_KM
        ]
    required = [r for r in rows if r["required"]]
    inferred = None
    window = gold.get("published_inferable")
    if window:
        report2 = coder.code(Article(text, source=gold.get("source")))
        got = report2.article.published
        earliest, latest = _date(window["earliest"]), _date(window["latest"])
        inferred = {
            "date": got.isoformat() if got else None,
            "ok": bool(got and earliest and latest and earliest <= got <= latest),
        }
    return {
        "task": "article",
        "id": gold.get("id"),
        "required_found": sum(r["found"] for r in required),
        "required": len(required),
        "events_found": sum(r["found"] for r in rows),
        "events": len(rows),
        "extra_events": len(extras),
        "extras": extras,
        "events_in_dateline": in_dateline,
        "event_rows": rows,
        "quantities": _score_quantities(text, gold.get("quantities", []), report),
        "places": _score_places(gold.get("places", []), report),
        "dateline_ok": _dateline_ok(dl, report),
        "inferred_published": inferred,
        "our_events": len(report.events),
    }


def _event_brief(e: Event) -> dict[str, Any]:
    rng = e.date.range
    return {
        "plover": e.plover_type,
        "acled": e.sub_event_type,
        "actor1": e.actor1.actor.name if e.actor1 else None,
        "actor2": e.actor2.actor.name if e.actor2 else None,
        "place": e.location.place.name if e.location else None,
        "date": f"{rng.start}..{rng.end}",
        "trigger": e.trigger.text,
        "evidence": e.evidence.text[:80],
    }


_QUALIFIERS = {
    "estimate": "estimate",
    "more than": "more than",
    "at least": "at least",
    "range": "range",
    "about": "about",
    "up to": "up to",
    "exact": "exact",
    "hundreds": "hundreds",
    "dozens": "dozens",
    "thousands": "thousands",
}


def _score_quantities(
    text: str, gold: list[dict[str, Any]], report: ArticleReport
) -> dict[str, Any]:
    rows = []
    for g in gold:
        at = text.find(g["evidence"])
        ok = False
        got = None
        if at >= 0:
            end = at + len(g["evidence"])
            for q in report.mentions.quantities:
                if at <= q.span.start < end:
                    got = {
                        "low": q.low,
                        "best": q.best,
                        "high": q.high,
                        "qualifier": q.qualifier,
                        "text": q.span.text,
                    }
                    ok = (
                        all(g[k] is None or g[k] == getattr(q, k) for k in ("low", "best", "high"))
                        and _QUALIFIERS.get(g["qualifier"], g["qualifier"]) == q.qualifier
                    )
                    break
        rows.append({"what": g["what"], "ok": ok, "got": got})
    return {"correct": sum(r["ok"] for r in rows), "total": len(rows), "rows": rows}


def _place_correct(gold: dict[str, Any], place: Place | None) -> bool:
    if place is None:
        return False
    if gold.get("geonameid") and place.geonameid == gold["geonameid"]:
        return True
    return haversine_km(gold["lat"], gold["lon"], place.lat, place.lon) <= ACC_KM


def _score_places(gold: list[dict[str, Any]], report: ArticleReport) -> dict[str, Any]:
    rows = []
    for g in gold:
        ours = [
            m
            for m in report.mentions.places
            if m.role in ("location", "dateline", "qualifier")
            and fold(m.span.text) == fold(g["mention"])
        ]
        ok = bool(ours) and _place_correct(g, ours[0].place)
        rows.append(
            {
                "mention": g["mention"],
                "ok": ok,
                "got": ours[0].place.name if ours and ours[0].place else None,
            }
        )
    return {"correct": sum(r["ok"] for r in rows), "total": len(rows), "rows": rows}


def _dateline_ok(gold: dict[str, Any] | None, report: ArticleReport) -> bool | None:
    if not gold:
        return None
    dl = report.article.dateline
    return bool(dl and _place_correct(gold, dl.place))


def article_table(s: dict[str, Any]) -> str:
    lines = [
        f"article {s['id']}",
        f"  required events found   {s['required_found']}/{s['required']}",
        f"  all gold events found   {s['events_found']}/{s['events']}",
        f"  events not in the gold  {s['extra_events']} (of {s['our_events']} coded)",
        f"  events in the dateline  {len(s['events_in_dateline'])}",
        f"  quantities right        {s['quantities']['correct']}/{s['quantities']['total']}",
        f"  places right            {s['places']['correct']}/{s['places']['total']}",
        f"  dateline right          {s['dateline_ok']}",
    ]
    if s["inferred_published"]:
        inf = s["inferred_published"]
        lines.append(f"  inferred publication    {inf['date']} ({'ok' if inf['ok'] else 'wrong'})")
    lines.append("  gold events:")
    for r in s["event_rows"]:
        mark = "ok " if r["found"] else "-- "
        lines.append(
            f"    {mark}{r['id']:4} {'req' if r['required'] else '   '} "
            f"{r['plover']:8} {r['evidence']}"
        )
    for x in s["extras"]:
        lines.append(f"    extra: {x['plover']} {x['trigger']!r} at {x['place']} {x['date']}")
    for r in s["quantities"]["rows"]:
        if not r["ok"]:
            lines.append(f"    quantity wrong: {r['what']}: {r['got']}")
    for r in s["places"]["rows"]:
        if not r["ok"]:
            lines.append(f"    place wrong: {r['mention']}: {r['got']}")
    return "\n".join(lines)


# -- GeoWebNews format ------------------------------------------------------------------------


def evaluate_gwn(records: list[dict[str, Any]], coder: Coder) -> dict[str, Any]:
    tp = fp = fn = 0
    tp_overlap = 0
    errors: list[float] = []
    worst: list[dict[str, Any]] = []
    skipped = 0
    for rec in records:
        text = rec["text"]
        try:
            report = coder.code(Article(text, title=rec.get("title"), url=rec.get("url")))
        except ArticleError:
            skipped += 1
            continue
        context = PlaceContext(coder.index, coder.demonyms, report.mentions.places)
        gold = [t for t in rec["toponyms"] if t.get("is_toponym")]
        ours = [
            m
            for m in report.mentions.places
            if m.role in ("location", "dateline", "demonym", "organisation", "qualifier")
        ]
        gold_spans = {(t["start"], t["end"]) for t in gold}
        our_spans = {(m.span.start, m.span.end) for m in ours}
        tp += len(gold_spans & our_spans)
        fp += len(our_spans - gold_spans)
        fn += len(gold_spans - our_spans)
        tp_overlap += sum(any(s < e2 and s2 < e for s2, e2 in our_spans) for s, e in gold_spans)
        for t in gold:
            if t.get("lat") is None:
                continue
            found = next(
                (m for m in ours if m.span.start < t["end"] and t["start"] < m.span.end), None
            )
            place = found.place if found is not None else context.resolve(t["name"])
            err = haversine_km(t["lat"], t["lon"], place.lat, place.lon) if place else 20038.0
            errors.append(err)
            if err > ACC_KM:
                worst.append(
                    {
                        "id": rec["id"],
                        "name": t["name"],
                        "type": t.get("type"),
                        "error_km": round(err),
                        "got": place.name if place else None,
                        "got_country": place.country if place else None,
                        "recognised": found is not None,
                    }
                )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    worst.sort(key=lambda w: -w["error_km"])
    wrong_place = [w for w in worst if w["got"] is not None]
    return {
        "task": "gwn",
        "articles": len(records) - skipped,
        "skipped": skipped,
        "resolution": {
            "n": len(errors),
            "acc_161km": sum(e <= ACC_KM for e in errors) / len(errors) if errors else 0.0,
            "mean_km": statistics.fmean(errors) if errors else 0.0,
            "median_km": statistics.median(errors) if errors else 0.0,
        },
        "recognition": {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "recall_overlap": tp_overlap / (tp + fn) if tp + fn else 0.0,
        },
        "worst": worst[:20],
        "worst_resolved": wrong_place[:40],
        "unresolved": sum(w["got"] is None for w in worst),
    }


def gwn_table(s: dict[str, Any]) -> str:
    r, g = s["resolution"], s["recognition"]
    lines = [
        f"GeoWebNews-format gold: {s['articles']} articles ({s['skipped']} skipped)",
        f"  resolution on gold spans  n={r['n']}  acc@161km {r['acc_161km']:.3f}  "
        f"mean {r['mean_km']:.0f} km  median {r['median_km']:.1f} km",
        f"  recognition (exact spans) P {g['precision']:.3f}  R {g['recall']:.3f}  "
        f"F1 {g['f1']:.3f}  (recall, overlapping spans {g['recall_overlap']:.3f})",
        "  worst resolutions:",
    ]
    for w in s["worst"]:
        lines.append(
            f"    {w['error_km']:>6} km  {w['name']!r:24} -> {w['got']} ({w['got_country']})"
            f"  [{w['type']}{'' if w['recognised'] else ', not recognised'}]"
        )
    return "\n".join(lines)
