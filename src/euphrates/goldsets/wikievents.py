"""WikiEvents: documents with KAIROS event triggers and argument spans.

Each record is one document (`text`) with its events: a KAIROS `event_type`, a `trigger`
span and `arguments` (role and span).  Documents are coded without a publication date.

KAIROS types that we code (`KAIROS_TYPES`, the longest matching prefix wins):

| KAIROS | ours |
|---|---|
| Conflict.Attack.* | ASSAULT |
| Life.Die.* | ASSAULT that reports deaths (a fatality count or a killing trigger) |
| Life.Injure.* | ASSAULT |
| Justice.ArrestJailDetain.* | COERCE, mode arrest (or ACLED Arrests) |
| Movement.Transportation.Evacuation | AID (evacuation) |
| Conflict.Demonstrate.* | PROTEST |
| Contact.ThreatenCoerce.* | THREATEN |
| Contact.Contact.Meet | CONSULT |
| ArtifactExistence.DamageDestroyDisableDismantle.Damage, .Destroy | Looting/property destruction |

Other gold events (speech, trials, transactions ...) are left out of every figure; our
events that no KAIROS type above accepts are left out too.

- trigger identification: a gold trigger is found when one of our events' trigger spans
  overlaps it; one of our triggers is right when it overlaps a gold trigger;
- trigger classification: the same, and the gold type accepts our event; also the share of
  gold triggers that fall inside the evidence of an event that their type accepts (we merge
  "killed in an explosion" into one event with one trigger);
- arguments, on classified pairs: Attacker / Killer / Injurer / Jailer / Demonstrator ->
  our actor1's span, Victim / Target / Detainee -> actor2's span, Place -> the span of the
  event's location mention; right when the spans overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from euphrates.coder import Coder
from euphrates.goldsets.common import (
    Record,
    code_all,
    deadly,
    overlaps,
    prf2,
    prf_cell,
)
from euphrates.records import Article, Event


@dataclass(frozen=True)
class OurType:
    """What a KAIROS type is in our coding: a PLOVER type, maybe a mode, sub-type or deaths."""

    label: str
    plover: str
    mode: str | None = None
    sub_event_type: str | None = None
    deaths: bool = False

    def accepts(self, event: Event) -> bool:
        if event.plover_type != self.plover:
            return False
        if self.deaths and not deadly(event):
            return False
        # A mode and a sub-type, when both are given, are alternatives ("arrest" or Arrests).
        wanted = []
        if self.mode is not None:
            wanted.append(event.plover_mode == self.mode)
        if self.sub_event_type is not None:
            wanted.append(event.sub_event_type == self.sub_event_type)
        return not wanted or any(wanted)


ASSAULT = OurType("ASSAULT", "ASSAULT")
KAIROS_TYPES: dict[str, OurType] = {
    "Conflict.Attack": ASSAULT,
    "Life.Die": OurType("ASSAULT with deaths", "ASSAULT", deaths=True),
    "Life.Injure": ASSAULT,
    "Justice.ArrestJailDetain": OurType("COERCE arrest", "COERCE", "arrest", "Arrests"),
    "Movement.Transportation.Evacuation": OurType("AID evacuation", "AID"),
    "Conflict.Demonstrate": OurType("PROTEST", "PROTEST"),
    "Contact.ThreatenCoerce": OurType("THREATEN", "THREATEN"),
    "Contact.Contact.Meet": OurType("CONSULT", "CONSULT"),
    "ArtifactExistence.DamageDestroyDisableDismantle.Damage": OurType(
        "property destruction", "ASSAULT", sub_event_type="Looting/property destruction"
    ),
    "ArtifactExistence.DamageDestroyDisableDismantle.Destroy": OurType(
        "property destruction", "ASSAULT", sub_event_type="Looting/property destruction"
    ),
}
ROLES: dict[str, str] = {
    "Attacker": "actor1",
    "Killer": "actor1",
    "Injurer": "actor1",
    "Jailer": "actor1",
    "Demonstrator": "actor1",
    "Victim": "actor2",
    "Target": "actor2",
    "Detainee": "actor2",
    "Place": "place",
}


def our_type(kairos: str) -> OurType | None:
    """The coding of a KAIROS type: the entry of its longest prefix in `KAIROS_TYPES`."""
    parts = kairos.split(".")
    for n in range(len(parts), 0, -1):
        found = KAIROS_TYPES.get(".".join(parts[:n]))
        if found is not None:
            return found
    return None


def _arguments(event: Event) -> list[tuple[str, tuple[int, int]]]:
    out = []
    for role, ea in (("actor1", event.actor1), ("actor2", event.actor2)):
        if ea is not None:
            out.append((role, (ea.span.start, ea.span.end)))
    if event.location is not None and event.location.span is not None:
        out.append(("place", (event.location.span.start, event.location.span.end)))
    return out


@dataclass
class _Gold:
    spec: OurType
    trigger: tuple[int, int]
    args: list[tuple[str, tuple[int, int]]]


def _span(item: Record) -> tuple[int, int]:
    return int(item["start"]), int(item["end"])


def evaluate_wikievents(records: Sequence[Record], coder: Coder) -> dict[str, Any]:
    articles = [Article(str(r["text"])) for r in records]
    specs = {id(s): s for s in KAIROS_TYPES.values()}.values()
    n = {
        k: 0
        for k in (
            "gold",
            "pred",
            "gold_id",
            "pred_id",
            "gold_cls",
            "pred_cls",
            "gold_in_evidence",
            "gold_args",
            "pred_args",
            "gold_args_found",
            "pred_args_right",
        )
    }
    by_role = {r: [0, 0, 0, 0] for r in ("actor1", "actor2", "place")}  # gold, found, pred, right
    skipped = 0
    for rec, report in zip(records, code_all(coder, articles), strict=True):
        if report is None:
            skipped += 1
            continue
        gold: list[_Gold] = []
        for g in rec["events"]:
            spec = our_type(str(g["event_type"]))
            if spec is not None:
                args = [(ROLES[a["role"]], _span(a)) for a in g["arguments"] if a["role"] in ROLES]
                gold.append(_Gold(spec, _span(g["trigger"]), args))
        ours = [e for e in report.events if any(s.accepts(e) for s in specs)]
        ours_spans = [(e.trigger.start, e.trigger.end) for e in ours]
        pairs = [
            (g, e)
            for g in gold
            for e, span in zip(ours, ours_spans, strict=True)
            if overlaps(g.trigger, span) and g.spec.accepts(e)
        ]
        n["gold"] += len(gold)
        n["pred"] += len(ours)
        n["gold_id"] += sum(any(overlaps(g.trigger, s) for s in ours_spans) for g in gold)
        n["pred_id"] += sum(any(overlaps(g.trigger, s) for g in gold) for s in ours_spans)
        n["gold_cls"] += sum(any(g is pg for pg, _ in pairs) for g in gold)
        n["pred_cls"] += sum(any(e is pe for _, pe in pairs) for e in ours)
        n["gold_in_evidence"] += sum(
            any(
                g.spec.accepts(e)
                and any(s.start <= g.trigger[0] < s.end for s in [e.evidence, *e.related_evidence])
                for e in ours
            )
            for g in gold
        )
        our_args = {id(e): _arguments(e) for e in ours}
        for g in gold:
            for role, span in g.args:
                found = any(
                    r == role and overlaps(span, s)
                    for pg, e in pairs
                    if pg is g
                    for r, s in our_args[id(e)]
                )
                n["gold_args"] += 1
                n["gold_args_found"] += found
                by_role[role][0] += 1
                by_role[role][1] += found
        for e in ours:
            for role, span in our_args[id(e)]:
                right = any(
                    r == role and overlaps(span, s) for g, pe in pairs if pe is e for r, s in g.args
                )
                n["pred_args"] += 1
                n["pred_args_right"] += right
                by_role[role][2] += 1
                by_role[role][3] += right
    return {
        "task": "wikievents",
        "documents": len(records) - skipped,
        "skipped": skipped,
        "mapping": {k: v.label for k, v in KAIROS_TYPES.items()},
        "trigger_identification": prf2(n["pred_id"], n["pred"], n["gold_id"], n["gold"]),
        "trigger_classification": prf2(n["pred_cls"], n["pred"], n["gold_cls"], n["gold"]),
        "recall_in_evidence": n["gold_in_evidence"] / n["gold"] if n["gold"] else 0.0,
        "arguments": prf2(
            n["pred_args_right"], n["pred_args"], n["gold_args_found"], n["gold_args"]
        ),
        "arguments_by_role": {
            role: prf2(right, pred, found, total)
            for role, (total, found, pred, right) in by_role.items()
        },
    }


def wikievents_table(s: dict[str, Any]) -> str:
    ti, tc = s["trigger_identification"], s["trigger_classification"]
    lines = [
        f"WikiEvents-format gold: {s['documents']} documents ({s['skipped']} skipped); "
        f"{ti['gold']} gold events of mapped types, {ti['predicted']} of ours",
        f"  trigger identification  {prf_cell(ti)}",
        f"  trigger classification  {prf_cell(tc)}",
        f"    recall, gold trigger inside an accepting event's evidence "
        f"{s['recall_in_evidence']:.3f}",
        f"  arguments               {prf_cell(s['arguments'])}",
    ]
    for role, r in s["arguments_by_role"].items():
        lines.append(f"    {role:8} {prf_cell(r)}  (gold {r['gold']}, ours {r['predicted']})")
    lines.append("  KAIROS -> ours:")
    for k, v in s["mapping"].items():
        lines.append(f"    {k:56} {v}")
    return "\n".join(lines)
