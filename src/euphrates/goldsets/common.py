"""What the gold-set evaluators share: reading records, coding them, metrics and table cells."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from euphrates.coder import ArticleError, Coder
from euphrates.extract.resolution import haversine_km
from euphrates.formats import acled_fatalities
from euphrates.gazetteer.index import GeoNamesIndex
from euphrates.gazetteer.normalize import fold, name_key
from euphrates.records import Article, ArticleReport, Event, Place
from euphrates.resources import Demonym

Record = dict[str, Any]

EVENT_KM = 25.0
FACTUAL = frozenset({"asserted", "reported", "claimed"})
# Trigger words (folded prefixes) that report a death, not just an attack.
KILL_WORDS = (
    "kill",
    "murder",
    "assassinat",
    "execut",
    "massacr",
    "slay",
    "slain",
    "behead",
    "lynch",
)
STOPWORDS = frozenset(
    "a an the of and or in on at by for from to with its his her their de del la el los las "
    "y".split()
)


# -- reading and coding -----------------------------------------------------------------------


def read_jsonl(path: Path, limit: int | None = None) -> list[Record]:
    """The records of a JSONL file, the first `limit` of them when given."""
    out: list[Record] = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{n}: not JSON ({err.msg}); one object a line") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{n}: a line holds {type(record).__name__}, not an object")
            out.append(record)
            if limit and len(out) >= limit:
                break
    return out


def code_all(coder: Coder, articles: Sequence[Article]) -> Iterator[ArticleReport | None]:
    """Each article's report in order, None for one the coder refuses (empty, not English)."""
    for result in coder.code_many(articles):
        yield None if isinstance(result, ArticleError) else result


# -- events -----------------------------------------------------------------------------------


def factual(event: Event) -> bool:
    """Reported as having happened (not denied, planned, expected or hypothetical)."""
    return event.modality in FACTUAL


def kill_trigger(event: Event) -> bool:
    trigger = fold(event.trigger.text)
    return any(trigger.startswith(w) for w in KILL_WORDS)


def deadly(event: Event) -> bool:
    """An event that reports deaths: a fatality count above zero or a killing trigger."""
    count = event.fatalities
    if count is not None and max(acled_fatalities(count), count.best or 0) > 0:
        return True
    return event.plover_type == "ASSAULT" and kill_trigger(event)


def event_point(event: Event) -> tuple[float, float] | None:
    """Where the event is: the location's offset point when the text gives one, else its place."""
    if event.location is None:
        return None
    if event.location.point is not None:
        return event.location.point
    return event.location.place.lat, event.location.place.lon


def in_text_order(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.trigger.start, e.evidence.start))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# -- names and places -------------------------------------------------------------------------


def content_words(text: str) -> set[str]:
    """Folded words of a name or phrase, without articles, prepositions and one-letter words."""
    return {w for w in fold(text).split() if len(w) > 1 and w not in STOPWORDS}


def words_overlap(gold: Iterable[str], ours: Iterable[str]) -> bool:
    """Whether any gold string shares a content word with any of our strings."""
    our_words: set[str] = set()
    for text in ours:
        our_words |= content_words(text)
    return any(content_words(g) & our_words for g in gold)


def is_unknown(value: Any) -> bool:
    return value is None or (isinstance(value, str) and fold(value) in ("", "unknown", "none"))


def country_iso(
    index: GeoNamesIndex, name: str, demonyms: dict[str, Demonym] | None = None
) -> str | None:
    """The ISO code of a country name ("USA", "People's Republic of China", "England").

    The gazetteer's country features first, then any first-level region or place of that
    name (England is a region of GB), then a demonym ("Yemeni"); None for names that are no
    place (continents).
    """
    if demonyms is not None:
        dem = demonyms.get(name.strip().lower())
        if dem is not None and dem.country:
            return dem.country
    matches = index.lookup(name)
    for prefixes in (("PCL",), ("ADM1", "TERR"), ("",)):
        for m in matches:
            if m.place.country and m.place.feature_code.startswith(prefixes):
                if m.quality >= 0.9:
                    return m.place.country
    return None


