"""Counts in the text: "at least 700 people", "dozens of militants", "between 300 and 400".

`extract_quantities` makes one pass over the tokens of a parsed spaCy `Doc`.  At each token
that can open a number (digits, number words, "dozens", "a handful" ...) it reads the number,
an optional second number of a range, the qualifier words on its left ("at least", "an
estimated") and on its right ("or more", a unit), then finds the counted noun in the
dependency parse.  Numbers that are dates, times, ages, years, codes or parts of names are
dropped.  spaCy's entities are used only as evidence: the small model often splits or
mislabels quantities ("Between 40 and" as a DATE), so they never decide alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from euphrates.records import Quantity, Span

# --- number vocabulary -------------------------------------------------------------------

DIGITS_RE: Final = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# The tokenizer leaves "2bn" and "3mn" whole (it splits "5m" into "5" "m").
SUFFIXED_RE: Final = re.compile(r"^(\d+(?:\.\d+)?)(bn|mn|mln)$")

SMALL: Final[Mapping[str, int]] = MappingProxyType(
    {
        w: n
        for n, w in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen".split()
        )
    }
)
TENS: Final[Mapping[str, int]] = MappingProxyType(
    {
        w: 10 * n
        for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
    }
)
# Words that multiply what precedes them ("1.2 million", "two dozen").
SCALES: Final[Mapping[str, int]] = MappingProxyType(
    {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
)
# Abbreviated scales: "2bn", "$5m", "1.5m people" (alone, "a 5m wall" is five metres).
ABBREVIATED_SCALES: Final[Mapping[str, int]] = MappingProxyType(
    {"m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
)
# Vague plurals: (low, high); best is low, as UCDP codes "dozens" as its lowest reading.
VAGUE_PLURALS: Final[Mapping[str, tuple[int, int]]] = MappingProxyType(
    {
        "dozens": (24, 99),
        "scores": (40, 99),
        "hundreds": (200, 999),
        "thousands": (2_000, 9_999),
        "millions": (2_000_000, 9_999_999),
        "tens": (20, 99),  # only in "tens of thousands"
    }
)
# "hundreds of thousands": the plural that scales a vague plural.
VAGUE_SCALES: Final[Mapping[str, int]] = MappingProxyType(
    {"thousands": 1_000, "millions": 1_000_000}
)
# Determiner-led vague counts: "a handful", "a few"; value is (low, high, qualifier).
VAGUE_AFTER_A: Final[Mapping[str, tuple[int, int, str]]] = MappingProxyType(
    {"handful": (3, 5, "handful"), "few": (3, 5, "few")}
)
SEVERAL: Final = (3, 9)

HYPHENS: Final = frozenset({"-", "–", "—"})
# A token that may open a number: checked before any real parsing to keep the pass cheap.
OPENERS: Final = frozenset({*SMALL, *TENS, *VAGUE_PLURALS, "a", "an", "half", "several"})

# --- qualifiers --------------------------------------------------------------------------


# "Fatalities coded as 8", "deaths recorded at 4", "Fatalities: 3"
LABELLED_NOUNS = frozenset({"fatality", "death", "casualty"})
LABEL_VERBS = frozenset({"coded", "recorded", "counted", "estimated", "put", "given"})


def _phrases(table: Mapping[str, str]) -> Mapping[tuple[str, ...], str]:
    """{value: "phrase one|phrase two"} -> {("phrase", "one"): value, ...}, read-only."""
    return MappingProxyType(
        {tuple(p.split()): value for value, ps in table.items() for p in ps.split("|")}
    )


# Phrases on the left of a number, longest match wins ("no more than" before "more than").
LEFT_QUALIFIERS: Final = _phrases(
    {
        "about": "about|around|approximately|approx.|some|nearly|almost|roughly|circa|"
        "close to|an approximate|just about|nearly about",
        "estimate": "an estimated|estimated|estimated at|est.|the estimated",
        "at least": "at least|no fewer than|no less than|not fewer than|not less than|"
        "a minimum of|at a minimum",
        "more than": "more than|over|upwards of|upward of|in excess of|above|greater than|"
        "well over|just over|slightly over|well above|just above|just more than|"
        "slightly more than|well more than|a little more than|a little over",
        "up to": "up to|as many as|as much as|at most|a maximum of|no more than|not more than",
        "fewer than": "fewer than|less than|under|below|just under|just below|well under|"
        "well below|slightly fewer than|slightly less than",
    }
)
LONGEST_QUALIFIER: Final = max(len(k) for k in LEFT_QUALIFIERS)
# One-word qualifiers that are also prepositions or particles: "took over 12 villages".
AMBIGUOUS_QUALIFIERS: Final = frozenset({"over", "under", "above", "below", "about", "around"})
# Phrases on the right of a number ("4,000 or more").
RIGHT_QUALIFIERS: Final = _phrases(
    {"more than": "or more", "about": "or so", "up to": "or fewer|or less"}
)
# Words glued to a number by a hyphen that keep it a count: "30-odd", "a 300-strong force".
HYPHEN_SUFFIXES: Final[Mapping[str, str]] = MappingProxyType(
    {"odd": "about", "plus": "more than", "strong": "exact", "member": "exact", "man": "exact"}
)
# Suffixes that describe a group of people: the group noun is what is counted.
GROUP_SUFFIXES: Final = frozenset({"strong", "member", "man"})

# --- units -------------------------------------------------------------------------------

_LENGTHS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "km": "km|kms|kilometre|kilometres|kilometer|kilometers",
        "m": "m|metre|metres|meter|meters",
        "mile": "mile|miles|mi",
        "ft": "ft|foot|feet",
    }
)
UNITS: Final[Mapping[tuple[str, ...], str]] = MappingProxyType(
    {
        **_phrases(
            {
                **_LENGTHS,
                **{
                    "square " + unit: "|".join(
                        f"{sq} {w}" for sq in ("square", "sq", "sq.") for w in words.split("|")
                    )
                    for unit, words in _LENGTHS.items()
                },
                "cm": "cm|centimetre|centimetres|centimeter|centimeters",
                "mm": "mm|millimetre|millimetres|millimeter|millimeters",
                "inch": "inch|inches",
                "hectare": "ha|hectare|hectares",
                "acre": "acre|acres",
                "dunam": "dunam|dunams|dunum|dunums|donum|donums",
                "kg": "kg|kgs|kilogram|kilograms|kilogramme|kilogrammes|kilo|kilos",
                "tonne": "t|ton|tons|tonne|tonnes",
                "lb": "lb|lbs",
                "litre": "l|litre|litres|liter|liters",
                "gallon": "gallon|gallons",
                "barrel": "barrel|barrels",
                "degree": "degree|degrees",
                "percent": "percent|per cent|pct|%",
                "percentage point": "percentage point|percentage points",
                "usd": "dollar|dollars|usd|us dollars|u.s. dollars",
                "eur": "euro|euros|eur",
                "gbp": "sterling|gbp",
                "ils": "shekel|shekels|nis",
                "rub": "rouble|roubles|ruble|rubles",
            }
        ),
        ("km2",): "square km",
    }
)
LONGEST_UNIT: Final = max(len(k) for k in UNITS)
# Unit words that can also be the head noun of a number in the parse; short abbreviations
# ("m", "t", "l") are left out because as nouns they are rarely units.
UNIT_WORDS: Final = frozenset(k[0] for k in UNITS if len(k) == 1 and len(k[0]) > 2)
CURRENCY_SYMBOLS: Final[Mapping[str, str]] = MappingProxyType(
    {"$": "usd", "us$": "usd", "usd": "usd", "£": "gbp", "€": "eur", "eur": "eur", "¥": "jpy"}
)
CURRENCY_UNITS: Final = frozenset({"usd", "eur", "gbp", "ils", "rub", "jpy"})

# --- what is not a count -----------------------------------------------------------------

# A counted noun that makes the number a duration (or an age, "35 years old").
TIME_NOUNS: Final = frozenset(
    "second minute hour day night week weekend fortnight month year decade century "
    "millennium morning afternoon evening".split()
)
MONTHS: Final = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. "
    "oct oct. nov nov. dec dec.".split()
)
# Words that make a DATE or TIME entity genuine; without one the label is a model slip.
DATE_WORDS: Final = frozenset(
    {
        *TIME_NOUNS,
        *(w + "s" for w in TIME_NOUNS),
        *MONTHS,
        *"monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
        "tonight ago old aged age a.m. p.m. am pm gmt utc o'clock noon midnight spring summer "
        "autumn winter ramadan eid dawn dusk mid early late last next this past since".split(),
    }
)
# Month names that are also common words ("may", "march") count only as proper nouns.
AMBIGUOUS_MONTHS: Final = frozenset({"may", "march", "mar", "jan", "jun"})
TIME_MARKERS: Final = frozenset(
    {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "hrs", "o'clock", "h"}
)
AGE_WORDS: Final = frozenset({"aged", "age", "ages"})
# "children under 18", "men over 60": a person noun bounded by a number is an age limit.
AGED_PEOPLE: Final = frozenset(
    "child children minor minors boy boys girl girls kid kids man men woman women "
    "adult adults people person persons youth youths teenager teenagers".split()
)
RATE_WORDS: Final = frozenset({"per", "every", "/"})
# Entity labels whose numbers belong to a name: "Resolution 2254", "Route 6", "Apollo 11".
NAME_LABELS: Final = frozenset(
    {"LAW", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "ORG", "GPE", "LOC", "PERSON"}
)
# Lower-case words that introduce a numbered name even when the model misses the entity.
NAME_PREFIXES: Final = frozenset(
    "no. no nos. # number resolution article route highway road flight brigade division "
    "battalion regiment unit sector zone gate building block room platform chapter section "
    "paragraph page phase camp checkpoint level grade category channel version stage round "
    "line kilometre kilometer km exit district".split()
)
# Dependency labels of a number that do not make it a modifier of the next noun.
NON_MODIFIER_DEPS: Final = frozenset({"conj", "appos", "cc", "punct", "prep"})
NOUN_POS: Final = frozenset({"NOUN", "PROPN"})
PLURAL_TAGS: Final = frozenset({"NNS", "NNPS"})
NOUN_WINDOW: Final = 5  # how far right of a number its noun may sit ("12 Syrian army soldiers")
MAX_AGE: Final = 120


# --- internal records --------------------------------------------------------------------


_Bounds = tuple[int | None, int | None, int | None, str]  # low, best, high, qualifier


@dataclass(frozen=True, slots=True)
class _Core:
    """A number read from tokens [start, end): its bounds and what kind of number it is."""

    start: int
    end: int
    low: int
    best: int
    high: int
    kind: str  # "exact" or a vague qualifier: "dozens", "several" ...
    scale: int = 1  # the last scale word read ("million" -> 10**6), for "3 to 4 million"
    fraction: bool = False  # "2.5" with no scale: only a measure can be fractional
    digits: bool = False
    word_one: bool = False  # the word "one": often a pronoun ("no one", "one of")


@dataclass(frozen=True, slots=True)
class _Right:
    """What follows a number: where the phrase ends, its unit and a trailing qualifier."""

    end: int
    unit: str | None = None
    qualifier: str | None = None
    noun_token: int | None = None  # the noun fixed by a suffix ("a 300-strong force")
    reject: bool = False


@dataclass(frozen=True, slots=True)
class _View:
    """The per-document facts every helper needs, computed once in a single pass."""

    doc: Doc
    text: str  # doc.text rebuilds the string on every access: read it once
    lower: list[str]
    blocked: frozenset[int]  # tokens inside genuine DATE/TIME entities or names
    sent_starts: list[int]


# --- public API --------------------------------------------------------------------------


def extract_quantities(doc: Doc) -> list[Quantity]:
    """Every count of things in `doc`, with its qualifier, counted noun and unit."""
    view = _view(doc)
    found: list[Quantity] = []
    i = 0
    n = len(doc)
    while i < n:
        core = _parse_core(view, i)
        if core is None:
            i += 1
            continue
        quantity, i = _quantity_at(view, core)
        if quantity is not None:
            found.append(quantity)
    return found


# --- document view -----------------------------------------------------------------------


def _view(doc: Doc) -> _View:
    strings = doc.vocab.strings
    # One C-level read of the LOWER column; faster than building a Token per position.
    lower = [strings[h] for h in doc.to_array(LOWER).tolist()]
    blocked: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS or (
            ent.label_ in ("DATE", "TIME") and _genuine_date(lower, ent.start, ent.end)
        ):
            blocked.update(range(ent.start, ent.end))
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        sent_starts = [s.start for s in doc.sents]
    else:
        sent_starts = [0]
    return _View(doc, doc.text, lower, frozenset(blocked), sent_starts)


def _genuine_date(lower: list[str], start: int, end: int) -> bool:
    """The small model tags "Between 40 and" or "30 to 45" as DATE: trust only real dates."""
    for w in lower[start:end]:
        if w in DATE_WORDS or ":" in w or _year_like(w) or (w[:1].isdigit() and w.endswith("s")):
            return True
    return False


def _year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


# --- reading numbers ---------------------------------------------------------------------


def _parse_core(view: _View, i: int) -> _Core | None:
    """The number that starts at token i, or None."""
    w = view.lower[i]
    if w[:1].isdigit():
        return _parse_digits(view, i)
    if w not in OPENERS:
        return None
    if w in VAGUE_PLURALS:
        return _parse_vague_plural(view, i)
    if w == "several":
        return _scaled_vague(view, i, i + 1, SEVERAL[0], SEVERAL[1], "several")
    if w in ("a", "an", "half"):
        return _parse_article_number(view, i)
    return _parse_words(view, i)


def _parse_digits(view: _View, i: int) -> _Core | None:
    text = view.lower[i]
    suffixed = SUFFIXED_RE.match(text) if not DIGITS_RE.match(text) else None
    if suffixed is not None:
        value, end, scale = float(suffixed[1]), i + 1, ABBREVIATED_SCALES[suffixed[2]]
    elif DIGITS_RE.match(text):
        value = float(text.replace(",", ""))
        end, scale = _scale_after(view, i + 1)
        if scale == 1:
            end, scale = _glued_scale_after(view, i)
    else:
        return None
    value *= scale
    fraction = value != int(value)
    v = round(value)
    return _Core(i, end, v, v, v, "exact", scale, fraction, digits=True)


def _scale_after(view: _View, j: int) -> tuple[int, int]:
    """Scale words after a number ("one hundred thousand"): (end, product of scales)."""
    scale = 1
    while j < len(view.lower) and view.lower[j] in SCALES:
        scale *= SCALES[view.lower[j]]
        j += 1
    return j, scale


def _glued_scale_after(view: _View, i: int) -> tuple[int, int]:
    """ "$5m", "5m dollars", "1.5m people": an abbreviated scale glued to digits.  Alone
    ("a 5m wall") the "m" is metres, so it needs money or a plural noun after it."""
    j = i + 1
    lower = view.lower
    if j >= len(lower) or lower[j] not in ABBREVIATED_SCALES or view.doc[i].whitespace_:
        return j, 1
    money = (i > 0 and lower[i - 1] in CURRENCY_SYMBOLS) or _unit_at(view, j + 1)[1] in (
        CURRENCY_UNITS
    )
    plural = j + 1 < len(lower) and view.doc[j + 1].tag_ in PLURAL_TAGS
    return (j + 1, ABBREVIATED_SCALES[lower[j]]) if money or plural else (j, 1)


def _parse_words(view: _View, i: int) -> _Core | None:
    """Spelled-out numbers: "five", "twenty-three", "two hundred and fifty", "two dozen"."""
    total, j, scale = _word_number(view.lower, i)
    if j == i:
        return None
    word_one = j == i + 1 and view.lower[i] == "one"
    return _Core(i, j, total, total, total, "exact", scale, word_one=word_one)


def _word_number(lower: list[str], i: int) -> tuple[int, int, int]:
    """(value, end, last scale) of the number words from i; end == i when there are none."""
    total, j, scale = 0, i, 1
    while True:
        group, k = _word_group(lower, j)
        if k == j:
            return total, j, scale
        j, scale = _scale_after_words(lower, k)
        total += group * scale
        # "one thousand and fifty": "and" joins only a smaller number that is not itself
        # scaled; "between two hundred and three hundred" is a range, not 203.
        if scale == 1 or not _and_joins(lower, j):
            return total, j, scale
        j += 1


def _word_group(lower: list[str], j: int) -> tuple[int, int]:
    """A number below 1,000 in words: "fifty", "twenty-three", "two hundred and five"."""
    value, k = _word_atom(lower, j)
    if k == j:
        return 0, j
    if k < len(lower) and lower[k] == "hundred":
        value *= 100
        k += 1
        if _and_joins(lower, k):
            rest, k2 = _word_atom(lower, k + 1)
            value, k = value + rest, k2
    return value, k


def _word_atom(lower: list[str], j: int) -> tuple[int, int]:
    """0-99 in words; (0, j) when there is none."""
    if j >= len(lower):
        return 0, j
    w = lower[j]
    if w in SMALL:
        return SMALL[w], j + 1
    if w not in TENS:
        return 0, j
    if j + 2 < len(lower) and lower[j + 1] in HYPHENS and 0 < SMALL.get(lower[j + 2], 0) < 10:
        return TENS[w] + SMALL[lower[j + 2]], j + 3
    if j + 1 < len(lower) and 0 < SMALL.get(lower[j + 1], 0) < 10:
        return TENS[w] + SMALL[lower[j + 1]], j + 2
    return TENS[w], j + 1


def _scale_after_words(lower: list[str], k: int) -> tuple[int, int]:
    scale = 1
    while k < len(lower) and lower[k] in SCALES and lower[k] != "hundred":
        scale *= SCALES[lower[k]]
        k += 1
    return k, scale


def _and_joins(lower: list[str], k: int) -> bool:
    """True when lower[k] is an "and" followed by a small unscaled number."""
    if k + 1 >= len(lower) or lower[k] != "and":
        return False
    _, end = _word_atom(lower, k + 1)
    return end > k + 1 and (end >= len(lower) or lower[end] not in SCALES)


def _parse_article_number(view: _View, i: int) -> _Core | None:
    """ "a dozen", "a hundred", "half a million", "a handful", "a few hundred", "a couple of"."""
    lower = view.lower
    j = i + 1
    factor = 1.0
    if lower[i] == "half":
        if j >= len(lower) or lower[j] not in ("a", "an"):
            return None
        factor, j = 0.5, j + 1
    if j >= len(lower):
        return None
    w = lower[j]
    if w in SCALES:
        end, scale = _scale_after(view, j)
        v = round(factor * scale)
        return _Core(i, end, v, v, v, "exact", scale)
    if factor != 1.0:
        return None
    if w in VAGUE_AFTER_A:
        low, high, kind = VAGUE_AFTER_A[w]
        return _scaled_vague(view, i, j + 1, low, high, kind)
    if w == "couple" and j + 1 < len(lower) and lower[j + 1] == "of":
        # "a couple were killed" may be a married couple; "a couple of" is a count.
        return _Core(i, j + 1, 2, 2, 2, "about")
    return None


def _scaled_vague(view: _View, i: int, j: int, low: int, high: int, kind: str) -> _Core:
    """ "several", "a few" - optionally scaled: "several hundred" is 300-999."""
    end, scale = _scale_after(view, j)
    return _Core(i, end, low * scale, low * scale, (high + 1) * scale - 1, kind, scale)


def _parse_vague_plural(view: _View, i: int) -> _Core | None:
    """ "dozens", "hundreds", "thousands", "scores of", "tens of thousands"."""
    lower = view.lower
    w = lower[i]
    low, high = VAGUE_PLURALS[w]
    if i + 2 < len(lower) and lower[i + 1] == "of" and lower[i + 2] in VAGUE_SCALES:
        scale = VAGUE_SCALES[lower[i + 2]]
        kind = f"{w} of {lower[i + 2]}"
        return _Core(i, i + 3, low * scale, low * scale, (high + 1) * scale - 1, kind, scale)
    if w == "tens" or (w == "scores" and not _plural_count(view.doc[i])):
        return None
    return _Core(i, i + 1, low, low, high, w)


def _plural_count(token: Token) -> bool:
    """ "Scores were killed" is a count; "exam scores", "he scores" are not."""
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "of":
        return True
    if token.tag_ != "NNS":
        return False
    return not any(c.dep_ in ("det", "poss", "compound", "amod") for c in token.children)


# --- one quantity ------------------------------------------------------------------------


def _quantity_at(view: _View, core: _Core) -> tuple[Quantity | None, int]:
    """The Quantity read from `core` (None when it is not a count) and where to go on."""
    rate_end = _rate_end(view, core)
    if rate_end is not None:
        return None, rate_end
    second = _range_second(view, core)
    end = second.end if second is not None else core.end
    if _excluded(view, core) or any(k in view.blocked for k in range(core.start, end)):
        return None, end
    right = _right_context(view, end)
    if right.reject or (second is None and core.fraction and right.unit is None):
        return None, right.end
    start, unit, qualifier = _left_context(view, core, second is not None)
    unit = unit or right.unit
    qualifier = "range" if second is not None else qualifier or right.qualifier
    noun = _counted_noun(view, core.start, right, unit)
    if noun is None and unit is None:
        noun = _labelled_noun(view, start)
    if _not_a_count(view, core, noun, unit, qualifier) or (
        noun is None and _age_limit(view, start, core, qualifier)
    ):
        return None, right.end
    if noun is not None and unit is None:
        lemma = noun.lemma_.lower()
        if lemma in TIME_NOUNS:
            return None, right.end  # a duration: "three days", "for 12 hours"
        if lemma in UNIT_WORDS:
            unit = UNITS[(lemma,)]  # "millions of dollars": a measure, not a count
            noun = _of_object(view, noun.i + 1)
    bounds: _Bounds = (
        (_range_low(core, second), None, second.high, "range")
        if second is not None
        else _qualified(core, qualifier)
    )
    low, best, high, qualifier = bounds
    quantity = Quantity(
        span=_span(view, start, right.end),
        low=low,
        best=best,
        high=high,
        qualifier=qualifier,
        noun=_lemma(noun) if noun is not None else None,
        noun_span=_span(view, noun.i, noun.i + 1) if noun is not None else None,
        unit=unit,
        sentence=bisect.bisect_right(view.sent_starts, core.start) - 1,
    )
    return quantity, right.end


def _qualified(core: _Core, qualifier: str | None) -> _Bounds:
    """(low, best, high, qualifier) of a single number under its qualifier."""
    n = core.best
    qualifier = qualifier or (core.kind if core.kind == "about" else None)
    if qualifier is None:
        return core.low, core.best, core.high, core.kind
    if qualifier in ("about", "estimate"):
        return None, n, None, qualifier
    if qualifier in ("at least", "more than"):
        return n, n, None, qualifier
    if qualifier == "up to":
        return None, None, n, qualifier
    if qualifier == "fewer than":
        return None, None, max(n - 1, 0), qualifier
    return n, n, n, qualifier  # "exact" from a suffix ("300-strong")


# --- ranges ------------------------------------------------------------------------------


def _range_second(view: _View, core: _Core) -> _Core | None:
    """The upper number of "300 to 400", "300-400", "between 300 and 400", "one or two"."""
    lower = view.lower
    k = core.end
    if k + 1 >= len(lower) or lower[k] not in ("to", "and", "or", *HYPHENS):
        return None
    before = lower[core.start - 1] if core.start > 0 else ""
    if lower[k] == "and" and before != "between":
        return None  # "3 soldiers and 4 civilians" are two counts
    if lower[k] == "to" and before == "from" and not _ranging(view, core.start - 1):
        return None  # "the toll rose from 30 to 45" is a change, not a range
    second = _parse_core(view, k + 1)
    if second is None or second.high <= _range_low(core, second):
        return None
    return second


def _ranging(view: _View, from_index: int) -> bool:
    return from_index > 0 and view.doc[from_index - 1].lemma_.lower() == "range"


def _range_low(first: _Core, second: _Core) -> int:
    """ "3 to 4 million": the first number borrows the second's scale when it has none."""
    if first.kind == "exact" and first.scale == 1 and second.scale > 1:
        scaled = first.low * second.scale
        if scaled <= second.low:
            return scaled
    return first.low


