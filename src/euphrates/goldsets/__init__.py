"""Evaluators for public gold sets and for this project's ACLED-style notes.

Each format is one module with an `evaluate_*` function (records and a `Coder` in, a
JSON-ready dict of scores out) and a `*_table` function that prints it:

| task | module | detected by the fields |
|---|---|---|
| hrdsattack | `hrdsattack.py` | `event_types`, `date_parts` |
| muc4 | `muc4.py` | `relevant` and `events` (or `text_upper`) |
| plover_gsr | `plover_gsr.py` | `event_type` and `source_actors` |
| wikievents | `wikievents.py` | `events` whose items have a `trigger` and `arguments` |
| acled | `acled.py` | `notes` and `sub_event_type` (JSONL, or CSV with ACLED's columns) |

`euphrates.evaluate` detects a file's format and calls `evaluate_set`.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from euphrates.coder import Coder
from euphrates.goldsets.acled import acled_table, evaluate_acled, read_acled
from euphrates.goldsets.common import Record, read_jsonl
from euphrates.goldsets.hrdsattack import evaluate_hrdsattack, hrdsattack_table
from euphrates.goldsets.muc4 import evaluate_muc4, muc4_table
from euphrates.goldsets.plover_gsr import evaluate_plover_gsr, plover_gsr_table
from euphrates.goldsets.wikievents import evaluate_wikievents, wikievents_table

TASKS = ("hrdsattack", "muc4", "plover_gsr", "wikievents", "acled")


def detect_record(first: Record) -> str | None:
    """The task of a JSONL file from the fields of its first record, or None."""
    if "notes" in first and "sub_event_type" in first:
        return "acled"
    if "event_types" in first and "date_parts" in first:
        return "hrdsattack"
    if "source_actors" in first and "event_type" in first:
        return "plover_gsr"
    events = first.get("events")
    if "text_upper" in first or ("relevant" in first and isinstance(events, list)):
        return "muc4"
    if isinstance(events, list) and any(
        isinstance(e, dict) and "trigger" in e and "arguments" in e for e in events
    ):
        return "wikievents"
    return None


def detect_csv(path: Path) -> str:
    with path.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f), [])
    if {"notes", "sub_event_type"} <= set(header):
        return "acled"
    raise ValueError(
        f"{path}: unknown CSV gold format (columns: {', '.join(header)[:120]}); "
        "ACLED-style notes need the columns notes, event_date and sub_event_type"
    )


def evaluate_set(
    task: str, path: Path, coder: Coder, use_published: bool = True, limit: int | None = None
) -> tuple[dict[str, Any], str]:
    """Score the coder on a gold file of one of `TASKS`: the scores and their table."""
    if task == "acled":
        scores = evaluate_acled(read_acled(path, limit), coder, use_published)
        return scores, acled_table(scores)
    records = read_jsonl(path, limit)
    if task == "hrdsattack":
        scores = evaluate_hrdsattack(records, coder, use_published)
        return scores, hrdsattack_table(scores)
    if task == "muc4":
        scores = evaluate_muc4(records, coder, use_published)
        return scores, muc4_table(scores)
    if task == "plover_gsr":
        scores = evaluate_plover_gsr(records, coder)
        return scores, plover_gsr_table(scores)
    if task == "wikievents":
        scores = evaluate_wikievents(records, coder)
        return scores, wikievents_table(scores)
    raise ValueError(f"unknown gold task {task!r}; choose one of {', '.join(TASKS)}")
