"""Throughput of the full coding against spaCy's own pipeline, on the same texts, in one run.

    .venv/bin/python benchmarks/throughput.py [--articles N] [--repeat K] [--texts PATH.jsonl]

Measures, after one warm-up of each path (model load and gazetteer lookups not counted):

* words/s of `coder.nlp.pipe(texts)` alone (spaCy),
* words/s of `coder.code_many(articles)` (spaCy + every extractor),
* their ratio full/spaCy (target >= 0.7),
* the cost of each extractor step on pre-parsed docs, as `Coder.report` times them,
* the state of the gazetteer lookup cache, and peak RSS.

Rounds alternate spaCy, full, spaCy, full, ...; every figure is the median over rounds.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import logging
import os
import pstats
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = REPO.parent / "shared" / "gold" / "dev" / "gwn.jsonl"
SAMPLES = REPO / "src" / "euphrates" / "data" / "samples"
MIN_SAMPLE_ARTICLES = 50
TARGET = 0.7
STAGES = (
    "infer_published",
    "registry",
    "places",
    "dates",
    "quantities",
    "actors",
    "claims",
    "events",
    "glue",
)
EXTRACTORS = ("places", "dates", "quantities", "actors", "claims", "events")


# --------------------------------------------------------------------------- inputs


def load_records(path: Path | None, n: int | None) -> tuple[list[dict[str, Any]], str]:
    """Article records (dicts with `text`) and a line saying where they came from."""
    if path is not None or DEFAULT_TEXTS.exists():
        src = path or DEFAULT_TEXTS
        recs = []
        with src.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                        recs.append(rec)
        origin = str(src)
        minimum = 1
    else:
        recs = []
        for p in sorted(SAMPLES.glob("*.json")):
            data = json.loads(p.read_text(encoding="utf-8"))
            recs.extend(data if isinstance(data, list) else [data])
        origin = f"{SAMPLES}/*.json (samples, repeated)"
        minimum = MIN_SAMPLE_ARTICLES
    if not recs:
        sys.exit(f"no records with a 'text' field in {origin}")
    want = n if n is not None else max(minimum, len(recs))
    out = [recs[i % len(recs)] for i in range(want)] if want > len(recs) else recs[:want]
    return out, origin


def make_articles(recs: list[dict[str, Any]]) -> list[Any]:
    """Fresh `Article`s: `_report` writes into them (published, dateline), so never reuse."""
    from euphrates.sources import article_from_record

    return [article_from_record(r, "bench") for r in recs]


def count_words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


# --------------------------------------------------------------------------- cache watch


@dataclass
class CacheWatch:
    """Counts gazetteer lookups and cache misses (misses add a cache entry)."""

    calls: int = 0
    misses: int = 0


@contextmanager
def watch_cache(index: Any) -> Iterator[CacheWatch]:
    """Wrap `index.lookup` on the instance for the duration (not used in timed rounds)."""
    from euphrates.gazetteer.normalize import name_key

    w = CacheWatch()
    original = index.lookup

    def lookup(name: str) -> Any:
        w.calls += 1
        key = name_key(name)
        if key and key not in index._cache:
            w.misses += 1
        return original(name)

    index.lookup = lookup
    try:
        yield w
    finally:
        del index.lookup


def cache_line(label: str, w: CacheWatch) -> str:
    hits = w.calls - w.misses
    rate = f"{hits / w.calls:.0%}" if w.calls else "n/a"
    return f"  {label}: {w.calls} lookups, {w.misses} misses (SQLite), {hits} hits ({rate})"


# --------------------------------------------------------------------------- stages


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    failures: dict[str, int] = field(default_factory=dict)
    first_error: dict[str, str] = field(default_factory=dict)


class FailureCount(logging.Handler):
    """Counts the coder's "<name> extractor failed" records instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.first: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if self.first is None:
            err = record.exc_info[1] if record.exc_info else None
            self.first = record.getMessage() + (f": {type(err).__name__}: {err}" if err else "")


def run_stages(coder: Any, docs: list[Any], articles: list[Any]) -> StageTimes:
    """Every extractor step on pre-parsed docs, timed by `Coder.report` itself."""
    st = StageTimes()
    clock = time.perf_counter
    for doc, article in zip(docs, articles, strict=True):
        started = clock()
        timings: dict[str, float] = {}
        report = coder.report(doc, article, timings)
        for name, sec in timings.items():
            st.seconds[name] = st.seconds.get(name, 0.0) + sec
        st.seconds["glue"] += clock() - started - sum(timings.values())
        for warning in report.warnings:
            name = warning.split(" ", 1)[0]
            if "extractor failed" in warning:
                st.failures[name] = st.failures.get(name, 0) + 1
                st.first_error.setdefault(name, warning)
    return st