# --- left and right context --------------------------------------------------------------


def _left_context(view: _View, core: _Core, is_range: bool) -> tuple[int, str | None, str | None]:
    """(start token, currency unit, qualifier) from the words before the number."""
    lower = view.lower
    start = core.start
    unit = None
    if start > 0 and lower[start - 1] in CURRENCY_SYMBOLS:
        start -= 1
        unit = CURRENCY_SYMBOLS[lower[start]]
    if is_range and start > 0 and lower[start - 1] in ("between", "from"):
        start -= 1
    qualifier, length = _left_qualifier(view, start)
    return start - length, unit, qualifier


def _left_qualifier(view: _View, start: int) -> tuple[str | None, int]:
    for length in range(min(LONGEST_QUALIFIER, start), 0, -1):
        words = tuple(view.lower[start - length : start])
        qualifier = LEFT_QUALIFIERS.get(words)
        if qualifier is None:
            continue
        if length == 1 and words[0] in AMBIGUOUS_QUALIFIERS and _particle(view.doc[start - 1]):
            return None, 0  # a verb particle: "took over 12 villages"
        return qualifier, length
    return None, 0


def _particle(token: Token) -> bool:
    # The parser may still hang a particle on the number (quantmod); its tag stays RP.
    return token.dep_ == "prt" or token.tag_ == "RP"


