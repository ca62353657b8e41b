"""The records Euphrates produces: one `ArticleReport` per article.

Every mention keeps the character span (`start`, `end`, `text`) of the article text that
produced it, so each field of an event can point back to its evidence.  Records are plain
dataclasses; `to_dict` turns any of them into JSON-ready data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal[
    "asserted", "reported", "claimed", "denied", "expected", "planned", "hypothetical"
]
ActorKind = Literal[
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external force",
    "igo",
    "government",
    "person",
    "other",
]


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass
class Article:
    """One input document.  `published` may be None: it is then inferred from the text."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    id: str = ""
    published_inferred: bool = False
    dateline: PlaceMention | None = None
    language: str = "en"

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.text, self.title)


def content_hash(text: str, title: str | None = None) -> str:
    """An article's identity: the same title and body always give the same id."""
    digest = hashlib.sha256(((title or "") + "\x00" + text).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass
class Place:
    """A gazetteer entry: a GeoNames place (or a region derived from GeoNames data)."""

    place_id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None = None
    feature_class: str = "P"
    feature_code: str = "PPL"
    population: int = 0
    geonameid: int | None = None


@dataclass
class PlaceCandidate:
    place: Place
    score: float


@dataclass
class PlaceMention:
    """A toponym (or demonym) in the text and the place it was resolved to."""

    span: Span
    place: Place | None
    role: Literal["location", "demonym", "dateline", "organisation", "qualifier"] = "location"
    relation: str | None = None  # "near", "outskirts", "north of" ... when the text qualifies it
    score: float = 0.0
    candidates: list[PlaceCandidate] = field(default_factory=list)
    sentence: int = 0


@dataclass
class DateRange:
    start: dt.date | None
    end: dt.date | None
    precision: int  # ACLED time precision: 1 day, 2 week, 3 month, 4 year or longer


@dataclass
class DateMention:
    span: Span
    range: DateRange
    kind: str  # the grammar rule: "absolute", "weekday", "since", "last_n", "ago", "month" ...
    sentence: int = 0


@dataclass
class Quantity:
    """A count in the text with its uncertainty (UCDP low / best / high)."""

    span: Span
    low: int | None
    best: int | None
    high: int | None
    qualifier: (
        str  # exact, about, estimate, at least, more than, up to, fewer than, range, dozens ...
    )
    noun: str | None = None  # lemma of the counted noun ("civilian", "airstrike")
    noun_span: Span | None = None
    unit: str | None = None  # "square km" when the number measures something
    sentence: int = 0


@dataclass
class Actor:
    """A canonical actor: from the registry, or built from a description in the text."""

    actor_id: str
    name: str
    kind: ActorKind
    country: str | None = None
    generic: bool = False


@dataclass
class ActorMention:
    span: Span
    actor: Actor
    sentence: int = 0
    resolved_from: Span | None = None  # for "the militants" -> the earlier mention it refers to
    person: str | None = None  # the named person behind the mention ("Omar Haddad")


@dataclass
class Claim:
    """Who says so: the speaker, the reporting verb and the modality it gives."""

    span: Span  # the reporting verb
    source: str | None  # the speaker as written ("Haddad", "activists")
    source_span: Span | None
    verb: str
    modality: Modality
    sentence: int = 0
    actor: Actor | None = None


@dataclass
class Count:
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    span: Span


@dataclass
class EventActor:
    actor: Actor
    span: Span


@dataclass
class EventLocation:
    place: Place
    span: Span | None  # None when inherited from the article's focus
    geo_precision: int
    point: tuple[float, float] | None = None  # lat, lon when the text puts it off the place
    relation: str | None = None  # "near", "20 km east of" ...


@dataclass
class EventDate:
    range: DateRange
    span: Span | None  # None when defaulted to the publication date


@dataclass
class Event:
    """One happening reported by the article: the record of DESIGN.md."""

    event_id: str
    article_id: str
    source: str | None
    url: str | None
    trigger: Span
    event_type: str | None
    sub_event_type: str | None
    plover_type: str
    plover_mode: str | None
    actor1: EventActor | None
    actor2: EventActor | None
    assoc_actor_1: EventActor | None
    assoc_actor_2: EventActor | None
    location: EventLocation | None
    date: EventDate
    fatalities: Count | None
    counts: dict[str, Count]
    sources: list[Claim]
    modality: Modality
    background: bool
    evidence: Span
    confidence: float
    related_evidence: list[Span] = field(default_factory=list)


@dataclass
class Mentions:
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class ArticleReport:
    article: Article
    mentions: Mentions
    events: list[Event]
    warnings: list[str] = field(default_factory=list)


def event_id(article_id: str, evidence: Span, trigger: Span) -> str:
    raw = f"{article_id}:{evidence.start}:{evidence.end}:{trigger.start}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def to_dict(record: Any) -> Any:
    """JSON-ready data for any record: dates become ISO strings, dataclasses dicts."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (dt.date, dt.datetime)):
        return record.isoformat()
    if isinstance(record, dict):
        return {str(k): to_dict(v) for k, v in record.items()}
    if isinstance(record, (list, tuple)):
        return [to_dict(v) for v in record]
    return record
