"""Recognising toponyms, demonyms and the dateline in a parsed document.

spaCy's GPE/LOC/FAC entities, plus proper names the small model labels otherwise ("the city
of Palmyra" tagged PERSON) when the gazetteer knows them and the words around them are
locative; countries and states tagged as organisations; places inside organisation names
(kept as hints); untagged demonyms.  Resolution is `resolution.py`'s job.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from euphrates.gazetteer.index import GeoNamesIndex
from euphrates.gazetteer.normalize import name_key
from euphrates.records import Place, Span
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
    "latin american": "Latin America",
    "central american": "Central America",
    "middle eastern": "Middle East",
    "north african": "North Africa",
    "west african": "West Africa",
    "east african": "East Africa",
    "southeast asian": "Southeast Asia",
    "south asian": "South Asia",
    "central asian": "Central Asia",
    "balkan": "Balkans",
    "caucasian": "Caucasus",
    "oceanian": "Oceania",
    "africans": "Africa",
    "europeans": "Europe",
    "asians": "Asia",
}
NAME_PARTS = frozenset(
    "street st st. avenue ave road rd boulevard square park lake river old new town city "
    "county international airport university college high school middle elementary church "
    "hall center centre hospital station bridge north south east west upper lower great "
    "eastern western northern southern central "
    "national state village the of and saint".split()
)
# Words that are also the name of some province or town ("the Centre" of Indian politics,
# "the Union", "the Republic"): a place only where the article is about that country.
ORDINARY_WORDS = NAME_PARTS | frozenset(
    "union republic valley centre federation coast mesa pioneer summit harbour harbor "
    "capital colony commonwealth district province region".split()
)


def ordinary_name(text: str) -> bool:
    """A name made only of ordinary words ("Centre", "Western", "the Union")."""
    words = text.lower().split()
    return bool(words) and all(w in ORDINARY_WORDS for w in words)


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
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Upper-case letters, accented ones too ("POPAYÁN", "SÃO PAULO", "ŞANLIURFA")
_UP = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_DATELINE = re.compile(
    rf"^[ \t]*(?P<name>[{_UP}][{_UP}'.\-]+(?:[ ][{_UP}][{_UP}'.\-]+){{0,3}})"
    rf"(?:/[{_UP}][{_UP}'.\-]+)*"
    rf"(?:\s*,\s*(?!{_MONTH}\s+\d)(?P<region>[A-Z][\w.'\-]+(?:[ ][A-Z][\w.'\-]+){{0,2}}))?"
    rf"(?:\s*,\s*{_MONTH}\s+\d{{1,2}})?"  # "BOGOTA, Jan 3 (Reuters) -"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?::|—|–|--?)\s",
    re.MULTILINE,
)


# "qualifier": a district or province named in brackets to place another name,
# "Kansafra (Ariha, Idlib)": context for that name, never an event's own place.
Role = Literal["location", "demonym", "dateline", "organisation", "qualifier"]


@dataclass
class RawMention:
    span: Span
    role: Role
    relation: str | None
    sentence: int
    region_hint: bool  # followed by "province", "region" ...
    demonym: Demonym | None = None
    within: str | None = None  # "Paris, Texas": the state or country that qualifies it
    settlement_hint: bool = False  # "the town of X"
    capital_of: str | None = None  # "the Somali capital": the capital of that country
    qualifiers: tuple[str, ...] = ()  # "Kansafra (Ariha, Idlib)": the areas it lies in


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


# Verbs whose object is ground: "captured Kafranbel", "shelled Ariha".
GROUND_VERBS = frozenset(
    """capture recapture seize retake take overrun storm shell bomb besiege encircle enter
    liberate control raid strike hit pound""".split()
)


def _ground_taken(sp: SpacySpan) -> bool:
    root = sp.root
    return root.dep_ == "dobj" and root.head.lemma_.lower() in GROUND_VERBS


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


def overlaps(span: tuple[int, int], taken: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def recognise(
    doc: Doc,
    index: GeoNamesIndex,
    demonyms: dict[str, Demonym],
    excluded: Sequence[tuple[int, int]] = (),
) -> list[RawMention]:
    """Toponym and demonym spans, before resolution."""
    starts = _sentence_starts(doc)
    raws: list[RawMention] = []
    taken: list[tuple[int, int]] = list(excluded)
    known: set[str] = set()
    # Words of the people the article names: "Kelly said" is not the town of Kelly.
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}

    def add(sp: SpacySpan, role: Role, demonym: Demonym | None = None) -> bool:
        chars = (sp.start_char, sp.end_char)
        if overlaps(chars, taken):
            return False
        if role == "location" and _names_a_weapon(sp):
            return False
        taken.append(chars)
        nxt = doc[sp.end] if sp.end < len(doc) else None
        raws.append(
            RawMention(
                Span(sp.start_char, sp.end_char, sp.text),
                role,
                _relation(doc, sp.start),
                _sentence_of(starts, sp.start_char),
                nxt is not None and nxt.lower_ in REGION_WORDS,
                demonym,
                settlement_hint=_settlement_named(doc, sp.start),
            )
        )
        if role == "location":
            known.add(name_key(sp.text))
        return True

    # "the Somali capital", "the Afghan capital": the capital of the demonym's country.
    for tok in doc:
        if tok.lower_ != "capital" or tok.pos_ != "NOUN" or tok.i < 2:
            continue
        if doc[tok.i - 2].lower_ != "the":
            continue  # "the group's de facto Syrian capital" is no city's name
        dem = demonyms.get(doc[tok.i - 1].lower_)
        if dem is not None and dem.country and doc[tok.i - 1].text[:1].isupper():
            sp = doc[tok.i - 1 : tok.i + 1]
            if not overlaps((sp.start_char, sp.end_char), taken):
                add(sp, "location")
                raws[-1].capital_of = dem.country
    for owner, parts in _bracketed_areas(doc, index):
        # "Kansafra (Ariha, Idlib)": the town, and the district and province around it.
        if not add(owner, "location"):
            continue
        raws[-1].qualifiers = tuple(p.text for p in parts)
        raws[-1].within = parts[-1].text
        for part in parts:
            add(part, "qualifier")
    for sp in _coordinated_names(doc, index):
        add(sp, "location")  # "Trinidad and Tobago" is one country, not two places
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
            country = _country_as_modifier(doc, sp, index)
            if country is not None:
                # "a US drone strike": whose strike, not where
                add(sp, "demonym", Demonym(sp.text, country))
            elif sp.text not in person_words:
                add(sp, "location")
        elif (
            ent.label_ in ("PERSON", "ORG", "NORP")
            and sp.text not in person_words
            and _looks_like_place(doc, sp, index, ent.label_)
        ):
            add(sp, "location")
    # Places inside organisation names ("Idlib Health Directorate", "Florida Atlantic University"):
    # a hint to where the organisation is, never where an event happened.
    for ent in doc.ents:
        if ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT") and len(ent) > 1:
            inner = _embedded_place(ent, index, person_words)
            if inner is not None:
                add(inner, "organisation")
    # Names the model mislabelled: gazetteer-known proper nouns in a locative context.
    for sp in _proper_runs(doc):
        if overlaps((sp.start_char, sp.end_char), taken) or sp.text in person_words:
            continue
        if all(t.lower_ in NAME_PARTS for t in sp):
            continue  # "Centre", "Western": words before they are places
        key = name_key(sp.text)
        strong = any(m.quality >= 0.8 for m in index.lookup(sp.text)) if key else False
        region = sp.end < len(doc) and doc[sp.end].lower_ in REGION_WORDS
        if (strong or region) and (
            _locative(doc, sp.start, sp.end) or key in known or _ground_taken(sp)
        ):
            add(sp, "location")
        elif sp.text.lower() in demonyms:
            add(sp, "demonym", demonyms[sp.text.lower()])
    # Demonyms the model left untagged ("Russian" as an adjective).
    for tok in doc:
        word = tok.lower_
        if tok.i and f"{doc[tok.i - 1].lower_} {word}" in CONTINENT_ADJECTIVES:
            pair = doc[tok.i - 1 : tok.i + 1]
            if pair.text[:1].isupper():  # "Central American", "Middle Eastern"
                add(pair, "demonym", Demonym(pair.text, None, pair.text))
                continue
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
    raws = _split_qualified(doc, raws)
    raws.sort(key=lambda r: r.span.start)
    for a, b in zip(raws, raws[1:], strict=False):
        if a.role == "location" and b.role == "location":
            if doc.text[a.span.end : b.span.start] == ", ":
                a.within = b.span.text  # "Springfield, Ill.", "Paris, Texas"
    return raws


_BRACKETED = re.compile(
    # (a name's particles, "al-", "ez", "de", but not a preposition: "the Serail in Tripoli")
    r"(?P<owner>[A-Z][\w'’\-]*(?:[ \-](?:(?!(?:in|on|at|to|by|of|and|the|for|near)\b)"
    r"[a-z]{1,3}[\-\s])?[A-Z][\w'’\-]*){0,4})"
    r"(?:\s+(?:city|town|village|district|province|governorate|camp|area))?"
    r"\s*\((?P<areas>[A-Z][^()\n]{1,80})\)"
)


def _bracketed_areas(doc: Doc, index: GeoNamesIndex) -> Iterable[tuple[SpacySpan, list[SpacySpan]]]:
    """ "near Kansafra (Ariha, Idlib)": a place and, in brackets, the areas it lies in.

    The bracket must hold one to three capitalised, comma-separated names, one at least
    known to the gazetteer, so "Hayat Tahrir al-Sham (HTS)" and "(Reuters)" are left alone.
    """
    text = doc.text
    for match in _BRACKETED.finditer(text):
        names = [n.strip() for n in match.group("areas").split(",")]
        if not 1 <= len(names) <= 3 or not all(names):
            continue
        if not all(n[:1].isupper() for n in names):
            continue
        if not any(any(m.quality >= 0.8 for m in index.lookup(n)) for n in names):
            continue
        owner = doc.char_span(match.start("owner"), match.end("owner"), alignment_mode="expand")
        if owner is None:
            continue
        owner = _trim(owner)
        if not len(owner) or owner[0].lower_ in ("the", "a", "an"):
            continue
        known = any(m.quality >= 0.8 for m in index.lookup(owner.text))
        if not known and not _locative(doc, owner.start, owner.end):
            continue  # "Civilians (Syria)" names an actor, not a place
        parts: list[SpacySpan] = []
        start = match.start("areas")
        for name in match.group("areas").split(","):
            offset = start + len(name) - len(name.lstrip())
            sp = doc.char_span(offset, offset + len(name.strip()), alignment_mode="expand")
            if sp is not None:
                parts.append(sp)
            start += len(name) + 1
        if len(parts) == len(names):
            yield owner, parts


def _coordinated_names(doc: Doc, index: GeoNamesIndex) -> Iterable[SpacySpan]:
    """Countries and provinces whose name joins two names with "and" or "&"."""
    for tok in doc:
        if tok.lower_ not in ("and", "&") or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        if not (_titlecase(doc[tok.i - 1].text) and _titlecase(doc[tok.i + 1].text)):
            continue
        found = None
        for left in range(1, 4):
            for right in range(1, 4):
                start, end = tok.i - left, tok.i + 1 + right
                if start < 0 or end > len(doc):
                    continue
                sp = doc[start:end]
                if not all(_titlecase(t.text) or t.i == tok.i for t in sp):
                    continue
                if any(
                    m.quality == 1.0 and m.place.feature_code in ("PCLI", "ADM1")
                    for m in index.lookup(sp.text)
                ):
                    found = sp if found is None or len(sp) > len(found) else found
        if found is not None:
            yield found


def _split_qualified(doc: Doc, raws: list[RawMention]) -> list[RawMention]:
    """ "Paris, Texas" tagged as one name: the town and the state that qualifies it."""
    out: list[RawMention] = []
    for raw in raws:
        text = raw.span.text
        head, sep, tail = text.partition(", ")
        if raw.role != "location" or not sep or not head or not tail or ", " in tail:
            out.append(raw)
            continue
        start = raw.span.start
        tail_start = start + len(head) + len(sep)
        out.append(
            RawMention(
                Span(start, start + len(head), head),
                raw.role,
                raw.relation,
                raw.sentence,
                False,
                None,
                tail,
            )
        )
        out.append(
            RawMention(
                Span(tail_start, raw.span.end, tail),
                raw.role,
                None,
                raw.sentence,
                raw.region_hint,
            )
        )
    return out


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
            if words[0].lower() == "the":
                continue  # "The Washington (Post)": the place is "Washington", found shorter
            if all(w.lower() in NAME_PARTS for w in words):
                continue
            for m in index.lookup(part.text):
                p = m.place
                known = p.feature_code in (*BROAD, "ADM1") or p.population >= 50_000
                if m.quality == 1.0 and known:
                    return part
    return None


# "Katyusha rockets", "Grad missiles", "Shahed drones": a weapon's name, not a place
WEAPON_NOUNS = frozenset(
    "rocket missile drone shell mortar launcher rifle gun tank helicopter jet".split()
)


def _names_a_weapon(sp: SpacySpan) -> bool:
    root = sp.root
    return root.dep_ == "compound" and root.head.lemma_.lower() in WEAPON_NOUNS


def _country_as_modifier(doc: Doc, sp: SpacySpan, index: GeoNamesIndex) -> str | None:
    """The country a modifier names: "US" in "a US drone strike", "Iraq" in "Iraq war"."""
    root = sp.root
    if root.dep_ != "compound" or root.head.pos_ != "NOUN" or root.head.i < sp.end:
        return None
    if _locative(doc, sp.start, sp.end):
        return None
    strong = [m.place for m in index.lookup(sp.text) if m.quality >= 0.9]
    if not strong:
        return None
    biggest = max(strong, key=lambda p: p.population)
    if biggest.feature_code != "PCLI" or any(
        p.feature_class == "P" and p.country == biggest.country for p in strong
    ):
        return None  # (a city-state is where: "Hong Kong police arrested ...")
    return biggest.country


def _titlecase(word: str) -> bool:
    """ "Aleppo", "Al-Bab", "D'Aunoy": a name as names are written, not "MoD", "UConn", "AI"."""
    letters = [c for c in word if c.isalpha()]
    return (
        len(letters) > 1
        and letters[0].isupper()
        and sum(c.isupper() for c in letters) <= max(1, len(re.findall(r"[-'’ ]", word)) + 1)
    )


def _settlement_named(doc: Doc, start: int) -> bool:
    """ "the town of X", "the village of X": the text says X is a settlement."""
    return (
        start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in ("town", "city", "village", "hamlet", "port")
    )


def _looks_like_place(doc: Doc, sp: SpacySpan, index: GeoNamesIndex, label: str) -> bool:
    """A name the model took for a person or group, but that the text and gazetteer place.

    "the town of Maarat al-Numan" (locative context and a known name), or a lone name of a
    large city ("Sanaa").
    """
    found = index.lookup(sp.text)
    if found and _settlement_named(doc, sp.start):
        return True  # "the town of X": even a transliteration match will do
    strong = [m for m in found if m.quality >= 0.9]
    if not strong:
        return False
    if _locative(doc, sp.start, sp.end, strict=True):
        return True
    # "Zimbabwe", "the EU", "Tamil Nadu" tagged as organisations: countries, continents and
    # states are places whatever the model says (people are left alone: "Jordan", "Georgia").
    # An acronym ("TAK", "PKK") is a group's unless it names a country ("DRC", "UAE").
    if sp.text.isupper() and len(sp.text) > 1:
        strong = [m for m in strong if m.place.feature_code in BROAD]
        if not strong:
            return False
    if label != "PERSON" and any(
        (m.place.feature_code in BROAD and m.quality >= 0.9)
        or (m.place.feature_code in ("ADM1", "PPLC") and m.quality == 1.0)
        for m in strong
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
            and _titlecase(tok.text)
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