def _right_context(view: _View, end: int) -> _Right:
    lower = view.lower
    n = len(lower)
    if end >= n:
        return _Right(end)
    glued = not view.doc[end - 1].whitespace_
    if glued and lower[end] in HYPHENS and end + 1 < n:
        return _hyphen_suffix(view, end)
    if glued and lower[end] == "+":
        return _Right(end + 1, qualifier="more than")
    if end + 1 < n and (lower[end], lower[end + 1]) in RIGHT_QUALIFIERS:
        return _Right(end + 2, qualifier=RIGHT_QUALIFIERS[(lower[end], lower[end + 1])])
    length, unit = _unit_at(view, end)
    if unit is not None:
        return _Right(end + length, unit=unit)
    return _quantity_entity_unit(view, end)


def _hyphen_suffix(view: _View, hyphen: int) -> _Right:
    """ "30-odd", "200-plus", "a 300-strong force", "20-km"; other compounds such as
    "three-storey" or "10-day" are adjectives, not counts."""
    word = view.lower[hyphen + 1]
    if word in HYPHEN_SUFFIXES:
        token = view.doc[hyphen + 1]
        noun = token.head.i if word in GROUP_SUFFIXES else None
        if noun is not None and (noun <= token.i or token.head.pos_ not in NOUN_POS):
            noun = token.i if word != "strong" else None
        return _Right(hyphen + 2, qualifier=HYPHEN_SUFFIXES[word], noun_token=noun)
    length, unit = _unit_at(view, hyphen + 1)
    if unit is not None:
        return _Right(hyphen + 1 + length, unit=unit)
    return _Right(hyphen + 2, reject=True)


