"""Resolving recognised names to gazetteer places, with the article as context.

Each candidate is scored by name-match quality, feature kind, population, the countries the
article is about, nearness to its other places and containment in a region it names.
"""

from __future__ import annotations

import collections
import math
import re
from collections.abc import Iterable, Sequence

from euphrates.extract.toponyms import (
    BROAD,
    CONTINENT_ADJECTIVES,
    NAME_PARTS,
    REGION_WORDS,
    RawMention,
)
from euphrates.gazetteer.index import GeoNamesIndex, NameMatch
from euphrates.gazetteer.normalize import name_key
from euphrates.records import Place, PlaceCandidate, PlaceMention, Span
from euphrates.resources import Demonym

NEAR_SPELLING = 0.8  # a transliteration match this close is as good as a name's variant


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def distance_km(a: Place, b: Place) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _names_region(name: str) -> bool:
    """ "Morris County", "Idlib Governorate": the name itself says it is a region."""
    last = name.rsplit(None, 1)[-1].lower() if name.strip() else ""
    return last in REGION_WORDS and " " in name.strip()


def _score(
    m: NameMatch,
    raw: RawMention,
    focus: dict[str, float],
    anchors: Sequence[Place],
    town_named_alike: bool = False,
) -> float:
    p = m.place
    # (GeoNames gives many towns no population: count them as villages, not as nothing)
    population = max(p.population, 1_000) if p.feature_class == "P" else p.population
    score = 2.0 * m.quality + math.log10(population + 1) / 5.0
    code = p.feature_code
    region_hint = raw.region_hint or _names_region(raw.span.text)
    if code == "PCLI":
        score += 1.0
    elif code in ("CONT", "RGN"):
        score += 0.5
    elif code in ("ADM1", "ADM2"):
        # "Idlib" alone is the city, "Idlib province" the region; "Florida" is the state.
        if region_hint:
            score += 1.5
        elif code == "ADM2" or town_named_alike:
            score -= 0.6
        else:
            score += 0.5  # "Oregon", "Virginia": the state, not a small namesake town
    elif code == "PPLC":
        score += 0.6
    if p.country and focus:
        score += 1.2 * focus.get(p.country, 0.0)
    if anchors and code not in BROAD:
        near = min(_rough_km(p, a) for a in anchors)
        score += 0.6 if near < 150 else 0.3 if near < 400 else 0.0
        # Containment: "Parkland" in an article that names Florida is the Florida one.
        if (
            p.admin1
            and code != "ADM1"
            and any(a.admin1 == p.admin1 and a.place_id != p.place_id for a in anchors)
        ):
            score += 0.6
    return score


def _rough_km(a: Place, b: Place) -> float:
    """Equirectangular distance: within a few per cent of the great circle at these ranges,
    and several times cheaper, which matters when every candidate meets every anchor."""
    mean_lat = math.radians((a.lat + b.lat) / 2)
    dx = math.radians(b.lon - a.lon) * math.cos(mean_lat)
    dy = math.radians(b.lat - a.lat)
    return 6371.0 * math.sqrt(dx * dx + dy * dy)


def _qualified(matches: list[NameMatch], within: str, index: GeoNamesIndex) -> list[NameMatch]:
    areas = [
        m.place
        for m in index.lookup(within)
        if m.quality >= 0.9 and m.place.feature_code in ("ADM1", "PCLI")
    ]
    keep = []
    for m in matches:
        for area in areas:
            same_state = area.feature_code == "ADM1" and m.place.admin1 == area.admin1
            same_country = area.feature_code == "PCLI" and m.place.country == area.country
            if (same_state or same_country) and m.place.place_id != area.place_id:
                keep.append(m)
                break
    return keep


