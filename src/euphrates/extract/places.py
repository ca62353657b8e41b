"""Toponyms in a parsed document, resolved to gazetteer places with the article as context.

Recognition (`toponyms.py`) finds the names; resolution (`resolution.py`) places them.
Demonyms ("Syrian") give a country but never an event location; the dateline ("BEIRUT:") is
where the reporter is, and is kept apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from euphrates.extract.resolution import (
    PlaceContext,
    article_focus,
    country_focus,
    demonym_place,
    distance_km,
    focus_place,
    inner_place,
    rank_candidates,
    resolve_name,
)
from euphrates.extract.toponyms import (
    BROAD,
    RawMention,
    find_dateline,
    offset_point,
    ordinary_name,
    overlaps,
    recognise,
)
from euphrates.gazetteer.index import GeoNamesIndex
from euphrates.gazetteer.normalize import name_key
from euphrates.records import Place, PlaceMention, Span
from euphrates.resources import Demonym

__all__ = [
    "PlaceContext",
    "article_focus",
    "distance_km",
    "extract_places",
    "find_dateline",
    "offset_point",
    "resolve_name",
]


def extract_places(
    doc: Doc,
    index: GeoNamesIndex,
    demonyms: dict[str, Demonym],
    excluded: Sequence[tuple[int, int]] = (),
) -> list[PlaceMention]:
    """Every toponym, demonym and the dateline of the document, resolved in context."""
    raws = recognise(doc, index, demonyms, excluded)
    dateline = find_dateline(doc.text)
    if dateline is not None:
        raws = [
            r
            for r in raws
            if not overlaps((r.span.start, r.span.end), [(dateline[0].start, dateline[0].end)])
        ]
        region = dateline[1]
        if region:
            # "BUKAVU, Congo -": the region only says where the dateline town is; it places
            # no event ("Congo" is the town's country, not the Republic of the Congo).
            at = doc.text.find(region, dateline[0].end, dateline[0].end + 40)
            for r in raws:
                if at >= 0 and overlaps((r.span.start, r.span.end), [(at, at + len(region))]):
                    r.role = "qualifier"
        raws.insert(0, RawMention(dateline[0], "dateline", None, 0, False, None, dateline[1]))

    # Pass 1: without context, to learn which countries the article is about.
    first: list[tuple[RawMention, Place | None]] = []
    weights: list[float] = []
    for raw in raws:
        if raw.role == "demonym":
            first.append((raw, demonym_place(index, raw.span.text, raw.demonym)))
            weights.append(1.0)
        elif raw.capital_of:
            first.append((raw, index.capital(raw.capital_of)))
            weights.append(1.0)
        else:
            place, _, cands = rank_candidates(raw, index, {}, [])
            first.append((raw, place))
            # A name found in several countries ("Palmyra") says little about the article,
            # and an ordinary word ("the Centre") nothing.
            spread = len({c.place.country for c in cands})
            best = max((m.quality for m in index.lookup(raw.span.text)), default=1.0)
            weak = bool(cands) and best < 0.9
            silent = ordinary_name(raw.span.text) or weak
            weights.append(0.0 if silent else 1.0 / max(1, spread))
    focus = country_focus(first, weights)
    unique: dict[str, tuple[str, Place]] = {}
    for r, p in first:
        if (
            p is not None
            and r.role in ("location", "organisation", "qualifier")
            and p.feature_code not in BROAD
            and not ordinary_name(r.span.text)
        ):
            unique.setdefault(p.place_id, (name_key(r.span.text), p))
    anchors = list(unique.values())
    mentions: list[PlaceMention] = []
    unplaced: list[int] = []  # streets and landmarks the gazetteer lacks
    for raw, _ in first:
        if raw.role == "demonym":
            place = demonym_place(index, raw.span.text, raw.demonym)
            mentions.append(
                PlaceMention(
                    raw.span, place, "demonym", None, 1.0 if place else 0.0, [], raw.sentence
                )
            )
            continue
        # The other names' places, not this name's own first guess.
        key = name_key(raw.span.text)
        others = [p for k, p in anchors if k != key]
        if raw.capital_of:
            capital = index.capital(raw.capital_of)
            mentions.append(PlaceMention(raw.span, capital, raw.role, None, 1.0, [], raw.sentence))
            continue
        place, score, cands = rank_candidates(raw, index, focus, others)
        if (
            place is not None
            and ordinary_name(raw.span.text)
            and (not place.country or focus.get(place.country, 0.0) < 0.2)
        ):
            continue  # "the Centre" of an article about India is no province of Burkina Faso
        relation = raw.relation
        if place is None and raw.qualifiers:
            # "Kansafra (Ariha, Idlib)" with Kansafra unknown: the district around it.
            for area in raw.qualifiers:
                sub = RawMention(Span(0, len(area), area), "location", None, 0, False)
                place = rank_candidates(sub, index, focus, others)[0]
                if place is not None:
                    relation = "within"
                    break
        if place is None and raw.role == "location":
            # "Lake Manassas", "Old Town Manassas": a known place inside an unknown name.
            place = inner_place(raw.span.text, index, focus, others)
            relation = "named in" if place is not None else relation
            if place is None:
                unplaced.append(len(mentions))
        mentions.append(
            PlaceMention(raw.span, place, raw.role, relation, score, cands, raw.sentence)
        )
    if unplaced:
        # A street or landmark the gazetteer lacks lies, most likely, where the article is.
        fallback = focus_place(
            [(RawMention(m.span, m.role, None, 0, False), m.place) for m in mentions],
            index,
            focus,
        )
        if fallback is not None:
            for n in unplaced:
                mentions[n].place = fallback
                mentions[n].relation = "in article focus"
    return mentions
