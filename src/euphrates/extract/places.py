"""Toponyms in a parsed document, resolved to gazetteer places with the article as context.

Recognition takes spaCy's GPE/LOC/FAC entities, plus proper names the small model labels
otherwise ("the city of Palmyra" tagged PERSON) when the gazetteer knows them and the words
around them are locative.  Demonyms ("Syrian") give a country but never an event location;
the dateline ("BEIRUT:") is where the reporter is, and is kept apart.

Resolution scores each candidate by name-match quality, feature kind, population, the
countries the article is about, and nearness to the other places it names.
"""

from __future__ import annotations

import collections
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from euphrates.gazetteer.index import GeoNamesIndex, NameMatch
from euphrates.gazetteer.normalize import name_key
from euphrates.records import Place, PlaceCandidate, PlaceMention, Span
from euphrates.resources import Demonym

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Places too large to anchor others or to stand for where an article is.
BROAD = ("PCLI", "CONT", "RGN")
AREA_ADJECTIVES = (
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "downtown",
    "rural",
)
NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT", "EVENT", "LAW"}
)
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "near",
        "at",
        "from",
        "to",
        "into",
        "outside",
        "inside",
        "toward",
        "towards",
        "across",
        "around",
        "through",
        "within",
        "throughout",
        "via",
        "reach",
        "enter",
        "entered",
    }
)
# Words of building and street names that are no place on their own.
CONTINENT_ADJECTIVES = {
    "african": "Africa",
    "european": "Europe",
    "asian": "Asia",
    "antarctic": "Antarctica",
    "north american": "North America",
    "south american": "South America",
    "latin american": "South America",
    "oceanian": "Oceania",
}
NAME_PARTS = frozenset(
    "street st st. avenue ave road rd boulevard square park lake river old new town city "
    "county international airport university college high school middle elementary church "
    "hall center centre hospital station bridge north south east west upper lower great "
    "eastern western northern southern central "
    "national state village the of and saint".split()
)
STRICT_LOCATIVE_PREPS = frozenset({"in", "near", "outside", "inside", "into", "across"})
REGION_WORDS = frozenset(
    {
        "province",
        "governorate",
        "region",
        "state",
        "district",
        "county",
        "oblast",
        "prefecture",
        "department",
        "countryside",
        "municipality",
        "valley",
    }
)
SETTLEMENT_WORDS = frozenset(
    {
        "city",
        "town",
        "village",
        "capital",
        "port",
        "suburb",
        "hamlet",
        "outskirts",
        "neighbourhood",
        "neighborhood",
        "camp",
        "province",
        "governorate",
        "region",
        "district",
    }
)
DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    }
)
_DATELINE = re.compile(
    r"^[ \t]*(?P<name>[A-Z][A-Z'.\-]+(?:[ ][A-Z][A-Z'.\-]+){0,3})"
    r"(?:\s*,\s*(?P<region>[A-Z][\w.'\-]+(?:[ ][A-Z][\w.'\-]+){0,2}))?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?::|—|–|--?)\s",
    re.MULTILINE,
)


Role = Literal["location", "demonym", "dateline", "organisation"]


@dataclass
class _Raw:
    span: Span
    role: Role
    relation: str | None
    sentence: int
    region_hint: bool  # followed by "province", "region" ...
    demonym: Demonym | None = None


def find_dateline(text: str) -> tuple[Span, str | None] | None:
    """The dateline of a dispatch: an upper-case place opening one of its first paragraphs."""
    for match in _DATELINE.finditer(text[:1500]):
        name = match.group("name")
        if sum(c.isalpha() for c in name) < 3:
            continue
        start = match.start("name")
        return Span(start, start + len(name), name), match.group("region")
    return None


def _trim(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        # "central Khartoum", but not "North Carolina" or "Central African Republic".
        or (doc[start].text in AREA_ADJECTIVES and end - start > 1)
    ):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return doc[start:end]


def _relation(doc: Doc, start: int) -> str | None:
    """Words before a toponym that move the location off it: near, outskirts of, 20 km east of."""
    words = [t.lower_ for t in doc[max(0, start - 5) : start]]
    if not words:
        return None
    if words[-1] in ("near", "nearby", "around", "outside"):
        return words[-1]
    if len(words) >= 2 and words[-1] == "of":
        if words[-2] in DIRECTION_WORDS:
            distance = _DISTANCE.search(" ".join(words[:-2]))
            if distance:
                return f"{distance.group(1)} {distance.group(2)} {words[-2]} of"
            return f"{words[-2]} of"
        if words[-2] in ("outskirts", "edge", "vicinity", "countryside", "suburbs"):
            return words[-2]
    return None