def rank_candidates(
    raw: RawMention, index: GeoNamesIndex, focus: dict[str, float], anchors: Sequence[Place]
) -> tuple[Place | None, float, list[PlaceCandidate]]:
    matches = index.lookup(raw.span.text)
    head, _, last = raw.span.text.rpartition(" ")
    exact = any(m.quality >= 0.9 for m in matches)
    if not exact and head and last.lower() in ("city", "town", "village", "camp"):
        # "Taiz city", "Basra city": the town of that name ("Gaza City" is found whole).
        matches = [m for m in index.lookup(head) if m.place.feature_class == "P"]
    if raw.within:
        # "Paris, Texas": only the candidates inside the named state or country; a
        # spelling that is only alike is no candidate elsewhere.
        inside = _qualified(matches, raw.within, index)
        matches = inside or [m for m in matches if m.quality >= 0.9]
    if any(m.quality >= 0.9 for m in matches):
        matches = [m for m in matches if m.quality >= 0.9]
    else:
        # A transliteration match is weak evidence: keep a near spelling ("Maarat al-Numan"
        # for "Ma'arrat an Nu'man"), and a looser one only inside the article's countries,
        # or where the text says what kind of place it is ("Deir Ezzor province", "the
        # village of X") and the article has no countries yet.
        matches = [
            m
            for m in matches
            if m.quality >= NEAR_SPELLING
            or (m.place.country and focus.get(m.place.country, 0.0) > 0.0)
            or not focus
            and (
                (raw.region_hint or _names_region(raw.span.text))
                and m.place.feature_code in ("ADM1", "ADM2")
                or (raw.settlement_hint and m.place.feature_class == "P")
            )
        ]
    if not matches:
        return None, 0.0, []
    # A region loses to a same-named town that is a sizeable part of it ("Idlib", "Mosul"),
    # not to a small namesake elsewhere ("Florida", Cuba, against the state).
    biggest_region = max(
        (m.place.population for m in matches if m.place.feature_code in ("ADM1", "ADM2")),
        default=0,
    )
    regions = {m.place.admin1 for m in matches if m.place.feature_code in ("ADM1", "ADM2")}
    town = any(
        m.place.feature_class == "P"
        and m.quality >= 0.9
        and (
            m.place.population >= max(20_000, biggest_region / 10)
            or (
                m.place.admin1 in regions and m.place.population >= max(10_000, biggest_region / 40)
            )
        )
        for m in matches
    )
    scored = sorted(
        (PlaceCandidate(m.place, round(_score(m, raw, focus, anchors, town), 3)) for m in matches),
        key=lambda c: -c.score,
    )
    return scored[0].place, scored[0].score, scored[:5]


# How much each kind of mention says about which countries an article is about.
ROLE_WEIGHTS: dict[str, float] = {
    "location": 1.0,
    "demonym": 0.5,
    "dateline": 0.3,
    "organisation": 0.3,
    "qualifier": 1.0,
}


def country_focus(
    mentions: Iterable[tuple[RawMention, Place | None]], certainty: Sequence[float] | None = None
) -> dict[str, float]:
    weights: dict[str, float] = collections.defaultdict(float)
    for n, (raw, place) in enumerate(mentions):
        if place is None or not place.country:
            continue
        weights[place.country] += (certainty[n] if certainty else 1.0) * ROLE_WEIGHTS[raw.role]
    total = sum(weights.values())
    return {cc: w / total for cc, w in weights.items()} if total else {}


def continent(index: GeoNamesIndex, name: str) -> Place | None:
    """A continent or a macro-region ("Central America") by name."""
    return next(
        (m.place for m in index.lookup(name) if m.place.feature_code in ("CONT", "RGN")), None
    )


def demonym_place(index: GeoNamesIndex, text: str, demonym: Demonym | None) -> Place | None:
    """Where a demonym points: its region ("Scottish"), its country, or its continent."""
    whole = CONTINENT_ADJECTIVES.get(text.lower())
    if whole:
        return continent(index, whole)
    if demonym is None or not demonym.country:
        return None
    if demonym.region:
        for m in index.lookup(demonym.region):
            p = m.place
            if m.quality >= 0.9 and p.country == demonym.country and p.feature_code == "ADM1":
                return p
    return index.country(demonym.country)


def inner_place(
    text: str, index: GeoNamesIndex, focus: dict[str, float], anchors: Sequence[Place]
) -> Place | None:
    """The best-known place named inside a longer unknown name, longest part first."""
    words = [w for w in re.split(r"[\s,/]+", text) if w]
    if len(words) < 2:
        return None
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            if not part[0][:1].isupper() or all(w.lower() in NAME_PARTS for w in part):
                continue
            sub = " ".join(part)
            raw = RawMention(Span(0, len(sub), sub), "location", None, 0, False)
            place, _, cands = rank_candidates(raw, index, focus, anchors)
            if place is None:
                continue
            inside_focus = bool(place.country and focus.get(place.country, 0.0) >= 0.2)
            exact = any(
                c.place.place_id == place.place_id and m.quality == 1.0
                for c in cands[:1]
                for m in index.lookup(sub)
                if m.place.place_id == place.place_id
            )
            # (with no countries to go by, a capital or big city will do: "Islamabad High
            # Court")
            known = place.feature_code == "PPLC" or place.population >= 1_000_000
            if exact and (
                inside_focus or place.feature_code in ("PCLI", "ADM1") or (known and not focus)
            ):
                return place
    return None