def _unit_at(view: _View, j: int) -> tuple[int, str | None]:
    """(length, unit) of a unit phrase at token j ("square km", "per cent", "%")."""
    for length in range(min(LONGEST_UNIT, len(view.lower) - j), 0, -1):
        unit = UNITS.get(tuple(view.lower[j : j + length]))
        if unit is not None:
            return length, unit
    return 0, None


def _quantity_entity_unit(view: _View, end: int) -> _Right:
    """A measure spaCy knows but our table lacks ("200 rounds"): the QUANTITY entity's noun."""
    token = view.doc[end]
    before = view.doc[end - 1]
    if (
        token.ent_type_ == "QUANTITY"
        and before.ent_type_ == "QUANTITY"
        and token.ent_iob_ == "I"
        and token.pos_ == "NOUN"
    ):
        return _Right(end + 1, unit=token.lemma_.lower())
    return _Right(end)


# --- the counted noun --------------------------------------------------------------------


def _counted_noun(view: _View, start: int, right: _Right, unit: str | None) -> Token | None:
    """The head noun of what is counted: "12 [soldiers]", "hundreds of [prisoners]"."""
    if right.noun_token is not None:
        return view.doc[right.noun_token]
    of_noun = _of_object(view, right.end)
    if of_noun is not None or unit is not None:
        return of_noun
    return _modified_noun(view, start, right.end)


