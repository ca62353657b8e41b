"""Dates in news text, resolved against the publication date.

A news report dates its events relative to the day it was written ("on Tuesday", "last
month", "two days ago"), so every expression is resolved against the publication date `P`
into a `DateRange` with ACLED time precision (1 day, 2 week, 3 month, 4 year or longer).

The grammar is a set of regular expressions run over the whole text, not only over spaCy's
DATE entities: the small model misses many expressions ("since Monday" is often just
"Monday", ISO dates are often not tagged at all) and tags things that are not dates
("35-year-old").  The entities are still used as a guide: a bare "2014" or "June" counts
only when a preposition or a DATE entity vouches for it, no match may sit inside a name
("The Sunday Times"), and DATE entities the grammar leaves uncovered go to `dateparser`
as a last resort.

Matching is split from resolution: `_scan` finds and merges matches without knowing `P`,
so `infer_published` can reuse it to guess `P` from the text itself.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from spacy.tokens import Doc, Token

from euphrates.records import DateMention, DateRange, Span

# --------------------------------------------------------------------------- vocabulary

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_SMALL_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        # Vague quantities: a reporter's "several days" is rarely more than a few.
        "few": 3,
        "several": 3,
        "couple": 2,
        "some": 3,
    }
)

# ------------------------------------------------------------------------ regex pieces
# Month and weekday names are matched case-sensitively: lower-case "may", "march" and
# "sun" are words, not dates.  Function words use scoped (?i:...) groups instead.

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!s\b)"
_MONTH_FULL = rf"(?:{'|'.join(_MONTH_NAMES)})\b"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_END = r"\b(?![-/.]\d)"  # "2017-10-07" is a whole date, not the year 2017
_DASH = r"(?:-|–|—)"
_NUM_WORD = (
    r"(?:\d{1,3}|a\s+few|a\s+couple\s+of|couple\s+of|a|an|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|hundred|few|several|some)"
)
# Parts of a month or year that narrow it ("early June", "the end of 2016").
_MOD_MONTH = (
    r"(?i:early|mid|late|the\s+(?:start|beginning|middle|end|first\s+half|second\s+half"
    r"|(?:first|second|third|fourth|last|final)\s+week)\s+of)"
)
_MOD_YEAR = (
    r"(?i:early|mid|late|the\s+(?:start|beginning|middle|end|first\s+half|second\s+half)\s+of)"
)
# Names that begin with a date: "the March 23 Movement", "the 14 March Alliance".
_NAME_WORDS = (
    r"\s+(?:Movement|Alliance|Coalition|Brigades?|Revolution|Bridge|Street|Square|Group"
    r"|Front|Martyrs|Battalion|Forces|Party|Hospital|University|Stadium|Declaration"
    r"|Accords?|Agreement|Uprising)\b"
)
_NOT_NAME = rf"(?!{_NAME_WORDS})"
_NAME_AFTER = re.compile(_NAME_WORDS)

# Words that make a bare "2014" or "June" a date rather than a number or a name.
_ANCHOR_BEFORE = re.compile(
    r"(?i:\b(?:in|since|during|until|till|by|from|of|through|throughout|before|after"
    r"|between|to|around|early|late|mid|year|summer|winter|spring|autumn"
    r"|end|start|beginning|middle|the|this|last|next|for)[\s-]*)$"
)
_SINCE_BEFORE = re.compile(r"(?i:\b(?:ever\s+)?since\s+)$")
_RANGE_BEFORE = re.compile(r"(?i:\b(?:between|from)\s+)$")
_RANGE_JOIN = re.compile(r"(?i:\s*(?:-|–|—|to|and|until|till|through)\s*)")
_ARTICLE_BEFORE = re.compile(r"(?i:\b(?:an?|the)\s+)$")

# DATE entities the grammar leaves alone: ages, adjectives and durations without anchor.
_FALLBACK_WORTHY = re.compile(r"\d")  # bare month names are the grammar's alone
_NOT_A_DATE = re.compile(
    r"(?i:year-old|years?\s+old|-(?:year|day|week|month|hour)s?\b|\baged?\b|\bold\b|\bage\b"
    r"|\bhrs?\b|\bhours\b|\bGMT\b|\bUTC\b|\blocal\s+time\b|^\W*\d+\W*$)"
)
_BARE_DURATION = re.compile(
    r"(?i:(?:(?:about|around|nearly|almost|some|over|more\s+than|less\s+than|at\s+least"
    rf"|up\s+to|the|a|an|another|only|just|roughly)\s+)*{_NUM_WORD}[\s-]*"
    r"(?:hour|day|week|month|year|decade|centur(?:y|ie))s?(?:-long)?)"
)
_FOR_BEFORE = re.compile(r"(?i:\bfor\s+)$")

_BLOCKING_LABELS = frozenset(
    {"ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "GPE", "LOC"}
)
# A "2014" spaCy reads as a count or a clock time is not a year.
_NOT_YEAR_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL", "TIME"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_FUTURE_GOVERNORS = frozenset(
    {"expected", "scheduled", "due", "set", "going", "plans", "planned", "planning", "plan"}
)

# ------------------------------------------------------------------------- data types


@dataclass(frozen=True)
class _Match:
    """One grammar match, before it is resolved against a publication date."""

    start: int
    end: int
    priority: int
    rule: str
    groups: Mapping[str, str]
    future: bool = False  # the verb it modifies is in the future tense
    since: bool = False  # preceded by "since": the range runs on to the publication date
    parts: tuple[_Match, ...] = ()  # the two ends of "from June to August"


_Resolved = tuple[str, DateRange]
_Resolver = Callable[[_Match, dt.date], "_Resolved | None"]


@dataclass(frozen=True)
class _Entity:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class _Context:
    """What one document offers the validators: its text and named entities."""

    doc: Doc
    text: str
    entities: tuple[_Entity, ...]

    @classmethod
    def of(cls, doc: Doc) -> _Context:
        ents = tuple(_Entity(e.start_char, e.end_char, e.label_) for e in doc.ents)
        return cls(doc, doc.text, ents)

    def overlaps(self, start: int, end: int, labels: Iterable[str]) -> bool:
        wanted = frozenset(labels)
        return any(e.label in wanted and e.start < end and start < e.end for e in self.entities)

    def named(self, start: int, end: int) -> bool:
        """Whether [start, end) is part of a longer name ("The Sunday Times").

        An entity that is exactly the date is spaCy mislabelling it ("7th Oct 2017" as FAC).
        """
        return any(
            e.label in _BLOCKING_LABELS
            and e.start <= start
            and end <= e.end
            and (e.start, e.end) != (start, end)
            for e in self.entities
        )

    def before(self, start: int, width: int = 24) -> str:
        return self.text[max(0, start - width) : start]


# ---------------------------------------------------------------------- date arithmetic


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: dt.date, n: int, unit: str) -> dt.date:
    """`day` moved by `n` units (negative: back in time); months keep the day if they can."""
    if unit == "hour":
        return day + dt.timedelta(days=int(n / 24))
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return day + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return _add_months(day, n)
    if unit == "decade":
        return _add_months(day, 120 * n)
    return _add_months(day, 12 * n)


def _precision_of(start: dt.date, end: dt.date) -> int:
    """ACLED precision of a range by its length: a day, a week, a month, or more."""
    days = (end - start).days
    if days <= 1:
        return 1
    if days <= 7:
        return 2
    if days <= 31:
        return 3
    return 4


def _recent_weekday(published: dt.date, weekday: int, strict: bool = False) -> dt.date:
    """The latest `weekday` on or before `published` (strictly before when `strict`)."""
    back = (published.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _next_weekday(published: dt.date, weekday: int) -> dt.date:
    return published + dt.timedelta(days=(weekday - published.weekday()) % 7)


# "early" is the first third of a period, "the second half" the second of two halves.
_PARTS: Mapping[str, tuple[int, int, int]] = MappingProxyType(
    {
        "early": (0, 1, 3),
        "start": (0, 1, 3),
        "beginning": (0, 1, 3),
        "mid": (1, 2, 3),
        "middle": (1, 2, 3),
        "late": (2, 3, 3),
        "end": (2, 3, 3),
        "first half": (0, 1, 2),
        "second half": (1, 2, 2),
    }
)
_WEEK_ORDINALS = ("first week", "second week", "third week", "fourth week")


def _part(start: dt.date, end: dt.date, low: int, high: int, parts: int) -> tuple[dt.date, dt.date]:
    """Parts low..high of [start, end] cut into `parts`: whole months when it spans several."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months >= 24 and months % 12 == 0 and start.day == 1:  # decades: whole years
        years = months // 12
        first_year, last_year = years * low // parts, years * high // parts - 1
        return start.replace(year=start.year + first_year), dt.date(start.year + last_year, 12, 31)
    if months >= 3 and start.day == 1:
        last = _add_months(start, months * high // parts - 1)
        return _add_months(start, months * low // parts), _month_end(last.year, last.month)
    total = (end - start).days + 1
    first = start + dt.timedelta(days=total * low // parts)
    return first, start + dt.timedelta(days=total * high // parts - 1)


def _narrow(start: dt.date, end: dt.date, mod: str) -> tuple[dt.date, dt.date, bool]:
    """The part of [start, end] that "early", "the end of", "the first week of" ... name.

    The flag says whether the result is a week (precision 2) rather than a loose third.
    """
    mod = " ".join(mod.lower().replace("the ", "").replace(" of", "").split())
    if mod in ("last week", "final week"):
        return end - dt.timedelta(days=6), end, True
    if mod in _WEEK_ORDINALS:
        first = start + dt.timedelta(days=7 * _WEEK_ORDINALS.index(mod))
        return first, min(end, first + dt.timedelta(days=6)), True
    low, high, parts = _PARTS.get(mod, (2, 3, 3))
    return (*_part(start, end, low, high, parts), False)


def _number(word: str | None, default: int = 1) -> int:
    """The value of "3", "three", "a few", "twenty-four", "couple of"."""
    if not word:
        return default
    words = word.lower().replace("-", " ").split()
    words = [w for w in words if w not in ("a", "of")] or ["a"]
    if words[0].isdigit():
        return int(words[0])
    return sum(_SMALL_NUMBERS.get(w, 0) for w in words) or default


def _unit(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") else word


def _month_number(name: str) -> int:
    return _MONTH_KEYS.index(name[:3].lower()) + 1


def _weekday_number(name: str) -> int:
    return _WEEKDAY_NAMES.index(name)


# --------------------------------------------------------------------------- resolvers


def _latest_year(published: dt.date, month: int, day: int = 1) -> int:
    """The year that puts month/day latest without passing the publication date."""
    if (month, day) <= (published.month, published.day):
        return published.year
    return published.year - 1


def _next_year(published: dt.date, month: int, day: int = 1) -> int:
    """The year that puts month/day on or after the publication date (for future verbs)."""
    if (month, day) >= (published.month, published.day):
        return published.year
    return published.year + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _numeric_parts(groups: Mapping[str, str]) -> tuple[int, int, int]:
    """(year, month, day) of "2020-05-09", "2020/05/09", "09/05/2020", "9.5.2020"."""
    if "iy" in groups:
        return int(groups["iy"]), int(groups["im"]), int(groups["id"])
    first, second = int(groups["a"]), int(groups["b"])
    # Day first, as in most English-language conflict reporting outside the US; a
    # first number above 12 cannot be a month anyway, a second above 12 forces US order.
    if second > 12 >= first:
        return int(groups["ny"]), first, second
    return int(groups["ny"]), second, first


def _explicit_days(match: _Match) -> tuple[dt.date, dt.date] | None:
    """First and last day of an absolute date that gives its year, else None."""
    groups = match.groups
    if match.rule == "numeric":
        day = _safe_date(*_numeric_parts(groups))
        return (day, day) if day else None
    if "y" not in groups:
        return None
    year, month = int(groups["y"]), _month_number(groups["m"])
    first = _safe_date(year, month, int(groups["d"]))
    last = _safe_date(year, month, int(groups.get("d2", groups["d"])))
    if first is None or last is None or last < first:
        return None
    return first, last


def _resolve_absolute(match: _Match, published: dt.date) -> _Resolved | None:
    days = _explicit_days(match)
    if days is None and match.rule != "numeric" and "y" not in match.groups:
        month, day = _month_number(match.groups["m"]), int(match.groups["d"])
        pick = _next_year if match.future else _latest_year
        year = pick(published, month, day)
        first = _safe_date(year, month, day)
        last = _safe_date(year, month, int(match.groups.get("d2", day)))
        days = (first, last) if first and last and first <= last else None
    if days is None:
        return None
    kind = "future" if match.future and "y" not in match.groups else "absolute"
    return kind, DateRange(days[0], days[1], _precision_of(*days))


def _resolve_month(match: _Match, published: dt.date) -> _Resolved | None:
    groups = match.groups
    month = _month_number(groups["m"])
    rel = groups.get("rel", "").lower().split()
    future = match.future or "next" in rel or "coming" in rel
    if "y" in groups:
        year = int(groups["y"])
    elif future:
        year = _next_year(published, month)
    elif "last" in rel or "past" in rel:
        year = published.year if month < published.month else published.year - 1
    else:
        year = _latest_year(published, month)
    start, end = dt.date(year, month, 1), _month_end(year, month)
    precision = 3
    if "mod" in groups:
        start, end, is_week = _narrow(start, end, groups["mod"])
        precision = 2 if is_week else 3
        if start > published and "y" not in groups and not future:
            return _resolve_month(replace(match, groups={**groups, "y": str(year - 1)}), published)
    return ("future" if future and "y" not in groups else "month"), DateRange(start, end, precision)


def _second_year(year: int, raw: str) -> int:
    """The end of "2014-2016" or "2014-16"."""
    return int(raw) if len(raw) == 4 else year // 100 * 100 + int(raw)


def _resolve_year(match: _Match, published: dt.date) -> _Resolved | None:
    groups = match.groups
    year = int(groups["y"])
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if "y2" in groups:
        end = dt.date(_second_year(year, groups["y2"]), 12, 31)
    if "mod" in groups:
        start, end, _ = _narrow(start, end, groups["mod"])
    return "year", DateRange(start, end, 4)


def _resolve_decade(match: _Match, published: dt.date) -> _Resolved | None:
    first = int(match.groups["dec"])
    start, end = dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    if "mod" in match.groups:
        start, end, _ = _narrow(start, end, match.groups["mod"])
    return "decade", DateRange(start, end, 4)


def _resolve_weekday(match: _Match, published: dt.date) -> _Resolved | None:
    weekday = _weekday_number(match.groups["wd"])
    rel = " ".join(match.groups.get("rel", "").lower().split())
    if match.future or rel in ("next", "coming", "this coming"):
        day = _next_weekday(published, weekday)
        if rel in ("next", "coming", "this coming") and day == published:
            day += dt.timedelta(days=7)
        return "future", DateRange(day, day, 1)
    day = _recent_weekday(published, weekday, strict=rel in ("last", "past", "this past"))
    return "weekday", DateRange(day, day, 1)


def _resolve_overnight(match: _Match, published: dt.date) -> _Resolved | None:
    groups = match.groups
    if "wd2" in groups:
        end = _recent_weekday(published, _weekday_number(groups["wd2"]))
    elif "wd" in groups:
        end = _recent_weekday(published, _weekday_number(groups["wd"]))
    else:
        end = published
    # The night before the named day, or before publication when no day is named.
    return "overnight", DateRange(end - dt.timedelta(days=1), end, 1)


def _resolve_yesterday(match: _Match, published: dt.date) -> _Resolved | None:
    back = 2 if "dby" in match.groups else 1
    day = published - dt.timedelta(days=back)
    return "yesterday", DateRange(day, day, 1)


def _resolve_today(match: _Match, published: dt.date) -> _Resolved | None:
    return "today", DateRange(published, published, 1)


def _resolve_tomorrow(match: _Match, published: dt.date) -> _Resolved | None:
    ahead = 2 if "dat" in match.groups else 1
    day = published + dt.timedelta(days=ahead)
    return "future", DateRange(day, day, 1)


def _calendar_period(published: dt.date, unit: str, offset: int) -> tuple[dt.date, dt.date]:
    """The calendar week, month or year `offset` periods from the one holding `published`."""
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        first = _add_months(published.replace(day=1), offset)
        return first, _month_end(first.year, first.month)
    year = published.year + offset
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _resolve_calendar(match: _Match, published: dt.date) -> _Resolved | None:
    """Calendar periods: "last week", "earlier this month", "late last year", "next month"."""
    unit = match.groups["unit"].lower()
    rel = match.groups["rel"].lower().split()[-1]
    q = " ".join(match.groups.get("q", "").lower().split())
    if rel == "the" and not q.startswith("the"):
        return None  # "the week" alone points back into the story, not to P
    precision = {"week": 2, "month": 3, "year": 4}[unit]
    offset = {"last": -1, "this": 0, "the": 0}.get(rel, 1)
    start, end = _calendar_period(published, unit, offset)
    if offset == 0 and q == "later":
        return "future", DateRange(published, end, precision)
    if q and not (offset == 0 and q == "earlier"):
        start, end, _ = _narrow(start, end, {"earlier": "early", "later": "late"}.get(q, q))
    if offset > 0 or start > published:
        return "future", DateRange(start, end, precision)
    # "this month" has happened only up to the publication date.
    return unit, DateRange(start, min(end, published), precision)


def _resolve_weekend(match: _Match, published: dt.date) -> _Resolved | None:
    rel = " ".join(match.groups.get("rel", "").lower().split())
    if match.future or rel in ("next", "coming", "the coming", "this coming"):
        saturday = _next_weekday(published + dt.timedelta(days=1), 5)
        return "future", DateRange(saturday, saturday + dt.timedelta(days=1), 2)
    saturday = _recent_weekday(published, 5)
    if rel == "last" and published - saturday <= dt.timedelta(days=1):
        saturday -= dt.timedelta(days=7)  # on a weekend, "last weekend" is the one before
    end = min(saturday + dt.timedelta(days=1), published)
    return "weekend", DateRange(saturday, end, 2)


def _resolve_last_n(match: _Match, published: dt.date) -> _Resolved | None:
    """Windows back from P: "the last three weeks", "the past 24 hours", "this past week"."""
    groups = match.groups
    rel = groups["rel"].lower().split()[-1]
    if rel in ("previous", "preceding") and "n" not in groups:
        return None  # "the previous week" counts back from the story, not from today
    unit = _unit(groups["unit"])
    n = _number(groups.get("n"))
    if unit == "hour":
        start = published - dt.timedelta(days=max(1, -(-n // 24)))
    else:
        start = _shift(published, -n, unit)
    return "last_n", DateRange(start, published, _precision_of(start, published))


_RECENT_SPANS: Mapping[str, tuple[int, str]] = MappingProxyType(
    {"day": (7, "day"), "week": (4, "week"), "month": (3, "month"), "year": (3, "year")}
)


def _resolve_recent(match: _Match, published: dt.date) -> _Resolved | None:
    n, unit = _RECENT_SPANS[_unit(match.groups["unit"])]
    start = _shift(published, -n, unit)
    return "last_n", DateRange(start, published, _precision_of(start, published))


_AGO_PRECISION: Mapping[str, int] = MappingProxyType(
    {"minute": 1, "moment": 1, "hour": 1, "day": 1, "week": 2, "fortnight": 2, "month": 3}
)
# "days ago" without a number: a guess at how many, and a precision that admits the guess.
_VAGUE_AGO: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"day": (3, 2), "week": (3, 3), "month": (3, 4), "year": (3, 4), "decade": (3, 4)}
)


def _resolve_ago(match: _Match, published: dt.date) -> _Resolved | None:
    unit = _unit(match.groups["unit"])
    if unit in ("minute", "moment", "hour") and "n" not in match.groups:
        return "ago", DateRange(published, published, 1)
    if "n" not in match.groups and match.groups["unit"].lower().endswith("s"):
        n, precision = _VAGUE_AGO.get(unit, (1, 1))
    else:
        n, precision = _number(match.groups.get("n")), _AGO_PRECISION.get(unit, 4)
    day = published if unit in ("minute", "moment") else _shift(published, -n, unit)
    return "ago", DateRange(day, day, precision)


_FUTURE_DEFAULTS: Mapping[str, int] = MappingProxyType(
    {"hour": 24, "day": 7, "week": 3, "month": 3}
)


def _resolve_future(match: _Match, published: dt.date) -> _Resolved | None:
    """Expectations: "within days", "in the coming weeks", "the next two days"."""
    groups = dict(match.groups)
    for alt, main in (("n2", "n"), ("unit2", "unit")):  # the rule's second branch
        if alt in groups:
            groups[main] = groups.pop(alt)
    unit = _unit(groups["unit"])
    plural = groups["unit"].lower().endswith("s")
    if "n" not in groups and not plural and groups.get("rel", "").lower() == "next":
        return None  # "the next day" counts on from the story, not from today
    n = _number(groups.get("n"), _FUTURE_DEFAULTS[unit] if plural else 1)
    if unit == "hour":
        end = published + dt.timedelta(days=max(1, n // 24))
    else:
        end = _shift(published, n, unit)
    return "future", DateRange(published, end, _precision_of(published, end))


_SEASON_MONTHS: Mapping[str, int] = MappingProxyType(
    {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
)


def _season(year: int, first_month: int) -> tuple[dt.date, dt.date]:
    """A season as three whole months: winter 2016 runs from December 2016 to February."""
    start = dt.date(year, first_month, 1)
    last = _add_months(start, 2)
    return start, _month_end(last.year, last.month)


def _season_year(published: dt.date, first_month: int, rel: str) -> int:
    """Which year's season "last summer", "this winter", "early spring" mean."""
    year = published.year
    while _season(year, first_month)[0] > published:  # the latest one begun
        year -= 1
    if rel == "last" and _season(year, first_month)[1] >= published:
        return year - 1  # the latest one already over
    if rel == "next":
        return year + 1
    if rel == "this" and (published - _season(year, first_month)[1]).days > 31:
        return year + 1  # "this summer", said in March, is the coming one
    return year


def _resolve_season(match: _Match, published: dt.date) -> _Resolved | None:
    groups = match.groups
    rel = groups.get("rel", "").lower()
    if not rel and "y" not in groups:
        return None  # "the fall of Aleppo", "in summer": no year to pin it to
    first_month = _SEASON_MONTHS[groups["s"].lower()]
    year = int(groups["y"]) if "y" in groups else _season_year(published, first_month, rel)
    start, end = _season(year, first_month)
    if rel in ("early", "mid", "late"):
        start, end, _ = _narrow(start, end, rel)
    kind = "future" if start > published else "season"
    return kind, DateRange(start, end, 4)


# ------------------------------------------------------------------------- validators


def _anchored(ctx: _Context, start: int, end: int) -> bool:
    """A bare month or year needs a preposition before it or a DATE entity over it."""
    return bool(_ANCHOR_BEFORE.search(ctx.before(start))) or ctx.overlaps(start, end, ("DATE",))


def _check_month(ctx: _Context, m: re.Match[str]) -> bool:
    if m.group("rel") or m.group("mod"):
        return True
    # "May" is a modal verb and a name more often than a month: it needs a preposition.
    if m.group("m") == "May":
        return bool(_ANCHOR_BEFORE.search(ctx.before(m.start())))
    return _anchored(ctx, m.start(), m.end())


def _counts_something(doc: Doc, start: int, end: int) -> bool:
    """Whether the number at [start, end) counts the plural noun after it ("and 1990 people").

    After a preposition or a determiner it is a year again: "in 2014 people fled",
    "the 2022 elections".
    """
    span = doc.char_span(start, end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    if token.dep_ != "nummod" or token.i + 1 >= len(doc) or doc[token.i + 1].tag_ != "NNS":
        return False
    return token.i == 0 or doc[token.i - 1].pos_ not in ("ADP", "DET", "PRON")


def _check_year(ctx: _Context, m: re.Match[str]) -> bool:
    if ctx.overlaps(m.start("y"), m.end("y"), _NOT_YEAR_LABELS):
        return False  # "2,014 protesters" or "2014 people" counted as a number
    if _counts_something(ctx.doc, m.start("y"), m.end("y")):
        return False
    if m.group("y2"):
        # "2014-16" is a span of years; "2017-10" is October 2017, left to dateparser.
        return _second_year(int(m.group("y")), m.group("y2")) > int(m.group("y"))
    return bool(m.group("mod")) or _anchored(ctx, m.start(), m.end())


def _check_overnight(ctx: _Context, m: re.Match[str]) -> bool:
    # "an overnight curfew" is an adjective, not a time.
    return m.group("wd") is not None or not _ARTICLE_BEFORE.search(ctx.before(m.start()))


def _check_future(ctx: _Context, m: re.Match[str]) -> bool:
    # "the truce was broken within hours" is how fast, in the past, not an expectation.
    return not (m.group("within") and _is_past(ctx.doc, m.start(), m.end()))


_Check = Callable[[_Context, "re.Match[str]"], bool]


@dataclass(frozen=True)
class _Rule:
    name: str
    keys: tuple[str, ...]  # lower-case strings one of which occurs in or near every match
    pattern: re.Pattern[str]
    resolve: _Resolver
    check: _Check | None = None
    tense: bool = False  # whether the tense of the governing verb may make it a future date


# ----------------------------------------------------------------------------- grammar

_YEAR_KEYS = ("19", "20")
_MONTH_NAME_KEYS = tuple(name.lower() for name in _MONTH_NAMES)
_WEEKDAY_KEYS = tuple(name.lower() for name in _WEEKDAY_NAMES)
# How far a match may start before its keyword and end after it: text is only searched
# this close to a keyword, so that each rule scans a few windows instead of the article.
_REACH, _TAIL = 40, 50


def _grammar(pattern: str) -> re.Pattern[str]:
    # Every rule starts at a word start; saying so lets the engine skip the other positions.
    return re.compile(r"\b(?=\w)" + pattern)


# Order is priority: when two matches cover the same characters the earlier rule wins.

_RULES: tuple[_Rule, ...] = (
    _Rule(
        "numeric",
        _YEAR_KEYS,
        _grammar(
            rf"(?<![\w./-])(?:(?P<iy>{_YEAR})(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=isep)(?P<id>{_DAY})"
            rf"|(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<ny>{_YEAR}))(?![\w/-]|\.\d)"
        ),
        _resolve_absolute,
    ),
    _Rule(
        "mdy",
        _MONTH_KEYS,
        _grammar(
            rf"(?:(?P<wd>{_WD}),?\s+)?(?P<m>{_MONTH})\s+(?:the\s+)?(?P<d>{_DAY}){_ORD}\b"
            rf"(?:\s*(?:{_DASH}|(?i:to|and|until|through))\s*(?P<d2>{_DAY}){_ORD}\b)?"
            rf"(?:,?\s+(?P<y>{_YEAR}){_YEAR_END})?(?![\d:]){_NOT_NAME}"
        ),
        _resolve_absolute,
        tense=True,
    ),
    _Rule(
        "dmy",
        _MONTH_KEYS,
        _grammar(
            rf"(?:(?P<wd>{_WD}),?\s+)?(?:(?i:the)\s+)?(?<![\d,.])\b(?P<d>{_DAY}){_ORD}"
            rf"(?:\s*(?:{_DASH}|(?i:to|and))\s*(?P<d2>{_DAY}){_ORD})?(?:\s+(?:(?i:of)\s+)?|-)"
            rf"(?P<m>{_MONTH})(?:(?:,?\s+|-)(?P<y>{_YEAR}){_YEAR_END})?{_NOT_NAME}"
        ),
        _resolve_absolute,
        tense=True,
    ),
    _Rule(
        "month_year",
        _MONTH_KEYS,
        _grammar(
            rf"(?:(?P<mod>{_MOD_MONTH})[\s-]+)?(?P<m>{_MONTH}),?\s+(?:(?i:of)\s+)?"
            rf"(?P<y>{_YEAR}){_YEAR_END}{_NOT_NAME}"
        ),
        _resolve_month,
    ),
    _Rule(
        "decade",
        ("0s", "0's"),
        _grammar(r"(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?P<dec>(?:19|20)\d0)'?s\b"),
        _resolve_decade,
    ),
    _Rule(
        "year",
        _YEAR_KEYS,
        _grammar(
            rf"(?:(?P<mod>{_MOD_YEAR})[\s-]+)?(?<![\w,.$£€#/])(?<!\d-)(?P<y>{_YEAR})"
            rf"(?:\s*(?:{_DASH}|/)\s*(?P<y2>{_YEAR}|\d{{2}}))?(?![\w%]|[.,]\d|-\w)"
            r"(?!\s*(?:GMT|UTC|hrs?\b|hours\b|local\b))"  # military time, "2000 GMT"
            rf"{_NOT_NAME}"
        ),
        _resolve_year,
        _check_year,
    ),
    _Rule(
        "overnight",
        ("overnight", "last night"),
        _grammar(
            r"(?i:(?:late\s+)?last\s+night|overnight)"
            rf"(?:\s+(?:(?i:on|into|to|from)\s+)?(?P<wd>{_WD})"
            rf"(?:\s+(?i:to|into)\s+(?P<wd2>{_WD}))?)?\b"
        ),
        _resolve_overnight,
        _check_overnight,
    ),
    _Rule(
        "weekday",
        _WEEKDAY_KEYS,
        _grammar(
            r"(?:(?P<rel>(?i:last|this\s+past|past|this\s+coming|this|next|coming))\s+)?"
            rf"(?P<wd>{_WD})(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?\b"
        ),
        _resolve_weekday,
        tense=True,
    ),
    _Rule(
        "yesterday",
        ("yesterday",),
        _grammar(
            r"(?i:(?P<dby>the\s+day\s+before\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?)\b"
        ),
        _resolve_yesterday,
    ),
    _Rule(
        "today",
        ("today", "tonight", "morning", "afternoon", "evening"),
        _grammar(r"(?i:(?:earlier\s+)?today|tonight|this\s+(?:morning|afternoon|evening))\b"),
        _resolve_today,
    ),
    _Rule(
        "tomorrow",
        ("tomorrow",),
        _grammar(r"(?i:(?P<dat>the\s+day\s+after\s+)?tomorrow)\b"),
        _resolve_tomorrow,
    ),
    _Rule(
        "calendar",
        ("week", "month", "year"),
        _grammar(
            r"(?:(?P<q>(?i:earlier|later|early|late|mid|the\s+(?:start|beginning|end|middle)"
            r"\s+of))[\s-]+)?(?P<rel>(?i:last|this|next|the\s+coming|coming|the))\s+"
            r"(?P<unit>(?i:week|month|year))\b(?!\s+(?i:of)\b)"
        ),
        _resolve_calendar,
    ),
    _Rule(
        "weekend",
        ("weekend",),
        _grammar(
            r"(?P<rel>(?i:last|this\s+past|this\s+coming|this|next|past|the\s+past|the\s+coming"
            r"|coming|the))\s+(?i:weekend)\b"
        ),
        _resolve_weekend,
        tense=True,
    ),
    _Rule(
        "last_n",
        ("last", "past", "previous", "preceding"),
        _grammar(
            r"(?i:(?:the\s+)?(?P<rel>last|past|previous|preceding|this\s+past)\s+"
            rf"(?:(?P<n>{_NUM_WORD})\s+)?(?P<unit>hours?|days?|weeks?|fortnight|months?|years?"
            r"|decades?))\b(?!\s+(?i:of)\b)"
        ),
        _resolve_last_n,
    ),
    _Rule(
        "recent",
        ("recent",),
        _grammar(r"(?i:recent\s+(?P<unit>days|weeks|months|years))\b"),
        _resolve_recent,
    ),
    _Rule(
        "ago",
        ("ago",),
        _grammar(
            rf"(?i:\b(?:(?P<n>{_NUM_WORD})\s+)?(?P<unit>minutes?|moments|hours?|days?|weeks?"
            r"|fortnight|months?|years?|decades?)\s+ago)\b"
        ),
        _resolve_ago,
    ),
    _Rule(
        "future",
        ("within", "coming", "next"),
        _grammar(
            rf"(?i:(?P<within>within)\s+(?:(?P<n>{_NUM_WORD})\s+)?(?P<unit>hours?|days?|weeks?"
            r"|months?)\b|the\s+(?P<rel>coming|next)\s+(?:(?P<n2>" + _NUM_WORD + r")\s+)?"
            r"(?P<unit2>hours?|days?|weeks?|months?))\b"
        ),
        _resolve_future,
        _check_future,
    ),
    _Rule(
        "season",
        ("spring", "summer", "autumn", "fall", "winter"),
        _grammar(
            r"(?:(?P<rel>(?i:last|this|next|early|late|mid))[\s-]+)?(?:(?i:the)\s+)?"
            rf"(?P<s>(?i:spring|summer|autumn|fall|winter))(?:\s+(?:(?i:of)\s+)?(?P<y>{_YEAR}))?\b"
        ),
        _resolve_season,
    ),
    _Rule(
        "month",
        _MONTH_NAME_KEYS,
        _grammar(
            r"(?:(?P<rel>(?i:last|this\s+coming|this\s+past|this|next|coming|past))\s+"
            rf"|(?P<mod>{_MOD_MONTH})[\s-]+)?(?P<m>{_MONTH_FULL})(?!\s*\d){_NOT_NAME}"
        ),
        _resolve_month,
        _check_month,
        tense=True,
    ),
)


_RESOLVERS: Mapping[str, _Resolver] = MappingProxyType({r.name: r.resolve for r in _RULES})
_TENSED = frozenset(r.name for r in _RULES if r.tense)

# ----------------------------------------------------------------------------- scanning


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb (or predicate adjective) that the expression at [start, end) dates."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    # "will vote Tuesday" hangs the date on the verb; "will vote on Tuesday" goes through
    # "on".  A date on a noun ("the attack on Monday") says nothing about the verb's tense.
    verb = span.root.head
    if verb.pos_ == "ADP":
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX", "ADJ") else None


def _is_future(doc: Doc, start: int, end: int) -> bool:
    verb = _governing_verb(doc, start, end)
    if verb is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    if verb.lower_ in ("scheduled", "due"):
        return True
    # "talks are expected to resume on Monday": the future sits on the governing verb.
    return verb.dep_ == "xcomp" and verb.head.lower_ in _FUTURE_GOVERNORS


def _is_past(doc: Doc, start: int, end: int) -> bool:
    verb = _governing_verb(doc, start, end)
    if verb is None:
        return False
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def _windows(lower: str, keys: tuple[str, ...]) -> list[tuple[int, int]]:
    """The stretches of text near any of `keys`, merged where they overlap."""
    spots = []
    for key in keys:
        at = lower.find(key)
        while at != -1:
            spots.append((max(0, at - _REACH), min(len(lower), at + len(key) + _TAIL)))
            at = lower.find(key, at + 1)
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spots):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def _raw_matches(ctx: _Context) -> list[_Match]:
    found: list[_Match] = []
    lower = ctx.text.lower()
    for priority, rule in enumerate(_RULES):
        for low, high in _windows(lower, rule.keys):
            for m in rule.pattern.finditer(ctx.text, low, high):
                if rule.check is not None and not rule.check(ctx, m):
                    continue
                if ctx.named(m.start(), m.end()):
                    continue  # "The Sunday Times", "Theresa May"
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                found.append(_Match(m.start(), m.end(), priority, rule.name, groups))
    return found


def _longest_first(matches: list[_Match]) -> list[_Match]:
    """Non-overlapping matches, the longest winning, ties going to the earlier rule."""
    chosen: list[_Match] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.priority, m.start)):
        if all(match.end <= c.start or c.end <= match.start for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def _join_ranges(text: str, matches: list[_Match]) -> list[_Match]:
    """Fold "from June to August" and "between 2014 and 2016" into one match."""
    joined: list[_Match] = []
    i = 0
    while i < len(matches):
        first = matches[i]
        if i + 1 < len(matches):
            second = matches[i + 1]
            between = text[first.end : second.start]
            before = text[max(0, first.start - 10) : first.start]
            if _RANGE_JOIN.fullmatch(between) and _RANGE_BEFORE.search(before):
                pair = (first, second)
                joined.append(_Match(first.start, second.end, 0, "range", {}, parts=pair))
                i += 2
                continue
        joined.append(first)
        i += 1
    return joined


def _finish(ctx: _Context, match: _Match) -> _Match:
    """Add what the surroundings say: a "since" before it, a future verb over it."""
    if match.rule in _TENSED and "y" not in match.groups:
        if _is_future(ctx.doc, match.start, match.end):
            match = replace(match, future=True)
    found = _SINCE_BEFORE.search(ctx.before(match.start, 16))
    if found and match.rule not in ("future", "tomorrow"):
        start = match.start - (len(found.group(0)))
        match = replace(match, start=start, since=True, future=False)
    return match


def _scan(ctx: _Context) -> list[_Match]:
    """Every date expression in the document, merged, but not yet resolved."""
    matches = _longest_first(_raw_matches(ctx))
    return _join_ranges(ctx.text, [_finish(ctx, m) for m in matches])


# --------------------------------------------------------------------------- resolution


def _resolve(match: _Match, published: dt.date) -> _Resolved | None:
    if match.parts:
        return _resolve_range(match, published)
    resolved = _RESOLVERS[match.rule](match, published)
    if resolved is None or not match.since:
        return resolved
    start = resolved[1].start
    if start is None or start > published:
        return None
    precision = max(2, _precision_of(start, published))
    return "since", DateRange(start, published, precision)


def _share_year(first: _Match, second: _Match) -> _Match:
    """In "from June to August 2019" the year of the second end dates the first too."""
    if "y" in first.groups or "y" not in second.groups or "m" not in first.groups:
        return first
    year = int(second.groups["y"])
    if "m" in second.groups and _month_number(first.groups["m"]) > _month_number(
        second.groups["m"]
    ):
        year -= 1  # "from December to February 2020" starts in December 2019
    return replace(first, groups={**first.groups, "y": str(year)})


def _resolve_range(match: _Match, published: dt.date) -> _Resolved | None:
    first_part, second_part = match.parts
    first = _resolve(_share_year(first_part, second_part), published)
    second = _resolve(second_part, published)
    if first is None or second is None:
        return None
    start, end = first[1].start, second[1].end
    if start is None or end is None or end < start:
        return None
    return "range", DateRange(start, end, max(first[1].precision, _precision_of(start, end)))


def _sentence_starts(doc: Doc) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [sent.start_char for sent in doc.sents]


def _mention(
    text: str, start: int, end: int, resolved: _Resolved, starts: list[int]
) -> DateMention:
    kind, date_range = resolved
    sentence = max(0, bisect.bisect_right(starts, start) - 1)
    return DateMention(Span(start, end, text[start:end]), date_range, kind, sentence)


def _fallback_candidates(ctx: _Context, matches: list[_Match]) -> list[tuple[int, int]]:
    """DATE entities no rule covered that still look like calendar dates."""
    spans = []
    for ent in ctx.entities:
        start, end = ent.start, ent.end
        if ent.label != "DATE" or any(m.start < end and start < m.end for m in matches):
            continue
        text = ctx.text[start:end]
        if not _FALLBACK_WORTHY.search(text) or _NOT_A_DATE.search(text):
            continue
        if _NAME_AFTER.match(ctx.text, end):
            continue  # "the March 23 Movement" is a rebel group
        if _BARE_DURATION.fullmatch(text) or _FOR_BEFORE.search(ctx.before(start, 5)):
            continue  # "for 10 years" is how long, not when
        spans.append((start, end))
    return spans


def _dateparser_range(result: Any, published: dt.date) -> DateRange | None:
    """A DateRange from dateparser's date and period, when both are plausible."""
    found = getattr(result, "date_obj", None)
    if not isinstance(found, dt.datetime) or not 1900 <= found.year <= published.year + 1:
        return None
    day = found.date()
    period = str(getattr(result, "period", "day"))
    if period == "year":
        return DateRange(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), 4)
    if period == "month":
        return DateRange(day.replace(day=1), _month_end(day.year, day.month), 3)
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return DateRange(monday, monday + dt.timedelta(days=6), 2)
    return DateRange(day, day, 1)


def _fallback(
    text: str, spans: list[tuple[int, int]], published: dt.date
) -> list[tuple[int, int, _Resolved]]:
    """Resolve left-over DATE entities with dateparser; those it cannot read are dropped."""
    if not spans:
        return []
    # Imported here: dateparser is slow to load and most documents never need it.
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
    }
    parser = DateDataParser(languages=["en"], settings=settings)
    results = []
    for start, end in spans:
        date_range = _dateparser_range(parser.get_date_data(text[start:end]), published)
        if date_range is not None:
            results.append((start, end, ("fallback", date_range)))
    return results


def _grammar_mentions(
    text: str, matches: list[_Match], published: dt.date, starts: list[int]
) -> list[DateMention]:
    mentions = []
    for match in matches:
        pieces: tuple[_Match, ...] = (match,)
        if match.parts and _resolve(match, published) is None:
            pieces = match.parts  # the two ends do not make a range: keep them apart
        for piece in pieces:
            resolved = _resolve(piece, published)
            if resolved is not None:
                mentions.append(_mention(text, piece.start, piece.end, resolved, starts))
    return mentions


# ------------------------------------------------------------------------------ public


def extract_dates(doc: Doc, published: dt.date) -> list[DateMention]:
    """Every date expression in `doc`, resolved against the publication date, in text order."""
    if isinstance(published, dt.datetime):
        published = published.date()  # datetimes do not compare with dates
    ctx, starts = _Context.of(doc), _sentence_starts(doc)
    matches = _scan(ctx)
    mentions = _grammar_mentions(ctx.text, matches, published, starts)
    spans = _fallback_candidates(ctx, matches)
    for start, end, resolved in _fallback(ctx.text, spans, published):
        mentions.append(_mention(ctx.text, start, end, resolved, starts))
    return sorted(mentions, key=lambda m: m.span.start)


def _past_weekdays(matches: list[_Match]) -> list[tuple[int, bool]]:
    """(weekday, strictly before) for each weekday the text uses as a past reference."""
    refs = []
    for match in matches:
        pieces = match.parts or (match,)
        for piece in pieces:
            rel = " ".join(piece.groups.get("rel", "").lower().split())
            if piece.future or piece.rule not in ("weekday", "overnight"):
                continue
            if rel in ("next", "coming", "this coming"):
                continue
            name = piece.groups.get("wd2") or piece.groups.get("wd")
            if name:
                refs.append((_weekday_number(name), rel in ("last", "past", "this past")))
    return refs


def infer_published(doc: Doc) -> dt.date | None:
    """The publication date a text implies, or None when it gives no full date.

    The latest explicit full date D is a lower bound; a report written after D still says
    "on Thursday" for the days since, so the answer is the first day in D..D+7 from which
    every such weekday falls between D and that day.
    """
    matches = _scan(_Context.of(doc))
    latest = None
    for match in matches:
        for piece in match.parts or (match,):
            if piece.rule in ("numeric", "mdy", "dmy"):
                days = _explicit_days(piece)
                if days is not None and (latest is None or days[1] > latest):
                    latest = days[1]
    if latest is None:
        return None
    refs = _past_weekdays(matches)
    for ahead in range(8):
        candidate = latest + dt.timedelta(days=ahead)
        if all(latest <= _recent_weekday(candidate, wd, strict) for wd, strict in refs):
            return candidate
    return latest
