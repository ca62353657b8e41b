"""Events: typed (ACLED and PLOVER), with actors, place, date, counts and evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from euphrates.records import ArticleReport, Event, Span

Code = Callable[..., ArticleReport]


def check_span(text: str, span: Span | None) -> None:
    if span is not None:
        assert span.text == text[span.start : span.end], span


def check_provenance(report: ArticleReport) -> None:
    """Every span of every event and mention is the article text it claims to be."""
    text = report.article.text
    for e in report.events:
        check_span(text, e.evidence)
        check_span(text, e.trigger)
        assert e.evidence.start <= e.trigger.start < e.evidence.end
        for ea in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2):
            if ea is not None:
                check_span(text, ea.span)
        if e.location is not None:
            check_span(text, e.location.span)
        check_span(text, e.date.span)
        for c in e.counts.values():
            check_span(text, c.span)
        if e.fatalities is not None:
            check_span(text, e.fatalities.span)
        for s in e.related_evidence:
            check_span(text, s)
        for claim in e.sources:
            check_span(text, claim.span)
            check_span(text, claim.source_span)
        assert e.article_id == report.article.id
    m = report.mentions
    for pm in m.places:
        check_span(text, pm.span)
    for dm in m.dates:
        check_span(text, dm.span)
    for q in m.quantities:
        check_span(text, q.span)
        check_span(text, q.noun_span)
    for am in m.actors:
        check_span(text, am.span)
        check_span(text, am.resolved_from)
    for c in m.claims:
        check_span(text, c.span)
        check_span(text, c.source_span)


def events(report: ArticleReport) -> list[Event]:
    check_provenance(report)
    return report.events


def by_trigger(report: ArticleReport, trigger: str) -> Event:
    found = [e for e in events(report) if e.trigger.text == trigger]
    assert len(found) == 1, [(e.trigger.text, e.sub_event_type) for e in events(report)]
    return found[0]


def summary(report: ArticleReport) -> list[tuple[str, str | None, str]]:
    return [(e.trigger.text, e.sub_event_type, e.plover_type) for e in report.events]


# --- one test per major type ----------------------------------------------------------------


def test_air_strike(code: Code) -> None:
    report = code(
        "Russian warplanes launched air strikes on the town of Saraqib in Idlib "
        "province on Tuesday, a monitoring group said."
    )
    (e,) = events(report)
    assert e.event_type == "Explosions/Remote violence"
    assert e.sub_event_type == "Air/drone strike"
    assert e.plover_type == "ASSAULT" and e.plover_mode == "aerial"
    assert e.actor1 is not None
    assert e.actor1.span.text == "Russian warplanes"
    assert e.actor1.actor.name == "Military Forces of Russia"
    assert e.location is not None and e.location.place.name == "Saraqib"
    assert e.location.geo_precision == 1
    assert e.date.range.start == e.date.range.end == dt.date(2024, 3, 12)
    assert e.modality == "reported"


def test_warplanes_struck(code: Code) -> None:
    report = code("Russian warplanes struck the town of Saraqib on Tuesday.")
    air = [e for e in events(report) if e.sub_event_type == "Air/drone strike"]
    assert len(air) == 1
    assert air[0].actor1 is not None and air[0].actor1.actor.name == "Military Forces of Russia"


def test_carried_out_a_series_of_air_strikes(code: Code) -> None:
    report = code("Russian warplanes carried out a series of air strikes on Saraqib on Tuesday.")
    air = [e for e in events(report) if e.sub_event_type == "Air/drone strike"]
    assert len(air) == 1
    assert air[0].actor1 is not None and air[0].actor1.actor.name == "Military Forces of Russia"
    assert air[0].date.range.start == dt.date(2024, 3, 12)


def test_killed_in_air_strike_is_one_event(code: Code) -> None:
    report = code(
        "At least 12 people were killed in a Russian air strike on a market in Saraqib on Tuesday."
    )
    assaults = [e for e in events(report) if e.plover_type == "ASSAULT"]
    assert len(assaults) == 1, summary(report)
    assert assaults[0].sub_event_type == "Air/drone strike"
    assert assaults[0].fatalities is not None and assaults[0].fatalities.low == 12


def test_shelling(code: Code) -> None:
    report = code("Government forces shelled the village of Kafr Nabl near Aleppo on Monday.")
    e = by_trigger(report, "shelled")
    assert e.event_type == "Explosions/Remote violence"
    assert e.sub_event_type == "Shelling/artillery/missile attack"
    assert e.plover_type == "ASSAULT" and e.plover_mode == "explosives"
    assert e.actor1 is not None and e.actor1.actor.name == "Military Forces of Syria"
    assert e.location is not None
    assert e.location.place.name == "Kafranbel" and e.location.place.country == "SY"
    assert e.date.range.start == dt.date(2024, 3, 11)


def test_car_bomb(code: Code) -> None:
    report = code("A car bomb exploded at a busy market in Kirkuk on Sunday.")
    (e,) = events(report)
    assert e.event_type == "Explosions/Remote violence"
    assert e.sub_event_type == "Remote explosive/landmine/IED"
    assert e.plover_type == "ASSAULT"
    assert e.location is not None and e.location.place.name == "Kirkuk"
    assert e.date.range.start == dt.date(2024, 3, 10)


def test_car_bomb_with_deaths_is_one_event(code: Code) -> None:
    report = code(
        "A car bomb exploded at a busy market in Kirkuk on Sunday, killing four "
        "people, police said."
    )
    assaults = [e for e in events(report) if e.plover_type == "ASSAULT"]
    assert len(assaults) == 1, summary(report)
    assert assaults[0].sub_event_type == "Remote explosive/landmine/IED"
    assert assaults[0].fatalities is not None and assaults[0].fatalities.best == 4


def test_clash_between_armed_groups(code: Code) -> None:
    report = code(
        "Fighters of Hayat Tahrir al-Sham clashed with the Syrian National Army near "
        "the town of Afrin on Wednesday."
    )
    (e,) = events(report)
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert e.actor1 is not None and e.actor1.actor.actor_id == "hts"
    assert e.actor2 is not None and e.actor2.actor.actor_id == "sna-sy"
    assert e.location is not None and e.location.place.country == "SY"
    assert e.date.range.start == dt.date(2024, 3, 13)


def test_gunmen_kill_civilians(code: Code) -> None:
    report = code("Unidentified gunmen killed three farmers near the town of Baqubah on Monday.")
    (e,) = events(report)
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert e.actor1 is not None and e.actor1.actor.name.startswith("Unidentified Armed Group")
    assert e.actor2 is not None and e.actor2.actor.kind == "civilians"
    assert e.fatalities is not None
    assert (e.fatalities.low, e.fatalities.best) == (3, 3)
    assert e.location is not None and e.location.place.name == "Baqubah"


def test_army_kills_militants_is_a_battle(code: Code) -> None:
    report = code(
        "The Iraqi army killed three Islamic State militants in an operation near "
        "Kirkuk on Monday, the defence ministry said."
    )
    e = by_trigger(report, "killed")
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert e.actor2 is not None and e.actor2.actor.actor_id == "islamic-state"


def test_arrests(code: Code) -> None:
    report = code(
        "Turkish police arrested 15 people suspected of links to the Islamic State "
        "in Istanbul on Thursday."
    )
    (e,) = events(report)
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Arrests")
    assert e.plover_type == "COERCE" and e.plover_mode == "arrest"
    assert e.actor1 is not None and e.actor1.actor.name == "Police Forces of Turkey"
    assert e.counts["arrested"].best == 15
    assert e.fatalities is None
    assert e.location is not None and e.location.place.name == "Istanbul"
    assert e.date.range.start == dt.date(2024, 3, 14)


def test_protest(code: Code) -> None:
    report = code(
        "Thousands of protesters rallied in Baghdad on Friday to demand an end to corruption."
    )
    (e,) = events(report)
    assert e.plover_type == "PROTEST"
    assert e.event_type == "Protests"
    assert e.actor1 is not None and e.actor1.actor.kind == "protesters"
    assert e.location is not None and e.location.place.name == "Baghdad"
    assert e.date.range.start == dt.date(2024, 3, 8)


def test_talks_with_counterpart(code: Code) -> None:
    report = code(
        "Iraqi Foreign Minister Fuad Hussein held talks with Iranian Foreign Minister "
        "Abbas Araghchi in Tehran on Monday."
    )
    (e,) = events(report)
    assert e.plover_type == "CONSULT"
    assert e.event_type is None
    assert e.actor1 is not None and e.actor1.actor.name == "Government of Iraq"
    assert e.actor2 is not None and e.actor2.actor.name == "Government of Iran"
    assert e.location is not None and e.location.place.name == "Tehran"


def test_talks_with_unnamed_counterpart(code: Code) -> None:
    report = code(
        "Iraqi Foreign Minister Fuad Hussein held talks with his Iranian counterpart "
        "in Tehran on Monday."
    )
    (e,) = events(report)
    assert e.actor2 is not None and e.actor2.actor.name == "Government of Iran"


def test_talks_without_counterpart_is_no_event(code: Code) -> None:
    report = code("Talks are expected to resume next week.")
    assert [e for e in events(report) if e.plover_type == "CONSULT"] == []


def test_accusation(code: Code) -> None:
    report = code("The Yemeni government accused the Houthis of attacking a school in Taiz.")
    accuse, alleged = events(report)
    assert accuse.plover_type == "ACCUSE"
    assert accuse.actor1 is not None and accuse.actor1.actor.name == "Government of Yemen"
    assert accuse.actor2 is not None and accuse.actor2.actor.actor_id == "houthis"
    # The attack accused of is coded too (as ACLED codes reported allegations), as a claim.
    assert alleged.plover_type == "ASSAULT" and alleged.modality == "claimed"
    assert alleged.actor1 is not None and alleged.actor1.actor.actor_id == "houthis"


def test_negated_acceptance_is_reject(code: Code) -> None:
    report = code(
        "Hamas did not accept the Israeli proposal for a truce, a senior official said on Monday."
    )
    (e,) = events(report)
    assert e.plover_type == "REJECT"
    assert e.trigger.text == "accept"
    assert e.actor1 is not None and e.actor1.actor.actor_id == "hamas"
    assert e.date.range.start == dt.date(2024, 3, 11)


def test_rebels_capture_town(code: Code) -> None:
    report = code("Al-Shabaab fighters captured the town of Jilib in southern Somalia on Saturday.")
    (e,) = events(report)
    assert (e.event_type, e.sub_event_type) == ("Battles", "Non-state actor overtakes territory")
    assert e.actor1 is not None and e.actor1.actor.actor_id == "al-shabaab"
    assert e.location is not None and e.location.place.name == "Jilib"
    assert e.location.place.country == "SO"


def test_army_recaptures_town(code: Code) -> None:
    report = code(
        "The Somali army recaptured the town of Jilib from al-Shabaab fighters on Saturday."
    )
    (e,) = events(report)
    assert (e.event_type, e.sub_event_type) == ("Battles", "Government regains territory")
    assert e.actor1 is not None and e.actor1.actor.name == "Military Forces of Somalia"
    assert e.location is not None and e.location.place.name == "Jilib"
    assert e.date.range.start == dt.date(2024, 3, 9)


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "expected"),
    [(dt.date(2024, 3, 14), dt.date(2024, 3, 12)), (dt.date(2024, 3, 20), dt.date(2024, 3, 19))],
)
def test_weekday_resolved_against_publication(
    code: Code, published: dt.date, expected: dt.date
) -> None:
    report = code("Government forces shelled the village of Kafranbel on Tuesday.", published)
    (e,) = events(report)
    assert e.date.range.start == e.date.range.end == expected
    assert e.date.range.precision == 1
    assert e.date.span is not None and e.date.span.text == "Tuesday"
    assert e.background is False


def test_undated_event_gets_a_window(code: Code) -> None:
    report = code("Government forces shelled the village of Kafranbel.")
    (e,) = events(report)
    assert e.date.span is None
    assert e.date.range.end == dt.date(2024, 3, 14)
    assert e.date.range.start is not None and e.date.range.start < dt.date(2024, 3, 14)
    assert e.date.range.precision > 1


def test_background_event_in_1990(code: Code) -> None:
    report = code(
        "In 1990, Iraqi forces seized Kuwait City. On Tuesday, police arrested two men in Baghdad."
    )
    seized = by_trigger(report, "seized")
    assert seized.background is True
    assert seized.date.range.start == dt.date(1990, 1, 1)
    assert seized.date.range.end == dt.date(1990, 12, 31)
    assert seized.date.range.precision == 4
    arrested = by_trigger(report, "arrested")
    assert arrested.background is False
    assert arrested.date.range.start == dt.date(2024, 3, 12)


def test_background_month_year(code: Code) -> None:
    report = code(
        "The Iraqi army seized the town of Fallujah from Islamic State militants in June 2016."
    )
    e = by_trigger(report, "seized")
    assert e.background is True
    assert (e.date.range.start, e.date.range.end) == (dt.date(2016, 6, 1), dt.date(2016, 6, 30))
    assert e.sub_event_type == "Government regains territory"


def test_year_reaches_conjoined_verb(code: Code) -> None:
    report = code("In 1990, Iraqi forces invaded Kuwait and seized its capital.")
    # One type, one place, one sentence: the seizure may be told as part of the invasion.
    (e,) = [x for x in report.events if x.trigger.text in ("invaded", "seized")]
    assert e.background is True
    assert (e.date.range.start, e.date.range.end) == (dt.date(1990, 1, 1), dt.date(1990, 12, 31))


# --- places ------------------------------------------------------------------------------------


def test_place_from_the_triggers_clause(code: Code) -> None:
    report = code(
        "Speaking at a news conference in Damascus, the governor said rebels had "
        "shelled the town of Saraqib on Tuesday."
    )
    e = by_trigger(report, "shelled")
    assert e.location is not None
    assert e.location.place.name == "Saraqib"  # not Damascus, where the governor spoke
    assert e.location.span is not None and e.location.span.text == "Saraqib"
    assert e.modality == "reported"


def test_the_town_refers_to_earlier_town(code: Code) -> None:
    report = code(
        "Islamic State militants stormed the town of Tal Afar on Sunday. Iraqi "
        "troops shelled the town on Monday."
    )
    e = by_trigger(report, "shelled")
    assert e.location is not None
    assert e.location.place.country == "IQ"
    assert e.location.span is not None and e.location.span.text == "Tal Afar"
    assert e.date.range.start == dt.date(2024, 3, 11)
    assert e.actor1 is not None and e.actor1.actor.name == "Military Forces of Iraq"


def test_province_gives_region_precision(code: Code) -> None:
    report = code(
        "Fighting erupted between tribal fighters and the SDF in Deir ez-Zor province on Sunday."
    )
    (e,) = events(report)
    assert e.location is not None
    assert e.location.place.feature_code == "ADM1"
    assert e.location.geo_precision == 3


def test_near_gives_precision_two(code: Code) -> None:
    report = code("Rebels shelled government positions near Aleppo on Monday.")
    (e,) = events(report)
    assert e.location is not None and e.location.place.name == "Aleppo"
    assert e.location.geo_precision == 2


# --- one happening, one event ----------------------------------------------------------------


def test_same_stabbing_told_twice_is_one_event(code: Code) -> None:
    report = code(
        "A man stabbed two women at a bus stop in Hamburg on Friday evening. He "
        "stabbed the women with a kitchen knife and fled on foot, witnesses said."
    )
    stabbings = [e for e in events(report) if e.trigger.text == "stabbed"]
    assert len(stabbings) == 1
    e = stabbings[0]
    assert e.plover_mode == "melee"
    assert e.counts["injured"].best == 2
    assert e.location is not None and e.location.place.name == "Hamburg"
    assert e.date.range.start == dt.date(2024, 3, 8)
    assert len(e.related_evidence) == 1
    assert e.related_evidence[0].text.startswith("He stabbed")


def test_stabbing_of_officers_told_twice_is_one_event(code: Code) -> None:
    report = code(
        "A man stabbed two police officers outside a station in Hamburg on Friday. "
        "The attacker stabbed the officers with a kitchen knife before he was "
        "arrested, police said."
    )
    stabbings = [e for e in events(report) if e.trigger.text == "stabbed"]
    assert len(stabbings) == 1, summary(report)


def test_different_days_are_different_events(code: Code) -> None:
    report = code(
        "Islamic State militants stormed the town of Tal Afar on Sunday. Iraqi "
        "troops shelled the town on Monday."
    )
    assert len([e for e in events(report) if e.plover_type == "ASSAULT"]) == 2


# --- counts ----------------------------------------------------------------------------------


def test_at_least_count(code: Code) -> None:
    report = code(
        "Gunmen killed at least 12 people in the village of Kauru in Kaduna state "
        "on Saturday, police said."
    )
    (e,) = events(report)
    assert e.fatalities is not None
    assert e.fatalities.low == 12 and e.fatalities.best == 12 and e.fatalities.high is None
    assert e.fatalities.qualifier == "at least"
    assert e.fatalities.span.text.endswith("12")
    assert e.location is not None and e.location.place.country == "NG"


def test_passive_count(code: Code) -> None:
    report = code("At least 12 people were killed in Saraqib on Tuesday, activists said.")
    e = by_trigger(report, "killed")
    assert e.fatalities is not None and e.fatalities.low == 12


def test_range_count(code: Code) -> None:
    report = code(
        "Between 20 and 25 soldiers were killed in fierce fighting with al-Shabaab "
        "near Jilib, a military official said."
    )
    # The killing is the toll of the fighting: one event carries the deaths.
    (e,) = [e for e in events(report) if e.plover_type == "ASSAULT"]
    assert e.fatalities is not None
    assert (e.fatalities.low, e.fatalities.high, e.fatalities.qualifier) == (20, 25, "range")


# --- provenance over a longer dispatch --------------------------------------------------------

_PARAGRAPHS = [
    "BEIRUT (Reuters) — Syrian government forces shelled rebel-held villages in Idlib "
    "province on Wednesday, killing six civilians, opposition activists said.",
    "The bombardment came a day after fighters of Hayat Tahrir al-Sham attacked an army "
    "post near the town of Saraqib. The militants later withdrew, the group said in a "
    "statement.",
    "Separately, Turkish police detained 23 suspected Islamic State members in raids "
    "across Istanbul and Ankara on Tuesday, the state-run Anadolu Agency reported.",
    "In Iraq, unidentified gunmen shot dead three shepherds near Baqubah, police said. "
    "Iraqi Prime Minister Mohammed Shia al-Sudani said the attackers would be punished.",
    "Hundreds of people protested in Baghdad on Friday.",
]
DISPATCH = "\n\n".join(_PARAGRAPHS) + "\n"

SENTENCES = [
    "Russian warplanes launched air strikes on the town of Saraqib in Idlib province on "
    "Tuesday, a monitoring group said.",
    "A car bomb exploded at a busy market in Kirkuk on Sunday, killing four people, police said.",
    "Speaking at a news conference in Damascus, the governor said rebels had shelled the town "
    "of Saraqib on Tuesday.",
    "MOSUL, Iraq — Iraqi troops shelled Islamic State positions on the western edge of the "
    "city on Tuesday.",
    "Government forces shelled the village of Kafr Nabl near Aleppo on Monday, wounding five "
    "people.\n\nA man stabbed two women in Hamburg on Friday. He stabbed the women with a knife.",
]


def test_dispatch_provenance_and_content(code: Code) -> None:
    report = code(DISPATCH)
    found = events(report)
    assert len(found) >= 5
    assert all(e.evidence.text.strip() for e in found)
    types = {e.sub_event_type for e in found}
    assert {"Shelling/artillery/missile attack", "Arrests"} <= types
    assert all(e.location is None or e.location.place.country in ("SY", "TR", "IQ") for e in found)
    assert len({e.event_id for e in found}) == len(found)


@pytest.mark.parametrize("text", SENTENCES)
def test_provenance(code: Code, text: str) -> None:
    report = code(text)
    assert events(report)  # check_provenance ran over events and mentions


def test_event_ids_are_stable(code: Code) -> None:
    first = [e.event_id for e in code(DISPATCH).events]
    second = [e.event_id for e in code(DISPATCH).events]
    assert first == second


def test_claim_of_responsibility_names_the_attacker(code: Code) -> None:
    report = code(
        "Gunmen ambushed a police convoy in the Kurram district on Thursday, killing five "
        "officers, the military said. The Pakistani Taliban claimed the attack."
    )
    (e,) = [e for e in events(report) if e.plover_type == "ASSAULT"]
    assert e.actor1 is not None and e.actor1.actor.actor_id == "ttp"
    assert e.fatalities is not None and e.fatalities.low == 5


def test_relative_pronoun_stands_for_its_noun(code: Code) -> None:
    report = code(
        "Troops freed 27 students who were abducted from a boarding school in Kaduna state "
        "last month, the army said on Saturday."
    )
    e = by_trigger(report, "abducted")
    assert e.sub_event_type == "Abduction/forced disappearance"
    assert e.actor2 is not None and e.actor2.actor.kind == "civilians"
    assert e.counts["abducted"].low == 27


def test_no_place_lent_across_a_change_of_scene(code: Code) -> None:
    report = code(
        "A spokesman said security forces had arrested two suspects. "
        "Separately, gunmen attacked a checkpoint in Kandahar on Thursday."
    )
    arrest = by_trigger(report, "arrested")
    assert arrest.location is None


def test_raid_is_how_the_arrest_was_made(code: Code) -> None:
    report = code("Police arrested 15 Afghans in overnight raids in Peshawar, officials said.")
    (e,) = events(report)
    assert e.sub_event_type == "Arrests" and e.trigger.text == "arrested"
    assert e.actor2 is not None and e.actor2.actor.name == "Civilians (Afghanistan)"
    assert e.counts["arrested"].low == 15


def test_police_firing_on_protesters_is_excessive_force(code: Code) -> None:
    report = code(
        "LAGOS, Nigeria — Nigerian police fired live bullets at hundreds of protesters in Lagos "
        "on Tuesday, killing at least three people, witnesses said."
    )
    e = by_trigger(report, "fired")
    assert e.sub_event_type == "Excessive force against protesters"
    assert e.actor1 is not None and e.actor1.actor.name == "Police Forces of Nigeria"
    assert e.actor2 is not None and e.actor2.actor.kind == "protesters"
    assert e.fatalities is not None and e.fatalities.low == 3


def test_protesters_storming_a_building_is_a_riot(code: Code) -> None:
    report = code("Protesters stormed the parliament in Colombo on Wednesday, police said.")
    e = by_trigger(report, "stormed")
    assert (e.event_type, e.sub_event_type) == ("Riots", "Violent demonstration")


def test_both_tolls_join_the_bombing(code: Code) -> None:
    report = code(
        "At least nine people were killed and more than 20 wounded when a car bomb exploded "
        "near a checkpoint in Baidoa on Saturday, police said."
    )
    (e,) = [e for e in events(report) if e.plover_type == "ASSAULT"]
    assert e.sub_event_type == "Remote explosive/landmine/IED"
    assert e.fatalities is not None and e.fatalities.low == 9
    assert e.counts["injured"].low == 20


def test_claimed_attack_is_not_a_new_event(code: Code) -> None:
    report = code(
        "A roadside bomb killed four soldiers near Baidoa on Sunday. "
        "Al-Shabaab claimed responsibility for the attack."
    )
    assaults = [e for e in events(report) if e.plover_type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].actor1 is not None and assaults[0].actor1.actor.actor_id == "al-shabaab"


def test_event_note_with_a_bare_toll(code: Code) -> None:
    report = code(
        "On 9 May 2020, unidentified warplanes carried out airstrikes on militia positions "
        "near al-Bukamal. 3 fatalities."
    )
    (e,) = events(report)
    assert e.sub_event_type == "Air/drone strike"
    assert e.actor1 is not None and e.actor1.actor.name == "Unidentified Military Forces"
    assert e.date.range.start == dt.date(2020, 5, 9)
    assert e.fatalities is not None and e.fatalities.low == 3


def test_kinds_of_attack_are_not_events(code: Code) -> None:
    report = code(
        "The group has carried out similar attacks in recent months and threatened "
        "further strikes on the capital."
    )
    assert [e for e in events(report) if e.plover_type == "ASSAULT"] == []


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The UN Security Council urged both sides to halt the fighting on Monday.", "REQUEST"),
        ("The foreign ministry denounced the raid on the embassy on Monday.", "ACCUSE"),
        (
            "Prosecutors will investigate the deaths of the two journalists, officials said.",
            "INVESTIGATE",
        ),
        ("The European Union imposed sanctions on three army generals on Monday.", "SANCTION"),
        ("The rebels released 20 prisoners on Monday as a goodwill gesture.", "CONCEDE"),
    ],
)
def test_verbal_and_political_plover_types(code: Code, text: str, plover: str) -> None:
    assert plover in [e.plover_type for e in code(text).events]


def test_released_a_statement_is_no_concession(code: Code) -> None:
    report = code("The army released a statement on Monday.")
    assert all(e.plover_type != "CONCEDE" for e in report.events)


def test_event_with_no_place_near_it_is_placed_in_the_article_focus(code: Code) -> None:
    report = code(
        "Police in Kandahar said the city was calm on Monday. Officials in Kandahar "
        "promised more patrols.\n\nA spokesman said security forces had arrested two suspects."
    )
    arrest = by_trigger(report, "arrested")
    assert arrest.location is not None and arrest.location.place.name.startswith("Kandah")
    assert arrest.location.geo_precision == 3 and arrest.location.span is None


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The European Union gave the government 5 million dollars of aid on Monday.", "AID"),
        ("The government lifted the night curfew in the province on Sunday.", "CONCEDE"),
        ("The two countries restored diplomatic ties on Monday after a ten-year break.", "SUPPORT"),
        ("The minister praised the army's efforts to protect civilians on Monday.", "SUPPORT"),
        ("The rebels promised to free all hostages by Friday, a mediator said.", "AGREE"),
        ("Zambia extradited a suspected militant to Britain on Sunday.", "COOPERATE"),
    ],
)
def test_cooperative_plover_types(code: Code, text: str, plover: str) -> None:
    assert plover in [e.plover_type for e in code(text).events]


def test_lifting_a_curfew_is_no_new_curfew(code: Code) -> None:
    report = code("The government lifted the night curfew in the province on Sunday.")
    assert all(e.sub_event_type != "Change to group/activity" for e in report.events)


def test_local_dateline_places_an_unplaced_event(code: Code) -> None:
    report = code(
        "KANO: Gunmen on a motorcycle shot dead a trader on Sabon Gari road on Monday, "
        "police said. The attackers fled."
    )
    shooting = by_trigger(report, "shot")
    assert shooting.location is not None and shooting.location.place.name == "Kano"


def test_foreign_bureau_dateline_places_nothing(code: Code) -> None:
    report = code(
        "NAIROBI: Gunmen shot dead a trader on Monday, police in Mogadishu's Hodan district "
        "said later. Separately, officials in Baidoa reported calm."
    )
    shooting = by_trigger(report, "shot")
    assert shooting.location is None or shooting.location.place.country != "KE"


def test_possessive_city_locates_but_possessive_state_acts(code: Code) -> None:
    report = code("Police fired tear gas at protesters in Bogota's Plaza de Bolivar on Monday.")
    (event,) = [e for e in report.events if e.plover_type in ("PROTEST", "ASSAULT")][:1]
    assert event.location is not None and event.location.place.country == "CO"
    report = code("Ukraine's army shelled positions near the village on Monday.")
    shelling = by_trigger(report, "shelled")
    assert shelling.location is None or shelling.location.place.feature_code != "PCLI"


def test_date_before_a_closing_attribution_is_the_events(code: Code) -> None:
    report = code(
        "Army troops recovered a cache of rifles in Datu Piang, Maguindanao, on Wednesday, "
        "the military said.",
        published=dt.date(2021, 11, 12),
    )
    event = by_trigger(report, "recovered")
    assert event.date.range.start == event.date.range.end == dt.date(2021, 11, 10)


def test_event_date_told_before_the_date_of_the_saying(code: Code) -> None:
    report = code(
        "Militiamen raped at least five women who were sheltering in a school in El Geneina "
        "on Thursday, a lawyers' group said on Saturday.",
        published=dt.date(2023, 6, 17),
    )
    event = by_trigger(report, "raped")
    assert event.date.range.start == event.date.range.end == dt.date(2023, 6, 15)


def test_headline_event_is_the_leads(code: Code) -> None:
    report = code(
        "Seven protesters killed as police fire live rounds in Khartoum\n"
        "KHARTOUM - Security forces shot dead seven people during protests in Khartoum on "
        "Monday, doctors said.",
        published=dt.date(2022, 1, 18),
    )
    assaults = [e for e in report.events if e.plover_type == "ASSAULT"]
    assert assaults and all(e.trigger.start > report.article.text.index("\n") for e in assaults)


def test_one_type_one_place_one_sentence_is_one_event(code: Code) -> None:
    report = code(
        "Insurgents overran a military base in Marte on Saturday, forcing soldiers to retreat "
        "and taking control of the town. At least five soldiers were killed in the attack.",
        published=dt.date(2021, 4, 18),
    )
    gains = [e for e in report.events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(gains) == 1
    assert gains[0].fatalities is not None and gains[0].fatalities.best == 5


def test_town_named_inside_the_region_places_the_event(code: Code) -> None:
    report = code(
        "Three suicide bombers killed 30 people at a hall in the town of Konduga in "
        "northeastern Borno state late on Sunday, officials said.",
        published=dt.date(2019, 6, 17),
    )
    typed = [e for e in report.events if e.sub_event_type]
    assert typed and typed[0].location is not None
    assert typed[0].location.place.name == "Konduga"


def test_local_dateline_beats_a_region_told_later(code: Code) -> None:
    report = code(
        "TUMACO - Two men on a motorcycle shot dead a community leader outside his home on "
        "Sunday night. He was the eighth social leader killed in Narino this year.",
        published=dt.date(2019, 6, 10),
    )
    shooting = by_trigger(report, "shot")
    assert shooting.location is not None and shooting.location.place.name == "Tumaco"


def test_dateline_with_a_filing_date(code: Code) -> None:
    """ "MOGADISHU, May 15 (Reuters) -": the place files the story, the date is its filing."""
    report = code(
        "MOGADISHU, May 15 (Reuters) - Al Shabaab fighters stormed an army base on the "
        "outskirts of Afgooye on Tuesday, military officials said.",
        published=dt.date(2019, 5, 15),
    )
    assert report.article.dateline is not None
    assert report.article.dateline.span.text == "MOGADISHU"
    stormed = by_trigger(report, "stormed")
    assert stormed.date.range.start == stormed.date.range.end == dt.date(2019, 5, 14)


def test_lead_without_a_day_takes_the_next_sentences_day(code: Code) -> None:
    report = code(
        "Ukrainian troops have recaptured Balakliia, a town southeast of Kharkiv, the military "
        "said. Units entered the town on Thursday after a rapid advance.",
        published=dt.date(2022, 9, 10),
    )
    retaken = by_trigger(report, "recaptured")
    assert retaken.date.range.start == retaken.date.range.end == dt.date(2022, 9, 8)


def test_a_sayings_day_in_the_next_sentence_is_not_lent(code: Code) -> None:
    report = code(
        "Ukrainian troops have recaptured Balakliia, a town southeast of Kharkiv. The "
        "military said on Thursday that the advance continued.",
        published=dt.date(2022, 9, 10),
    )
    retaken = by_trigger(report, "recaptured")
    assert retaken.date.range.precision != 1


def test_bracket_qualified_town_places_the_note(code: Code) -> None:
    """In a coder's note the town qualified in brackets is where it happened."""
    report = code(
        "On 13 March 2016, a TAK militant detonated a car bomb next to a bus stop in Ankara "
        "(Ankara). 37 fatalities.",
        published=dt.date(2016, 3, 14),
    )
    typed = [e for e in report.events if e.sub_event_type]
    assert typed and typed[0].location is not None
    assert typed[0].location.place.name == "Ankara"


