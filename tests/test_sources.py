"""Reading articles from files: every bad input is one clear line, and the batch goes on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from euphrates.sources import MAX_FILE_BYTES, Item, SourceError, parse_date, read_path

TEXT = "Gunmen killed three police officers at a checkpoint in Kano on Monday, police said.\n"


def read(path: Path, published: dt.date | None = None, source: str | None = None) -> list[Item]:
    return list(read_path(str(path), published, source))


def only_error(items: list[Item]) -> str:
    """The one error of a file that yields nothing else; checks it is one line."""
    assert len(items) == 1, items
    item = items[0]
    assert item.article is None
    error = item.error
    assert isinstance(error, str)
    assert "\n" not in error and error.strip() == error
    assert error.startswith(item.origin + ":")
    return error


# -- good input -------------------------------------------------------------------------------


def test_txt_file_is_one_article_with_its_title(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Three police officers killed in Kano\n\n" + TEXT, encoding="utf-8")
    (item,) = read(p, dt.date(2021, 5, 4), "Daily Trust")
    assert item.error is None and item.article is not None
    art = item.article
    assert art.title == "Three police officers killed in Kano"
    assert art.text.startswith("Three police")  # spans count from the file's first byte
    assert art.published == dt.date(2021, 5, 4)
    assert art.source == "Daily Trust"


def test_txt_without_title_and_utf8_bom(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    (item,) = read(p)
    assert item.article is not None
    assert item.article.title is None
    assert item.article.text == TEXT


def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(
        json.dumps(
            {
                "text": TEXT,
                "title": "T",
                "published": "2021-05-04T10:00:00Z",
                "source": "S",
                "url": "https://example.org/a",
            }
        ),
        encoding="utf-8",
    )
    (item,) = read(one, published=dt.date(2000, 1, 1))
    assert item.article is not None
    assert item.origin == str(one)
    assert item.article.published == dt.date(2021, 5, 4)  # the record's own date wins
    assert (item.article.title, item.article.source, item.article.url) == (
        "T",
        "S",
        "https://example.org/a",
    )

    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": TEXT}, {"text": TEXT + " More."}]), encoding="utf-8")
    items = read(many, published=dt.date(2021, 5, 4))
    assert [i.origin for i in items] == [f"{many}[0]", f"{many}[1]"]
    assert all(i.article is not None and i.article.published == dt.date(2021, 5, 4) for i in items)


def test_jsonl_bad_lines_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_text(
        "\n".join(
            [
                json.dumps({"text": TEXT, "published": "2021-05-04"}),
                "{not json",
                "",
                json.dumps({"title": "no text"}),
                json.dumps({"text": TEXT, "published": "4th May 2021"}),
                json.dumps({"text": TEXT, "title": 7}),
                json.dumps({"text": TEXT + " Again."}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    items = read(p)
    assert [i.origin for i in items] == [f"{p}:{n}" for n in (1, 2, 4, 5, 6, 7)]
    good = [i for i in items if i.article is not None]
    assert [i.origin for i in good] == [f"{p}:1", f"{p}:7"]
    errors = {i.origin: i.error or "" for i in items if i.article is None}
    assert "malformed JSON" in errors[f"{p}:2"] and "one JSON article object" in errors[f"{p}:2"]
    assert "'text' string" in errors[f"{p}:4"]
    assert "unknown date format '4th May 2021'; use YYYY-MM-DD" in errors[f"{p}:5"]
    assert "'title' must be a string" in errors[f"{p}:6"]
    for origin, error in errors.items():
        assert error.startswith(origin + ":") and "\n" not in error


def test_parse_date() -> None:
    assert parse_date("2021-05-04", "x") == dt.date(2021, 5, 4)
    assert parse_date("2021-05-04T23:59:00+02:00", "x") == dt.date(2021, 5, 4)
    assert parse_date(None, "x") is None and parse_date("", "x") is None
    for bad in ("04/05/2021", "May 4, 2021", "2021-13-01", "yesterday"):
        with pytest.raises(SourceError, match=r"^x: unknown date format .*; use YYYY-MM-DD$"):
            parse_date(bad, "x")


# -- bad input: one line each -------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    for name, data in (("empty.txt", b""), ("blank.txt", b"  \n\n\t\n"), ("e.jsonl", b"\n\n")):
        p = tmp_path / name
        p.write_bytes(data)
        assert "empty file" in only_error(read(p))


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary file" in only_error(read(p))


def test_latin1_file(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\u00e9 bombed in Gaza, officials said.".encode("latin-1"))
    error = only_error(read(p))
    assert "not UTF-8" in error and "iconv -f latin1 -t utf-8" in error


def test_utf16_file(tmp_path: Path) -> None:
    p = tmp_path / "wide.txt"
    p.write_bytes(TEXT.encode("utf-16"))
    assert "UTF-16" in only_error(read(p))


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    size = max(50 * 1024 * 1024, MAX_FILE_BYTES + 1)
    with p.open("wb") as f:
        f.truncate(size)  # sparse: nothing is written
    assert p.stat().st_size == size
    error = only_error(read(p))
    assert "too large" in error and f"{MAX_FILE_BYTES:,}" in error


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "no such file" in only_error(read(tmp_path / "nope.txt"))
    assert "a directory" in only_error(read(tmp_path))


def test_malformed_json_file(tmp_path: Path) -> None:
    p = tmp_path / "broken.json"
    p.write_text('{"text": "Gunmen attacked", ', encoding="utf-8")
    error = only_error(read(p))
    assert "malformed JSON" in error and "line 1" in error


def test_json_without_articles(tmp_path: Path) -> None:
    p = tmp_path / "none.json"
    p.write_text("[]", encoding="utf-8")
    assert "empty list" in only_error(read(p))
    p.write_text('"just a string"', encoding="utf-8")
    assert "'text' string" in only_error(read(p))


def test_json_unknown_date_format(tmp_path: Path) -> None:
    p = tmp_path / "dated.json"
    p.write_text(json.dumps({"text": TEXT, "published": "05/04/2021"}), encoding="utf-8")
    assert "unknown date format '05/04/2021'" in only_error(read(p))
