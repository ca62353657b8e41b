"""HRDsAttack: news articles about attacks on human-rights defenders.

Each record is one article (`text`, `title`, `publish_date`) with the types of the attack
(`event_types`, several at once), its date (`date_parts`: year, month, day, any may be
null), its `city` / `admin1` / `country` and the `perpetrator_type`.  Each article is coded
with its publication date (unless `--no-published`).

Our events give HRDsAttack types so (`hrd_types`):

- killing: an event with a fatality count above zero, or an ASSAULT whose trigger kills
  ("killed", "murdered", "executed" ...);
- kidnapping / enforced disappearance: ACLED "Abduction/forced disappearance"; enforced
  disappearance when state forces or the government are the perpetrator or the trigger says
  "disappeared", kidnapping otherwise;
- arbitrary detention: ACLED "Arrests", or PLOVER COERCE with mode arrest;
- torture: PLOVER mode "beat", or a trigger that says torture.

"other" and "unknown" are not scored: nothing of ours maps to them.  The article's type set
is the union over its events reported as fact (asserted, reported or claimed), background
events included, since the attack an article is about may lie years back.

The *main event*, whose date, place and perpetrator are scored, is one of the events with an
ACLED sub-type, ranked: not background; its HRDsAttack type among the gold types (the
article's attack, as a template is matched by type in MUC); any HRDsAttack type; reported as
fact; earliest in the text.  An article without such an event has no main event, and its
date, place and perpetrator count as wrong.

Dates: a part is right when our date range fixes it (start and end agree) and it equals the
gold part.  Places: the country is right when the gold name's ISO code (via the gazetteer)
is our place's country, or the names match; the city when its name, or one of the
gazetteer's names for our place, is the gold city.  Perpetrators: our actor1's kind is
mapped by `PERPETRATOR_TYPES`; no actor1 is "insufficient info".
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Sequence
from typing import Any

from euphrates.coder import Coder
from euphrates.gazetteer.normalize import fold, name_key
from euphrates.goldsets.common import (
    Record,
    acc_cell,
    code_all,
    country_iso,
    deadly,
    factual,
    is_unknown,
    per_type_lines,
    prf,
    prf_cell,
    ratio,
    same_place_name,
)
from euphrates.records import Article, ArticleReport, Event

SCORED_TYPES = ("killing", "kidnapping", "enforced disappearance", "arbitrary detention", "torture")
PERPETRATOR_TYPES: dict[str, str] = {
    "state forces": "state actor",
    "government": "state actor",
    "external force": "other state actors",
    "igo": "regional orgs",
    "rebel group": "other actors without permissions",
    "political militia": "other actors without permissions",
    "identity militia": "other actors without permissions",
    "rioters": "other non-state actors",
    "protesters": "other non-state actors",
    "civilians": "other non-state actors",
    "person": "other non-state actors",
    "other": "other non-state actors",
}
NO_PERPETRATOR = "insufficient info"
STATE_TYPES = frozenset({"state actor", "other state actors"})
STATE_KINDS = frozenset({"state forces", "government"})
MONTHS = (
    "january february march april may june july august september october november december"
).split()


def hrd_types(event: Event) -> set[str]:
    """The HRDsAttack types an event of ours stands for (none for most events)."""
    out: set[str] = set()
    trigger = fold(event.trigger.text)
    if deadly(event):
        out.add("killing")
    if event.sub_event_type == "Abduction/forced disappearance":
        state = event.actor1 is not None and event.actor1.actor.kind in STATE_KINDS
        disappeared = "disappear" in trigger
        out.add("enforced disappearance" if state or disappeared else "kidnapping")
    if event.sub_event_type == "Arrests" or (
        event.plover_type == "COERCE" and event.plover_mode == "arrest"
    ):
        out.add("arbitrary detention")
    if event.plover_mode == "beat" or "tortur" in trigger:
        out.add("torture")
    return out


def article_types(report: ArticleReport) -> set[str]:
    out: set[str] = set()
    for e in report.events:
        if factual(e):
            out |= hrd_types(e)
    return out


def main_event(report: ArticleReport, gold_types: set[str]) -> Event | None:
    """The event whose date, place and perpetrator are scored (see the module docstring)."""
    typed = [e for e in report.events if e.sub_event_type]
    if not typed:
        return None

    def rank(e: Event) -> tuple[bool, bool, bool, bool, int]:
        types = hrd_types(e)
        return (e.background, not types & gold_types, not types, not factual(e), e.trigger.start)

    return min(typed, key=rank)


def perpetrator_type(event: Event | None) -> str:
    if event is None or event.actor1 is None:
        return NO_PERPETRATOR
    return PERPETRATOR_TYPES.get(event.actor1.actor.kind, "other non-state actors")


def _number(value: Any) -> int | None:
    if is_unknown(value):
        return None
    try:
        return int(float(str(value)))
    except ValueError:
        return None


def _month(value: Any) -> int | None:
    if is_unknown(value):
        return None
    number = _number(value)
    if number is not None:
        return number if 1 <= number <= 12 else None
    name = fold(str(value))
    for i, month in enumerate(MONTHS, 1):
        if len(name) >= 3 and month.startswith(name[:4]):
            return i
    close = difflib.get_close_matches(name, MONTHS, n=1, cutoff=0.7)  # "Ocober"
    return MONTHS.index(close[0]) + 1 if close else None


def gold_date_parts(parts: dict[str, Any] | None) -> dict[str, int | None]:
    """`date_parts` as numbers: years like "2019.0", months like "08", "November", "Ocober"."""
    parts = parts or {}
    return {
        "year": _number(parts.get("year")),
        "month": _month(parts.get("month")),
        "day": _number(parts.get("date")),
    }


def our_date_parts(event: Event | None) -> dict[str, int | None]:
    """The parts our date range fixes: a part is known when the range's ends agree on it."""
    if event is None:
        return {"year": None, "month": None, "day": None}
    start, end = event.date.range.start, event.date.range.end
    if start is None or end is None:
        return {"year": None, "month": None, "day": None}
    return {
        "year": start.year if start.year == end.year else None,
        "month": start.month if (start.year, start.month) == (end.year, end.month) else None,
        "day": start.day if start == end else None,
    }