def profile_stages(
    coder: Any, docs: list[Any], recs: list[dict[str, Any]], stage: str, top: int
) -> str:
    """cProfile of one stage (or 'all' extractor steps) on pre-parsed docs."""
    import euphrates.extract.claims as claims_mod
    import euphrates.extract.dates as dates_mod
    import euphrates.extract.events as events_mod
    import euphrates.extract.places as places_mod
    import euphrates.extract.quantities as quantities_mod

    prof = cProfile.Profile()
    targets: dict[str, tuple[Any, str]] = {
        "places": (places_mod, "extract_places"),
        "dates": (dates_mod, "extract_dates"),
        "quantities": (quantities_mod, "extract_quantities"),
        "claims": (claims_mod, "extract_claims"),
        "events": (events_mod, "extract_events"),
    }
    patched: list[tuple[Any, str, Any]] = []

    def profiled(fn: Any) -> Any:
        def wrapper(*a: Any, **kw: Any) -> Any:
            return prof.runcall(fn, *a, **kw)

        return wrapper

    if stage == "all":
        prof.enable()
        run_stages(coder, docs, make_articles(recs))
        prof.disable()
    else:
        if stage == "actors":
            patched.append((coder.actors, "extract", None))
            coder.actors.extract = profiled(type(coder.actors).extract.__get__(coder.actors))
        elif stage == "registry":
            patched.append((coder.actors, "registry_spans", None))
            coder.actors.registry_spans = profiled(
                type(coder.actors).registry_spans.__get__(coder.actors)
            )
        elif stage == "infer_published":
            patched.append((dates_mod, "infer_published", dates_mod.infer_published))
            dates_mod.infer_published = profiled(dates_mod.infer_published)
        elif stage in targets:
            mod, name = targets[stage]
            patched.append((mod, name, getattr(mod, name)))
            setattr(mod, name, profiled(getattr(mod, name)))
        else:
            return f"(no profile for stage {stage!r})"
        try:
            run_stages(coder, docs, make_articles(recs))
        finally:
            for obj, name, orig in reversed(patched):
                if orig is None:
                    delattr(obj, name)  # the instance attribute; the class method shows again
                else:
                    setattr(obj, name, orig)
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --------------------------------------------------------------------------- main


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--articles",
        type=int,
        default=None,
        help="number of articles (default: all in the file; the samples are "
        f"repeated to at least {MIN_SAMPLE_ARTICLES}); more than the file "
        "holds repeats texts",
    )
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds (default 3)")
    ap.add_argument(
        "--texts",
        type=Path,
        default=None,
        help=f"JSONL with a 'text' field (default {DEFAULT_TEXTS} if present, "
        "else the bundled samples)",
    )
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument(
        "--cold-cache",
        action="store_true",
        help="empty the gazetteer lookup cache before every timed full round "
        "and every stage round (default: warm, as left by the warm-up)",
    )
    ap.add_argument(
        "--profile",
        default="auto",
        help="cProfile a stage on pre-parsed docs: a stage name, 'all', 'none', "
        f"or 'auto' (the slowest extractor, when the ratio is below {TARGET})",
    )
    ap.add_argument("--top", type=int, default=30, help="functions listed by --profile")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")

    failed = FailureCount()
    coder_log = logging.getLogger("euphrates.coder")
    coder_log.addHandler(failed)
    coder_log.propagate = False  # a broken extractor is counted below, not dumped per article
    t0 = time.perf_counter()
    from euphrates.coder import ArticleError, Coder, check_text

    coder = Coder()
    load_s = time.perf_counter() - t0

    recs, origin = load_records(args.texts, args.articles)
    kept: list[dict[str, Any]] = []
    for r in recs:
        try:
            check_text(r["text"])
        except ArticleError:
            continue
        kept.append(r)
    rejected = len(recs) - len(kept)
    recs = kept
    texts = [r["text"] for r in recs]
    words = count_words(texts)
    unique = len(set(texts))
    bs = args.batch_size

    print(f"texts:    {origin}")
    print(
        f"          {len(texts)} articles ({unique} distinct), {words:,} words "
        f"(whitespace tokens), {sum(map(len, texts)):,} chars"
        + (f"; {rejected} refused by check_text and left out" if rejected else "")
    )
    print(
        f"setup:    Coder() loaded in {load_s:.1f}s; spaCy {coder.nlp.meta.get('name')} "
        f"{coder.nlp.meta.get('version')}, pipes {coder.nlp.pipe_names}; batch_size={bs}; "
        f"{os.cpu_count()} CPUs"
    )

    # warm-up: one pass of each path, outside the timings
    print("warm-up:  one spaCy pass and one full pass (not timed) ...", flush=True)
    list(coder.nlp.pipe(texts, batch_size=bs))
    cache_before = len(coder.index._cache)
    with watch_cache(coder.index) as warm:
        warm_out = list(coder.code_many(make_articles(recs), batch_size=bs))
    errors = sum(isinstance(r, ArticleError) for r in warm_out)
    events = sum(len(r.events) for r in warm_out if not isinstance(r, ArticleError))
    warnings = sum(len(r.warnings) for r in warm_out if not isinstance(r, ArticleError))
    del warm_out

    spacy_s: list[float] = []
    full_s: list[float] = []
    for k in range(args.repeat):
        dt_s, _ = timed(lambda: list(coder.nlp.pipe(texts, batch_size=bs)))
        spacy_s.append(dt_s)
        articles = make_articles(recs)
        if args.cold_cache:
            coder.index._cache.clear()
        dt_f, _ = timed(lambda a=articles: list(coder.code_many(a, batch_size=bs)))
        full_s.append(dt_f)
        print(
            f"  round {k + 1}: spaCy {dt_s:6.2f}s ({words / dt_s:8,.0f} w/s)   "
            f"full {dt_f:6.2f}s ({words / dt_f:8,.0f} w/s)",
            flush=True,
        )
    cache_after = len(coder.index._cache)

    sp_med, full_med = statistics.median(spacy_s), statistics.median(full_s)
    sp_wps, full_wps = words / sp_med, words / full_med
    ratio = full_wps / sp_wps
    print()
    for label, wps, runs in (("spaCy alone", sp_wps, spacy_s), ("full coding", full_wps, full_s)):
        print(
            f"{label}   {wps:10,.0f} words/s   (median {statistics.median(runs):.2f}s over "
            f"{args.repeat}; rounds {min(runs):.2f}-{max(runs):.2f}s)"
        )
    verdict = "meets" if ratio >= TARGET else "BELOW"
    print(f"ratio full/spaCy = {ratio:.2f}   ({verdict} target {TARGET})")
    print(
        f"  {len(texts) - errors} articles coded, {errors} refused, {events} events, "
        f"{warnings} warnings (warm-up pass)"
    )
    if failed.count:
        print(
            f"  WARNING: {failed.count} extractor failures logged over all passes (first: "
            f"{failed.first}); a failing extractor stops early, so these numbers are off"
        )

    # per-stage breakdown on pre-parsed docs
    docs = list(coder.nlp.pipe(texts, batch_size=bs))
    rounds: list[StageTimes] = []
    with watch_cache(coder.index) as staged:
        for _ in range(args.repeat):
            if args.cold_cache:
                coder.index._cache.clear()
            gc.collect()
            rounds.append(run_stages(coder, docs, make_articles(recs)))
    med = {s: statistics.median(r.seconds[s] for r in rounds) for s in STAGES}
    total = sum(med.values())
    print()
    print(
        f"extractor stages on pre-parsed docs (median of {args.repeat}; "
        f"per 1k words; share of the stages' total):"
    )
    for s in STAGES:
        sec = med[s]
        fails = rounds[-1].failures.get(s, 0)
        why = f"   ({fails} failures, e.g. {rounds[-1].first_error[s]})" if fails else ""
        print(
            f"  {s:16s} {sec:7.3f}s  {1000 * sec / words * 1000:8.2f} ms/1k words  "
            f"{sec / total:6.1%}{why}"
        )
    print(f"  {'total':16s} {total:7.3f}s  {1000 * total / words * 1000:8.2f} ms/1k words")
    extra = full_med - sp_med
    print(f"  (full - spaCy in the timed rounds: {extra:.3f}s; the stages' total: {total:.3f}s)")
    if ratio < TARGET:
        # full = spaCy + stages  ->  stages must fit in spaCy * (1/TARGET - 1)
        budget = sp_med * (1 / TARGET - 1)
        print(
            f"  to reach {TARGET}: the stages must take <= {budget:.3f}s here "
            f"(now {total:.3f}s; {total - budget:.3f}s over)"
        )

    print()
    print("gazetteer lookup cache (in-memory, per GeoNamesIndex; warm-up primes it):")
    print(cache_line("warm-up pass", warm))
    print(cache_line("stage rounds", staged))
    print(
        f"  entries: {cache_before} before warm-up, {cache_after} after the timed rounds"
        + ("  (emptied before every timed round: --cold-cache)" if args.cold_cache else "")
    )
    if not args.cold_cache:
        print(
            "  the timed full rounds re-code the warm-up's texts, so every lookup is a cache "
            "hit there; on unseen text the misses above (SQLite queries) are paid too: "
            "run with --cold-cache to time that"
        )
    if unique < len(texts):
        print(
            f"  {len(texts) - unique} of the {len(texts)} articles repeat a text: they hit "
            "the cache even in the warm-up"
        )

    print()
    print(f"peak RSS: {peak_rss_mib():,.0f} MiB")

    target = args.profile
    if target == "auto":
        target = max(EXTRACTORS, key=med.__getitem__) if ratio < TARGET else "none"
    if target != "none":
        print()
        print(
            f"cProfile of stage {target!r} on pre-parsed docs, top {args.top} by cumulative time:"
        )
        print(profile_stages(coder, docs, recs, target, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
