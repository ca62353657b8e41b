"""MUC-3/4: Latin-American terrorism newswire with one template per incident.

Each record is one dispatch (`text`, `relevant`) with its templates (`events`): incident type
(ATTACK, BOMBING, KIDNAPPING, ARSON, ROBBERY, FORCED WORK STOPPAGE), date, location,
perpetrators, human and physical targets, fatalities; `optional` templates may be left out.
The dispatch header gives the publication date ("SAN SALVADOR, 3 JAN 90 --"); it is given
to the coder unless `--no-published`.

Our events give MUC types so (`muc_type`): KIDNAPPING <- ACLED abduction; BOMBING <- an
explosive device (IED, suicide bomb, grenade); ARSON <- property destruction by fire, ROBBERY
<- looting; ATTACK <- every other event of the ACLED types Battles, Explosions/Remote
violence (shelling, air strikes) and Violence against civilians.  Only events reported as
fact and not background count.  FORCED WORK STOPPAGE has no counterpart.

In each document the gold templates (required ones first) are matched greedily to our
events of their type, each to the unmatched event that agrees on most of date, location,
perpetrator and target (then the earliest).  Matched pairs are scored on:

- date: *exact* when our range is the one gold day; *within range* when our range overlaps
  the gold's ("- 08 JAN 90" is any day up to 8 January, "08 JAN 90 - 09 JAN 90" those two);
- location: the gold name is our place's name (or one of the gazetteer's names for it), or
  the gazetteer resolves it, in the article's context, to a place within 25 km of ours; a
  gold location that is only a country matches our place's country;
- perpetrator / target: a gold string (individual or organisation; human or physical target)
  shares a word with our actor1 / actor2 (its text or its canonical name);
- fatalities: ACLED's figure of our count (0 when none) equals the gold number.

Irrelevant documents (`relevant` false) are right when we code no violent event in them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from euphrates.coder import Coder
from euphrates.extract.places import PlaceContext
from euphrates.formats import acled_fatalities
from euphrates.gazetteer.index import GeoNamesIndex
from euphrates.gazetteer.normalize import fold, name_key
from euphrates.goldsets.common import (
    Record,
    acc_cell,
    code_all,
    country_iso,
    event_point,
    factual,
    in_text_order,
    is_unknown,
    per_type_lines,
    prf,
    prf_cell,
    ratio,
    same_place_name,
    within_km,
    words_overlap,
)
from euphrates.records import Article, Event

MUC_TYPES = ("ATTACK", "BOMBING", "KIDNAPPING", "ARSON", "ROBBERY", "FORCED WORK STOPPAGE")
BOMBING_SUBTYPES = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})
ATTACK_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
FIRE_WORDS = ("torch", "burn", "arson", "fire", "blaze", "set ablaze")
ROBBERY_WORDS = ("loot", "rob", "steal", "stole", "plunder", "pillag")
_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
_DAY = re.compile(r"(?i)\b(?:(\d{1,2})\s+)?([a-z]{3})[a-z]*\.?\s+(\d{2}|\d{4})\b")
_HEADER = re.compile(r"(?i)^[^\n]{0,60}?,\s*(\d{1,2}\s+[a-z]{3}[a-z]*\.?\s+(?:\d{2}|\d{4}))\b")

DateRange = tuple[dt.date | None, dt.date | None]


def muc_type(event: Event) -> str | None:
    """The MUC incident type of one of our events (None for events MUC does not template)."""
    sub, kind = event.sub_event_type, event.event_type
    trigger = fold(event.trigger.text)
    if sub == "Abduction/forced disappearance":
        return "KIDNAPPING"
    if sub in BOMBING_SUBTYPES:
        return "BOMBING"
    if sub == "Looting/property destruction":
        if any(w in trigger for w in FIRE_WORDS):
            return "ARSON"
        return "ROBBERY" if any(trigger.startswith(w) for w in ROBBERY_WORDS) else None
    if kind in ATTACK_TYPES:
        return "ATTACK"
    return None


def counted(event: Event) -> bool:
    return muc_type(event) is not None and not event.background and factual(event)


def _year(text: str) -> int:
    year = int(text)
    return year + 1900 if year < 100 else year


def _day_range(text: str) -> DateRange | None:
    """'30 DEC 89' -> that day; 'DEC 89' -> that month."""
    m = _DAY.search(text)
    if m is None or m.group(2).upper() not in _MONTHS:
        return None
    year, month = _year(m.group(3)), _MONTHS[m.group(2).upper()]
    try:
        if m.group(1):
            day = dt.date(year, month, int(m.group(1)))
            return day, day
        first = dt.date(year, month, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return first, last
    except ValueError:
        return None


def published_from_header(text: str) -> dt.date | None:
    """The dispatch date of a MUC header: 'SAN SALVADOR, 3 JAN 90 -- ...'."""
    m = _HEADER.search(text[:200])
    found = _day_range(m.group(1)) if m else None
    return found[0] if found else None


def gold_range(template: Record) -> DateRange | None:
    """The gold date as a range: '30 DEC 89', '- 08 JAN 90' (up to), '08 JAN 90 - 09 JAN 90'."""
    raw = str(template.get("event_date_raw") or "")
    if "-" in raw:
        left, _, right = raw.partition("-")
        lo, hi = _day_range(left), _day_range(right)
        if lo is not None or hi is not None:
            return (lo[0] if lo else None, hi[1] if hi else None)
    elif raw:
        found = _day_range(raw)
        if found is not None:
            return found
    days = sorted(
        dt.date.fromisoformat(d)
        for d in [*(template.get("event_date_candidates") or []), template.get("event_date")]
        if d
    )
    return (days[0], days[-1]) if days else None


def date_exact(template: Record, event: Event) -> bool | None:
    gold = template.get("event_date")
    if not gold:
        return None
    rng = event.date.range
    return rng.start is not None and rng.start == rng.end == dt.date.fromisoformat(gold)


def date_within(template: Record, event: Event) -> bool | None:
    gold = gold_range(template)
    if gold is None:
        return None
    start, end = event.date.range.start, event.date.range.end
    if start is None or end is None:
        return False
    return (gold[0] is None or gold[0] <= end) and (gold[1] is None or start <= gold[1])


def location_ok(
    template: Record, event: Event, index: GeoNamesIndex, context: PlaceContext
) -> bool | None:
    gold, country = template.get("location"), template.get("country")
    if is_unknown(gold):
        return None
    point = event_point(event)
    if event.location is None or point is None:
        return False
    place = event.location.place
    if not is_unknown(country) and name_key(str(gold)) == name_key(str(country)):
        iso = country_iso(index, str(country))
        return iso is not None and place.country == iso
    if same_place_name(str(gold), place, index):
        return True
    # Resolved in the article's context, but only to a place of that name: PlaceContext
    # falls back to the article's focus for names it does not know.
    known = {m.place.place_id for m in index.lookup(str(gold))}
    resolved = context.resolve(str(gold)) if known else None
    return (
        resolved is not None
        and resolved.place_id in known
        and within_km((resolved.lat, resolved.lon), point)
    )


def _strings(slots: Any) -> list[str]:
    """Slot fillers: lists of alternative strings ([["FMLN", "FARABUNDO ..."]]) flattened."""
    out: list[str] = []
    for item in slots or []:
        out += [str(s) for s in item] if isinstance(item, list) else [str(item)]
    return out


def _actor_ok(gold: list[str], event: Event, which: int) -> bool | None:
    if not gold:
        return None
    ea = event.actor1 if which == 1 else event.actor2
    return ea is not None and words_overlap(gold, [ea.span.text, ea.actor.name])


def perpetrator_ok(template: Record, event: Event) -> bool | None:
    gold = _strings(template.get("perp_individual")) + _strings(template.get("perp_organization"))
    return _actor_ok(gold, event, 1)


def target_ok(template: Record, event: Event) -> bool | None:
    gold = _strings(template.get("hum_target")) + _strings(template.get("phys_target"))
    return _actor_ok(gold, event, 2)


def gold_types(template: Record) -> set[str]:
    """'BOMBING / ATTACK' allows either."""
    return {t.strip() for t in str(template["event_type"]).split("/") if t.strip()}


def evaluate_muc4(
    records: Sequence[Record], coder: Coder, use_published: bool = True
) -> dict[str, Any]:
    articles = [
        Article(
            str(r["text"]),
            published=published_from_header(str(r["text"])) if use_published else None,
        )
        for r in records
    ]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    slots = ("date_exact", "date_within", "location", "perpetrator", "target", "fatalities")
    tallies = {k: [0, 0] for k in slots}
    irrelevant = [0, 0]
    relevant_found = [0, 0]
    skipped = 0
    rows: list[dict[str, Any]] = []
    for rec, report in zip(records, code_all(coder, articles), strict=True):
        if report is None:
            skipped += 1
            continue
        ours = [e for e in in_text_order(report.events) if counted(e)]
        if not rec.get("relevant", bool(rec["events"])):
            irrelevant[0] += not ours
            irrelevant[1] += 1
        else:
            relevant_found[0] += bool(ours)
            relevant_found[1] += 1
        context = PlaceContext(coder.index, coder.demonyms, report.mentions.places)
        templates = sorted(rec["events"], key=lambda t: bool(t.get("optional")))
        free = list(ours)
        matched = 0
        for t in templates:
            types = gold_types(t)
            candidates = [e for e in free if muc_type(e) in types]
            if not candidates:
                if not t.get("optional"):
                    fn[sorted(types)[0]] += 1
                continue

            def checks(
                e: Event, t: Record = t, context: PlaceContext = context
            ) -> dict[str, bool | None]:
                return {
                    "date_within": date_within(t, e),
                    "location": location_ok(t, e, coder.index, context),
                    "perpetrator": perpetrator_ok(t, e),
                    "target": target_ok(t, e),
                }

            scored = [(sum(bool(v) for v in checks(e).values()), e) for e in candidates]
            best = max(scored, key=lambda s: (s[0], -s[1].trigger.start))[1]
            free.remove(best)
            matched += 1
            tp[muc_type(best) or ""] += 1
            result = checks(best) | {"date_exact": date_exact(t, best)}
            if t.get("fatalities") is not None:
                result["fatalities"] = acled_fatalities(best.fatalities) == int(t["fatalities"])
            for key, ok in result.items():
                if ok is not None:
                    tallies[key][0] += ok
                    tallies[key][1] += 1
        for e in free:
            fp[muc_type(e) or ""] += 1
        rows.append(
            {"id": rec.get("id"), "gold": len(templates), "ours": len(ours), "matched": matched}
        )
    per_type = {t: prf(tp[t], fp[t], fn[t]) for t in MUC_TYPES}
    return {
        "task": "muc4",
        "documents": len(records) - skipped,
        "skipped": skipped,
        "incident_type": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "per_type": per_type,
        "matched": {k: ratio(*tallies[k]) for k in slots},
        "irrelevant_without_events": ratio(*irrelevant),
        "relevant_with_events": ratio(*relevant_found),
        "rows": rows,
    }


def muc4_table(s: dict[str, Any]) -> str:
    m = s["matched"]
    lines = [
        f"MUC-4-format gold: {s['documents']} documents ({s['skipped']} skipped)",
        f"  incident type (templates matched by type)  {prf_cell(s['incident_type'])}",
    ]
    lines += per_type_lines(s["per_type"], 21)
    lines += [
        "  matched templates:",
        f"    date exact         {acc_cell(m['date_exact'])}",
        f"    date within range  {acc_cell(m['date_within'])}",
        f"    location           {acc_cell(m['location'])}",
        f"    perpetrator        {acc_cell(m['perpetrator'])}",
        f"    target             {acc_cell(m['target'])}",
        f"    fatalities exact   {acc_cell(m['fatalities'])}",
        "  irrelevant documents without violent events  "
        + acc_cell(s["irrelevant_without_events"]),
        f"  relevant documents with violent events       {acc_cell(s['relevant_with_events'])}",
    ]
    return "\n".join(lines)