def test_place_parsed_as_a_subject_after_the_verb_is_its_object(code: Code) -> None:
    report = code(
        "On 2 March 2020, regime forces and allied militias, backed by Russian aircraft, "
        "recaptured Saraqeb (Idleb) from HTS and Turkish-backed NLF factions.",
        published=dt.date(2020, 3, 3),
    )
    event = by_trigger(report, "recaptured")
    assert event.location is not None and event.location.place.name == "Saraqib"


def test_struck_buildings_are_no_toll(code: Code) -> None:
    """The number of buildings hit counts no dead; the toll told next is the strike's."""
    report = code(
        "On 23 October 2024, warplanes struck several residential buildings in Tyre. At least "
        "5 people were killed and 17 injured, the health ministry said."
    )
    strike = by_trigger(report, "struck")
    assert strike.fatalities is not None and strike.fatalities.best == 5


def test_coded_tally_after_a_background_sentence_counts_the_note_event(code: Code) -> None:
    report = code(
        "On 11 December 2019, unidentified gunmen shot dead an activist outside his home in "
        "Amarah. It was the latest in a series of targeted killings since the October "
        "protests. Fatalities coded as 1.",
        published=dt.date(2019, 12, 12),
    )
    shot = by_trigger(report, "shot")
    assert shot.fatalities is not None and shot.fatalities.best == 1


