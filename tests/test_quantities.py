"""Counts in conflict reporting: values, qualifiers, counted nouns, units, and non-counts."""

from __future__ import annotations

import pytest
from spacy.language import Language

from euphrates.extract.quantities import extract_quantities
from euphrates.nlp import load_nlp
from euphrates.records import Quantity


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def quantities(nlp: Language, text: str) -> list[Quantity]:
    found = extract_quantities(nlp(text))
    for q in found:  # every span must point back into the text
        assert q.span.text == text[q.span.start : q.span.end]
        if q.noun_span is not None:
            assert q.noun_span.text == text[q.noun_span.start : q.noun_span.end]
    return found


def only(nlp: Language, text: str) -> Quantity:
    found = quantities(nlp, text)
    assert len(found) == 1, [q.span.text for q in found]
    return found[0]


def values(q: Quantity) -> tuple[int | None, int | None, int | None, str]:
    return q.low, q.best, q.high, q.qualifier


# --- qualified counts -----------------------------------------------------------------------

# sentence -> (span text, low, best, high, qualifier, counted noun)
CASES = [
    (
        "At least 12 soldiers were killed when militants attacked a checkpoint.",
        ("At least 12", 12, 12, None, "at least", "soldier"),
    ),
    (
        "Between 40 and 60 families fled the village overnight.",
        ("Between 40 and 60", 40, None, 60, "range", "family"),
    ),
    ("Dozens were wounded in the shelling.", ("Dozens", 24, 24, 99, "dozens", None)),
    (
        "Hundreds of protesters gathered outside the ministry.",
        ("Hundreds", 200, 200, 999, "hundreds", "protester"),
    ),
    (
        "Thousands of residents fled toward the border.",
        ("Thousands", 2000, 2000, 9999, "thousands", "resident"),
    ),
    ("Scores of prisoners escaped after the raid.", ("Scores", 40, 40, 99, "scores", "prisoner")),
    (
        "An estimated 4,000 people were displaced by the fighting.",
        ("An estimated 4,000", None, 4000, None, "estimate", "people"),
    ),
    (
        "The death toll was estimated at 1,200 by local officials.",
        ("estimated at 1,200", None, 1200, None, "estimate", None),
    ),
    (
        "Nearly 200 militants surrendered to the army.",
        ("Nearly 200", None, 200, None, "about", "militant"),
    ),
    (
        "Some 1,500 troops were deployed to the province.",
        ("Some 1,500", None, 1500, None, "about", "troop"),
    ),
    (
        "Over 1,000 people have been detained since the protests began.",
        ("Over 1,000", 1000, 1000, None, "more than", "people"),
    ),
    (
        "Upwards of 300 fighters joined the offensive.",
        ("Upwards of 300", 300, 300, None, "more than", "fighter"),
    ),
    (
        "More than a dozen houses were burned in the raid.",
        ("More than a dozen", 12, 12, None, "more than", "house"),
    ),
    (
        "Up to 15 civilians may have died in the strike.",
        ("Up to 15", None, None, 15, "up to", "civilian"),
    ),
    (
        "As many as 30 people were abducted from the school.",
        ("As many as 30", None, None, 30, "up to", "people"),
    ),
    (
        "Fewer than 10 fighters remained inside the compound.",
        ("Fewer than 10", None, None, 9, "fewer than", "fighter"),
    ),
    (
        "No fewer than 7 journalists were arrested.",
        ("No fewer than 7", 7, 7, None, "at least", "journalist"),
    ),
    (
        "Residents said 300 to 400 police surrounded the camp.",
        ("300 to 400", 300, None, 400, "range", "police"),
    ),
    (
        "The militia said 20-30 of its members had defected.",
        ("20-30", 20, None, 30, "range", "member"),
    ),
    (
        "Officials said 3 to 4 million Syrians need food aid.",
        ("3 to 4 million", 3000000, None, 4000000, "range", "syrian"),
    ),
    ("The army said it destroyed five tanks near the river.", ("five", 5, 5, 5, "exact", "tank")),
    ("Twenty-three villagers were found dead.", ("Twenty-three", 23, 23, 23, "exact", "villager")),
    (
        "Rebels shot down a helicopter carrying a dozen soldiers.",
        ("a dozen", 12, 12, 12, "exact", "soldier"),
    ),
    (
        "A handful of snipers held the bridge for hours.",
        ("A handful", 3, 3, 5, "handful", "sniper"),
    ),
    ("Several airstrikes hit the northern suburbs.", ("Several", 3, 3, 9, "several", "airstrike")),
    (
        "Tens of thousands of people marched in the capital.",
        ("Tens of thousands", 20000, 20000, 99999, "tens of thousands", "people"),
    ),
    (
        "Several hundred troops crossed the frontier.",
        ("Several hundred", 300, 300, 999, "several", "troop"),
    ),
    (
        "About 1.2 million people have fled the region.",
        ("About 1.2 million", None, 1200000, None, "about", "people"),
    ),
    (
        "The strike killed 4,000 or more people, the monitor said.",
        ("4,000 or more", 4000, 4000, None, "more than", "people"),
    ),
    ("A 300-strong force stormed the town.", ("300-strong", 300, 300, 300, "exact", "force")),
    ("Five of the dead were children.", ("Five", 5, 5, 5, "exact", "dead")),
    # a coder's tally names its noun first
    ("Fatalities coded as 8.", ("8", 8, 8, 8, "exact", "fatality")),
    ("Deaths: 4.", ("4", 4, 4, 4, "exact", "death")),
]