_DISTANCE = re.compile(r"(\d+(?:\.\d+)?)\s*(km|kilometres|kilometers|miles|mi)\s*$")
_BEARINGS = {
    "north": 0,
    "northeast": 45,
    "north-east": 45,
    "east": 90,
    "southeast": 135,
    "south-east": 135,
    "south": 180,
    "southwest": 225,
    "south-west": 225,
    "west": 270,
    "northwest": 315,
    "north-west": 315,
}


def offset_point(place: Place, relation: str | None) -> tuple[float, float] | None:
    """The point a stated distance and direction away ("20 km east of X"), when stated."""
    if not relation:
        return None
    match = re.match(r"(\d+(?:\.\d+)?) (km|kilometres|kilometers|miles|mi) (\S+) of$", relation)
    if not match or match.group(3) not in _BEARINGS:
        return None
    km = float(match.group(1)) * (1.609344 if match.group(2) in ("miles", "mi") else 1.0)
    bearing = math.radians(_BEARINGS[match.group(3)])
    lat1, lon1 = math.radians(place.lat), math.radians(place.lon)
    d = km / 6371.0
    lat2 = math.asin(
        math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(bearing)
    )
    lon2 = lon1 + math.atan2(
        math.sin(bearing) * math.sin(d) * math.cos(lat1),
        math.cos(d) - math.sin(lat1) * math.sin(lat2),
    )
    return round(math.degrees(lat2), 5), round((math.degrees(lon2) + 540) % 360 - 180, 5)


def _locative(doc: Doc, start: int, end: int, strict: bool = False) -> bool:
    """Whether the words around a name say it is a place: "in X", "the town of X", "X province".

    `strict` leaves out the prepositions that also take people ("to", "from", "at").
    """
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.lower_ in REGION_WORDS:
        return True
    if prev is None:
        return False
    if prev.lower_ in (STRICT_LOCATIVE_PREPS if strict else LOCATIVE_PREPS):
        return True
    if (
        prev.lower_ == "of"
        and start > 1
        and doc[start - 2].lower_ in SETTLEMENT_WORDS | DIRECTION_WORDS
    ):
        return True
    return False


def _sentence_starts(doc: Doc) -> list[int]:
    return [s.start_char for s in doc.sents]


def _sentence_of(starts: Sequence[int], char: int) -> int:
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= char:
            lo = mid
        else:
            hi = mid
    return lo


