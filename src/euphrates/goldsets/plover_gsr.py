"""PLOVER gold-standard records: one sentence each, with its PLOVER type, mode and actors.

Each sentence is coded alone (no publication date: dates are not scored).  The *main event*
is our first event in the text; a sentence without events is predicted "none".

- type accuracy: the main event's PLOVER type is the gold `event_type`; also the share of
  sentences where *any* of our events has it, and a confusion matrix gold x ours;
- mode accuracy, where the gold `event_mode` is not empty: the main event's mode is the gold
  mode, or one of its spellings in the PLOVER gold (`MODE_SPELLINGS`: "demo-org" for our
  "demonstrate", "strike-hun" for "hunger strike" ...);
- actors: the main event's actor1 (actor2) text and a gold source (target) `actorText` are
  substrings of one another, case-insensitively; scored where the gold lists such actors.

The gold uses PLOVER 2's names; the coder uses the PLOVER names the project specifies
(REQUEST, ACCUSE, and ASSAULT for all organised violence). PLOVER 2 renamed REQUEST to
DEMAND and ACCUSE to DISAPPROVE, and split FIGHT (between armed forces) from ASSAULT, so the
type is scored twice: strictly, and with those three gold names read as ours
(`PLOVER1_NAMES`). The confusion matrix keeps the gold's own names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from euphrates.coder import Coder
from euphrates.goldsets.common import (
    Record,
    acc_cell,
    code_all,
    confusion,
    confusion_table,
    in_text_order,
    ratio,
)
from euphrates.records import Article, Event, EventActor

# Our mode -> the spellings of the PLOVER gold that mean the same.
MODE_SPELLINGS: dict[str, frozenset[str]] = {
    "demonstrate": frozenset({"demo-org", "demo-spon", "demonstrate"}),
    "riot": frozenset({"riot", "riot-spon", "riot-org"}),
    "hunger strike": frozenset({"strike-hun"}),
    "suicide": frozenset({"suicide-attack"}),
    "beat": frozenset({"beat", "torture"}),
    "arrest": frozenset({"arrest", "detain"}),
    "aerial": frozenset({"aerial", "air"}),
}


# PLOVER 2 gold name -> the PLOVER 1 name the coder uses for the same category.
PLOVER1_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}


def mode_ok(gold: str, ours: str | None) -> bool:
    if ours is None:
        return False
    return gold == ours or gold in MODE_SPELLINGS.get(ours, frozenset())


def actor_ok(gold: Sequence[Record], ours: EventActor | None) -> bool:
    if ours is None:
        return False
    text = ours.span.text.lower().strip()
    for g in gold:
        name = str(g.get("actorText") or "").lower().strip()
        if name and text and (name in text or text in name):
            return True
    return False


def main_event(events: Sequence[Event]) -> Event | None:
    ordered = in_text_order(events)
    return ordered[0] if ordered else None


def evaluate_plover_gsr(records: Sequence[Record], coder: Coder) -> dict[str, Any]:
    articles = [Article(str(r["text"])) for r in records]
    tallies = {k: [0, 0] for k in ("type", "strict", "any_type", "mode", "source", "target")}
    pairs: list[tuple[str, str]] = []
    by_type: dict[str, Counter[str]] = {}
    skipped = 0
    for rec, report in zip(records, code_all(coder, articles), strict=True):
        if report is None:
            skipped += 1
            continue
        gold = str(rec["event_type"])
        main = main_event(report.events)
        ours = main.plover_type if main is not None else "none"
        pairs.append((gold, ours))
        counts = by_type.setdefault(gold, Counter())
        counts["n"] += 1

        def score(key: str, ok: bool, counts: Counter[str] = counts) -> None:
            tallies[key][0] += ok
            tallies[key][1] += 1
            counts[key] += ok

        named = PLOVER1_NAMES.get(gold, gold)
        score("type", ours == named)
        score("strict", ours == gold)
        score("any_type", any(e.plover_type == named for e in report.events))
        if rec.get("event_mode"):
            score("mode", main is not None and mode_ok(str(rec["event_mode"]), main.plover_mode))
        if rec.get("source_actors"):
            score("source", main is not None and actor_ok(rec["source_actors"], main.actor1))
        if rec.get("target_actors"):
            score("target", main is not None and actor_ok(rec["target_actors"], main.actor2))
    return {
        "task": "plover_gsr",
        "sentences": len(records) - skipped,
        "skipped": skipped,
        "type_accuracy": ratio(*tallies["type"]),
        "type_accuracy_strict": ratio(*tallies["strict"]),
        "any_event_type": ratio(*tallies["any_type"]),
        "mode_accuracy": ratio(*tallies["mode"]),
        "source_actor": ratio(*tallies["source"]),
        "target_actor": ratio(*tallies["target"]),
        "per_type": {
            t: {"n": c["n"], "type": c["type"], "any_type": c["any_type"]}
            for t, c in sorted(by_type.items())
        },
        "confusion": confusion(pairs),
    }


def plover_gsr_table(s: dict[str, Any]) -> str:
    lines = [
        f"PLOVER-GSR-format gold: {s['sentences']} sentences ({s['skipped']} skipped)",
        f"  type of the first event     {acc_cell(s['type_accuracy'])}",
        f"    same, PLOVER 2 names      {acc_cell(s['type_accuracy_strict'])}",
        f"  type of any event           {acc_cell(s['any_event_type'])}",
        f"  mode (gold mode given)      {acc_cell(s['mode_accuracy'])}",
        f"  source actor (our actor1)   {acc_cell(s['source_actor'])}",
        f"  target actor (our actor2)   {acc_cell(s['target_actor'])}",
        "  per gold type: first event right / any event right / n",
    ]
    for t, c in s["per_type"].items():
        lines.append(f"    {t:12} {c['type']:>4} {c['any_type']:>4} {c['n']:>5}")
    lines.append("  confusion (rows gold, columns our first event):")
    labels = {t for row in s["confusion"].values() for t in row} | set(s["confusion"])
    lines += confusion_table(s["confusion"], {t: t[:6] for t in labels})
    return "\n".join(lines)
