"""Cost of the gazetteer and of resolving place names, measured on this machine.

    .venv/bin/python benchmarks/geoparse.py [--repeat K] [--opens N] [--texts PATH.jsonl]
                                            [--no-evict] [--profile WHAT] [--top N]

Measures:

(a) opening the index: `GeoNamesIndex(path)` in a fresh process, alone and with the
    `import euphrates.gazetteer` before it (target: open < 1 s), both with the OS page
    cache as it is and after evicting the index file's pages from it;
(b) resolutions/s of `PlaceContext(index, demonyms, mentions).resolve(text)` (one context per
    article, its construction timed) over every
    place mention the coder finds in the texts, with its article's mentions as context:
    warm (lookup cache filled) and cold (a new `GeoNamesIndex` per round, so every distinct
    name is an SQLite query) (target: >= 20,000/s);
(c) peak RSS of a fresh process that opens the index and resolves all those names
    (target: < 500 MB), and of this process once it has loaded the whole coder;
(d) the index file's size on disk, and what fills it.

When a target is missed, the missed part is profiled (cProfile; tracemalloc for memory).
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pickle
import pstats
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = REPO.parent / "shared" / "gold" / "dev" / "gwn.jsonl"
SAMPLES = REPO / "src" / "euphrates" / "data" / "samples"

TARGET_OPEN_S = 1.0
TARGET_RATE = 20_000.0
TARGET_RSS_MB = 500.0

Pair = tuple[str, list[Any]]  # (surface text, the article's place mentions)


# --------------------------------------------------------------------------- helpers


def maxrss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# On Linux a child's ru_maxrss starts at its parent's peak RSS (the high-water mark survives
# fork and exec), so a child started from this process, which holds spaCy by then, would report
# at least this process's peak.  The memory child is therefore started by a small launcher
# process, whose own peak is what its child inherits.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"


def run_child(code: str, *args: str, launcher: bool = False) -> dict[str, Any]:
    """Run `code` in a fresh interpreter; it prints one JSON object as its last line."""
    cmd = [sys.executable, "-c", code, *args]
    if launcher:
        cmd = [sys.executable, "-c", LAUNCHER, *cmd]
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, capture_output=True, text=True, cwd=REPO, env=os.environ.copy(), check=False
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"child process failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = wall
    return result


def evict(path: Path) -> bool:
    """Drop the file's pages from the OS page cache (no root needed); False if unsupported."""
    if not hasattr(os, "posix_fadvise"):
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    return True


def profile_text(fn: Callable[[], Any], top: int) -> str:
    """Top functions by own time, then what a resolution's time goes to."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    out.write("where a resolution's time goes (its direct callees, cumulative):\n")
    stats.sort_stats("cumulative").print_callees(r"\(resolve\)")
    stats.sort_stats("cumulative").print_callees(r"\(_resolve\)")
    return out.getvalue()


def fmt_range(values: Sequence[float], spec: str) -> str:
    return f"{min(values):{spec}}–{max(values):{spec}}"


# --------------------------------------------------------------------------- (a) open

OPEN_CHILD = r"""
import json, sys, time
from pathlib import Path
path = Path(sys.argv[1])
t0 = time.perf_counter()
import euphrates.gazetteer as gaz
t1 = time.perf_counter()
index = gaz.GeoNamesIndex(path)
t2 = time.perf_counter()
index.lookup("Aleppo")
t3 = time.perf_counter()
again = gaz.open_index(path)  # what the CLI and Coder call: also checks the build id
t4 = time.perf_counter()
assert again.meta.get("build_id") == index.meta.get("build_id")
print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "first_lookup_s": t3 - t2,
                  "open_index_s": t4 - t3}))
