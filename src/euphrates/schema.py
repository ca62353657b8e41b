"""The JSON Schema of Euphrates' output, generated from the record dataclasses.

`build_schema()` walks `ArticleReport` and every dataclass it contains, reading each field's
type hint, and gives a JSON Schema (draft 2020-12) with one `$defs` entry per dataclass.  It
describes `to_dict(report)`: one element of `euphrates code --format json`, one line of
`--format jsonl`.  The schema shipped in `euphrates/schema/article-report.schema.json` is
this function's output; regenerate it after changing `records.py`:

    python -m euphrates.schema            # rewrite the shipped file
    python -m euphrates.schema --check    # exit 1 if the shipped file is stale

Type hints map as: `str`, `int`, `float`, `bool` to the JSON types; `datetime.date` to a
string of format "date" (`datetime.datetime`: "date-time"); `X | None` to X or null;
`list[X]` to an array; `dict[str, X]` to an object of X values; `Literal[...]` to an enum;
a dataclass to a `$ref`.  A field without a default is `required`.  Class docstrings and the
comment that ends a field's line become `description`s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import io
import json
import sys
import tokenize
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from euphrates.records import ArticleReport

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = "article-report.schema.json"
SCHEMA_PATH = Path(__file__).with_name("schema") / SCHEMA_FILE
"""Where the generated schema is kept, inside the package (shipped as package data)."""

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    dt.datetime: {"type": "string", "format": "date-time"},
    dt.date: {"type": "string", "format": "date"},
    type(None): {"type": "null"},
}


def build_schema(root: type = ArticleReport) -> dict[str, Any]:
    """The JSON Schema of `to_dict(x)` for an instance `x` of the dataclass `root`."""
    defs: dict[str, dict[str, Any]] = {}
    ref = _dataclass_ref(root, defs)
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "title": root.__name__,
    }
    description = _class_doc(root)
    if description:
        schema["description"] = description
    schema.update(ref)
    schema["$defs"] = defs
    return schema


def schema_text(root: type = ArticleReport) -> str:
    """`build_schema` as the text of the shipped file (2-space indent, final newline)."""
    return json.dumps(build_schema(root), indent=2, ensure_ascii=False) + "\n"


def load_schema() -> dict[str, Any]:
    """The shipped schema file, parsed."""
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


def _dataclass_ref(cls: type, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # reserved first, so that a cycle ends in a $ref
        defs[name] = _dataclass_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _dataclass_schema(cls: type, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    comments = _field_comments(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):
        prop = _type_schema(hints[f.name], defs, f"{cls.__name__}.{f.name}")
        if f.name in comments:
            # A $ref may not carry siblings in every validator's eyes: wrap it.
            prop = {"allOf": [prop]} if "$ref" in prop else dict(prop)
            prop["description"] = comments[f.name]
        properties[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    out: dict[str, Any] = {"type": "object"}
    description = _class_doc(cls)
    if description:
        out["description"] = description
    out["properties"] = properties
    out["required"] = required
    out["additionalProperties"] = False
    return out


def _type_schema(tp: Any, defs: dict[str, dict[str, Any]], where: str) -> dict[str, Any]:
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    if tp is Any:
        return {}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_ref(tp, defs)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        values = list(args)
        out: dict[str, Any] = {}
        kinds = {type(v) for v in values}
        if len(kinds) == 1 and (kind := kinds.pop()) in (str, int, bool):
            out["type"] = _SCALARS[kind]["type"]
        out["enum"] = values
        return out
    if origin in (typing.Union, types.UnionType):
        return _union([_type_schema(a, defs, where) for a in args])
    if origin in (list, Sequence):
        (item,) = args
        return {"type": "array", "items": _type_schema(item, defs, where)}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0], defs, where)}
    if origin is tuple:
        # A fixed tuple ("lat, lon") is an array of exactly those items.
        return {
            "type": "array",
            "prefixItems": [_type_schema(a, defs, where) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if origin is dict:
        key, value = args
        if key is not str:
            raise TypeError(f"{where}: JSON object keys must be str, not {key!r}")
        return {"type": "object", "additionalProperties": _type_schema(value, defs, where)}
    raise TypeError(f"{where}: no JSON Schema for the type {tp!r}; extend euphrates.schema")


def _union(options: list[dict[str, Any]]) -> dict[str, Any]:
    """`{"type": [...]}` when every option is a bare type, else `anyOf`."""
    if all(set(o) == {"type"} and isinstance(o["type"], str) for o in options):
        return {"type": [o["type"] for o in options]}
    return {"anyOf": options}


def _class_doc(cls: type) -> str | None:
    doc = cls.__dict__.get("__doc__")
    if not doc or doc.startswith(f"{cls.__name__}("):  # dataclass's generated signature
        return None
    return inspect.cleandoc(doc)


def _field_comments(cls: type) -> dict[str, str]:
    """The comments inside each field's statement in the class source (`x: int  # why`).

    A comment belongs to the field whose logical line it is in, so a formatter wrapping
    `x: (\n    int  # why\n)` changes nothing; comment-only lines are left out.
    """
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return {}
    names = {f.name for f in dataclasses.fields(cls)}
    out: dict[str, list[str]] = {}
    skip = (tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING)
    at_start, first, current = True, "", ""
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NEWLINE:
            at_start, first, current = True, "", ""
        elif tok.type == tokenize.COMMENT:
            if current:
                out.setdefault(current, []).append(tok.string.lstrip("#").strip())
        elif tok.type in skip:
            continue
        elif at_start:
            at_start = False
            first = tok.string if tok.type == tokenize.NAME and tok.string in names else ""
        elif first:
            current = first if tok.type == tokenize.OP and tok.string == ":" else ""
            first = ""
    return {name: " ".join(parts) for name, parts in out.items()}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m euphrates.schema",
        description="Write the JSON Schema of ArticleReport, generated from euphrates.records.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=SCHEMA_PATH,
        help=f"where to write it (default: {SCHEMA_PATH})",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the file differs from the code",
    )
    parser.add_argument("--stdout", action="store_true", help="print it instead")
    args = parser.parse_args(argv)
    text = schema_text()
    path: Path = args.path
    if args.stdout:
        sys.stdout.write(text)
        return 0
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            print(
                f"{path} is stale; regenerate it with `python -m euphrates.schema`", file=sys.stderr
            )
            return 1
        print(f"{path} is up to date")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
