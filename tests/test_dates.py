"""Date extraction: each rule of the grammar, resolved against a publication date.

The default publication date is Thursday 18 March 2021, so "Tuesday" is 16 March,
"last week" is Monday 8 to Sunday 14 March, and so on.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Span as SpacySpan

from euphrates.extract.dates import extract_dates, infer_published
from euphrates.nlp import load_nlp
from euphrates.records import DateMention

THURSDAY = dt.date(2021, 3, 18)
D = dt.date


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def mentions(nlp: Language, text: str, published: dt.date = THURSDAY) -> list[DateMention]:
    return extract_dates(nlp(text), published)


def only(nlp: Language, text: str, published: dt.date = THURSDAY) -> DateMention:
    found = mentions(nlp, text, published)
    assert len(found) == 1, [(m.span.text, m.kind) for m in found]
    return found[0]


def summary(mention: DateMention) -> tuple[str, str, dt.date | None, dt.date | None, int]:
    r = mention.range
    return mention.span.text, mention.kind, r.start, r.end, r.precision


# One date expression per sentence: (sentence, span text, kind, start, end, precision).
CASES = [
    # weekdays: the latest such day on or before publication, "last" strictly before
    (
        "Rebels shelled the town on Tuesday, a monitor said.",
        ("Tuesday", "weekday", D(2021, 3, 16), D(2021, 3, 16), 1),
    ),
    (
        "Gunmen opened fire on a crowded market on Thursday, police said.",
        ("Thursday", "weekday", D(2021, 3, 18), D(2021, 3, 18), 1),
    ),
    (
        "Militants ambushed an army patrol last Thursday near the border.",
        ("last Thursday", "weekday", D(2021, 3, 11), D(2021, 3, 11), 1),
    ),
    (
        "Saturday's air strike destroyed the only bakery in the village.",
        ("Saturday", "weekday", D(2021, 3, 13), D(2021, 3, 13), 1),
    ),
    # since
    (
        "Since Monday, more than 2,000 families have fled the district.",
        ("Since Monday", "since", D(2021, 3, 15), D(2021, 3, 18), 2),
    ),
    (
        "The town has been under siege since June, aid workers said.",
        ("since June", "since", D(2020, 6, 1), D(2021, 3, 18), 4),
    ),
    (
        "The militia has held the valley since 2014.",
        ("since 2014", "since", D(2014, 1, 1), D(2021, 3, 18), 4),
    ),
    (
        "Food prices have tripled since the start of the year.",
        ("since the start of the year", "since", D(2021, 1, 1), D(2021, 3, 18), 4),
    ),
    # windows back from the publication date, with number words
    (
        "In the last three weeks, air strikes have hit 12 hospitals.",
        ("the last three weeks", "last_n", D(2021, 2, 25), D(2021, 3, 18), 3),
    ),
    (
        "Over the past two days, at least 30 fighters were killed.",
        ("the past two days", "last_n", D(2021, 3, 16), D(2021, 3, 18), 2),
    ),
    (
        "Thousands of people have crossed the border in recent days.",
        ("recent days", "last_n", D(2021, 3, 11), D(2021, 3, 18), 2),
    ),
    (
        "In the past week, the coalition carried out 40 raids.",
        ("the past week", "last_n", D(2021, 3, 11), D(2021, 3, 18), 2),
    ),
    (
        "Looting has spread across the city over the past few days.",
        ("the past few days", "last_n", D(2021, 3, 15), D(2021, 3, 18), 2),
    ),
    (
        "Eleven checkpoints were attacked in the last 24 hours.",
        ("the last 24 hours", "last_n", D(2021, 3, 17), D(2021, 3, 18), 1),
    ),
    # months
    (
        "Protests erupted in the capital in June.",
        ("June", "month", D(2020, 6, 1), D(2020, 6, 30), 3),
    ),
    (
        "The truce signed in June 2016 never held.",
        ("June 2016", "month", D(2016, 6, 1), D(2016, 6, 30), 3),
    ),
    (
        "Fighting intensified in early June, residents recalled.",
        ("early June", "month", D(2020, 6, 1), D(2020, 6, 10), 3),
    ),
    (
        "Government troops withdrew in late August 2019.",
        ("late August 2019", "month", D(2019, 8, 21), D(2019, 8, 31), 3),
    ),
    # years and decades
    (
        "The armed group was founded in 2014 by former officers.",
        ("2014", "year", D(2014, 1, 1), D(2014, 12, 31), 4),
    ),
    (
        "Many of its commanders fought in the 1980s.",
        ("1980s", "decade", D(1980, 1, 1), D(1989, 12, 31), 4),
    ),
    # explicit days
    (
        "The convoy was attacked on October 7, 2017.",
        ("October 7, 2017", "absolute", D(2017, 10, 7), D(2017, 10, 7), 1),
    ),
    (
        "Troops entered the city on 9 May 2020 after a long siege.",
        ("9 May 2020", "absolute", D(2020, 5, 9), D(2020, 5, 9), 1),
    ),
    (
        "The report, released on 2020-05-09, documented 300 incidents.",
        ("2020-05-09", "absolute", D(2020, 5, 9), D(2020, 5, 9), 1),
    ),
    (
        "Police said the bombing took place on Oct. 7 outside a mosque.",
        ("Oct. 7", "absolute", D(2020, 10, 7), D(2020, 10, 7), 1),
    ),
    (
        "The ceasefire began on March 3 but was broken within hours.",
        ("March 3", "absolute", D(2021, 3, 3), D(2021, 3, 3), 1),
    ),
    (
        "Clashes were reported on Sunday, October 8, 2017 in the north.",
        ("Sunday, October 8, 2017", "absolute", D(2017, 10, 8), D(2017, 10, 8), 1),
    ),
    # calendar periods
    (
        "Artillery fire resumed last month around the dam.",
        ("last month", "month", D(2021, 2, 1), D(2021, 2, 28), 3),
    ),
    (
        "Earlier this month, drones struck a fuel depot.",
        ("Earlier this month", "month", D(2021, 3, 1), D(2021, 3, 18), 3),
    ),
    (
        "Last week, rebels seized two villages.",
        ("Last week", "week", D(2021, 3, 8), D(2021, 3, 14), 2),
    ),
    (
        "Earlier this week, the army retook the airport.",
        ("Earlier this week", "week", D(2021, 3, 15), D(2021, 3, 18), 2),
    ),
    (
        "Violence surged last year in the eastern provinces.",
        ("last year", "year", D(2020, 1, 1), D(2020, 12, 31), 4),
    ),
    (
        "This year, fewer attacks on schools have been recorded.",
        ("This year", "year", D(2021, 1, 1), D(2021, 3, 18), 4),
    ),
    # ago
    (
        "Two days ago, a car bomb exploded outside the ministry.",
        ("Two days ago", "ago", D(2021, 3, 16), D(2021, 3, 16), 1),
    ),
    (
        "The checkpoint was overrun 3 weeks ago.",
        ("3 weeks ago", "ago", D(2021, 2, 25), D(2021, 2, 25), 2),
    ),
    (
        "A month ago, the same unit burned a market.",
        ("A month ago", "ago", D(2021, 2, 18), D(2021, 2, 18), 3),
    ),
    (
        "Several weeks ago, the insurgents cut the highway.",
        ("Several weeks ago", "ago", D(2021, 2, 25), D(2021, 2, 25), 2),
    ),
    # words for days and nights
    (
        "Yesterday, gunmen kidnapped 15 students from a boarding school.",
        ("Yesterday", "yesterday", D(2021, 3, 17), D(2021, 3, 17), 1),
    ),
    (
        "The governor visited the site today.",
        ("today", "today", D(2021, 3, 18), D(2021, 3, 18), 1),
    ),
    (
        "Clashes broke out overnight in the old quarter.",
        ("overnight", "overnight", D(2021, 3, 17), D(2021, 3, 18), 1),
    ),
    (
        "Last night, drones struck an ammunition store.",
        ("Last night", "overnight", D(2021, 3, 17), D(2021, 3, 18), 1),
    ),
    (
        "Several people were injured at the weekend.",
        ("the weekend", "weekend", D(2021, 3, 13), D(2021, 3, 14), 2),
    ),
    (
        "Drones struck the depot overnight into Sunday, residents said.",
        ("overnight into Sunday", "overnight", D(2021, 3, 13), D(2021, 3, 14), 1),
    ),
    (
        "The day before yesterday, a mortar round hit the school.",
        ("The day before yesterday", "yesterday", D(2021, 3, 16), D(2021, 3, 16), 1),
    ),
    # seasons and parts of months
    (
        "The dam was captured last summer by the rebels.",
        ("last summer", "season", D(2020, 6, 1), D(2020, 8, 31), 4),
    ),
    (
        "The siege was tightened in the first week of June.",
        ("the first week of June", "month", D(2020, 6, 1), D(2020, 6, 7), 2),
    ),
    # expectations
    (
        "Aid will only arrive tomorrow, the agency said.",
        ("tomorrow", "future", D(2021, 3, 19), D(2021, 3, 19), 1),
    ),
    (
        "The talks will resume next week in Geneva.",
        ("next week", "future", D(2021, 3, 22), D(2021, 3, 28), 2),
    ),
    (
        "A decision on the corridor is expected within days.",
        ("within days", "future", D(2021, 3, 18), D(2021, 3, 25), 2),
    ),
    (
        "The council will vote on Tuesday on a new mandate.",
        ("Tuesday", "future", D(2021, 3, 23), D(2021, 3, 23), 1),
    ),
    # ranges
    (
        "Fighting raged from June to August 2019 in the south.",
        ("June to August 2019", "range", D(2019, 6, 1), D(2019, 8, 31), 4),
    ),
    (
        "Clashes raged from mid-March until early April 2020 along the river.",
        ("mid-March until early April 2020", "range", D(2020, 3, 11), D(2020, 4, 10), 3),
    ),
    (
        "Between 2014 and 2016 the group controlled the border crossing.",
        ("2014 and 2016", "range", D(2014, 1, 1), D(2016, 12, 31), 4),
    ),
    # a DATE entity no rule covers goes to dateparser
    (
        "Monthly figures from 2017-10 show a rise in attacks.",
        ("2017-10", "fallback", D(2017, 10, 1), D(2017, 10, 31), 3),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][0] for c in CASES])
def test_rule(nlp: Language, text: str, expected: tuple[object, ...]) -> None:
    assert summary(only(nlp, text)) == expected


def test_month_of_publication_is_the_current_one(nlp: Language) -> None:
    found = only(nlp, "Protests erupted in the capital in June.", D(2021, 6, 20))
    assert summary(found) == ("June", "month", D(2021, 6, 1), D(2021, 6, 30), 3)


def test_weekday_named_on_its_own_day_with_last_goes_back_a_week(nlp: Language) -> None:
    found = only(nlp, "Militants ambushed a patrol last Tuesday.", D(2021, 3, 16))
    assert summary(found)[2:] == (D(2021, 3, 9), D(2021, 3, 9), 1)


def test_weekend_on_a_saturday_ends_on_publication(nlp: Language) -> None:
    found = only(nlp, "Shelling continued over the weekend.", D(2021, 3, 20))
    assert summary(found) == ("the weekend", "weekend", D(2021, 3, 20), D(2021, 3, 20), 2)


def test_published_may_be_a_datetime(nlp: Language) -> None:
    found = only(nlp, "Rebels shelled the town on Tuesday.", dt.datetime(2021, 3, 18, 9, 30))
    assert found.range.start == D(2021, 3, 16)


def test_spans_point_into_the_text_and_count_sentences(nlp: Language) -> None:
    text = (
        "Aid trucks reached the camp. Then, on Tuesday, shelling resumed. "
        "Two days ago a clinic was hit, and since 2019 the camp has doubled."
    )
    doc = nlp(text)
    found = extract_dates(doc, THURSDAY)
    assert [(m.span.text, m.sentence) for m in found] == [
        ("Tuesday", 1),
        ("Two days ago", 2),
        ("since 2019", 2),
    ]
    for m in found:
        assert text[m.span.start : m.span.end] == m.span.text
    assert found[0].span.start == text.index("Tuesday")


def test_things_that_are_not_dates(nlp: Language) -> None:
    text = (
        "A 35-year-old driver and 700 civilians were evacuated from 4 square km of "
        "farmland under Section 2014 of the emergency law, after fighting for three years. "
        "Police detained 2019 protesters and the truce was broken within hours."
    )
    assert mentions(nlp, text) == []


def test_names_that_contain_dates_are_skipped(nlp: Language) -> None:
    text = "The Sunday Times said Theresa May had met the March 23 Movement."
    assert mentions(nlp, text) == []


def test_infer_published_moves_to_the_weekday_after_the_dateline(nlp: Language) -> None:
    doc = nlp(
        "Pictured on March 3, 2019. Fighters stormed the base before dawn. "
        "Officials said on Thursday that 12 soldiers had died."
    )
    assert infer_published(doc) == D(2019, 3, 7)


def test_infer_published_satisfies_every_weekday(nlp: Language) -> None:
    # 7 October 2017 was a Saturday: Monday and Tuesday after it are the 9th and 10th.
    doc = nlp(
        "Posted 7 Oct 2017. Gunmen attacked a checkpoint on Monday, police said Tuesday. "
        "The governor will visit the area on Friday."
    )
    assert infer_published(doc) == D(2017, 10, 10)


def test_infer_published_without_weekdays_is_the_latest_date(nlp: Language) -> None:
    doc = nlp("The offensive began on 2 May 2020 and the town fell on 9 May 2020.")
    assert infer_published(doc) == D(2020, 5, 9)


def test_infer_published_needs_a_full_date(nlp: Language) -> None:
    assert infer_published(nlp("Residents fled the town on Tuesday.")) is None
    assert infer_published(nlp("The war began in 2014 and escalated in June.")) is None


def test_fallback_skips_durations_given_as_entities(nlp: Language) -> None:
    doc = nlp("The rebels have held the pass for 10 years.")
    doc.ents = [SpacySpan(doc, 7, 9, label="DATE")]  # "10 years", as spaCy tags it
    assert extract_dates(doc, THURSDAY) == []