def _overlaps(span: tuple[int, int], taken: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def recognise(
    doc: Doc,
    index: GeoNamesIndex,
    demonyms: dict[str, Demonym],
    excluded: Sequence[tuple[int, int]] = (),
) -> list[_Raw]:
    """Toponym and demonym spans, before resolution."""
    starts = _sentence_starts(doc)
    raws: list[_Raw] = []
    taken: list[tuple[int, int]] = list(excluded)
    known: set[str] = set()
    # Words of the people the article names: "Kelly said" is not the town of Kelly.
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}

    def add(sp: SpacySpan, role: Role, demonym: Demonym | None = None) -> None:
        chars = (sp.start_char, sp.end_char)
        if _overlaps(chars, taken):
            return
        taken.append(chars)
        nxt = doc[sp.end] if sp.end < len(doc) else None
        raws.append(
            _Raw(
                Span(sp.start_char, sp.end_char, sp.text),
                role,
                _relation(doc, sp.start),
                _sentence_of(starts, sp.start_char),
                nxt is not None and nxt.lower_ in REGION_WORDS,
                demonym,
            )
        )
        if role == "location":
            known.add(name_key(sp.text))

    for ent in doc.ents:
        sp = _trim(ent)
        if not len(sp):
            continue
        demonym = demonyms.get(sp.text.lower())
        if demonym is None and sp.text.lower() in CONTINENT_ADJECTIVES:
            demonym = Demonym(sp.text, None, sp.text)
        if demonym and not _locative(doc, sp.start, sp.end):
            # "Kuwaiti police" (even when tagged GPE): a demonym names a country, not a place.
            add(sp, "demonym", demonym)
            continue
        if ent.label_ in PLACE_LABELS:
            if sp.text not in person_words:
                add(sp, "location")
        elif ent.label_ in ("PERSON", "ORG", "NORP") and _looks_like_place(
            doc, sp, index, ent.label_
        ):
            add(sp, "location")
    # Places inside organisation names ("Raqqa Civil Council", "Florida Atlantic University"):
    # a hint to where the organisation is, never where an event happened.
    for ent in doc.ents:
        if ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT") and len(ent) > 1:
            inner = _embedded_place(ent, index, person_words)
            if inner is not None:
                add(inner, "organisation")
    # Names the model mislabelled: gazetteer-known proper nouns in a locative context.
    for sp in _proper_runs(doc):
        if _overlaps((sp.start_char, sp.end_char), taken) or sp.text in person_words:
            continue
        key = name_key(sp.text)
        strong = any(m.quality >= 0.9 for m in index.lookup(sp.text)) if key else False
        region = sp.end < len(doc) and doc[sp.end].lower_ in REGION_WORDS
        if (strong or region) and (_locative(doc, sp.start, sp.end) or key in known):
            add(sp, "location")
        elif sp.text.lower() in demonyms:
            add(sp, "demonym", demonyms[sp.text.lower()])
    # Demonyms the model left untagged ("Russian" as an adjective).
    for tok in doc:
        word = tok.lower_
        if tok.text[:1].isupper() and (word in demonyms or word in CONTINENT_ADJECTIVES):
            pair = doc[tok.i : tok.i + 2]
            if (
                len(pair) == 2
                and pair[1].text[:1].isupper()
                and any(m.quality == 1.0 for m in index.lookup(pair.text))
            ):
                add(pair, "location")  # "Tamil Nadu", "South Sudan": a place, not a demonym
                continue
            dem = demonyms.get(word) or Demonym(tok.text, None, tok.text)
            add(doc[tok.i : tok.i + 1], "demonym", dem)
    raws.sort(key=lambda r: r.span.start)
    return raws


def _embedded_place(
    ent: SpacySpan, index: GeoNamesIndex, person_words: set[str]
) -> SpacySpan | None:
    """The longest well-known place name inside a multi-word name, if any."""
    tokens = list(ent)
    for size in range(len(tokens) - 1, 0, -1):
        for start in range(len(tokens) - size + 1):
            part = ent[start : start + size]
            words = [t.text for t in part]
            if not all(w[:1].isupper() for w in words) or any(w in person_words for w in words):
                continue
            if all(w.lower() in NAME_PARTS for w in words):
                continue
            for m in index.lookup(part.text):
                p = m.place
                known = p.feature_code in (*BROAD, "ADM1") or p.population >= 50_000
                if m.quality == 1.0 and known:
                    return part
    return None


def _looks_like_place(doc: Doc, sp: SpacySpan, index: GeoNamesIndex, label: str) -> bool:
    """A name the model took for a person or group, but that the text and gazetteer place.

    "the town of Maarat al-Numan" (locative context and a known name), or a lone name of a
    large city ("Sanaa").
    """
    strong = [m for m in index.lookup(sp.text) if m.quality >= 0.9]
    if not strong:
        return False
    if _locative(doc, sp.start, sp.end, strict=True):
        return True
    # "Zimbabwe", "the EU", "Tamil Nadu" tagged as organisations: countries, continents and
    # states are places whatever the model says (people are left alone: "Jordan", "Georgia").
    if label != "PERSON" and any(
        m.place.feature_code in (*BROAD, "ADM1", "PPLC") and m.quality == 1.0 for m in strong
    ):
        return True
    big = max(m.place.population for m in strong)
    word = sp.text
    titlecase = word[:1].isupper() and word[1:].islower()
    return (
        len(sp) == 1 and titlecase and big >= 100_000 and sp.root.dep_ in ("pobj", "dobj", "nsubj")
    )


def _proper_runs(doc: Doc) -> Iterable[SpacySpan]:
    """Maximal runs of capitalised proper nouns outside multi-word organisation names."""
    in_org = {
        i
        for e in doc.ents
        if e.label_ == "ORG" and len(_trim(e)) > 1
        for i in range(e.start, e.end)
    }

    def name_token(i: int) -> bool:
        tok = doc[i]
        return (
            tok.pos_ == "PROPN"
            and tok.text[:1].isupper()
            and i not in in_org
            and tok.ent_type_ not in NOT_PLACE_LABELS
            and tok.lower_ not in CALENDAR_WORDS
        )

    i, n = 0, len(doc)
    while i < n:
        if not name_token(i):
            i += 1
            continue
        j = i + 1
        while j < n and name_token(j) and doc[j].ent_type_ == doc[i].ent_type_:
            j += 1
        span = _trim(doc[i:j])
        if len(span):
            yield span
        i = j