def test_dateline_word_is_no_subject(code: Code) -> None:
    """The parser may hang a dateline on the verb as its subject; the victims are counted."""
    report = code(
        "KISII — Four elderly people accused of witchcraft were lynched and their bodies set "
        "ablaze by a mob in a village outside Kisii town on Sunday, police said."
    )
    lynched = by_trigger(report, "lynched")
    assert lynched.fatalities is not None and lynched.fatalities.best == 4


def test_range_with_its_between_on_the_verb(code: Code) -> None:
    report = code(
        "OUAGADOUGOU — Between 10 and 14 civilians were killed when a bus struck an improvised "
        "explosive device near Djibo on Monday, security sources said."
    )
    (e,) = [e for e in report.events if e.plover_type == "ASSAULT"]
    assert e.fatalities is not None and (e.fatalities.low, e.fatalities.high) == (10, 14)


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        (
            "A suicide bomber rammed a car into a police checkpoint in Bannu on Tuesday, killing "
            "three policemen, officials said.\n\nThe bomber was also killed in the blast.",
            4,
        ),
        (
            "Two female suicide bombers blew themselves up at a market in Mora on Monday, killing "
            "at least four civilians. Both bombers died in the blasts.",
            6,
        ),
        (
            "A suicide bomber detonated a car outside a restaurant in Mogadishu on Friday, "
            "killing at least 10 people, not including the bomber, police said.",
            11,
        ),
        (
            "On 4 July 2016, a suicide bomber blew himself up near a post in Medina. 4 officers "
            "and the attacker were killed. 5 fatalities.",
            5,
        ),
        (
            "A suicide bomber blew himself up outside a restaurant in Mogadishu on Thursday. "
            "The bomber and at least six civilians were killed, and 11 people were wounded.",
            7,
        ),
    ],
)
def test_attackers_who_died_are_counted_once(code: Code, text: str, dead: int) -> None:
    (e,) = [e for e in events(code(text)) if e.sub_event_type == "Suicide bomb"]
    assert e.fatalities is not None and e.fatalities.best == dead