def _labelled_noun(view: _View, start: int) -> Token | None:
    """ "Fatalities coded as 8", "Deaths: 4": the tally's noun stands before its number."""
    doc = view.doc
    j = start - 1
    if j < 1 or doc[j].lower_ not in ("as", "at", ":"):
        return None
    j -= 1
    if doc[j].lower_ in LABEL_VERBS:
        j -= 1
    if j >= 0 and doc[j].lower_ in ("was", "were", "is", "are"):
        j -= 1
    if j >= 0 and doc[j].lemma_.lower() in LABELLED_NOUNS and doc[j].tag_ in ("NNS", "NN", "NNPS"):
        return doc[j]
    return None


def _of_object(view: _View, j: int) -> Token | None:
    """The object of "of" at token j: "hundreds of [protesters]"; None for pronouns."""
    if j >= len(view.lower) or view.lower[j] != "of":
        return None
    for child in view.doc[j].children:
        if child.dep_ == "pobj" and (child.pos_ in NOUN_POS or _nominal_adjective(child)):
            return child
    return None


def _nominal_adjective(token: Token) -> bool:
    """ "five of the dead", "three of the wounded": an adjective used as a noun."""
    return token.pos_ in ("ADJ", "VERB") and any(c.lower_ == "the" for c in token.children)


