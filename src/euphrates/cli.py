"""`euphrates`: a thin command-line face over the library."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from euphrates.records import ArticleReport
from euphrates.sources import Item, SourceError, parse_date, read_path

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "jsonl", "csv", "geojson"]),
    help="table for reading; json/jsonl: whole ArticleReports; csv: ACLED columns; geojson.",
)


def _published(value: str | None) -> dt.date | None:
    try:
        return parse_date(value, "--published")
    except SourceError as err:
        raise click.BadParameter(str(err)) from None


def _progress(items: Any, label: str, total: int) -> Any:
    from tqdm import tqdm

    return tqdm(
        items,
        desc=label,
        total=total,
        unit=" places",
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
    )


def _coder() -> Any:
    from euphrates.coder import Coder
    from euphrates.gazetteer import open_index

    return Coder(index=open_index(progress=_progress))


class Counter:
    def __init__(self) -> None:
        self.coded = 0
        self.failed = 0

    def skip(self, origin: str, reason: str) -> None:
        self.failed += 1
        reason = reason.removesuffix("; skipped")  # the line already says so
        msg = reason if reason.startswith(origin) else f"{origin}: {reason}"
        click.echo(f"skipped {msg}", err=True)


def _reports(
    paths: tuple[str, ...], published: dt.date | None, source: str | None, counter: Counter
) -> Iterator[ArticleReport]:
    from euphrates.coder import ArticleError

    coder = _coder()

    def items() -> Iterator[Item]:
        for path in paths:
            yield from read_path(path, published, source)

    good: list[Item] = []
    for item in items():
        if item.article is None:
            counter.skip(item.origin, item.error or "unreadable")
        else:
            good.append(item)
    results = coder.code_many(i.article for i in good if i.article is not None)
    from tqdm import tqdm

    for item, result in tqdm(
        zip(good, results, strict=True),
        total=len(good),
        unit=" articles",
        file=sys.stderr,
        disable=len(good) < 20 or not sys.stderr.isatty(),
    ):
        if isinstance(result, ArticleError):
            counter.skip(item.origin, str(result))
            continue
        counter.coded += 1
        yield result


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
@click.version_option(package_name="euphrates")
def main(verbose: bool) -> None:
    """Euphrates: news about armed conflict in; sourced, geolocated event records out.

    Example:

        euphrates code article.txt --published 2017-10-11
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles without one.")
@click.option("--source", help="Name of the outlet, for articles without one.")
@FORMAT_OPTION
def code(paths: tuple[str, ...], published: str | None, source: str | None, fmt: str) -> None:
    """Code articles (.txt, .json, .jsonl, or - for stdin) and print their events.

    Example:

        euphrates code article.txt --published 2017-10-11 --format json
    """
    from euphrates.formats import render

    counter = Counter()
    reports = list(_reports(paths, _published(published), source, counter))
    click.echo(render(reports, fmt), nl=False)
    if counter.failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="euphrates.duckdb", show_default=True, help="DuckDB file.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for articles without one.")
@click.option("--source", help="Name of the outlet, for articles without one.")
def ingest(paths: tuple[str, ...], db: str, published: str | None, source: str | None) -> None:
    """Code articles and store them; an article already stored is skipped.

    Example:

        euphrates ingest news/*.txt --db events.duckdb
    """
    from euphrates.store import EventStore, StoreError

    counter = Counter()
    try:
        with EventStore(db) as store:
            result = store.ingest(_reports(paths, _published(published), source, counter))
            click.echo(
                f"{result.added} articles added, {result.skipped} already stored, "
                f"{counter.failed} skipped; {store.count_events()} events in {db}",
                err=True,
            )
    except StoreError as err:
        raise click.ClickException(f"{err}; give --db a new file or an Euphrates store") from None
    if counter.failed:
        sys.exit(1)