def test_toll_of_the_fighting_is_the_takeovers(code: Code) -> None:
    report = code(
        "The Taliban seized most of the northern city of Kunduz on Sunday, officials said.\n\n"
        "Government forces retreated to the army base near the airport.\n\n"
        "At least five people were killed in the fighting on Sunday, a doctor said.",
        published=dt.date(2021, 8, 9),
    )
    seized = by_trigger(report, "seized")
    assert seized.sub_event_type == "Non-state actor overtakes territory"
    assert seized.fatalities is not None and seized.fatalities.best == 5


def test_toll_after_a_participle_the_parser_left_without_object(code: Code) -> None:
    report = code(
        "KANO, Nigeria, Aug 2 — Police fired tear gas and live rounds at protesters in Kano on "
        "Thursday, killing at least three people, a hospital official and witnesses said, on "
        "the first day of nationwide demonstrations against hardship."
    )
    fired = by_trigger(report, "fired")
    assert fired.sub_event_type == "Excessive force against protesters"
    assert fired.fatalities is not None and fired.fatalities.best == 3


def test_name_of_a_movement_is_no_protest(code: Code) -> None:
    report = code(
        "On 30 March 2018, on the first day of the Great March of Return, soldiers opened fire "
        "on demonstrators near the border fence east of Khan Yunis, killing 4."
    )
    assert "March" not in [e.trigger.text for e in report.events]


def test_left_people_dead_counts_them(code: Code) -> None:
    report = code(
        "Fighting between ELN guerrillas and dissidents in rural areas of Tame municipality on "
        "Sunday left at least 16 people dead, the defence minister said."
    )
    (e,) = [e for e in report.events if e.plover_type == "ASSAULT"]
    assert e.sub_event_type == "Armed clash"
    assert e.fatalities is not None and e.fatalities.low == 16