def _published(value: Any) -> dt.date | None:
    if is_unknown(value):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def evaluate_hrdsattack(
    records: Sequence[Record], coder: Coder, use_published: bool = True
) -> dict[str, Any]:
    articles = [
        Article(
            str(r["text"]),
            title=r.get("title"),
            published=_published(r.get("publish_date")) if use_published else None,
        )
        for r in records
    ]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    tallies: dict[str, list[int]] = {
        k: [0, 0] for k in ("year", "month", "day", "country", "city", "perpetrator", "state")
    }
    perp_pairs: Counter[tuple[str, str]] = Counter()
    skipped = no_main = 0
    rows: list[dict[str, Any]] = []
    for rec, report in zip(records, code_all(coder, articles), strict=True):
        if report is None:
            skipped += 1
            continue
        gold = {str(t) for t in rec["event_types"]} & set(SCORED_TYPES)
        ours = article_types(report)
        for t in SCORED_TYPES:
            tp[t] += t in gold and t in ours
            fp[t] += t not in gold and t in ours
            fn[t] += t in gold and t not in ours
        main = main_event(report, gold)
        no_main += main is None
        row: dict[str, Any] = {"id": rec.get("id"), "gold": sorted(gold), "ours": sorted(ours)}

        def score(key: str, ok: bool, row: dict[str, Any] = row) -> None:
            tallies[key][0] += ok
            tallies[key][1] += 1
            row[key] = ok

        g_parts, o_parts = gold_date_parts(rec.get("date_parts")), our_date_parts(main)
        for part in ("year", "month", "day"):
            if g_parts[part] is not None:
                score(part, o_parts[part] == g_parts[part])
        place = main.location.place if main is not None and main.location is not None else None
        if not is_unknown(rec.get("country")):
            gold_country = str(rec["country"])
            iso = country_iso(coder.index, gold_country, coder.demonyms)
            ours_iso = place.country if place is not None else None
            named = coder.index.country(ours_iso) if ours_iso else None
            score(
                "country",
                ours_iso is not None
                and (
                    iso == ours_iso
                    or (named is not None and name_key(named.name) == name_key(gold_country))
                ),
            )
        if not is_unknown(rec.get("city")):
            score(
                "city", place is not None and same_place_name(str(rec["city"]), place, coder.index)
            )
        if not is_unknown(rec.get("perpetrator_type")):
            gold_perp, our_perp = str(rec["perpetrator_type"]), perpetrator_type(main)
            perp_pairs[(gold_perp, our_perp)] += 1
            score("perpetrator", gold_perp == our_perp)
            if gold_perp != NO_PERPETRATOR:
                score("state", (gold_perp in STATE_TYPES) == (our_perp in STATE_TYPES))
        rows.append(row)
    per_type = {t: prf(tp[t], fp[t], fn[t]) for t in SCORED_TYPES}
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    macro_types = [t for t in SCORED_TYPES if tp[t] + fn[t]]
    macro = {
        k: sum(per_type[t][k] for t in macro_types) / len(macro_types) if macro_types else 0.0
        for k in ("precision", "recall", "f1")
    }
    return {
        "task": "hrdsattack",
        "articles": len(records) - skipped,
        "skipped": skipped,
        "no_main_event": no_main,
        "types": {"micro": micro, "macro": macro, "per_type": per_type},
        "date": {k: ratio(*tallies[k]) for k in ("year", "month", "day")},
        "country": ratio(*tallies["country"]),
        "city": ratio(*tallies["city"]),
        "perpetrator": ratio(*tallies["perpetrator"]),
        "perpetrator_state_or_not": ratio(*tallies["state"]),
        "perpetrator_mapping": PERPETRATOR_TYPES | {"(no actor1)": NO_PERPETRATOR},
        "perpetrator_confusion": [
            {"gold": g, "ours": o, "n": n} for (g, o), n in perp_pairs.most_common()
        ],
        "rows": rows,
    }