@main.command()
@click.option("--db", default="euphrates.duckdb", show_default=True, help="DuckDB file.")
@click.option("--since", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Events on or before this date (YYYY-MM-DD).")
@click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. SY.")
@click.option("--type", "event_type", help="ACLED event type, e.g. Battles.")
@click.option("--sub-type", "sub_event_type", help="ACLED sub-event type.")
@click.option("--plover", help="PLOVER type, e.g. ASSAULT.")
@click.option("--actor", help="Part of an actor's name.")
@click.option("--near", help="LAT,LON point for a distance filter.")
@click.option("--km", type=float, default=50.0, show_default=True, help="Radius for --near.")
@click.option("--limit", type=int, help="At most this many events.")
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "jsonl", "csv"]),
)
def events(
    db: str,
    since: str | None,
    until: str | None,
    country: str | None,
    event_type: str | None,
    sub_event_type: str | None,
    plover: str | None,
    actor: str | None,
    near: str | None,
    km: float,
    limit: int | None,
    fmt: str,
) -> None:
    """Query stored events.

    Example:

        euphrates events --db events.duckdb --country SY --since 2017-10-01 --near 35.95,39.01
    """
    from euphrates.store import EventStore, StoreError

    point = None
    if near:
        try:
            lat, lon = (float(x) for x in near.split(","))
            point = (lat, lon)
        except ValueError:
            raise click.BadParameter("--near takes LAT,LON, e.g. 35.95,39.01") from None
    if not Path(db).exists():
        raise click.ClickException(f"{db}: no such store; create it with `euphrates ingest`")
    try:
        with EventStore(db, read_only=True) as store:
            rows = store.events(
                since=_published(since),
                until=_published(until),
                country=country,
                event_type=event_type,
                sub_event_type=sub_event_type,
                plover_type=plover,
                actor=actor,
                near=point,
                within_km=km if point else None,
                limit=limit,
            )
    except StoreError as err:
        raise click.ClickException(str(err)) from None
    _print_rows(rows, fmt)


def _print_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    import csv

    flat = [{k: v for k, v in r.items() if k != "record"} for r in rows]
    if fmt == "json":
        click.echo(json.dumps(flat, default=str, indent=2))
    elif fmt == "jsonl":
        for r in flat:
            click.echo(json.dumps(r, default=str))
    elif fmt == "csv":
        if flat:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(flat[0]))
            writer.writeheader()
            writer.writerows(flat)
    else:
        cols = (
            "date_start",
            "plover_type",
            "sub_event_type",
            "actor1_name",
            "actor2_name",
            "location_name",
            "fatalities_low",
        )
        click.echo("  ".join(cols))
        for r in flat:
            click.echo("  ".join(str(r.get(c) if r.get(c) is not None else "-")[:28] for c in cols))
        click.echo(f"{len(flat)} events", err=True)


# The gold formats of `euphrates.evaluate.TASKS`, listed here so that `--help` need not load
# the coder (a test checks that the two agree).
EVAL_TASKS = ("article", "gwn", "hrdsattack", "muc4", "plover_gsr", "wikievents", "acled")


@main.command(name="eval")
@click.argument("gold")
@click.option(
    "--task",
    type=click.Choice(["auto", *EVAL_TASKS]),
    default="auto",
    show_default=True,
    help="Gold format; auto-detected from the file's suffix and the fields of its first record.",
)
@click.option(
    "--published/--no-published",
    default=True,
    show_default=True,
    help="Give the coder the gold publication date (article, hrdsattack, muc4, acled).",
)
@click.option("--limit", type=int, help="Score only the first N records (JSONL and CSV files).")
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False),
    help="Also write the scores as JSON to this file.",
)
def eval_(gold: str, task: str, published: bool, limit: int | None, json_out: str | None) -> None:
    """Score the coder against a gold file.

    Formats: one hand-coded article (.json); GeoWebNews toponyms, HRDsAttack, MUC-4,
    PLOVER gold-standard records, WikiEvents and ACLED-style labelled notes (.jsonl; the
    notes also as .csv with ACLED's columns).  What each scores: `euphrates.goldsets`.

    Example:

        euphrates eval ../shared/gold/arabnews-2017-10-11-raqqa.json
        euphrates eval ../shared/gold/dev/gwn.jsonl --json gwn-scores.json
        euphrates eval ../shared/gold/dev/muc4.jsonl --limit 200
    """
    from euphrates.evaluate import evaluate_file

    try:
        scores, table = evaluate_file(
            Path(gold), task, _coder(), use_published=published, limit=limit
        )
    except (OSError, ValueError) as err:
        raise click.ClickException(str(err)) from None
    except KeyError as err:
        raise click.ClickException(
            f"{gold}: a gold record lacks the field {err.args[0]!r}; add it (see the gold README)"
        ) from None
    except (TypeError, AttributeError) as err:
        raise click.ClickException(
            f"{gold}: malformed gold record ({err}); fix it as the gold README describes"
        ) from None
    click.echo(table)
    if json_out:
        Path(json_out).write_text(json.dumps(scores, indent=2, default=str), encoding="utf-8")