"""

OPEN_PROFILE_CHILD = r"""
import cProfile, io, pstats, sys, json
from pathlib import Path
prof = cProfile.Profile()
prof.enable()
import euphrates.gazetteer as gaz
gaz.GeoNamesIndex(Path(sys.argv[1]))
prof.disable()
out = io.StringIO()
pstats.Stats(prof, stream=out).strip_dirs().sort_stats("cumulative").print_stats(int(sys.argv[2]))
print(json.dumps({"profile": out.getvalue()}))
"""


def measure_open(path: Path, runs: int, do_evict: bool) -> dict[str, list[dict[str, Any]]]:
    """Fresh processes: first with the page cache as it is, then after evicting the file."""
    out: dict[str, list[dict[str, Any]]] = {"as-is": [], "evicted": []}
    for _ in range(runs):
        out["as-is"].append(run_child(OPEN_CHILD, str(path)))
    if do_evict:
        for _ in range(runs):
            if not evict(path):
                break
            out["evicted"].append(run_child(OPEN_CHILD, str(path)))
    return out


# --------------------------------------------------------------------------- (b) inputs


def load_texts(path: Path | None) -> tuple[list[str], str]:
    src = path or (DEFAULT_TEXTS if DEFAULT_TEXTS.exists() else None)
    texts: list[str] = []
    if src is not None:
        with src.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    rec = json.loads(line)
                    if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                        texts.append(rec["text"])
        return texts, str(src)
    for p in sorted(SAMPLES.glob("*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        for rec in data if isinstance(data, list) else [data]:
            if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                texts.append(rec["text"])
    return texts, f"{SAMPLES}/*.json (samples)"


def collect_pairs(coder: Any, texts: list[str]) -> tuple[list[Pair], Counter[str], int, int]:
    """Each place mention's text with its article's mentions; roles; articles coded/skipped."""
    from euphrates.coder import ArticleError
    from euphrates.records import Article

    pairs: list[Pair] = []
    roles: Counter[str] = Counter()
    coded = skipped = 0
    for text in texts:
        try:
            report = coder.code(Article(text))
        except ArticleError:
            skipped += 1
            continue
        coded += 1
        mentions = list(report.mentions.places)
        for m in mentions:
            if m.span.text.strip():
                pairs.append((m.span.text, mentions))
                roles[m.role] += 1
    return pairs, roles, coded, skipped


# --------------------------------------------------------------------------- (b) timing


def resolve_all(pairs: Sequence[Pair], index: Any, demonyms: Any) -> list[Any]:
    """Each article's names through one `PlaceContext` (built once per article, timed)."""
    from euphrates.extract.places import PlaceContext

    contexts: dict[int, Any] = {}
    out = []
    for text, ctx in pairs:
        if id(ctx) not in contexts:
            contexts[id(ctx)] = PlaceContext(index, demonyms, ctx)
        out.append(contexts[id(ctx)].resolve(text))
    return out


def time_round(pairs: Sequence[Pair], index: Any, demonyms: Any) -> float:
    t0 = time.perf_counter()
    resolve_all(pairs, index, demonyms)
    return time.perf_counter() - t0


def time_lookups(names: Sequence[str], index: Any) -> float:
    """`index.lookup` alone, for comparison: the gazetteer's part of a resolution."""
    t0 = time.perf_counter()
    for name in names:
        index.lookup(name)
    return time.perf_counter() - t0


_WHERE = re.compile(r"WHERE\s+(.*?)\s*(?:ORDER BY|GROUP BY|LIMIT|$)", re.S | re.I)


