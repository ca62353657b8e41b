"""Reading articles from files: plain text, JSON and JSONL.  One bad file never stops a batch.

A `.txt` file is one article (its first line is the title when followed by a blank line);
a `.json` file holds one article object or a list of them; a `.jsonl` file one per line.
Article objects use the fields `text`, `title`, `published` (YYYY-MM-DD), `source`, `url`.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from euphrates.records import Article

MAX_FILE_BYTES = 20 * 1024 * 1024


class SourceError(ValueError):
    """A file that cannot be read as articles; the message says why and what to do."""


@dataclass
class Item:
    """One article read from `origin`, or the error that kept it from being read."""

    origin: str
    article: Article | None
    error: str | None = None


def _decode(data: bytes, origin: str) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise SourceError(
            f"{origin}: UTF-16 text; convert it to UTF-8, e.g. iconv -f utf-16 -t utf-8"
        )
    if b"\x00" in data[:8192]:
        raise SourceError(
            f"{origin}: binary file (NUL bytes), not text; give articles as "
            ".txt, .json or .jsonl in UTF-8"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SourceError(
            f"{origin}: not UTF-8 ({err.reason} at byte {err.start}); convert it, e.g. "
            "iconv -f latin1 -t utf-8"
        ) from None
    if not text.strip():
        raise SourceError(f"{origin}: empty file; put an article's text in it or leave it out")
    return text


def parse_date(value: Any, origin: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise SourceError(f"{origin}: unknown date format {value!r}; use YYYY-MM-DD") from None


def article_from_record(rec: Any, origin: str, published: dt.date | None = None) -> Article:
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise SourceError(
            f"{origin}: expected an article object with a 'text' string, e.g. "
            '{"text": "...", "published": "2021-05-04"}'
        )
    for key in ("title", "source", "url"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise SourceError(
                f"{origin}: {key!r} must be a string or null, not {type(rec[key]).__name__}"
            )
    return Article(
        text=rec["text"],
        title=rec.get("title"),
        published=parse_date(rec.get("published"), origin) or published,
        source=rec.get("source"),
        url=rec.get("url"),
    )


def _text_article(text: str, published: dt.date | None, source: str | None) -> Article:
    head, sep, body = text.partition("\n\n")
    if sep and "\n" not in head.strip() and len(head) < 300 and body.strip():
        # The title stays part of the text so that spans count from the file's first byte.
        return Article(text=text, title=head.strip(), published=published, source=source)
    return Article(text=text, published=published, source=source)


def read_path(
    path: str, published: dt.date | None = None, source: str | None = None
) -> Iterator[Item]:
    """Articles in one file ("-" is standard input)."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise SourceError(f"{path}: a directory; give the files in it, e.g. {path}/*.txt")
            if not p.is_file():
                raise SourceError(f"{path}: no such file")
            if p.stat().st_size > MAX_FILE_BYTES:
                raise SourceError(
                    f"{path}: file too large ({p.stat().st_size:,} bytes; the "
                    f"limit is {MAX_FILE_BYTES:,}); split it into articles"
                )
            data = p.read_bytes()
        if len(data) > MAX_FILE_BYTES:
            raise SourceError(f"{path}: input too large; the limit is {MAX_FILE_BYTES:,} bytes")
        text = _decode(data, path)
    except SourceError as err:
        yield Item(path, None, str(err))
        return
    if path.endswith(".jsonl"):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            origin = f"{path}:{n}"
            try:
                yield Item(origin, article_from_record(json.loads(line), origin, published))
            except (json.JSONDecodeError, SourceError) as err:
                yield Item(
                    origin,
                    None,
                    str(err)
                    if isinstance(err, SourceError)
                    else f"{origin}: malformed JSON ({err.msg} at column {err.colno}); "
                    "each line of a .jsonl file must be one JSON article object",
                )
        return
    if path.endswith(".json"):
        try:
            data_obj = json.loads(text)
        except json.JSONDecodeError as err:
            yield Item(
                path,
                None,
                f"{path}: malformed JSON ({err.msg} at line {err.lineno}); "
                "a .json file holds one article object or a list of them",
            )
            return
        records = data_obj if isinstance(data_obj, list) else [data_obj]
        if not records:
            yield Item(path, None, f"{path}: an empty list; put article objects in it")
            return
        for n, rec in enumerate(records):
            origin = path if len(records) == 1 else f"{path}[{n}]"
            try:
                yield Item(origin, article_from_record(rec, origin, published))
            except SourceError as err:
                yield Item(origin, None, str(err))
        return
    yield Item(path, _text_article(text, published, source))