def focus_place(
    resolved: Sequence[tuple[RawMention, Place | None]],
    index: GeoNamesIndex,
    focus: dict[str, float],
) -> Place | None:
    """The article's most-named settlement, else its most-named region, else its country.

    Places inside organisation names ("the New Orleans Public Library") count half; a town in
    a province the article names counts a little more than a namesake elsewhere.
    """
    weights: dict[str, float] = collections.defaultdict(float)
    by_id: dict[str, Place] = {}
    for raw, place in resolved:
        if place is None or raw.role == "demonym" or place.feature_code in BROAD:
            continue
        if place.country and focus and focus.get(place.country, 0.0) < 0.2:
            continue
        weights[place.place_id] += 0.5 if raw.role == "organisation" else 1.0
        by_id[place.place_id] = place
    provinces = {p.admin1 for p in by_id.values() if p.feature_code == "ADM1"}
    settlements = {k for k, p in by_id.items() if p.feature_class == "P"}
    if settlements:
        best = max(
            settlements,
            key=lambda k: (
                weights[k] + (0.5 if by_id[k].admin1 in provinces else 0.0),
                by_id[k].population,
            ),
        )
        return by_id[best]
    if weights:
        return by_id[max(weights, key=lambda k: (weights[k], by_id[k].population))]
    if focus:
        return index.country(max(focus, key=focus.__getitem__))
    return None


def article_focus(mentions: Sequence[PlaceMention]) -> dict[str, float]:
    """Share of the article's place evidence per country."""
    return country_focus(
        (RawMention(m.span, m.role, None, 0, False), m.place)
        for m in mentions
        if m.role in ("location", "demonym", "dateline", "qualifier")
    )


class PlaceContext:
    """An article's resolved places, ready to resolve further names against.

    Its countries, its anchor places (deduplicated) and its fallback are worked out once,
    so resolving many names in one article costs one lookup and one scoring each.
    """

    def __init__(
        self,
        index: GeoNamesIndex,
        demonyms: dict[str, Demonym],
        mentions: Sequence[PlaceMention] = (),
    ) -> None:
        self.index = index
        self.demonyms = demonyms
        self.mentions = mentions
        self.focus = article_focus(mentions)
        anchors: dict[str, tuple[str, Place]] = {}
        for m in mentions:
            p = m.place
            if (
                p is not None
                and m.role in ("location", "qualifier")
                and p.feature_code not in BROAD
            ):
                anchors.setdefault(p.place_id, (name_key(m.span.text), p))
        self.anchors = list(anchors.values())
        self._fallback: list[Place | None] = []
        self._cache: dict[str, Place | None] = {}

    def resolve(self, text: str) -> Place | None:
        key = text.strip()
        if key not in self._cache:
            self._cache[key] = self._resolve_text(key)
        return self._cache[key]

    def _resolve_text(self, text: str) -> Place | None:
        lowered = text.lower()
        dem = self.demonyms.get(lowered)
        if dem is not None or lowered in CONTINENT_ADJECTIVES:
            return demonym_place(self.index, text, dem)
        key = name_key(text)
        anchors = [p for k, p in self.anchors if k != key]
        raw = RawMention(Span(0, len(text), text), "location", None, 0, False)
        place = rank_candidates(raw, self.index, self.focus, anchors)[0]
        if place is None:
            place = inner_place(text, self.index, self.focus, anchors)
        return place if place is not None else self.fallback()

    def fallback(self) -> Place | None:
        if not self._fallback:
            resolved = [
                (RawMention(m.span, m.role, None, 0, False), m.place)
                for m in self.mentions
                if m.relation != "in article focus"
            ]
            self._fallback.append(focus_place(resolved, self.index, self.focus))
        return self._fallback[0]


def resolve_name(
    text: str,
    index: GeoNamesIndex,
    demonyms: dict[str, Demonym],
    context: Sequence[PlaceMention] = (),
) -> Place | None:
    """Resolve a name found by someone else (a gold span, a user query) in an article's context.

    To resolve many names of one article, build one `PlaceContext` and call its `resolve`.
    """
    return PlaceContext(index, demonyms, context).resolve(text)