class SqlTimes:
    """Seconds and statement counts per WHERE clause."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.count: Counter[str] = Counter()

    @staticmethod
    def label(sql: str) -> str:
        m = _WHERE.search(sql)
        where = " ".join(m.group(1).split()) if m else " ".join(sql.split())[:40]
        return where[:48]


class _TimedCursor:
    def __init__(self, cur: Any, times: SqlTimes, label: str) -> None:
        self._cur, self._times, self._label = cur, times, label

    def _timed(self, method: str, *args: Any) -> Any:
        t0 = time.perf_counter()
        out = getattr(self._cur, method)(*args)
        self._times.seconds[self._label] += time.perf_counter() - t0
        return out

    def fetchall(self) -> Any:
        return self._timed("fetchall")

    def fetchone(self) -> Any:
        return self._timed("fetchone")

    def fetchmany(self, *args: Any) -> Any:
        return self._timed("fetchmany", *args)

    def __iter__(self) -> Any:
        return iter(self.fetchall())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cur, name)


class _TimedConnection:
    """Wraps the index's sqlite3 connection: times each statement, execute plus fetch."""

    def __init__(self, conn: Any, times: SqlTimes) -> None:
        self._conn, self._times = conn, times

    def execute(self, sql: str, *args: Any) -> _TimedCursor:
        label = self._times.label(sql)
        t0 = time.perf_counter()
        cur = self._conn.execute(sql, *args)
        self._times.seconds[label] += time.perf_counter() - t0
        self._times.count[label] += 1
        return _TimedCursor(cur, self._times, label)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def count_calls(
    pairs: Sequence[Pair], path: Path, demonyms: Any
) -> tuple[Counter[str], SqlTimes | None, list[Any]]:
    """One untimed pass on a fresh index: its index calls, SQLite time, and results."""
    from euphrates.gazetteer import GeoNamesIndex

    index = GeoNamesIndex(path)
    sql: SqlTimes | None = None
    local = getattr(index, "_local", None)  # the index's per-thread connection, if still so
    if local is not None and isinstance(getattr(local, "conn", None), sqlite3.Connection):
        sql = SqlTimes()
        local.conn = _TimedConnection(local.conn, sql)
    calls: Counter[str] = Counter()
    for name in ("lookup", "country", "get"):
        original = getattr(index, name)

        def wrapped(*args: Any, _name: str = name, _orig: Any = original) -> Any:
            calls[_name] += 1
            return _orig(*args)

        setattr(index, name, wrapped)
    results = resolve_all(pairs, index, demonyms)
    return calls, sql, results


# --------------------------------------------------------------------------- (c) memory

RSS_CHILD = r"""
import json, pickle, resource, sys
from pathlib import Path

def mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024

def hwm():
    try:
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) / 1024 for l in f if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None

trace = sys.argv[3] == "1"
if trace:
    import tracemalloc
    tracemalloc.start()
steps = {"python": mb()}
with open(sys.argv[2], "rb") as f:
    pairs = pickle.load(f)
steps["input pairs loaded"] = mb()
from euphrates.extract.places import PlaceContext
from euphrates.gazetteer import GeoNamesIndex
from euphrates.resources import load_demonyms
steps["imports (places imports spacy.tokens)"] = mb()
index = GeoNamesIndex(Path(sys.argv[1]))
demonyms = load_demonyms()
steps["index opened, demonyms loaded"] = mb()
for _ in range(2):
    contexts = {}
    for text, ctx in pairs:
        if id(ctx) not in contexts:
            contexts[id(ctx)] = PlaceContext(index, demonyms, ctx)
        contexts[id(ctx)].resolve(text)
steps["all names resolved (twice)"] = mb()
top = []
if trace:
    snap = tracemalloc.take_snapshot()
    top = [str(s) for s in snap.statistics("filename")[:15]]
print(json.dumps({"steps": steps, "vmhwm": hwm(), "cache_entries": len(index._cache),
                  "spacy_imported": "spacy" in sys.modules, "tracemalloc_top": top}))
"""


# --------------------------------------------------------------------------- (d) disk