def _modified_noun(view: _View, start: int, end: int) -> Token | None:
    """The noun right of the phrase that one of its tokens modifies (nummod, quantmod ...)."""
    doc = view.doc
    for k in range(start, end):
        token = doc[k]
        head = token.head
        if (
            end <= head.i < end + NOUN_WINDOW
            and head.pos_ in NOUN_POS
            and token.dep_ not in NON_MODIFIER_DEPS
        ):
            return head
    # The parse sometimes leaves the number unattached; a plural noun right after it is
    # still what it counts.
    if end < len(doc) and doc[end].tag_ in PLURAL_TAGS:
        return doc[end]
    return None


# --- filters -----------------------------------------------------------------------------


def _excluded(view: _View, core: _Core) -> bool:
    """Numbers that are never counts, judged from the tokens around them."""
    lower = view.lower
    i = core.start
    prev = lower[i - 1] if i > 0 else ""
    nxt = lower[core.end] if core.end < len(lower) else ""
    if core.digits and _code_like(view, core):
        return True
    if prev in AGE_WORDS or _age_phrase(lower, core.end) or nxt in TIME_MARKERS:
        return True
    if i > 1 and prev in ("between", "of", "over", "under") and lower[i - 2] in AGE_WORDS:
        return True  # "aged between 18 and 40"
    if prev in RATE_WORDS:
        return True  # "20 per 100,000 people": the base of a rate
    if core.digits and core.best <= 31 and (_is_month(view, i - 1) or _is_month(view, core.end)):
        return True
    return core.digits and prev in NAME_PREFIXES