def hrdsattack_table(s: dict[str, Any]) -> str:
    t = s["types"]
    lines = [
        f"HRDsAttack-format gold: {s['articles']} articles ({s['skipped']} skipped, "
        f"{s['no_main_event']} without an ACLED-typed event)",
        f"  attack types (multi-label)  micro {prf_cell(t['micro'])}",
        f"                              macro {prf_cell(t['macro'])}",
    ]
    lines += per_type_lines(t["per_type"], 24)
    lines += [
        "  main event:",
        f"    year        {acc_cell(s['date']['year'])}",
        f"    month       {acc_cell(s['date']['month'])}",
        f"    day         {acc_cell(s['date']['day'])}",
        f"    country     {acc_cell(s['country'])}",
        f"    city        {acc_cell(s['city'])}",
        f"    perpetrator {acc_cell(s['perpetrator'])}; state or not "
        f"{acc_cell(s['perpetrator_state_or_not'])}",
        "  perpetrator mapping (our actor1 kind -> HRDsAttack type):",
    ]
    by_type: dict[str, list[str]] = {}
    for kind, ptype in s["perpetrator_mapping"].items():
        by_type.setdefault(ptype, []).append(kind)
    for ptype, kinds in by_type.items():
        lines.append(f"    {ptype:34} <- {', '.join(kinds)}")
    lines.append("  perpetrator confusion (gold -> ours: n):")
    for c in s["perpetrator_confusion"][:12]:
        lines.append(f"    {c['gold']:34} -> {c['ours']:34} {c['n']}")
    return "\n".join(lines)