@main.group()
def gazetteer() -> None:
    """Build or inspect the gazetteer index, or add GeoNames dumps to it.

    Example:

        euphrates gazetteer build
        euphrates gazetteer import SY.zip
    """


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the index exists.")
def gazetteer_build(force: bool) -> None:
    """Build the GeoNames-derived index from the installed packages (once).

    Example:

        euphrates gazetteer build --force
    """
    from euphrates.gazetteer.build import build_id, build_index
    from euphrates.gazetteer.index import GeoNamesIndex, default_index_path

    path = default_index_path()
    if path.exists() and not force and GeoNamesIndex(path).meta.get("build_id") == build_id():
        click.echo(f"index up to date: {path}")
        return
    build_index(path, _progress)
    click.echo(f"index built: {path}")


@gazetteer.command("lookup")
@click.argument("name")
def gazetteer_lookup(name: str) -> None:
    """Show the candidates for a place name.

    Example:

        euphrates gazetteer lookup "Deir Ezzor"
    """
    from euphrates.gazetteer import open_index

    for m in open_index(progress=_progress).lookup(name)[:10]:
        p = m.place
        click.echo(
            f"{p.place_id:>10}  {p.name:30} {p.country or '--'}  {p.feature_code:5} "
            f"{p.lat:9.4f} {p.lon:9.4f}  pop {p.population:>10,}  match {m.quality}"
        )


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--with-spots",
    is_flag=True,
    help="Also import spots and buildings (GeoNames feature class S: schools, dams, bases...).",
)
def gazetteer_import(files: tuple[Path, ...], with_spots: bool) -> None:
    """Add a GeoNames dump so that villages the shipped gazetteer lacks can be found.

    FILE is a dump from https://download.geonames.org/export/dump/: allCountries.zip, a
    country file such as SY.zip, cities500.zip, or one of their .txt files.  Populated
    places, administrative areas, regions, terrain and water features are kept.  Imports
    live beside the index (gazetteer-imports.sqlite) and survive its rebuilds; importing
    a file again replaces its places.  Each file is imported whole or not at all.

    Example:

        euphrates gazetteer import SY.zip IQ.zip
    """
    from euphrates.gazetteer.dump import DumpError, import_source, imports_path, open_source
    from euphrates.gazetteer.index import default_index_path

    target = imports_path(default_index_path())
    try:
        sources = [open_source(f) for f in files]  # refuse bad input before writing anything
        for source in sources:
            result = import_source(source, target, with_spots=with_spots, progress=True)
            click.echo(f"{result.places:,} places imported from {source.label}")
            if result.bad_lines:
                bad = result.bad_lines
                click.echo(f"{source.label}: {bad:,} malformed lines left out", err=True)
            if result.spots_skipped:
                click.echo(
                    f"{source.label}: {result.spots_skipped:,} spots and buildings left out "
                    "(--with-spots keeps them)",
                    err=True,
                )
    except DumpError as err:
        raise click.ClickException(str(err)) from None


@main.command()
@click.option("--db", default="euphrates.duckdb", show_default=True, help="DuckDB file.")
def demo(db: str) -> None:
    """Code the sample dispatches shipped with Euphrates, store them and print the events.

    Example:

        euphrates demo --db euphrates.duckdb
    """
    import importlib.resources

    from euphrates.formats import render
    from euphrates.store import EventStore

    folder = importlib.resources.files("euphrates").joinpath("data", "samples")
    paths = tuple(sorted(str(p) for p in folder.iterdir() if str(p).endswith(".json")))
    counter = Counter()
    reports = list(_reports(paths, None, None, counter))
    click.echo(render(reports, "table"), nl=False)
    with EventStore(db) as store:
        result = store.ingest(reports)
        click.echo(
            f"\n{result.added} articles added ({result.skipped} already stored); "
            f"{store.count_events()} events in {db}"
        )