def _code_like(view: _View, core: _Core) -> bool:
    """Phone numbers, codes and designations: "0944", "11 223 4455", "F-16", "S-300"."""
    lower = view.lower
    text = lower[core.start]
    if core.scale != 1:
        return False
    if (len(text) > 1 and text[0] == "0" and text[1] != ".") or (text.isdigit() and len(text) > 6):
        return True
    i = core.start
    if i > 1 and lower[i - 1] in HYPHENS and not view.doc[i - 2].whitespace_:
        return not view.doc[i - 1].whitespace_  # glued to what precedes: "Su-24", "123-456"
    neighbours = (lower[i - 1] if i > 0 else "", lower[core.end] if core.end < len(lower) else "")
    return any(DIGITS_RE.match(w) and "," not in w for w in neighbours)


def _rate_end(view: _View, core: _Core) -> int | None:
    """ "1 in 3 children", "one out of five": a ratio, not a count.  Returns where the
    second number ends.  "killing 12 in 3 attacks" is no ratio: 12 is not below 3."""
    lower = view.lower
    j = core.end
    if j + 1 < len(lower) and lower[j] == "in":
        second = _parse_core(view, j + 1)
    elif j + 2 < len(lower) and lower[j : j + 2] == ["out", "of"]:
        second = _parse_core(view, j + 2)
    else:
        return None
    return second.end if second is not None and core.best < second.best else None