def _distance_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


distance_km = _distance_km


def _names_region(name: str) -> bool:
    """ "Morris County", "Idlib Governorate": the name itself says it is a region."""
    last = name.rsplit(None, 1)[-1].lower() if name.strip() else ""
    return last in REGION_WORDS and " " in name.strip()


def _score(
    m: NameMatch,
    raw: _Raw,
    focus: dict[str, float],
    anchors: Sequence[Place],
    town_named_alike: bool = False,
) -> float:
    p = m.place
    score = 2.0 * m.quality + math.log10(p.population + 1) / 5.0
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
        score += 0.3
    if p.country and focus:
        score += 1.2 * focus.get(p.country, 0.0)
    if anchors and code not in BROAD:
        near = min(_distance_km(p, a) for a in anchors)
        score += 0.6 if near < 150 else 0.3 if near < 400 else 0.0
        # Containment: "Parkland" in an article that names Florida is the Florida one.
        if (
            p.admin1
            and code not in ("ADM1",)
            and any(a.admin1 == p.admin1 and a.place_id != p.place_id for a in anchors)
        ):
            score += 0.6
    return score


def _resolve(
    raw: _Raw, index: GeoNamesIndex, focus: dict[str, float], anchors: Sequence[Place]
) -> tuple[Place | None, float, list[PlaceCandidate]]:
    matches = index.lookup(raw.span.text)
    if any(m.quality >= 0.9 for m in matches):
        matches = [m for m in matches if m.quality >= 0.9]
    else:
        # A transliteration match is weak evidence: keep it only inside the article's
        # countries, or where the text says it is a region ("Deir Ezzor province").
        matches = [
            m
            for m in matches
            if (raw.region_hint or _names_region(raw.span.text))
            and m.place.feature_code in ("ADM1", "ADM2")
            or (m.place.country and focus.get(m.place.country, 0.0) > 0.0)
        ]
    if not matches:
        return None, 0.0, []
    # A region loses to a same-named town that is a sizeable part of it ("Idlib", "Mosul"),
    # not to a small namesake elsewhere ("Florida", Cuba, against the state).
    biggest_region = max(
        (m.place.population for m in matches if m.place.feature_code in ("ADM1", "ADM2")),
        default=0,
    )
    town = any(
        m.place.feature_class == "P" and m.place.population >= max(20_000, biggest_region / 10)
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
}


def _focus(
    mentions: Iterable[tuple[_Raw, Place | None]], certainty: Sequence[float] | None = None
) -> dict[str, float]:
    weights: dict[str, float] = collections.defaultdict(float)
    for n, (raw, place) in enumerate(mentions):
        if place is None or not place.country:
            continue
        weights[place.country] += (certainty[n] if certainty else 1.0) * ROLE_WEIGHTS[raw.role]
    total = sum(weights.values())
    return {cc: w / total for cc, w in weights.items()} if total else {}


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
            if not _overlaps((r.span.start, r.span.end), [(dateline[0].start, dateline[0].end)])
        ]
        raws.insert(0, _Raw(dateline[0], "dateline", None, 0, False))

    def demonym_place(raw: _Raw) -> Place | None:
        continent = CONTINENT_ADJECTIVES.get(raw.span.text.lower())
        if continent:
            return _continent(index, continent)
        iso = raw.demonym.country if raw.demonym else None
        return index.country(iso) if iso else None

    # Pass 1: without context, to learn which countries the article is about.
    first: list[tuple[_Raw, Place | None]] = []
    weights: list[float] = []
    for raw in raws:
        if raw.role == "demonym":
            first.append((raw, demonym_place(raw)))
            weights.append(1.0)
        else:
            place, _, cands = _resolve(raw, index, {}, [])
            first.append((raw, place))
            # A name found in several countries ("Palmyra") says little about the article.
            weights.append(1.0 / max(1, len({c.place.country for c in cands})))
    focus = _focus(first, weights)
    unique: dict[str, tuple[str, Place]] = {}
    for r, p in first:
        if p is not None and r.role == "location" and p.feature_code not in BROAD:
            unique.setdefault(p.place_id, (name_key(r.span.text), p))
    anchors = list(unique.values())
    fallback = _focus_place(first, index, focus)
    mentions: list[PlaceMention] = []
    for raw, _ in first:
        if raw.role == "demonym":
            place = demonym_place(raw)
            mentions.append(
                PlaceMention(
                    raw.span, place, "demonym", None, 1.0 if place else 0.0, [], raw.sentence
                )
            )
            continue
        # The other names' places, not this name's own first guess.
        key = name_key(raw.span.text)
        others = [p for k, p in anchors if k != key]
        place, score, cands = _resolve(raw, index, focus, others)
        relation = raw.relation
        if place is None and raw.role == "location":
            # "Lake Manassas", "Old Town Manassas": a known place inside an unknown name.
            place = _inner_place(raw.span.text, index, focus, others)
            relation = "named in" if place is not None else relation
        if place is None and fallback is not None and raw.role == "location":
            # A street or landmark the gazetteer lacks lies, most likely, where the article is.
            place, relation = fallback, "in article focus"
        mentions.append(
            PlaceMention(raw.span, place, raw.role, relation, score, cands, raw.sentence)
        )
    return mentions


