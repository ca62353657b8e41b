"""The data files shipped in the package: actor registry and demonyms."""

from __future__ import annotations

import datetime as dt
import importlib.resources
from dataclasses import dataclass, field
from typing import Any, cast, get_args

import yaml

from euphrates.records import ActorKind


@dataclass(frozen=True)
class Demonym:
    word: str
    country: str | None  # ISO alpha-2, None for peoples without one country ("Kurdish")
    group: str | None = None
    region: str | None = None  # "Scottish": the first-level area of `country` it names


@dataclass(frozen=True)
class RegistryActor:
    id: str
    name: str
    kind: ActorKind
    country: str | None
    aliases: tuple[str, ...]
    generic_terms: tuple[str, ...] = field(default_factory=tuple)
    # (until, kind): the kind the actor had before a date ("Taliban": a rebel group until
    # they took Kabul on 2021-08-15, state forces since)
    earlier: tuple[dt.date, ActorKind] | None = None

    def kind_on(self, day: dt.date | None) -> ActorKind:
        if self.earlier is not None and day is not None and day < self.earlier[0]:
            return self.earlier[1]
        return self.kind


def _load_yaml(name: str) -> Any:
    text = importlib.resources.files("euphrates").joinpath("data", name).read_text("utf-8")
    return yaml.safe_load(text)


def load_demonyms() -> dict[str, Demonym]:
    """Lower-cased word (adjective or plural) -> demonym."""
    table: dict[str, Demonym] = {}
    for rec in _load_yaml("demonyms.yaml") or []:
        country = rec.get("country")
        group = rec.get("group")
        region = rec.get("region")
        for key in ("demonym", "plural"):
            word = rec.get(key)
            # "US", "UK": upper-case codes would meet the pronoun "us" once lower-cased;
            # the gazetteer knows them as country names instead.
            if word and not (str(word).isupper() and len(str(word)) <= 3):
                table.setdefault(str(word).lower(), Demonym(str(word), country, group, region))
    return table


def _kind(rec: dict[str, Any]) -> ActorKind:
    kind = str(rec.get("kind"))
    if kind not in get_args(ActorKind):
        raise ValueError(f"actor {rec.get('id')!r}: unknown kind {kind!r} in actors.yaml")
    return cast(ActorKind, kind)


def _earlier(rec: dict[str, Any]) -> tuple[dt.date, ActorKind] | None:
    before = rec.get("before")
    if not before:
        return None
    until = before.get("until")
    day = until if isinstance(until, dt.date) else dt.date.fromisoformat(str(until))
    return day, _kind({"id": rec.get("id"), "kind": before.get("kind")})


def load_registry() -> list[RegistryActor]:
    actors = []
    for rec in _load_yaml("actors.yaml") or []:
        actors.append(
            RegistryActor(
                id=str(rec["id"]),
                name=str(rec["name"]),
                kind=_kind(rec),
                country=rec.get("country"),
                aliases=tuple(str(a) for a in rec.get("aliases") or ()),
                generic_terms=tuple(str(a) for a in rec.get("generic_terms") or ()),
                earlier=_earlier(rec),
            )
        )
    return actors