Expected = tuple[str, int | None, int | None, int | None, str, str | None]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_counts(nlp: Language, text: str, expected: Expected) -> None:
    span, low, best, high, qualifier, noun = expected
    q = only(nlp, text)
    assert q.span.text == span
    assert values(q) == (low, best, high, qualifier)
    assert q.noun == noun
    assert q.unit is None
    if noun is not None:
        assert q.noun_span is not None and q.noun_span.text.lower().startswith(noun[:4])


def test_several_counts_in_one_sentence(nlp: Language) -> None:
    text = "Eleven civilians, including two women and four children, died in 6 separate attacks."
    found = quantities(nlp, text)
    assert [(q.span.text, q.best, q.noun) for q in found] == [
        ("Eleven", 11, "civilian"),
        ("two", 2, "woman"),
        ("four", 4, "child"),
        ("6", 6, "attack"),
    ]


def test_sentence_index(nlp: Language) -> None:
    text = (
        "Clashes erupted near the airport on Tuesday. "
        "At least 12 soldiers were killed. Dozens of civilians were wounded."
    )
    found = quantities(nlp, text)
    assert [(q.span.text, q.sentence) for q in found] == [("At least 12", 1), ("Dozens", 2)]


def test_one_as_a_count(nlp: Language) -> None:
    q = only(nlp, "At least one policeman was killed in the ambush.")
    assert values(q) == (1, 1, None, "at least")
    assert q.noun == "policeman"


# --- measures -------------------------------------------------------------------------------


def test_measures_carry_units(nlp: Language) -> None:
    text = "The army said it destroyed three tanks and about 20 km of tunnels."
    tanks, tunnels = quantities(nlp, text)
    assert (tanks.span.text, tanks.noun, tanks.unit) == ("three", "tank", None)
    assert tunnels.span.text == "about 20 km"
    assert values(tunnels) == (None, 20, None, "about")
    assert (tunnels.unit, tunnels.noun) == ("km", "tunnel")


@pytest.mark.parametrize(
    ("text", "span", "best", "unit"),
    [
        ("Rebels now hold 4 square km of the enclave.", "4 square km", 4, "square km"),
        ("Donors pledged $5 million in emergency aid.", "$5 million", 5_000_000, "usd"),
        ("The EU pledged €40m for reconstruction.", "€40m", 40_000_000, "eur"),
        ("Fighting has destroyed 15 percent of the city.", "15 percent", 15, "percent"),
        ("Turnout fell to 30% in the occupied districts.", "30%", 30, "percent"),
        ("The convoy stretched for 40km along the highway.", "40km", 40, "km"),
    ],
)
def test_units(nlp: Language, text: str, span: str, best: int, unit: str) -> None:
    q = only(nlp, text)
    assert (q.span.text, q.best, q.unit) == (span, best, unit)


def test_plural_abbreviated_million(nlp: Language) -> None:
    q = only(nlp, "The UN said 1.5m people need humanitarian aid.")
    assert (q.span.text, q.best, q.unit, q.noun) == ("1.5m", 1_500_000, None, "people")


# --- not counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2014 and escalated in 2015.",
        "The offensive started on October 7 and ended on 12 March.",
        "A 35-year-old man was detained at the checkpoint.",
        "His son, aged 12, was wounded by shrapnel.",
        "Ahmed, 35, was killed by a sniper.",
        "The first convoy arrived; the third was turned back.",
        "One of the soldiers was killed by a roadside bomb.",
        "The council adopted Resolution 2254 unanimously.",
        "Trucks were stopped on Route 6 near the crossing.",
        "The curfew starts at 5 p.m. every day.",
        "Fighting lasted three days before a truce.",
        "Russian Su-24 jets and F-16 fighters were seen overhead.",
        "For information call 0944 123 456 at any time.",
        "The children under 18 were released.",
        "No one was hurt in the blast, officials said.",
        "A 10-day ceasefire took effect at dawn.",
        "One in 3 children in the camp is malnourished.",
        "The rebels took over the villages, and the offensive began in March 2023.",
    ],
)
def test_not_counts(nlp: Language, text: str) -> None:
    assert quantities(nlp, text) == []


def test_years_and_dates_around_counts(nlp: Language) -> None:
    text = "On 7 October 2023, 1,200 militants crossed the fence, the army said in 2024."
    q = only(nlp, text)
    assert (q.span.text, q.best, q.noun) == ("1,200", 1200, "militant")


def test_rising_toll_is_not_a_range(nlp: Language) -> None:
    found = quantities(nlp, "The toll rose from 30 to 45 overnight.")
    assert [values(q) for q in found] == [(30, 30, 30, "exact"), (45, 45, 45, "exact")]


def test_took_over_is_not_a_qualifier(nlp: Language) -> None:
    q = only(nlp, "The rebels took over 12 villages in the north.")
    assert values(q) == (12, 12, 12, "exact")
    assert q.noun == "village"


def test_empty_doc(nlp: Language) -> None:
    assert extract_quantities(nlp("")) == []