def _continent(index: GeoNamesIndex, name: str) -> Place | None:
    return next((m.place for m in index.lookup(name) if m.place.feature_code == "CONT"), None)


def _inner_place(
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
            raw = _Raw(Span(0, len(sub), sub), "location", None, 0, False)
            place, _, cands = _resolve(raw, index, focus, anchors)
            if place is None:
                continue
            inside_focus = bool(place.country and focus.get(place.country, 0.0) >= 0.2)
            exact = any(
                c.place.place_id == place.place_id and m.quality == 1.0
                for c in cands[:1]
                for m in index.lookup(sub)
                if m.place.place_id == place.place_id
            )
            if exact and (inside_focus or place.feature_code in ("PCLI", "ADM1")):
                return place
    return None


def _focus_place(
    resolved: Sequence[tuple[_Raw, Place | None]], index: GeoNamesIndex, focus: dict[str, float]
) -> Place | None:
    """The article's most-named settlement (the dateline counts once), else its country."""
    counts: collections.Counter[str] = collections.Counter()
    by_id: dict[str, Place] = {}
    for raw, place in resolved:
        if place is None or raw.role == "demonym" or place.feature_code in BROAD:
            continue
        if place.country and focus and focus.get(place.country, 0.0) < 0.2:
            continue
        counts[place.place_id] += 1
        by_id[place.place_id] = place
    if counts:
        return by_id[counts.most_common(1)[0][0]]
    if focus:
        return index.country(max(focus, key=focus.__getitem__))
    return None


def article_focus(mentions: Sequence[PlaceMention]) -> dict[str, float]:
    """Share of the article's place evidence per country."""
    return _focus(
        (_Raw(m.span, m.role, None, 0, False), m.place)
        for m in mentions
        if m.role in ("location", "demonym", "dateline")
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
            if p is not None and m.role == "location" and p.feature_code not in BROAD:
                anchors.setdefault(p.place_id, (name_key(m.span.text), p))
        self.anchors = list(anchors.values())
        self._fallback: list[Place | None] = []
        self._cache: dict[str, Place | None] = {}

    def resolve(self, text: str) -> Place | None:
        key = text.strip()
        if key not in self._cache:
            self._cache[key] = self._resolve(key)
        return self._cache[key]

    def _resolve(self, text: str) -> Place | None:
        lowered = text.lower()
        if lowered in CONTINENT_ADJECTIVES:
            return _continent(self.index, CONTINENT_ADJECTIVES[lowered])
        dem = self.demonyms.get(lowered)
        if dem is not None:
            return self.index.country(dem.country) if dem.country else None
        key = name_key(text)
        anchors = [p for k, p in self.anchors if k != key]
        raw = _Raw(Span(0, len(text), text), "location", None, 0, False)
        place = _resolve(raw, self.index, self.focus, anchors)[0]
        if place is None:
            place = _inner_place(text, self.index, self.focus, anchors)
        return place if place is not None else self.fallback()

    def fallback(self) -> Place | None:
        if not self._fallback:
            resolved = [
                (_Raw(m.span, m.role, None, 0, False), m.place)
                for m in self.mentions
                if m.relation != "in article focus"
            ]
            self._fallback.append(_focus_place(resolved, self.index, self.focus))
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