def same_place_name(gold: str, place: Place, index: GeoNamesIndex) -> bool:
    """The gold name is our place's name, or one of the gazetteer's names for it."""
    if name_key(gold) == name_key(place.name):
        return True
    return any(m.place.place_id == place.place_id for m in index.lookup(gold))


def within_km(a: tuple[float, float], b: tuple[float, float], km: float = EVENT_KM) -> bool:
    return haversine_km(a[0], a[1], b[0], b[1]) <= km


# -- metrics ----------------------------------------------------------------------------------


def ratio(correct: int, total: int) -> dict[str, Any]:
    return {"correct": correct, "total": total, "accuracy": correct / total if total else 0.0}


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def prf2(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, Any]:
    """P/R/F1 when a correct prediction and a found gold item are counted apart."""
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "predicted": n_pred,
        "predicted_correct": tp_pred,
        "gold": n_gold,
        "gold_found": tp_gold,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def class_scores(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Per-class P/R/F1 of (gold, predicted) label pairs, with their averages over gold classes.

    `weighted` is the support-weighted mean of the gold classes' F1 (scikit-learn's
    "weighted"); `macro` the plain mean over the same classes.  A label that is only ever
    predicted (or "none") costs precision of nothing but its own row; it has no support.
    """
    gold = Counter(g for g, _ in pairs)
    predicted = Counter(p for _, p in pairs)
    hits = Counter(g for g, p in pairs if g == p)
    per_class: dict[str, dict[str, Any]] = {}
    for label in sorted(gold):
        tp = hits[label]
        p = tp / predicted[label] if predicted[label] else 0.0
        r = tp / gold[label]
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per_class[label] = {"support": gold[label], "precision": p, "recall": r, "f1": f1}
    total = sum(gold.values())
    weighted = sum(c["f1"] * c["support"] for c in per_class.values()) / total if total else 0.0
    macro = sum(c["f1"] for c in per_class.values()) / len(per_class) if per_class else 0.0
    return {
        "weighted_f1": weighted,
        "macro_f1": macro,
        "accuracy": sum(hits.values()) / total if total else 0.0,
        "n": total,
        "per_class": per_class,
    }


def confusion(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count, only for pairs that occur."""
    out: dict[str, dict[str, int]] = {}
    for g, p in pairs:
        row = out.setdefault(g, {})
        row[p] = row.get(p, 0) + 1
    return out


def confusion_table(
    matrix: dict[str, dict[str, int]], short: dict[str, str] | None = None, indent: str = "    "
) -> list[str]:
    """A compact text matrix: rows are gold labels, columns predicted ones, only those seen."""
    short = short or {}
    rows = sorted(matrix)
    cols = sorted({p for r in matrix.values() for p in r}, key=lambda c: (c == "none", c))
    name = {label: short.get(label, label) for label in [*rows, *cols]}
    corner = "gold \\ ours"
    head = max([len(corner), *(len(name[r]) for r in rows)])
    widths = [max([len(name[c]), *(len(str(matrix[r].get(c, ""))) for r in rows)]) for c in cols]
    lines = [
        indent
        + corner.ljust(head)
        + " "
        + " ".join(name[c].rjust(w) for c, w in zip(cols, widths, strict=True))
    ]
    for r in rows:
        cells = [str(matrix[r].get(c, "")) or "." for c in cols]
        lines.append(
            indent
            + name[r].ljust(head)
            + " "
            + " ".join(x.rjust(w) for x, w in zip(cells, widths, strict=True))
        )
    return lines


def acc_cell(r: dict[str, Any]) -> str:
    return f"{r['accuracy']:.3f} ({r['correct']}/{r['total']})"


def prf_cell(r: dict[str, Any]) -> str:
    return f"P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"


def per_type_lines(per_type: dict[str, dict[str, Any]], width: int) -> list[str]:
    """One line per type: its P/R/F1 and how many the gold and we have."""
    return [
        f"    {name:{width}} {prf_cell(r)}  (gold {r['tp'] + r['fn']}, ours {r['tp'] + r['fp']})"
        for name, r in per_type.items()
    ]