def disk_breakdown(path: Path) -> list[tuple[str, int]]:
    """Bytes per table and index (SQLite's dbstat), empty if that is not compiled in."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    except sqlite3.Error:
        rows = []
    finally:
        conn.close()
    return [(str(n), int(s)) for n, s in rows]


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5, help="timed rounds per regime (default 5)")
    ap.add_argument("--opens", type=int, default=5, help="fresh processes per open case")
    ap.add_argument("--texts", type=Path, default=None, help="JSONL with a 'text' field")
    ap.add_argument(
        "--no-evict", action="store_true", help="skip the runs with the file evicted from cache"
    )
    ap.add_argument(
        "--profile",
        choices=("auto", "open", "warm", "cold", "memory", "all", "none"),
        default="auto",
        help="what to profile; auto: whatever misses its target",
    )
    ap.add_argument("--top", type=int, default=25, help="rows of each profile")
    args = ap.parse_args()

    from euphrates.gazetteer import default_index_path, open_index

    path = default_index_path()
    if not path.exists():
        print(f"building the gazetteer index at {path} (once) ...", flush=True)
        open_index(path)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"index: {path}")
    print(
        f"machine: {cpus} CPUs available, Python {sys.version.split()[0]}, "
        f"SQLite {sqlite3.sqlite_version}"
    )

    # (a) -- before this process reads the index at all.
    opens = measure_open(path, args.opens, not args.no_evict)

    # (b) -- the coder finds the mentions once.
    from euphrates.coder import Coder
    from euphrates.gazetteer import GeoNamesIndex

    texts, origin = load_texts(args.texts)
    t0 = time.perf_counter()
    coder = Coder()
    load_s = time.perf_counter() - t0
    rss_coder_loaded = maxrss_mb()
    t0 = time.perf_counter()
    pairs, roles, coded, skipped = collect_pairs(coder, texts)
    code_s = time.perf_counter() - t0
    rss_coder_coded = maxrss_mb()
    if not pairs:
        sys.exit(f"no place mentions found in {origin}")
    distinct = len({text for text, _ in pairs})
    print(
        f"texts: {origin}: {coded} articles coded ({skipped} refused) in {code_s:.1f} s "
        f"(coder loaded in {load_s:.1f} s)"
    )
    print(
        f"mentions: {len(pairs)} ({distinct} distinct surface texts); "
        + ", ".join(f"{r} {n}" for r, n in roles.most_common())
    )

    index, demonyms = coder.index, coder.demonyms
    warm_results = resolve_all(pairs, index, demonyms)  # fills the cache
    warm: list[float] = []
    cold: list[float] = []
    cold_keys: list[int] = []
    lookup_warm: list[float] = []
    lookup_cold: list[float] = []
    names = [text for text, _ in pairs]
    bare: list[Pair] = [(text, []) for text in names]
    no_context: list[float] = []
    for _ in range(args.repeat):
        warm.append(len(pairs) / time_round(pairs, index, demonyms))
        fresh = GeoNamesIndex(path)
        gc.collect()
        cold.append(len(pairs) / time_round(pairs, fresh, demonyms))
        cold_keys.append(len(fresh._cache))
        del fresh
        lookup_warm.append(len(names) / time_lookups(names, index))
        no_context.append(len(bare) / time_round(bare, index, demonyms))
        fresh = GeoNamesIndex(path)
        lookup_cold.append(len(names) / time_lookups(names, fresh))
        del fresh
    ctx_sizes = [len(ctx) for _, ctx in pairs]
    calls, sql, cold_results = count_calls(pairs, path, demonyms)
    same = sum(
        (a.place_id if a else None) == (b.place_id if b else None)
        for a, b in zip(warm_results, cold_results, strict=True)
    )
    resolved = sum(r is not None for r in warm_results)

    # (c)
    with tempfile.TemporaryDirectory() as tmp:
        pairs_file = Path(tmp) / "pairs.pickle"
        pairs_file.write_bytes(pickle.dumps(pairs))
        rss = run_child(RSS_CHILD, str(path), str(pairs_file), "0", launcher=True)
        rss_peak = max(rss["steps"].values())
        want_mem = args.profile in ("memory", "all") or (
            args.profile == "auto" and rss_peak >= TARGET_RSS_MB
        )
        traced = (
            run_child(RSS_CHILD, str(path), str(pairs_file), "1", launcher=True)
            if want_mem
            else None
        )

    # (d)
    size = path.stat().st_size
    parts = disk_breakdown(path)

    # ------------------------------------------------------------------ report
    def med(case: str, key: str) -> list[float]:
        return [r[key] for r in opens[case]]

    print()
    print(f"(a) opening the index, {args.opens} fresh processes each (median, min–max)")
    for case in ("as-is", "evicted"):
        if not opens[case]:
            continue
        label = "page cache as is" if case == "as-is" else "index evicted from page cache"
        o, i = med(case, "open_s"), med(case, "import_s")
        io_ = [a + b for a, b in zip(i, o, strict=True)]
        print(f"  {label}:")
        print(
            f"    GeoNamesIndex(path)            {statistics.median(o) * 1e3:8.1f} ms"
            f"  ({fmt_range([x * 1e3 for x in o], '.1f')})"
        )
        print(f"    import euphrates.gazetteer     {statistics.median(i) * 1e3:8.1f} ms")
        print(
            f"    import + open                  {statistics.median(io_) * 1e3:8.1f} ms"
            f"  ({fmt_range([x * 1e3 for x in io_], '.1f')})"
        )
        fl = med(case, "first_lookup_s")
        print(f"    first lookup ('Aleppo')        {statistics.median(fl) * 1e3:8.1f} ms")
        oi = med(case, "open_index_s")
        print(
            f"    open_index(path) (build-id check, second open)"
            f" {statistics.median(oi) * 1e3:.1f} ms"
        )
        pw = med(case, "process_wall_s")
        print(f"    whole child process (interpreter start to exit) {statistics.median(pw):.2f} s")

    print()
    print(
        f"(b) PlaceContext.resolve over {len(pairs)} mentions, {args.repeat} rounds "
        "(median, min–max)"
    )
    print(f"  warm cache: {statistics.median(warm):10,.0f} /s  ({fmt_range(warm, ',.0f')})")
    print(
        f"  cold cache: {statistics.median(cold):10,.0f} /s  ({fmt_range(cold, ',.0f')})"
        f"  — {statistics.median(cold_keys):.0f} distinct keys queried per round"
    )
    print(
        f"  for comparison, index.lookup(text) alone: warm {statistics.median(lookup_warm):,.0f}"
        f" /s, cold {statistics.median(lookup_cold):,.0f} /s"
    )
    print(
        f"  context: {statistics.mean(ctx_sizes):.1f} mentions per call on average "
        f"(max {max(ctx_sizes)}); with an empty context instead, warm: "
        f"{statistics.median(no_context):,.0f} /s"
    )
    print(
        f"  index calls per pass: {calls['lookup']} lookup ({calls['lookup'] / len(pairs):.2f}"
        f"/mention), {calls['country']} country (uncached SQL), {calls['get']} get"
    )
    if sql is not None:
        total = sum(sql.seconds.values())
        print(
            f"  SQLite in one cold pass: {sum(sql.count.values())} statements, "
            f"{total * 1e3:.0f} ms (execute + fetch), by WHERE clause:"
        )
        for label, secs in sorted(sql.seconds.items(), key=lambda kv: -kv[1]):
            print(f"    {secs * 1e3:7.1f} ms  {sql.count[label]:5d} x  {label}")
    print(
        f"  resolved to a place: {resolved}/{len(pairs)}; warm and cold results agree on "
        f"{same}/{len(pairs)}"
    )

    print()
    print("(c) peak RSS (ru_maxrss)")
    print("  fresh process (started by a launcher): open the index and resolve all the names")
    for step, mb in rss["steps"].items():
        print(f"    {step:42s} {mb:7.1f} MB")
    if rss["vmhwm"] is not None:
        print(f"    (/proc VmHWM at the end, for comparison: {rss['vmhwm']:.1f} MB)")
    print(
        f"    lookup cache entries: {rss['cache_entries']}; spaCy imported: {rss['spacy_imported']}"
    )
    print("  this process (the whole coder: spaCy + index + registry)")
    print(f"    after Coder()                              {rss_coder_loaded:7.1f} MB")
    print(f"    after coding {coded} articles              {rss_coder_coded:7.1f} MB")

    print()
    print(f"(d) index file on disk: {size / 1e6:.1f} MB ({size:,} bytes)")
    for name, nbytes in parts:
        print(f"    {name:28s} {nbytes / 1e6:7.1f} MB  {nbytes / size:5.1%}")

    open_med = statistics.median(med("as-is", "open_s"))
    import_open_med = statistics.median(
        [a + b for a, b in zip(med("as-is", "import_s"), med("as-is", "open_s"), strict=True)]
    )
    evicted_open = statistics.median(med("evicted", "open_s")) if opens["evicted"] else None
    rows: list[tuple[str, str, str, bool | None]] = [
        (
            "open GeoNamesIndex (fresh process)",
            f"{open_med * 1e3:.1f} ms",
            "< 1 s",
            open_med < TARGET_OPEN_S,
        ),
        (
            "import + open (fresh process)",
            f"{import_open_med * 1e3:.1f} ms",
            "< 1 s",
            import_open_med < TARGET_OPEN_S,
        ),
    ]
    if evicted_open is not None:
        rows.append(
            (
                "open, file evicted from page cache",
                f"{evicted_open * 1e3:.1f} ms",
                "< 1 s",
                evicted_open < TARGET_OPEN_S,
            )
        )
    rows += [
        (
            "resolutions/s, warm cache",
            f"{statistics.median(warm):,.0f}",
            ">= 20,000",
            statistics.median(warm) >= TARGET_RATE,
        ),
        (
            "resolutions/s, cold cache",
            f"{statistics.median(cold):,.0f}",
            ">= 20,000",
            statistics.median(cold) >= TARGET_RATE,
        ),
        (
            "peak RSS, index + resolve (process)",
            f"{rss_peak:.0f} MB",
            "< 500 MB",
            rss_peak < TARGET_RSS_MB,
        ),
        ("peak RSS, whole coder after coding", f"{rss_coder_coded:.0f} MB", "-", None),
        ("index file size", f"{size / 1e6:.1f} MB", "-", None),
    ]
    print()
    print(f"{'figure':40s} {'value':>14s}  {'target':>10s}  ok")
    print("-" * 72)
    for name, value, target, ok in rows:
        mark = "-" if ok is None else ("yes" if ok else "NO")
        print(f"{name:40s} {value:>14s}  {target:>10s}  {mark}")

    # ------------------------------------------------------------------ profiles
    want = {args.profile} if args.profile != "all" else {"open", "warm", "cold", "memory"}
    if args.profile == "auto":
        want = set()
        if not (open_med < TARGET_OPEN_S and import_open_med < TARGET_OPEN_S):
            want.add("open")
        if statistics.median(warm) < TARGET_RATE:
            want.add("warm")
        if statistics.median(cold) < TARGET_RATE:
            want.add("cold")
    if "open" in want:
        prof = run_child(OPEN_PROFILE_CHILD, str(path), str(args.top))
        print("\nprofile: import + open, fresh process (cumulative)\n" + prof["profile"])
    if "warm" in want:
        print("\nprofile: one warm round (tottime)")
        print(profile_text(lambda: resolve_all(pairs, index, demonyms), args.top))
    if "cold" in want:
        fresh = GeoNamesIndex(path)
        print("\nprofile: one cold round (tottime)")
        print(profile_text(lambda: resolve_all(pairs, fresh, demonyms), args.top))
    if traced is not None:
        print("\ntracemalloc: Python allocations alive at the end, by file (index process)")
        for line in traced["tracemalloc_top"]:
            print("  " + line)


if __name__ == "__main__":
    main()
