"""The JSON Schema of ArticleReport: generated from the dataclasses, shipped, and true."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jsonschema
import pytest

from euphrates import records
from euphrates.records import Article, ArticleReport, to_dict
from euphrates.schema import SCHEMA_PATH, build_schema, load_schema, main, schema_text

TEXT = (
    "Gunmen kill three police officers in Kano\n\n"
    "KANO, Nigeria — Gunmen killed three police officers at a checkpoint in Kano on Monday, "
    "police said.\n\n"
    "The Nigerian army said its jets struck militant camps near Maiduguri on Sunday, killing at "
    "least 20 fighters. Boko Haram denied the army's account."
)

RECORD_CLASSES = (
    "ArticleReport",
    "Article",
    "Mentions",
    "PlaceMention",
    "PlaceCandidate",
    "Place",
    "DateMention",
    "DateRange",
    "Quantity",
    "ActorMention",
    "Actor",
    "Claim",
    "Event",
    "EventActor",
    "EventLocation",
    "EventDate",
    "Count",
    "Span",
)


@pytest.fixture(scope="module")
def report(coder: Any) -> ArticleReport:
    rep: ArticleReport = coder.code(
        Article(
            TEXT,
            title="Gunmen kill three police officers in Kano",
            published=dt.date(2021, 5, 4),
            source="Test Wire",
            url="https://example.org/kano",
        )
    )
    return rep


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def errors(validator: Any, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


# -- the shipped file is the code's ---------------------------------------------------------


def test_shipped_schema_is_generated_from_the_code() -> None:
    assert SCHEMA_PATH.is_file(), "run `python -m euphrates.schema` to write the schema"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "src/euphrates/schema/article-report.schema.json is stale: records.py changed; "
        "regenerate it with `python -m euphrates.schema`"
    )


def test_main_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check"]) == 0
    out = tmp_path / "s.json"
    assert main([str(out), "--check"]) == 1  # missing
    assert "stale" in capsys.readouterr().err
    assert main([str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()
    assert main([str(out), "--check"]) == 0
    out.write_text(schema_text().replace('"integer"', '"number"'), encoding="utf-8")
    assert main([str(out), "--check"]) == 1


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$ref"] == "#/$defs/ArticleReport"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_one_def_per_dataclass_with_required_fields_from_defaults() -> None:
    schema = build_schema()
    assert set(schema["$defs"]) == set(RECORD_CLASSES)
    for name in RECORD_CLASSES:
        cls = getattr(records, name)
        d = schema["$defs"][name]
        names = [f.name for f in dataclasses.fields(cls)]
        assert list(d["properties"]) == names
        assert d["required"] == [
            f.name
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        assert d["additionalProperties"] is False
    defs = schema["$defs"]
    assert defs["Article"]["required"] == ["text"]
    assert defs["Article"]["properties"]["published"] == {
        "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]
    }
    assert defs["Article"]["properties"]["dateline"] == {
        "anyOf": [{"$ref": "#/$defs/PlaceMention"}, {"type": "null"}]
    }
    assert defs["PlaceMention"]["properties"]["role"]["enum"] == [
        "location",
        "demonym",
        "dateline",
        "organisation",
        "qualifier",
    ]
    assert defs["Event"]["properties"]["counts"] == {
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/Count"},
    }
    assert defs["Event"]["properties"]["related_evidence"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/Span"},
    }
    assert "related_evidence" not in defs["Event"]["required"]
    assert defs["Place"]["properties"]["lat"] == {"type": "number"}
    assert defs["Place"]["properties"]["geonameid"] == {"type": ["integer", "null"]}
    assert defs["Event"]["properties"]["background"] == {"type": "boolean"}
    # Class docstrings and end-of-line comments become descriptions.
    assert defs["Span"]["description"].startswith("A stretch of the article text")
    assert "1 day, 2 week, 3 month" in defs["DateRange"]["properties"]["precision"]["description"]


@dataclass
class _Inner:
    n: int


@dataclass
class _Toy:
    """A toy."""

    when: dt.date
    stamp: dt.datetime
    mode: Literal["a", "b"]
    by_key: dict[str, _Inner]
    many: list[_Inner | None]
    maybe: float | None = None
    flag: bool = False
    anything: Any = None
    tags: list[str] = field(default_factory=list)


@dataclass
class _Bad:
    keyed: dict[int, str]


def test_type_mapping_on_a_toy() -> None:
    schema = build_schema(_Toy)
    toy = schema["$defs"]["_Toy"]
    assert schema["description"] == "A toy."
    assert toy["required"] == ["when", "stamp", "mode", "by_key", "many"]
    p = toy["properties"]
    assert p["when"] == {"type": "string", "format": "date"}
    assert p["stamp"] == {"type": "string", "format": "date-time"}
    assert p["mode"] == {"type": "string", "enum": ["a", "b"]}
    assert p["by_key"] == {"type": "object", "additionalProperties": {"$ref": "#/$defs/_Inner"}}
    assert p["many"] == {
        "type": "array",
        "items": {"anyOf": [{"$ref": "#/$defs/_Inner"}, {"type": "null"}]},
    }
    assert p["maybe"] == {"type": ["number", "null"]}
    assert p["flag"] == {"type": "boolean"}
    assert p["anything"] == {}
    assert p["tags"] == {"type": "array", "items": {"type": "string"}}
    assert schema["$defs"]["_Inner"]["properties"] == {"n": {"type": "integer"}}
    with pytest.raises(TypeError, match="_Bad.keyed"):
        build_schema(_Bad)


# -- real output validates, and the schema is not vacuous ----------------------------------


def test_coded_article_validates(report: ArticleReport, validator: Any) -> None:
    assert report.events, "the test article should give events"
    data = to_dict(report)
    assert errors(validator, data) == []
    # As consumers see it: through JSON text.
    assert errors(validator, json.loads(json.dumps(data, ensure_ascii=False))) == []


def test_shipped_samples_validate(coder: Any, validator: Any) -> None:
    import importlib.resources

    from euphrates.sources import read_path

    folder = importlib.resources.files("euphrates").joinpath("data", "samples")
    paths = sorted(str(p) for p in folder.iterdir() if str(p).endswith(".json"))
    assert paths
    articles = [i.article for p in paths for i in read_path(p) if i.article is not None]
    for rep in coder.code_many(articles):
        assert isinstance(rep, ArticleReport)
        assert errors(validator, json.loads(json.dumps(to_dict(rep)))) == []


def test_schema_rejects_what_the_code_never_writes(report: ArticleReport, validator: Any) -> None:
    good = json.loads(json.dumps(to_dict(report)))
    cases: list[tuple[str, Any]] = []

    def case(name: str, change: Any) -> None:
        data = copy.deepcopy(good)
        change(data)
        cases.append((name, data))

    case("missing event_id", lambda d: d["events"][0].pop("event_id"))
    case("unknown field", lambda d: d["article"].update(sentiment=0.3))
    case("bad date", lambda d: d["article"].update(published="04/05/2021"))
    case("string offset", lambda d: d["events"][0]["evidence"].update(start="0"))
    case("bad role", lambda d: d["mentions"]["places"][0].update(role="capital"))
    case("null trigger", lambda d: d["events"][0].update(trigger=None))
    case("count not an object", lambda d: d["events"][0].update(counts={"fatalities": 3}))
    for name, data in cases:
        assert errors(validator, data), f"{name} passed the schema"


def test_spans_point_into_the_text(report: ArticleReport) -> None:
    """What docs/FORMAT.md promises: every span is text[start:end]."""
    text = report.article.text

    def spans(x: Any) -> Iterator[dict[str, Any]]:
        if isinstance(x, dict):
            if set(x) == {"start", "end", "text"}:
                yield x
            for v in x.values():
                yield from spans(v)
        elif isinstance(x, list):
            for v in x:
                yield from spans(v)

    found = list(spans(to_dict(report)))
    assert len(found) > 10
    for s in found:
        assert text[s["start"] : s["end"]] == s["text"], s


def test_format_doc_names_every_field() -> None:
    """docs/FORMAT.md documents every record field, ACLED column and store column."""
    from euphrates.formats import ACLED_COLUMNS
    from euphrates.store import EVENT_COLUMNS

    doc_path = Path(__file__).resolve().parents[1] / "docs" / "FORMAT.md"
    if not doc_path.is_file():
        pytest.skip("docs/ is not part of this checkout")
    doc = doc_path.read_text(encoding="utf-8")
    missing = [
        f"{name}.{f.name}"
        for name in RECORD_CLASSES
        for f in dataclasses.fields(getattr(records, name))
        if f"`{f.name}`" not in doc and f'"{f.name}"' not in doc
    ]
    missing += [c for c in (*ACLED_COLUMNS, *EVENT_COLUMNS) if c not in doc]
    assert not missing, f"docs/FORMAT.md does not mention {', '.join(missing)}"