def _age_phrase(lower: list[str], j: int) -> bool:
    """ "35-year-old", "35 years old", "12-year-olds"."""
    window = lower[j : j + 4]
    return any(w.startswith("year") for w in window[:3]) and any(
        w.startswith("old") for w in window
    )


def _is_month(view: _View, j: int) -> bool:
    if j < 0 or j >= len(view.lower) or view.lower[j] not in MONTHS:
        return False
    return view.lower[j] not in AMBIGUOUS_MONTHS or view.doc[j].pos_ == "PROPN"


def _not_a_count(
    view: _View, core: _Core, noun: Token | None, unit: str | None, qualifier: str | None
) -> bool:
    """Filters that need the counted noun: years, ages, names, and the pronoun "one"."""
    doc = view.doc
    if core.digits and core.scale == 1 and core.end == core.start + 1:
        text = view.lower[core.start]
        if _year_like(text) and (noun is None or noun.tag_ not in PLURAL_TAGS):
            return True  # "in 2014", "the 2014 war"; "2000 people" stays a count
        if noun is None and unit is None and qualifier is None and _apposed_age(view, core):
            return True
        if noun is None and unit is None and _after_name(doc, core.start):
            return True  # "Route 6", "Apollo 11", "Brigade 93"
    if noun is not None and noun.tag_ == "NNP" and noun.ent_type_ != "NORP" and unit is None:
        return True  # "10 Downing Street"
    if core.word_one or (core.digits and core.best == 1 and core.end == core.start + 1):
        nxt = view.lower[core.end] if core.end < len(view.lower) else ""
        if nxt == "of":
            return True  # "one of the soldiers" names one member, it does not count
        return core.word_one and noun is None and qualifier is None and unit is None
    return False


def _age_limit(view: _View, start: int, core: _Core, qualifier: str | None) -> bool:
    """ "children under 18", "men over 60": the bound is an age, not a count."""
    return (
        qualifier in ("fewer than", "more than")
        and core.best <= MAX_AGE
        and start > 0
        and view.lower[start - 1] in AGED_PEOPLE
    )


def _apposed_age(view: _View, core: _Core) -> bool:
    """ "Ahmed, 35, was killed", "a boy (12)": a bare number set off after a noun."""
    i = core.start
    if i < 2 or core.end >= len(view.lower) or core.best > MAX_AGE:
        return False
    pair = (view.lower[i - 1], view.lower[core.end])
    if pair not in ((",", ","), ("(", ")"), (",", ".")):
        return False
    return view.doc[i - 2].pos_ in NOUN_POS


def _after_name(doc: Doc, i: int) -> bool:
    if i == 0:
        return False
    prev = doc[i - 1]
    return prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.tag_ != "NNPS"


def _lemma(token: Token) -> str:
    """Lower-case lemma; spaCy leaves plural proper nouns alone ("Syrians" -> "syrian")."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma.endswith("s") and len(lemma) > 3:
        return lemma[:-1]
    return lemma


def _span(view: _View, start: int, end: int) -> Span:
    first = view.doc[start].idx
    last = view.doc[end - 1]
    stop = last.idx + len(last.text)
    return Span(first, stop, view.text[first:stop])
